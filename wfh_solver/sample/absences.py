"""Leave (*cuti*) and official travel (*dinas luar*) for a synthetic staff list.

Every real monthly staff list carries them, and they are what makes working days differ
for the solver, so a sample without them would flatter it. A seeded share of the staff
takes one run of 1–5 working days of leave inside the period, and a smaller share (of the
others) one run of 1–3 working days of travel. Runs are written as the README's range text
(`06/07/2020 s.d. 10/07/2020`), the way HR types them.

The draws come from their own random stream, so adding absences never changes the staff
list itself: `make_sample(n, seed)` has the same people with or without them.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from wfh_solver.domain.calendar import working_days

#: The month a sample's absences fall in unless told otherwise: July 2020 (22 working days,
#: Idul Adha on the 31st), the month the benchmarks measure.
PERIOD: tuple[date, date] = (date(2020, 7, 1), date(2020, 7, 31))
LEAVE_COLUMN, TRAVEL_COLUMN = "Cuti", "Dinas Luar"
_LEAVE_DAYS, _TRAVEL_DAYS = (1, 5), (1, 3)


def add_absences(frame: pd.DataFrame, seed: int, leave_share: float, travel_share: float,
                 period: tuple[date, date] = PERIOD) -> pd.DataFrame:
    """`frame` with `Cuti` and `Dinas Luar` columns ("" for nobody away)."""
    for name, share in (("leave_share", leave_share), ("travel_share", travel_share)):
        if not 0.0 <= share <= 1.0:
            option = "--" + name.replace("_", "-")
            raise ValueError(f"{name} ({option}) must be between 0 and 1, got {share}")
    if leave_share + travel_share > 1.0:
        raise ValueError("leave_share + travel_share must not exceed 1: each person is away "
                         "for one reason at most")
    days = working_days(*period).days
    rng = np.random.default_rng([seed, 0xC071])
    n = len(frame)
    order = rng.permutation(n)
    n_leave, n_travel = round(leave_share * n), round(travel_share * n)
    out = frame.copy()
    out[LEAVE_COLUMN] = _runs(n, order[:n_leave], days, _LEAVE_DAYS, rng)
    out[TRAVEL_COLUMN] = _runs(n, order[n_leave:n_leave + n_travel], days, _TRAVEL_DAYS, rng)
    return out


def _runs(n: int, who: np.ndarray, days: tuple[date, ...], lengths: tuple[int, int],
          rng: np.random.Generator) -> list[str]:
    """One run of consecutive working days per chosen person, as range text."""
    texts = [""] * n
    if not days:
        return texts
    for i in sorted(int(x) for x in who):
        length = min(len(days), int(rng.integers(lengths[0], lengths[1] + 1)))
        first = int(rng.integers(0, len(days) - length + 1))
        start, end = days[first], days[first + length - 1]
        texts[i] = (f"{start:%d/%m/%Y}" if start == end
                    else f"{start:%d/%m/%Y} s.d. {end:%d/%m/%Y}")
    return texts
