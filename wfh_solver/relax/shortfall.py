"""The least violation: how far each count rule must give, per day, for a roster to exist.

Soft mode keeps pins and leave hard (a must-be-in-office role outranks every count: the
policy already caps minimums to who can come and raises caps to who is pinned, so pins
never need to give) and turns every minimum and maximum into a penalised slack. A
count (`min_present`) outranks a share (`min/max_office_share`): its slack weighs more
than every share slack of a unit-day together, so the optimum is lexicographic.

Units are independent, and so are days (the rotation rule is the solver's business),
so each unit-day is a small per-person model solved to proven optimality; identical
unit-days (same people present, same numbers asked) are solved once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np
from ortools.sat.python import cp_model

from wfh_solver.policy.problem import FIXED_WFH, FIXED_WFO, PRESENT, Problem, Requirement

COUNT_KINDS = frozenset({"min_present"})


@dataclass(frozen=True, slots=True)
class Shortfall:
    """Per requirement and day, how many fewer (minimum) or more (maximum) are allowed."""

    below: dict[int, list[int]]  # requirement index -> per-day slack under its minimum
    above: dict[int, list[int]]  # requirement index -> per-day slack over its maximum
    weight: int  # of one person-day short on a count rule; a share's is 1
    count: int  # person-days short on count rules, proven minimal
    share: int  # person-days short on share rules, proven minimal (given `count`)
    optimal: bool
    seconds: float = 0.0

    @property
    def objective(self) -> int:
        return self.weight * self.count + self.share

    @property
    def total(self) -> int:
        return self.count + self.share


def _weight(problem: Problem) -> int:
    """One more than any unit-day's share slack can reach: counts come first, strictly."""
    per_scope: dict[str, int] = defaultdict(int)
    for req in problem.requirements:
        if req.kind not in COUNT_KINDS:
            per_scope[req.unit] += len(req.members)
    return 1 + max(per_scope.values(), default=0)


def _scopes(problem: Problem) -> list[tuple[list[int], list[int]]]:
    """(people, requirement indices) that can be relaxed independently: each unit, or
    everything at once when an organisation-wide rule couples the units."""
    if any(not req.unit for req in problem.requirements):
        return [(list(range(len(problem.employees))), list(range(len(problem.requirements))))]
    people: dict[str, list[int]] = defaultdict(list)
    reqs: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(problem.employees):
        people[e.unit].append(i)
    for r, req in enumerate(problem.requirements):
        reqs[req.unit].append(r)
    return [(people[unit], reqs[unit]) for unit in sorted(reqs)]


@dataclass(slots=True)
class _DayResult:
    below: dict[int, int]
    above: dict[int, int]
    count: int
    share: int
    optimal: bool


def _solve_day(problem: Problem, people: Sequence[int], reqs: Sequence[int], day: int,
               weight: int) -> _DayResult:
    m = cp_model.CpModel()
    absent = problem.absence()
    x = {i: m.new_bool_var(f"office[{i}]") for i in people}
    for i in people:
        if absent[i, day] != PRESENT or problem.fixed[i] == FIXED_WFH:
            m.add(x[i] == 0)
        elif problem.fixed[i] == FIXED_WFO:
            m.add(x[i] == 1)
    below: dict[int, cp_model.IntVar] = {}
    above: dict[int, cp_model.IntVar] = {}
    terms = []
    for r in reqs:
        req = problem.requirements[r]
        here = sum(x[i] for i in req.members)
        w = weight if req.kind in COUNT_KINDS else 1
        need, cap = req.minimum_on(day), req.maximum_on(day)
        if need > 0:
            below[r] = m.new_int_var(0, need, f"below[{req.rule}|{req.unit}|{req.sub_unit}]")
            m.add(here + below[r] >= need)
            terms.append(w * below[r])
        if cap is not None:
            above[r] = m.new_int_var(0, len(req.members),
                                     f"above[{req.rule}|{req.unit}|{req.sub_unit}]")
            m.add(here - above[r] <= cap)
            terms.append(w * above[r])
    if not terms:
        return _DayResult({}, {}, 0, 0, True)
    m.minimize(sum(terms))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 30.0
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError("the relaxed rules found no roster in 30 s")
    b = {r: int(solver.value(v)) for r, v in below.items() if solver.value(v)}
    a = {r: int(solver.value(v)) for r, v in above.items() if solver.value(v)}
    count = sum(v for r, v in (*b.items(), *a.items())
                if problem.requirements[r].kind in COUNT_KINDS)
    share = sum(b.values()) + sum(a.values()) - count
    return _DayResult(b, a, count, share, status == cp_model.OPTIMAL)


def _signature(problem: Problem, people: Sequence[int], reqs: Sequence[int],
               day: int) -> tuple[object, ...]:
    """Two days of a unit with the same signature have the same optimal slacks."""
    rows = np.asarray(people, dtype=np.intp)
    away = problem.absence()[rows, day].tobytes()
    asks = tuple((problem.requirements[r].minimum_on(day), problem.requirements[r].maximum_on(day))
                 for r in reqs)
    return (away, asks)


def least_shortfall(problem: Problem, workers: int = 1) -> Shortfall:
    """The proven-least weighted shortfall of every count rule, per requirement and day."""
    import time

    started = time.perf_counter()
    weight = _weight(problem)
    jobs: dict[tuple[int, tuple[object, ...]], tuple[int, int]] = {}
    use: list[tuple[int, int, tuple[int, tuple[object, ...]]]] = []
    scopes = _scopes(problem)
    for s, (people, reqs) in enumerate(scopes):
        if not reqs:
            continue
        for day in range(problem.n_days):
            key = (s, _signature(problem, people, reqs, day))
            jobs.setdefault(key, (s, day))
            use.append((s, day, key))

    def run(job: tuple[int, int]) -> _DayResult:
        s, day = job
        people, reqs = scopes[s]
        return _solve_day(problem, people, reqs, day, weight)

    keys = list(jobs)
    with ThreadPoolExecutor(max(1, workers)) as pool:
        solved = dict(zip(keys, pool.map(run, [jobs[k] for k in keys]), strict=True))
    days = problem.n_days
    below: dict[int, list[int]] = {}
    above: dict[int, list[int]] = {}
    count = share = 0
    optimal = True
    for _, day, key in use:
        result = solved[key]
        count += result.count
        share += result.share
        optimal &= result.optimal
        for r, v in result.below.items():
            below.setdefault(r, [0] * days)[day] = v
        for r, v in result.above.items():
            above.setdefault(r, [0] * days)[day] = v
    return Shortfall(below, above, weight, count, share, optimal,
                     time.perf_counter() - started)


def relaxed_problem(problem: Problem, shortfall: Shortfall) -> Problem:
    """The problem with each broken count moved, per day, to what can be met."""
    reqs = list(problem.requirements)
    for r in set(shortfall.below) | set(shortfall.above):
        reqs[r] = _relaxed(reqs[r], problem.n_days, shortfall.below.get(r),
                           shortfall.above.get(r))
    return replace(problem, requirements=tuple(reqs))


def _relaxed(req: Requirement, days: int, below: list[int] | None,
             above: list[int] | None) -> Requirement:
    if below is not None:
        req = replace(req, daily_minimum=tuple(req.minimum_on(d) - below[d]
                                               for d in range(days)))
    if above is not None and req.maximum is not None:
        daily = tuple(int(req.maximum_on(d) or 0) + above[d] for d in range(days))
        req = replace(req, maximum=max(daily), daily_maximum=daily)
    return req
