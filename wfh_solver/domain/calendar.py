"""Working-day calendar: which dates get a roster column."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import holidays

from wfh_solver.messages import t

#: The sane window for a roster's period (README "Keamanan data"): dates within these years,
#: and at most a year long. A longer period is a typo (2020 → 2200), not a plan, and it would
#: make a roster, a page and a download too large to use.
PERIOD_YEARS = (2000, 2100)
MAX_PERIOD_DAYS = 366

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


def check_period(start: date, end: date) -> None:
    """Refuses a period outside the sane window (ValueError, a sentence from the catalogue),
    so every entry point (CLI, API, page) stops a typo'd year before anything is built."""
    first, last = PERIOD_YEARS
    for day in (start, end):
        if not first <= day.year <= last:
            raise ValueError(t("period_out_of_window", day=f"{day:%d/%m/%Y}", first=first,
                               last=last))
    if end < start:
        raise ValueError(t("period_backwards", start=f"{start:%d/%m/%Y}", end=f"{end:%d/%m/%Y}"))
    days = (end - start).days + 1
    if days > MAX_PERIOD_DAYS:
        raise ValueError(t("period_too_long", days=days, limit=MAX_PERIOD_DAYS))
