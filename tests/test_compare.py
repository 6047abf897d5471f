"""Tests that `compare` on the shipped sample writes the workbook and charts, and that its
numbers are those of the five single `solve` runs, read back from their workbooks."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.image import imread

from tests import checker
from wfh_solver.base.labels import label

SAMPLE = Path(__file__).parent.parent / "data" / "pegawai.xlsx"
CIRCULARS = ["sragen-2020", "kebumen-2020", "jateng-2020", "pasuruan-2020", "paser-2020"]
SHARE_RULE = "Minimal 30% pegawai masuk per OPD"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wfh_solver.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=600)


def L(key: str) -> str:  # noqa: N802 - a header as the Indonesian workbook shows it
    return label(key, "id")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One compare run and five solve runs, all through the console entry point."""
    folder = tmp_path_factory.mktemp("compare")
    args: list[str | Path] = ["compare", SAMPLE, "--out", folder / "compare.xlsx",
                              "--plots", folder / "plots", "--workers", "1", "-q"]
    for name in CIRCULARS:
        args += ["-s", name]
    done = run(*args)
    assert done.returncode == 0, done.stderr
    for name in CIRCULARS:
        solved = run("solve", SAMPLE, "-s", name, "-o", folder / f"{name}.xlsx", "-q")
        assert solved.returncode == 0, solved.stderr
    return folder


def _sheets(folder: Path) -> dict[str, pd.DataFrame]:
    return pd.read_excel(folder / "compare.xlsx", sheet_name=None, engine="calamine")


def _roster(path: Path) -> checker.RosterSheet:
    report = checker.Report()
    roster = checker.read_roster(path, report)
    assert roster is not None, report
    return roster


def test_daily_counts_equal_the_single_runs(outputs: Path) -> None:
    """Tests in office and at home per scenario and day against each solve workbook."""
    daily = _sheets(outputs)[L("sheet_cmp_daily")]
    for name in CIRCULARS:
        roster = _roster(outputs / f"{name}.xlsx")
        mine = daily[daily[L("cmp_scenario")] == name]
        assert [d.date() for d in pd.to_datetime(mine[L("cmp_day")])] == roster.days
        assert mine[L("cmp_in_office")].tolist() == (roster.cells == "WFO").sum(axis=0).tolist()
        assert mine[L("cmp_at_home")].tolist() == (roster.cells == "WFH").sum(axis=0).tolist()


def test_unit_shares_and_wfh_days_equal_the_single_runs(outputs: Path) -> None:
    """Tests per-unit office share and the WFH-days distribution against each workbook."""
    sheets = _sheets(outputs)
    units = sheets[L("sheet_cmp_units")].set_index(L("cmp_unit"))
    histogram = sheets[L("sheet_cmp_wfh_days")].set_index(L("cmp_wfh_days"))
    for name in CIRCULARS:
        roster = _roster(outputs / f"{name}.xlsx")
        wfo = pd.Series((roster.cells == "WFO").sum(axis=1))
        wfh = pd.Series((roster.cells == "WFH").sum(axis=1))
        unit = roster.frame["Unit Kerja"].to_numpy()
        expected = wfo.groupby(unit).sum() / (wfo + wfh).groupby(unit).sum()
        assert units[name].dropna().sort_index().to_numpy() == pytest.approx(
            expected.sort_index().to_numpy())
        counts = Counter(wfh.tolist())
        column = histogram[name]
        assert {k: v for k, v in column.items() if v} == dict(counts)


def test_status_and_bounds_equal_the_single_runs(outputs: Path) -> None:
    """Tests status and every level's objective and proven bound against Ringkasan."""
    summary = _sheets(outputs)[L("sheet_cmp_summary")].set_index(L("cmp_scenario"))
    for name in CIRCULARS:
        items = dict(checker.read_summary(outputs / f"{name}.xlsx") or [])
        assert summary.loc[name, L("cmp_status")] == items["Status solver"] == "OPTIMAL"
        assert str(summary.loc[name, L("cmp_switches")]) == items[L("switches")]
        levels = [k for k in range(1, 6) if f"Tingkat {k}: nama" in items]
        assert len(levels) == 3
        for k in levels:
            level = items[f"Tingkat {k}: nama"]
            assert str(summary.loc[name, L(f"cmp_{level}_objective")]) == \
                items[f"Tingkat {k}: nilai objektif"]
            assert str(summary.loc[name, L(f"cmp_{level}_bound")]) == \
                items[f"Tingkat {k}: batas terbukti"]


def test_fairness_and_binding_rules_are_there(outputs: Path) -> None:
    """Tests never-in-office shares against the workbooks and that Jateng's 30% binds."""
    sheets = _sheets(outputs)
    fairness = sheets[L("sheet_cmp_fairness")].set_index(L("cmp_scenario"))
    for name in CIRCULARS:
        cells = _roster(outputs / f"{name}.xlsx").cells
        never = float(np.mean((cells == "WFO").sum(axis=1) == 0))
        assert fairness.loc[name, L("cmp_never_in_office")] == pytest.approx(never)
    rules = sheets[L("sheet_cmp_rules")]
    jateng = rules[(rules[L("cmp_scenario")] == "jateng-2020")].set_index(L("cmp_rule"))
    assert bool(jateng.loc[SHARE_RULE, L("cmp_binds")])


def test_plots_are_png_and_svg(outputs: Path) -> None:
    """Tests that every chart exists as a readable PNG and an SVG."""
    stems = ["daily_presence", "wfh_days", *(f"heatmap_{n}" for n in CIRCULARS)]
    for stem in stems:
        image = imread(outputs / "plots" / f"{stem}.png")
        assert image.shape[0] > 200 and image.shape[1] > 200
        assert "<svg" in (outputs / "plots" / f"{stem}.svg").read_text(encoding="utf-8")[:2000]


def test_a_sweep_adds_one_case_per_value(tmp_path: Path) -> None:
    """Tests --sweep labels, the share reached, and that share=5 exits 2 like the TOML."""
    from tests import workbooks

    staff = workbooks.clean(tmp_path / "p.xlsx")
    out = tmp_path / "c.xlsx"
    done = run("compare", staff, "-s", "jateng-2020", "--sweep", f"{SHARE_RULE}.share=0.5,1.0",
               "--out", out, "--workers", "1", "-q")
    assert done.returncode == 0, done.stderr
    summary = pd.read_excel(out, sheet_name=L("sheet_cmp_summary"), engine="calamine")
    summary = summary.set_index(L("cmp_scenario"))
    assert list(summary.index) == ["jateng-2020", "jateng-2020 share=0.5",
                                   "jateng-2020 share=1.0"]
    assert summary.loc["jateng-2020 share=1.0", L("cmp_office_share")] == 1.0
    bad = run("compare", staff, "-s", "jateng-2020", "--sweep", f"{SHARE_RULE}.share=5",
              "--out", tmp_path / "bad.xlsx", "-q")
    assert bad.returncode == 2
    assert "Input should be less than or equal to 1" in bad.stderr
    assert not (tmp_path / "bad.xlsx").exists()
