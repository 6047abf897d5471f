"""Working-day calendar: which dates get a roster column, and which periods can have one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import holidays

from wfh_solver.messages import language, t

WORKWEEKS: dict[str, frozenset[int]] = {
    "mon-fri": frozenset(range(5)),
    "mon-sat": frozenset(range(6)),
}


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


#: Dates a period may use (README, "Keamanan data"): no circular reaches outside them, and
#: `date.max` is where arithmetic on a day overflows.
FIRST_DATE = date(2000, 1, 1)
LAST_DATE = date(2100, 12, 31)
#: The Jadwal sheet has one column per working day beside NIP, Nama, Unit Kerja, Sub Unit,
#: Jabatan and up to four totals, and Excel has 16,384 columns (A … XFD).
EXCEL_COLUMNS = 16_384
ROSTER_OTHER_COLUMNS = 9
MAX_DAYS = EXCEL_COLUMNS - ROSTER_OTHER_COLUMNS
#: Staff × working days: the model, the search and the writing (per-unit files too) cost
#: up to 180 bytes a person-day on top of reading; this keeps a run under 1 GiB (measured:
#: 9,000 staff × 555 days with --per-unit peaked at 1,067 MiB, README "Keamanan data").
MAX_PERSON_DAYS = 4_000_000


class PeriodError(ValueError):
    """A period no roster can be made for within the limits; the message names the limit."""


def check_period(start: date, end: date, workweek: str = "mon-fri", staff: int | None = None,
                 days: int | None = None) -> None:
    """Refuse, naming the limit, a period outside the date window, one with more working
    days than the roster has columns, or one whose roster for `staff` people would pass the
    memory bound. `days`: the working days when known (holidays out); else the days of the
    working week, an upper bound found without a calendar. The CLI, the API and the page
    call this before any model is built, so the refusal comes in a second, not after minutes.
    """
    for day in (start, end):
        if not FIRST_DATE <= day <= LAST_DATE:
            raise PeriodError(t("period_outside", day=_dmy(day), first=_dmy(FIRST_DATE),
                                last=_dmy(LAST_DATE)))
    if end < start:
        raise PeriodError(t("period_reversed", start=_dmy(start), end=_dmy(end)))
    count = days if days is not None else _weekdays(start, end, WORKWEEKS.get(workweek, ()))
    if count > MAX_DAYS:
        raise PeriodError(t("period_too_many_days", start=_dmy(start), end=_dmy(end),
                            days=_n(count), limit=_n(MAX_DAYS), columns=_n(EXCEL_COLUMNS)))
    if staff is not None and staff * count > MAX_PERSON_DAYS:
        raise PeriodError(t("period_too_large", staff=_n(staff), days=_n(count),
                            cells=_n(staff * count), limit=_n(MAX_PERSON_DAYS)))


def _weekdays(start: date, end: date, weekdays: frozenset[int] | tuple[()]) -> int:
    """Days of `start` … `end` whose weekday is in `weekdays`, without walking the period."""
    total = (end - start).days + 1
    weeks, rest = divmod(total, 7)
    first = start.weekday()
    return weeks * len(weekdays) + sum((first + k) % 7 in weekdays for k in range(rest))


def _n(number: int) -> str:
    """A count as the reader writes it: 5.000.000 in Indonesian, 5,000,000 in English."""
    text = f"{number:,}"
    return text.replace(",", ".") if language() == "id" else text


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def working_days(start: date, end: date, workweek: str = "mon-fri") -> Calendar:
    if workweek not in WORKWEEKS:
        raise ValueError(f"unknown working week {workweek!r}; use one of {sorted(WORKWEEKS)}")
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    check_period(start, end, workweek)  # the window and the columns, before walking the days
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
