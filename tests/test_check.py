"""Tests that `check` reports exactly what a hand edit broke, with its cell, and nothing on
edits that change nothing (case, spaces, order, hidden columns, colours, LibreOffice); and
who is where (NIP, name, unit, sub-unit) apart from the rules."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from tests import checker
from wfh_solver import api
from wfh_solver.check.roster import CheckReport, check_roster
from wfh_solver.policy.problem import FIXED_WFO, FREE, Problem
from wfh_solver.sample import write_sample
from wfh_solver.solve.result import Result
from wfh_solver.solve.run import solve
from wfh_solver.write import write_roster

SCENARIO = "jateng-2020"
LEAVE_DAY = date(2020, 3, 19)
_SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@dataclass
class Case:
    staff_path: Path
    roster: Path
    result: Result
    problem: Problem
    on_leave: int  # an employee with leave on LEAVE_DAY


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Case:
    """300 sample staff under jateng-2020, one pelaksana on leave on 19/03, solved."""
    folder = tmp_path_factory.mktemp("check")
    staff_path = folder / "pegawai.xlsx"
    write_sample(staff_path, 300, 5)
    book = openpyxl.load_workbook(staff_path)
    sheet = book.active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    column = len(header) + 1
    sheet.cell(1, column, "Cuti")
    position = header.index("Jenis Jabatan") + 1
    row = next(r for r in range(40, sheet.max_row + 1)
               if sheet.cell(r, position).value == "Pelaksana")
    sheet.cell(row, column, LEAVE_DAY.strftime("%d/%m/%Y"))
    book.save(staff_path)
    staff = api.read_employees(staff_path)
    problem = api.make_problem(staff, SCENARIO)
    result = solve(problem)
    roster = folder / "jadwal.xlsx"
    write_roster(result, roster)
    on_leave = next(i for i, e in enumerate(problem.employees) if e.leave)
    return Case(staff_path, roster, result, problem, on_leave)


def judge(case: Case, path: Path) -> CheckReport:
    return check_roster(path, api.read_employees(case.staff_path), SCENARIO)


def keys(report: CheckReport) -> set[tuple[str, str, date | None]]:
    return {(v.kind, v.rule, v.day) for v in report.violations}


def edit(case: Case, tmp_path: Path, change: Callable[[Worksheet], None],
         name: str = "edited.xlsx") -> Path:
    book = openpyxl.load_workbook(case.roster)
    sheet = book["Jadwal"]
    change(sheet)
    out = tmp_path / name
    book.save(out)
    return out


def set_cell(case: Case, tmp_path: Path, nip: str, day: date, value: str | None
             ) -> tuple[Path, str]:
    """The roster with one person's day typed over by hand; the edited file and the cell."""
    cell: list[str] = []

    def type_over(sheet: Worksheet) -> None:
        cell.append(locate(sheet, nip, day))
        sheet[cell[0]] = value

    return edit(case, tmp_path, type_over), cell[0]


def locate(sheet: Worksheet, nip: str, day: date) -> str:
    """The cell of this person's day, found by reading the sheet as HR sees it."""
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == nip)
    col = next(c for c in range(1, sheet.max_column + 1)
               if isinstance(v := sheet.cell(1, c).value, datetime) and v.date() == day)
    return sheet.cell(row, col).coordinate


def office_matrix(case: Case) -> np.ndarray:
    return case.result.roster.office


