"""The least violation: how far each count rule must give, per day, for a roster to exist.

Soft mode keeps pins and leave hard (a must-be-in-office role outranks every count: the
policy already caps minimums to who can come and raises caps to who is pinned, so pins
never need to give; HR's `--pin` cells are kept too, the counts giving around them) and
turns every minimum and maximum into a penalised slack. A count (`min_present`)
outranks a share (`min/max_office_share`): its slack weighs more than every share
slack of a unit-day together, so the optimum is lexicographic.

Units are independent, and so are days (the rotation rule is the solver's business),
so each unit-day is a small per-person model solved to proven optimality; identical
unit-days (same people present, same numbers asked) are solved once. Should the
solver's rotation rule then clash with the moved rules, each unit is solved again with
all its days and that rule (`rotation=True`).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from wfh_solver.base.messages import t
from wfh_solver.model.sat import cp_model
from wfh_solver.policy.person import all_windows
from wfh_solver.policy.problem import (
    FIXED_WFH,
    FIXED_WFO,
    FREE,
    PRESENT,
    PolicyInfeasible,
    Problem,
    Requirement,
)

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
class _Slacks:
    """A job's slacks by (requirement, position in the job's days)."""

    below: dict[tuple[int, int], int]
    above: dict[tuple[int, int], int]
    count: int
    share: int
    optimal: bool


def _rotation(m: cp_model.CpModel, problem: Problem, people: Sequence[int],
              x: dict[tuple[int, int], cp_model.IntVar], days: Sequence[int]) -> None:
    """The solver's hard rotation rule: free staff of one unit, sub-unit and category, with
    the same vulnerability and days away, differ by at most one WFH day."""
    absent = problem.absence()
    classes: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i in people:
        if problem.fixed[i] == FREE:
            e = problem.employees[i]
            classes[(e.unit, e.sub_unit, e.category, bool(problem.vulnerable[i]),
                     absent[i].tobytes(),
                     b"" if problem.pins is None else problem.pins[i].tobytes())].append(i)
    for k, members in enumerate(classes.values()):
        if len(members) < 2:
            continue
        low = m.new_int_var(0, len(days), f"class_low[{k}]")
        for i in members:
            office = sum(x[i, k2] for k2 in range(len(days)))
            m.add(office >= low)
            m.add(office <= low + 1)


def _person_rules(m: cp_model.CpModel, problem: Problem, people: Sequence[int],
                  x: dict[tuple[int, int], cp_model.IntVar], days: Sequence[int]) -> None:
    """Per-person rules stay hard under `--relax`, like pins: they are each person's own
    rotation, and the counts give around them (docs/model.md)."""
    if list(days) != list(range(problem.n_days)):
        return  # only the whole period holds a week or a run
    windows = all_windows(problem)
    for i in people:
        for w in windows.get(i, ()):
            office = sum(x[i, d] for d in w.days)
            if w.low:
                m.add(office >= w.low)
            if w.high is not None:
                m.add(office <= w.high)


def _names(problem: Problem, people: Sequence[int]) -> str:
    names = [f"{problem.employees[i].name} (NIP {problem.employees[i].nip})" for i in people[:3]]
    return ", ".join(names) + (" …" if len(people) > 3 else "")


def _solve(problem: Problem, people: Sequence[int], reqs: Sequence[int], days: Sequence[int],
           weight: int, rotation: bool = False) -> _Slacks:
    """Least weighted slack for these days (one day, or all days with the rotation rule)."""
    m = cp_model.CpModel()
    absent, cells = problem.absence(), problem.pins
    x = {(i, k): m.new_bool_var(f"office[{i},{k}]") for i in people for k in range(len(days))}
    for i in people:
        for k, day in enumerate(days):
            if absent[i, day] != PRESENT or problem.fixed[i] == FIXED_WFH:
                m.add(x[i, k] == 0)
            elif problem.fixed[i] == FIXED_WFO:
                m.add(x[i, k] == 1)
            elif cells is not None and cells[i, day]:  # HR's `--pin` cells never give
                m.add(x[i, k] == int(cells[i, day] == FIXED_WFO))
    if rotation:
        _rotation(m, problem, people, x, days)
        _person_rules(m, problem, people, x, days)
    below: dict[tuple[int, int], cp_model.IntVar] = {}
    above: dict[tuple[int, int], cp_model.IntVar] = {}
    terms = []
    for r in reqs:
        req = problem.requirements[r]
        w = weight if req.kind in COUNT_KINDS else 1
        for k, day in enumerate(days):
            here = sum(x[i, k] for i in req.members)
            need, cap = req.minimum_on(day), req.maximum_on(day)
            if need > 0:
                below[r, k] = m.new_int_var(0, need, f"below[{req.rule}|{req.unit}|{k}]")
                m.add(here + below[r, k] >= need)
                terms.append(w * below[r, k])
            if cap is not None:
                above[r, k] = m.new_int_var(0, len(req.members),
                                            f"above[{req.rule}|{req.unit}|{k}]")
                m.add(here - above[r, k] <= cap)
                terms.append(w * above[r, k])
    if not terms and not problem.person_rules:
        return _Slacks({}, {}, 0, 0, True)
    m.minimize(sum(terms))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 60.0
    status = solver.solve(m)
    if status == cp_model.INFEASIBLE:  # the per-person rules, which stay hard, clash
        raise PolicyInfeasible([t("person_clash", who=_names(problem, people), rules=", ".join(
            repr(p.rule) for p in problem.person_rules), unit=problem.employees[
                people[0]].unit if people else "")])
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError("the relaxed rules found no roster in 60 s")
    b = {key: int(solver.value(v)) for key, v in below.items() if solver.value(v)}
    a = {key: int(solver.value(v)) for key, v in above.items() if solver.value(v)}
    count = sum(v for (r, _), v in (*b.items(), *a.items())
                if problem.requirements[r].kind in COUNT_KINDS)
    share = sum(b.values()) + sum(a.values()) - count
    return _Slacks(b, a, count, share, status == cp_model.OPTIMAL)


def _signature(problem: Problem, people: Sequence[int], reqs: Sequence[int],
               day: int) -> tuple[object, ...]:
    """Two days of a unit with the same signature have the same optimal slacks."""
    rows = np.asarray(people, dtype=np.intp)
    away = problem.absence()[rows, day].tobytes()
    if problem.pins is not None:
        away += problem.pins[rows, day].tobytes()
    asks = tuple((problem.requirements[r].minimum_on(day), problem.requirements[r].maximum_on(day))
                 for r in reqs)
    return (away, asks)


def least_shortfall(problem: Problem, workers: int = 1, rotation: bool = False) -> Shortfall:
    """The proven-least weighted shortfall of every count rule, per requirement and day.

    Unit-days are solved apart (identical ones once); with `rotation` each unit's days are
    solved together under the solver's rotation rule, for when the day-by-day moves leave
    interchangeable staff unable to stay within one day of each other.
    """
    started = time.perf_counter()
    weight = _weight(problem)
    jobs: dict[tuple[object, ...], tuple[int, tuple[int, ...]]] = {}
    use: list[tuple[tuple[int, ...], tuple[object, ...]]] = []
    scopes = _scopes(problem)
    every_day = tuple(range(problem.n_days))
    # a week or a run of days links a unit's days: solve them together, rules and all
    rotation = rotation or bool(problem.person_rules)
    for s, (people, reqs) in enumerate(scopes):
        if not reqs:
            continue
        if rotation:
            jobs[(s,)] = (s, every_day)
            use.append((every_day, (s,)))
            continue
        for day in every_day:
            key = (s, _signature(problem, people, reqs, day))
            jobs.setdefault(key, (s, (day,)))
            use.append(((day,), key))

    def run(job: tuple[int, tuple[int, ...]]) -> _Slacks:
        s, days = job
        people, reqs = scopes[s]
        return _solve(problem, people, reqs, days, weight, rotation)

    keys = list(jobs)
    with ThreadPoolExecutor(max(1, workers)) as pool:
        solved = dict(zip(keys, pool.map(run, [jobs[k] for k in keys]), strict=True))
    below: dict[int, list[int]] = {}
    above: dict[int, list[int]] = {}
    count = share = 0
    optimal = True
    for job_days, job_key in use:
        result = solved[job_key]
        count += result.count
        share += result.share
        optimal &= result.optimal
        for (r, k), v in result.below.items():
            below.setdefault(r, [0] * problem.n_days)[job_days[k]] = v
        for (r, k), v in result.above.items():
            above.setdefault(r, [0] * problem.n_days)[job_days[k]] = v
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
