"""Cells HR has already decided (`--pin`): kept exactly, everything else re-optimised.

A pinned person keeps their own group (their pins make them interchangeable only with
someone pinned alike), blocks of days split where pins differ, and in each block a pinned
group's office-days are fixed: all of its capacity for WFO, none for WFH. The wrap-around
layout then gives every member exactly the pinned cells. Pins that break a rule outright
are found before solving and named: person, day and rule (`check_pins`).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from wfh_solver.messages import t
from wfh_solver.policy.problem import FIXED_WFH, FIXED_WFO, PRESENT, Problem


class _Pinned(Protocol):
    pins: tuple[int, ...] | None


def office_range(group: _Pinned, block: list[int], capacity: int) -> tuple[int, int]:
    """Bounds of a group's office-days in a block: fixed where its pins decide the block."""
    if group.pins is None:
        return 0, capacity
    pin = group.pins[block[0]]
    if pin == FIXED_WFO:
        return capacity, capacity
    if pin == FIXED_WFH:
        return 0, 0
    return 0, capacity


def check_pins(problem: Problem) -> list[str]:
    """Pins that break a rule by themselves, in HR words (empty when none do)."""
    if problem.pins is None:
        return []
    pins, days = problem.pins, problem.calendar.days
    away = problem.absence() != PRESENT
    reasons = []
    for i, d in zip(*np.nonzero(pins), strict=True):
        e, code = problem.employees[i], ("WFO" if pins[i, d] == FIXED_WFO else "WFH")
        rule = problem.fixed_by[i]
        if away[i, d]:
            rule = t("pin_rule_absent")
        elif problem.fixed[i] in (FIXED_WFO, FIXED_WFH) and problem.fixed[i] != pins[i, d]:
            pass  # a rule fixes the person the other way: name it
        else:
            continue
        reasons.append(t("pin_clash", name=e.name, nip=e.nip, day=f"{days[d]:%d/%m/%Y}",
                         code=code, rule=rule))
    for req in problem.requirements:
        rows = np.asarray(req.members, dtype=np.int64)
        here = ~away[rows]
        home = (pins[rows] == FIXED_WFH) | (problem.fixed[rows] == FIXED_WFH)[:, None]
        office = here & ((pins[rows] == FIXED_WFO)
                         | ((problem.fixed[rows] == FIXED_WFO)[:, None] & (pins[rows] == 0)))
        for d in range(problem.n_days):
            available = int((here[:, d] & ~home[:, d]).sum())
            need, cap = req.minimum_on(d), req.maximum_on(d)
            short = available < need
            over = cap is not None and int(office[:, d].sum()) > cap
            if not (short or over):
                continue
            pinned = [problem.employees[int(rows[k])] for k in np.flatnonzero(
                pins[rows, d] == (FIXED_WFH if short else FIXED_WFO))]
            if not pinned:
                continue
            reasons.append(t("pin_count", people=", ".join(f"{e.name} (NIP {e.nip})"
                                                              for e in pinned[:5]),
                             day=f"{days[d]:%d/%m/%Y}", rule=req.rule,
                             where=req.unit or t("whole_org"),
                             code="WFH" if short else "WFO",
                             limit=need if short else cap))
    return reasons
