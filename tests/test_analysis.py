"""Tests that a solved roster reads as pandas tables with the numbers the roster holds."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from tests import factories
from wfh_solver.domain.employee import Category
from wfh_solver.plan import analysis
from wfh_solver.solve.result import Result
from wfh_solver.solve.run import solve

RULES = [
    {"name": "Kepala wajib masuk", "kind": "always_in_office",
     "who": {"categories": ["jpt"]}},
    {"name": "Guru di rumah", "kind": "always_at_home", "who": {"roles": ["guru"]}},
    {"name": "Minimal 30%", "kind": "min_office_share", "per": "unit", "share": 0.3},
]


@pytest.fixture(scope="module")
def result() -> Result:
    """Ten staff and a head in one unit, one on leave on Tuesday, five working days."""
    staff = [factories.employee("Dinas A", Category.JPT, name="Kepala")]
    staff += [factories.employee("Dinas A", sub_unit="Seksi 1", comorbid=(k == 0))
              for k in range(10)]
    staff.append(factories.employee("Dinas A", leave=(date(2020, 3, 17),), sub_unit="Seksi 1"))
    return solve(factories.problem(staff, RULES))


def test_long_frame_has_one_row_per_person_and_day(result: Result) -> None:
    """Tests the long layout's columns, length and that its cells are the roster's codes."""
    frame = result.to_frame("long")
    assert list(frame.columns) == ["nip", "name", "unit", "sub_unit", "position", "category",
                                   "eselon", "flags", "pinned_by", "day", "status"]
    assert len(frame) == 12 * 5
    office = frame.pivot(index="nip", columns="day", values="status") == "WFO"
    nips = [e.nip for e in result.roster.employees]
    assert (office.loc[nips].to_numpy() == result.roster.office).all()
    assert frame.loc[frame["name"] == "Kepala", "pinned_by"].unique().tolist() == [
        "Kepala wajib masuk"]
    assert frame.loc[frame["status"] == "CUTI", "day"].tolist() == [pd.Timestamp(2020, 3, 17)]
    assert "vulnerable,comorbid" in set(frame["flags"])


def test_wide_frame_is_the_printed_roster(result: Result) -> None:
    """Tests one row per person, a column per day and the day counts."""
    wide = result.to_frame("wide")
    assert len(wide) == 12
    days = list(result.roster.days)
    assert all(day in wide.columns for day in days)
    assert (wide["wfo_days"] == (wide[days] == "WFO").sum(axis=1)).all()
    assert (wide["wfo_days"] + wide["wfh_days"] + wide["away_days"] == 5).all()
    with pytest.raises(ValueError, match="long' or 'wide"):
        result.to_frame("tall")  # type: ignore[arg-type]


def test_daily_summary_counts_office_home_and_leave(result: Result) -> None:
    """Tests the per-day counts against the roster and that leave is neither home nor office."""
    daily = analysis.daily_summary(result)
    assert (daily["in_office"].to_numpy() == result.roster.office.sum(axis=0)).all()
    assert (daily["in_office"] + daily["at_home"] + daily["leave"] == 12).all()
    assert daily["leave"].tolist() == [0, 1, 0, 0, 0]
    assert (daily["in_office"] >= np.ceil(0.3 * (12 - daily["leave"]))).all()


def test_unit_summary_and_heatmap_agree(result: Result) -> None:
    """Tests per-unit office share equals the mean of the unit × day shares weighted by
    presence, and the spread among unpinned staff is at most one day."""
    units = analysis.unit_summary(result)
    assert units.loc["Dinas A", "staff"] == 12
    assert units.loc["Dinas A", "pinned"] == 1
    free = np.array([p == "" for p in result.pinned_by])
    office_days = result.roster.wfo_days()[free]
    assert units.loc["Dinas A", "office_days_spread"] == office_days.max() - office_days.min()
    heat = analysis.unit_day_share(result)
    daily = analysis.daily_summary(result)
    assert heat.loc["Dinas A"].tolist() == pytest.approx(daily["office_share"].tolist())


def test_fairness_in_words(result: Result) -> None:
    """Tests never/always in office shares and the WFH-days distribution."""
    fair = analysis.fairness(result)
    assert fair["staff"] == 12 and fair["pinned"] == 1
    assert fair["always_in_office"] == pytest.approx(1 / 12)  # the head
    assert fair["always_in_office_free"] == 0.0
    wide = result.to_frame("wide")
    assert fair["never_in_office"] == pytest.approx((wide["wfo_days"] == 0).mean())
    assert fair["never_in_office"] > 0  # the comorbid employee goes home first
    assert fair["max_alike_spread"] <= 1  # the hard fairness rule
    assert fair["max_unit_spread"] == wide["wfh_days"][wide["pinned_by"] == ""].agg(
        lambda s: s.max() - s.min())
    dist = analysis.wfh_days_distribution(result)
    assert dist.sum() == 12 and dist.loc[0] == 1
    assert (dist.index.to_numpy() * dist.to_numpy()).sum() == result.roster.wfh_days().sum()


def test_binding_rules_names_the_tight_ones(result: Result) -> None:
    """Tests that the share minimum binds every day and a rule pinning nobody does not."""
    rules = analysis.binding_rules(result)
    assert rules.loc["Minimal 30%", "tight_scope_days"] == 5
    assert rules.loc["Minimal 30%", "binds"]
    assert rules.loc["Kepala wajib masuk", "binds"]
    assert not rules.loc["Guru di rumah", "binds"]
