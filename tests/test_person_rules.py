"""Tests of the per-person rule kinds (issue 22): office days per week or period and runs
of WFH or WFO days, in the scenario language, the solver, `check` and the tests' checker.

The period is Wednesday 1 – Friday 10 July 2020: eight working days, a short calendar
week (1–3 July) and a whole one (6–10 July). The earlier roster, where one is given,
fills Monday 29 and Tuesday 30 June: the same calendar week as 1–3 July.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.checker import check, write_input, write_roster, write_scenario
from tests.test_checker import assert_clean, assert_one, run, staff
from wfh_solver.policy.scenario import Scenario, ScenarioError, load_scenario

START, END = date(2020, 7, 1), date(2020, 7, 10)
DAYS = [date(2020, 7, d) for d in (1, 2, 3, 6, 7, 8, 9, 10)]
EARLIER = [date(2020, 6, 29), date(2020, 6, 30)]
CLI = Path(sys.executable).with_name("wfh-solver")


def rule(kind: str, days: int, **kw: Any) -> dict[str, Any]:
    return {"name": f"Aturan {kind}", "kind": kind, "days": days, **kw}


def checked(tmp_path: Path, rules: list[dict[str, Any]], codes: list[str],
            people: list[dict[str, Any]] | None = None) -> Any:
    people = people or [staff(k + 1, sub_unit=f"Seksi {k}") for k in range(len(codes))]
    return run(tmp_path, people, rules, codes, days=DAYS, start=START, end=END)


# --------------------------------------------------------------------------- #
# The scenario language
# --------------------------------------------------------------------------- #


def _scenario(**fields: Any) -> Scenario:
    return Scenario.model_validate({"name": "s", "title": "s", "source": "t", "start": START,
                                    "end": END, "rules": [{"name": "r", **fields}]})


def test_counts_need_per_week_or_period_and_days() -> None:
    """Tests that min/max_office_days need `per` week or period and `days`, and that
    `per = "week"` is refused on a count rule of another kind."""
    assert _scenario(kind="min_office_days", per="week", days=1).rules[0].days == 1
    with pytest.raises(ValueError, match="per = \"week\""):
        _scenario(kind="min_office_days", days=1)
    with pytest.raises(ValueError, match="needs `days`"):
        _scenario(kind="max_office_days", per="period")
    with pytest.raises(ValueError, match="only for min_office_days"):
        _scenario(kind="min_present", per="week", count=1)
    with pytest.raises(ValueError, match="at least 1"):
        _scenario(kind="max_consecutive_wfh", days=0)
    with pytest.raises(ValueError, match="`days` is only for"):
        _scenario(kind="min_present", count=1, days=2)


def test_a_scenario_file_with_a_wrong_per_names_the_rule(tmp_path: Path) -> None:
    """Tests that a TOML mistake on a new kind is one line naming the rule."""
    path = write_scenario(tmp_path / "s.toml", [rule("min_office_days", 1, per="unit")],
                          start=START, end=END)
    with pytest.raises(ScenarioError, match="Aturan min_office_days"):
        load_scenario(path)


# --------------------------------------------------------------------------- #
# The tests' checker catches each kind
# --------------------------------------------------------------------------- #


def test_checker_min_office_days_per_week(tmp_path: Path) -> None:
    """Tests that a calendar week without an office day is one violation."""
    rules = [rule("min_office_days", 1, per="week")]
    assert_clean(checked(tmp_path, rules, ["HHOHHOHH"]))
    assert_one(checked(tmp_path, rules, ["HHHHHOHH"]), "min_office_days", "2020-07-01")


def test_checker_min_office_days_asks_no_more_than_the_days_at_work(tmp_path: Path) -> None:
    """Tests that a week on leave asks for nothing (principle 4, as for counts)."""
    people = [staff(1, leave=DAYS[:3])]
    assert_clean(checked(tmp_path, [rule("min_office_days", 1, per="week")], ["CCCHHOHH"],
                         people))


def test_checker_max_office_days_per_period(tmp_path: Path) -> None:
    """Tests that a third office day in the period breaks 'at most two'."""
    rules = [rule("max_office_days", 2, per="period")]
    assert_clean(checked(tmp_path, rules, ["OHHHOHHH"]))
    assert_one(checked(tmp_path, rules, ["OHHOOHHH"]), "max_office_days", "allows 2")


def test_checker_max_consecutive_wfh_leave_breaks_a_run(tmp_path: Path) -> None:
    """Tests that leave ends a run of WFH days, and a fourth WFH day in a row breaks
    'at most three'; the weekend does not end a run."""
    rules = [rule("max_consecutive_wfh", 3)]
    people = [staff(1, leave=[DAYS[3]])]
    assert_clean(checked(tmp_path, rules, ["HHHCHHHO"], people))
    assert_one(checked(tmp_path, rules, ["OHHHHOHH"]), "max_consecutive_wfh", "4 working")


def test_checker_max_consecutive_wfo(tmp_path: Path) -> None:
    """Tests that three office days in a row break 'at most two'."""
    rules = [rule("max_consecutive_wfo", 2)]
    assert_clean(checked(tmp_path, rules, ["OOHOOHOO"]))
    assert_one(checked(tmp_path, rules, ["OOHOOOHH"]), "max_consecutive_wfo", "3 working")


# --------------------------------------------------------------------------- #
# The solver, through the installed console script, and `check`
# --------------------------------------------------------------------------- #


def _solve(tmp_path: Path, rules: list[dict[str, Any]], people: list[dict[str, Any]],
           earlier: list[str] | None = None, tag: str = "") -> dict[str, list[str]]:
    """Solve with the console script; each person's cells by name, after the checker
    has found the roster clean."""
    source = write_input(tmp_path / f"pegawai{tag}.xlsx", people)
    toml = write_scenario(tmp_path / f"s{tag}.toml", rules, start=START, end=END)
    out = tmp_path / f"jadwal{tag}.xlsx"
    args = [str(CLI), "solve", str(source), "-s", str(toml), "-o", str(out), "-q"]
    previous = []
    if earlier is not None:
        previous = [write_roster(tmp_path / f"juni{tag}.xlsx", people, EARLIER, earlier)]
        args += ["--previous", str(previous[0])]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert_clean(check(out, source, toml, previous=previous))
    sheet = openpyxl.load_workbook(out, read_only=True)["Jadwal"]
    rows = list(sheet.iter_rows(values_only=True))
    top = next(k for k, r in enumerate(rows) if "NIP" in r)
    first = 5  # NIP, Nama, Unit Kerja, Sub Unit, Jabatan, then the days
    return {str(r[1]): [str(c) for c in r[first:first + len(DAYS)]] for r in rows[top + 1:]
            if r[1]}


def test_solver_counts_a_week_that_began_in_the_earlier_roster(tmp_path: Path) -> None:
    """Tests that an office day on Monday 29 June (earlier roster) meets 'one office day
    a week' for 1–3 July, while a colleague with two WFH days there comes in once."""
    people = [staff(1, sub_unit="Seksi A", name="Ani"), staff(2, sub_unit="Seksi B",
                                                               name="Budi")]
    cells = _solve(tmp_path, [rule("min_office_days", 1, per="week")], people, ["OH", "HH"])
    assert cells["Ani"][:3].count("WFO") == 0
    assert cells["Budi"][:3].count("WFO") == 1
    assert cells["Ani"][3:].count("WFO") == cells["Budi"][3:].count("WFO") == 1


