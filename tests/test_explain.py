"""Tests that infeasible rules are explained per unit, minimally, in HR words, and that
dropping any one listed item lets the real solver find a roster."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tests.factories import employee, problem
from wfh_solver import api
from wfh_solver.domain.employee import Category
from wfh_solver.explain import Conflict, explain
from wfh_solver.explain.conflicts import ABSENCE, PIN, RULE
from wfh_solver.policy.problem import FREE, PRESENT, PolicyInfeasible, Problem, build_problem
from wfh_solver.solve import solve

ROOT = Path(__file__).parents[1]


def cap_below_pinned() -> Problem:
    """Dinas A: the Kepala (JPT) is pinned in office, Seksi Pelayanan needs 2 of its 9
    pelaksana, the cap is 20% of 10 = 2: 1 + 2 > 2 every day."""
    staff = [employee("Dinas A", Category.JPT, name="Kepala A", position="Kepala Dinas")]
    staff += [employee("Dinas A", sub_unit="Seksi Pelayanan") for _ in range(9)]
    staff += [employee("Dinas B", Category.FUNGSIONAL) for _ in range(4)]  # no clash
    return problem(staff, [
        {"name": "JPT wajib masuk", "kind": "always_in_office", "who": {"categories": ["jpt"]}},
        {"name": "Paling banyak 20%", "kind": "max_office_share", "per": "unit", "share": 0.2},
        {"name": "Minimal 2 pelaksana per seksi", "kind": "min_present", "per": "sub_unit",
         "count": 2, "who": {"categories": ["pelaksana"]}},
    ])


def wajib_wfh_head() -> Problem:
    """Dinas C: the Kepala is Wajib WFH, so 'at least 2 pejabat' needs both administrators,
    but at most half of the 2 administrators may come in."""
    staff = [employee("Dinas C", Category.JPT, name="Kepala C", position="Kepala Dinas",
                      must_wfh=True),
             employee("Dinas C", Category.ADMINISTRATOR, name="Sekretaris C"),
             employee("Dinas C", Category.ADMINISTRATOR, name="Kabid C")]
    staff += [employee("Dinas C") for _ in range(4)]
    return problem(staff, [
        {"name": "Minimal 2 pejabat", "kind": "min_present", "per": "unit", "count": 2,
         "who": {"categories": ["jpt", "administrator"]}},
        {"name": "Paling banyak separuh administrator", "kind": "max_office_share",
         "per": "unit", "share": 0.5, "who": {"categories": ["administrator"]}},
    ])


LEAVE_DAY = date(2020, 3, 17)


def most_on_leave() -> Problem:
    """Dinas D: 30% of 10 in office (3), at most 30% of its 6 ASN (1); on 17/03 six of ten are
    on leave, three of the four honorer among them, so at most 1 + 1 can come in. (The
    honorer have their own sub-unit: were they interchangeable with the ASN, the rotation
    rule alone would already clash with the ASN cap.)"""
    staff = [employee("Dinas D", name=f"ASN {k}", leave=(LEAVE_DAY,) if k < 3 else ())
             for k in range(6)]
    staff += [employee("Dinas D", name=f"Honorer {k}", status="honorer",
                       sub_unit="Tenaga Pendukung", leave=(LEAVE_DAY,) if k < 3 else ())
              for k in range(4)]
    return problem(staff, [
        {"name": "Minimal 30% masuk", "kind": "min_office_share", "per": "unit", "share": 0.3},
        {"name": "ASN paling banyak 30%", "kind": "max_office_share", "per": "unit",
         "share": 0.3, "who": {"flags": ["asn"]}},
    ])


def _names(p: Problem, c: Conflict) -> set[tuple[str, str]]:
    return {(item.kind, item.rule if item.kind == RULE else p.employees[item.key].name)
            for item in c.items}


def test_cap_below_pinned_head():
    """Tests the exact clash: the cap, the seksi minimum and the Kepala's pin, every day."""
    p = cap_below_pinned()
    [c] = explain(p)
    assert (c.unit, c.sub_unit) == ("Dinas A", "")
    assert _names(p, c) == {(RULE, "Paling banyak 20%"),
                            (RULE, "Minimal 2 pelaksana per seksi"), (PIN, "Kepala A")}
    assert c.days == p.calendar.days
    assert "paling banyak 2 dari 10" in c.text and "Kepala A" in c.text


def test_wajib_wfh_head():
    """Tests the exact clash: the Kepala's Wajib WFH flag, the minimum and the cap."""
    p = wajib_wfh_head()
    [c] = explain(p)
    assert _names(p, c) == {(RULE, "Minimal 2 pejabat"),
                            (RULE, "Paling banyak separuh administrator"), (PIN, "Kepala C")}
    assert "Wajib WFH" in c.text


def test_leave_week(english):
    """Tests the exact clash: both shares and the three honorer's leave on 17/03 only; the
    ASN's leave that day is not part of it."""
    p = most_on_leave()
    [c] = explain(p)
    assert c.days == (LEAVE_DAY,)
    assert _names(p, c) == {(RULE, "Minimal 30% masuk"), (RULE, "ASN paling banyak 30%"),
                            (ABSENCE, "Honorer 0"), (ABSENCE, "Honorer 1"),
                            (ABSENCE, "Honorer 2")}
    assert "Honorer 0" in c.text and "on leave on 17/03" in c.text


