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


def _digits(nip: str) -> str:
    return re.sub(r"\D", "", nip)


def prior_wfh_days(employees: Sequence[Employee],
                   rosters: Sequence[Mapping[str, int]]) -> npt.NDArray[np.int64]:
    """Per employee, the WFH days of every earlier roster (`NIP → WFH days`) summed."""
    total = np.zeros(len(employees), dtype=np.int64)
    for roster in rosters:
        counts = {_digits(nip): days for nip, days in roster.items()}
        by_unit: dict[str, list[int]] = defaultdict(list)
        for e in employees:
            if _digits(e.nip) in counts:
                by_unit[e.unit].append(counts[_digits(e.nip)])
        for i, e in enumerate(employees):
            known = counts.get(_digits(e.nip))
            if known is None:
                seen = by_unit.get(e.unit, [])
                known = sum(seen) // len(seen) if seen else 0
            total[i] += known
    return total
