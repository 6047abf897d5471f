"""The same per-employee model as a MIP for HiGHS (`highspy`), solved lexicographically.

Binary `office[i, d]`; fixed employees get bounds [1, 1] or [0, 0], and every day of
leave or travel [0, 0]. The nonlinear pieces are linearised the usual way:
|WFH − target| by a deviation variable above both signs, each unit's max/min WFH-days
by variables above/below every member's (days present − office-days), hard fairness
by one class floor `low` with low ≤ total ≤ low + 1.

All objectives have integer coefficients, so each level is solved to an absolute gap
below one (`mip_rel_gap = 0`), which proves the integer optimum; the default relative
gap of 1e-4 would not. The reported `gap` is |objective − dual bound| / max(1, |objective|).
"""

from __future__ import annotations

import math
import time

import highspy
import numpy as np

from wfh_solver.policy.problem import FIXED_WFO, Problem

from .common import (
    FEASIBLE,
    INFEASIBLE,
    LEVEL_NAMES,
    OPTIMAL,
    UNKNOWN,
    PeerLevel,
    PeerResult,
    person_limits,
    present_count,
    relative_gap,
    structure,
)

_INTEGER = highspy.HighsVarType.kInteger
_MINIMIZE = highspy.ObjSense.kMinimize
_MS = highspy.HighsModelStatus
_FEASIBLE_POINT = 2  # HighsInfo.primal_solution_status: a feasible primal solution


class PerEmployeeMip:
    """HiGHS columns `office[i][d]`, the hard rules as rows, and the level objectives."""

    def __init__(self, problem: Problem, workers: int = 1, seed: int = 0) -> None:
        s = self.s = structure(problem)
        h = self.h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("random_seed", int(seed))
        if workers > 1:
            h.setOptionValue("threads", int(workers))
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 0.99)
        self.office = [[h.addBinary(name=f"office[{i},{d}]") for d in range(s.days)]
                       for i in range(s.n)]
        for i in s.fixed_office:
            for x in self.office[i]:
                h.changeColBounds(x.index, 1.0, 1.0)
        for i in s.fixed_home:
            for x in self.office[i]:
                h.changeColBounds(x.index, 0.0, 0.0)
        for i, row in enumerate(s.pins):  # cells HR decided (--pin)
            for d, pin in enumerate(row):
                if pin:
                    value = 1.0 if pin == FIXED_WFO else 0.0
                    h.changeColBounds(self.office[i][d].index, value, value)
        for i in range(s.n):  # leave and travel: never in office, even when fixed in
            for d, x in enumerate(self.office[i]):
                if not s.present[i][d]:
                    h.changeColBounds(x.index, 0.0, 0.0)
        total = [h.qsum(row) for row in self.office]
        for limit in person_limits(problem):  # per-person rules
            days = h.qsum(self.office[limit.i][d] for d in limit.days)
            if limit.low:
                h.addConstr(days >= limit.low)
            if limit.high is not None:
                h.addConstr(days <= limit.high)
        for req in problem.requirements:
            for d in range(s.days):
                in_office = h.qsum(self.office[i][d] for i in req.members)
                if req.minimum_on(d) > 0:
                    h.addConstr(in_office >= req.minimum_on(d))
                cap = req.maximum_on(d)
                if cap is not None:
                    h.addConstr(in_office <= cap)
        for members in s.classes:
            low = h.addVariable(0, s.days, type=_INTEGER)
            for i in members:
                h.addConstr(total[i] - low >= 0)
                h.addConstr(total[i] - low <= 1)
        if s.use_targets:
            deviations = []
            for target in problem.targets:
                for d in range(s.days):
                    here = present_count(s, target.members, d)
                    office = h.qsum(self.office[i][d] for i in target.members)
                    # WFH − target = present − office − target
                    dev = h.addVariable(0, max(target.target, here - target.target))
                    h.addConstr(dev + office >= here - target.target)
                    h.addConstr(dev - office >= target.target - here)
                    deviations.append(dev)
            intent = h.qsum(deviations) + h.qsum(total[i] for i in s.untargeted_free)
        else:
            intent = h.qsum(total[i] for i in s.free)
        vulnerable = h.qsum(total[i] for i in s.vulnerable_free)
        spreads = []
        top = s.days + max(s.history, default=0)
        for _ in s.units:
            spreads.append((h.addVariable(0, top, type=_INTEGER),
                            h.addVariable(0, top, type=_INTEGER)))
        for (low, high), (_, members) in zip(spreads, s.units, strict=True):
            for i in members:  # WFH-days = earlier WFH days + days present − office-days
                h.addConstr(s.history[i] + s.present_days(i) - total[i] - low >= 0)
                h.addConstr(high - s.history[i] - s.present_days(i) + total[i] >= 0)
        fairness = h.qsum(high - low for low, high in spreads)
        self.objectives = (intent, vulnerable, fairness)

    def read_office(self) -> np.ndarray:
        values = np.asarray(self.h.getSolution().col_value)
        index = np.array([[x.index for x in row] for row in self.office], dtype=np.int64)
        return (values[index.reshape(self.s.n, self.s.days)] > 0.5).astype(bool)


