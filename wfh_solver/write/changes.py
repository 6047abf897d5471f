"""The `Perubahan` sheet of a replan: per unit, each person whose published days changed, with
the days (old → new), the list a head reads out or sends by message."""

from __future__ import annotations

from datetime import date

import numpy as np

from wfh_solver.base.labels import label
from wfh_solver.solve.result import CODES, Result
from wfh_solver.write import ooxml

#: published cells are `read/entries.py` codes: WFO 1, WFH 2, CUTI 3, DL 4
_PUBLISHED = ("", "WFO", "WFH", "CUTI", "DL")
_HEADERS = ("col_unit", "col_sub_unit", "col_nip", "col_name", "col_position",
            "col_changed_days", "col_changes")


def change_text(days: tuple[date, ...], columns: list[int], old: list[str],
                new: list[str]) -> str:
    """`12/07–16/07 WFO→WFH, 19/07 WFH→WFO`: runs of working days in a row (`columns`, the
    roster's day indices) with the same change."""
    parts: list[str] = []
    k = 0
    while k < len(days):
        end = k
        while end + 1 < len(days) and columns[end + 1] == columns[end] + 1 \
                and (old[end + 1], new[end + 1]) == (old[k], new[k]):
            end += 1
        span = f"{days[k]:%d/%m}" + (f"–{days[end]:%d/%m}" if end > k else "")
        parts.append(f"{span} {old[k]}→{new[k]}")
        k = end + 1
    return ", ".join(parts)


def change_rows(result: Result, order: list[int]) -> list[list[str | int | date | None]]:
    """One row per person with a changed cell, in the roster's order (unit by unit)."""
    rev = result.revision
    assert rev is not None
    roster = result.roster
    codes = roster.codes()
    rows: list[list[str | int | date | None]] = []
    for i in order:
        changed = np.flatnonzero(rev.changed[i])
        if not len(changed):
            continue
        e = roster.employees[i]
        days = tuple(roster.days[d] for d in changed.tolist())
        old = [_PUBLISHED[int(rev.published[i, d])] for d in changed.tolist()]
        new = [CODES[int(codes[i, d])] for d in changed.tolist()]
        rows.append([e.unit, e.sub_unit, e.nip, e.name, e.position, len(changed),
                     change_text(days, changed.tolist(), old, new)])
    return rows


def write_changes(book: ooxml.Workbook, result: Result, lang: str, order: list[int]) -> None:
    """The sheet, persons in `order` (the roster's)."""
    from wfh_solver.write.findings import write_table

    rows = change_rows(result, order) or [["", "", "", label("none", lang), "", 0, ""]]
    write_table(book, label("sheet_changes", lang), [label(k, lang) for k in _HEADERS], rows,
                (30, 24, 22, 30, 30, 10, 70))
