"""Tests that a run never loses, drops or leaks data: outputs, signals, memory, hostile files.

Every test runs the installed console script (or, for signals, the CLI's `main` in a
child that sends itself a real signal at a chosen phase) and checks the exit code, the
one line, the input's bytes, and that no file appears outside the named outputs.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import openpyxl
import pytest

from benchmarks.signals import HARNESS
from tests import checker, workbooks
from tests import hostile as hostile_files
from wfh_solver import api
from wfh_solver.read.sources import MAX_ROWS
from wfh_solver.solve.run import solve
from wfh_solver.write import write_outputs
from wfh_solver.write.outputs import OutputClash

CLI = Path(sys.executable).with_name("wfh-solver")
SCENARIO = Path("wfh_solver/scenarios/jateng-2020.toml").resolve()
GIB = 2**30


def run_cli(*args: str | Path, cwd: Path | None = None,
            address_space: int = 4 * GIB) -> tuple[int, str, int]:
    """Run the console script; return (exit code, stderr, peak resident bytes).

    The child gets an address-space limit so a runaway allocation fails fast instead
    of swapping; the peak is the child's own maximum resident set (wait4).
    """
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))

    err_path = (cwd or Path.cwd()) / ".stderr.txt"
    with open(err_path, "w") as err:
        child = subprocess.Popen([str(CLI), *map(str, args)], cwd=cwd, stdout=subprocess.DEVNULL,
                                 stderr=err, stdin=subprocess.DEVNULL, preexec_fn=limit)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    text = err_path.read_text()
    err_path.unlink()
    return child.returncode, text, usage.ru_maxrss * 1024


def listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture
def unit_named_export(tmp_path: Path) -> Path:
    """An OPD's own export, named after its only unit, alone in its folder."""
    folder = tmp_path / "opd"
    folder.mkdir()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(workbooks.HEADER)
    for row in workbooks.ROWS[:4]:
        sheet.append(row)
    path = folder / "Dinas Kesehatan.xlsx"
    book.save(path)
    return path


# --------------------------------------------------------------------------- outputs


def test_per_unit_into_the_inputs_folder_never_replaces_the_input(unit_named_export: Path):
    """Tests that `--per-unit .` beside an export named after its unit is refused (exit 2)."""
    folder = unit_named_export.parent
    before, files = unit_named_export.read_bytes(), listing(folder)
    code, stderr, _ = run_cli("solve", unit_named_export.name, "-s", "jateng-2020", "-o",
                              "j.xlsx", "--per-unit", ".", "-q", cwd=folder)
    assert code == 2
    assert "Dinas Kesehatan.xlsx" in one_line(stderr)
    assert unit_named_export.read_bytes() == before and listing(folder) == files


def test_roster_inside_the_per_unit_folder_clashing_with_a_unit_file_is_refused(
        unit_named_export: Path, tmp_path: Path):
    """Tests that `-o per/<unit>.xlsx --per-unit per` names the clash instead of overwriting."""
    code, stderr, _ = run_cli("solve", unit_named_export, "-s", "jateng-2020", "-o",
                              "per/Dinas Kesehatan.xlsx", "--per-unit", "per", "-q",
                              cwd=tmp_path)
    assert code == 2
    assert "per/Dinas Kesehatan.xlsx" in one_line(stderr)
    assert not (tmp_path / "per").exists()


def test_a_file_we_did_not_make_is_replaced_only_with_overwrite(tmp_path: Path):
    """Tests that a foreign file at --out is refused, kept, and replaced with --overwrite,
    keeping its permissions; our own roster is replaced on a re-run without asking."""
    staff = workbooks.clean(tmp_path / "pegawai.xlsx")
    out = tmp_path / "jadwal.xlsx"
    out.write_bytes(b"a spreadsheet HR typed")
    out.chmod(0o640)
    code, stderr, _ = run_cli("solve", staff, "-s", "jateng-2020", "-o", out, "-q")
    assert code == 2 and "--overwrite" in one_line(stderr)
    assert out.read_bytes() == b"a spreadsheet HR typed"
    code, stderr, _ = run_cli("solve", staff, "-s", "jateng-2020", "-o", out, "-q",
                              "--overwrite")
    assert code == 0, stderr
    assert out.stat().st_mode & 0o777 == 0o640
    first = out.read_bytes()
    code, stderr, _ = run_cli("solve", staff, "-s", "kebumen-2020", "-o", out, "-q")
    assert code == 0, stderr
    assert out.read_bytes() != first and out.stat().st_mode & 0o777 == 0o640
    assert listing(tmp_path) == {"pegawai.xlsx", "jadwal.xlsx"}


