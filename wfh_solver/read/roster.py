"""A roster workbook back into cells: ours, edited in Excel or LibreOffice, or hand-made.

HR edits rosters: rows get re-sorted or filtered, columns hidden, cells coloured,
`wfh` typed in lower case with a trailing space, a row deleted or added. The
reader finds the header row (a `NIP` column and date columns), keeps each cell's
Excel address, and leaves judging the contents to `wfh_solver.check.roster`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import itemgetter
from pathlib import Path

from wfh_solver.base.messages import t
from wfh_solver.read.dates import parse_one
from wfh_solver.read.errors import InputError, InputProblem, column_letter, file_error
from wfh_solver.read.sources import Cell, Sheet, load_sheets

HEADER_SCAN = 30
_NIP_HEADERS = frozenset({"nip", "nipbaru", "id", "nippegawai"})
_NAME_HEADERS = frozenset({"nama", "name", "namapegawai", "namalengkap"})
_UNIT_HEADERS = frozenset({"unitkerja", "unit", "opd", "skpd", "satuankerja", "perangkatdaerah"})
_SUB_UNIT_HEADERS = frozenset({"subunit", "subunitkerja", "bidang", "bagian"})
_PREFERRED = ("jadwal", "roster")
_SCIENTIFIC = re.compile(r"\s*\d(?:[.,]\d+)?[eE]\+?\d+\s*")
_DAY_HEADERS = frozenset({"tanggal", "tgl", "date", "day", "hari"})
_STATUS_HEADERS = frozenset({"status", "keterangan", "ket", "kehadiran", "lokasikerja"})


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One person's row: `cells[k]` is the raw value under `RosterSheet.day_columns[k]`."""

    nip: str
    name: str
    row: int  # 1-based Excel row
    cells: tuple[Cell, ...]
    unit: str | None = None  # None: the sheet has no unit column
    sub_unit: str | None = None  # None: the sheet has no sub-unit column


@dataclass(slots=True)
class RosterSheet:
    path: Path
    sheet: str
    nip_column: int  # 0-based
    days: list[date]
    day_columns: list[int]  # 0-based, aligned with `days`
    rows: list[RosterRow] = field(default_factory=list)
    #: 0-based columns of the name, unit and sub-unit (None when the sheet has none): `check`
    #: names the cell of a person whose name or unit differs from the staff list
    name_column: int | None = None
    unit_column: int | None = None
    sub_unit_column: int | None = None


def _key(value: Cell) -> str:
    return re.sub(r"[\s._/]+", "", str(value or "")).casefold()


