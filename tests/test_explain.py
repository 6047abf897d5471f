"""Tests that infeasible rules are explained per unit, minimally, in HR words, and that
dropping any one listed item lets the real solver find a roster."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from ortools.sat.python import cp_model

from tests import checker
from tests.checker import select
from tests.factories import employee, problem
from wfh_solver import api
from wfh_solver.domain.employee import Category
from wfh_solver.explain import Conflict, explain
from wfh_solver.explain.conflicts import ABSENCE, CELL, PIN, RULE
from wfh_solver.policy.problem import (
    FIXED_WFH,
    FIXED_WFO,
    FREE,
    PRESENT,
    PolicyInfeasible,
    Problem,
)
from wfh_solver.solve.run import solve

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


PIN_DAY = date(2020, 3, 17)


def pins_leave_seksi_short() -> Problem:
    """Dinas P: 'at least 2 pelaksana per seksi'; HR pins two of Seksi Pelayanan's three
    pelaksana WFH on 17/03 (`--pin`), so only Dewi can come in that day. Seksi Umum's one
    pinned pelaksana leaves two others: no clash there, nor in Dinas R."""
    staff = [employee("Dinas P", name=name, nip=nip, sub_unit="Seksi Pelayanan")
             for name, nip in (("Budi Santoso", "198501012010011001"),
                               ("Citra Lestari", "198702022011012002"),
                               ("Dewi Anggraini", "199003032015032003"))]
    staff += [employee("Dinas P", name=f"Umum {k}", sub_unit="Seksi Umum") for k in range(3)]
    staff += [employee("Dinas R", name=f"R {k}", sub_unit="Seksi R") for k in range(3)]
    p = problem(staff, [{"name": "Minimal 2 pelaksana per seksi", "kind": "min_present",
                         "per": "sub_unit", "count": 2, "who": {"categories": ["pelaksana"]}}])
    pins = np.zeros((len(staff), p.n_days), dtype=np.int8)
    day = p.calendar.days.index(PIN_DAY)
    pins[[0, 1, 3], day] = FIXED_WFH  # Budi, Citra, Umum 0
    pins[6, :] = FIXED_WFO  # Dinas R: one pelaksana pinned in every day, harmless
    return replace(p, pins=pins)


def _names(p: Problem, c: Conflict) -> set[tuple[str, str]]:
    return {(item.kind, item.rule if item.kind == RULE else p.employees[item.key].name)
            for item in c.items}


def _named_with_nip(p: Problem, c: Conflict) -> None:
    """Every person in the clash is in its text by name and NIP, and nobody else is."""
    assert c.people == tuple(sorted({item.key for item in c.items if item.kind != RULE}))
    for i in c.people:
        assert f"{p.employees[i].name} (NIP {p.employees[i].nip})" in c.text
    others = [e for k, e in enumerate(p.employees) if k not in c.people]
    assert not [e.nip for e in others if e.nip in c.text]


def test_cap_below_pinned_head():
    """Tests the exact clash: the cap, the seksi minimum and the Kepala's pin, every day."""
    p = cap_below_pinned()
    [c] = explain(p)
    assert (c.unit, c.sub_unit) == ("Dinas A", "")
    assert _names(p, c) == {(RULE, "Paling banyak 20%"),
                            (RULE, "Minimal 2 pelaksana per seksi"), (PIN, "Kepala A")}
    assert c.days == p.calendar.days
    assert "paling banyak 2 dari 10" in c.text and "Kepala A" in c.text
    _named_with_nip(p, c)


def test_wajib_wfh_head():
    """Tests the exact clash: the Kepala's Wajib WFH flag, the minimum and the cap, every
    day, in Dinas C as a whole."""
    p = wajib_wfh_head()
    [c] = explain(p)
    assert (c.unit, c.sub_unit, c.days) == ("Dinas C", "", p.calendar.days)
    assert _names(p, c) == {(RULE, "Minimal 2 pejabat"),
                            (RULE, "Paling banyak separuh administrator"), (PIN, "Kepala C")}
    assert "Wajib WFH" in c.text
    _named_with_nip(p, c)


def test_leave_week(english):
    """Tests the exact clash: both shares and the three honorer's leave on 17/03 only; the
    ASN's leave that day is not part of it."""
    p = most_on_leave()
    [c] = explain(p)
    assert (c.unit, c.sub_unit, c.days) == ("Dinas D", "", (LEAVE_DAY,))
    assert _names(p, c) == {(RULE, "Minimal 30% masuk"), (RULE, "ASN paling banyak 30%"),
                            (ABSENCE, "Honorer 0"), (ABSENCE, "Honorer 1"),
                            (ABSENCE, "Honorer 2")}
    assert "Honorer 0" in c.text and "on leave on 17/03" in c.text
    _named_with_nip(p, c)


