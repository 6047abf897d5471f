"""Tests that `solve --relax` breaks rules as little as can be proven, counts before shares,
pins and leave kept, and that the tests' checker agrees with the Pelanggaran sheet."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pytest

from tests import checker
from tests.workbooks import pin_workbook
from wfh_solver import api
from wfh_solver.write import write_roster

START, END = date(2020, 3, 16), date(2020, 3, 20)  # five working days
LEAVE_DAY = date(2020, 3, 17)


def _files(tmp_path: Path, people: Sequence[dict[str, Any]],
           rules: Sequence[dict[str, Any]]) -> tuple[Path, Path]:
    return (checker.write_input(tmp_path / "pegawai.xlsx", people),
            checker.write_scenario(tmp_path / "s.toml", rules, start=START, end=END))


def cap_below_pinned(tmp_path: Path) -> tuple[Path, Path]:
    """Dinas A: Kepala pinned in office + 2 of 9 seksi pelaksana = 3 > a 20% cap of 2; the
    count outranks the share, so the cap gives by exactly 1 on each of 5 days."""
    people = [checker.person(1, "Dinas A", "", "Kepala Dinas A", eselon="II.b",
                             kind="Struktural", name="Kepala A")]
    people += [checker.person(10 + k, "Dinas A", "Seksi Pelayanan", "Pengadministrasi")
               for k in range(9)]
    people += [checker.person(30 + k, "Dinas B", "", "Guru", kind="Fungsional")
               for k in range(4)]
    return _files(tmp_path, people, [
        {"name": "JPT wajib masuk", "kind": "always_in_office", "who": {"categories": ["jpt"]}},
        {"name": "Paling banyak 20%", "kind": "max_office_share", "per": "unit", "share": 0.2},
        {"name": "Minimal 2 pelaksana per seksi", "kind": "min_present", "per": "sub_unit",
         "count": 2, "who": {"categories": ["pelaksana"]}}])


def wajib_wfh_head(tmp_path: Path) -> tuple[Path, Path]:
    """Dinas C: the Wajib WFH Kepala stays home (pins outrank counts), 'at least 2 pejabat'
    (a count) needs both administrators, the cap on administrators (a share) gives by 1."""
    people = [checker.person(1, "Dinas C", "", "Kepala Dinas C", eselon="II.b",
                             kind="Struktural", name="Kepala C", must_wfh=True),
              checker.person(2, "Dinas C", "", "Sekretaris", eselon="III.a",
                             kind="Struktural", name="Sekretaris C"),
              checker.person(3, "Dinas C", "Bidang X", "Kepala Bidang X", eselon="III.b",
                             kind="Struktural", name="Kabid C")]
    people += [checker.person(10 + k, "Dinas C", "Bidang X", "Pengadministrasi")
               for k in range(4)]
    return _files(tmp_path, people, [
        {"name": "Minimal 2 pejabat", "kind": "min_present", "per": "unit", "count": 2,
         "who": {"categories": ["jpt", "administrator"]}},
        {"name": "Paling banyak separuh administrator", "kind": "max_office_share",
         "per": "unit", "share": 0.5, "who": {"categories": ["administrator"]}}])


def most_on_leave(tmp_path: Path) -> tuple[Path, Path]:
    """Dinas D on 17/03: 3 of 10 in office needed, at most 1 ASN, 1 honorer present: two
    shares clash by exactly 1 person that day only."""
    people = [checker.person(1 + k, "Dinas D", "", "Pengadministrasi",
                             leave=[LEAVE_DAY] if k < 3 else []) for k in range(6)]
    people += [checker.person(20 + k, "Dinas D", "Tenaga Pendukung", "Pramubakti",
                              status="Honorer", leave=[LEAVE_DAY] if k < 3 else [])
               for k in range(4)]
    return _files(tmp_path, people, [
        {"name": "Minimal 30% masuk", "kind": "min_office_share", "per": "unit", "share": 0.3},
        {"name": "ASN paling banyak 30%", "kind": "max_office_share", "per": "unit",
         "share": 0.3, "who": {"flags": ["asn"]}}])


PIN_DAYS = (date(2020, 3, 17), date(2020, 3, 19))


def pins_leave_seksi_short(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Dinas P: HR pins two of Seksi Pelayanan's three pelaksana WFH on 17/03 (`--pin`);
    Dinas Q: one of Seksi Umum's two on 19/03. 'At least 2 pelaksana per seksi' gives by
    exactly 1 person on each of those days, the pins kept; Dinas R's pin (WFO on 18/03)
    clashes with nothing. Returns the staff list, the scenario and the pin workbook."""
    people = [checker.person(1 + k, "Dinas P", "Seksi Pelayanan", "Pengadministrasi",
                             name=name) for k, name in enumerate(("Budi", "Citra", "Dewi"))]
    people += [checker.person(10 + k, "Dinas Q", "Seksi Umum", "Pengadministrasi",
                              name=name) for k, name in enumerate(("Eko", "Fajar"))]
    people += [checker.person(20 + k, "Dinas R", "Seksi R", "Pengadministrasi")
               for k in range(3)]
    staff, scenario = _files(tmp_path, people, [
        {"name": "Minimal 2 pelaksana per seksi", "kind": "min_present", "per": "sub_unit",
         "count": 2, "who": {"categories": ["pelaksana"]}}])
    nip = {p["Nama"]: p["NIP"].replace(" ", "") for p in people}
    days = [START + timedelta(days=k) for k in range(5)]
    cells = {nip["Budi"]: {PIN_DAYS[0]: "WFH"}, nip["Citra"]: {PIN_DAYS[0]: "wfh"},
             nip["Eko"]: {PIN_DAYS[1]: "WFH"}, nip["Pegawai 020"]: {days[2]: "WFO"}}
    return staff, scenario, pin_workbook(tmp_path / "pins.xlsx", days, cells)