def header_day(value: Cell) -> date | None:
    """A day column's header: a date cell, or text such as 23/03/2020 or 2020-03-23."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return parse_one(value.strip().split()[-1])
        except ValueError:
            return None
    return None


def nip_text(value: Cell) -> str:
    """A NIP as typed: spaces and a leading apostrophe dropped, a whole number as digits."""
    if isinstance(value, str) and value.isdigit():
        return value  # as our rosters and most exports write it
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", "", str(value if value is not None else "")).lstrip("'")


def _header(sheet: Sheet) -> tuple[int, int, int | None, list[int], list[date]] | None:
    """(row index, NIP column, name column, day columns, days) of the first header row."""
    for r, values in enumerate(sheet.rows[:HEADER_SCAN]):
        keys = [_key(v) for v in values]
        nip = next((j for j, k in enumerate(keys) if k in _NIP_HEADERS), None)
        if nip is None:
            continue
        name = next((j for j, k in enumerate(keys) if k in _NAME_HEADERS), None)
        columns, days = [], []
        for j, value in enumerate(values):
            day = header_day(value) if j > nip else None
            if day is not None:
                columns.append(j)
                days.append(day)
        if days:
            return r, nip, name, columns, days
    return None


def pick_header(sheets: list[Sheet]) -> tuple[Sheet, tuple[int, int, int | None, list[int],
                                                     list[date]]] | None:
    ranked = sorted(sheets, key=lambda s: s.name.strip().casefold() not in _PREFERRED)
    for sheet in ranked:
        found = _header(sheet)
        if found is not None:
            return sheet, found
    return None


def read_roster(path: str | Path) -> RosterSheet:
    """The roster sheet of a workbook; an `InputError` when no sheet looks like one."""
    path = Path(path)
    roster = wide_roster(path, roster_sheets(path))
    if roster is None:
        raise file_error(str(path), t("ck_no_sheet"), t("ck_hint_layout"))
    return roster


def roster_sheets(path: Path) -> list[Sheet]:
    """The sheets to look for a roster in: our `Jadwal` sheet alone when it is one (the
    other sheets are then never read), else every sheet, each file read at most twice."""
    sheets = load_sheets(path, only=_PREFERRED)
    if pick_header(sheets) is None and all(_preferred(s) for s in sheets):
        return load_sheets(path)  # a `Jadwal` sheet that is not the roster: look further
    return sheets  # `only` matched no sheet, so these are all of them already


def _preferred(sheet: Sheet) -> bool:
    return sheet.name.strip().casefold() in _PREFERRED


def wide_roster(path: Path, sheets: list[Sheet]) -> RosterSheet | None:
    """Our layout (a NIP column and one column per date) in the first sheet that has it."""
    picked = pick_header(sheets)
    if picked is None:
        return None
    sheet, (header, nip_col, name_col, columns, days) = picked
    offset = sheet.first_column
    unit_col, sub_col = _label_columns(sheet.rows[header], nip_col, columns[0])
    roster = RosterSheet(path, sheet.name, nip_col + offset, days, [c + offset for c in columns],
                         name_column=_shift(name_col, offset), unit_column=_shift(unit_col, offset),
                         sub_unit_column=_shift(sub_col, offset))
    width = max([nip_col, name_col or 0, unit_col or 0, sub_col or 0, *columns]) + 1
    lost: list[InputProblem] = []
    day_cells = itemgetter(*columns)  # a tuple per row for two or more day columns
    for r in range(header + 1, len(sheet.rows)):
        values = sheet.rows[r]
        if len(values) < width:  # a streamed row cut short after its last value
            values = [*values, *([None] * (width - len(values)))]
        cells = day_cells(values) if len(columns) > 1 else (values[columns[0]],)
        nip = nip_text(values[nip_col])
        if not nip and all(c in ("", None) for c in cells):
            continue  # a blank row, or a footer or a note below the table
        keep_whole(values[nip_col], path, sheet, r, nip_col, lost)
        name = str(values[name_col] or "").strip() if name_col is not None else ""
        roster.rows.append(RosterRow(nip, name, r + 1, cells, _label(values, unit_col),
                                     _label(values, sub_col)))
    if lost:
        raise InputError(lost)
    return roster


def _label_columns(header: list[Cell], nip: int, first_day: int) -> tuple[int | None,
                                                                          int | None]:
    """The unit and sub-unit columns among the header's labels before the first day."""
    keys = [_key(v) for v in header[:first_day]]
    unit = next((j for j, k in enumerate(keys) if k in _UNIT_HEADERS and j != nip), None)
    sub = next((j for j, k in enumerate(keys) if k in _SUB_UNIT_HEADERS and j != nip), None)
    return unit, sub


def _shift(column: int | None, offset: int) -> int | None:
    return None if column is None else column + offset


def _label(values: list[Cell], column: int | None) -> str | None:
    """A unit or sub-unit cell as text (blank → ""), or None when the sheet has no such column."""
    if column is None:
        return None
    value = values[column]
    return "" if value is None else " ".join(str(value).split())


def keep_whole(value: Cell, path: Path, sheet: Sheet, r: int, column: int,
               lost: list[InputProblem]) -> bool:
    """Note a NIP Excel has stored as a number past 15 digits (or shows as 1.96E+17):
    its last digits are gone, and matching it to anyone would be a guess. True when noted."""
    if isinstance(value, str):
        if value.isdigit() or not _SCIENTIFIC.fullmatch(value):  # digits: the usual case
            return False
        shown, reason = value.strip(), t("nip_scientific")
    elif isinstance(value, float | int) and not isinstance(value, bool) and abs(value) >= 2**53:
        shown, reason = f"{value:.0f}", t("nip_rounded")
    else:
        return False
    lost.append(InputProblem(str(path), sheet.name, r + 1,
                             column_letter(column + sheet.first_column), shown, reason,
                             t("hint_nip_text")))
    return True


def long_header(sheet: Sheet) -> tuple[int, int, int | None, int, int] | None:
    """(row index, NIP, name, date and status columns) of a long layout's header row."""
    for r, values in enumerate(sheet.rows[:HEADER_SCAN]):
        keys = [_key(v) for v in values]

        def first(names: frozenset[str], keys: list[str] = keys) -> int | None:
            return next((j for j, k in enumerate(keys) if k in names), None)

        nip, day, status = first(_NIP_HEADERS), first(_DAY_HEADERS), first(_STATUS_HEADERS)
        if nip is not None and day is not None and status is not None:
            return r, nip, first(_NAME_HEADERS), day, status
    return None
