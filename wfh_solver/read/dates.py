"""Dates as HR types them: single dates, lists and ranges, Indonesian or ISO.

`24/03/2020`, `2020-03-24`, `24/03/2020 - 26/03/2020`, `24 s.d. 26/03/2020`,
`24-26/03/2020`, `24/03/2020; 30/03/2020`, or an Excel date cell.

A cell's text expands: one range is up to a year of days, and a 30 KB cell holds over a
thousand ranges. So a cell is read as ranges first, each cut to the period being planned
(`DateScope`) before any day is made, and a whole file may name at most `MAX_PIECES` dates
and ranges and `MAX_DAYS` days within the period: a 58 KB workbook of such cells peaked
at 2.2 GB and took 69 s when every range was expanded whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from wfh_solver.read.text import normalise

MAX_RANGE_DAYS = 366
MAX_PIECES = 1_000_000  # dates and ranges in all Cuti/DL cells of one file
MAX_DAYS = 4_000_000  # days within the period those cells name, all cells together

_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%y")
_RANGE = re.compile(r"\s*(?:s\.?\s?d\.?|s/d|sampai(?: dengan)?|hingga|to|–|—|\s-\s)\s*", re.I)
_SHORT_RANGE = re.compile(r"^(\d{1,2})\s*[-–]\s*(\d{1,2})([/.-]\d{1,2}[/.-]\d{2,4})$")
_DAY_ONLY = re.compile(r"^\d{1,2}$")
_PIECE = re.compile(r"[^;,\n]+")
# The two forms nearly every cell uses, read without strptime (2.7 µs → 0.6 µs a date).
_DMY = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

_MONTHS = {
    "januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "pebruari": 2,
    "february": 2, "maret": 3, "mar": 3, "march": 3, "april": 4, "apr": 4, "mei": 5,
    "may": 5, "juni": 6, "jun": 6, "june": 6, "juli": 7, "jul": 7, "july": 7, "agustus": 8,
    "agu": 8, "ags": 8, "agt": 8, "aug": 8, "august": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "october": 10, "november": 11,
    "nov": 11, "nopember": 11, "desember": 12, "des": 12, "dec": 12, "december": 12,
}
_NAMED = re.compile(r"^(\d{1,2})[\s\-./]+([a-z]+)\.?[\s\-./,]+(\d{4})$")


class DateLimitError(Exception):
    """The file's date cells name more dates, ranges or days than `MAX_PIECES`/`MAX_DAYS`.

    Not a `ValueError`: a bad date is reported and reading goes on; this ends the read."""

    def __init__(self, what: str, limit: int) -> None:
        self.what, self.limit = what, limit
        super().__init__(f"more than {limit:,} {what}")


@dataclass(slots=True)
class DateScope:
    """The period dates are kept for (`first` … `last`, None: unbounded), and what the rest
    of the file may still name: one scope is shared by every date cell of one read."""

    first: date | None = None
    last: date | None = None
    pieces: int = MAX_PIECES
    days: int = MAX_DAYS

    def spend(self, pieces: int, days: int) -> None:
        self.pieces -= pieces
        self.days -= days
        if self.pieces < 0:
            raise DateLimitError("pieces", MAX_PIECES)
        if self.days < 0:  # without a period the days of every year named count
            raise DateLimitError("days" if self.first is not None else "days_unbounded",
                                 MAX_DAYS)


def parse_one(text: str) -> date:
    """One date: dd/mm/yyyy, ISO, dd-mm-yyyy, or with a month name (12 Maret 1965)."""
    text = text.strip()
    quick = _DMY.fullmatch(text)
    if quick is not None:
        try:
            return date(int(quick.group(4)), int(quick.group(3)), int(quick.group(1)))
        except ValueError:
            pass  # strptime below says it in its own words
    quick = _ISO.fullmatch(text)
    if quick is not None:
        try:
            return date(int(quick.group(1)), int(quick.group(2)), int(quick.group(3)))
        except ValueError:
            pass
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    named = _NAMED.match(text.lower())
    if named and named.group(2) in _MONTHS:
        try:
            return date(int(named.group(3)), _MONTHS[named.group(2)], int(named.group(1)))
        except ValueError:
            pass
    raise ValueError(f"{text[:40]!r} is not a date")  # a 100 MB cell is not repeated


Span = tuple[date, date]


def _span(first: date, last: date) -> Span:
    if last < first:
        raise ValueError(f"range ends ({last}) before it starts ({first})")
    if (last - first).days > MAX_RANGE_DAYS:
        raise ValueError(f"range {first} – {last} is longer than a year")
    return first, last


def _parse_token(token: str) -> Span:
    """One piece of a cell as the days it spans, first and last (a date: itself twice)."""
    short = _SHORT_RANGE.match(token)
    if short:  # 24-26/03/2020
        last = parse_one(short.group(2) + short.group(3))
        return _span(parse_one(short.group(1) + short.group(3)), last)
    parts = _RANGE.split(token)
    if len(parts) == 2:
        last = parse_one(parts[1])
        head = parts[0].strip()
        # "24 s.d. 26/03/2020": the first date borrows the month and year of the last
        first = last.replace(day=int(head)) if _DAY_ONLY.match(head) else parse_one(head)
        return _span(first, last)
    day = parse_one(token)
    return day, day


def parse_spans(value: object, scope: DateScope | None = None) -> list[tuple[int, int]]:
    """The days a cell names as merged (first, last) ordinals, cut to `scope`'s period;
    nothing is expanded. Raises ValueError naming a bad piece, `DateLimitError` past the
    file's budget of pieces."""
    scope = scope if scope is not None else DateScope()
    if value is None or value == "":
        return []
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        scope.spend(1, 0)
        spans = [(value.toordinal(), value.toordinal())]
    else:
        spans = []
        for piece in _PIECE.finditer(normalise(str(value))):  # a stream, not a list
            token = piece.group().strip()
            if token:
                scope.spend(1, 0)
                first, last = _parse_token(token)
                spans.append((first.toordinal(), last.toordinal()))
    return _merged(_clipped(spans, scope))


def _clipped(spans: list[tuple[int, int]], scope: DateScope) -> list[tuple[int, int]]:
    low = scope.first.toordinal() if scope.first is not None else 1
    high = scope.last.toordinal() if scope.last is not None else date.max.toordinal()
    return [(max(a, low), min(b, high)) for a, b in spans if b >= low and a <= high]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + 1:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


_DAYS: dict[int, date] = {}  # one object per day: a thousand cells naming it share it


_SHARED_DAYS = 40_000  # a century and more; past that, days are made afresh


def _day(ordinal: int) -> date:
    day = _DAYS.get(ordinal)
    if day is None:
        day = date.fromordinal(ordinal)
        if len(_DAYS) < _SHARED_DAYS:
            _DAYS[ordinal] = day
    return day


def parse_date_list(value: object, scope: DateScope | None = None) -> tuple[date, ...]:
    """All dates a cell names within `scope`'s period, sorted and unique; raises ValueError
    with the bad piece. Each range is cut to the period, and its days counted against the
    file's budget, before one day is made."""
    scope = scope if scope is not None else DateScope()
    spans = parse_spans(value, scope)
    scope.spend(0, sum(b - a + 1 for a, b in spans))
    return tuple(_day(k) for a, b in spans for k in range(a, b + 1))
