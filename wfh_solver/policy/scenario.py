"""Scenario files: one TOML per circular, validated with pydantic.

The format is general: a rule is a kind plus a selector (`who`) and a scope (`per`),
so a new circular is a new file, not new code.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from wfh_solver.base.messages import t
from wfh_solver.domain.calendar import check_period
from wfh_solver.domain.employee import ROLES, SUB_UNIT_KINDS, UNIT_TYPES, Category
from wfh_solver.policy.patterns import compile_pattern
from wfh_solver.read.textfile import TextFileError, TomlError, read_toml

RuleKind = Literal[
    "always_in_office",
    "always_at_home",
    "exempt_units",
    "min_present",
    "min_office_share",
    "max_office_share",
    "wfh_share_target",
    "top_levels",
    "min_office_days",
    "max_office_days",
    "max_consecutive_wfh",
    "max_consecutive_wfo",
]
#: Rules about each person's own days (docs/model.md, "Rules about each person's days"):
#: `per` is `week` or `period` for the office-day counts, unused for the runs.
PERSON_KINDS = ("min_office_days", "max_office_days", "max_consecutive_wfh",
                "max_consecutive_wfo")
Flag = Literal["vulnerable", "comorbid", "pregnant", "aged", "must_wfo", "must_wfh", "asn",
               "structural"]


class ScenarioError(ValueError):
    """A scenario file that cannot be used; the message names the file and key."""


class Selector(BaseModel):
    """Who a rule is about. Fields combine with AND; values inside a field with OR."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    categories: tuple[Category, ...] = ()
    eselon: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    unit_types: tuple[str, ...] = ()
    sub_unit_kinds: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    sub_units: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()
    exclude: Selector | None = None

    @field_validator("roles")
    @classmethod
    def _known_roles(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _known(value, ROLES, "role")

    @field_validator("unit_types")
    @classmethod
    def _known_unit_types(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _known(value, UNIT_TYPES, "unit type")

    @field_validator("sub_unit_kinds")
    @classmethod
    def _known_kinds(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _known(value, SUB_UNIT_KINDS, "sub-unit kind")

    @field_validator("eselon")
    @classmethod
    def _eselon_codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for code in value:
            if not re.fullmatch(r"(I|II|III|IV|V)(\.[ab])?", code):
                raise ValueError(f"{code!r} is not an eselon code like 'II' or 'III.a'")
        return value

    @field_validator("units", "sub_units", "positions")
    @classmethod
    def _patterns(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in value:
            compile_pattern(pattern)  # PatternError is a ValueError: pydantic reports it
        return value

    def describe(self) -> str:
        parts = []
        for name in ("categories", "eselon", "roles", "unit_types", "sub_unit_kinds", "units",
                     "sub_units", "positions", "statuses", "flags"):
            values = getattr(self, name)
            if values:
                parts.append(f"{name}=" + "|".join(str(v) for v in values))
        if self.exclude is not None:
            parts.append(f"except ({self.exclude.describe()})")
        return ", ".join(parts) or "everyone"


def _known(value: tuple[str, ...], allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    for item in value:
        if item not in allowed:
            raise ValueError(f"unknown {what} {item!r}; known: {', '.join(allowed)}")
    return value


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    kind: RuleKind
    who: Selector = Field(default_factory=Selector)
    per: Literal["unit", "sub_unit", "organisation", "week", "period"] = "unit"
    count: int | None = Field(default=None, ge=0)
    days: int | None = Field(default=None, ge=0, le=366)
    share: float | None = Field(default=None, ge=0.0, le=1.0)
    levels: int | None = Field(default=None, ge=1, le=5)
    note: str = ""

    @model_validator(mode="after")
    def _parameters(self) -> Rule:
        needs = {
            "min_present": "count",
            "min_office_share": "share",
            "max_office_share": "share",
            "wfh_share_target": "share",
            "top_levels": "levels",
            "min_office_days": "days",
            "max_office_days": "days",
            "max_consecutive_wfh": "days",
            "max_consecutive_wfo": "days",
        }
        field = needs.get(self.kind)
        if field is not None and getattr(self, field) is None:
            raise ValueError(f"rule {self.name!r} of kind {self.kind} needs `{field}`")
        if self.kind == "top_levels" and self.per == "organisation":
            raise ValueError(f"rule {self.name!r}: top_levels works per unit or sub_unit")
        if self.kind in ("min_office_days", "max_office_days") and self.per not in (
                "week", "period"):
            raise ValueError(f"rule {self.name!r} of kind {self.kind} counts each person's "
                             "days: set per = \"week\" or per = \"period\"")
        if self.kind not in PERSON_KINDS and self.per in ("week", "period"):
            raise ValueError(f"rule {self.name!r}: per = {self.per!r} is only for "
                             "min_office_days and max_office_days")
        if self.kind.startswith("max_consecutive") and self.per == "period":
            raise ValueError(f"rule {self.name!r}: a run of days is not counted per period; "
                             "leave `per` out")
        if self.kind.startswith("max_consecutive") and self.days is not None and self.days < 1:
            raise ValueError(f"rule {self.name!r}: days must be at least 1 "
                             "(0 would forbid every day)")
        if self.days is not None and self.kind not in PERSON_KINDS:
            raise ValueError(f"rule {self.name!r}: `days` is only for "
                             + ", ".join(PERSON_KINDS))
        return self


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    title: str
    source: str
    reference: str = ""
    region: str = ""
    start: date
    end: date
    workweek: Literal["mon-fri", "mon-sat"] = "mon-fri"
    intent: Literal["max_wfh", "wfh_target", "max_wfo"] = "max_wfh"
    # "tim": among rosters with the same levels, fixed teams per sub-unit (model/teams.py)
    rotation: Literal["bergilir", "tim"] = "bergilir"
    vulnerable_age: int = Field(default=50, ge=0, le=100)
    choices: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        check_period(self.start, self.end, self.workweek)  # the date window and the columns
        names = [r.name for r in self.rules]
        if len(set(names)) != len(names):
            raise ValueError("rule names must be unique")
        has_target = any(r.kind == "wfh_share_target" for r in self.rules)
        if self.intent == "wfh_target" and not has_target:
            raise ValueError("intent 'wfh_target' needs a rule of kind wfh_share_target")
        if self.intent != "wfh_target" and has_target:
            # POLICY principle 6: a circular that sets a WFH share wants it hit each day,
            # which is what intent 'wfh_target' optimises; under another intent the
            # target would be silently missed, so it is refused rather than guessed.
            rule = next(r.name for r in self.rules if r.kind == "wfh_share_target")
            raise ValueError(f"rule {rule!r} is a wfh_share_target, which only the intent "
                             f"'wfh_target' pursues, but intent is {self.intent!r}: set "
                             "intent = \"wfh_target\" or remove the rule")
        return self

    def with_period(self, start: date | None, end: date | None,
                    workweek: str | None = None) -> Scenario:
        """The same rules over another period (planners: 'these rules, for all of April').

        Checked like a TOML file: a wrong value raises `ScenarioError`, never a silent roster.
        """
        data = self.model_dump()
        data["start"] = start or self.start
        data["end"] = end or self.end
        if data["end"] < data["start"]:
            raise ScenarioError(_reversed_period(self, start, end, data["start"], data["end"]))
        data["workweek"] = workweek or self.workweek
        return self._revalidated(data)

    def rule(self, name: str) -> Rule:
        """The rule of that name; a clear error listing the rule names otherwise."""
        for rule in self.rules:
            if rule.name == name:
                return rule
        raise ScenarioError(f"{self.name}: " + t("scenario_no_rule", rule=name, rules="; ".join(
            repr(r.name) for r in self.rules)))

    def with_rule(self, rule: str | Rule, **changes: object) -> Scenario:
        """This scenario with one rule changed, added or replaced, validated as in TOML.

        `with_rule("Minimal 30% pegawai masuk per OPD", share=0.5)` changes that rule's
        fields; a name the scenario lacks adds a rule when `kind` is given; a `Rule`
        object replaces the rule of its name or is added. `share=5.0` raises the same
        `ScenarioError` a TOML file with `share = 5.0` would.
        """
        data = self.model_dump()
        rules: list[dict[str, object]] = list(data["rules"])
        data["rules"] = rules
        if isinstance(rule, Rule):
            new = {**rule.model_dump(), **changes}
            name = rule.name
        else:
            name = rule
            new = {"name": rule, **changes}
        position = next((k for k, r in enumerate(rules) if r["name"] == name), None)
        if position is not None:
            base = rules[position] if not isinstance(rule, Rule) else {}
            rules[position] = {**base, **new}
        elif isinstance(rule, Rule) or "kind" in changes:
            rules.append(new)
        else:
            self.rule(name)  # raises: no such rule
        return self._revalidated(data)

    def without_rule(self, name: str) -> Scenario:
        """This scenario without the named rule ('what if schools were not exempt')."""
        self.rule(name)
        data = self.model_dump()
        data["rules"] = [r for r in data["rules"] if r["name"] != name]
        return self._revalidated(data)

    def renamed(self, name: str, title: str | None = None) -> Scenario:
        """The same scenario under another name: the label a sweep or comparison shows."""
        data = self.model_dump()
        data["name"] = name
        data["title"] = title or self.title
        return self._revalidated(data)

    def _revalidated(self, data: dict[str, object]) -> Scenario:
        try:
            return Scenario.model_validate(data)
        except ValidationError as exc:
            raise ScenarioError(f"{self.name}: " + _explain(exc, data)) from None


def _reversed_period(scenario: Scenario, start: date | None, end: date | None,
                     first: date, last: date) -> str:
    """One sentence naming which end of the period came from the scenario."""
    dmy = "%d/%m/%Y"
    if end is None:
        return t("period_after_scenario", start=first.strftime(dmy), end=last.strftime(dmy),
                 which=t("period_of_scenario", name=scenario.name))
    if start is None:
        return t("period_before_scenario", start=first.strftime(dmy), end=last.strftime(dmy),
                 which=t("period_start_of_scenario", name=scenario.name))
    return t("period_after_scenario", start=first.strftime(dmy), end=last.strftime(dmy),
             which="")


def bundled_dir() -> Path:
    return Path(str(resources.files("wfh_solver") / "scenarios"))


def bundled_names() -> list[str]:
    return sorted(p.stem for p in bundled_dir().glob("*.toml"))


def load_scenario(spec: str | Path) -> Scenario:
    """A scenario by path or by bundled name (`jateng-2020`)."""
    path = Path(spec)
    if not path.exists():
        candidate = bundled_dir() / f"{spec}.toml"
        if not candidate.exists():
            names = bundled_names()
            guess = difflib.get_close_matches(str(spec).lower(), names, n=1, cutoff=0.6)
            if guess:
                raise ScenarioError(t("scenario_did_you_mean", name=str(spec), guess=guess[0]))
            raise ScenarioError(t("scenario_not_found", name=str(spec), names=", ".join(names)))
        path = candidate
    try:  # bounded: `-s /dev/zero` or a 500 MB file is refused, never read whole
        data = read_toml(path)
    except TextFileError as exc:
        raise ScenarioError(f"{path}: " + t("scenario_unreadable", detail=exc)) from None
    except TomlError as exc:
        raise ScenarioError(f"{path}: " + t("scenario_bad_toml", detail=exc)) from None
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(f"{path}: " + _explain(exc, data)) from None


def _explain(exc: ValidationError, data: dict[str, object]) -> str:
    lines = []
    for err in exc.errors():
        loc = list(err["loc"])
        where = _location(loc, data)
        if err["type"] == "extra_forbidden":
            lines.append(t("scenario_unknown_key", key=where))
        else:
            message = str(err["msg"]).removeprefix("Value error, ")
            lines.append(f"`{where}`: {message}" if where else message)
    return "; ".join(lines)


def _location(loc: list[int | str], data: object) -> str:
    """`rules[2].who.roles` with the rule's name, so HR can find it in the file."""
    parts: list[str] = []
    node = data
    for item in loc:
        if isinstance(item, int):
            name = node[item].get("name") if isinstance(node, list) and item < len(node) \
                and isinstance(node[item], dict) else None
            parts[-1] += f"[{item}]" + (f" ({name!r})" if name else "") if parts else ""
            node = node[item] if isinstance(node, list) and item < len(node) else None
        else:
            parts.append(str(item))
            node = node.get(item) if isinstance(node, dict) else None
    return ".".join(parts)
