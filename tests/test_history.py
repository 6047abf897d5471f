"""Tests that fairness carries over from earlier rosters (`--previous`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from unittest import mock

import numpy as np

from tests.factories import employee, problem
from wfh_solver import api
from wfh_solver.domain.employee import Category
from wfh_solver.model.history import prior_wfh_days
from wfh_solver.read import sources
from wfh_solver.solve.run import solve
from wfh_solver.write import write_roster

WEEK1 = (date(2020, 3, 9), date(2020, 3, 13))
WEEK2 = (date(2020, 3, 16), date(2020, 3, 20))
ONE_IN = [{"name": "1 pelaksana", "kind": "min_present", "count": 1,
           "who": {"categories": ["pelaksana"]}}]


def test_two_weeks_balance_cumulative_wfh_days_week_one_could_not(tmp_path: Path) -> None:
    """Tests that week two gives back what week one could not balance.

    By hand: A and B are the two pelaksana of a unit; at least one is in office each day.
    Week one, A is Wajib WFO: A 5 office days, B 5 WFH days. Week two both are free
    and interchangeable; alone, week two would split 3/2 (cumulative 2 against 8 or 3
    against 7). With week one's roster as history, A stays home all 5 days and B comes
    in: cumulative WFH days 5 and 5.
    """
    a1, b = employee(nip="196501011990011001", must_wfo=True), employee(
        nip="196501011990011002")
    week1 = solve(problem([a1, b], ONE_IN, start=WEEK1[0], end=WEEK1[1]))
    assert week1.roster.wfh_days().tolist() == [0, 5]
    path = tmp_path / "minggu1.xlsx"
    write_roster(week1, path)

    a2 = employee(nip=a1.nip)
    plain = problem([a2, b], ONE_IN, start=WEEK2[0], end=WEEK2[1])
    alone = solve(plain).roster.wfh_days()
    assert sorted(alone.tolist()) == [2, 3]
    week2 = solve(api.with_history(plain, [path]))
    cumulative = week2.roster.wfh_days() + np.array([0, 5])
    assert week2.roster.wfh_days().tolist() == [5, 0]
    assert cumulative.tolist() == [5, 5]
    assert week2.levels[2].objective == 0 and week2.status.value == "OPTIMAL"


def test_a_newcomer_counts_as_the_average_colleague_of_their_unit() -> None:
    """Tests the history of staff missing from an earlier roster, by hand.

    Earlier roster: A 4 WFH days, B 7 (same unit), C absent from it: C counts as
    floor((4 + 7) / 2) = 5. A second roster adds 1, 2 and (C again missing) floor(3/2) = 1.
    """
    staff = [employee(nip=f"19650101199001100{k}") for k in range(3)]
    first = {staff[0].nip: 4, staff[1].nip: 7}
    second = {staff[0].nip: 1, staff[1].nip: 2}
    assert prior_wfh_days(staff, [first]).tolist() == [4, 7, 5]
    assert prior_wfh_days(staff, [first, second]).tolist() == [5, 9, 6]


def test_cli_previous_carries_week_one_into_week_two(tmp_path: Path) -> None:
    """Tests `solve --previous` end to end: the same two weeks through the console script.

    Input: A (Wajib WFO in week one only) and B, one pelaksana in office each day. Week
    two with week one's roster as `--previous`: A 5 WFH days, B 0 (cumulative 5 and 5);
    a `--previous` that is not a roster is refused with exit 2.
    """
    import subprocess
    import sys

    from python_calamine import CalamineWorkbook

    from tests import checker

    def run(*args: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "wfh_solver.cli", *map(str, args)],
                              capture_output=True, text=True, timeout=300)

    people = [checker.person(1, "Dinas A", "", "Pengadministrasi Umum", must_wfo=True),
              checker.person(2, "Dinas A", "", "Pengadministrasi Umum")]
    week1_in = checker.write_input(tmp_path / "minggu1.xlsx", people)
    people[0] = checker.person(1, "Dinas A", "", "Pengadministrasi Umum")
    week2_in = checker.write_input(tmp_path / "minggu2.xlsx", people)
    rules = [{"name": "1 pelaksana", "kind": "min_present", "count": 1,
              "who": {"categories": ["pelaksana"]}}]
    scenario = checker.write_scenario(tmp_path / "s.toml", rules, start=WEEK1[0], end=WEEK1[1])
    first = run("solve", week1_in, "-s", scenario, "-o", tmp_path / "j1.xlsx", "--quiet")
    assert first.returncode == 0, first.stderr
    second = run("solve", week2_in, "-s", scenario, "--from", WEEK2[0], "--to", WEEK2[1],
                 "--previous", tmp_path / "j1.xlsx", "-o", tmp_path / "j2.xlsx", "--quiet")
    assert second.returncode == 0, second.stderr
    rows = CalamineWorkbook.from_path(str(tmp_path / "j2.xlsx")).get_sheet_by_name(
        "Jadwal").to_python()
    codes = {str(r[0]).replace(" ", ""): [c for c in r if c in ("WFH", "WFO")] for r in rows[1:]}
    a, b = (checker.make_nip(date(1985, 6, 15), k).replace(" ", "") for k in (1, 2))
    assert codes[a] == ["WFH"] * 5 and codes[b] == ["WFO"] * 5
    # each row ends with its running balance: earlier WFH days + this period's
    assert rows[0][-1] == "WFH kumulatif"
    assert {str(r[0]).replace(" ", ""): int(r[-1]) for r in rows[1:]} == {a: 5, b: 5}
    bad = run("solve", week2_in, "-s", scenario, "--previous", scenario, "-o",
              tmp_path / "j3.xlsx", "--quiet")
    assert bad.returncode == 2 and "s.toml" in bad.stderr


def test_four_colleagues_come_out_level_after_two_weeks(tmp_path: Path) -> None:
    """Tests balancing among several interchangeable colleagues, where the unit's spread
    does not ask for it.

    By hand: four pelaksana, one of them in office each day; the unit's pengawas is in
    office every day (one pengawas must be) and its fungsional, whom no rule counts, at
    home every day, so the unit's spread is 5 a week whatever the pelaksana get. Week
    one: 3 pelaksana at home × 5 days = 15 WFH days over 4 people, so one has 3 and three
    have 4: week one alone cannot balance them. Week two adds 15 more: 30 over 4, so
    with week one as history every cumulative total must be 7 or 8; a third week
    (45 over 4) 11 or 12.
    """
    rules = [*ONE_IN, {"name": "1 pengawas", "kind": "min_present", "count": 1,
                       "who": {"categories": ["pengawas"]}}]
    staff = [employee(nip=f"19650101199001100{k}") for k in range(4)]
    staff += [employee(nip="196501011990011010", category=Category.PENGAWAS),
              employee(nip="196501011990011011", category=Category.FUNGSIONAL)]
    weeks = [WEEK1, WEEK2, (date(2020, 3, 30), date(2020, 4, 3))]  # 23–27/03 has Nyepi
    paths: list[Path] = []
    cumulative = np.zeros(len(staff), dtype=np.int64)
    for k, (start, end) in enumerate(weeks):
        result = solve(api.with_history(problem(staff, rules, start=start, end=end), paths))
        assert result.status.value == "OPTIMAL"
        cumulative += result.roster.wfh_days()
        paths.append(tmp_path / f"minggu{k + 1}.xlsx")
        write_roster(result, paths[-1])
        pelaksana = cumulative[:4]
        assert pelaksana.sum() == 15 * (k + 1)
        if k == 0:
            assert sorted(pelaksana.tolist()) == [3, 4, 4, 4]
        else:
            assert pelaksana.max() - pelaksana.min() <= 1, pelaksana
        assert cumulative[4] == 0 and cumulative[5] == 5 * (k + 1)


def test_earlier_roster_read_from_its_jadwal_sheet_or_any_sheet_that_looks_like_one(
        tmp_path: Path) -> None:
    """Tests where the WFH days of an earlier roster come from, by hand.

    Our roster is read from its Jadwal sheet alone (the other sheets are not even
    opened); a hand-made workbook whose `Jadwal` sheet is only a note still gives the
    days from the sheet that has a NIP column and day columns; HR's retyped `wfh `
    counts, `CUTI` and an empty cell do not.
    """
    import openpyxl

    book = openpyxl.Workbook()
    note = book.active
    note.title = "Jadwal"
    note["A1"] = "lihat lembar berikut"
    sheet = book.create_sheet("Rekap Juni")
    sheet.append(["No", "NIP", "Nama", "01/06/2020", "02/06/2020", "03/06/2020"])
    sheet.append([1, "196501011990011001", "A", "WFH", " wfh ", "CUTI"])
    sheet.append([2, "'196501011990011002", "B", "WFO", None, "WFH"])
    sheet.append([None, None, "Mengetahui,", None, None, None])
    path = tmp_path / "juni.xlsx"
    book.save(path)
    assert api.previous_wfh(path) == {"196501011990011001": 2, "196501011990011002": 1}

    staff = [employee(nip="196501011990011001"), employee(nip="196501011990011002")]
    week = solve(problem(staff, ONE_IN, start=WEEK1[0], end=WEEK1[1]))
    ours = tmp_path / "minggu1.xlsx"
    write_roster(week, ours)
    read: list[str] = []
    grid = sources._grid_from_calamine
    with mock.patch.object(sources, "_grid_from_calamine",
                           lambda sheet, name, visible: read.append(name) or grid(
                               sheet, name, visible)):
        counted = api.previous_wfh(ours)
    assert counted == {
        e.nip: int(days) for e, days in zip(staff, week.roster.wfh_days(), strict=True)}
    assert read == ["Jadwal"]


def test_an_earlier_roster_written_as_csv_counts_the_same_as_the_workbook(
        tmp_path: Path) -> None:
    """Tests `--previous` with the long CSV that `solve -o x.csv` writes: the WFH days per
    NIP equal those read from the same roster written as a workbook."""
    staff = [employee(nip=f"19650101199001100{k}") for k in range(4)]
    week = solve(problem(staff, ONE_IN, start=WEEK1[0], end=WEEK1[1]))
    write_roster(week, tmp_path / "minggu1.xlsx")
    write_roster(week, tmp_path / "minggu1.csv")
    from_csv = api.previous_wfh(tmp_path / "minggu1.csv")
    assert from_csv == api.previous_wfh(tmp_path / "minggu1.xlsx")
    assert sum(from_csv.values()) == int(week.roster.wfh_days().sum()) > 0


def test_an_earlier_roster_whose_nips_excel_rounded_is_refused_by_row(
        tmp_path: Path) -> None:
    """Tests a NIP typed as a number: Excel keeps 15 digits, so 196501011990011001 comes
    back as 196501011990011008 and would match nobody, silently making its owner a
    newcomer. It is refused instead, naming sheet, row and column, in the language asked
    for, although earlier rosters are read in worker threads."""
    import subprocess
    import sys

    import openpyxl
    import pytest

    from wfh_solver.read.errors import InputError

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Jadwal"
    sheet.append(["NIP", "Nama", date(2020, 6, 1), date(2020, 6, 2)])
    sheet.append(["196501011990011002", "A", "WFH", "WFO"])
    sheet.append([196501011990011001, "B", "WFH", "WFH"])
    sheet.append(["1.96501E+17", "C", "WFO", "WFH"])
    path = tmp_path / "juni.xlsx"
    book.save(path)
    with pytest.raises(InputError) as caught:
        api.previous_wfh(path)
    assert [(p.sheet, p.row, p.column) for p in caught.value.problems] == [
        ("Jadwal", 3, "A"), ("Jadwal", 4, "A")]

    staff = tmp_path / "pegawai.xlsx"
    assert subprocess.run([sys.executable, "-m", "wfh_solver.cli", "sample", "--size", "50",
                           "-o", staff], capture_output=True).returncode == 0
    out = subprocess.run([sys.executable, "-m", "wfh_solver.cli", "solve", staff, "-s",
                          "jateng-2020", "--previous", path, "-o", tmp_path / "j.xlsx",
                          "--lang", "en", "--quiet"], capture_output=True, text=True)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "juni.xlsx, sheet 'Jadwal', row 3, column A: NIP is stored as a number" in out.stderr
    assert not (tmp_path / "j.xlsx").exists()


def test_a_person_listed_twice_in_an_earlier_roster_is_counted_once_per_day(
        tmp_path: Path) -> None:
    """Tests rows of one NIP merged day by day, by hand: A's row copied (2 WFH days, not
    4); B on two rows after a move, Monday in one unit and Tuesday in the other (2 WFH
    days); C's two rows disagree on Tuesday, which is refused naming the cell (row 7,
    column D: the second row's Tuesday)."""
    import openpyxl
    import pytest

    from wfh_solver.read.errors import InputError

    def save(rows: list[list[object]]) -> Path:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Jadwal"
        sheet.append(["NIP", "Nama", date(2020, 6, 1), date(2020, 6, 2)])
        for row in rows:
            sheet.append(row)
        path = tmp_path / "juni.xlsx"
        book.save(path)
        return path

    a, b, c = (f"19650101199001100{k}" for k in (1, 2, 3))
    rows: list[list[object]] = [[a, "A", "WFH", "WFH"], [a, "A", "WFH", "WFH"],
                                [b, "B", "WFH", None], [b, "B", None, "WFH"]]
    assert api.previous_wfh(save(rows)) == {a: 2, b: 2}
    with pytest.raises(InputError) as caught:
        api.previous_wfh(save([*rows, [c, "C", "WFO", "WFO"], [c, "C", "WFO", "WFH"]]))
    [problem] = caught.value.problems
    assert (problem.sheet, problem.row, problem.column, problem.value) == (
        "Jadwal", 7, "D", "WFH")