def test_pins_leaving_a_seksi_short():
    """Tests the exact clash of HR's pins: the seksi minimum, Seksi Pelayanan of Dinas P,
    17/03 only, Budi and Citra by name and NIP; Seksi Umum's pin and Dinas R's are not
    part of any clash.

    By hand: 3 pelaksana, 2 pinned WFH on 17/03, so 1 can come in where 2 are needed."""
    p = pins_leave_seksi_short()
    [c] = explain(p)
    assert (c.unit, c.sub_unit, c.days) == ("Dinas P", "Seksi Pelayanan", (PIN_DAY,))
    assert _names(p, c) == {(RULE, "Minimal 2 pelaksana per seksi"),
                            (CELL, "Budi Santoso"), (CELL, "Citra Lestari")}
    assert "Budi Santoso (NIP 198501012010011001)" in c.text
    assert "Citra Lestari (NIP 198702022011012002)" in c.text
    assert "ditetapkan WFH oleh HR (--pin)" in c.text and "17/03" in c.text
    _named_with_nip(p, c)


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
    days = [p.calendar.days.index(d) for d in c.days]
    if item.kind == CELL:
        assert p.pins is not None
        pins = p.pins.copy()
        pins[item.key, days] = 0
        return replace(p, pins=pins)
    absent = p.absence().copy()
    absent[item.key, days] = PRESENT
    return replace(p, absent=absent)


@pytest.mark.parametrize("fixture", [cap_below_pinned, wajib_wfh_head, most_on_leave,
                                     pins_leave_seksi_short])
def test_dropping_any_listed_item_lets_the_solver_find_a_roster(fixture):
    """Tests minimality with the real solver: infeasible as given, feasible without any one
    listed item (each rule, each pinned person or cell, each day away), and every pinned
    cell still kept."""
    p = fixture()
    with pytest.raises(PolicyInfeasible):
        solve(p)
    [c] = explain(p)
    assert len(c.items) >= 3
    for k in range(len(c.items)):
        dropped = _without(p, c, k)
        result = solve(dropped)
        assert result.roster.office.shape == (len(p.employees), p.n_days)
        if dropped.pins is not None:
            pinned = dropped.pins != 0
            assert (result.roster.office[pinned] == (dropped.pins[pinned] == FIXED_WFO)).all()


def _units_that_cannot_hold_alone(staff_path: Path, scenario_path: Path) -> set[str]:
    """Every unit whose rules cannot hold, decided WITHOUT the product's policy, model or
    explainer: the rules as the tests' checker reads them (its selectors, scopes, pins and
    rounding: at least min(count, present and not pinned home), a cap of floor(share × n),
    or only the pinned when they exceed it), the rotation rule among free alike staff, one
    small CP-SAT feasibility model per unit."""
    spec = checker.load_scenario_spec(scenario_path)
    assert {r.kind for r in spec.rules} <= {"min_present", "max_office_share",
                                            "always_in_office", "always_at_home"}
    people = checker.people_from(api.read_employees(staff_path).employees, spec)
    days = checker.expected_working_days(spec.start, spec.end, spec.workweek)
    away = people.away(days) != 0
    in_office, at_home = checker._fixes(spec, people)
    wfo = np.array([bool(r) and not h for r, h in zip(in_office, at_home, strict=True)])
    wfh = np.array([bool(h) for h in at_home])
    frame = people.frame
    scoped = [(rule, select(rule.who, people), *checker.scope_codes(rule, people))
              for rule in spec.rules if rule.kind in ("min_present", "max_office_share")]
    clashing = set()
    for unit, rows in frame.groupby("unit").indices.items():
        m = cp_model.CpModel()
        x = {(i, d): m.new_bool_var("") for i in rows for d in range(len(days))}
        for i in rows:
            for d in range(len(days)):
                if away[i, d] or wfh[i]:
                    m.add(x[i, d] == 0)
                elif wfo[i]:
                    m.add(x[i, d] == 1)
        for rule, chosen, codes, _ in scoped:
            for code in {int(codes[i]) for i in rows if chosen[i]}:
                members = [i for i in rows if chosen[i] and codes[i] == code]
                for d in range(len(days)):
                    here = sum(x[i, d] for i in members)
                    present = [i for i in members if not away[i, d]]
                    if rule.kind == "min_present":
                        assert rule.count is not None
                        m.add(here >= min(rule.count, sum(not wfh[i] for i in present)))
                    else:
                        assert rule.share is not None
                        cap = math.floor(rule.share * len(members))
                        if sum(wfo[i] for i in members) > cap:
                            cap = sum(wfo[i] for i in present)
                        m.add(here <= cap)
        alike: dict[tuple[object, ...], list[int]] = {}
        for i in rows:
            if not (wfo[i] or wfh[i]):
                key = (frame.at[i, "sub_unit"], frame.at[i, "category"],
                       bool(frame.at[i, "vulnerable"]), away[i].tobytes())
                alike.setdefault(key, []).append(i)
        for members in alike.values():
            low = m.new_int_var(0, len(days), "")
            for i in members:
                m.add(sum(x[i, d] for d in range(len(days))) >= low)
                m.add(sum(x[i, d] for d in range(len(days))) <= low + 1)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        status = solver.solve(m)
        assert status in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.INFEASIBLE), unit
        if status == cp_model.INFEASIBLE:
            clashing.add(str(unit))
    return clashing