_LINE = re.compile(r"'(?P<rule>.+)' in (?P<where>.+) on (?P<day>\d{4}-\d\d-\d\d): "
                   r"(?P<achieved>\d+) of \d+ selected in office.*needs at (?:least|most) "
                   r"(?P<required>\d+)")


def _checker_rows(path: Path, staff: Path, scenario: Path) -> set[tuple[Any, ...]]:
    """The tests' own checker on the written roster: its broken count rules as rows."""
    report = checker.check(path, staff, scenario)
    rows = set()
    for line in report.violations:
        tag = line[1:line.index("]")]
        assert tag in ("min_present", "min_office_share", "max_office_share"), line
        found = _LINE.search(line)
        assert found, line
        rows.add((found["rule"], found["where"], date.fromisoformat(found["day"]),
                  int(found["required"]), int(found["achieved"])))
    return rows


def _sheet_rows(path: Path) -> set[tuple[Any, ...]]:
    sheet = openpyxl.load_workbook(path)["Pelanggaran"]
    rows = set()
    for kind, rule, unit, sub_unit, day, required, achieved, *_ in sheet.iter_rows(
            min_row=2, values_only=True):
        assert kind in ("Kurang dari jumlah minimal di kantor", "Melebihi batas di kantor")
        where = f"{unit} / {sub_unit}" if sub_unit else unit
        rows.add((rule, where, day.date(), required, achieved))
    return rows


@pytest.mark.parametrize(("fixture", "count", "share"), [
    (cap_below_pinned, 0, 5), (wajib_wfh_head, 0, 5), (most_on_leave, 0, 1)])
