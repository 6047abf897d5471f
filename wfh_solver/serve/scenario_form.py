"""A circular's numbers as a form, and the form back as a scenario TOML.

Only the numbers HR argues about are editable — the period, the working week and each
rule's count, share or number of levels — and the result goes through the same pydantic
validation as a file on disk, so the edited TOML is exactly what `--scenario FILE` reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import tomli_w
from pydantic import ValidationError

from wfh_solver.domain.calendar import check_period
from wfh_solver.messages import t
from wfh_solver.policy.scenario import Scenario, ScenarioError

#: The rule parameter a person edits, by rule kind.
PARAMETER = {"min_present": "count", "min_office_share": "share", "max_office_share": "share",
             "wfh_share_target": "share", "top_levels": "levels"}


@dataclass(frozen=True, slots=True)
class RuleField:
    """One editable number: `rule_<index>` in the form."""

    key: str
    rule: str
    kind: str
    parameter: str  # count, share (shown in percent) or levels
    value: str


def rule_fields(scenario: Scenario) -> list[RuleField]:
    fields = []
    for k, rule in enumerate(scenario.rules):
        parameter = PARAMETER.get(rule.kind)
        if parameter is None:
            continue
        value = getattr(rule, parameter)
        shown = f"{value * 100:g}" if parameter == "share" else str(value)
        fields.append(RuleField(f"rule_{k}", rule.name, rule.kind, parameter, shown))
    return fields


def apply_form(scenario: Scenario, form: Mapping[str, str]) -> Scenario:
    """The scenario with the form's numbers; ScenarioError names the field that is wrong."""
    data: dict[str, Any] = scenario.model_dump()
    data["name"] = f"{scenario.name}-diubah"
    data["title"] = f"{scenario.title} ({t('web_edited')})"
    data["start"] = _date(form.get("start", ""), "start")
    data["end"] = _date(form.get("end", ""), "end")
    data["workweek"] = form.get("workweek", scenario.workweek)
    rules = [dict(rule) for rule in data["rules"]]
    for field in rule_fields(scenario):
        text = form.get(field.key, "").strip().replace(",", ".")
        index = int(field.key.removeprefix("rule_"))
        rules[index][field.parameter] = _number(text, field)
    data["rules"] = rules
    try:
        check_period(data["start"], data["end"])
    except ValueError as exc:
        raise ScenarioError(t("web_bad_scenario", detail=exc)) from None
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        details = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
                            for err in exc.errors())
        raise ScenarioError(t("web_bad_scenario", detail=details)) from None


def _date(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ScenarioError(t("web_bad_field", field=field, value=text)) from None


def _number(text: str, field: RuleField) -> int | float:
    try:
        if field.parameter == "share":
            return float(text) / 100
        return int(text)
    except ValueError:
        raise ScenarioError(t("web_bad_field", field=field.rule, value=text)) from None


def to_toml(scenario: Scenario) -> str:
    """The scenario as a TOML file that loads back to the same scenario."""
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    data["start"], data["end"] = scenario.start, scenario.end
    return tomli_w.dumps(data)