def pick_flip(case: Case, kind: str) -> tuple[int, int, str]:
    """A free employee in office on a day where one rule of `kind` binds exactly (count
    equals its minimum) and every other rule containing them has room, whose one more WFH
    day keeps their class within one day: flipping that cell breaks exactly one rule."""
    p, office = case.problem, office_matrix(case)
    counts = [office[list(r.members)].sum(axis=0) for r in p.requirements]
    member_of: dict[int, list[int]] = {}
    for k, r in enumerate(p.requirements):
        for i in r.members:
            member_of.setdefault(i, []).append(k)
    wfh = case.result.roster.wfh_days()
    for k, req in enumerate(p.requirements):
        if req.kind != kind:
            continue
        for d in range(p.n_days):
            if counts[k][d] != req.minimum_on(d) or counts[k][d] == 0:
                continue
            for i in req.members:
                others = [j for j in member_of[i] if j != k]
                if not office[i, d] or p.fixed[i] != FREE or any(
                        counts[j][d] <= p.requirements[j].minimum_on(d) for j in others):
                    continue
                if _class_floor(case, i) + 1 < wfh[i]:
                    continue
                return i, d, req.rule
    raise AssertionError(f"no binding {kind} rule in the sample")


def _class_floor(case: Case, i: int) -> int:
    """Lowest WFH days among staff interchangeable with i (the fairness class)."""
    p = case.problem
    e = p.employees[i]
    same = [j for j, f in enumerate(p.employees)
            if p.fixed[j] == FREE and (f.unit, f.sub_unit, f.category) ==
            (e.unit, e.sub_unit, e.category) and p.vulnerable[j] == p.vulnerable[i]
            and f.leave == e.leave]
    return int(case.result.roster.wfh_days()[same].min())


def checker_rule_lines(case: Case, path: Path, tmp_path: Path) -> list[str]:
    """The tests' own checker, on the edited file: only its rule checks."""
    scenario = Path(__file__).parents[1] / "wfh_solver" / "scenarios" / f"{SCENARIO}.toml"
    rep = checker.check(path, case.staff_path, scenario)
    tags = ("[min_present]", "[min_office_share]", "[max_office_share]", "[always_in_office]",
            "[fairness]", "[absence]", "[exempt_units]", "[top_levels]")
    return [v for v in rep.violations if v.startswith(tags)]


# ----------------------------------------------------------------- untouched ------ #


def test_untouched_roster_is_clean(case):
    """Tests that the roster we wrote passes its own check."""
    report = judge(case, case.roster)
    assert report.clean, [v.text for v in report.violations[:5]]


