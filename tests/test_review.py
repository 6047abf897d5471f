"""The Telaah sheet against the roster's own cells: who never comes in, per unit, and the
service units a circular sends home without naming them."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

SCRIPT = str(Path(sys.executable).with_name("wfh-solver"))


@pytest.fixture(scope="module")
def staff(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("review") / "pegawai.xlsx"
    subprocess.run([SCRIPT, "sample", "--size", "400", "--seed", "3", "-o", str(path)],
                   check=True, capture_output=True)
    return path


def _solve(staff: Path, out: Path, scenario: str) -> openpyxl.Workbook:
    done = subprocess.run([SCRIPT, "solve", str(staff), "-s", scenario, "--from", "2020-07-01",
                           "--to", "2020-07-31", "-o", str(out), "-q"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return openpyxl.load_workbook(out, read_only=True)


def test_never_in_office_counts_equal_the_cells_of_each_unit(staff: Path, tmp_path: Path):
    """Tests each unit's 'never in the office' count against a count of its Jadwal rows with
    WFH and no WFO, and that a health unit is flagged under jateng-2020 (no exemption)."""
    book = _solve(staff, tmp_path / "j.xlsx", "jateng-2020")
    listed = list(openpyxl.load_workbook(staff, read_only=True).active.iter_rows(values_only=True))
    flag = listed[0].index("Wajib WFH")  # their own mark says why: not a finding
    marked = {str(r[0]).replace(" ", "") for r in listed[1:] if str(r[flag]).lower() == "ya"}
    rows = list(book["Jadwal"].iter_rows(values_only=True))
    never = Counter(row[2] for row in rows[1:] if row[0] and "WFH" in row and "WFO" not in row
                    and str(row[0]).replace(" ", "") not in marked)
    findings = list(book["Telaah"].iter_rows(values_only=True))[1:]
    said = {unit: int(m[1]) for unit, text, _, _ in findings
            if (m := re.match(r"(\d+) pegawai tidak pernah masuk kantor", text))}
    assert said == dict(never)
    services = {unit for unit, text, _, _ in findings if text.startswith("layanan")}
    assert any(u.startswith(("RSUD", "Puskesmas")) for u in services)
    for _, _, people, change in findings:
        assert change and people  # every finding names people and what would change it
        assert people.count(";") <= 4  # a handful of names, then a count


def test_a_circular_exempting_health_flags_no_health_unit(staff: Path, tmp_path: Path):
    """Tests kebumen-2020, which exempts RSUD and puskesmas: no service finding for them."""
    book = _solve(staff, tmp_path / "k.xlsx", "kebumen-2020")
    findings = list(book["Telaah"].iter_rows(values_only=True))[1:]
    assert not [unit for unit, text, _, _ in findings if text.startswith("layanan kesehatan")]
