"""Rules about each person's own days, as *windows*: a set of days and how many of them
each person may or must spend in the office.

Every per-person rule kind becomes windows of one shape, `low ≤ office days in the
window ≤ high`, decided here once for the model, `evaluate` and `check` (the tests keep
their own reading in `tests/checker.py` and `benchmarks/peers`). The reading, as HR would
apply it (docs/model.md, "Rules about each person's days"):

- a **week** is a calendar week (Monday to Sunday); its working days in this period count,
  and so do the office days of the earlier roster (`--previous`) in a week that began there;
- a minimum asks no more than the days the person can come in: present (not on leave,
  `CUTI`, or official travel, `DL`) and not pinned `WFH` by HR (principle 4, as for counts);
  a maximum is raised to the days HR pinned `WFO`: HR's own cells are kept;
- a **run** is working days in a row with the same status: weekends and public holidays are
  no working days and do not break it, leave and travel do (the person is neither at home
  nor in the office); a run that ended the earlier roster goes on into this one. A window
  of `days + 1` working days in a row asks for one day of the other status in it, unless
  HR pinned every day of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from wfh_solver.policy.problem import (
    EARLIER_WFH,
    EARLIER_WFO,
    FIXED_WFH,
    FIXED_WFO,
    PRESENT,
    PersonRule,
    Problem,
)


@dataclass(frozen=True, slots=True)
class Window:
    """`low` ≤ the person's office days on `days` (indices of the period) ≤ `high`."""

    rule: int  # index into `Problem.person_rules`
    days: tuple[int, ...]
    low: int
    high: int | None


def weeks(problem: Problem) -> list[tuple[int, ...]]:
    """The period's working days by calendar week (Monday–Sunday), in order."""
    found: dict[tuple[int, int], list[int]] = {}
    for d, day in enumerate(problem.calendar.days):
        year, week, _ = day.isocalendar()
        found.setdefault((year, week), []).append(d)
    return [tuple(days) for days in found.values()]


def _earlier_office_in_first_week(problem: Problem, lead: Sequence[int]) -> int:
    """Office days of the earlier roster in the calendar week the period begins in."""
    if not problem.calendar.days or not lead:
        return 0
    first = problem.calendar.days[0].isocalendar()[:2]
    return sum(1 for day, code in zip(problem.earlier_days, lead, strict=True)
               if day.isocalendar()[:2] == first and code == EARLIER_WFO)


def _trailing(lead: Sequence[int], code: int) -> int:
    run = 0
    for value in reversed(lead):
        if value != code:
            break
        run += 1
    return run


def person_windows(problem: Problem, rule: int, present: Sequence[bool], pins: Sequence[int],
                   lead: Sequence[int], week_days: list[tuple[int, ...]]) -> list[Window]:
    """The windows one rule sets one person with these days present, pins and earlier
    cells (`lead`: the earlier roster's cells of the working days just before)."""
    spec: PersonRule = problem.person_rules[rule]
    n = problem.n_days
    out: list[Window] = []
    if spec.kind in ("min_office_days", "max_office_days"):
        spans = week_days if spec.per == "week" else [tuple(range(n))]
        for k, span in enumerate(spans):
            before = _earlier_office_in_first_week(problem, lead) if (
                spec.per == "week" and k == 0) else 0
            here = [d for d in span if present[d]]
            can = sum(1 for d in here if pins[d] != FIXED_WFH)
            held = sum(1 for d in here if pins[d] == FIXED_WFO)
            if spec.kind == "min_office_days":
                need = max(0, min(spec.days - before, can))
                if need > 0:
                    out.append(Window(rule, span, need, None))
            else:
                cap = max(spec.days - before, held, 0)
                if cap < len(here):
                    out.append(Window(rule, span, 0, cap))
        return out
    wfh = spec.kind == "max_consecutive_wfh"
    size = spec.days + 1
    carried = _trailing(lead, EARLIER_WFH if wfh else EARLIER_WFO)
    # positions -carried … -1 are earlier days of the same status; 0 … n-1 this period
    run_start = -carried
    for d in range(n + 1):
        if d == n or not present[d]:
            _run_windows(out, rule, run_start, d, size, pins, wfh)
            run_start = d + 1
    return out


def _run_windows(out: list[Window], rule: int, start: int, stop: int, size: int,
                 pins: Sequence[int], wfh: bool) -> None:
    """Windows of `size` days in a row inside the run of days [start, stop) (negative
    positions are earlier days), each asking for one day of the other status."""
    mine, other = (FIXED_WFH, FIXED_WFO) if wfh else (FIXED_WFO, FIXED_WFH)
    for first in range(start, stop - size + 1):
        days = tuple(range(max(first, 0), first + size))
        if not days or any(pins[d] == other for d in days):
            continue  # a pinned day of the other status already breaks it
        if all(pins[d] == mine for d in days):
            continue  # HR pinned it all: their cells are kept
        if wfh:
            out.append(Window(rule, days, 1, None))
        else:
            out.append(Window(rule, days, 0, len(days) - 1))


def all_windows(problem: Problem) -> dict[int, tuple[Window, ...]]:
    """Per free employee held by a per-person rule, their windows (none: not listed).

    Worked out once per distinct (rules, days present, pins, earlier cells): at 60,000
    staff most people share one of a few hundred combinations."""
    if not problem.person_rules:
        return {}
    rules_of: dict[int, list[int]] = {}
    for r, spec in enumerate(problem.person_rules):
        for i in spec.members:
            rules_of.setdefault(i, []).append(r)
    absent = problem.absence()
    pins = problem.pinned()
    earlier = problem.earlier
    week_days = weeks(problem)
    cache: dict[tuple[object, ...], tuple[Window, ...]] = {}
    out: dict[int, tuple[Window, ...]] = {}
    for i, rules in rules_of.items():
        lead: npt.NDArray[np.int8] = (np.zeros(0, dtype=np.int8) if earlier is None
                                      else earlier[i])
        key = (tuple(rules), absent[i].tobytes(), pins[i].tobytes(), lead.tobytes())
        found = cache.get(key)
        if found is None:
            present = (absent[i] == PRESENT).tolist()
            row = pins[i].tolist()
            codes = lead.tolist()
            found = cache[key] = tuple(
                w for r in rules
                for w in person_windows(problem, r, present, row, codes, week_days))
        if found:
            out[i] = found
    return out
