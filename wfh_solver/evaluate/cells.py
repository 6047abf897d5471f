"""Where a person's day is in the roster sheet, so every violation can name its cell."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wfh_solver.base.cells import column_letter
from wfh_solver.domain.employee import Employee


@dataclass(frozen=True, slots=True)
class Layout:
    """`rows[i]`: the 1-based Excel row of employee i (0: not in the sheet);
    `columns[d]`: the 0-based column of working day d (-1: no such column)."""

    sheet: str
    rows: Sequence[int]
    columns: Sequence[int]

    def cell(self, employee: int, day: int) -> str:
        row, col = self.rows[employee], self.columns[day]
        if row <= 0 or col < 0:
            return f"{self.sheet}!-"
        return f"{self.sheet}!{column_letter(col)}{row}"

    def row_cells(self, employee: int) -> str:
        """The person's day cells, as a range: `Jadwal!F17:Y17`."""
        row = self.rows[employee]
        present = [c for c in self.columns if c >= 0]
        if row <= 0 or not present:
            return f"{self.sheet}!-"
        first, last = column_letter(min(present)), column_letter(max(present))
        return f"{self.sheet}!{first}{row}:{last}{row}"


def _text_key(text: str) -> tuple[str, str]:
    return (text.casefold(), text)


def roster_order(employees: Sequence[Employee]) -> list[int]:
    """Employee indices in the order the roster sheet lists them: by unit, then sub-unit,
    then the staff list's order. The writer uses this too, so cells named here match."""
    return sorted(
        range(len(employees)),
        key=lambda i: (_text_key(employees[i].unit), _text_key(employees[i].sub_unit)),
    )


def written_layout(employees: Sequence[Employee], days: int, sheet: str = "Jadwal",
                   first_day: int = 5) -> Layout:
    """The layout our writer uses: rows in `roster_order` below one header row, days from F."""
    order = roster_order(employees)
    rows = [0] * len(order)
    for position, i in enumerate(order):
        rows[i] = position + 2
    return Layout(sheet, rows, [first_day + d for d in range(days)])
