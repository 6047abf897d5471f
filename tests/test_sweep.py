"""Tests that scenario sweeps give one comparable row per case, locally and on Dask."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests import workbooks
from wfh_solver.api import read_employees
from wfh_solver.plan.sweep import Case, sweep

CASES = ["kebumen-2020", "jateng-2020", Case("jateng-2020", date(2020, 4, 1), date(2020, 4, 30))]


@pytest.fixture(scope="module")
def staff(tmp_path_factory: pytest.TempPathFactory):
    return read_employees(workbooks.clean(tmp_path_factory.mktemp("sweep") / "p.xlsx"))


def _comparable(frame):
    return frame.drop(columns=["solve_seconds", "seconds"]).to_dict("records")


def test_local_sweep_gives_one_row_per_case_in_order(staff):
    """Tests the rows' order, period, status and that April has its 21 working days."""
    table = sweep(staff, CASES)
    assert list(table["scenario"]) == ["kebumen-2020", "jateng-2020", "jateng-2020"]
    assert (table["status"] == "OPTIMAL").all()
    assert list(table["working_days"]) == [3, 9, 21]
    assert (table["intent_objective"] == table["intent_bound"]).all()


def test_an_impossible_case_is_a_row_not_a_crash(staff, tmp_path: Path):
    """Tests that an infeasible scenario yields status INFEASIBLE with its reason."""
    capped = tmp_path / "cap.toml"
    capped.write_text(Path("wfh_solver/scenarios/jateng-2020.toml").read_text()
                      + '\n[[rules]]\nname = "Maks 10%"\nkind = "max_office_share"\n'
                        "share = 0.10\n")
    table = sweep(staff, ["paser-2020", str(capped)], threads=2)
    assert list(table["status"]) == ["OPTIMAL", "INFEASIBLE"]
    assert "Maks 10%" in table["error"].iloc[1]


def test_dask_sweep_matches_the_local_one(staff):
    """Tests that a sweep on a (local, in-process) Dask cluster gives the same table."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=2,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        remote = sweep(staff, CASES, client=client)
    assert _comparable(remote) == _comparable(sweep(staff, CASES))
