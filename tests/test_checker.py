"""Tests that the independent roster checker (tests/checker.py) catches each kind of violation.

Every rule kind gets a tiny staff list, a tiny scenario and two hand-written rosters:
one where the rule holds (no violation at all) and one where it is broken exactly once.
The period is Monday 23 – Tuesday 24 March 2020 unless a test says otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.checker import (
    Report,
    check,
    expected_working_days,
    load_scenario_spec,
    people_from,
    person,
    select,
    write_input,
    write_roster,
    write_scenario,
)
from wfh_solver.api import read_employees

DAYS = [date(2020, 3, 23), date(2020, 3, 24)]
DINAS = "Dinas Pertanian"
SEKSI = "Seksi Benih"
HEAD_IN: dict[str, Any] = {"name": "Kepala masuk", "kind": "always_in_office",
                           "who": {"roles": ["kepala_opd"]}}
MIN_ADMINS: list[dict[str, Any]] = [{"name": "Minimal 2 administrator", "kind": "min_present",
                                     "count": 2, "who": {"categories": ["administrator"]}}]


def staff(seq: int, **kw: Any) -> dict[str, Any]:
    kw.setdefault("unit", DINAS)
    kw.setdefault("sub_unit", SEKSI)
    kw.setdefault("position", "Pengadministrasi Umum")
    unit, sub_unit, position = kw.pop("unit"), kw.pop("sub_unit"), kw.pop("position")
    return person(seq, unit, sub_unit, position, **kw)


def head(seq: int, unit: str = DINAS, position: str = "Kepala Dinas Pertanian",
         eselon: str = "II.b") -> dict[str, Any]:
    return person(seq, unit, "", position, eselon=eselon, kind="Struktural")


def admin(seq: int, sub_unit: str, unit: str = DINAS) -> dict[str, Any]:
    bidang = sub_unit.removeprefix("Bidang ")
    return person(seq, unit, sub_unit, f"Kepala Bidang {bidang}", eselon="III.b",
                  kind="Struktural")


def run(tmp_path: Path, people: Sequence[Mapping[str, Any]], rules: Sequence[Mapping[str, Any]],
        codes: Sequence[str], *, days: Sequence[date] = DAYS, status: str = "OPTIMAL",
        warnings: Sequence[str] = (), **scenario: Any) -> Report:
    """Write input, scenario and a hand-made roster into tmp_path, then check them."""
    tag = f"{len(list(tmp_path.iterdir()))}"
    source = write_input(tmp_path / f"pegawai{tag}.xlsx", people)
    toml = write_scenario(tmp_path / f"skenario{tag}.toml", rules, **scenario)
    out = write_roster(tmp_path / f"jadwal{tag}.xlsx", people, days, codes, status=status,
                       warnings=warnings)
    return check(out, source, toml)


def assert_clean(report: Report) -> None:
    assert report.ok, report.summary()


def assert_one(report: Report, tag: str, *words: str) -> str:
    """Exactly one violation, of this check, mentioning every word."""
    assert len(report.violations) == 1, report.summary()
    message = report.violations[0]
    assert message.startswith(f"[{tag}]"), message
    for word in words:
        assert word in message, message
    return message


# --------------------------------------------------------------------------- #
# Fixing rules and personal flags
# --------------------------------------------------------------------------- #


def test_exempt_units_keep_every_selected_employee_in_office(tmp_path: Path) -> None:
    """Tests that exempt_units requires all staff of the exempt unit in office every day."""
    people = [staff(1, unit="RSUD Kota Baru", sub_unit="Seksi Pelayanan"),
              staff(2, unit="RSUD Kota Baru", sub_unit="Seksi Pelayanan"),
              staff(3), staff(4)]
    rules = [{"name": "Unit pelayanan", "kind": "exempt_units", "who": {"unit_types": ["rsud"]}}]
    assert_clean(run(tmp_path, people, rules, ["OO", "OO", "HH", "HH"]))
    report = run(tmp_path, people, rules, ["OO", "OH", "HH", "HH"])
    assert_one(report, "exempt_units", "Unit pelayanan", "2020-03-24", "Pegawai 002")


def test_always_in_office_keeps_the_selected_role_in(tmp_path: Path) -> None:
    """Tests that always_in_office requires the selected Kepala OPD in office every day."""
    people = [head(1), staff(2), staff(3)]
    rules = [{"name": "Kepala OPD masuk", "kind": "always_in_office",
              "who": {"roles": ["kepala_opd"]}}]
    assert_clean(run(tmp_path, people, rules, ["OO", "HH", "HH"]))
    report = run(tmp_path, people, rules, ["HO", "HH", "HH"])
    assert_one(report, "always_in_office", "Kepala OPD masuk", "2020-03-23")


def test_always_at_home_keeps_the_selected_at_home(tmp_path: Path) -> None:
    """Tests that always_at_home (here: the vulnerable flag) requires WFH every day."""
    people = [head(1), staff(2, birth=date(1960, 1, 1)), staff(3, comorbid=True), staff(4)]
    rules = [{"name": "Rentan di rumah", "kind": "always_at_home",
              "who": {"flags": ["vulnerable"]}},
             HEAD_IN]
    assert_clean(run(tmp_path, people, rules, ["OO", "HH", "HH", "HH"]))
    report = run(tmp_path, people, rules, ["OO", "HH", "OH", "HH"])
    assert_one(report, "always_at_home", "Rentan di rumah", "Pegawai 003", "2020-03-23")


def test_top_levels_fix_the_two_highest_eselon_majors_present_per_unit(tmp_path: Path) -> None:
    """Tests that top_levels fixes the N highest eselon majors present in each unit."""
    bkd = "Badan Kepegawaian Daerah"
    people = [
        head(1), admin(2, "Bidang Tanaman"), admin(3, "Bidang Hortikultura"),
        person(4, DINAS, SEKSI, "Kepala Seksi Benih", eselon="IV.a", kind="Struktural"),
        staff(5),
        # No eselon II in the second unit: its top two levels are III and IV.
        admin(6, "Bidang Mutasi", unit=bkd),
        person(7, bkd, "Subbidang Mutasi", "Kepala Subbidang Mutasi", eselon="IV.a",
               kind="Struktural"),
        person(8, bkd, "Subbidang Data", "Kepala Subbidang Data", eselon="IV.b",
               kind="Struktural"),
        staff(9, unit=bkd, sub_unit="Subbidang Mutasi"),
    ]
    rules = [{"name": "Dua level tertinggi", "kind": "top_levels", "levels": 2}]
    good = ["OO", "OO", "OO", "HH", "HH", "OO", "OO", "OO", "HH"]
    assert_clean(run(tmp_path, people, rules, good))
    broken = [*good[:7], "OH", "HH"]
    assert_one(run(tmp_path, people, rules, broken), "top_levels", "Dua level tertinggi",
               "Pegawai 008")


def test_wajib_wfo_flag_from_the_input_keeps_the_person_in(tmp_path: Path) -> None:
    """Tests that an input Wajib WFO flag requires WFO every day without any rule."""
    people = [staff(1, must_wfo=True), staff(2)]
    assert_clean(run(tmp_path, people, [], ["OO", "HH"]))
    assert_one(run(tmp_path, people, [], ["OH", "HH"]), "wajib_wfo", "Wajib WFO",
               "Pegawai 001")


def test_wajib_wfh_flag_from_the_input_keeps_the_person_home(tmp_path: Path) -> None:
    """Tests that an input Wajib WFH flag overrides a minimum: the person stays at home."""
    people = [staff(1, must_wfh=True), staff(2)]
    rules = [{"name": "Minimal 1 pelaksana", "kind": "min_present", "count": 1,
              "who": {"categories": ["pelaksana"]}}]
    assert_clean(run(tmp_path, people, rules, ["HH", "OO"]))
    assert_one(run(tmp_path, people, rules, ["OH", "HO"]), "wajib_wfh", "Wajib WFH",
               "2020-03-23")


def test_a_person_fixed_both_ways_by_rules_is_a_conflict(tmp_path: Path) -> None:
    """Tests that a person fixed in office by one rule and at home by another is reported."""
    people = [head(1), staff(2)]
    rules: list[dict[str, Any]] = [{"name": "Semua masuk", "kind": "always_in_office"},
                                   {"name": "Staf pulang", "kind": "always_at_home",
                                    "who": {"categories": ["pelaksana"]}}]
    report = run(tmp_path, people, rules, ["OO", "HH"])
    assert_one(report, "conflict", "Semua masuk", "Staf pulang")


def test_a_wajib_wfh_flag_overrides_a_pinning_rule(tmp_path: Path) -> None:
    """Tests that Wajib WFH wins over always_in_office: home is right, office is broken."""
    people = [head(1), staff(2, must_wfh=True)]
    rules = [{"name": "Semua masuk", "kind": "always_in_office"}]
    assert_clean(run(tmp_path, people, rules, ["OO", "HH"]))
    report = run(tmp_path, people, rules, ["OO", "HO"])
    assert_one(report, "wajib_wfh", "Wajib WFH")


# --------------------------------------------------------------------------- #
# Count rules
# --------------------------------------------------------------------------- #


def test_min_present_needs_the_count_in_office_every_day(tmp_path: Path) -> None:
    """Tests that min_present needs `count` selected staff in office in each unit and day."""
    people = [admin(1, "Bidang Tanaman"), admin(2, "Bidang Hortikultura"),
              admin(3, "Bidang Penyuluhan"), staff(4)]
    assert_clean(run(tmp_path, people, MIN_ADMINS, ["OH", "HO", "OO", "HH"]))
    report = run(tmp_path, people, MIN_ADMINS, ["OH", "HO", "OH", "HH"])
    assert_one(report, "min_present", "Minimal 2 administrator", DINAS, "2020-03-24",
               "1 of 3")


def test_min_present_per_sub_unit_counts_each_sub_unit(tmp_path: Path) -> None:
    """Tests that a per-sub_unit minimum is checked in each seksi separately."""
    pupuk = "Seksi Pupuk"
    people = [staff(1), staff(2), staff(3, sub_unit=pupuk), staff(4, sub_unit=pupuk)]
    rules = [{"name": "Minimal 1 pelaksana per seksi", "kind": "min_present", "per": "sub_unit",
              "count": 1, "who": {"categories": ["pelaksana"], "sub_unit_kinds": ["seksi"]}}]
    assert_clean(run(tmp_path, people, rules, ["OH", "HO", "HO", "OH"]))
    report = run(tmp_path, people, rules, ["OH", "HO", "HO", "HH"])
    assert_one(report, "min_present", "Seksi Pupuk", "2020-03-23")


def test_a_capped_minimum_needs_a_warning_naming_the_unit(tmp_path: Path) -> None:
    """Tests that a unit with fewer staff than a minimum must be named in a Ringkasan warning."""
    bkd = "Badan Kepegawaian Daerah"
    people = [admin(1, "Bidang Tanaman"), admin(2, "Bidang Hortikultura"),
              admin(3, "Bidang Mutasi", unit=bkd), staff(4, unit=bkd, sub_unit="Bidang Mutasi")]
    warning = f"{bkd}: rule 'Minimal 2 administrator' asks for 2, only 1 exist"
    report = run(tmp_path, people, MIN_ADMINS, ["OO", "OO", "OO", "HH"], warnings=[warning])
    assert_clean(report)
    assert report.warnings_expected == [bkd]
    report = run(tmp_path, people, MIN_ADMINS, ["OO", "OO", "OO", "HH"])
    assert_one(report, "warning", bkd)


def test_min_office_share_needs_the_rounded_up_share_in_office(tmp_path: Path) -> None:
    """Tests that min_office_share needs ceil(share × headcount) in office per unit and day."""
    people = [staff(1), staff(2), staff(3), staff(4), staff(5)]
    rules = [{"name": "Minimal 30% masuk", "kind": "min_office_share", "share": 0.3}]
    # ceil(0.3 × 5) = ceil(1.5) = 2 in office each day.
    assert_clean(run(tmp_path, people, rules, ["OH", "OH", "HO", "HO", "HH"]))
    report = run(tmp_path, people, rules, ["OH", "OH", "HO", "HH", "HH"])
    assert_one(report, "min_office_share", "Minimal 30% masuk", "2020-03-24", "at least 2")


def test_max_office_share_caps_the_office_count(tmp_path: Path) -> None:
    """Tests that max_office_share allows at most floor(share × headcount) in office."""
    people = [staff(1), staff(2), staff(3), staff(4)]
    rules = [{"name": "Minimal 25% masuk", "kind": "min_office_share", "share": 0.25},
             {"name": "Maksimal 50% masuk", "kind": "max_office_share", "share": 0.5}]
    assert_clean(run(tmp_path, people, rules, ["OH", "HO", "HH", "HH"]))
    report = run(tmp_path, people, rules, ["OH", "OH", "OH", "HO"])
    assert_one(report, "max_office_share", "Maksimal 50% masuk", "2020-03-23", "at most 2")


def test_wfh_share_target_needs_the_target_at_home_every_day(tmp_path: Path) -> None:
    """Tests that wfh_share_target needs exactly round-half-up(share × n) selected at home."""
    people = [staff(1), staff(2), staff(3), staff(4), staff(5), staff(6, status="PTT")]
    rules: list[dict[str, Any]] = [{"name": "Non-ASN masuk", "kind": "always_in_office",
              "who": {"exclude": {"flags": ["asn"]}}},
             {"name": "50% ASN di rumah", "kind": "wfh_share_target", "per": "organisation",
              "share": 0.5, "who": {"flags": ["asn"]}}]
    # 0.5 × 5 = 2.5 → 3 at home (half up, not banker's 2).
    good = ["HO", "HO", "HH", "OH", "OH", "OO"]
    assert_clean(run(tmp_path, people, rules, good, intent="wfh_target"))
    report = run(tmp_path, people, rules, ["HO", "HO", "HO", "OH", "OH", "OO"],
                 intent="wfh_target")
    assert_one(report, "wfh_share_target", "50% ASN di rumah", "2020-03-24", "expected 3")


def test_wfh_share_target_cannot_reach_past_the_fixed_staff(tmp_path: Path) -> None:
    """Tests that when too many are fixed in office, all the others must be at home."""
    people = [head(1), staff(2), staff(3)]
    rules: list[dict[str, Any]] = [
        HEAD_IN, {"name": "90% di rumah", "kind": "wfh_share_target", "per": "organisation",
              "share": 0.9}]
    assert_clean(run(tmp_path, people, rules, ["OO", "HH", "HH"], intent="wfh_target"))
    report = run(tmp_path, people, rules, ["OO", "HH", "OH"], intent="wfh_target")
    assert_one(report, "wfh_share_target", "expected 2")


# --------------------------------------------------------------------------- #
# Intent, fairness, status
# --------------------------------------------------------------------------- #


def test_max_wfh_allows_no_more_in_office_than_the_rules_need(tmp_path: Path) -> None:
    """Tests that under max_wfh an extra person in office is an optimality violation."""
    people = [head(1), admin(2, "Bidang Tanaman"), admin(3, "Bidang Hortikultura"),
              admin(4, "Bidang Penyuluhan"), staff(5), staff(6)]
    rules: list[dict[str, Any]] = [HEAD_IN, *MIN_ADMINS]
    good = ["OO", "OH", "HO", "OO", "HH", "HH"]
    assert_clean(run(tmp_path, people, rules, good))
    report = run(tmp_path, people, rules, ["OO", "OH", "HO", "OO", "HH", "OH"])
    assert_one(report, "optimality", DINAS, "2020-03-23", "4 in office", "need only 3")


def test_min_present_counts_fixed_staff_towards_the_minimum(tmp_path: Path) -> None:
    """Tests that a fixed administrator counts towards min_present, so fewer others come in."""
    people = [admin(1, "Bidang Tanaman"), admin(2, "Bidang Hortikultura"),
              admin(3, "Bidang Penyuluhan")]
    rules: list[dict[str, Any]] = [{"name": "Bidang Tanaman masuk", "kind": "always_in_office",
              "who": {"sub_units": ["tanaman"]}}, *MIN_ADMINS]
    assert_clean(run(tmp_path, people, rules, ["OO", "OH", "HO"]))
    assert_one(run(tmp_path, people, rules, ["OO", "OO", "HO"]), "optimality", "need only 2")


def test_fairness_limits_the_spread_of_wfh_days_to_one(tmp_path: Path) -> None:
    """Tests that free staff of one unit, sub-unit, category and vulnerability differ ≤ 1 day."""
    people = [staff(1), staff(2), staff(3), staff(4, birth=date(1960, 1, 1))]
    rules = [{"name": "Minimal 1 pelaksana", "kind": "min_present", "count": 1,
              "who": {"categories": ["pelaksana"]}}]
    # The aged employee is in another fairness group, so 2 WFH days there is fine.
    assert_clean(run(tmp_path, people, rules, ["OH", "HO", "HH", "HH"]))
    report = run(tmp_path, people, rules, ["OO", "HH", "HH", "HH"])
    assert_one(report, "fairness", SEKSI, "not vulnerable", "from 0", "to 2")


def test_status_must_be_optimal(tmp_path: Path) -> None:
    """Tests that a Ringkasan status other than OPTIMAL is a violation."""
    people = [staff(1)]
    assert_clean(run(tmp_path, people, [], ["HH"]))
    assert_one(run(tmp_path, people, [], ["HH"], status="FEASIBLE"), "status", "FEASIBLE")


# --------------------------------------------------------------------------- #
# Calendar and roster shape
# --------------------------------------------------------------------------- #


def test_calendar_has_no_column_for_nyepi(tmp_path: Path) -> None:
    """Tests that a column for Nyepi (25 March 2020) or a missing working day is reported."""
    people = [staff(1)]
    week: dict[str, Any] = {"start": date(2020, 3, 23), "end": date(2020, 3, 27)}
    good = [date(2020, 3, 23), date(2020, 3, 24), date(2020, 3, 26), date(2020, 3, 27)]
    assert_clean(run(tmp_path, people, [], ["HHHH"], days=good, **week))
    with_nyepi = sorted([*good, date(2020, 3, 25)])
    assert_one(run(tmp_path, people, [], ["HHHHH"], days=with_nyepi, **week), "calendar",
               "non-working", "2020-03-25")
    assert_one(run(tmp_path, people, [], ["HHH"], days=good[:3], **week), "calendar",
               "without a column", "2020-03-27")


def test_expected_working_days_skip_weekends_holidays_and_cuti_bersama() -> None:
    """Tests that the calendar drops weekends, public holidays and cuti bersama."""
    assert expected_working_days(date(2020, 3, 23), date(2020, 3, 27), "mon-fri") == [
        date(2020, 3, 23), date(2020, 3, 24), date(2020, 3, 26), date(2020, 3, 27)]
    kebumen = expected_working_days(date(2020, 3, 26), date(2020, 3, 28), "mon-sat")
    assert kebumen == [date(2020, 3, 26), date(2020, 3, 27), date(2020, 3, 28)]
    paser = expected_working_days(date(2020, 7, 29), date(2020, 8, 12), "mon-fri")
    assert date(2020, 7, 31) not in paser and len(paser) == 10
    # 21 August 2020 is cuti bersama (Islamic New Year joint holiday).
    assert date(2020, 8, 21) not in expected_working_days(date(2020, 8, 17), date(2020, 8, 21),
                                                          "mon-fri")


def test_every_employee_appears_once_with_valid_codes_and_totals(tmp_path: Path) -> None:
    """Tests that missing, unknown and repeated NIPs, bad codes and wrong totals are reported."""
    people = [staff(1), staff(2)]
    source = write_input(tmp_path / "pegawai.xlsx", people)
    toml = write_scenario(tmp_path / "skenario.toml", [])
    stranger = staff(9)

    out = write_roster(tmp_path / "a.xlsx", [people[0]], DAYS, ["HH"])
    assert_one(check(out, source, toml), "coverage", "Pegawai 002", "no row")
    out = write_roster(tmp_path / "b.xlsx", [*people, stranger], DAYS, ["HH", "HH", "HH"])
    assert_one(check(out, source, toml), "coverage", "not in the input")
    out = write_roster(tmp_path / "c.xlsx", [*people, people[1]], DAYS, ["HH", "HH", "HH"])
    assert_one(check(out, source, toml), "coverage", "appears 2 times")
    out = write_roster(tmp_path / "d.xlsx", people, DAYS, ["HH", "H-"])
    assert_one(check(out, source, toml), "cells", "'-'")

    out = write_roster(tmp_path / "e.xlsx", people, DAYS, ["HH", "HH"])
    wb = openpyxl.load_workbook(out)
    wb["Jadwal"].cell(row=3, column=9).value = 1  # Hari WFH of the second person
    wb["Jadwal"].cell(row=2, column=3).value = "Dinas Lain"  # Unit Kerja of the first
    wb.save(out)
    report = check(out, source, toml)
    assert report.counts == {"totals": 1, "identity": 1}, report.summary()

    out = write_roster(tmp_path / "f.xlsx", people, DAYS, ["HH", "HH"])
    wb = openpyxl.load_workbook(out)
    wb["Jadwal"].cell(row=2, column=6).value = "wfh"  # codes are exact: no case folding
    wb.save(out)
    report = check(out, source, toml)
    assert report.counts == {"cells": 1, "totals": 1}, report.summary()


def test_day_headers_must_be_dates(tmp_path: Path) -> None:
    """Tests that a text day header is reported as a sheet problem."""
    people = [staff(1)]
    source = write_input(tmp_path / "pegawai.xlsx", people)
    toml = write_scenario(tmp_path / "skenario.toml", [])
    out = write_roster(tmp_path / "a.xlsx", people, DAYS, ["HH"])
    wb = openpyxl.load_workbook(out)
    wb["Jadwal"].cell(row=1, column=7).value = "24/03/2020"
    wb.save(out)
    report = check(out, source, toml)
    assert report.counts["sheet"] == 1 and "not a date" in report.violations[0], report.summary()


# --------------------------------------------------------------------------- #
# Selector semantics
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(("who", "expected"), [
    ({}, [1, 2, 3, 4, 5]),
    ({"eselon": ["III"]}, [2]),
    ({"eselon": ["II.b", "IV"]}, [1]),
    ({"categories": ["pelaksana"]}, [3, 4, 5]),
    ({"roles": ["kepala_opd", "kepala_bidang"]}, [1, 2]),
    ({"units": ["(?i)pertanian"]}, [1, 2, 3]),
    ({"units": ["PERTANIAN"]}, [1, 2, 3]),
    ({"sub_units": ["^seksi"], "categories": ["pelaksana"]}, [3]),
    ({"positions": ["^Pengemudi$"]}, [5]),
    ({"statuses": ["PTT"]}, [5]),
    ({"flags": ["asn"]}, [1, 2, 3, 4]),
    ({"flags": ["structural"]}, [1, 2]),
    ({"flags": ["aged"]}, [4]),
    ({"flags": ["vulnerable", "asn"]}, [3, 4]),
    ({"unit_types": ["badan"]}, [4, 5]),
    ({"exclude": {"flags": ["asn"]}}, [5]),
    ({"categories": ["pelaksana"], "exclude": {"units": ["badan"]}}, [3]),
])
def test_selectors_combine_fields_with_and_and_values_with_or(
        tmp_path: Path, who: dict[str, Any], expected: list[int]) -> None:
    """Tests that each selector field selects the right employees."""
    bkd = "Badan Kepegawaian Daerah"
    people = [head(1), admin(2, "Bidang Tanaman"), staff(3, comorbid=True),
              staff(4, unit=bkd, sub_unit="Bidang Mutasi", birth=date(1969, 3, 23)),
              staff(5, unit=bkd, sub_unit="Bidang Mutasi", position="Pengemudi", status="PTT")]
    source = write_input(tmp_path / "pegawai.xlsx", people)
    spec = load_scenario_spec(write_scenario(tmp_path / "s.toml", []))
    frame = people_from(read_employees(source).employees, spec)
    chosen = select(who, frame)
    names = [int(n.split()[-1]) for n in frame.frame["name"][chosen]]
    assert names == expected


# --------------------------------------------------------------------------- #
# Leave (Cuti) and official travel (Dinas Luar)
# --------------------------------------------------------------------------- #

MON, TUE = DAYS
WEEK: dict[str, Any] = {"start": date(2020, 3, 23), "end": date(2020, 3, 27)}
WEEK_DAYS = [date(2020, 3, 23), date(2020, 3, 24), date(2020, 3, 26), date(2020, 3, 27)]


def travellers() -> list[dict[str, Any]]:
    """A head on leave Monday, staff on travel Tuesday, on both Monday, Wajib WFH on leave."""
    return [person(1, DINAS, "", "Kepala Dinas Pertanian", eselon="II.b", kind="Struktural",
                   leave=[MON]),
            staff(2, travel=[TUE]), staff(3, leave=[MON], travel=[MON]),
            staff(4, must_wfh=True, leave=[TUE]), staff(5)]


def test_leave_and_travel_days_read_cuti_and_dl(tmp_path: Path) -> None:
    """Tests that CUTI on leave days and DL on travel days pass, even for pinned staff."""
    report = run(tmp_path, travellers(), [HEAD_IN], ["CO", "HD", "CH", "HC", "HH"])
    assert_clean(report)
    assert report.checked["absence_days"] == 4


@pytest.mark.parametrize(("codes", "words"), [
    (["OO", "HD", "CH", "HC", "HH"], ["Pegawai 001", "2020-03-23 is 'WFO'", "expected CUTI"]),
    (["CO", "HH", "CH", "HC", "HH"], ["Pegawai 002", "2020-03-24 is 'WFH'", "expected DL"]),
    (["CO", "HD", "DH", "HC", "HH"], ["Pegawai 003", "'DL', expected CUTI"]),
    (["CO", "HD", "CH", "HC", "CH"], ["Pegawai 005", "'CUTI', expected WFO/WFH",
                                      "neither leave nor travel"]),
])
def test_a_wrong_cell_on_an_absence_day_is_one_absence_violation(
        tmp_path: Path, codes: list[str], words: list[str]) -> None:
    """Tests that a leave day written WFO (or DL, or CUTI without leave) is one [absence]."""
    assert_one(run(tmp_path, travellers(), [HEAD_IN], codes), "absence", *words)


def test_a_minimum_short_on_a_leave_day_needs_a_warning_with_the_date(tmp_path: Path) -> None:
    """Tests that leave capping a minimum on a day needs a warning naming the unit and dd/mm."""
    people = [person(1, DINAS, "Bidang Tanaman", "Kepala Bidang Tanaman", eselon="III.b",
                     kind="Struktural", leave=[MON]),
              admin(2, "Bidang Hortikultura"), staff(3)]
    codes = ["CO", "OO", "HH"]
    warning = (f"{DINAS}: rule 'Minimal 2 administrator' asks for 2 in office, but on 23/03 "
               "fewer eligible staff are present (leave/travel)")
    report = run(tmp_path, people, MIN_ADMINS, codes, warnings=[warning])
    assert_clean(report)
    assert report.warnings_expected == [DINAS] and report.warning_days == {DINAS: [MON]}
    assert_one(run(tmp_path, people, MIN_ADMINS, codes), "warning", DINAS)
    undated = f"{DINAS}: rule 'Minimal 2 administrator' is short on some days"
    assert_one(run(tmp_path, people, MIN_ADMINS, codes, warnings=[undated]), "warning",
               DINAS, "23/03")


def test_a_leave_day_covered_by_the_others_passes(tmp_path: Path) -> None:
    """Tests that others covering a minimum on a leave day pass; a gap that day is reported."""
    people = [person(1, DINAS, "Bidang Tanaman", "Kepala Bidang Tanaman", eselon="III.b",
                     kind="Struktural", leave=[MON]),
              admin(2, "Bidang Hortikultura"), admin(3, "Bidang Penyuluhan"), staff(4)]
    report = run(tmp_path, people, MIN_ADMINS, ["CO", "OH", "OO", "HH"])
    assert_clean(report)
    assert report.warnings_expected == []
    assert_one(run(tmp_path, people, MIN_ADMINS, ["CO", "HO", "OH", "HH"]), "min_present",
               "2020-03-23", "1 of 3 selected in office (1 on leave/travel)", "at least 2")


def test_max_wfh_counts_only_fixed_staff_who_are_present(tmp_path: Path) -> None:
    """Tests the closed form per day: a pinned head on leave is not in office that day."""
    people = [person(1, DINAS, "", "Kepala Dinas Pertanian", eselon="II.b", kind="Struktural",
                     travel=[TUE]),
              admin(2, "Bidang Tanaman"), admin(3, "Bidang Hortikultura"), staff(4)]
    assert_clean(run(tmp_path, people, [HEAD_IN, *MIN_ADMINS], ["OD", "OO", "OO", "HH"]))
    report = run(tmp_path, people, [HEAD_IN, *MIN_ADMINS], ["OD", "OO", "OO", "HO"])
    assert_one(report, "optimality", "2020-03-24", "3 in office", "need only 2")


def test_wfh_share_target_counts_the_staff_present_that_day(tmp_path: Path) -> None:
    """Tests that the daily WFH target is clamped to the staff present and not pinned."""
    people = [head(1), staff(2, leave=[MON]), staff(3), staff(4)]
    rules: list[dict[str, Any]] = [
        HEAD_IN, {"name": "75% di rumah", "kind": "wfh_share_target", "per": "organisation",
                  "share": 0.75}]
    # target round(0.75 × 4) = 3; Monday only 3 present, 1 pinned in office: 2 at home.
    assert_clean(run(tmp_path, people, rules, ["OO", "CH", "HH", "HH"], intent="wfh_target"))
    report = run(tmp_path, people, rules, ["OO", "CH", "HH", "OH"], intent="wfh_target")
    assert_one(report, "wfh_share_target", "2020-03-23", "1 of 4 selected at home",
               "expected 2")


def test_max_office_share_cap_counts_all_selected(tmp_path: Path) -> None:
    """Tests that the cap is floor(share × all selected), absent staff included."""
    people = [staff(1, leave=[MON]), staff(2), staff(3), staff(4)]
    rules = [{"name": "Maksimal 50% masuk", "kind": "max_office_share", "share": 0.5}]
    # floor(0.5 × 4) = 2 in office each day, Monday too although only 3 are present.
    assert_clean(run(tmp_path, people, rules, ["CO", "OH", "HO", "OH"], intent="max_wfo"))
    report = run(tmp_path, people, rules, ["CO", "OH", "OO", "OH"], intent="max_wfo")
    assert_one(report, "max_office_share", "2020-03-23", "3 of 4 selected in office (1 on "
               "leave/travel)", "at most 2")


def test_fairness_compares_only_staff_with_the_same_absence_days(tmp_path: Path) -> None:
    """Tests that fairness groups free staff by their leave/travel days too."""
    people = [staff(1, leave=WEEK_DAYS[:2]), staff(2, travel=WEEK_DAYS[:2]), staff(3),
              staff(4)]
    rules = [{"name": "Minimal 1 pelaksana", "kind": "min_present", "count": 1,
              "who": {"categories": ["pelaksana"]}}]
    # 1 WFH day for the two away Monday–Tuesday, 3 for the others: different groups.
    good = ["CCOH", "DDHO", "OHHH", "HOHH"]
    assert_clean(run(tmp_path, people, rules, good, days=WEEK_DAYS, **WEEK))
    report = run(tmp_path, people, rules, ["CCOO", "DDHH", "OHHH", "HOHH"], days=WEEK_DAYS,
                 **WEEK)
    assert_one(report, "fairness", "away on 23/03 24/03", "from 0", "to 2")


def test_the_cuti_dl_total_counts_absence_cells(tmp_path: Path) -> None:
    """Tests Hari Cuti/DL: it must equal the CUTI + DL cells and exist when there are any."""
    people = [staff(1, leave=[MON]), staff(2)]
    source = write_input(tmp_path / "pegawai.xlsx", people)
    toml = write_scenario(tmp_path / "skenario.toml", [])
    out = write_roster(tmp_path / "a.xlsx", people, DAYS, ["CH", "HH"])
    assert_clean(check(out, source, toml))
    wb = openpyxl.load_workbook(out)
    assert wb["Jadwal"].cell(row=1, column=10).value == "Hari Cuti/DL"
    wb["Jadwal"].cell(row=2, column=10).value = 0
    wb.save(out)
    assert_one(check(out, source, toml), "totals", "Hari Cuti/DL is 0", "give 1")
    out = write_roster(tmp_path / "b.xlsx", people, DAYS, ["CH", "HH"], away_column=False)
    assert_one(check(out, source, toml), "sheet", "no 'Hari Cuti/DL' column")
