"""A finished roster as pandas tables: per person, per person and day, per day, per unit and day.

Here rather than in the planning layer because `Result.to_frame` is the roster's own view of
itself, and the per-day tables because a single roster's charts (`write.charts`) draw them;
the planning layer (`wfh_solver.plan.analysis`) builds its figures on these frames.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

import numpy as np
import numpy.typing as npt
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


def _timestamps(days: tuple[date, ...]) -> pd.DatetimeIndex:
    """The roster's days as pandas Timestamps: the one date type of every frame here."""
    return pd.DatetimeIndex(np.array(days, dtype="datetime64[D]")).as_unit("ns")


def roster_frame(result: Result, layout: Literal["long", "wide"] = "long") -> pd.DataFrame:
    """`long`: one row per person and working day with `day` and `status` (WFH, WFO,
    CUTI, DL) — what groupby and plotting want. `wide`: one row per person and one
    column per day, like the printed roster, plus the day counts.

    Days are pandas Timestamps in both layouts (`long["day"]`, the day columns of `wide`),
    so a day taken from one finds its column in the other: `wide[pd.Timestamp("2020-07-01")]`.
    """
    if layout not in ("long", "wide"):
        raise ValueError(f"layout must be 'long' or 'wide', not {layout!r}")
    people = person_frame(result)
    roster = result.roster
    codes = roster.codes()
    labels = pd.Categorical.from_codes(codes.ravel(), categories=pd.Index(list(CODES)))
    if layout == "wide":
        days = pd.DataFrame(np.asarray(labels).reshape(codes.shape),
                            columns=_timestamps(roster.days)).astype("category")
        return pd.concat([people, days], axis=1)
    n, d = codes.shape
    long = people.drop(columns=["wfo_days", "wfh_days", "away_days"]).iloc[np.repeat(
        np.arange(n), d)].reset_index(drop=True)
    long["day"] = np.tile(_timestamps(roster.days).to_numpy(), n)
    long["status"] = labels
    return long


def present(result: Result) -> npt.NDArray[np.bool_]:
    absent = result.roster.absent
    return np.ones(result.roster.office.shape, bool) if absent is None else absent == 0


def daily_summary(result: Result) -> pd.DataFrame:
    """Per working day: in office, at home, on leave, travelling, and the office share of
    those present."""
    roster = result.roster
    codes = roster.codes()
    counts = {name: (codes == k).sum(axis=0) for k, name in enumerate(
        ("at_home", "in_office", "leave", "travel"))}
    frame = pd.DataFrame(counts, index=pd.Index(pd.to_datetime(list(roster.days)), name="day"))
    frame = frame[["in_office", "at_home", "leave", "travel"]]
    present = frame["in_office"] + frame["at_home"]
    frame["office_share"] = (frame["in_office"] / present.where(present > 0)).astype(float)
    return frame


def unit_day_share(result: Result) -> pd.DataFrame:
    """Office share of the staff present, per unit (rows) and working day (columns)."""
    roster = result.roster
    units = [e.unit for e in roster.employees]
    there = present(result)
    days = pd.to_datetime(list(roster.days))
    office = pd.DataFrame(roster.office & there, columns=days).groupby(units).sum()
    here = pd.DataFrame(there, columns=days).groupby(units).sum()
    share = office / here.where(here > 0)
    share.index.name = "unit"
    return share.astype(float)


def wfh_days_distribution(result: Result) -> pd.Series:
    """How many employees got 0, 1, 2 … WFH days (every count up to the period's length)."""
    wfh = result.roster.wfh_days()
    counts = np.bincount(wfh, minlength=len(result.roster.days) + 1) if wfh.size else \
        np.zeros(len(result.roster.days) + 1, dtype=np.int64)
    return pd.Series(counts, index=pd.RangeIndex(len(counts), name="wfh_days"), name="staff")
