"""A finished roster as pandas tables, for planners comparing circulars.

Everything here reads a `Result` and never solves: the same numbers the workbook
shows, in a shape a notebook or `wfh-solver compare` can group, plot and join.
Fairness is stated in words people use ("share of staff never in the office",
"how far apart WFH days are inside one unit"), not as the solver's objective.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import numpy.typing as npt
import pandas as pd

from wfh_solver.solve.frames import FLAGS, person_frame, pinned_by, roster_frame
from wfh_solver.solve.result import Result

__all__ = ["FLAGS", "person_frame", "roster_frame"]

def _present(result: Result) -> npt.NDArray[np.bool_]:
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
    present = _present(result)
    days = pd.to_datetime(list(roster.days))
    office = pd.DataFrame(roster.office & present, columns=days).groupby(units).sum()
    here = pd.DataFrame(present, columns=days).groupby(units).sum()
    share = office / here.where(here > 0)
    share.index.name = "unit"
    return share.astype(float)


def unit_summary(result: Result) -> pd.DataFrame:
    """Per unit: staff, how many a rule pins, the office share over the period, the
    smallest and largest day in office, and the fairness spread — max − min WFH days among
    staff no rule pins (`wfh_days_spread`, what the solver's fairness level minimises; WFH
    days count over the days present), beside the same over office days."""
    people = person_frame(result)
    present = _present(result)
    people["office_person_days"] = (result.roster.office & present).sum(axis=1)
    people["present_days"] = present.sum(axis=1)
    people["free"] = people["pinned_by"] == ""
    by = people.groupby("unit", observed=True)
    daily = pd.DataFrame(result.roster.office & present).groupby(
        [e.unit for e in result.roster.employees]).sum()
    free = people[people["free"]].groupby("unit", observed=True)["wfo_days"]
    free_wfh = people[people["free"]].groupby("unit", observed=True)["wfh_days"]
    frame = pd.DataFrame({
        "staff": by.size(),
        "pinned": by["free"].apply(lambda s: int((~s).sum())),
        "office_share": by["office_person_days"].sum() / by["present_days"].sum().where(
            lambda s: s > 0),
        "min_daily_in_office": daily.min(axis=1),
        "max_daily_in_office": daily.max(axis=1),
        "wfh_days_mean": by["wfh_days"].mean(),
        "wfh_days_min": by["wfh_days"].min(),
        "wfh_days_max": by["wfh_days"].max(),
        "office_days_spread": (free.max() - free.min()),
        "wfh_days_spread": (free_wfh.max() - free_wfh.min()),
    })
    frame["office_days_spread"] = frame["office_days_spread"].fillna(0).astype(int)
    frame["wfh_days_spread"] = frame["wfh_days_spread"].fillna(0).astype(int)
    frame.index.name = "unit"
    return frame


def wfh_days_distribution(result: Result) -> pd.Series:
    """How many employees got 0, 1, 2 … WFH days (every count up to the period's length)."""
    wfh = result.roster.wfh_days()
    counts = np.bincount(wfh, minlength=len(result.roster.days) + 1) if wfh.size else \
        np.zeros(len(result.roster.days) + 1, dtype=np.int64)
    return pd.Series(counts, index=pd.RangeIndex(len(counts), name="wfh_days"), name="staff")


def _alike_spread(result: Result) -> int:
    """Widest office-day gap between two unpinned employees alike for the rules (same unit,
    sub-unit, category and vulnerability, no leave or travel): the hard fairness rule keeps
    it at most one."""
    people = person_frame(result)
    vulnerable = result.vulnerable
    people["vulnerable"] = False if vulnerable is None else vulnerable
    alike = people[(people["pinned_by"] == "") & (people["away_days"] == 0)]
    if alike.empty:
        return 0
    days = alike.groupby(["unit", "sub_unit", "category", "vulnerable"],
                         observed=True)["wfo_days"]
    return int((days.max() - days.min()).max())


def fairness(result: Result) -> pd.Series:
    """Fairness in words: shares of staff never / always in the office (also among those no
    rule pins), the widest spread of WFH days inside a unit among unpinned staff (the
    solver's fairness definition), how many units have a spread above one day, and the
    widest gap between staff alike for the rules (`max_alike_spread`, at most one by the
    hard fairness rule)."""
    roster = result.roster
    n = len(roster.employees)
    present = _present(result)
    office = roster.office & present
    here = present.sum(axis=1)
    never = (office.sum(axis=1) == 0) & (here > 0)
    always = (office.sum(axis=1) == here) & (here > 0)
    free = np.array([p == "" for p in pinned_by(result)], dtype=bool)
    units = unit_summary(result)
    wfh = roster.wfh_days()

    def share(mask: npt.NDArray[np.bool_], among: npt.NDArray[np.bool_]) -> float:
        total = int(among.sum())
        return float((mask & among).sum() / total) if total else 0.0

    everyone = np.ones(n, dtype=bool)
    return pd.Series({
        "staff": n,
        "pinned": int((~free).sum()),
        "never_in_office": share(never, everyone),
        "always_in_office": share(always, everyone),
        "never_in_office_free": share(never, free),
        "always_in_office_free": share(always, free),
        "wfh_days_mean": float(wfh.mean()) if n else 0.0,
        "wfh_days_std": float(wfh.std()) if n else 0.0,
        "max_unit_spread": int(units["wfh_days_spread"].max()) if len(units) else 0,
        "units_spread_over_1": int((units["wfh_days_spread"] > 1).sum()),
        "max_alike_spread": _alike_spread(result),
    }, name="fairness", dtype=object)


def binding_rules(result: Result) -> pd.DataFrame:
    """Per scenario rule: how many scopes (units, sub-units) it applies to, and on how
    many scope-days it is tight — the count in office sits exactly on its minimum or
    maximum, or the WFH count exactly on its target. A rule that never binds did not
    shape the roster; pinning rules bind when they pin someone."""
    roster = result.roster
    present = _present(result)
    kinds = {r.name: r.kind for r in result.applied_rules}
    people = {r.name: r.affected for r in result.applied_rules}
    scopes: Counter[str] = Counter()
    scope_days: Counter[str] = Counter()
    tight_days: Counter[str] = Counter()
    for rc in result.rule_counts:
        kinds.setdefault(rc.rule, rc.kind)
        members = np.asarray(rc.members, dtype=np.intp)
        in_office = (roster.office[members] & present[members]).sum(axis=0)
        if rc.target_wfh is not None:
            tight = present[members].sum(axis=0) - in_office == rc.target_wfh
        elif rc.maximum is not None:
            tight = in_office == rc.maximum
        else:
            low = np.asarray(rc.daily_minimum if rc.daily_minimum is not None
                             else [rc.minimum or 0] * len(in_office))
            tight = (in_office == low) & (low > 0)
        scopes[rc.rule] += 1
        scope_days[rc.rule] += len(in_office)
        tight_days[rc.rule] += int(tight.sum())
    frame = pd.DataFrame({
        "kind": pd.Series(kinds),
        "people": pd.Series(people, dtype="int64"),
        "scopes": pd.Series(scopes, dtype="int64"),
        "scope_days": pd.Series(scope_days, dtype="int64"),
        "tight_scope_days": pd.Series(tight_days, dtype="int64"),
    }, index=pd.Index(list(kinds), name="rule")).fillna(0)
    frame = frame.astype({c: "int64" for c in frame.columns if c != "kind"})
    pinning = frame["scopes"] == 0
    frame["binds"] = (frame["tight_scope_days"] > 0) | (pinning & (frame["people"] > 0))
    return frame
