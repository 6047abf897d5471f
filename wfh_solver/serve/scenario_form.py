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

from wfh_solver.base.messages import t
from wfh_solver.domain.calendar import check_period
from wfh_solver.policy.scenario import Rule, Scenario, ScenarioError
from wfh_solver.policy.wording import describe_rule, percent

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


class FormInvalid(ScenarioError):
    """Fields of the circular form that cannot be used, each with a sentence in the user's
    language and units, shown next to the field (`fields`: form key → message)."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__(t("web_form_invalid") + " " + " ".join(fields.values()))
        self.fields = fields


def apply_form(scenario: Scenario, form: Mapping[str, str]) -> Scenario:
    """The scenario with the form's numbers. Every field is checked before the scenario is
    built, so HR reads "isi persen antara 0 dan 100" beside the field, never a pydantic
    path; a changed number is written into the rule's name and the title too."""
    data: dict[str, Any] = scenario.model_dump()
    errors: dict[str, str] = {}
    start = _date(form.get("start", ""), "start", errors)
    end = _date(form.get("end", ""), "end", errors)
    if start and end:
        if end < start:
            errors["end"] = t("web_err_end_before", start=f"{start:%d/%m/%Y}")
        else:
            try:
                check_period(start, end)
            except ValueError:
                errors["end"] = t("web_err_window")
    workweek = form.get("workweek", scenario.workweek)
    if workweek not in ("mon-fri", "mon-sat"):
        errors["workweek"] = t("web_err_workweek")
    title = f"{scenario.title}"
    rules = [dict(rule) for rule in data["rules"]]
    for field in rule_fields(scenario):
        text = form.get(field.key, "").strip().replace(",", ".").removesuffix("%").strip()
        index = int(field.key.removeprefix("rule_"))
        value = _number(text, field, errors)
        if value is None or value == rules[index][field.parameter]:
            continue
        old, new = _said(field.parameter, rules[index][field.parameter]), \
            _said(field.parameter, value)
        rules[index][field.parameter] = value
        renamed = Rule.model_validate(rules[index])
        name = str(rules[index]["name"])
        rules[index]["name"] = name.replace(old, new) if old and old in name \
            else describe_rule(renamed)
        if old:  # the title and the interpretation notes quote the number too
            title = title.replace(old, new)
            data["choices"] = [str(c).replace(old, new) for c in data.get("choices") or []]
    if errors:
        raise FormInvalid(errors)
    data.update(name=f"{scenario.name}-diubah", title=f"{title} ({t('web_edited')})",
                start=start, end=end, workweek=workweek, rules=rules)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:  # a rule the form cannot name: one sentence, no field
        details = "; ".join(str(err["msg"]) for err in exc.errors())
        raise ScenarioError(t("web_bad_scenario", detail=details)) from None


def _said(parameter: str, value: float) -> str:
    """How a circular writes the number in a name or title ("25%"); counts and levels are
    too short to replace safely, so the name is said again in full instead."""
    return percent(float(value), "id").replace(",", ".") if parameter == "share" else ""


def _date(text: str, field: str, errors: dict[str, str]) -> date | None:
    """dd/mm/yyyy as HR writes it, or the ISO date a browser's date picker sends."""
    text = text.strip()
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        errors[field] = t("web_err_date", value=text)
        return None


def _number(text: str, field: RuleField, errors: dict[str, str]) -> int | float | None:
    try:
        if field.parameter == "share":
            share = float(text)
            if not 0 <= share <= 100:
                raise ValueError
            return share / 100
        number = int(text)
        if number < (1 if field.parameter == "levels" else 0):
            raise ValueError
        return number
    except ValueError:
        errors[field.key] = t(f"web_err_{field.parameter}", value=text)
        return None


def to_toml(scenario: Scenario) -> str:
    """The scenario as a TOML file that loads back to the same scenario."""
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    data["start"], data["end"] = scenario.start, scenario.end
    return tomli_w.dumps(data)
