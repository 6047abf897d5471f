"""Dates as HR types them: single dates, lists and ranges, Indonesian or ISO.

`24/03/2020`, `2020-03-24`, `24/03/2020 - 26/03/2020`, `24 s.d. 26/03/2020`,
`24-26/03/2020`, `24/03/2020; 30/03/2020`, or an Excel date cell.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

MAX_RANGE_DAYS = 366

_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%y")
_RANGE = re.compile(r"\s*(?:s\.?\s?d\.?|s/d|sampai(?: dengan)?|hingga|to|–|—|\s-\s)\s*", re.I)
_SHORT_RANGE = re.compile(r"^(\d{1,2})\s*[-–]\s*(\d{1,2})([/.-]\d{1,2}[/.-]\d{2,4})$")
_DAY_ONLY = re.compile(r"^\d{1,2}$")


_MONTHS = {
    "januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "pebruari": 2,
    "february": 2, "maret": 3, "mar": 3, "march": 3, "april": 4, "apr": 4, "mei": 5,
    "may": 5, "juni": 6, "jun": 6, "june": 6, "juli": 7, "jul": 7, "july": 7, "agustus": 8,
    "agu": 8, "ags": 8, "agt": 8, "aug": 8, "august": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "october": 10, "november": 11,
    "nov": 11, "nopember": 11, "desember": 12, "des": 12, "dec": 12, "december": 12,
}
_NAMED = re.compile(r"^(\d{1,2})[\s\-./]+([a-z]+)\.?[\s\-./,]+(\d{4})$")


def parse_one(text: str) -> date:
    """One date: dd/mm/yyyy, ISO, dd-mm-yyyy, or with a month name (12 Maret 1965)."""
    text = text.strip()
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
    raise ValueError(f"{text!r} is not a date")


def _expand(first: date, last: date) -> list[date]:
    if last < first:
        raise ValueError(f"range ends ({last}) before it starts ({first})")
    if (last - first).days > MAX_RANGE_DAYS:
        raise ValueError(f"range {first} – {last} is longer than a year")
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


def _parse_token(token: str) -> list[date]:
    short = _SHORT_RANGE.match(token)
    if short:  # 24-26/03/2020
        last = parse_one(short.group(2) + short.group(3))
        return _expand(parse_one(short.group(1) + short.group(3)), last)
    parts = _RANGE.split(token)
    if len(parts) == 2:
        last = parse_one(parts[1])
        head = parts[0].strip()
        # "24 s.d. 26/03/2020": the first date borrows the month and year of the last
        first = last.replace(day=int(head)) if _DAY_ONLY.match(head) else parse_one(head)
        return _expand(first, last)
    return [parse_one(token)]


def parse_date_list(value: object) -> tuple[date, ...]:
    """All dates a cell names, sorted and unique; raises ValueError with the bad piece."""
    if value is None or value == "":
        return ()
    if isinstance(value, datetime):
        return (value.date(),)
    if isinstance(value, date):
        return (value,)
    found: set[date] = set()
    for token in re.split(r"[;,\n]+", str(value)):
        if token.strip():
            found.update(_parse_token(token.strip()))
    return tuple(sorted(found))
