"""Count rules met per day, vectorised over every rule of a result: what `Rekap Unit` shows.

The same semantics as `rules.counts` (a day's minimum lowered where leave leaves too
few, a cap that means "only the pinned staff" following them day by day), over the
`RuleCount`s a result carries, so the summary sheet and the violation list agree.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from wfh_solver.solve.result import RuleCount


def _optional(values: Sequence[int | None]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    given = np.fromiter((v is not None for v in values), dtype=np.bool_, count=len(values))
    numbers = np.fromiter((v or 0 for v in values), dtype=np.int64, count=len(values))
    return numbers, given


def counts_met(counts: Sequence[RuleCount], in_office: npt.NDArray[np.int64],
               present: npt.NDArray[np.int64] | None = None) -> npt.NDArray[np.bool_]:
    """min <= in office <= max and WFH == target, for every rule count and day.

    `present` (members not on leave or travel, per day) makes WFH = present − office;
    a rule's `daily_minimum`/`daily_maximum` replace `minimum`/`maximum` day by day.
    """
    if present is None:
        present = np.array([len(rc.members) for rc in counts], dtype=np.int64)[:, None]
    low, has_low = _optional([rc.minimum for rc in counts])
    high, has_high = _optional([rc.maximum for rc in counts])
    target, has_target = _optional([rc.target_wfh for rc in counts])
    lows = np.broadcast_to(low[:, None], in_office.shape).copy()
    highs = np.broadcast_to(high[:, None], in_office.shape).copy()
    for k, rc in enumerate(counts):
        if rc.daily_minimum is not None:
            lows[k] = rc.daily_minimum
        if rc.daily_maximum is not None:
            highs[k] = rc.daily_maximum
    ok = ~has_low[:, None] | (in_office >= lows)
    ok &= ~has_high[:, None] | (in_office <= highs)
    ok &= ~has_target[:, None] | (present - in_office == target[:, None])
    return np.asarray(ok)