def test_an_earlier_roster_of_this_very_period_is_warned_about(tmp_path: Path) -> None:
    """Tests the warning when `--previous` names a roster of days this period covers
    (this week's own draft): the days and the file are named in the result's warnings,
    and an earlier week gives none."""
    staff = [employee(nip="196501011990011001"), employee(nip="196501011990011002")]
    week = solve(problem(staff, ONE_IN, start=WEEK1[0], end=WEEK1[1]))
    write_roster(week, tmp_path / "minggu1.xlsx")
    again = solve(api.with_history(problem(staff, ONE_IN, start=WEEK1[0], end=WEEK1[1]),
                                   [tmp_path / "minggu1.xlsx"]))
    assert any("minggu1.xlsx" in w and "5" in w and "09/03/2020–13/03/2020" in w
               for w in again.warnings), again.warnings
    later = solve(api.with_history(problem(staff, ONE_IN, start=WEEK2[0], end=WEEK2[1]),
                                   [tmp_path / "minggu1.xlsx"]))
    assert not any("minggu1.xlsx" in w for w in later.warnings)


def test_a_month_after_four_weeks_passes_the_independent_checker_with_its_history(
        tmp_path: Path) -> None:
    """Tests, through the installed command, a July after four June weeks (one given as
    our long CSV): the tests' checker reads the earlier rosters itself and finds every
    rule kept, the fairness level over the whole history as reported, and every
    `WFH kumulatif` right; a hand-edited balance is caught."""
    import subprocess
    import sys

    import openpyxl

    from tests import checker

    def cli(*args: object) -> None:
        done = subprocess.run([sys.executable, "-m", "wfh_solver.cli", *map(str, args)],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr

    staff = tmp_path / "pegawai.xlsx"
    cli("sample", "--size", 400, "--seed", 8, "--leave-share", 0.2, "-o", staff)
    weeks = [(date(2020, 6, d), date(2020, 6, d + 4)) for d in (1, 8, 15, 22)]
    earlier = [tmp_path / f"minggu{k}.{'csv' if k == 2 else 'xlsx'}" for k in range(4)]
    for (start, end), path in zip(weeks, earlier, strict=True):
        cli("solve", staff, "-s", "sragen-2020", "--from", start, "--to", end, "-o", path,
            "--quiet")
    july = tmp_path / "juli.xlsx"
    cli("solve", staff, "-s", "sragen-2020", "--from", "2020-07-01", "--to", "2020-07-31",
        *[a for p in earlier for a in ("--previous", p)], "-o", july, "--quiet")
    scenario = Path(__file__).parents[1] / "wfh_solver" / "scenarios" / "sragen-2020.toml"
    report = checker.check(july, staff, scenario, start=date(2020, 7, 1),
                           end=date(2020, 7, 31), previous=earlier)
    assert report.violations == [], report.summary()
    assert report.checked["cumulative"] == 400

    book = openpyxl.load_workbook(july)
    sheet = book["Jadwal"]
    sheet.cell(2, sheet.max_column).value = sheet.cell(2, sheet.max_column).value + 1
    book.save(july)
    edited = checker.check(july, staff, scenario, start=date(2020, 7, 1),
                           end=date(2020, 7, 31), previous=earlier)
    assert any("WFH kumulatif" in v and "Excel row 2" in v for v in edited.violations)