def test_relaxed_roster_has_the_proven_least_shortfall(tmp_path, fixture, count, share):
    """Tests the proven minimum against the hand-worked one, the roster's shortfall equal to
    it, and the checker agreeing with Pelanggaran line by line (rule, unit, day, numbers)."""
    staff, scenario = fixture(tmp_path)
    result = api.plan(staff, scenario, relax=True)
    level = result.levels[0]
    assert (level.name, level.status.value) == ("shortfall", "OPTIMAL")
    assert level.objective == level.bound == share  # no count rule had to give
    assert sum(v.shortfall for v in result.violations) == count + share
    out = tmp_path / "jadwal.xlsx"
    write_roster(result, out)
    rows = _sheet_rows(out)
    assert rows == _checker_rows(out, staff, scenario)
    assert len(rows) == len(result.violations)
    book = openpyxl.load_workbook(out)
    detail = next(book[name] for name in book.sheetnames  # the per-rule, per-day rows
                  if "Memenuhi" in [c.value for c in book[name][1]])
    head = [c.value for c in detail[1]]
    rule, day, met = head.index("Aturan"), head.index("Tanggal"), head.index("Memenuhi")
    broken = {(r[rule], r[day].date()) for r in detail.iter_rows(min_row=2, values_only=True)
              if r[met] == "Tidak"}
    assert broken == {(rule, day) for rule, _, day, _, _ in rows}


def test_pins_leaving_seksi_short_give_the_proven_least_shortfall(tmp_path):
    """Tests --relax with HR's pins: the count gives by exactly 1 on 17/03 (Seksi
    Pelayanan) and 1 on 19/03 (Seksi Umum), proven; every pinned cell is kept; the
    checker (which knows nothing of pins) finds exactly the rows of Pelanggaran."""
    staff, scenario, pins = pins_leave_seksi_short(tmp_path)
    result = api.plan(staff, scenario, relax=True, pin=pins)
    level = result.levels[0]
    assert (level.name, level.status.value) == ("shortfall", "OPTIMAL")
    assert level.objective == level.bound
    assert sorted((v.sub_unit, v.day, v.required, v.achieved, v.shortfall)
                  for v in result.violations) == [
        ("Seksi Pelayanan", PIN_DAYS[0], 2, 1, 1), ("Seksi Umum", PIN_DAYS[1], 2, 1, 1)]
    names = [e.name for e in result.roster.employees]
    days = list(result.roster.days)
    for name, day, code in (("Budi", 0, False), ("Citra", 0, False), ("Eko", 1, False)):
        assert bool(result.roster.office[names.index(name), days.index(PIN_DAYS[day])]) == code
    assert result.roster.office[names.index("Pegawai 020"), 2]
    out = tmp_path / "jadwal.xlsx"
    write_roster(result, out)
    rows = _sheet_rows(out)
    assert rows == _checker_rows(out, staff, scenario)
    assert {(where, day) for _, where, day, _, _ in rows} == {
        ("Dinas P / Seksi Pelayanan", PIN_DAYS[0]), ("Dinas Q / Seksi Umum", PIN_DAYS[1])}


def test_pins_and_leave_are_never_broken(tmp_path):
    """Tests that the Kepala pinned in office is in every day, and the Wajib WFH Kepala home."""
    for fixture, name, code in ((cap_below_pinned, "Kepala A", "WFO"),
                                (wajib_wfh_head, "Kepala C", "WFH")):
        folder = tmp_path / name.replace(" ", "")
        folder.mkdir()
        staff, scenario = fixture(folder)
        result = api.plan(staff, scenario, relax=True)
        i = next(k for k, e in enumerate(result.roster.employees) if e.name == name)
        assert {("WFH", "WFO")[int(x)] for x in result.roster.office[i]} == {code}


def test_feasible_rules_give_the_plain_roster(tmp_path):
    """Tests that with nothing in conflict --relax changes nothing: same roster, no
    violations."""
    people = [checker.person(1 + k, "Dinas E", "Seksi A", "Pengadministrasi")
              for k in range(6)]
    staff, scenario = _files(tmp_path, people, [
        {"name": "Minimal 2", "kind": "min_present", "per": "unit", "count": 2}])
    plain = api.plan(staff, scenario)
    relaxed = api.plan(staff, scenario, relax=True)
    assert not relaxed.violations
    assert np.array_equal(plain.roster.office, relaxed.roster.office)


