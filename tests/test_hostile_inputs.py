"""Tests that every hostile input of issue 19 (item 3 and the date window of item 5), and a
few of its class, behaves as the README's "Keamanan data" says in every command that reads
it: exit 2 with one line (or 0 where the file is legitimate), no traceback, a peak under
1 GiB under an address-space limit, the input's bytes unchanged, no file outside the named
outputs. Each case runs the installed console script (`.venv/bin/wfh-solver`) as a child.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests import hostile, workbooks

CLI = Path(sys.executable).with_name("wfh-solver")
GIB = 2**30


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    peak: int


def run(*args: str | Path, cwd: Path) -> Run:
    """The console script under a 4 GiB address-space limit; its own peak RSS (wait4)."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (4 * GIB, 4 * GIB))

    out, err = cwd / ".out.txt", cwd / ".err.txt"
    with open(out, "w") as stdout, open(err, "w") as stderr:
        child = subprocess.Popen([str(CLI), *map(str, args)], cwd=cwd, stdout=stdout,
                                 stderr=stderr, stdin=subprocess.DEVNULL, preexec_fn=limit)
        _, status, usage = os.wait4(child.pid, 0)
    result = Run(os.waitstatus_to_exitcode(status), out.read_text(), err.read_text(),
                 usage.ru_maxrss * 1024)
    out.unlink()
    err.unlink()
    return result


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@dataclass(frozen=True)
class Case:
    """A hostile staff list (or option), what every command must answer, and a word of
    the one line it answers with when it refuses."""

    make: Callable[[Path], Path]
    code: int
    says: str = ""
    options: tuple[str, ...] = ()  # added to every command (a period, a column map)
    extra: Callable[[Path], list[Path]] = field(default=lambda folder: [])


def _with(name: str, make: Callable[[Path], Path]) -> Callable[[Path], Path]:
    return lambda folder: make(folder / name)


def _toml(text: str) -> Callable[[Path], list[Path]]:
    def make(folder: Path) -> list[Path]:
        path = folder / "kolom.toml"
        path.write_text(text)
        return [path]
    return make


def _huge_toml(folder: Path) -> list[Path]:
    path = folder / "kolom.toml"
    with open(path, "wb") as handle:
        handle.truncate(300 * 2**20)  # sparse: 300 MB of zero bytes in no time
    return [path]


CLEAN = _with("pegawai.xlsx", workbooks.clean)

CASES: dict[str, Case] = {
    # Cuti cells that expand: each range cut to the period before a day is made
    "leave ranges, 1,185 a cell": Case(_with("pegawai.xlsx", hostile.leave_ranges_bomb), 0),
    "leave ranges as CSV travel": Case(_with("pegawai.csv", lambda p: _ranges_csv(p)), 0),
    # cell references outside Excel's grid, before calamine or openpyxl lays them out
    "ZZZZZZ1": Case(_with("pegawai.xlsx", lambda p: hostile.cell_at_ref(p, "ZZZZZZ1")), 2,
                    "ZZZZZZ1"),
    "lower case zzzzzz20": Case(
        _with("pegawai.xlsx", lambda p: hostile.cell_at_ref(p, "zzzzzz20")), 2, "zzzzzz20"),
    "XFE20, one past XFD": Case(_with("pegawai.xlsx", lambda p: hostile.cell_at_ref(p, "XFE20")),
                                2, "XFE20"),
    "row 2^64 + 5 with its dimension": Case(_with("pegawai.xlsx", lambda p: hostile.cell_at_ref(
        p, "A18446744073709551621", "A1:H18446744073709551621")), 2, "18446744073709551621"),
    "row 1,048,577": Case(_with("pegawai.xlsx", lambda p: hostile.cell_at_ref(p, "A1048577")),
                          2, "A1048577"),
    # invisible and compatibility characters in headers and values
    "zero-width space in Nama": Case(_with("pegawai.xlsx", lambda p: hostile.staff_rows(
        p, 7, ["NIP", "Na\u200bma", *workbooks.HEADER[2:]])), 0),
    "BOM and full-width NIP header": Case(_with("pegawai.xlsx", lambda p: hostile.staff_rows(
        p, 7, ["\ufeff\uff2e\uff29\uff30", "Nama\u00a0Pegawai", *workbooks.HEADER[2:]])), 0),
    # the delimiter from the header line
    "comma CSV with ; date lists": Case(
        _with("pegawai.csv", hostile.comma_csv_with_date_lists), 0),
    # periods no roster can be written for
    "period ending in 9999": Case(CLEAN, 2, "31/12/9999", ("--to", "9999-12-31")),
    "period before 2000": Case(CLEAN, 2, "01/01/1999", ("--from", "1999-01-01")),
    "10 years": Case(CLEAN, 2, "366", ("--from", "2020-01-01", "--to", "2029-12-31")),
    "a year × 17,000 staff": Case(
        _with("pegawai.xlsx", lambda p: hostile.staff_rows(p, 17_000)), 2, "4.000.000",
        ("--from", "2020-01-01", "--to", "2020-12-31")),
    # every file named is input: the column map
    "--columns value a list": Case(CLEAN, 2, "Nama Pegawai", ("--columns", "kolom.toml"),
                                   _toml('"Nama Pegawai" = ["name"]\n')),
    "--columns value a table": Case(CLEAN, 2, "Nama Pegawai", ("--columns", "kolom.toml"),
                                    _toml('"Nama Pegawai" = { a = "name" }\n')),
    "--columns a list": Case(CLEAN, 2, "columns", ("--columns", "kolom.toml"),
                             _toml('columns = ["name"]\n')),
    "--columns nested 5,000 deep": Case(CLEAN, 2, "kolom.toml", ("--columns", "kolom.toml"),
                                        _toml("a = " + "[" * 5000 + "]" * 5000 + "\n")),
    "--columns 300 MB": Case(CLEAN, 2, "1024 KB", ("--columns", "kolom.toml"), _huge_toml),
    "--columns /dev/zero": Case(CLEAN, 2, "/dev/zero", ("--columns", "/dev/zero")),
}


