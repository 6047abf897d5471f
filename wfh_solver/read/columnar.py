"""The clean staff rows of a sheet, read a column at a time.

A province's list has 60,000 staff rows and a few dozen others (titles, totals, a
signature block). Classifying each row and parsing each of its cells in Python cost
about 30 µs a row (1.7 s for 60,000); here each column is turned to text in one pass,
the values that repeat (units, positions, statuses, flags, leave ranges, birth dates)
are parsed once each, and the NIP checks run on whole columns. A row is taken here only
when the per-row reader would call it staff and find nothing to report in it; every
other row is left to that reader (`read.table`), so skipped rows and problems are its
own.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from wfh_solver.read.dates import parse_date_list
from wfh_solver.read.eselon import parse_eselon
from wfh_solver.read.fields import (
    FOLDED,
    Collector,
    fold_texts,
    parse_birth_date,
    parse_flag,
    parse_status,
    split_name_nip,
)
from wfh_solver.read.rows import _PLAIN_NIP, cell_text, plausible_names, plausible_nips
from wfh_solver.read.sources import Cell

__all__ = ["FIELDS", "CleanRows", "clean_rows"]

#: Record fields, in the order of the staff frame's columns after `row`.
FIELDS = ("nip", "name", "unit", "sub_unit", "position", "eselon", "kind", "status",
          "unit_type", "birth_date", "comorbid", "pregnant", "must_wfo", "must_wfh", "leave",
          "travel")
_TEXT_FIELDS = ("name", "unit", "sub_unit", "position", "kind", "unit_type")
_FLAGS = ("comorbid", "pregnant", "must_wfo", "must_wfh")
_CHECKED_STATUSES = frozenset({"pns", "cpns", "pppk", ""})  # whose NIP must be an ASN NIP


class _Bad:
    """A value the per-row reader would report: the row is left to it."""


BAD = _Bad()


@dataclass(slots=True)
class CleanRows:
    """Rows `first`, `first + 1`, … of a sheet: which are clean staff, and their fields.

    `fields[key][k]` is the record value of row `first + k` (meaningful where `clean[k]`);
    `unit` is the unit column's text, which a sheet of OPD sections replaces.
    """

    first: int
    clean: list[bool]
    fields: dict[str, Sequence[object]]


def clean_rows(rows: list[list[Cell]], first: int, index: dict[str, int]) -> CleanRows:
    """Which rows from `first` on are clean staff under the column `index`, with fields."""
    body = rows[first:]
    n = len(body)
    raw = _columns(body, index)
    texts = {key: _texts(values) for key, values in raw.items()}
    blank = [""] * n
    if "name_nip" in texts:
        _split(texts)
    _fold(texts, n)
    nip_texts = texts.get("nip", blank)
    name_texts = texts.get("name", blank)
    if "name_nip" in index:  # the per-row reader parses the NIP's text, not its cell
        nip_source: Sequence[Cell] = nip_texts
    else:
        nip_source = raw.get("nip", (None,) * n)
    nips = [s.replace(" ", "") if s.__class__ is str and _PLAIN_NIP.fullmatch(s) else ""
            for s in nip_source]  # type: ignore[union-attr]
    statuses = _distinct(texts.get("status", blank), _status, texts=True)
    shaped = _asn_nips(nips)
    eselons = _distinct(texts.get("eselon", blank), _eselon, texts=True)
    flags = {key: _distinct(texts.get(key, blank), _flag(key), texts=True) for key in _FLAGS}
    birth = _distinct(raw.get("birth_date", (None,) * n), _birth_date)
    leave = _distinct(raw.get("leave", (None,) * n), _dates)
    travel = _distinct(raw.get("travel", (None,) * n), _dates)
    staff = [bool(t) and a and b for t, a, b in zip(
        nip_texts, plausible_nips(nip_texts), plausible_names(name_texts), strict=True)]
    unit = texts.get("unit", blank)
    wfo, wfh = flags["must_wfo"], flags["must_wfh"]
    reported = _reported_rows(n, [eselons, birth, leave, travel, statuses, *flags.values()])
    both = [o is True and h is True for o, h in zip(wfo, wfh, strict=True)]
    clean = [s and bool(nip) and not bad and not two and (ok or status not in _CHECKED_STATUSES)
             for s, nip, bad, two, ok, status in zip(
                 staff, nips, reported, both, shaped, statuses, strict=True)]
    if "unit" in index:
        clean = [c and bool(u) for c, u in zip(clean, unit, strict=True)]
    fields: dict[str, Sequence[object]] = {key: texts.get(key, blank) for key in _TEXT_FIELDS}
    fields.update(nip=nips, eselon=eselons, birth_date=birth, leave=leave, travel=travel,
                  status=[s or "pns" for s in statuses], **flags)
    return CleanRows(first, clean, fields)


def _fold(texts: dict[str, list[str]], n: int) -> None:
    """`fold_texts`, column by column: titles into names, status marks into statuses."""
    present = [key for key in FOLDED if key in texts]
    if not present:
        return
    keys = ("name", "status", *present)
    columns = [texts.get(key, [""] * n) for key in keys]
    folded: dict[str, list[str]] = {"name": [], "status": []}
    for values in zip(*columns, strict=True):
        row = dict(zip(keys, values, strict=True))
        fold_texts(row)
        folded["name"].append(row["name"])
        folded["status"].append(row["status"])
    texts.update(folded)
    for key in present:
        del texts[key]


def _columns(body: list[list[Cell]], index: dict[str, int]) -> dict[str, Sequence[Cell]]:
    """The mapped columns of `body`; `None` past a short row's end, as `cell_at` gives it."""
    widths = set(map(len, body))
    if len(widths) == 1:  # a rectangle, as calamine lays a sheet out: one transposition
        columns = list(zip(*body, strict=True))
        return {key: columns[j] if j < len(columns) else (None,) * len(body)
                for key, j in index.items()}
    return {key: [row[j] if j < len(row) else None for row in body] for key, j in index.items()}


