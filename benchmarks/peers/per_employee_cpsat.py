"""The straightforward per-employee CP-SAT model, as a user would write it.

In the style of OR-Tools' `shift_scheduling_sat.py`: one Boolean `office[i, d]` per
employee and working day, every rule a linear constraint per day, the objective
levels either solved one after another (`mode="lexicographic"`) or folded into one
big-M weighted sum (`mode="weighted"`). See `common.py` for the level definitions.
"""

from __future__ import annotations

import time
from typing import Literal

import numpy as np
from ortools.sat.python import cp_model

from wfh_solver.policy.problem import FIXED_WFO, Problem

from .common import (
    FEASIBLE,
    INFEASIBLE,
    LEVEL_NAMES,
    OPTIMAL,
    UNKNOWN,
    PeerLevel,
    PeerResult,
    level_bounds,
    person_limits,
    present_count,
    relative_gap,
    structure,
)

Mode = Literal["lexicographic", "weighted"]
Objective = cp_model.LinearExpr | int  # an empty sum is the int 0

_STATUS = {cp_model.OPTIMAL: OPTIMAL, cp_model.FEASIBLE: FEASIBLE,
           cp_model.INFEASIBLE: INFEASIBLE}


class PerEmployeeModel:
    """`office[i][d]` Booleans, the hard rules, and the three level objectives."""

    def __init__(self, problem: Problem) -> None:
        s = self.s = structure(problem)
        m = self.m = cp_model.CpModel()
        self.office = [[m.new_bool_var(f"office[{i},{d}]") for d in range(s.days)]
                       for i in range(s.n)]
        for i in range(s.n):  # leave and travel: never in office, whatever else holds
            for d in range(s.days):
                if not s.present[i][d]:
                    m.add(self.office[i][d] == 0)
        for i in s.fixed_office:
            for d in range(s.days):
                if s.present[i][d]:
                    m.add(self.office[i][d] == 1)
        for i in s.fixed_home:
            for d in range(s.days):
                m.add(self.office[i][d] == 0)
        for i, row in enumerate(s.pins):  # cells HR decided (--pin)
            for d, pin in enumerate(row):
                if pin:
                    m.add(self.office[i][d] == int(pin == FIXED_WFO))
        total = [sum(row) for row in self.office]
        for r, req in enumerate(problem.requirements):
            for d in range(s.days):
                in_office = sum(self.office[i][d] for i in req.members)
                if req.minimum_on(d) > 0:
                    m.add(in_office >= req.minimum_on(d)).with_name(f"min[{r},{d}]")
                cap = req.maximum_on(d)
                if cap is not None:
                    m.add(in_office <= cap).with_name(f"max[{r},{d}]")
        for limit in person_limits(problem):  # per-person rules
            days = sum(self.office[limit.i][d] for d in limit.days)
            if limit.low:
                m.add(days >= limit.low)
            if limit.high is not None:
                m.add(days <= limit.high)
        for c, members in enumerate(s.classes):
            low = m.new_int_var(0, s.days, f"class_low[{c}]")
            for i in members:
                m.add(total[i] >= low)
                m.add(total[i] <= low + 1)
        if s.use_targets:
            deviations = []
            for t, target in enumerate(problem.targets):
                for d in range(s.days):
                    here = present_count(s, target.members, d)  # WFH: present, not in office
                    wfh = here - sum(self.office[i][d] for i in target.members)
                    dev = m.new_int_var(0, max(target.target, here - target.target),
                                        f"dev[{t},{d}]")
                    m.add_abs_equality(dev, wfh - target.target)
                    deviations.append(dev)
            intent: Objective = sum(deviations) + sum(total[i] for i in s.untargeted_free)
        else:
            intent = sum(total[i] for i in s.free)
        vulnerable: Objective = sum(total[i] for i in s.vulnerable_free)
        wfh_days = [s.history[i] + s.present_days(i) - total[i] for i in range(s.n)]
        top = s.days + max(s.history, default=0)
        spreads = []
        for u, (_, members) in enumerate(s.units):
            low = m.new_int_var(0, top, f"unit_low[{u}]")
            high = m.new_int_var(0, top, f"unit_high[{u}]")
            for i in members:
                m.add(wfh_days[i] >= low)
                m.add(wfh_days[i] <= high)
            spreads.append(high - low)
        fairness: Objective = sum(spreads)
        self.objectives = (intent, vulnerable, fairness)
        self.bounds = level_bounds(problem, s)

    def read_office(self, solver: cp_model.CpSolver) -> np.ndarray:
        return np.array([[solver.boolean_value(x) for x in row] for row in self.office],
                        dtype=bool).reshape(self.s.n, self.s.days)

    def hint(self, solver: cp_model.CpSolver) -> None:
        self.m.clear_hints()
        for row in self.office:
            for x in row:
                self.m.add_hint(x, solver.boolean_value(x))