def _ranges_csv(path: Path) -> Path:
    years = ";".join(f"{y}-01-01 - {y}-12-31" for y in range(2000, 3000))
    lines = [",".join([*workbooks.HEADER, "Dinas Luar"])]
    lines += [",".join(row) + f',"{k + 1:02d}/03/2020;{years}"'
              for k, row in enumerate(workbooks.ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def small_roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small valid roster of the clean staff list, for `check` to read beside a
    hostile staff list."""
    folder = tmp_path_factory.mktemp("roster")
    staff = workbooks.clean(folder / "pegawai.xlsx")
    result = run("solve", staff, "-s", "jateng-2020", "-o", "jadwal.xlsx", "-q", cwd=folder)
    assert result.code == 0, result.stderr
    return folder / "jadwal.xlsx"


def _judge(result: Run, case: Case, command: str) -> None:
    assert "Traceback" not in result.stderr and "panicked" not in result.stderr, result.stderr
    assert result.peak < GIB, f"{command}: {result.peak / 2**20:.0f} MiB"
    if case.code == 2 and command != "validate":
        assert case.says in one_line(result.stderr), result.stderr
    elif command != "validate":
        assert not result.stderr.strip(), result.stderr


@pytest.mark.parametrize("name", list(CASES))
def test_each_hostile_input_in_every_command(tmp_path: Path, small_roster: Path, name: str):
    """Tests solve, validate, check and compare on one hostile input: exit code, one line,
    bounded memory, input bytes, and no stray files."""
    case = CASES[name]
    staff = case.make(tmp_path)
    inputs = [staff, *case.extra(tmp_path)]
    before = {p: p.read_bytes() for p in inputs}
    files = listing(tmp_path)
    wanted = "0" if case.code == 0 else str(case.code)

    solved = run("solve", staff, "-s", "jateng-2020", "-o", "jadwal.xlsx", "-q",
                 *case.options, cwd=tmp_path)
    assert str(solved.code) == wanted, solved.stderr
    _judge(solved, case, "solve")

    period = [o for o in case.options if o in ("--from", "--to") or o[:1].isdigit()]
    validated = run("validate", staff, "-s", "jateng-2020", "--format", "json",
                    *[o for o in case.options if o not in period], cwd=tmp_path)
    _judge(validated, case, "validate")
    if case.code == 0 or period:  # validate plans no period: the list itself is fine
        assert validated.code == 0, validated.stderr
        assert json.loads(validated.stdout)["summary"]["employees"] > 0
    elif validated.stdout.strip():  # the staff list's own problem: one error, in JSON
        assert validated.code == 2
        errors = [p for p in json.loads(validated.stdout)["problems"]
                  if p["severity"] == "error"]
        assert len(errors) == 1 and case.says in json.dumps(errors, ensure_ascii=False)
    else:  # a file named beside it: one line
        assert validated.code == 2 and case.says in one_line(validated.stderr)

    roster = tmp_path / "jadwal.xlsx" if case.code == 0 else small_roster
    checked = run("check", roster, "-i", staff, "-s", "jateng-2020", *case.options,
                  cwd=tmp_path)
    assert str(checked.code) == wanted, checked.stdout + checked.stderr
    _judge(checked, case, "check")

    compared = run("compare", staff, "-s", "jateng-2020", "-o", "banding.xlsx", "-q",
                   "--workers", "1", *case.options, cwd=tmp_path)
    assert str(compared.code) == wanted, compared.stderr
    _judge(compared, case, "compare")

    assert {p: p.read_bytes() for p in inputs} == before
    made = {"jadwal.xlsx", "banding.xlsx"} if case.code == 0 else set()
    assert listing(tmp_path) == files | made


@pytest.mark.parametrize("spec", ["/dev/zero", "skenario.toml"])
def test_a_scenario_that_is_a_device_or_huge_is_refused_unread(tmp_path: Path, spec: str):
    """Tests `-s /dev/zero` and a 300 MB scenario: one line, no read of the whole file."""
    staff = workbooks.clean(tmp_path / "pegawai.xlsx")
    if spec != "/dev/zero":
        with open(tmp_path / spec, "wb") as handle:
            handle.truncate(300 * 2**20)
    for command in (["solve", staff, "-s", spec, "-o", "j.xlsx", "-q"],
                    ["validate", staff, "-s", spec],
                    ["compare", staff, "-s", spec, "-o", "b.xlsx", "-q"]):
        result = run(*command, cwd=tmp_path)
        assert result.code == 2 and spec in one_line(result.stderr), result.stderr
        # the libraries alone take about 280 MiB; reading the 300 MB file would add it all
        assert result.peak < 400 * 2**20
    assert not (tmp_path / "j.xlsx").exists() and not (tmp_path / "b.xlsx").exists()


# --------------------------------------------------------------------------- in process


def test_a_range_is_cut_to_the_period_before_it_is_expanded():
    """Tests that a year-long range costs only the period's days, and that a file past the
    budget of days raises instead of expanding."""
    from datetime import date

    from wfh_solver.read.dates import (
        MAX_DAYS,
        MAX_PIECES,
        DateLimitError,
        DateScope,
        parse_date_list,
    )

    scope = DateScope(date(2020, 3, 18), date(2020, 3, 20))
    days = parse_date_list("2020-01-01 - 2020-12-31; 19/03/2020; 2031-01-01", scope)
    assert days == (date(2020, 3, 18), date(2020, 3, 19), date(2020, 3, 20))
    assert (scope.days, scope.pieces) == (MAX_DAYS - 3, MAX_PIECES - 3)
    tight = DateScope(days=10)
    with pytest.raises(DateLimitError):
        parse_date_list("2020-01-01 - 2020-12-31", tight)


def test_normalised_text_keeps_plain_text_and_names_what_it_changed():
    """Tests NFKC with zero-width marks removed, and the code points named."""
    from wfh_solver.read.columns import match_column
    from wfh_solver.read.text import marks, normalise

    assert normalise("Na\u200bma") == "Nama" and match_column("Na\u200bma") == "name"
    assert normalise("\uff2e\uff29\uff30") == "NIP" and normalise("plain") == "plain"
    assert marks("Na\u200bma\u00a0") == ["U+200B", "U+00A0"] and marks("Nama") == []


def test_the_detail_sheet_is_sized_from_the_problem_as_it_is_written(tmp_path: Path):
    """Tests that `detail_rows` counts the Rincian Aturan rows `unit_summary` writes, the
    count by which a too long period is refused before it is solved."""
    from wfh_solver import api
    from wfh_solver.solve.run import solve
    from wfh_solver.write.excel import detail_rows, unit_summary

    staff = api.read_employees(workbooks.clean(tmp_path / "pegawai.xlsx"))
    for scenario in ("jateng-2020", "sragen-2020"):
        problem = api.make_problem(staff, scenario)
        result = solve(problem)
        rule_units = [r.unit for r in problem.requirements] + [w.unit for w in problem.targets]
        written = len(unit_summary(result).lines) * problem.n_days
        assert detail_rows((e.unit for e in problem.employees), rule_units,
                           problem.n_days) == written
