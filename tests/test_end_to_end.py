"""Tests that the real `wfh-solver solve` command writes rosters the independent checker accepts.

Each bundled circular is solved once per input (module-scoped cache) through the CLI in a
subprocess, on the shipped sample `data/pegawai.xlsx` (or, while it is not there yet, a
generated 3,000-employee sample) and on a generated 2,000-employee sample with seed 7.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from tests.checker import (
    ROSTER_SHEET,
    WARNING_KEYS,
    check,
    person,
    read_summary,
    write_input,
)

ROOT = Path(__file__).resolve().parents[1]
SCENARIO_DIR = ROOT / "wfh_solver" / "scenarios"
SCENARIOS = ("sragen-2020", "kebumen-2020", "jateng-2020", "pasuruan-2020", "paser-2020")
SHIPPED = ROOT / "data" / "pegawai.xlsx"
CLI_TIMEOUT = 300.0
# Working days of jateng-2020 (18–31 March 2020, Nyepi on Wednesday 25 March is a holiday).
JATENG_DAYS = tuple(date(2020, 3, d) for d in (18, 19, 20, 23, 24, 26, 27, 30, 31))


def scenario_file(name: str) -> Path:
    return SCENARIO_DIR / f"{name}.toml"


@dataclass(frozen=True)
class Run:
    """One `wfh-solver solve` subprocess and what it left behind."""

    command: tuple[str, ...]
    out: Path
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    def describe(self) -> str:
        return (f"command: {' '.join(self.command)}\nexit code: {self.returncode} "
                f"after {self.seconds:.1f} s\nstderr:\n{self.stderr[-3000:]}\n"
                f"stdout:\n{self.stdout[-1000:]}")


def solve(source: Path, scenario: str, out: Path) -> Run:
    command = (sys.executable, "-m", "wfh_solver.cli", "solve", str(source), "--scenario",
               scenario, "--out", str(out))
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                          timeout=CLI_TIMEOUT, check=False)
    return Run(command, out, done.returncode, done.stdout, done.stderr,
               time.perf_counter() - started)


class Runs:
    """Solves each (input, scenario) once per module."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.cache: dict[tuple[Path, str], Run] = {}

    def get(self, source: Path, scenario: str) -> Run:
        key = (source, scenario)
        if key not in self.cache:
            out = self.folder / f"{source.stem}-{scenario}.xlsx"
            self.cache[key] = solve(source, scenario, out)
        return self.cache[key]


def write_sample(path: Path, size: int, seed: int) -> Path:
    try:
        from wfh_solver.sample import write_sample as generate
    except ImportError as exc:
        pytest.fail(f"no sample input: {SHIPPED} does not exist and wfh_solver.sample cannot "
                    f"be imported ({exc})")
    generate(path, size, seed)
    return path


@pytest.fixture(scope="session")
def shipped_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if SHIPPED.exists():
        return SHIPPED
    return write_sample(tmp_path_factory.mktemp("shipped") / "pegawai-3000-0.xlsx", 3000, 0)


@pytest.fixture(scope="session")
def sample_2000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample(tmp_path_factory.mktemp("sample") / "pegawai-2000-7.xlsx", 2000, 7)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    return Runs(tmp_path_factory.mktemp("rosters"))