def test_cli_says_first_that_rules_are_broken(tmp_path):
    """Tests exit 5, the first stderr line, and the broken day cells marked red in Jadwal."""
    staff, scenario = cap_below_pinned(tmp_path)
    out = tmp_path / "jadwal.xlsx"
    done = subprocess.run([sys.executable, "-m", "wfh_solver.cli", "solve", str(staff), "-s",
                           str(scenario), "-o", str(out), "--relax", "--lang", "en"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 5, done.stderr
    assert done.stderr.startswith("WARNING: this roster BREAKS 5 rule-day(s)")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[-1] == "Violations"
    marked = {str(cf.sqref) for cf in book["Roster"].conditional_formatting}
    sheet = book["Roster"]
    in_office = {f"{c.column_letter}{c.row}" for row in sheet.iter_rows(min_row=2)
                 for c in row if c.value == "WFO" and sheet.cell(c.row, 3).value == "Dinas A"}
    assert in_office and in_office <= marked


def test_check_finds_what_pelanggaran_lists(tmp_path):
    """Tests that `check` on the relaxed roster file reports the same rule-days as the
    Pelanggaran sheet, through the file rather than in memory."""
    from wfh_solver.check.roster import check_roster

    staff, scenario = most_on_leave(tmp_path)
    result = api.plan(staff, scenario, relax=True)
    out = tmp_path / "jadwal.xlsx"
    write_roster(result, out)
    report = check_roster(out, api.read_employees(staff), scenario)
    assert [(v.kind, v.rule, v.day, v.cells) for v in report.violations] == \
        [(v.kind, v.rule, v.day, v.cells) for v in result.violations]


def test_rekap_follows_a_cap_day_by_day():
    """Tests Rekap's check of a cap meaning "only the pinned staff": 2 in office is met on a
    day both pinned are present, broken on a day one of them is away."""
    from wfh_solver.evaluate.counts import counts_met
    from wfh_solver.solve.result import RuleCount

    cap = RuleCount("Maks 25%", "max_office_share", "Dinas", "", (0, 1, 2, 3), None, 2,
                    daily_maximum=(2, 1))
    met = counts_met([cap], np.array([[2, 2]], dtype=np.int64))
    assert met.tolist() == [[True, False]]


def test_rotation_rule_is_kept_when_relaxing(tmp_path):
    """Tests a clash the rotation rule takes part in: 6 ASN and 4 honorer, all pelaksana of
    one unit (interchangeable), 3 of 10 in office each day but at most 1 ASN. Day by day the
    cheapest move is honorer in, ASN home, which leaves honorer and ASN more than one WFH
    day apart; relaxing with all days together keeps the rotation rule and a roster exists."""
    people = [checker.person(1 + k, "Dinas F", "", "Pengadministrasi") for k in range(6)]
    people += [checker.person(20 + k, "Dinas F", "", "Pramubakti", status="Honorer")
               for k in range(4)]
    staff, scenario = _files(tmp_path, people, [
        {"name": "Minimal 30% masuk", "kind": "min_office_share", "per": "unit", "share": 0.3},
        {"name": "ASN paling banyak 30%", "kind": "max_office_share", "per": "unit",
         "share": 0.3, "who": {"flags": ["asn"]}}])
    result = api.plan(staff, scenario, relax=True)
    wfh = result.roster.wfh_days()
    assert int(wfh.max() - wfh.min()) <= 1
    assert result.levels[0].objective == sum(v.shortfall for v in result.violations) > 0
    out = tmp_path / "jadwal.xlsx"
    write_roster(result, out)
    assert _sheet_rows(out) == _checker_rows(out, staff, scenario)
