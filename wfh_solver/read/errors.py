"""Input problems: collected first, raised once, each pointing at a spreadsheet cell."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from wfh_solver.base.cells import column_letter
from wfh_solver.base.messages import t

__all__ = ["InputError", "InputProblem", "column_letter", "file_error"]


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One thing wrong with the input, as HR would find it in Excel."""

    file: str
    sheet: str
    row: int | None
    column: str
    value: str
    reason: str
    hint: str = ""
    severity: str = "error"

    def location(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(t("loc_sheet", sheet=self.sheet))
        if self.row is not None:
            parts.append(t("loc_row", row=self.row))
        if self.column:
            parts.append(t("loc_column", column=self.column))
        return ", ".join(parts)

    def line(self) -> str:
        value = t("loc_value", value=self.value) if self.value else ""
        hint = f" — {self.hint}" if self.hint else ""
        return f"{self.location()}: {self.reason}{value}{hint}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class InputError(Exception):
    """Bad input: one or more problems that stop the run (exit code 2)."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = [p for p in problems if p.severity == "error"] or problems
        self.warnings = [p for p in problems if p.severity != "error"]
        super().__init__(self.summary())

    def summary(self) -> str:
        first = self.problems[0].line() if self.problems else "bad input"
        more = len(self.problems) - 1
        return first + (f" (and {more} more problem(s))" if more > 0 else "")


def file_error(file: str, reason: str, hint: str = "") -> InputError:
    return InputError([InputProblem(file, "", None, "", "", reason, hint)])
