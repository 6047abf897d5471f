"""What every peer model shares: the result shape, the level definitions, an evaluator.

The peers are deliberately independent of `wfh_solver.model` and `wfh_solver.solve`:
they read only the `Problem` data (who is fixed, who is vulnerable, who is on leave or
official travel when, the per-day requirements and WFH targets) and rebuild everything
else from it.

An absent employee-day (`Problem.absent` ≠ PRESENT: leave or travel) is never in
office, even for staff fixed in office, and is neither WFO nor WFH. Hard rules:
fixed-in-office staff are in on every day they are present, fixed-at-home staff never;
each requirement holds per day d as `minimum_on(d)` ≤ (members in office) ≤ `maximum_on(d)`.

Levels, minimised in this order (the definitions the aggregated model must match):
  intent      intent "wfh_target" with targets: Σ over targets and days of
              |WFH count that day − target|, where the WFH count is the target's
              members present that day and not in office; plus the office-days of
              free employees outside every target. Otherwise Σ office-days of FREE
              employees (fixed ones are constants).
  vulnerable  Σ office-days of free vulnerable employees.
  fairness    Σ over units that have free employees of (max − min) WFH-days among
              that unit's free employees; WFH-days = WFH days of earlier periods
              (`Problem.history`, --previous) + days present − office-days (without
              history, leave or travel, the spread of office-days).
Per-person rules (`Problem.person_rules`), each read here on its own from the rule, the
days present, HR's pins and the earlier roster's cells (`person_limits`): a count per
calendar week (Monday–Sunday; the earlier roster's office days in a week that began there
count) or per period, a minimum never above the days the person can come in (present, not
pinned WFH) and a maximum never below their pinned WFO days; a run of `days + 1` working
days in a row that are all WFH-able (present, or an earlier roster's WFH cell just before)
has an office day, unless HR pinned all of its days here WFH; the same for WFO.
Hard fairness: free employees with the same (unit, sub-unit, category, vulnerable,
set of absent days, earlier WFH days) have WFH-day totals within one of each other (the
same days present, so equally office-day totals).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from wfh_solver.policy.problem import FIXED_WFH, FIXED_WFO, FREE, PRESENT, Problem

EARLIER_WFO, EARLIER_WFH = 1, 2  # `read.entries` codes in `Problem.earlier`

LEVEL_NAMES: tuple[str, str, str] = ("intent", "vulnerable", "fairness")

OPTIMAL, FEASIBLE, UNKNOWN, INFEASIBLE = "OPTIMAL", "FEASIBLE", "UNKNOWN", "INFEASIBLE"


@dataclass(frozen=True, slots=True)
class PeerLevel:
    """One lexicographic level as a peer solved it.

    `objective` is None when no solution was found at this level; `bound` is the
    proven lower bound (None when the solver proved nothing); `gap` is
    |objective − bound| / max(1, |objective|) when both are known.
    """

    name: str
    objective: int | None
    bound: int | None
    status: str
    seconds: float
    gap: float | None = None


@dataclass(frozen=True, slots=True)
class PeerResult:
    """A peer's answer: per-level outcomes, timings and the roster, if any was found."""

    solver: str
    mode: str
    status: str
    levels: tuple[PeerLevel, ...]
    build_seconds: float
    solve_seconds: float
    office: npt.NDArray[np.bool_] | None

    @property
    def objectives(self) -> tuple[int | None, ...]:
        return tuple(level.objective for level in self.levels)

    @property
    def all_optimal(self) -> bool:
        return bool(self.levels) and all(level.status == OPTIMAL for level in self.levels)

    @property
    def infeasible(self) -> bool:
        return self.status == INFEASIBLE


@dataclass(frozen=True, slots=True)
class Structure:
    """The index sets both peer models are built from."""

    n: int
    days: int
    free: tuple[int, ...]
    fixed_office: tuple[int, ...]
    fixed_home: tuple[int, ...]
    vulnerable_free: tuple[int, ...]
    classes: tuple[tuple[int, ...], ...]  # hard-fairness classes of free staff, size ≥ 2
    units: tuple[tuple[str, tuple[int, ...]], ...]  # units with free staff, their free staff
    use_targets: bool
    untargeted_free: tuple[int, ...] = ()  # free staff outside every WFH target
    present: tuple[tuple[bool, ...], ...] = ()  # [i][d]: not on leave or travel that day
    history: tuple[int, ...] = ()  # [i]: WFH days in earlier periods (zeros without)
    pins: tuple[tuple[int, ...], ...] = ()  # [i][d]: 0, FIXED_WFO or FIXED_WFH (--pin)

    def present_days(self, i: int) -> int:
        return sum(self.present[i])