CAP5_UNITS = 76  # not the 74: README "Kalau aturan tidak bisa dipenuhi" says why


def test_cap5_lists_every_unit_in_conflict():
    """Tests, on the shipped sample with a 5% cap and 2 pelaksana per seksi, that the units
    listed are exactly those an independent per-unit feasibility check finds clashing:
    every unit in conflict listed, no unit that could be rostered."""
    staff = ROOT / "data" / "pegawai.xlsx"
    scenario = ROOT / "tests" / "fixtures" / "cap5.toml"
    p = api.make_problem(api.read_employees(staff), scenario)
    listed = [c.unit for c in explain(p)]
    assert len(listed) == len(set(listed))
    clashing = _units_that_cannot_hold_alone(staff, scenario)
    assert set(listed) == clashing
    assert len(clashing) == CAP5_UNITS and len({e.unit for e in p.employees}) == 79


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
    sheet = openpyxl.load_workbook(tmp_path / "jadwal-konflik.xlsx")["Konflik"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    units = [row[0] for row in rows if row[0]]
    assert len(units) == count == len(set(units))
    assert "--relax" in str(rows[-1][6])  # the sheet ends with what HR can do next
    assert all(row[7] for row in rows if row[0])  # every unit has its smallest change
    assert "--relax" in done.stderr


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


def test_pins_route_lists_every_unit_and_writes_konflik(tmp_path):
    """Tests `solve --pin` through the installed script when HR's pins leave two seksi
    short on different days: exit 3, both units in the terminal and in the Konflik sheet
    (sheet name `Konflik` under --lang en too), each with its rule, sub-unit, day and the
    pinned people by name and NIP; Dinas R, whose pin clashes with nothing, is not listed."""
    from tests.test_relax import PIN_DAYS, pins_leave_seksi_short

    staff, scenario, pins = pins_leave_seksi_short(tmp_path)
    out = tmp_path / "jadwal.xlsx"
    done = subprocess.run([str(Path(sys.executable).with_name("wfh-solver")), "solve",
                           str(staff), "-s", str(scenario), "--pin", str(pins), "-o", str(out),
                           "-q", "--lang", "en"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 3, done.stderr
    assert "cannot all hold in 2 unit(s)" in done.stderr
    assert "Seksi Pelayanan, Dinas P (17/03)" in done.stderr
    assert "Seksi Umum, Dinas Q (19/03)" in done.stderr
    assert not out.exists()
    book = openpyxl.load_workbook(tmp_path / "jadwal-konflik.xlsx")
    assert book.sheetnames == ["Konflik"]
    rows = [r for r in book["Konflik"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("Dinas P", "Seksi Pelayanan", f"{PIN_DAYS[0]:%d/%m/%Y}",
         "Minimal 2 pelaksana per seksi; Pinned by HR (--pin)"),
        ("Dinas Q", "Seksi Umum", f"{PIN_DAYS[1]:%d/%m/%Y}",
         "Minimal 2 pelaksana per seksi; Pinned by HR (--pin)")]
    assert rows[0][5] == "Budi (198506152010031001); Citra (198506152010031002)"
    assert rows[1][5] == "Eko (198506152010031010)"
    assert "Budi (NIP 198506152010031001), Pengadministrasi, pinned WFH by HR" in rows[0][6]


def _with_bound(p: Problem, key: int, value: int) -> Problem:
    """The problem with requirement `key`'s minimum (or cap) set to `value` on every day."""
    req = p.requirements[key]
    if req.maximum is not None or req.daily_maximum is not None:
        changed = replace(req, maximum=value, daily_maximum=None)
    else:
        changed = replace(req, minimum=value, daily_minimum=None)
    return replace(p, requirements=tuple(changed if j == key else r
                                         for j, r in enumerate(p.requirements)))


@pytest.mark.parametrize("fixture", [cap_below_pinned, wajib_wfh_head])
def test_each_smallest_change_is_enough_and_one_step_less_is_not(fixture):
    """Tests every rule's proposed change with the real solver: with the number the conflict
    proposes the unit has a roster; one person further from the rule as written it has none.
    Pins proposed for release are checked the same way (released: a roster)."""
    p = fixture()
    [c] = explain(p)
    assert c.fixes
    checked = 0
    for k, item in enumerate(c.items):
        if item.kind == PIN:
            assert any(p.employees[item.key].name in fix for fix in c.fixes)
            solve(_without(p, c, k))
            continue
        if item.kind != RULE:
            continue
        req = p.requirements[item.key]
        [fix] = [f for f in c.fixes if f"'{req.rule}'" in f]
        numbers = [int(n) for n in re.findall(r"(\d+) orang", fix)]
        value = numbers[0] if numbers else 0
        capped = req.maximum is not None or req.daily_maximum is not None
        solve(_with_bound(p, item.key, value))  # enough: a roster exists
        tighter = value - 1 if capped else value + 1
        with pytest.raises(PolicyInfeasible):
            solve(_with_bound(p, item.key, tighter))
        checked += 1
    assert checked >= 1
