"""Tests that the policy builder gives the `Problem` it gave one person at a time.

`tests/reference_problem.py` keeps the builder of before (a selector tried on every
employee, scopes grouped person by person); the new one tries a selector once per
profile and fixes staff in bulk. On shipped scenarios and random rules, over real-looking
staff with flags, leave and odd birth dates, both must give the same fixed cells, the
same requirements and targets, the same warnings, or the same reasons the rules fail.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import factories
from tests.reference_problem import reference_builder
from wfh_solver import api
from wfh_solver.domain.calendar import working_days
from wfh_solver.domain.employee import Category, Employee
from wfh_solver.policy import problem
from wfh_solver.policy.problem import PolicyInfeasible, Problem, build_problem, matches
from wfh_solver.policy.scenario import Scenario, Selector, load_scenario
from wfh_solver.sample import write_sample

SCENARIOS = sorted(p.stem for p in Path("wfh_solver/scenarios").glob("*.toml"))
START, END = date(2020, 7, 1), date(2020, 7, 31)


@pytest.fixture(scope="module")
def staff(tmp_path_factory: pytest.TempPathFactory) -> tuple[Employee, ...]:
    path = tmp_path_factory.mktemp("sample") / "sample.xlsx"
    write_sample(path, size=500, seed=11, leave_share=0.3, travel_share=0.1)
    return api.read_employees(path).employees


def _outcome(scenario: Scenario, employees: tuple[Employee, ...]) -> tuple[Any, ...]:
    calendar = working_days(scenario.start, scenario.end, scenario.workweek)
    try:
        p: Problem = build_problem(scenario, calendar, employees)
    except PolicyInfeasible as error:
        return ("infeasible", error.reasons)
    arrays = tuple(None if a is None else (a.dtype.str, a.tolist())
                   for a in (p.fixed, p.vulnerable, p.absent, p.history, p.pins))
    return ("problem", arrays, p.fixed_by, p.requirements, p.targets, p.warnings, p.choices,
            p.employees, p.scenario, p.calendar)


def assert_builds_as_before(scenario: Scenario, employees: tuple[Employee, ...]) -> None:
    new = _outcome(scenario, employees)
    with reference_builder():
        old = _outcome(scenario, employees)
    assert new == old


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_shipped_scenario_builds_as_before(name: str, staff: tuple[Employee, ...]):
    """Tests the shipped circulars over 500 sample staff with leave and travel in July."""
    scenario = load_scenario(name).with_period(START, END, None)
    assert_builds_as_before(scenario, staff)


def test_an_empty_staff_list_builds_as_before():
    """Tests no employees at all."""
    assert_builds_as_before(load_scenario("jateng-2020").with_period(START, END, None), ())


WHOS: list[dict[str, Any]] = [
    {}, {"categories": ["pelaksana"]}, {"categories": ["administrator", "pengawas"]},
    {"eselon": ["II"]}, {"eselon": ["III.a", "IV"]}, {"roles": ["kepala_opd"]},
    {"roles": ["guru", "dokter"]}, {"unit_types": ["dinas", "kecamatan"]},
    {"sub_unit_kinds": ["seksi"]}, {"units": ["^Dinas"]}, {"sub_units": ["Seksi"]},
    {"positions": ["^Kepala"]}, {"statuses": ["PNS"]}, {"statuses": ["pppk", "cpns"]},
    {"flags": ["vulnerable"]}, {"flags": ["aged"]}, {"flags": ["comorbid", "asn"]},
    {"flags": ["structural"]}, {"flags": ["pregnant"]}, {"flags": ["must_wfo"]},
    {"flags": ["must_wfh"]},
    {"categories": ["pelaksana"], "exclude": {"flags": ["vulnerable"]}},
    {"units": ["^Kecamatan"], "exclude": {"positions": ["^Camat"]}}]
whos = st.sampled_from(WHOS)
per = st.sampled_from(["unit", "sub_unit", "organisation"])
shares = st.sampled_from([0.1, 0.25, 0.5, 0.75, 0.9])


@st.composite
def rule_sets(draw: st.DrawFn) -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = []
    for k in range(draw(st.integers(1, 7))):
        kind = draw(st.sampled_from(["always_in_office", "always_at_home", "exempt_units",
                                     "top_levels", "min_present", "min_office_share",
                                     "max_office_share", "wfh_share_target"]))
        rule: dict[str, Any] = {"name": f"r{k}", "kind": kind, "who": draw(whos)}
        if kind == "top_levels":
            rule.update(levels=draw(st.integers(1, 3)), per=draw(st.sampled_from(
                ["unit", "sub_unit"])))
        elif kind == "min_present":
            rule.update(count=draw(st.integers(0, 4)), per=draw(per))
        elif kind in ("min_office_share", "max_office_share", "wfh_share_target"):
            rule.update(share=draw(shares), per=draw(per))
        rules.append(rule)
    return rules


@settings(max_examples=150, deadline=None)
@given(rules=rule_sets(), picks=st.lists(st.integers(0, 499), max_size=120),
       flagged=st.lists(st.tuples(st.integers(0, 119), st.sampled_from(
           ["must_wfo", "must_wfh", "comorbid", "pregnant_or_nursing"])), max_size=12),
       born=st.sampled_from([None, date(1970, 7, 1), date(1970, 7, 2)]))
def test_random_rules_over_sampled_staff_build_as_before(
        staff: tuple[Employee, ...], rules: list[dict[str, Any]], picks: list[int],
        flagged: list[tuple[int, str]], born: date | None):
    """Tests random rules on random staff, some flagged Wajib WFO/WFH (clashes, personal
    overrides), one born on the day they turn 50 or the day after, or unknown."""
    people = [staff[k] for k in picks]
    for k, flag in flagged:
        if k < len(people):
            e = people[k]
            other = {"must_wfo": "must_wfh", "must_wfh": "must_wfo"}.get(flag)
            if other and getattr(e, other):
                continue
            change: dict[str, Any] = {flag: True}
            people[k] = dataclasses.replace(e, **change)
    if people:
        people[0] = dataclasses.replace(people[0], birth_date=born)
    intent = "wfh_target" if any(r["kind"] == "wfh_share_target" for r in rules) else "max_wfh"
    scenario = factories.scenario(rules, intent, START, END)
    assert_builds_as_before(scenario, tuple(people))


def test_a_person_fixed_twice_by_one_rule_is_fixed_as_before():
    """Tests `fix` given the same person twice (no rule does so today)."""
    from tests import reference_problem

    people = tuple(factories.employee(must_wfo=k == 0) for k in range(4))
    scenario = factories.scenario([])
    calendar = working_days(scenario.start, scenario.end, scenario.workweek)
    new = problem._Builder(scenario, calendar, people)
    old = reference_problem._Builder(scenario, calendar, people)
    for builder in (new, old):
        builder.fix([0], 1, "first")
        builder.fix([1, 2, 1, 0, 3], 2, "second")
    assert np.array_equal(new.fixed, old.fixed) and new.fixed_by == old.fixed_by
    assert new.conflicts == old.conflicts and new.warnings == old.warnings


VARIANTS: list[dict[str, Any]] = [
    {"birth_date": date(1970, 7, 1)}, {"birth_date": date(1990, 1, 1)}, {"birth_date": None},
    {"status": "honorer"}, {"status": "pppk"}, {"eselon": "II.a"}, {"eselon": "III.a"},
    {"category": Category.ADMINISTRATOR}, {"category": Category.JPT},
    {"roles": frozenset({"kepala_opd"})}, {"roles": frozenset({"guru"})},
    {"unit_type": "kecamatan"}, {"sub_unit_kind": "seksi"}, {"unit": "Kecamatan Sine"},
    {"sub_unit": "Seksi Umum"}, {"position": "Kepala Seksi Umum"}, {"comorbid": True},
    {"pregnant_or_nursing": True}, {"must_wfo": True}, {"must_wfh": True},
    {"comorbid": True, "birth_date": date(1970, 7, 1)},
    {"comorbid": True, "pregnant_or_nursing": True}]


@pytest.mark.parametrize("who", WHOS)
def test_a_selector_picks_by_every_fact_it_reads(who: dict[str, Any]):
    """Tests staff alike but for one fact each (age, status, eselon, role, unit, flags…):
    each is picked exactly as `matches` picks them one by one."""
    base = factories.employee(birth_date=date(1985, 1, 1), sub_unit="Sekretariat")
    people = (base, *(dataclasses.replace(base, **change) for change in VARIANTS))
    scenario = factories.scenario([], start=START, end=END)
    calendar = working_days(scenario.start, scenario.end, scenario.workweek)
    builder = problem._Builder(scenario, calendar, people)
    selector = Selector.model_validate(who)
    one_by_one = [i for i, e in enumerate(people)
                  if matches(selector, e, bool(builder.vulnerable[i]), bool(builder.aged[i]))]
    assert builder.select(selector) == one_by_one


@pytest.mark.parametrize("width", [3, 70_000])  # 70,000⁴ combinations pass 2⁶² (rows compared)
def test_alike_rows_share_a_combination(width: int):
    """Tests the grouping of fact codes, in one integer or row by row."""
    rng = np.random.default_rng(1)
    codes = [rng.integers(0, width, 500) for _ in range(4)]
    codes[0][:4] = width - 1  # the widest value present
    codes = [np.concatenate([c, c[:100]]) for c in codes]  # every row of the head twice
    first, alike = problem._alike(codes)
    rows = list(zip(*(c.tolist() for c in codes), strict=True))
    assert [rows[i] for i in first[alike]] == rows
    assert sorted(set(first.tolist())) == sorted({rows.index(r) for r in rows})