def roster_rows(path: Path) -> list[list[Any]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(ROSTER_SHEET).to_python()


def day_columns(path: Path) -> list[date]:
    return [c for c in roster_rows(path)[0] if isinstance(c, date)]


def solved(runs: Runs, source: Path, scenario: str) -> Run:
    run = runs.get(source, scenario)
    assert run.returncode == 0, run.describe()
    return run


@pytest.mark.parametrize("source", ["shipped_input", "sample_2000"])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_cli_roster_passes_the_independent_checker(runs: Runs, request: pytest.FixtureRequest,
                                                   source: str, scenario: str) -> None:
    """Tests that each bundled scenario solves (exit 0) to a roster that breaks no rule."""
    path: Path = request.getfixturevalue(source)
    run = solved(runs, path, scenario)
    report = check(run.out, path, scenario_file(scenario))
    assert report.ok, f"{run.describe()}\n{report.summary()}"
    assert report.status == "OPTIMAL"
    assert report.employees > 0 and report.days


NATIONAL = ("se67-2020-risiko-rendah", "se67-2020-risiko-sedang", "se67-2020-risiko-tinggi",
            "ppkm-2021-level-1", "ppkm-2021-level-2", "ppkm-2021-level-3", "ppkm-2021-level-4")


@pytest.mark.parametrize("scenario", NATIONAL)
def test_national_caps_pass_the_independent_checker(runs: Runs, sample_2000: Path,
                                                    scenario: str) -> None:
    """Tests the SE 67/2020 and PPKM caps: never above the cap, as close to it as allowed."""
    run = solved(runs, sample_2000, scenario)
    report = check(run.out, sample_2000, scenario_file(scenario))
    assert report.ok, f"{run.describe()}\n{report.summary()}"
    assert report.status == "OPTIMAL"
    assert report.checked["optimality_unit_days"] > 0


def test_sragen_has_no_column_for_nyepi(runs: Runs, shipped_input: Path) -> None:
    """Tests that Nyepi (Wednesday 25 March 2020) gets no column in the Sragen week."""
    days = day_columns(solved(runs, shipped_input, "sragen-2020").out)
    assert date(2020, 3, 25) not in days
    assert days == [date(2020, 3, 23), date(2020, 3, 24), date(2020, 3, 26), date(2020, 3, 27)]


def test_paser_has_no_column_for_idul_adha(runs: Runs, shipped_input: Path) -> None:
    """Tests that Idul Adha (Friday 31 July 2020) gets no column in the Paser period."""
    days = day_columns(solved(runs, shipped_input, "paser-2020").out)
    assert date(2020, 7, 31) not in days
    assert len(days) == 10 and days[0] == date(2020, 7, 29) and days[-1] == date(2020, 8, 12)


def test_the_same_command_twice_gives_the_same_roster(runs: Runs, shipped_input: Path,
                                                      tmp_path: Path) -> None:
    """Tests that solving the same input and scenario twice gives identical Jadwal cells."""
    first = solved(runs, shipped_input, "jateng-2020")
    second = solve(shipped_input, "jateng-2020", tmp_path / "again.xlsx")
    assert second.returncode == 0, second.describe()
    assert roster_rows(first.out) == roster_rows(second.out)


def test_kebumen_warns_about_a_unit_with_one_administrator(tmp_path: Path) -> None:
    """Tests that a unit with one administrator under '≥ 2 administrators' is named in a warning."""
    small = "Badan Kesatuan Bangsa dan Politik"
    dinas = "Dinas Pertanian"
    people = [
        person(1, dinas, "", "Kepala Dinas Pertanian", eselon="II.b", kind="Struktural"),
        person(2, dinas, "Sekretariat", "Sekretaris Dinas", eselon="III.a", kind="Struktural"),
        person(3, dinas, "Bidang Tanaman", "Kepala Bidang Tanaman", eselon="III.b",
               kind="Struktural"),
        person(4, dinas, "Bidang Hortikultura", "Kepala Bidang Hortikultura", eselon="III.b",
               kind="Struktural"),
        person(5, dinas, "Seksi Benih", "Kepala Seksi Benih", eselon="IV.a", kind="Struktural"),
        person(6, dinas, "Seksi Benih", "Pengadministrasi Umum"),
        person(7, dinas, "Seksi Benih", "Pengolah Data"),
        person(8, small, "Bidang Politik", "Kepala Bidang Politik", eselon="III.b",
               kind="Struktural"),
        person(9, small, "Subbidang Ormas", "Kepala Subbidang Ormas", eselon="IV.a",
               kind="Struktural"),
        person(10, small, "Subbidang Ormas", "Pengadministrasi Umum"),
        person(11, small, "Subbidang Ormas", "Pengolah Data"),
    ]
    source = write_input(tmp_path / "pegawai.xlsx", people)
    run = solve(source, "kebumen-2020", tmp_path / "jadwal.xlsx")
    assert run.returncode == 0, run.describe()
    summary = read_summary(run.out) or []
    warnings = [v for k, v in summary if k.casefold().startswith(WARNING_KEYS)]
    assert any(small in w for w in warnings), warnings
    report = check(run.out, source, scenario_file("kebumen-2020"))
    assert report.ok, report.summary()
    assert report.warnings_expected == [small]


def _as_dd_mm_yyyy(value: object) -> object:
    """A birth date read as text ("1973-11-14 00:00:00") back to dd/mm/yyyy; else unchanged."""
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip()).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return value


def with_leave(source: Path, target: Path, every: int = 50) -> tuple[Path, int]:
    """A copy of `source` with a `Cuti` column: every `every`-th employee gets one or two
    leave days inside the jateng-2020 period (deterministic). NIP stays text."""
    import pandas as pd

    frame = pd.read_excel(source, dtype=str, engine="openpyxl")
    frame["Tanggal Lahir"] = frame["Tanggal Lahir"].map(_as_dd_mm_yyyy)
    leave: list[str | None] = [None] * len(frame)
    n = len(JATENG_DAYS)
    for k, row in enumerate(range(0, len(frame), every)):
        days = [JATENG_DAYS[k % n]] + ([JATENG_DAYS[(k + 3) % n]] if k % 2 else [])
        leave[row] = ", ".join(day.strftime("%d/%m/%Y") for day in days)
    frame["Cuti"] = leave
    frame.to_excel(target, sheet_name="Pegawai", index=False)
    return target, sum(1 for v in leave if v)


def test_leave_in_a_2000_sample_passes_the_independent_checker(sample_2000: Path,
                                                               tmp_path: Path) -> None:
    """Tests that ~2% of staff on leave (CUTI cells) still give an OPTIMAL, rule-abiding roster."""
    source, on_leave = with_leave(sample_2000, tmp_path / "pegawai-cuti.xlsx")
    assert on_leave == 40
    run = solve(source, "jateng-2020", tmp_path / "jadwal-cuti.xlsx")
    assert run.returncode == 0, run.describe()
    report = check(run.out, source, scenario_file("jateng-2020"))
    assert report.checked["absence_days"] == 60, report.checked
    assert report.ok, f"{run.describe()}\n{report.summary()}"
    assert report.status == "OPTIMAL"
    cells = [c for row in roster_rows(run.out)[1:] for c in row]
    assert cells.count("CUTI") == 60
