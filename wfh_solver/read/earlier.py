"""Earlier rosters for `--previous`: each person's WFH days, as HR's file really says them.

A roster comes back edited: a person listed twice (a copy, or one row per unit after a
move mid-month), `wfh ` retyped by hand, the long CSV layout. Rows of one NIP are merged
day by day, so a copied row is not counted twice and complementary rows add up; two rows
that disagree on a day are refused, naming the cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from wfh_solver.read.errors import column_letter
from wfh_solver.read.roster import RosterSheet, cell_code, entered_twice, read_days
from wfh_solver.read.sources import Cell


@dataclass(frozen=True, slots=True)
class EarlierRoster:
    path: Path
    wfh: dict[str, int]  # NIP (as written) → WFH days
    days: tuple[date, ...]  # the dates the roster covers


def read_earlier(path: str | Path) -> EarlierRoster:
    """An earlier roster (ours, hand-edited, or the long CSV): WFH days per NIP."""
    roster = read_days(path)
    merged = _merged_by_nip(roster)
    return EarlierRoster(Path(path), {nip: _wfh_cells(cells) for nip, cells in merged.items()},
                         tuple(roster.days))


def _merged_by_nip(roster: RosterSheet) -> dict[str, tuple[Cell, ...]]:
    merged: dict[str, tuple[Cell, ...]] = {}
    for row in roster.rows:
        if not row.nip:
            continue
        seen = merged.get(row.nip)
        if seen is None:
            merged[row.nip] = row.cells
            continue
        cells = list(seen)
        for k, (was, now) in enumerate(zip(seen, row.cells, strict=True)):
            if cell_code(now) and cell_code(was) and cell_code(now) != cell_code(was):
                column = column_letter(roster.day_columns[k]) if roster.day_columns else ""
                raise entered_twice(roster.path, roster.sheet, row.row, column, row.nip,
                                    roster.days[k], was, now)
            if not cell_code(was):
                cells[k] = now
        merged[row.nip] = tuple(cells)
    return merged


def _wfh_cells(cells: tuple[Cell, ...]) -> int:
    """`WFH` cells as HR may have retyped them (`wfh `); the exact spelling counted fast."""
    exact = cells.count("WFH")
    if exact + cells.count("WFO") + cells.count("CUTI") + cells.count("DL") == len(cells):
        return exact
    return sum(1 for c in cells if cell_code(c) == "WFH")
