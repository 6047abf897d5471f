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

from wfh_solver.messages import t
from wfh_solver.read.errors import InputError, InputProblem, column_letter
from wfh_solver.read.roster import RosterSheet, read_days
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
            if _code(now) and _code(was) and _code(now) != _code(was):
                column = (column_letter(roster.day_columns[k]) if roster.day_columns else "")
                raise InputError([InputProblem(
                    str(roster.path), roster.sheet, row.row, column, str(now),
                    t("roster_twice", nip=row.nip, day=f"{roster.days[k]:%d/%m/%Y}",
                      first=was, second=now), t("roster_hint_twice"))])
            if not _code(was):
                cells[k] = now
        merged[row.nip] = tuple(cells)
    return merged


def _code(cell: Cell) -> str:
    return str(cell if cell is not None else "").strip().upper()


def _wfh_cells(cells: tuple[Cell, ...]) -> int:
    """`WFH` cells as HR may have retyped them (`wfh `); the exact spelling counted fast."""
    exact = cells.count("WFH")
    if exact + cells.count("WFO") + cells.count("CUTI") + cells.count("DL") == len(cells):
        return exact
    return sum(1 for c in cells if _code(c) == "WFH")
