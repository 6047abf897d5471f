"""Tests of stable teams (`--tim`, `rotation = "tim"`; issue 22 item 3).

Teams only choose among rosters of the same proven levels: on random small instances the
tim roster must keep every rule, evaluate (by the peers' independent evaluator) to the
very levels of the ordinary roster, give each team its own office days within a sub-unit,
and report a contacts figure that an independent count here agrees with. On the shipped
sample, teams must lower the figure, and the tests' checker must pass the written roster.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from benchmarks.peers.common import evaluate, violations
from tests.checker import check
from tests.test_equivalence import (
    CATEGORIES,
    POSITIONS,
    SHARES,
    Instance,
    absences,
    requirement_breaches,
)
from wfh_solver.domain.employee import Employee
from wfh_solver.model.cpsat import SolveOptions
from wfh_solver.model.teams import contacts
from wfh_solver.policy.problem import FIXED_WFH, FIXED_WFO, PolicyInfeasible
from wfh_solver.policy.scenario import load_scenario
from wfh_solver.solve.result import Result
from wfh_solver.solve.run import solve

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "pegawai.xlsx"
JULY = (date(2020, 7, 1), date(2020, 7, 31))


def contacts_by_pairs(employees: tuple[Employee, ...], office: np.ndarray) -> float:
    """The contacts figure counted pair by pair, as HR would by hand: for each person,
    the colleagues of the same unit and sub-unit who are in the office on at least one of
    the same days; the average over all staff."""
    days = [set(np.flatnonzero(row).tolist()) for row in office]
    total = 0
    for members in _sub_units(employees):
        total += sum(1 for i in members for j in members if j != i and days[i] & days[j])
    return total / len(employees) if employees else 0.0


def _sub_units(employees: tuple[Employee, ...]) -> list[list[int]]:
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, e in enumerate(employees):
        by_key[(e.unit, e.sub_unit)].append(i)
    return list(by_key.values())


def team_clashes(employees: tuple[Employee, ...], office: np.ndarray,
                 names: tuple[str, ...]) -> list[str]:
    """Pairs of one sub-unit in different teams who share an office day."""
    clashes = []
    for members in _sub_units(employees):
        for i in members:
            for j in members:
                if i < j and names[i] and names[j] and names[i] != names[j] \
                        and (office[i] & office[j]).any():
                    clashes.append(f"{employees[i].name} ({names[i]}) and "
                                   f"{employees[j].name} ({names[j]})")
    return clashes


@st.composite
def team_instances(draw: st.DrawFn) -> Instance:
    """Sub-units of several alike people over one or two weeks: room for teams."""
    people: list[Employee] = []
    for u in range(draw(st.integers(1, 2))):
        subs = [f"Sub {u}.{k}" for k in range(draw(st.integers(1, 3)))]
        for _ in range(draw(st.integers(6, 18))):
            n = len(people)
            people.append(Employee(
                nip=f"1990{n:04d}", name=f"P{n}", unit=f"Unit {u}",
                sub_unit=draw(st.sampled_from(subs)), position=draw(st.sampled_from(POSITIONS)),
                category=draw(st.sampled_from(CATEGORIES[1:])),
                comorbid=draw(st.integers(0, 5)) == 0, must_wfo=draw(st.integers(0, 19)) == 0,
                row=n + 2))
    staff = tuple(people)
    days = draw(st.sampled_from((5, 8, 10)))
    if draw(st.integers(0, 9)) < 4:
        staff = draw(absences(staff, days))
    rules: list[dict[str, Any]] = []
    if draw(st.booleans()):
        rules.append({"name": "in", "kind": "always_in_office",
                      "who": {"positions": ["^Kepala"]}})
    for k in range(draw(st.integers(0, 2))):
        rules.append({"name": f"present {k}", "kind": "min_present",
                      "per": draw(st.sampled_from(["unit", "sub_unit"])),
                      "count": draw(st.integers(1, 3)),
                      "who": {"categories": [draw(st.sampled_from(CATEGORIES[1:])).value]}})
    low = draw(st.sampled_from((None, 0.2, 0.25, 0.3, 0.4, *SHARES)))
    if low is not None:
        rules.append({"name": "min share", "kind": "min_office_share", "share": low,
                      "per": draw(st.sampled_from(["unit", "sub_unit"]))})
    intent = "max_wfh"
    if draw(st.integers(0, 4)) == 0:
        intent = "wfh_target"
        rules.append({"name": "target", "kind": "wfh_share_target", "per": "organisation",
                      "share": draw(st.sampled_from(SHARES))})
    history = None
    if draw(st.integers(0, 4)) == 0:
        history = tuple(draw(st.lists(st.integers(0, 4), min_size=len(staff),
                                      max_size=len(staff))))
    pins: tuple[tuple[int, int, int], ...] = ()
    if draw(st.integers(0, 4)) == 0:
        pins = tuple(draw(st.lists(st.tuples(st.integers(0, len(staff) - 1),
                                             st.integers(0, days - 1),
                                             st.sampled_from((FIXED_WFO, FIXED_WFH))),
                                   min_size=1, max_size=4, unique_by=lambda p: p[:2])))
    return Instance(staff, days, tuple(rules), intent, history, pins)


def _keep_greedy(office: np.ndarray, plain: np.ndarray, employees: tuple[Employee, ...],
                 parts: object) -> tuple[float, float]:
    """`keep_better` that keeps the greedy's roster whatever it meets."""
    return contacts(employees, office), contacts(employees, plain)


