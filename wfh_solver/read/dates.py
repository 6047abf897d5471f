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


def parse_one(text: str) -> date:
    text = text.strip()
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
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
