"""A finished roster as pandas tables: one row per person, or per person and day.

Here rather than in the planning layer because `Result.to_frame` is the roster's own view of
itself; the planning layer (`wfh_solver.plan.analysis`) builds its figures on these frames.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from wfh_solver.solve.codes import CODES

if TYPE_CHECKING:
    from wfh_solver.solve.result import Result

#: Personal facts shown in the `flags` column, in this order.
FLAGS: tuple[str, ...] = ("vulnerable", "comorbid", "pregnant", "must_wfo", "must_wfh")


def _flags(result: Result) -> list[str]:
    vulnerable = result.vulnerable
    out = []
    for i, e in enumerate(result.roster.employees):
        facts = (vulnerable is not None and bool(vulnerable[i]), e.comorbid,
                 e.pregnant_or_nursing, e.must_wfo, e.must_wfh)
        out.append(",".join(name for name, on in zip(FLAGS, facts, strict=True) if on))
    return out


def pinned_by(result: Result) -> list[str]:
    n = len(result.roster.employees)
    return list(result.pinned_by) if len(result.pinned_by) == n else [""] * n


def person_frame(result: Result) -> pd.DataFrame:
    """One row per employee: who they are and how many days of each kind they got."""
    roster = result.roster
    employees = roster.employees
    return pd.DataFrame({
        "nip": [e.nip for e in employees],
        "name": [e.name for e in employees],
        "unit": pd.Categorical([e.unit for e in employees]),
        "sub_unit": pd.Categorical([e.sub_unit for e in employees]),
        "position": [e.position for e in employees],
        "category": pd.Categorical([e.category.value for e in employees]),
        "eselon": [e.eselon or "" for e in employees],
        "flags": _flags(result),
        "pinned_by": pinned_by(result),
        "wfo_days": roster.wfo_days(),
        "wfh_days": roster.wfh_days(),
        "away_days": roster.away_days(),
    })


def roster_frame(result: Result, layout: Literal["long", "wide"] = "long") -> pd.DataFrame:
    """`long`: one row per person and working day with `day` and `status` (WFH, WFO,
    CUTI, DL) — what groupby and plotting want. `wide`: one row per person and one
    column per day, like the printed roster, plus the day counts."""
    if layout not in ("long", "wide"):
        raise ValueError(f"layout must be 'long' or 'wide', not {layout!r}")
    people = person_frame(result)
    roster = result.roster
    codes = roster.codes()
    labels = pd.Categorical.from_codes(codes.ravel(), categories=pd.Index(list(CODES)))
    if layout == "wide":
        days = pd.DataFrame(np.asarray(labels).reshape(codes.shape),
                            columns=list(roster.days)).astype("category")
        return pd.concat([people, days], axis=1)
    n, d = codes.shape
    long = people.drop(columns=["wfo_days", "wfh_days", "away_days"]).iloc[np.repeat(
        np.arange(n), d)].reset_index(drop=True)
    long["day"] = pd.to_datetime(np.tile(np.array(roster.days, dtype="datetime64[D]"), n))
    long["status"] = labels
    return long
