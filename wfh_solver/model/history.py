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

import numpy as np
import numpy.typing as npt

from wfh_solver.domain.employee import Employee
from wfh_solver.read.earlier import NipCounts


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