def _odd_units_staff(path: Path) -> Path:
    """Units whose names are long, non-Latin, or equal once made file-safe."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(workbooks.HEADER)
    units = ["Dinas A/B", "Dinas A:B", "Dinas " + "ꦥꦼꦩꦼꦫꦶꦤ꧀ꦠꦃ" * 12, "Badan " + "Ä" * 180]
    for k, unit in enumerate(units):
        sheet.append([f"19800101200501{1000 + k}", f"Pegawai {k}", unit, "", "Staf", "-",
                      "Pelaksana", "PNS"])
    book.save(path)
    return path


def test_odd_unit_names_give_distinct_short_files(tmp_path: Path):
    """Tests per-unit files for long, non-Latin and clashing names: one each, ≤ 255 bytes."""
    staff = _odd_units_staff(tmp_path / "pegawai.xlsx")
    code, stderr, _ = run_cli("solve", staff, "-s", "jateng-2020", "-o", tmp_path / "j.xlsx",
                              "--per-unit", tmp_path / "per", "-q")
    assert code == 0, stderr
    names = sorted(p.name for p in (tmp_path / "per").iterdir())
    assert len(names) == 4 and len({n.casefold() for n in names}) == 4
    assert all(len(n.encode()) <= 255 and not n.startswith(".") for n in names)


def test_a_failure_part_way_leaves_every_earlier_output_as_it_was(tmp_path: Path,
                                                                   monkeypatch):
    """Tests the all-or-nothing set: a writer failing on the second unit file changes nothing."""
    staff_path = workbooks.clean(tmp_path / "pegawai.xlsx")
    staff = api.read_employees(staff_path)
    out, per = tmp_path / "jadwal.xlsx", tmp_path / "per"
    write_outputs(solve(api.make_problem(staff, "jateng-2020")), [staff_path], out, per_unit=per)
    before = {p: p.read_bytes() for p in [out, *per.iterdir()]}
    import wfh_solver.write as write

    calls = []

    def failing_on_second(real):
        def failing(result, path, lang="id"):
            calls.append(path)
            if len(calls) == 2:
                raise OSError(28, "No space left on device", str(path))
            return real(result, path, lang)
        return failing

    # the roster, then each unit's printable workbook
    monkeypatch.setattr(write, "write_xlsx", failing_on_second(write.write_xlsx))
    monkeypatch.setattr(write, "write_unit_book", failing_on_second(write.write_unit_book))
    with pytest.raises(OSError, match="No space left"):
        write_outputs(solve(api.make_problem(staff, "kebumen-2020")), [staff_path], out,
                      per_unit=per)
    assert {p: p.read_bytes() for p in [out, *per.iterdir()]} == before


def test_clashing_plans_are_refused_before_anything_is_written(tmp_path: Path):
    """Tests the plan: an output equal to an input (also by case) or to another output."""
    staff_path = workbooks.clean(tmp_path / "pegawai.xlsx")
    staff = api.read_employees(staff_path)
    result = solve(api.make_problem(staff, "jateng-2020"))
    with pytest.raises(OutputClash):
        write_outputs(result, [staff_path], tmp_path / "PEGAWAI.xlsx")
    with pytest.raises(OutputClash):
        write_outputs(result, [staff_path], tmp_path / "Dinas Kesehatan.xlsx",
                      per_unit=tmp_path)
    assert listing(tmp_path) == {"pegawai.xlsx"}


# --------------------------------------------------------------------------- signals



@pytest.mark.parametrize("phase", ["read", "solve", "write"])
@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_a_signal_in_each_phase_does_what_the_readme_says(tmp_path: Path, phase: str,
                                                          signame: str):
    """Tests real SIGINT/SIGTERM: while solving the best roster is written (exit 128+N) and
    meets every hard rule; while reading or writing nothing is left behind (exit 128+N)."""
    staff = workbooks.clean(tmp_path / "pegawai.xlsx")
    harness = tmp_path / "harness.py"
    harness.write_text(HARNESS)
    child = subprocess.run(
        [sys.executable, str(harness), phase, signame, "solve", str(staff), "-s",
         "jateng-2020", "-o", str(tmp_path / "j.xlsx"), "--per-unit", str(tmp_path / "per"),
         "-q"], capture_output=True, text=True, timeout=300, cwd=Path.cwd())
    signum = getattr(signal, signame)
    assert child.returncode == 128 + signum, child.stderr
    line = one_line(child.stderr)
    assert signame in line
    if phase == "solve":
        assert listing(tmp_path) >= {"j.xlsx", "per"}
        report = checker.check(tmp_path / "j.xlsx", staff, SCENARIO)
        hard = {"coverage", "absence", "identity", "cells", "calendar", "totals"}
        assert not [v for v in report.violations if v[1:].split("]")[0] in hard]
    else:
        assert listing(tmp_path) == {"pegawai.xlsx", "harness.py"}


# --------------------------------------------------------------------------- memory and time


def _solve(path: Path, folder: Path, *extra: str | Path) -> tuple[int, str, int]:
    return run_cli("solve", path, "-s", "jateng-2020", "-o", folder / "j.xlsx", "-q",
                   "--overwrite", *extra, cwd=folder)


@pytest.mark.parametrize("ref", ["XFD1048576", "XFD1", "A1048576", "ZZ99999"])
def test_a_stray_far_cell_is_ignored_in_bounded_memory(tmp_path: Path, ref: str):
    """Tests that one note far from the table costs nothing and is named, not a 512 GB ask."""
    staff = hostile_files.staff_with_far_cell(tmp_path / "pegawai.xlsx", ref, rows=300)
    before = staff.read_bytes()
    code, stderr, peak = _solve(staff, tmp_path)
    assert code == 0, stderr
    assert peak < GIB
    assert staff.read_bytes() == before
    report = checker.check(tmp_path / "j.xlsx", staff, SCENARIO)
    assert report.employees == 300 and not [
        v for v in report.violations if v.startswith(("[identity", "[cells", "[totals"))]


@pytest.mark.parametrize("make, code_wanted", [
    (lambda p: hostile_files.ods_repeated_employee(p, 1_048_575), 2),
    (hostile_files.ods_blank_rows_then_note, 0),
    (hostile_files.ods_far_column, 0),
])
def test_repeated_ods_rows_and_columns_are_read_lazily(tmp_path: Path, make, code_wanted):
    """Tests 1 KB ODS files that repeat a row or a column a million times."""
    staff = make(tmp_path / "pegawai.ods")
    assert staff.stat().st_size < 4096
    code, stderr, peak = _solve(staff, tmp_path)
    assert code == code_wanted, stderr
    assert peak < GIB
    if code_wanted:
        assert str(MAX_ROWS) in one_line(stderr)


def test_an_xls_with_a_far_cell_is_refused_by_name(tmp_path: Path):
    """Tests that a BIFF8 workbook whose farthest cell would cost too much names the cell."""
    pytest.importorskip("olefile")
    source = hostile_files.staff_with_far_cell(tmp_path / "src.xlsx", "IV65536")
    soffice = "/usr/bin/soffice"
    if not Path(soffice).exists():
        pytest.skip("LibreOffice converts the test file to .xls")
    subprocess.run([soffice, "--headless", "--convert-to", "xls", "--outdir", str(tmp_path),
                    str(source)], capture_output=True, timeout=180, check=True)
    code, stderr, peak = _solve(tmp_path / "src.xls", tmp_path)
    assert code == 2 and "IV65536" in stderr and "Traceback" not in stderr
    assert peak < GIB


def test_a_csv_past_the_cell_limit_ends_with_one_line(tmp_path: Path):
    """Tests that a CSV under the size limit but over the cell limit stops early and says so."""
    from wfh_solver.read.sources import MAX_CELLS

    staff = hostile_files.csv_too_many_cells(tmp_path / "pegawai.csv", MAX_CELLS + 1000)
    code, stderr, peak = _solve(staff, tmp_path)
    assert code == 2 and str(MAX_CELLS) in one_line(stderr)
    assert peak < GIB


def test_merged_ranges_over_the_whole_sheet_stay_linear(tmp_path: Path):
    """Tests 20,000 merged ranges reaching column XFD and one over the whole sheet."""
    staff = hostile_files.merged_everything(tmp_path / "pegawai.xlsx", 20_000)
    code, stderr, peak = _solve(staff, tmp_path)
    assert code in (0, 2) and "Traceback" not in stderr and "panic" not in stderr
    assert peak < GIB


def test_an_entity_bomb_is_a_clear_error(tmp_path: Path):
    """Tests a billion-laughs shared-strings part: one line, exit 2, bounded memory."""
    staff = hostile_files.entity_bomb_xlsx(tmp_path / "pegawai.xlsx")
    code, stderr, peak = _solve(staff, tmp_path)
    assert code == 2, stderr
    assert "Traceback" not in stderr and peak < GIB


def test_a_file_is_read_by_its_bytes_not_its_name(tmp_path: Path):
    """Tests a real .xls named .xlsx and a real .xlsx named .xls."""
    fixture = Path("tests/fixtures/messy.xls")
    (tmp_path / "duk.xlsx").write_bytes(fixture.read_bytes())
    (tmp_path / "pegawai.xls").write_bytes(workbooks.clean(tmp_path / "c.xlsx").read_bytes())
    for name in ("duk.xlsx", "pegawai.xls"):
        code, stderr, _ = _solve(tmp_path / name, tmp_path)
        assert code == 0, stderr


def test_a_backtracking_pattern_against_a_long_name_finishes(tmp_path: Path):
    """Tests a scenario pattern with nested quantifiers on a 30,000-character unit name:
    RE2 matches in linear time, so the run ends in seconds, not hours."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(workbooks.HEADER)
    sheet.append(["198001012005011001", "Budi", "Dinas " + "a" * 30_000 + "!", "", "Staf", "-",
                  "Pelaksana", "PNS"])
    book.save(tmp_path / "pegawai.xlsx")
    scenario = tmp_path / "s.toml"
    scenario.write_text(SCENARIO.read_text() + textwrap.dedent("""
        [[rules]]
        name = "Dinas A"
        kind = "always_in_office"
        who = { units = ["(a+)+$", "(a|aa)+b"] }
    """))
    code, stderr, _ = run_cli("solve", tmp_path / "pegawai.xlsx", "-s", scenario, "-o",
                              tmp_path / "j.xlsx", "-q", cwd=tmp_path)
    assert code == 0, stderr


def test_a_pattern_re2_cannot_bound_is_refused_when_the_scenario_loads(tmp_path: Path):
    """Tests a look-behind: exit 2 with the pattern named, before any reading."""
    scenario = tmp_path / "s.toml"
    scenario.write_text(SCENARIO.read_text() + textwrap.dedent("""
        [[rules]]
        name = "Aneh"
        kind = "always_in_office"
        who = { units = ["(?<=Dinas )Kesehatan"] }
    """))
    staff = workbooks.clean(tmp_path / "pegawai.xlsx")
    code, stderr, _ = run_cli("solve", staff, "-s", scenario, "-o", tmp_path / "j.xlsx", "-q")
    assert code == 2 and "(?<=Dinas )Kesehatan" in stderr and "Traceback" not in stderr
