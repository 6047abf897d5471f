"""Earlier periods' WFH days per employee: what makes fairness carry over (`--previous`).

Rosters are made month after month; whoever had fewer WFH days last time should get more
now. Each earlier roster gives, per NIP, its `WFH` cells. Someone who was not on an earlier
roster (joined since) counts as the average colleague of their unit on that roster
(rounded down), so a newcomer is neither owed the days before they joined nor made to
repay them; staff who left are simply not in this period. The model then balances WFH
days over the whole history (`Group.history`, the fairness level and the hard rule).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt

from wfh_solver.domain.calendar import working_days
from wfh_solver.domain.employee import Employee
from wfh_solver.read.earlier import NipCounts
from wfh_solver.read.entries import DayEntries


def _digits(nip: str) -> str:
    return nip if nip.isdigit() else re.sub(r"\D", "", nip)


def prior_wfh_days(employees: Sequence[Employee],
                   rosters: Sequence[Mapping[str, int]]) -> npt.NDArray[np.int64]:
    """Per employee, the WFH days of every earlier roster (`NIP → WFH days`) summed."""
    total = np.zeros(len(employees), dtype=np.int64)
    nips = [_digits(e.nip) for e in employees]
    for roster in rosters:
        if isinstance(roster, NipCounts):  # as read: looked up in bulk, never copied
            known = roster.known([e.nip for e in employees])
        else:
            counts = {_digits(nip): days for nip, days in roster.items()}
            known = [counts.get(nip) for nip in nips]
        by_unit: dict[str, list[int]] = defaultdict(list)
        for e, days in zip(employees, known, strict=True):
            if days is not None:
                by_unit[e.unit].append(days)
        average = {unit: sum(seen) // len(seen) for unit, seen in by_unit.items()}
        total += np.asarray([days if days is not None else average.get(e.unit, 0)
                             for e, days in zip(employees, known, strict=True)],
                            dtype=np.int64)
    return total


#: How far back an earlier roster's cells are looked at for a week or a run of days
#: that began there: a month of calendar days (a longer run is counted from there).
EARLIER_REACH_DAYS = 31


def earlier_lead(start: date, workweek: str, filled: Sequence[date]) -> tuple[date, ...]:
    """The working days just before `start` (up to a month back) that the earlier rosters
    fill, without a gap: a week or a run of days goes on only over days a roster gives."""
    try:
        days = working_days(start - timedelta(days=EARLIER_REACH_DAYS),
                            start - timedelta(days=1), workweek).days
    except ValueError:  # before the year 2000: nothing to carry
        return ()
    have = set(filled)
    lead: list[date] = []
    for day in reversed(days):
        if day not in have:
            break
        lead.append(day)
    return tuple(reversed(lead))


def earlier_cells(employees: Sequence[Employee], rosters: Sequence[DayEntries],
                  lead: Sequence[date]) -> npt.NDArray[np.int8]:
    """(employees, lead days): each person's cell code (`WFO` 1 … `DL` 4, 0 none) in
    the earlier rosters on the lead days; a later roster's cell wins a clash."""
    cells = np.zeros((len(employees), len(lead)), dtype=np.int8)
    if not lead:
        return cells
    column = {day.toordinal(): k for k, day in enumerate(lead)}
    nips = [e.nip for e in employees]
    for entries in rosters:
        found = entries.find(nips)
        row_of = np.full(len(entries.numbers), -1, dtype=np.int64)
        known = found >= 0
        row_of[found[known]] = np.flatnonzero(known)
        for k in np.flatnonzero(np.isin(entries.day, list(column))).tolist():
            row = row_of[int(entries.person[k])]
            if row >= 0:
                cells[row, column[int(entries.day[k])]] = entries.code[k]
    return cells