def structure(problem: Problem) -> Structure:
    fixed = problem.fixed
    n = len(problem.employees)
    free = tuple(i for i in range(n) if fixed[i] == FREE)
    targeted = {i for target in problem.targets for i in target.members}
    absence = problem.absence()
    present = tuple(tuple(bool(absence[i, d] == PRESENT) for d in range(problem.n_days))
                    for i in range(n))
    history = tuple(int(x) for x in problem.prior_wfh())
    pins = tuple(tuple(int(x) for x in row) for row in problem.pinned())
    classes: dict[tuple[object, ...], list[int]] = defaultdict(list)
    units: dict[str, list[int]] = defaultdict(list)
    for i in free:
        e = problem.employees[i]
        away = tuple(d for d, here in enumerate(present[i]) if not here)
        key = (e.unit, e.sub_unit, str(e.category), bool(problem.vulnerable[i]), away,
               history[i], pins[i])
        classes[key].append(i)
        units[e.unit].append(i)
    return Structure(
        n=n,
        days=problem.n_days,
        free=free,
        fixed_office=tuple(i for i in range(n) if fixed[i] == FIXED_WFO),
        fixed_home=tuple(i for i in range(n) if fixed[i] == FIXED_WFH),
        vulnerable_free=tuple(i for i in free if problem.vulnerable[i]),
        classes=tuple(tuple(m) for m in classes.values() if len(m) > 1),
        units=tuple((u, tuple(m)) for u, m in sorted(units.items())),
        use_targets=problem.scenario.intent == "wfh_target" and bool(problem.targets),
        untargeted_free=tuple(i for i in free if i not in targeted),
        present=present,
        history=history,
        pins=pins,
    )


def present_count(s: Structure, members: tuple[int, ...], day: int) -> int:
    """How many of `members` are neither on leave nor on travel on `day`."""
    return sum(1 for i in members if s.present[i][day])


def level_bounds(problem: Problem, s: Structure) -> tuple[int, int, int]:
    """Upper bounds on each level's value over all rosters (for big-M weights)."""
    if s.use_targets:
        intent = sum(max(t.target, present_count(s, t.members, d) - t.target)
                     for t in problem.targets for d in range(s.days))
        intent += sum(s.present_days(i) for i in s.untargeted_free)
    else:
        intent = sum(s.present_days(i) for i in s.free)
    vulnerable = sum(s.present_days(i) for i in s.vulnerable_free)
    return intent, vulnerable, len(s.units) * (s.days + max(s.history, default=0))


def evaluate(problem: Problem, office: npt.NDArray[np.bool_]) -> tuple[int, int, int]:
    """The three level values of a roster, straight from the definitions."""
    s = structure(problem)
    totals = office.sum(axis=1).astype(np.int64)
    here = np.array(s.present, dtype=bool).reshape(s.n, s.days)
    wfh_days = (here & ~office).sum(axis=1).astype(np.int64) + np.array(s.history,
                                                                        dtype=np.int64)
    if s.use_targets:
        intent = 0
        for t in problem.targets:
            members = list(t.members)
            wfh = (here[members] & ~office[members]).sum(axis=0)
            intent += int(np.abs(wfh - t.target).sum())
        intent += int(totals[list(s.untargeted_free)].sum())
    else:
        intent = int(totals[list(s.free)].sum())
    vulnerable = int(totals[list(s.vulnerable_free)].sum())
    fairness = sum(int(wfh_days[list(m)].max() - wfh_days[list(m)].min()) for _, m in s.units)
    return intent, vulnerable, fairness


