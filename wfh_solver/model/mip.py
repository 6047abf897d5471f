"""The levels of a component with per-person rules, solved as a MIP by HiGHS.

A week or a run of days links the days of each group: the model keeps one block per
day, and its per-day counts and per-group windows form a covering program whose LP is
strong once cut, which a MIP solver closes where one CP-SAT thread does not (the
shipped sample's Dinas Pendidikan under "one office day a week, at most five WFH days
in a row": HiGHS proves the intent level in 9.5 s, CP-SAT alone ends 4% short after
30 s). The model is the same CP-SAT model (every constraint of it is linear), read
from its proto; each level is minimised, proven (absolute gap below one: the
objectives are integers) and held at its value before the next, as in `cpsat`.

HiGHS's limit is wall-clock: a roster cut short by `--time-limit` may differ between
machines (reported as not proven, never as optimal). Without `highspy`, `None`.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass

import numpy as np

from wfh_solver.model.sat import cp_model

try:  # an ordinary dependency; guarded so that a missing wheel falls back to CP-SAT
    import highspy
except ImportError:  # pragma: no cover - highspy ships wheels for every platform we use
    highspy = None  # type: ignore[assignment]

_BIG = 2**62


def _banner_once() -> None:
    """HiGHS prints its banner on stdout when a process makes its first solver: made
    here, at import, with stdout pointed away, so a run prints only its own lines."""
    if highspy is None:
        return
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError, AttributeError):  # no stdout to keep clean
        return
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


_banner_once()


@dataclass(slots=True)
class MipLevel:
    objective: int
    bound: int
    optimal: bool
    seconds: float


def available() -> bool:
    return highspy is not None


class LevelMip:
    """A CP-SAT model's linear constraints as a HiGHS MIP, minimised level by level."""

    def __init__(self, model: cp_model.CpModel, seed: int = 0) -> None:
        assert highspy is not None
        self.model = model
        proto = model.proto
        h = self.h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("log_to_console", False)
        h.setOptionValue("threads", 1)
        h.setOptionValue("random_seed", int(seed))
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 0.99)
        self.n = n = len(proto.variables)
        self.point: np.ndarray | None = None  # the last feasible point found
        low = np.array([float(v.domain[0]) for v in proto.variables])
        high = np.array([float(v.domain[len(v.domain) - 1]) for v in proto.variables])
        h.addVars(n, low, high)
        h.changeColsIntegrality(n, np.arange(n, dtype=np.int32),
                                np.array([highspy.HighsVarType.kInteger] * n))
        for c in proto.constraints:
            if not c.has_linear() or len(c.enforcement_literal):
                raise ValueError("only plain linear constraints can be read as a MIP")
            self._row(list(c.linear.vars), list(c.linear.coeffs), list(c.linear.domain))

    def _row(self, variables: list[int], coeffs: list[int], domain: list[int]) -> None:
        inf = highspy.kHighsInf
        lo = -inf if domain[0] <= -_BIG else float(domain[0])
        hi = inf if domain[-1] >= _BIG else float(domain[-1])
        self.h.addRow(lo, hi, len(variables), np.array(variables, dtype=np.int32),
                      np.array(coeffs, dtype=float))

    def _terms(self, objective: cp_model.LinearExprT) -> tuple[list[int], list[int], int]:
        self.model.minimize(objective)
        proto = self.model.proto.objective
        return list(proto.vars), list(proto.coeffs), int(proto.offset)

    def minimise(self, objective: cp_model.LinearExprT, seconds: float) -> MipLevel | None:
        """Minimise, then hold the objective at the value found for the next levels."""
        started = time.perf_counter()
        if isinstance(objective, int):
            return MipLevel(objective, objective, True, 0.0)
        variables, coeffs, offset = self._terms(objective)
        cost = np.zeros(self.n)
        for v, c in zip(variables, coeffs, strict=True):
            cost[v] += c
        self.h.changeColsCost(self.n, np.arange(self.n, dtype=np.int32), cost)
        self.h.setOptionValue("time_limit", max(0.1, seconds))
        self.h.run()
        status = self.h.getModelStatus()
        info = self.h.getInfo()
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        dual = info.mip_dual_bound
        if info.primal_solution_status == 2:  # a feasible point
            self.point = np.asarray(self.h.getSolution().col_value, dtype=float)
            value = round(info.objective_function_value) + offset
        elif self.point is not None:  # none better in time: the earlier level's point
            value = round(float(cost @ self.point[:self.n])) + offset
        else:
            raise TimeoutError("no roster found within the time limit")
        optimal = status == highspy.HighsModelStatus.kOptimal
        bound = value if optimal else int(np.ceil(dual - 1e-6)) + offset if np.isfinite(
            dual) else 0
        self._row(variables, coeffs, [-_BIG, value - offset])
        return MipLevel(value, min(bound, value), optimal, time.perf_counter() - started)

    def value(self, var: cp_model.IntVar) -> int:
        assert self.point is not None
        return round(float(self.point[var.index]))
