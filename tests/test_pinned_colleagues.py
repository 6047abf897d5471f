"""Tests of the pinned-colleagues semantics (issue 22, POLICY principle 5).

Two alike colleagues whose `--pin` cells are the same have the same personal constraints,
so the hard rotation rule holds them within one WFH day, exactly as if neither were
pinned; colleagues pinned differently are unlike, outside that rule (inside the unit's
spread). The example: a seksi of one Analis, whom a rule needs in the office every day,
and one Pengadministrasi; both pinned WFO on Monday. Alike, the Pengadministrasi comes in
four of five days: levels (9, 0, 1). Were pinned staff outside the rule, he would come in
on Monday only: (6, 0, 4), which is what different pins give.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np

from benchmarks.peers.per_employee_cpsat import solve_per_employee
from wfh_solver.domain.calendar import Calendar
from wfh_solver.domain.employee import Category, Employee
from wfh_solver.policy.problem import FIXED_WFO, Problem, build_problem
from wfh_solver.policy.scenario import Scenario
from wfh_solver.solve.run import solve

MONDAY = date(2024, 6, 3)
DAYS = tuple(MONDAY + timedelta(days=k) for k in range(5))


def _problem(pinned: tuple[int, ...]) -> Problem:
    staff = tuple(Employee(nip=f"1990000{k}", name=f"P{k}", unit="Dinas", sub_unit="Seksi",
                           position=position, category=Category.PELAKSANA, row=k + 2)
                  for k, position in enumerate(("Analis", "Pengadministrasi Umum")))
    scenario = Scenario.model_validate({
        "name": "p", "title": "p", "source": "test", "start": DAYS[0], "end": DAYS[-1],
        "rules": [{"name": "Analis masuk", "kind": "min_present", "per": "sub_unit",
                   "count": 1, "who": {"positions": ["^Analis"]}}]})
    problem = build_problem(scenario, Calendar(DAYS[0], DAYS[-1], DAYS, (), "mon-fri"), staff)
    if not pinned:
        return problem
    cells = np.zeros((2, len(DAYS)), dtype=np.int8)
    cells[list(pinned), 0] = FIXED_WFO
    return replace(problem, pins=cells)


def _levels(problem: Problem) -> tuple[int, ...]:
    result = solve(problem)
    ours = tuple(level.objective for level in result.levels)
    peer = solve_per_employee(problem, time_limit=5.0)
    assert peer.all_optimal and peer.objectives == ours
    return ours


def test_alike_pins_keep_colleagues_within_one_day() -> None:
    """Tests that both pinned WFO on Monday are held within one WFH day: (9, 0, 1), the
    same as without any pin."""
    assert _levels(_problem((0, 1))) == (9, 0, 1)
    assert _levels(_problem(())) == (9, 0, 1)


def test_different_pins_set_colleagues_apart() -> None:
    """Tests that a pin only one of them has makes them unlike: (6, 0, 4)."""
    assert _levels(_problem((1,))) == (6, 0, 4)