def test_solver_carries_a_run_of_wfh_days_from_the_earlier_roster(tmp_path: Path) -> None:
    """Tests that two WFH days ending June make 1 July an office day under 'at most two
    WFH days in a row', and that nobody works from home three working days in a row."""
    people = [staff(1, sub_unit="Seksi A", name="Ani"), staff(2, sub_unit="Seksi B",
                                                               name="Budi")]
    cells = _solve(tmp_path, [rule("max_consecutive_wfh", 2)], people, ["OO", "HH"])
    assert cells["Budi"][0] == "WFO"
    assert cells["Ani"][0] == "WFH"
    for row in cells.values():
        assert "WFH,WFH,WFH" not in ",".join(row)


def test_check_command_says_a_broken_week_in_hr_words(tmp_path: Path) -> None:
    """Tests that `wfh-solver check` reports a week without an office day with the rule,
    the person, the dates and the cells, exit 4."""
    people = [staff(1, name="Ani")]
    source = write_input(tmp_path / "p.xlsx", people)
    toml = write_scenario(tmp_path / "s.toml", [rule("min_office_days", 1, per="week")],
                          start=START, end=END)
    roster = write_roster(tmp_path / "j.xlsx", people, DAYS, ["HHHOHHHH"])
    done = subprocess.run([str(CLI), "check", str(roster), "-i", str(source), "-s", str(toml)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 4, done.stdout + done.stderr
    assert "Aturan min_office_days" in done.stdout
    assert "01/07/2020–03/07/2020" in done.stdout
    assert "Jadwal!F2" in done.stdout
