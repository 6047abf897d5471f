"""Working-day calendar: which dates get a roster column, and which periods can have one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import holidays

from wfh_solver.base.messages import count as _n
from wfh_solver.base.messages import t

#: The sane window for a roster's period (README "Keamanan data"): dates within these years,
#: and at most a year long. A longer period is a typo (2020 → 2200), not a plan, and it would
#: make a roster, a page and a download too large to use.
PERIOD_YEARS = (2000, 2100)
MAX_PERIOD_DAYS = 366
#: The Jadwal sheet has one column per working day beside NIP, Nama, Unit Kerja, Sub Unit,
#: Jabatan and up to four totals, and Excel has 16,384 columns (A … XFD).
EXCEL_COLUMNS = 16_384
ROSTER_OTHER_COLUMNS = 9
MAX_DAYS = EXCEL_COLUMNS - ROSTER_OTHER_COLUMNS
#: Staff × working days: the model, the search and the writing (per-unit files too) cost
#: up to 180 bytes a person-day on top of reading; this keeps a run under 1 GiB (measured:
#: 9,000 staff × 555 days with --per-unit peaked at 1,067 MiB, README "Keamanan data").
MAX_PERSON_DAYS = 4_000_000

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
    _check_window(start, end)  # `date.max` is where walking the days would overflow
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


class PeriodError(ValueError):
    """A period no roster can be made for within the limits; the message names the limit."""


def check_period(start: date, end: date, workweek: str = "mon-fri", staff: int | None = None,
                 days: int | None = None) -> None:
    """Refuse, naming the limit, a period outside the sane window, one longer than a year
    or with more working days than the roster has columns, or one whose roster for `staff`
    people would pass the memory bound. `days`: the working days when known (holidays
    out); else the days of the working week, an upper bound found without a calendar.
    Every entry point (CLI, API, page) calls it before anything is built, so a typo'd year
    or a roster too large is refused in a second, not after minutes or gigabytes."""
    _check_window(start, end)
    if end < start:
        raise PeriodError(t("period_backwards", start=f"{start:%d/%m/%Y}",
                            end=f"{end:%d/%m/%Y}"))
    length = (end - start).days + 1
    if length > MAX_PERIOD_DAYS:
        raise PeriodError(t("period_too_long", days=length, limit=MAX_PERIOD_DAYS))
    count = days if days is not None else _weekdays(start, end, WORKWEEKS.get(workweek, ()))
    if count > MAX_DAYS:
        raise PeriodError(t("period_too_many_days", start=_dmy(start), end=_dmy(end),
                            days=_n(count), limit=_n(MAX_DAYS), columns=_n(EXCEL_COLUMNS)))
    if staff is not None and staff * count > MAX_PERSON_DAYS:
        raise PeriodError(t("period_too_large", staff=_n(staff), days=_n(count),
                            cells=_n(staff * count), limit=_n(MAX_PERSON_DAYS)))


def _check_window(start: date, end: date) -> None:
    first, last = PERIOD_YEARS
    for day in (start, end):
        if not first <= day.year <= last:
            raise PeriodError(t("period_out_of_window", day=f"{day:%d/%m/%Y}", first=first,
                                last=last))


def _weekdays(start: date, end: date, weekdays: frozenset[int] | tuple[()]) -> int:
    """Days of `start` … `end` whose weekday is in `weekdays`, without walking the period."""
    total = (end - start).days + 1
    weeks, rest = divmod(total, 7)
    first = start.weekday()
    return weeks * len(weekdays) + sum((first + k) % 7 in weekdays for k in range(rest))


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")
