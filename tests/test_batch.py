"""Tests that a batch solves every (staff list, scenario), reports a broken file without
stopping the others, and gives the same summary on a real Dask LocalCluster as here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests import checker
from wfh_solver.base.labels import label
from wfh_solver.plan.batch import batch, local_cluster, staff_files
from wfh_solver.policy.scenario import bundled_dir
from wfh_solver.sample import write_sample

SCENARIOS = ["jateng-2020", "kebumen-2020"]
TIMING = ["solve_seconds", "seconds"]


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three small regional governments and one corrupt export, in one folder."""
    folder = tmp_path_factory.mktemp("exports")
    for k, size in enumerate((120, 200, 160)):
        write_sample(folder / f"kab_{k}.xlsx", size, seed=k)
    (folder / "kab_rusak.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    return folder


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns=TIMING, errors="ignore")


def test_a_corrupt_list_is_reported_and_the_others_complete(exports: Path) -> None:
    """Tests one row per (file, scenario), OPTIMAL for the good files and an input error
    naming the broken file for both of its tasks."""
    table = batch(staff_files(exports), SCENARIOS, workers=1)
    assert len(table) == 4 * 2
    broken = table[table["input"].str.endswith("kab_rusak.xlsx")]
    assert list(broken["status"]) == ["INPUT_ERROR", "INPUT_ERROR"]
    assert all("kab_rusak.xlsx" in e for e in broken["error"])
    good = table[~table["input"].str.endswith("kab_rusak.xlsx")]
    assert (good["status"] == "OPTIMAL").all() and (good["error"] == "").all()
    assert sorted(good["employees"].unique()) == [120, 160, 200]


def test_local_cluster_on_loopback_gives_the_same_summary(exports: Path) -> None:
    """Tests a real LocalCluster (worker processes on 127.0.0.1), joined as a client and by
    its tcp:// address, against the in-process run."""
    files = staff_files(exports)
    here = batch(files, SCENARIOS, workers=1)
    with local_cluster(2) as client:
        assert client.scheduler.address.startswith("tcp://127.0.0.1:")
        workers = client.scheduler_info()["workers"]
        assert len(workers) == 2 and all(a.startswith("tcp://127.0.0.1:") for a in workers)
        remote = batch(files, SCENARIOS, scheduler=client)
        by_address = batch(files, SCENARIOS, scheduler=client.scheduler.address)
    assert len(here) == 8 and (here["status"] == "OPTIMAL").sum() == 6
    pd.testing.assert_frame_equal(_comparable(remote), _comparable(here))
    pd.testing.assert_frame_equal(_comparable(by_address), _comparable(here))


def test_batch_command_writes_summary_and_rosters(exports: Path, tmp_path: Path) -> None:
    """Tests the console command in a process pool: exit 6 naming the broken file, the
    summary workbook, and a roster per good file that the independent checker accepts."""
    out, rosters = tmp_path / "summary.xlsx", tmp_path / "rosters"
    done = subprocess.run(
        [sys.executable, "-m", "wfh_solver.cli", "batch", str(exports), "-s", "jateng-2020",
         "--out", str(out), "--rosters", str(rosters), "--workers", "2", "-q"],
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 6, done.stderr
    assert "kab_rusak.xlsx" in done.stderr
    sheets = pd.read_excel(out, sheet_name=None, engine="calamine")
    summary = sheets[label("sheet_cmp_summary", "id")]
    assert len(summary) == 4
    failed = sheets[label("sheet_batch_failed", "id")]
    assert list(failed[label("cmp_input", "id")].map(lambda p: Path(p).name)) == [
        "kab_rusak.xlsx"]
    written = sorted(p.name for p in rosters.glob("*.xlsx"))
    assert written == [f"kab_{k}__jateng-2020.xlsx" for k in range(3)]
    report = checker.check(rosters / "kab_1__jateng-2020.xlsx", exports / "kab_1.xlsx",
                           bundled_dir() / "jateng-2020.toml")
    assert report.ok, report.violations[:5]


def test_batch_command_without_files_exits_2(tmp_path: Path) -> None:
    """Tests that an empty folder is a clear error, not an empty summary."""
    done = subprocess.run(
        [sys.executable, "-m", "wfh_solver.cli", "batch", str(tmp_path), "-s", "jateng-2020",
         "--out", str(tmp_path / "s.xlsx")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert str(tmp_path) in done.stderr
