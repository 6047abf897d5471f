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

from tests import checker, workbooks
from wfh_solver import api
from wfh_solver.solve import solve
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

    def failing(result, path, lang="id"):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(path))
        return real(result, path, lang)

    real = write.write_xlsx
    monkeypatch.setattr(write, "write_xlsx", failing)
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

HARNESS = textwrap.dedent("""
    import os, signal, sys
    phase, signum = sys.argv[1], getattr(signal, sys.argv[2])
    import wfh_solver.read.table as table
    import wfh_solver.solve as solving
    import wfh_solver.write.excel as excel
    fired = []
    def fire():
        if not fired:
            fired.append(1)
            os.kill(os.getpid(), signum)
    if phase == "read":
        load = table.load_sheets
        def loading(*a, **k):
            sheets = load(*a, **k); fire(); return sheets
        table.load_sheets = loading
    elif phase == "solve":
        component = solving.solve_component
        def solving_component(*a, **k):
            fire(); return component(*a, **k)
        solving.solve_component = solving_component
    else:
        write = excel._write_workbook
        def writing(*a, **k):
            write(*a, **k); fire()
        excel._write_workbook = writing
    sys.argv = ["wfh-solver"] + sys.argv[3:]
    from wfh_solver.cli import main
    main()
""")


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