def _without(p: Problem, c: Conflict, k: int) -> Problem:
    """The problem with the k-th listed item dropped."""
    item = c.items[k]
    if item.kind == RULE:
        return replace(p, requirements=tuple(r for j, r in enumerate(p.requirements)
                                             if j != item.key))
    if item.kind == PIN:
        fixed = p.fixed.copy()
        fixed[item.key] = FREE
        return replace(p, fixed=fixed)
    absent = p.absence().copy()
    days = [p.calendar.days.index(d) for d in c.days]
    absent[item.key, days] = PRESENT
    return replace(p, absent=absent)


@pytest.mark.parametrize("fixture", [cap_below_pinned, wajib_wfh_head, most_on_leave])
def test_dropping_any_listed_item_lets_the_solver_find_a_roster(fixture):
    """Tests minimality with the real solver: infeasible as given, feasible without any one
    listed item."""
    p = fixture()
    with pytest.raises(PolicyInfeasible):
        solve(p)
    [c] = explain(p)
    for k in range(len(c.items)):
        result = solve(_without(p, c, k))
        assert result.roster.office.shape == (len(p.employees), p.n_days)


def test_cap5_lists_every_unit_in_conflict():
    """Tests, on the shipped sample with a 5% cap and 2 pelaksana per seksi, that the units
    listed are exactly those the solver cannot roster on their own."""
    staff = api.read_employees(ROOT / "data" / "pegawai.xlsx")
    scenario = ROOT / "tests" / "fixtures" / "cap5.toml"
    p = api.make_problem(staff, scenario)
    listed = {c.unit for c in explain(p)}
    clashing = set()
    for unit in sorted({e.unit for e in p.employees}):
        own = tuple(e for e in p.employees if e.unit == unit)
        try:
            solve(build_problem(p.scenario, p.calendar, own))
        except PolicyInfeasible:
            clashing.add(unit)
    assert listed == clashing
    assert len(listed) > 70


def test_cli_writes_konflik_and_exits_3(tmp_path):
    """Tests exit 3, a short terminal list with a count of the rest, and a Konflik sheet
    with every unit although no roster is written."""
    out = tmp_path / "jadwal.xlsx"
    done = subprocess.run([sys.executable, "-m", "wfh_solver.cli", "solve",
                           str(ROOT / "data" / "pegawai.xlsx"), "-s",
                           str(ROOT / "tests" / "fixtures" / "cap5.toml"), "-o", str(out), "-q",
                           "--lang", "en"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 3, done.stderr
    lines = done.stderr.splitlines()
    count = int(lines[1].split(" unit(s)")[0].rsplit(" ", 1)[-1])
    assert sum(line.startswith("  - ") for line in lines) == 5
    assert f"and {count - 5} more unit(s)" in done.stderr
    assert not out.exists()
    sheet = openpyxl.load_workbook(tmp_path / "jadwal-konflik.xlsx")["Conflicts"]
    units = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(units) == count == len(set(units))


def test_terminal_and_sheet_for_a_policy_level_clash(tmp_path):
    """Tests two scenario rules pinning one person both ways: no unit examined, the policy's
    reason is shown and written."""
    staff = [employee("Dinas E", Category.JPT, name="Kepala E")]
    p_error = None
    try:
        problem(staff, [
            {"name": "JPT masuk", "kind": "always_in_office", "who": {"categories": ["jpt"]}},
            {"name": "Semua di rumah", "kind": "always_at_home"}])
    except PolicyInfeasible as error:
        p_error = error
    assert p_error is not None and "Kepala E" in p_error.reasons[0]
    from wfh_solver.write.findings import write_conflicts

    write_conflicts(None, [], p_error.reasons, tmp_path / "k.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "k.xlsx")["Konflik"]
    assert "Kepala E" in str(sheet["G2"].value)



def test_rotation_rule_clash_is_listed():
    """Tests a unit whose rules hold day by day but not with the rotation rule: ASN and
    honorer of one seksi are interchangeable, yet only the ASN are capped. Listed with the
    rotation rule and its rules, marked not minimal."""
    staff = [employee("Dinas F", name=f"ASN {k}", sub_unit="Seksi A") for k in range(6)]
    staff += [employee("Dinas F", name=f"Honorer {k}", status="honorer", sub_unit="Seksi A")
              for k in range(4)]
    p = problem(staff, [
        {"name": "Minimal 30% masuk", "kind": "min_office_share", "per": "unit", "share": 0.3},
        {"name": "ASN paling banyak 30%", "kind": "max_office_share", "per": "unit",
         "share": 0.3, "who": {"flags": ["asn"]}}])
    with pytest.raises(PolicyInfeasible):
        solve(p)
    [c] = explain(p)
    assert c.unit == "Dinas F" and not c.minimal
    assert {item.kind for item in c.items} == {"rotation", RULE}
    assert "rotasi" in c.text
