"""Working-day calendar: which dates get a roster column."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import holidays

WORKWEEKS: dict[str, frozenset[int]] = {
    "mon-fri": frozenset(range(5)),
    "mon-sat": frozenset(range(6)),
}

#: The working week as HR says it; every spelling maps to a code of `WORKWEEKS`.
WORKWEEK_NAMES: dict[str, str] = {
    "senin-jumat": "mon-fri", "senin-jum'at": "mon-fri", "5-hari": "mon-fri",
    "senin-sabtu": "mon-sat", "6-hari": "mon-sat",
    "monday-friday": "mon-fri", "monday-saturday": "mon-sat",
}


def workweek_code(text: str) -> str | None:
    """`senin-jumat`, `Senin–Jumat`, `5 hari`, `mon-fri` → `mon-fri`; None when unknown."""
    key = "-".join(text.strip().casefold().replace("–", "-").replace("—", "-").split())
    key = key.replace("--", "-")
    if key in WORKWEEKS:
        return key
    return WORKWEEK_NAMES.get(key)


@dataclass(frozen=True, slots=True)
class Calendar:
    """The working days of a period, with the holidays that were skipped.

    Holidays come from the `holidays` package: Indonesian public holidays and,
    because offices close on them too, *cuti bersama* (its `government` category).
    """

    start: date
    end: date
    days: tuple[date, ...]
    skipped_holidays: tuple[tuple[date, str], ...]
    workweek: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")


def working_days(start: date, end: date, workweek: str = "mon-fri") -> Calendar:
    if workweek not in WORKWEEKS:
        raise ValueError(f"unknown working week {workweek!r}; use one of {sorted(WORKWEEKS)}")
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    weekdays = WORKWEEKS[workweek]
    years = list(range(start.year, end.year + 1))
    off = holidays.country_holidays(
        "ID", years=years, categories=("public", "government"), language="id"
    )
    days: list[date] = []
    skipped: list[tuple[date, str]] = []
    day = start
    while day <= end:
        if day.weekday() in weekdays:
            if day in off:
                skipped.append((day, str(off.get(day))))
            else:
                days.append(day)
        day += timedelta(days=1)
    return Calendar(start, end, tuple(days), tuple(skipped), workweek)