def solve_per_employee_highs(problem: Problem, time_limit: float = 60.0, workers: int = 1,
                             seed: int = 0) -> PeerResult:
    """Lexicographic levels with HiGHS; each level gets its share of what time is left."""
    started = time.perf_counter()
    model = PerEmployeeMip(problem, workers, seed)
    build = time.perf_counter() - started
    h = model.h
    deadline = time.monotonic() + time_limit
    levels: list[PeerLevel] = []
    office = None
    for k, (name, objective) in enumerate(zip(LEVEL_NAMES, model.objectives, strict=True)):
        share = max(0.01, (deadline - time.monotonic()) / (len(LEVEL_NAMES) - k))
        h.setOptionValue("time_limit", share)
        h.setObjective(objective, sense=_MINIMIZE)
        began = time.perf_counter()
        h.run()
        seconds = time.perf_counter() - began
        status = h.getModelStatus()
        info = h.getInfo()
        if status == _MS.kModelEmpty:  # no employees or no days: nothing to decide
            levels.append(PeerLevel(name, 0, 0, OPTIMAL, seconds, 0.0))
            office = np.zeros((model.s.n, model.s.days), dtype=bool)
            continue
        if status == _MS.kOptimal:
            label = OPTIMAL
        elif status in (_MS.kInfeasible, _MS.kUnboundedOrInfeasible):
            label = INFEASIBLE
        elif info.primal_solution_status == _FEASIBLE_POINT:  # stopped by a limit
            label = FEASIBLE
        else:
            label = UNKNOWN
        if label in (INFEASIBLE, UNKNOWN):
            levels.append(PeerLevel(name, None, None, label, seconds))
            levels += [PeerLevel(n, None, None, UNKNOWN, 0.0) for n in LEVEL_NAMES[k + 1:]]
            break
        value = round(info.objective_function_value)
        dual = info.mip_dual_bound
        bound = value if label == OPTIMAL else (
            math.ceil(dual - 1e-6) if math.isfinite(dual) else None)
        levels.append(PeerLevel(name, value, bound, label, seconds, relative_gap(value, bound)))
        office = model.read_office()
        solution = np.asarray(h.getSolution().col_value, dtype=np.float64)
        h.addConstr(objective <= value)
        h.setSolution(len(solution), np.arange(len(solution), dtype=np.int32), solution)
    solve_seconds = time.perf_counter() - started - build
    if levels and levels[0].status == INFEASIBLE:
        overall = INFEASIBLE
    elif all(level.status == OPTIMAL for level in levels):
        overall = OPTIMAL
    elif levels[0].objective is not None:
        overall = FEASIBLE
    else:
        overall = UNKNOWN
    return PeerResult("highs", "lexicographic", overall, tuple(levels), build, solve_seconds,
                      office)
