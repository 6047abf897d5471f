"""The reader as it was before issue 10 made it columnar: one row at a time.

Kept verbatim as the oracle of `tests/test_read_fast.py`: the fast path must give the same
staff table, employees, skipped rows and problems as this code on every input.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any
from unittest import mock

import pandas as pd

from wfh_solver.base.messages import t
from wfh_solver.domain.classify import (
    classify_category,
    classify_sub_unit_kind,
    classify_unit_type,
    recognise_roles,
)
from wfh_solver.domain.employee import Employee
from wfh_solver.read import table
from wfh_solver.read.errors import InputProblem
from wfh_solver.read.eselon import EselonError, parse_eselon
from wfh_solver.read.fields import (
    Collector,
    _check_nip_shape,
    _flag_text,
    _parse_nip,
    _text,
    cell_at,
    parse_birth_date,
    parse_dates,
    parse_flag,
    parse_status,
    split_name_nip,
)
from wfh_solver.read.rows import Kind, RowReader
from wfh_solver.read.sources import Cell, Sheet
from wfh_solver.read.table import MAX_DUPLICATE_GROUPS, MAX_PLACES, _second_table, _section_title
from wfh_solver.read.units import UnitNames, _plain, unit_key


@contextmanager
def reference_reader() -> Iterator[None]:
    """`read_staff` with the per-row reader and unit normalisation of before (each handed
    over in the form `read_staff` now takes: columns of values, and the unit names)."""
    with mock.patch.object(table, "_read_rows", _read_rows_as_columns), \
            mock.patch.object(table, "unit_names", _unit_names):
        yield


def _read_rows_as_columns(*args: Any) -> dict[str, list[object]]:
    frame = _read_rows(*args)
    return {str(column): list(frame[column]) for column in frame.columns}


def _unit_names(units: list[str], sub_units: list[str]) -> UnitNames:
    """What the pandas normalisation did to each unit and sub-unit text."""
    if not len(units):
        return UnitNames({}, {}, {})
    frame = pd.DataFrame({"unit": list(units), "sub_unit": list(sub_units)})
    spellings = normalise_units(frame)
    return UnitNames(spellings, dict(zip(units, frame["unit"], strict=True)),
                     dict(zip(sub_units, frame["sub_unit"], strict=True)))


def _read_rows(sheet: Sheet, header_index: int, columns: dict[int, str],
               extra: dict[str, str], out: Collector, sections: bool,
               dates: object = None) -> pd.DataFrame:
    """Staff records of the rows below the header; every other non-blank row is skipped
    with an info line naming it, or reported as a broken staff row (see `read.rows`).
    `dates` (the period's scope, new since) is unused: the oracle reads without a period."""
    rows = sheet.rows
    start = header_index + 1
    reader = RowReader(rows[header_index:start], columns, extra)
    while start < len(rows) and reader.continues_header(rows[start]):
        start += 1  # a second header row or the row of column numbers
    reader = RowReader(rows[header_index:start], columns, extra)
    index = {key: j for j, key in columns.items()}
    for i in range(header_index):  # titles above the header; staff there would be lost
        if RowReader([], columns, extra).kind(rows[i], row_texts(rows[i], index)) is Kind.STAFF:
            out.add(i + 1, "", " | ".join(c for c in map(_text, rows[i]) if c),
                    t("staff_above_header", row=header_index + 1), t("hint_staff_above_header"))
    records: list[dict[str, object]] = []
    section = ""
    for i in range(start, len(rows)):
        row = rows[i]
        texts = row_texts(row, index)
        kind = reader.kind(row, texts)
        if kind is Kind.BLANK:
            continue
        if kind is Kind.SECTION:
            title = _section_title(row)
            if title is not None and sections:
                section = title
                continue
            kind = Kind.SECTION if title is not None else Kind.NOTE
        if kind is Kind.TABLE:
            index = _second_table(row, index, extra, i + 1, out, sheet.first_column)
            continue
        if kind in (Kind.STAFF, Kind.RECORD):
            if sections:
                texts["unit"] = section
            records.append(record(row, texts, index, i + 1, out))
            continue
        shown = " | ".join(dict.fromkeys(c for c in map(_text, row) if c))
        out.add(i + 1, "", shown, t(f"skip_{kind.value}"), severity="info")
    return pd.DataFrame.from_records(records, columns=[  # was in `_parse_sheet`
        "row", "nip", "name", "unit", "sub_unit", "position", "eselon", "kind", "status",
        "unit_type", "birth_date", "comorbid", "pregnant", "must_wfo", "must_wfh", "leave",
        "travel"])


def row_texts(row: list[Cell], index: dict[str, int]) -> dict[str, str]:
    width = len(row)
    texts = {key: _text(row[j]) if j < width else "" for key, j in index.items()}
    if "name_nip" in texts:
        split_name_nip(texts)
    return texts


def record(row: list[Cell], texts: dict[str, str], index: dict[str, int], excel_row: int,
            out: Collector) -> dict[str, object]:
    combined = "name_nip" in index
    nip = _parse_nip(texts["nip"] if combined else cell_at(row, index, "nip"), excel_row, out)
    if not nip and not any(p.row == excel_row for p in out.problems[-1:]):
        out.add(excel_row, "nip", "", t("empty_nip"), t("hint_empty_nip"))
    status = parse_status(texts.get("status", ""), excel_row, out)
    if nip and status in ("pns", "cpns", "pppk", "") :
        _check_nip_shape(nip, excel_row, out, strict=status != "")
    eselon: str | None = None
    try:
        eselon = parse_eselon(texts.get("eselon", ""))
    except EselonError:
        out.add(excel_row, "eselon", texts.get("eselon"), t("eselon_bad"), t("hint_eselon"))
    if not texts.get("unit"):
        out.add(excel_row, "unit", "", t("empty_unit"), t("hint_empty_unit"))
    if not texts.get("name"):
        out.add(excel_row, "name", "", t("empty_name"))
    if _flag_text(texts, "must_wfo") and _flag_text(texts, "must_wfh"):
        out.add(excel_row, "must_wfh", texts.get("must_wfh"),
                t("both_flags"), t("hint_both_flags"))
    return {
        "row": excel_row,
        "nip": nip,
        "name": texts.get("name", ""),
        "unit": texts.get("unit", ""),
        "sub_unit": texts.get("sub_unit", ""),
        "position": texts.get("position", ""),
        "eselon": eselon,
        "kind": texts.get("kind", ""),
        "status": status or "pns",
        "unit_type": texts.get("unit_type", ""),
        "birth_date": parse_birth_date(cell_at(row, index, "birth_date"), excel_row, out),
        "comorbid": parse_flag(texts, "comorbid", excel_row, out),
        "pregnant": parse_flag(texts, "pregnant", excel_row, out),
        "must_wfo": parse_flag(texts, "must_wfo", excel_row, out),
        "must_wfh": parse_flag(texts, "must_wfh", excel_row, out),
        "leave": parse_dates(cell_at(row, index, "leave"), "leave", excel_row, out),
        "travel": parse_dates(cell_at(row, index, "travel"), "travel", excel_row, out),
    }


def _preferred_spelling(spellings: list[str], key: str) -> str:
    counts = Counter(spellings)
    order = {s: k for k, s in enumerate(counts)}

    def preference(s: str) -> tuple[bool, int, bool, int]:
        mixed = s != s.upper() and s != s.lower()
        return (_plain(s) == key, counts[s], mixed, -order[s])

    return max(counts, key=preference)


def normalise_units(frame: pd.DataFrame) -> dict[str, str]:
    """Rewrite every unit spelling to its official written form; report the mapping."""
    if frame.empty:
        return {}
    keys = frame["unit"].map(unit_key)
    display: dict[str, str] = {}
    for key, spellings in frame.groupby(keys, sort=False)["unit"]:
        tidy = [re.sub(r"\s+", " ", s).strip() for s in spellings]
        display[str(key)] = _preferred_spelling(tidy, str(key))
    canonical = keys.map(display)
    mapping = {raw: canon for raw, canon in zip(frame["unit"], canonical, strict=True)
               if raw != canon}
    frame["unit"] = canonical
    frame["sub_unit"] = frame["sub_unit"].map(lambda s: re.sub(r"\s+", " ", s).strip())
    return dict(sorted(mapping.items()))


class _Memo:
    """Classification per distinct text: 60,000 rows share a few thousand strings."""

    def __init__(self) -> None:
        self.unit_types: dict[tuple[str, str], str] = {}
        self.kinds: dict[str, str | None] = {}
        self.roles: dict[str, frozenset[str]] = {}

    def unit_type(self, unit: str, given: str) -> str:
        key = (unit, given)
        if key not in self.unit_types:
            self.unit_types[key] = classify_unit_type(unit, given)
        return self.unit_types[key]

    def kind(self, sub_unit: str) -> str | None:
        if sub_unit not in self.kinds:
            self.kinds[sub_unit] = classify_sub_unit_kind(sub_unit)
        return self.kinds[sub_unit]

    def role(self, position: str) -> frozenset[str]:
        if position not in self.roles:
            self.roles[position] = recognise_roles(position)
        return self.roles[position]


def build_employees(frame: pd.DataFrame) -> tuple[Employee, ...]:
    """One `Employee` per row, in input order."""
    memo = _Memo()
    columns = [str(c) for c in frame.columns]
    rows = zip(*(frame[c].tolist() for c in frame.columns), strict=True)
    return tuple(_employee(dict(zip(columns, values, strict=True)), memo) for values in rows)


def _employee(rec: dict[str, Any], memo: _Memo) -> Employee:
    eselon = rec["eselon"] if isinstance(rec["eselon"], str) else None
    birth = rec["birth_date"] if isinstance(rec["birth_date"], date) else None
    position = str(rec["position"])
    return Employee(
        nip=str(rec["nip"]),
        name=str(rec["name"]),
        unit=str(rec["unit"]),
        sub_unit=str(rec["sub_unit"]),
        position=position,
        category=classify_category(str(rec["kind"]), eselon, position),
        eselon=eselon,
        roles=memo.role(position),
        unit_type=memo.unit_type(str(rec["unit"]), str(rec["unit_type"])),
        sub_unit_kind=memo.kind(str(rec["sub_unit"])),
        status=str(rec["status"]),
        birth_date=birth,
        comorbid=bool(rec["comorbid"]),
        pregnant_or_nursing=bool(rec["pregnant"]),
        must_wfo=bool(rec["must_wfo"]),
        must_wfh=bool(rec["must_wfh"]),
        row=int(rec["row"]),
        leave=tuple(rec.get("leave") or ()),
        travel=tuple(rec.get("travel") or ()),
    )


def duplicates(file: str, frame: pd.DataFrame,
               nip_columns: dict[str, str]) -> list[InputProblem]:
    """The duplicated NIPs as read with pandas before issue 24 (`frame` has a `sheet`
    column): the oracle of `table._duplicates`."""
    with_nip = frame[frame["nip"] != ""]
    dupes = with_nip[with_nip.duplicated("nip", keep=False)]
    if dupes.empty:
        return []
    several = frame["sheet"].nunique() > 1
    groups = dupes.groupby("nip", sort=True)
    problems = []
    for k, (nip, group) in enumerate(groups):
        if k == MAX_DUPLICATE_GROUPS:
            problems.append(InputProblem(file, "", None, "", "", t(
                "duplicates_more", count=groups.ngroups - k), t("hint_duplicate")))
            break
        sheets, rows = list(group["sheet"]), list(group["row"])
        places = [f"{s}!{r}" if several else str(r)
                  for s, r in zip(sheets[:MAX_PLACES], rows[:MAX_PLACES], strict=True)]
        if len(rows) > MAX_PLACES:
            places.append(t("and_more", count=len(rows) - MAX_PLACES))
        problems.append(InputProblem(file, str(sheets[0]), int(rows[0]),
                                     nip_columns[str(sheets[0])], str(nip),
                                     t("duplicate_nip", count=len(rows),
                                       rows=", ".join(places)), t("hint_duplicate")))
    return problems