def test_cli_exit_codes(case, tmp_path):
    """Tests exit 0 on the untouched roster and 4 with the broken cell named after an edit."""
    run = [sys.executable, "-m", "wfh_solver.cli", "check"]
    done = subprocess.run([*run, str(case.roster), "--input", str(case.staff_path), "-s",
                           SCENARIO], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "memenuhi semua aturan" in done.stdout
    i, d, _ = pick_flip(case, "min_present")
    e, day = case.problem.employees[i], case.problem.calendar.days[d]
    path, ref = set_cell(case, tmp_path, e.nip, day, "WFH")
    done = subprocess.run([*run, str(path), "--input", str(case.staff_path), "-s", SCENARIO,
                           "--lang", "en"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 4, done.stderr
    assert f"Jadwal!{ref}" in done.stdout and "1 violation(s)" in done.stdout


def test_roster_given_as_the_staff_list_is_refused(case, tmp_path):
    """Tests the installed script refusing `--input` naming the roster itself (also through
    another spelling of the path): a roster read as a staff list has no eselon, flags or
    leave, so its verdict would be wrong. Exit 2, one line, no traceback."""
    script = Path(sys.executable).with_name("wfh-solver")
    link = tmp_path / "same.xlsx"
    link.symlink_to(case.roster)
    for other in (case.roster, link):
        done = subprocess.run([str(script), "check", str(case.roster), "-i", str(other), "-s",
                               SCENARIO, "--lang", "en"], capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 2, done.stderr
        assert "is given as the roster and as the staff list (--input)" in done.stderr
        assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1


# --------------------------------------------------------- edits that break ------ #


@pytest.mark.parametrize("kind", ["min_present", "min_office_share"])
def test_binding_count_flipped_to_wfh(case, tmp_path, kind):
    """Tests edits 1-2: one person of a binding count sent home breaks exactly that rule on
    that day, the cell is named, and the tests' checker sees the same one rule."""
    i, d, rule = pick_flip(case, kind)
    e, day = case.problem.employees[i], case.problem.calendar.days[d]
    path, ref = set_cell(case, tmp_path, e.nip, day, "WFH")
    report = judge(case, path)
    assert keys(report) == {("minimum", rule, day)}
    assert f"Jadwal!{ref}" in report.violations[0].cells
    lines = checker_rule_lines(case, path, tmp_path)
    assert len(lines) == 1 and f"'{rule}'" in lines[0] and day.isoformat() in lines[0]


def test_pinned_head_sent_home(case, tmp_path):
    """Tests edit 3: a Kepala pinned in office set to WFH is a pin violation on that cell,
    plus any count that was binding on that day for them."""
    p, office = case.problem, office_matrix(case)
    i = next(j for j in range(len(p.employees))
             if p.fixed[j] == FIXED_WFO and p.fixed_by[j].startswith("Kepala dinas"))
    d = 0
    e, day = p.employees[i], p.calendar.days[d]
    expected = {("pin", p.fixed_by[i], day)}
    for req in p.requirements:
        if i in req.members and office[list(req.members), d].sum() == req.minimum_on(d):
            expected.add(("minimum", req.rule, day))
    path, ref = set_cell(case, tmp_path, e.nip, day, "WFH")
    report = judge(case, path)
    assert keys(report) == expected
    pin = next(v for v in report.violations if v.kind == "pin")
    assert pin.cells == (f"Jadwal!{ref}",) and e.nip in pin.text


def test_leave_day_marked_wfo(case, tmp_path):
    """Tests edit 4: a day of leave in the staff list written as WFO is named with its cell."""
    e = case.problem.employees[case.on_leave]
    cell: list[str] = []

    def work(sheet: Worksheet) -> None:
        cell.append(locate(sheet, e.nip, LEAVE_DAY))
        assert sheet[cell[0]].value == "CUTI"
        sheet[cell[0]] = "WFO"

    report = judge(case, edit(case, tmp_path, work))
    assert keys(report) == {("absence", "Cuti/DL sesuai daftar pegawai", LEAVE_DAY)}
    assert report.violations[0].cells == (f"Jadwal!{cell[0]}",)


def test_invented_leave(case, tmp_path):
    """Tests edit 5: CUTI typed over a WFH day the staff list does not know is reported."""
    e, day = _free_wfh_cell(case)
    path, ref = set_cell(case, tmp_path, e.nip, day, "CUTI")
    report = judge(case, path)
    assert keys(report) == {("absence", "Cuti/DL sesuai daftar pegawai", day)}
    assert report.violations[0].cells == (f"Jadwal!{ref}",)


def test_unfair_rotation(case, tmp_path):
    """Tests edit 6: one more office day for the class's lowest WFH count, in a class already
    one day apart, is a fairness gap naming both people's rows."""
    p, roster = case.problem, case.result.roster
    wfh, codes = roster.wfh_days(), roster.codes()
    for i in range(len(p.employees)):
        if p.fixed[i] != FREE or p.employees[i].leave:
            continue
        floor = _class_floor(case, i)
        e = p.employees[i]
        same = [j for j, f in enumerate(p.employees) if p.fixed[j] == FREE and
                (f.unit, f.sub_unit, f.category) == (e.unit, e.sub_unit, e.category)
                and p.vulnerable[j] == p.vulnerable[i] and not f.leave]
        if wfh[i] == floor and int(wfh[same].max()) == floor + 1:
            d = int(np.flatnonzero(codes[i] == 0)[0])
            break
    else:
        raise AssertionError("no class one day apart")
    day = p.calendar.days[d]

    def work(sheet: Worksheet) -> None:
        sheet[locate(sheet, e.nip, day)] = "WFO"

    report = judge(case, edit(case, tmp_path, work))
    assert keys(report) == {("fairness", "Rotasi adil (selisih hari WFH paling banyak 1)", None)}
    assert e.nip in report.violations[0].text


def test_deleted_row_is_reported_not_a_crash(case, tmp_path):
    """Tests edit 7: deleting the row of someone at home all period reports them missing
    and nothing else."""
    p, roster = case.problem, case.result.roster
    i = next(j for j in range(len(p.employees))
             if p.fixed[j] == FREE and roster.wfo_days()[j] == 0 and not p.employees[j].leave)
    e = p.employees[i]

    def delete(sheet: Worksheet) -> None:
        row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == e.nip)
        sheet.delete_rows(row)

    report = judge(case, edit(case, tmp_path, delete))
    assert not report.violations and not report.clean
    assert [(d.kind, d.people) for d in report.differences] == [("missing", (i,))]
    assert e.nip in report.differences[0].text


def test_added_unknown_row(case, tmp_path):
    """Tests edit 8: a row for a NIP the staff list does not have names its NIP cell."""
    days = case.problem.n_days

    def add(sheet: Worksheet) -> None:
        sheet.append(["199901012020121001", "Orang Baru", "Dinas X", "", "Staf",
                      *["WFO"] * days])

    path = edit(case, tmp_path, add)
    report = judge(case, path)
    row = len(case.problem.employees) + 2
    assert not report.violations
    assert [(d.kind, d.cells) for d in report.differences] == [("added", (f"Jadwal!A{row}",))]


@pytest.mark.parametrize(("value", "word"), [(None, "kosong"), ("WF0", "'WF0'")])
def test_blank_or_mistyped_cell(case, tmp_path, value, word):
    """Tests edits 9-10: an empty cell or a typo (WF0) over a WFH day names that cell."""
    e, day = _free_wfh_cell(case)
    path, ref = set_cell(case, tmp_path, e.nip, day, value)
    report = judge(case, path)
    assert [(v.kind, v.cells) for v in report.violations] == [("roster",
                                                               (f"Jadwal!{ref}",))]
    assert word in report.violations[0].text


def test_duplicated_row(case, tmp_path):
    """Tests edit 11: a copied row is reported once, pointing at the copy."""
    def copy(sheet: Worksheet) -> None:
        sheet.append([c.value for c in sheet[2]])

    report = judge(case, edit(case, tmp_path, copy))
    row = len(case.problem.employees) + 2
    assert [(v.kind, v.cells) for v in report.violations] == [("roster", (f"Jadwal!A{row}",))]


# --------------------------------------------------- edits that change nothing ------ #


def _messy(sheet: Worksheet) -> None:
    """What hand editing does without changing the roster: case, spaces, colours, hidden
    columns, a filter hiding rows, and the rows re-sorted by name."""
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    rows.sort(key=lambda r: str(r[1]), reverse=True)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            if value in ("WFH", "WFO") and (r + c) % 3 == 0:
                value = f" {str(value).lower()} "
            sheet.cell(r, c, value)
    sheet.column_dimensions["C"].hidden = True
    sheet.column_dimensions["G"].hidden = True
    for r in range(2, 12):
        sheet.row_dimensions[r].hidden = True
        sheet.cell(r, 6).fill = PatternFill("solid", fgColor="FFFF00")
    sheet.auto_filter.ref = sheet.dimensions


def test_hand_editing_that_changes_nothing_is_clean(case, tmp_path):
    """Tests that lower case, spaces, re-sorted and filtered rows, hidden columns and colours
    leave the roster clean."""
    report = judge(case, edit(case, tmp_path, _messy))
    assert report.clean, [v.text for v in report.violations[:5]]


def _libreoffice(source: Path, out: Path) -> Path:
    assert _SOFFICE is not None
    out.mkdir()
    profile = (out / "profile").as_uri()
    done = subprocess.run([_SOFFICE, f"-env:UserInstallation={profile}", "--headless",
                           "--convert-to", "xlsx", "--outdir", str(out), str(source)],
                          capture_output=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    return out / source.name


@pytest.mark.skipif(_SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_round_trip(case, tmp_path):
    """Tests edit 12: through LibreOffice, a messy but unchanged roster stays clean, and a
    binding count sent home is reported with the same rule, day and cell."""
    messy = _libreoffice(edit(case, tmp_path, _messy, "messy.xlsx"), tmp_path / "lo1")
    assert judge(case, messy).clean
    i, d, rule = pick_flip(case, "min_present")
    e, day = case.problem.employees[i], case.problem.calendar.days[d]
    path, ref = set_cell(case, tmp_path, e.nip, day, "wfh")
    report = judge(case, _libreoffice(path, tmp_path / "lo2"))
    assert keys(report) == {("minimum", rule, day)}
    assert f"Jadwal!{ref}" in report.violations[0].cells


def test_missing_day_column(case, tmp_path):
    """Tests that a deleted day column is one violation naming the day."""
    days = case.problem.calendar.days

    def drop(sheet: Worksheet) -> None:
        sheet.delete_cols(6)

    report = judge(case, edit(case, tmp_path, drop))
    assert [(v.kind, v.day) for v in report.violations] == [("roster", days[0])]


def _free_wfh_cell(case):
    """The first WFH day of someone no rule pins: the cell a hand edit spoils."""
    p = case.problem
    codes = case.result.roster.codes()
    i, d = next((i, d) for i in range(len(p.employees)) for d in range(p.n_days)
                if codes[i, d] == 0 and p.fixed[i] == FREE)
    return p.employees[i], p.calendar.days[d]


# ------------------------------------------------------------ who is where ------ #

SCRIPT = Path(sys.executable).with_name("wfh-solver")
UNIT_COLUMN, SUB_COLUMN = "C", "D"


def run_check(case: Case, path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The installed console script on an edited roster."""
    return subprocess.run([str(SCRIPT), "check", str(path), "--input", str(case.staff_path),
                           "-s", SCENARIO, "--limit", "0", *extra], capture_output=True,
                          text=True, timeout=300)


def row_of(sheet: Worksheet, nip: str) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == nip)


def _section(stdout: str) -> list[str]:
    """The lines of the differences section (up to the rules section, if any)."""
    lines = stdout.splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("Perbedaan dengan"))
    end = next((k for k, line in enumerate(lines) if line.startswith("Pelanggaran aturan")),
               len(lines))
    return lines[start + 1:end]


def _units_with(case: Case, least: int) -> list[str]:
    counts: dict[str, int] = {}
    for e in case.problem.employees:
        counts[e.unit] = counts.get(e.unit, 0) + 1
    return [u for u, n in counts.items() if n >= least]


def test_moved_person_is_a_difference_with_its_cell(case, tmp_path):
    """Tests the issue's example: a Unit Kerja cell changed to another unit is reported by
    the installed script with its cell, in its own section, exit 4, not 'memenuhi'."""
    p = case.problem
    i = next(j for j in range(len(p.employees)) if p.fixed[j] == FREE and not p.employees[j].leave)
    e = p.employees[i]
    other = next(u for u in _units_with(case, 2) if u != e.unit)
    cell: list[str] = []

    def move(sheet: Worksheet) -> None:
        cell.append(f"{UNIT_COLUMN}{row_of(sheet, e.nip)}")
        assert sheet[cell[0]].value == e.unit
        sheet[cell[0]] = other

    done = run_check(case, edit(case, tmp_path, move))
    assert done.returncode == 4, done.stderr
    assert "memenuhi semua aturan" not in done.stdout
    assert "1 perbedaan dengan daftar pegawai dan 0 pelanggaran" in done.stdout
    section = _section(done.stdout)
    assert section == [f"  - [pindah unit] {e.name} (NIP {e.nip}) tertulis di unit '{other}' "
                       f"(Jadwal!{cell[0]}); di daftar pegawai unitnya '{e.unit}'"]


def test_renamed_unit_is_one_line_naming_its_cells(case, tmp_path):
    """Tests a unit renamed by hand on every one of its rows: one difference, its cells."""
    unit = _units_with(case, 3)[-1]
    members = [e for e in case.problem.employees if e.unit == unit]

    def rename(sheet: Worksheet) -> None:
        for r in range(2, sheet.max_row + 1):
            if sheet.cell(r, 3).value == unit:
                sheet.cell(r, 3, "Dinas Baru Hasil Ganti Nama")

    report = judge(case, edit(case, tmp_path, rename))
    assert [d.kind for d in report.differences] == ["unit_renamed"]
    d = report.differences[0]
    assert len(d.cells) == len(members) and all(c.startswith("Jadwal!C") for c in d.cells)
    assert f"unit '{unit}' tertulis 'Dinas Baru Hasil Ganti Nama' di {len(members)} baris" \
        in d.text
    done = run_check(case, edit(case, tmp_path, rename), "--lang", "en")
    assert done.returncode == 4 and "[unit renamed]" in done.stdout


def test_unit_spelling_the_staff_list_accepts_is_no_difference(case, tmp_path):
    """Tests that case, spaces and a known abbreviation (DINKES) are the same unit."""
    def respell(sheet: Worksheet) -> None:
        for r in range(2, sheet.max_row + 1):
            value = sheet.cell(r, 3).value
            if value == "Dinas Kesehatan":
                sheet.cell(r, 3, "DINKES" if r % 2 else " dinas  KESEHATAN ")

    report = judge(case, edit(case, tmp_path, respell))
    assert report.clean, [d.text for d in report.differences[:3]]


def test_missing_added_nip_name_and_sub_unit_each_named(case, tmp_path):
    """Tests one edit of each kind at once: a deleted row, an unknown person added, a
    mistyped NIP (same name), a renamed person and a person moved to another sub-unit; each
    is one line with its cell, and the mistyped NIP's days still count."""
    p = case.problem
    free = [j for j in range(len(p.employees)) if p.fixed[j] == FREE and not p.employees[j].leave
            and case.result.roster.wfo_days()[j] == 0]
    gone, typo, renamed = (p.employees[j] for j in free[:3])
    subs: dict[str, set[str]] = {}
    for e in p.employees:
        subs.setdefault(e.unit, set()).add(e.sub_unit)
    mover = next(e for e in p.employees if e.sub_unit and len(subs[e.unit]) > 2
                 and sum(f.sub_unit == e.sub_unit for f in p.employees) > 1)
    target = sorted(subs[mover.unit] - {mover.sub_unit, ""})[0]
    rows: dict[str, int] = {}
    wrong_nip = typo.nip[:-1] + ("1" if typo.nip[-1] != "1" else "2")

    def spoil(sheet: Worksheet) -> None:
        sheet.delete_rows(row_of(sheet, gone.nip))
        rows.update({who.nip: row_of(sheet, who.nip) for who in (typo, renamed, mover)})
        sheet.cell(rows[typo.nip], 1, wrong_nip)
        sheet.cell(rows[renamed.nip], 2, "Nama Lain Sekali")
        sheet.cell(rows[mover.nip], 4, target)
        sheet.append(["199901012020121001", "Orang Baru", gone.unit, "", "Staf",
                      *["WFH"] * p.n_days])

    done = run_check(case, edit(case, tmp_path, spoil))
    assert done.returncode == 4, done.stderr
    section = _section(done.stdout)
    assert [line.split("]")[0] for line in section] == [
        "  - [tidak ada di jadwal", "  - [tidak ada di daftar pegawai", "  - [NIP berbeda",
        "  - [pindah sub unit", "  - [nama berbeda"]
    assert gone.nip in section[0]
    assert "199901012020121001" in section[1]
    assert f"Jadwal!A{rows[typo.nip]}: NIP {wrong_nip}" in section[2] and typo.nip in section[2]
    assert f"Jadwal!{SUB_COLUMN}{rows[mover.nip]}" in section[3] and target in section[3]
    assert f"Jadwal!B{rows[renamed.nip]}" in section[4] and "Nama Lain Sekali" in section[4]
    assert "Pelanggaran aturan" not in done.stdout  # the mistyped NIP's row still counts