@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(team_instances())
def test_tim_keeps_the_levels_and_every_rule(instance: Instance) -> None:
    """Tests that the tim roster has the ordinary roster's levels, keeps every rule,
    gives different teams of a sub-unit different office days, and reports the figure
    an independent count gives, for itself and for the ordinary layout."""
    try:
        problem = instance.problem()
        plain = solve(problem)
    except PolicyInfeasible:
        event("refused or infeasible")
        return
    levels = tuple(level.objective for level in plain.levels)
    assert plain.teams is None
    # the greedy's own roster, before a unit where it met more is given the ordinary one
    with patch("wfh_solver.solve.run.keep_better", _keep_greedy):
        raw = solve(problem, SolveOptions(teams=True))
    tim = solve(problem, SolveOptions(teams=True))
    for result in (raw, tim):
        office = result.roster.office
        assert requirement_breaches(problem, office) == []
        assert violations(problem, office) == []
        assert tuple(level.objective for level in result.levels) == levels
        assert evaluate(problem, office) == evaluate(problem, plain.roster.office) == levels
        assert result.teams is not None
        assert result.teams.contacts == pytest.approx(
            contacts_by_pairs(problem.employees, office))
        assert result.teams.contacts_plain == pytest.approx(
            contacts_by_pairs(problem.employees, plain.roster.office))
        assert team_clashes(problem.employees, office, result.teams.names) == []
    assert tim.teams is not None and tim.teams.contacts <= tim.teams.contacts_plain
    if tim.teams.contacts < tim.teams.contacts_plain:
        event("fewer contacts")
    elif not np.array_equal(office, plain.roster.office):
        event("another roster, as many contacts")


def test_rotation_tim_in_a_scenario_means_the_same_as_the_flag() -> None:
    """Tests that `rotation = "tim"` in a scenario turns teams on as `--tim` does, and that
    any other word is refused when the scenario loads."""
    from wfh_solver.api import make_problem

    people = tuple(Employee(nip=f"1990{n:04d}", name=f"P{n}", unit="Unit", sub_unit="Sub",
                            position="Analis", category=CATEGORIES[2], row=n + 2)
                   for n in range(12))
    base = load_scenario("jateng-2020")
    teamed = base.model_copy(update={"rotation": "tim"})
    problem = make_problem(people, teamed, date(2020, 7, 6), date(2020, 7, 17))
    by_scenario = solve(problem)
    by_flag = solve(replace(problem, scenario=base), SolveOptions(teams=True))
    assert by_scenario.teams is not None and by_flag.teams is not None
    assert np.array_equal(by_scenario.roster.office, by_flag.roster.office)
    assert by_scenario.teams.names == by_flag.teams.names
    with pytest.raises(ValueError, match="rotation"):
        type(base).model_validate({**base.model_dump(), "rotation": "acak"})


@pytest.fixture(scope="module")
def sample_runs() -> tuple[Result, Result]:
    from wfh_solver.api import plan

    plain = plan(SAMPLE, "jateng-2020", start=JULY[0], end=JULY[1])
    tim = plan(SAMPLE, "jateng-2020", start=JULY[0], end=JULY[1], teams=True)
    return plain, tim


def test_tim_lowers_the_contacts_on_the_shipped_sample(sample_runs: tuple[Result, Result],
                                                        tmp_path: Path) -> None:
    """Tests the acceptance of issue 22 item 3 on data/pegawai.xlsx, July 2020, jateng-2020:
    the same proven levels, fewer colleagues met, and the checker passes the roster."""
    from wfh_solver.write import write_outputs

    plain, tim = sample_runs
    assert tim.is_optimal and plain.is_optimal
    assert [lv.objective for lv in tim.levels] == [lv.objective for lv in plain.levels]
    assert [lv.bound for lv in tim.levels] == [lv.bound for lv in plain.levels]
    assert tim.teams is not None
    assert tim.teams.contacts_plain == pytest.approx(
        contacts_by_pairs(plain.roster.employees, plain.roster.office))
    assert tim.teams.contacts < tim.teams.contacts_plain
    out = tmp_path / "tim.xlsx"
    write_outputs(tim, [SAMPLE], out)
    report = check(out, SAMPLE, ROOT / "scenarios" / "jateng-2020.toml",
                   start=JULY[0], end=JULY[1])
    assert report.violations == [], report.summary()
    assert team_clashes(tim.roster.employees, tim.roster.office, tim.teams.names) == []