def violations(problem: Problem, office: npt.NDArray[np.bool_]) -> list[str]:
    """Every hard rule a roster breaks (empty when it is valid)."""
    s = structure(problem)
    found = []
    if office.shape != (s.n, s.days):
        return [f"roster shape {office.shape} is not {(s.n, s.days)}"]
    here = np.array(s.present, dtype=bool).reshape(s.n, s.days)
    for i, d in zip(*np.nonzero(office & ~here), strict=True):
        found.append(f"employee {i} is away (leave or travel) on day {d} but in office")
    for i in s.fixed_office:
        if not office[i][here[i]].all():
            found.append(f"employee {i} is fixed in office but at home on a day present")
    for i in s.fixed_home:
        if office[i].any():
            found.append(f"employee {i} is fixed at home but sometimes in office")
    for i, row in enumerate(s.pins):
        for d, pin in enumerate(row):
            if pin and bool(office[i][d]) != (pin == FIXED_WFO):
                found.append(f"employee {i} is pinned {pin} on day {d} but the roster differs")
    for req in problem.requirements:
        counts = office[list(req.members)].sum(axis=0)
        for d, c in enumerate(counts):
            low = req.minimum_on(d)
            high = req.maximum_on(d)
            if c < low or (high is not None and c > high):
                found.append(f"{req.rule} ({req.unit}/{req.sub_unit}) day {d}: {c} in office, "
                             f"needs [{low}, {high}]")
    for limit in person_limits(problem):
        got = int(office[limit.i, list(limit.days)].sum())
        if got < limit.low or (limit.high is not None and got > limit.high):
            found.append(f"{limit.rule}: employee {limit.i} has {got} office days on "
                         f"{limit.days}, needs [{limit.low}, {limit.high}]")
    totals = office.sum(axis=1)
    for members in s.classes:
        spread = int(totals[list(members)].max() - totals[list(members)].min())
        if spread > 1:
            found.append(f"fairness class {members}: office days differ by {spread}")
    return found


@dataclass(frozen=True, slots=True)
class PersonLimit:
    """Employee `i` has low ≤ (office days on `days`) ≤ high (None: no upper limit)."""

    rule: str
    i: int
    days: tuple[int, ...]
    low: int
    high: int | None


def person_limits(problem: Problem) -> list[PersonLimit]:
    """Every per-person rule as limits on sums of one employee's office days."""
    out: list[PersonLimit] = []
    here = problem.absence() == PRESENT
    pins = problem.pinned()
    n = problem.n_days
    calendar = problem.calendar.days
    earlier = problem.earlier
    for spec in problem.person_rules:
        for i in spec.members:
            before = [] if earlier is None else [int(c) for c in earlier[i]]
            if spec.kind.startswith("max_consecutive"):
                out += _run_limits(spec.rule, spec.kind == "max_consecutive_wfh", spec.days,
                                   i, before, here[i], pins[i], n)
                continue
            if spec.per == "week":
                weeks: dict[tuple[int, int], list[int]] = {}
                for d in range(n):
                    weeks.setdefault(tuple(calendar[d].isocalendar())[:2], []).append(d)
                spans = list(weeks.items())
            else:
                spans = [((0, 0), list(range(n)))]
            for week, span in spans:
                done = sum(1 for day, c in zip(problem.earlier_days, before, strict=True)
                           if spec.per == "week" and c == EARLIER_WFO
                           and tuple(day.isocalendar())[:2] == week)
                can = sum(1 for d in span if here[i, d] and pins[i, d] != FIXED_WFH)
                held = sum(1 for d in span if here[i, d] and pins[i, d] == FIXED_WFO)
                if spec.kind == "min_office_days":
                    out.append(PersonLimit(spec.rule, i, tuple(span),
                                           max(0, min(spec.days - done, can)), None))
                else:
                    out.append(PersonLimit(spec.rule, i, tuple(span), 0,
                                           max(0, spec.days - done, held)))
    return out


def _run_limits(rule: str, wfh: bool, longest: int, i: int, before: list[int],
                here: npt.NDArray[np.bool_], pins: npt.NDArray[np.int8],
                n: int) -> list[PersonLimit]:
    """Windows of longest + 1 days in a row, over the earlier roster's cells then this
    period's days, each kept only when every day of it could be of the status."""
    status = EARLIER_WFH if wfh else EARLIER_WFO
    mine = FIXED_WFH if wfh else FIXED_WFO
    timeline = [(None, c == status) for c in before] + [(d, bool(here[d])) for d in range(n)]
    out = []
    for first in range(len(timeline) - longest):
        window = timeline[first:first + longest + 1]
        days = tuple(d for d, _ in window if d is not None)
        if not days or not all(able for _, able in window):
            continue
        if all(pins[d] == mine for d in days):
            continue
        if wfh:
            out.append(PersonLimit(rule, i, days, 1, None))
        else:
            out.append(PersonLimit(rule, i, days, 0, len(days) - 1))
    return out


def relative_gap(objective: int | None, bound: int | None) -> float | None:
    if objective is None or bound is None:
        return None
    return abs(objective - bound) / max(1, abs(objective))
