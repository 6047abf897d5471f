"""Tests that scenario edits in code are validated exactly like a TOML file."""

from __future__ import annotations

from pathlib import Path

import pytest

from wfh_solver.plan.sweep import Case, sweep
from wfh_solver.policy.scenario import Rule, ScenarioError, bundled_dir, load_scenario

SHARE_RULE = "Minimal 30% pegawai masuk per OPD"


def _reason(exc: pytest.ExceptionInfo[ScenarioError]) -> str:
    """The message after its origin (the file path, or the scenario's name in code)."""
    return str(exc.value).split(": ", 1)[1]


def test_share_above_one_is_refused_like_the_toml(tmp_path: Path) -> None:
    """Tests that with_rule(share=5.0) raises the TOML file's error, not a 99.5% roster."""
    text = (bundled_dir() / "jateng-2020.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("share = 0.30", "share = 5.0"), encoding="utf-8")
    with pytest.raises(ScenarioError) as from_file:
        load_scenario(bad)
    with pytest.raises(ScenarioError) as in_code:
        load_scenario("jateng-2020").with_rule(SHARE_RULE, share=5.0)
    assert _reason(in_code) == _reason(from_file)
    assert "share" in _reason(in_code) and SHARE_RULE in _reason(in_code)
    assert str(in_code.value).startswith("jateng-2020: ")


def test_with_rule_changes_one_field_and_keeps_the_original() -> None:
    """Tests that the edit returns a new scenario and leaves the loaded one intact."""
    base = load_scenario("jateng-2020")
    half = base.with_rule(SHARE_RULE, share=0.5)
    assert half.rule(SHARE_RULE).share == 0.5
    assert base.rule(SHARE_RULE).share == 0.3
    assert [r.name for r in half.rules] == [r.name for r in base.rules]


def test_adding_a_rule_needs_its_parameter_as_in_toml() -> None:
    """Tests that a new rule without `count` is refused and a complete one is appended."""
    base = load_scenario("kebumen-2020")
    with pytest.raises(ScenarioError, match="needs `count`"):
        base.with_rule("Minimal 3 staf", kind="min_present")
    added = base.with_rule("Minimal 3 staf", kind="min_present", count=3)
    assert added.rules[-1].count == 3
    replaced = added.with_rule(Rule(name="Minimal 3 staf", kind="min_present", count=4))
    assert replaced.rule("Minimal 3 staf").count == 4 and len(replaced.rules) == len(added.rules)


def test_without_rule_and_unknown_names() -> None:
    """Tests removing a rule and that an unknown name lists the rules there are."""
    base = load_scenario("jateng-2020")
    assert SHARE_RULE not in [r.name for r in base.without_rule(SHARE_RULE).rules]
    with pytest.raises(ScenarioError, match="Minimal 1 pengawas per OPD"):
        base.without_rule("Tidak ada")
    with pytest.raises(ScenarioError, match="Tidak ada"):
        base.with_rule("Tidak ada", share=0.5)


def test_with_period_is_validated() -> None:
    """Tests that an end before the start is a ScenarioError naming the dates."""
    from datetime import date

    with pytest.raises(ScenarioError, match="30/04/2020 sesudah akhir 01/04/2020"):
        load_scenario("jateng-2020").with_period(date(2020, 4, 30), date(2020, 4, 1))


def test_sweep_labels_scenario_objects_by_name(tmp_path: Path) -> None:
    """Tests that a sweep row shows the scenario's name or the case label, never a repr."""
    from tests import workbooks
    from wfh_solver.api import read_employees

    staff = read_employees(workbooks.clean(tmp_path / "p.xlsx"))
    base = load_scenario("jateng-2020")
    table = sweep(staff, [base, Case(base.with_rule(SHARE_RULE, share=0.5), label="50%")])
    assert list(table.index) == ["jateng-2020", "50%"]
    assert table.index.name == "scenario"
