"""The plain-words summary against the roster itself: each figure recomputed from the
written `Jadwal` cells, not from the solver's arrays."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from wfh_solver.api import plan
from wfh_solver.write import write_roster

SCRIPT = str(Path(sys.executable).with_name("wfh-solver"))


@pytest.fixture(scope="module")
def staff(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("memo") / "pegawai.xlsx"
    subprocess.run([SCRIPT, "sample", "--size", "300", "--seed", "4", "--leave-share", "0.1",
                    "-o", str(path)], check=True, capture_output=True)
    return path


def _percent(text: str) -> float:
    return float(text.replace(",", ".").rstrip("%"))


@pytest.mark.parametrize("scenario", ["jateng-2020", "sragen-2020"])
def test_ringkasan_figures_equal_the_roster_cells(staff: Path, tmp_path: Path, scenario: str):
    """Tests the mean/low/high office share of present staff and the never/always counts
    against a count of WFO/WFH/CUTI/DL cells in Jadwal."""
    out = tmp_path / "j.xlsx"
    write_roster(plan(staff, scenario, start=None, end=None), out)
    book = openpyxl.load_workbook(out, read_only=True)
    rows = list(book["Jadwal"].iter_rows(values_only=True))
    header = rows[0]
    days = [j for j, h in enumerate(header) if hasattr(h, "year")]
    cells = [[row[j] for j in days] for row in rows[1:] if row[0]]
    shares = []
    for d in range(len(days)):
        present = [c[d] for c in cells if c[d] in ("WFO", "WFH")]
        shares.append(100 * sum(v == "WFO" for v in present) / len(present))
    never = sum(1 for c in cells if "WFH" in c and "WFO" not in c)
    always = sum(1 for c in cells if "WFO" in c and "WFH" not in c)
    summary = [(r[0], r[1]) for r in book["Ringkasan"].iter_rows(values_only=True)]
    assert summary[1][0] == "Kesimpulan" and summary[1][1].startswith("Semua aturan terpenuhi")
    lines = [v for k, v in summary if k == "Gambaran"]
    mean, low, high = (_percent(p) for p in re.findall(r"[\d,]+%", lines[0]))
    assert mean == pytest.approx(sum(shares) / len(shares), abs=0.05)
    assert low == pytest.approx(min(shares), abs=0.05)
    assert high == pytest.approx(max(shares), abs=0.05)
    counts = re.match(r"(\d+) pegawai tidak pernah .*; (\d+) pegawai selalu", lines[-1])
    assert counts and (int(counts[1]), int(counts[2])) == (never, always)
    if scenario == "sragen-2020":  # a WFH target: its distance is said in its own terms
        assert any("sasaran 30%" in line for line in lines)