def _solver(workers: int, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    return solver


def _value(solver: cp_model.CpSolver, expr: Objective) -> int:
    return int(expr) if isinstance(expr, int) else int(solver.value(expr))


def solve_per_employee(problem: Problem, time_limit: float = 60.0,
                       mode: Mode = "lexicographic", workers: int = 1,
                       seed: int = 0) -> PeerResult:
    """Solve the per-employee model; `time_limit` covers all levels together."""
    started = time.perf_counter()
    model = PerEmployeeModel(problem)
    build = time.perf_counter() - started
    solver = _solver(workers, seed)
    if mode == "lexicographic":
        levels, office = _lexicographic(model, solver, time_limit)
    elif mode == "weighted":
        levels, office = _weighted(model, solver, time_limit)
    else:
        raise ValueError(f"unknown mode {mode!r}; use 'lexicographic' or 'weighted'")
    solve_seconds = time.perf_counter() - started - build
    return PeerResult("cpsat", mode, _overall(levels), tuple(levels), build, solve_seconds,
                      office)


def _overall(levels: list[PeerLevel]) -> str:
    if levels and levels[0].status == INFEASIBLE:
        return INFEASIBLE
    if levels and all(level.status == OPTIMAL for level in levels):
        return OPTIMAL
    if levels and levels[0].objective is not None:
        return FEASIBLE
    return UNKNOWN


def _lexicographic(model: PerEmployeeModel, solver: cp_model.CpSolver,
                   time_limit: float) -> tuple[list[PeerLevel], np.ndarray | None]:
    deadline = time.monotonic() + time_limit
    levels: list[PeerLevel] = []
    office = None
    for k, (name, objective) in enumerate(zip(LEVEL_NAMES, model.objectives, strict=True)):
        share = max(0.01, (deadline - time.monotonic()) / (len(LEVEL_NAMES) - k))
        solver.parameters.max_time_in_seconds = share
        model.m.minimize(objective)
        began = time.perf_counter()
        status = solver.solve(model.m)
        seconds = time.perf_counter() - began
        label = _STATUS.get(status, UNKNOWN)
        if label in (INFEASIBLE, UNKNOWN):
            levels.append(PeerLevel(name, None, None, label, seconds))
            levels += [PeerLevel(n, None, None, UNKNOWN, 0.0) for n in LEVEL_NAMES[k + 1:]]
            return levels, office
        value = _value(solver, objective)
        bound = value if label == OPTIMAL else int(np.ceil(solver.best_objective_bound - 1e-6))
        levels.append(PeerLevel(name, value, bound, label, seconds, relative_gap(value, bound)))
        office = model.read_office(solver)
        model.m.add(objective <= value)
        model.hint(solver)
    return levels, office


def _weighted(model: PerEmployeeModel, solver: cp_model.CpSolver,
              time_limit: float) -> tuple[list[PeerLevel], np.ndarray | None]:
    """One solve of W1·intent + W2·vulnerable + fairness with weights that dominate."""
    _, top_vulnerable, top_fairness = model.bounds
    w2 = top_fairness + 1
    w1 = (top_vulnerable + 1) * w2
    intent, vulnerable, fairness = model.objectives
    model.m.minimize(w1 * intent + w2 * vulnerable + fairness)
    solver.parameters.max_time_in_seconds = max(0.01, time_limit)
    began = time.perf_counter()
    status = solver.solve(model.m)
    seconds = time.perf_counter() - began
    label = _STATUS.get(status, UNKNOWN)
    if label in (INFEASIBLE, UNKNOWN):
        return [PeerLevel(n, None, None, label if k == 0 else UNKNOWN, seconds)
                for k, n in enumerate(LEVEL_NAMES)], None
    values = [_value(solver, expr) for expr in model.objectives]
    levels = []
    if label == OPTIMAL:  # dominating weights: the weighted optimum is the lexicographic one
        levels = [PeerLevel(n, v, v, OPTIMAL, seconds, 0.0)
                  for n, v in zip(LEVEL_NAMES, values, strict=True)]
    else:
        # the lower levels add at most w1 − 1, so the intent bound is what remains; the
        # lower levels get no bound: theirs only counts once the intent is optimal
        combined = int(np.ceil(solver.best_objective_bound - 1e-6))
        first = max(0, -(-(combined - w1 + 1) // w1))
        levels = [PeerLevel(LEVEL_NAMES[0], values[0], first,
                            OPTIMAL if values[0] == first else FEASIBLE, seconds,
                            relative_gap(values[0], first))]
        levels += [PeerLevel(n, v, None, FEASIBLE, seconds)
                   for n, v in zip(LEVEL_NAMES[1:], values[1:], strict=True)]
    return levels, model.read_office(solver)