def _texts(values: Sequence[Cell]) -> list[str]:
    """`cell_text` of each value. A column of texts none of which has a run of spaces, a
    tab or a no-break space (the common case) needs only each text stripped."""
    try:
        joined = "\x00".join(values)  # type: ignore[arg-type]
    except TypeError:  # numbers, dates or blanks among the texts
        return _distinct(values, cell_text)  # type: ignore[return-value]
    if "  " in joined or "\t" in joined or "\xa0" in joined:
        return _distinct(values, cell_text, texts=True)  # type: ignore[return-value]
    return list(map(str.strip, values))  # type: ignore[arg-type]


_NUMBERS = frozenset({bool, int, float})


def _distinct(values: Sequence[Any], parse: Callable[[Any], object],
              texts: bool = False) -> list[object]:
    """`parse` of each value, once per distinct value; `BAD` where it fails. `1`, `1.0`
    and `True` are equal keys but read differently, so a column mixing them (not one of
    `texts`) goes value by value with its type in the key."""
    if not texts and len(set(map(type, values)) & _NUMBERS) > 1:
        return _typed_memo(values, parse)
    seen: dict[Any, object] = {}
    for value in set(values):
        try:
            seen[value] = parse(value)
        except Exception:  # the per-row reader says what is wrong, in its own words
            seen[value] = BAD
    return list(map(seen.__getitem__, values))


def _split(texts: dict[str, list[str]]) -> None:
    """`Nama / NIP` in one cell, split as the per-row reader splits it (its own column of
    NIP or name, where there is one, wins)."""
    nips, names = [], []
    for combined in texts.pop("name_nip"):
        parts = {"name_nip": combined}
        split_name_nip(parts)
        nips.append(parts["nip"])
        names.append(parts["name"])
    texts.setdefault("nip", nips)
    texts.setdefault("name", names)


def _reported_rows(n: int, columns: list[list[object]]) -> list[bool]:
    """Rows with a `BAD` value in any of `columns` (most columns have none at all)."""
    bad = [False] * n
    for values in columns:
        if BAD in values:  # no cell value equals `BAD` but itself
            bad = [b or v is BAD for b, v in zip(bad, values, strict=True)]
    return bad


def _typed_memo(values: Sequence[Any], parse: Callable[[Any], object]) -> list[object]:
    seen: dict[tuple[type, Hashable], object] = {}
    out: list[object] = []
    for value in values:
        key = (value.__class__, value)
        if key not in seen:
            try:
                seen[key] = parse(value)
            except Exception:  # left to the per-row reader, which reports it
                seen[key] = BAD
        out.append(seen[key])
    return out


def _scratch() -> Collector:
    return Collector("", "", {})


def _reported(parse: Callable[[Collector], object]) -> object:
    """`parse`'s value, or `BAD` if it reported anything."""
    scratch = _scratch()
    value = parse(scratch)
    return BAD if scratch.problems else value


def _status(text: str) -> object:
    return parse_status(text, 0, _scratch())


def _eselon(text: str) -> object:
    return parse_eselon(text)


def _flag(key: str) -> Callable[[str], object]:
    def parse(text: str) -> object:
        return _reported(lambda out: parse_flag({key: text}, key, 0, out))
    return parse


def _birth_date(value: Cell) -> object:
    return _reported(lambda out: parse_birth_date(value, 0, out))


def _dates(value: Cell) -> object:
    return parse_date_list(value)


def _asn_nips(nips: list[str]) -> list[bool]:
    """Whether each NIP is an ASN NIP the per-row check passes in silence: 18 digits, a
    real birth date in 1900–2015, a start month, a start year from age 14 to 2100, and
    sex 1 or 2."""
    ok = [False] * len(nips)
    where = [k for k, nip in enumerate(nips) if len(nip) == 18]
    if not where:
        return ok
    digits = np.frombuffer("".join(nips[k] for k in where).encode("ascii"),
                           dtype=np.uint8).reshape(-1, 18).astype(np.int64) - 48

    def number(a: int, b: int) -> np.ndarray:
        out = np.zeros(len(where), dtype=np.int64)
        for c in range(a, b):
            out = out * 10 + digits[:, c]
        return out

    year, month, day = number(0, 4), number(4, 6), number(6, 8)
    start_year, start_month, sex = number(8, 12), number(12, 14), digits[:, 14]
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_days = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    last = month_days[np.clip(month, 0, 12)] + (leap & (month == 2))
    good = ((year >= 1900) & (year <= 2015) & (month >= 1) & (month <= 12) & (day >= 1)
            & (day <= last) & (start_month >= 1) & (start_month <= 12)
            & (start_year >= year + 14) & (start_year <= 2100) & ((sex == 1) | (sex == 2)))
    for k, flag in zip(where, good.tolist(), strict=True):
        ok[k] = flag
    return ok

