"""Tests that real-export layouts read exactly like their clean twin, and say what they skip."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from tests import exports, workbooks
from tests.test_read import understood
from wfh_solver.api import plan, read_employees
from wfh_solver.base.messages import t
from wfh_solver.check.staff_list import validation_report
from wfh_solver.write import write_roster

pytestmark = pytest.mark.usefixtures("english")
FIXTURES = exports.fixture_paths()


@pytest.fixture(scope="module")
def twin(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[object, ...]]:
    return understood(workbooks.clean(tmp_path_factory.mktemp("clean") / "clean.xlsx"))


def test_there_are_at_least_twelve_export_fixtures():
    """Tests the acceptance floor: 12 or more committed export files, all present."""
    assert len(FIXTURES) >= 12
    assert all(path.exists() for _, path in FIXTURES)


@pytest.mark.parametrize("name,path", FIXTURES, ids=[p.name for _, p in FIXTURES])
def test_export_reads_like_its_clean_twin(name: str, path: Path, twin):
    """Tests footers, signatures, repeated headers and subtotals change no employee."""
    assert understood(path) == twin


@pytest.mark.parametrize("name,path", FIXTURES, ids=[p.name for _, p in FIXTURES])
def test_every_skipped_row_is_listed_with_its_reason_and_file(name: str, path: Path):
    """Tests that validate lists each skipped row once, as info, naming file, sheet and row."""
    report = validation_report(path)
    infos = [p for p in report["problems"] if p["severity"] == "info"]
    assert not [p for p in report["problems"] if p["severity"] == "error"]
    expected = Counter(t(key) for key in exports.LAYOUTS[name]().skipped)
    assert Counter(p["reason"] for p in infos) == expected
    assert all(p["file"] == str(path) and p["sheet"] and p["row"] for p in infos)
    assert len({p["row"] for p in infos}) == len(infos)


def test_skipped_rows_are_counted_for_ringkasan():
    """Tests the count handed to the writer equals the rows validate lists."""
    path = exports.FIXTURES / "signature_block.xlsx"
    staff = read_employees(path)
    assert len(staff.table.skipped) == len(exports.signature_block().skipped) > 0


def test_ringkasan_counts_the_skipped_rows(tmp_path):
    """Tests the solved roster's Ringkasan states how many input rows were skipped."""
    path = exports.FIXTURES / "opd_subtotals.xlsx"
    write_roster(plan(path, "jateng-2020", time_limit=20), tmp_path / "r.xlsx", lang="en")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True)
    values = {r[0]: r[1] for name in ("Summary", "Technical")
              for r in book[name].iter_rows(values_only=True) if r and r[0]}
    skipped = len(exports.opd_subtotals().skipped)
    assert values["Rows skipped"].startswith(f"{skipped} rows are not staff")
    assert values["Input rows skipped (see wfh-solver validate)"] == len(
        exports.opd_subtotals().skipped)


def test_validate_command_names_the_file_and_lists_skipped_rows():
    """Tests the installed command's table: the file in its title, one info line per row."""
    path = exports.FIXTURES / "duk_footer_jumlah.csv"
    result = subprocess.run([sys.executable, "-m", "wfh_solver.cli", "validate", str(path),
                             "--lang", "en"], capture_output=True, text=True, timeout=120,
                            env={"COLUMNS": "250", "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert path.name in result.stdout
    assert result.stdout.count("info") == 2 and "totals or subtotal row" in result.stdout
