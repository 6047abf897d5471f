"""A circular as a form (the rule editor), and the form or an uploaded TOML back as a scenario.

The editor is a table driven by `KINDS`: one entry per rule kind says which number the
kind takes and which scopes (`per`) it may have, so a new kind of the scenario language
is one entry here (and its words in the catalogue). HR adds and removes rules, picks who
each is about, and edits its number (% shown as %, dates dd/mm/yyyy). Every field is
checked before the scenario is built, so the user reads a sentence beside the field, never
a pydantic path; the result then goes through the same pydantic validation as a file, so
the saved TOML is exactly what `--scenario FILE` reads. Nothing is softened here: a rule
that cannot hold is saved as written and the solve says so.

An uploaded TOML gets the checks of `--scenario FILE` (`load_scenario`), with each problem
said in the page's language (`toml_problems`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, get_args

import tomli_w
from pydantic import ValidationError

from wfh_solver.base.messages import CATALOGUE, language, t
from wfh_solver.domain.calendar import check_period
from wfh_solver.domain.employee import ROLES, SUB_UNIT_KINDS, UNIT_TYPES, Category
from wfh_solver.policy.patterns import PatternError, compile_pattern
from wfh_solver.policy.scenario import Flag, Rule, RuleKind, Scenario, ScenarioError, Selector
from wfh_solver.policy.wording import describe_rule, describe_who, kind_label, percent
from wfh_solver.read.textfile import TextFileError, TomlError, read_toml

#: The bounds of each kind of number, as HR types it (a share in percent).
BOUNDS: dict[str, tuple[int, int | None]] = {
    "count": (0, None), "share": (0, 100), "levels": (1, 5), "days": (0, 366)}
AREAS = ("unit", "sub_unit", "organisation")


@dataclass(frozen=True, slots=True)
class KindForm:
    """How the editor shows one rule kind."""

    parameter: str | None = None  # count, share, levels, days; None: the rule has no number
    scopes: tuple[str, ...] = ()  # the `per` HR may choose; (): the kind has no scope
    low: int | None = None  # a smaller bound than BOUNDS' (a run of days is at least 1)


#: One entry per rule kind. Kinds not (yet) in the scenario language are not offered.
KINDS: dict[str, KindForm] = {
    "always_in_office": KindForm(),
    "always_at_home": KindForm(),
    "exempt_units": KindForm(),
    "top_levels": KindForm("levels", ("unit", "sub_unit")),
    "min_present": KindForm("count", AREAS),
    "min_office_share": KindForm("share", AREAS),
    "max_office_share": KindForm("share", AREAS),
    "wfh_share_target": KindForm("share", AREAS),
    # each person's own days (branch s6-rules)
    "min_office_days": KindForm("days", ("week", "period")),
    "max_office_days": KindForm("days", ("week", "period")),
    "max_consecutive_wfh": KindForm("days", (), low=1),
    "max_consecutive_wfo": KindForm("days", (), low=1),
}

#: Selector fields chosen from a list, with the catalogue prefix of their words.
CHOICES: dict[str, tuple[tuple[str, ...], str]] = {
    "categories": (tuple(c.value for c in Category), "cat"),
    "roles": (ROLES, "role"),
    "flags": (get_args(Flag), "flag"),
    "unit_types": (UNIT_TYPES, "ut"),
    "sub_unit_kinds": (SUB_UNIT_KINDS, "suk"),
}
#: Selector fields typed as text, several values separated by ';'.
TEXTS = ("units", "sub_units", "positions", "eselon", "statuses")
PATTERNS = ("units", "sub_units", "positions")
MAX_RULES = 60
_ESELON = re.compile(r"(I|II|III|IV|V)(\.[ab])?")


def kinds() -> list[str]:
    """The kinds the editor offers: those of the scenario language, in `KINDS` order."""
    known = get_args(RuleKind)
    return [kind for kind in KINDS if kind in known]


def choice_label(name: str, value: str) -> str:
    """A selector value in the user's words ("pelaksana", "Kepala Seksi")."""
    key = f"{CHOICES[name][1]}_{value}"
    return t(key) if key in CATALOGUE[language()] else value.replace("_", " ")


def scope_label(per: str) -> str:
    key = f"per_{per}"
    return t(key) if key in CATALOGUE[language()] else per.replace("_", " ")


@dataclass(slots=True)
class Row:
    """One rule of the editor, as the form holds it (`r<id>-…` fields)."""

    id: str
    origin: int | None  # the rule of the base scenario it started from; None: added
    kind: str
    per: str
    value: str  # as typed: a share in percent
    who: dict[str, tuple[str, ...]] = field(default_factory=dict)
    name: str = ""  # the rule's name once the form is read (`named`)

    def key(self, part: str) -> str:
        return f"r{self.id}-{part}"

    @property
    def parameter(self) -> str | None:
        spec = KINDS.get(self.kind)
        return spec.parameter if spec else None

    @property
    def scopes(self) -> tuple[str, ...]:
        spec = KINDS.get(self.kind)
        return spec.scopes if spec else ()

    def text(self, name: str) -> str:
        return "; ".join(self.who.get(name, ()))


@dataclass(frozen=True, slots=True)
class RuleField:
    """One editable number (kept for callers of the first form: key, rule, kind, value)."""

    key: str
    rule: str
    kind: str
    parameter: str
    value: str


def _shown(rule: Rule, parameter: str | None) -> str:
    if parameter is None:
        return ""
    value = getattr(rule, parameter, None)
    if value is None:
        return ""
    return f"{value * 100:g}" if parameter == "share" else str(value)


def rows_of(scenario: Scenario) -> list[Row]:
    """The scenario's rules as editor rows."""
    rows = []
    for k, rule in enumerate(scenario.rules):
        spec = KINDS.get(rule.kind, KindForm())
        who = {name: tuple(str(v) for v in getattr(rule.who, name))
               for name in (*CHOICES, *TEXTS) if getattr(rule.who, name)}
        rows.append(Row(str(k), k, rule.kind, rule.per, _shown(rule, spec.parameter), who,
                        rule.name))
    return rows


def rule_fields(scenario: Scenario) -> list[RuleField]:
    """The numbers of the scenario's rules, as the form names them."""
    return [RuleField(row.key("value"), row.name, row.kind, row.parameter, row.value)
            for row in rows_of(scenario) if row.parameter]


def new_row(kind: str, rows: Sequence[Row]) -> Row:
    """A rule added in the editor, with a plain first number."""
    spec = KINDS[kind]
    taken = {row.id for row in rows}
    number = next(n for n in range(len(rows) + 1) if f"n{n}" not in taken)
    first = {"count": "1", "share": "30", "levels": "1", "days": "1", None: ""}
    return Row(f"n{number}", None, kind, spec.scopes[0] if spec.scopes else "unit",
               first[spec.parameter])


def rows_from_form(scenario: Scenario, form: Mapping[str, Any]) -> list[Row]:
    """The editor's rows as posted. A form without the `rows` field (the first form, which
    only had numbers) is the scenario's rules with the numbers posted."""
    listed = form.get("rows")
    if listed is None:
        rows = rows_of(scenario)
        for row in rows:
            row.value = str(form.get(row.key("value"), row.value))
        return rows
    rows = []
    for row_id in str(listed).split()[:MAX_RULES]:
        if not re.fullmatch(r"n?\d{1,3}", row_id):
            continue
        origin_text = str(form.get(f"r{row_id}-from", ""))
        origin = int(origin_text) if origin_text.isdigit() \
            and int(origin_text) < len(scenario.rules) else None
        row = Row(row_id, origin, str(form.get(f"r{row_id}-kind", "")),
                  str(form.get(f"r{row_id}-per", "")), str(form.get(f"r{row_id}-value", "")))
        getlist = getattr(form, "getlist", None)
        for name in CHOICES:
            values = getlist(row.key(name)) if getlist else []
            row.who[name] = tuple(str(v) for v in values if str(v))
        for name in TEXTS:
            row.who[name] = tuple(part.strip() for part in str(form.get(row.key(name), ""))
                                  .split(";") if part.strip())
        row.who = {k: v for k, v in row.who.items() if v}
        rows.append(row)
    return rows


class FormInvalid(ScenarioError):
    """Fields of the circular form that cannot be used, each with a sentence in the user's
    language and units, shown next to the field (`fields`: form key → message)."""

    def __init__(self, fields: dict[str, str], rows: list[Row] | None = None) -> None:
        super().__init__(t("web_form_invalid") + " " + " ".join(fields.values()))
        self.fields = fields
        self.rows = rows or []


def apply_form(scenario: Scenario, form: Mapping[str, Any]) -> Scenario:
    """The scenario as the form says: its period, working week and rules (added, removed,
    changed). A changed number is written into the rule's name and the title too."""
    rows = rows_from_form(scenario, form)
    errors: dict[str, str] = {}
    start = _date(str(form.get("start", "")), "start", errors)
    end = _date(str(form.get("end", "")), "end", errors)
    if start and end:
        if end < start:
            errors["end"] = t("web_err_end_before", start=f"{start:%d/%m/%Y}")
        else:
            try:
                check_period(start, end)
            except ValueError:
                errors["end"] = t("web_err_window")
    workweek = str(form.get("workweek", scenario.workweek))
    if workweek not in ("mon-fri", "mon-sat"):
        errors["workweek"] = t("web_err_workweek")
    rules = [_rule_data(scenario, row, errors) for row in rows]
    title, choices = _retitled(scenario, rows, rules)
    _named(scenario, rows, rules)
    if errors:
        raise FormInvalid(errors, rows)
    data: dict[str, Any] = scenario.model_dump()
    edited = t("web_edited")
    data.update(name=scenario.name if scenario.name.endswith("-diubah")
                else f"{scenario.name}-diubah",
                title=title if title.endswith(f"({edited})") else f"{title} ({edited})",
                choices=choices, start=start, end=end, workweek=workweek, rules=rules,
                intent=_intent(scenario, rules))
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:  # what the fields alone cannot see: beside the rule
        fields = {}
        for err in exc.errors():
            loc = list(err["loc"])
            key = rows[loc[1]].key("value") if len(loc) > 1 and loc[0] == "rules" \
                and isinstance(loc[1], int) and loc[1] < len(rows) else "rules"
            fields[key] = _message(err, data)
        raise FormInvalid(fields, rows) from None


def preview(scenario: Scenario, rows: Sequence[Row]) -> tuple[str, dict[str, str]]:
    """The title and each row's name as saving would make them, and the fields' problems so
    far: what the editor shows after a rule is added or removed, before it is saved."""
    errors: dict[str, str] = {}
    rules = [_rule_data(scenario, row, errors) for row in rows]
    title, _ = _retitled(scenario, rows, rules)
    _named(scenario, rows, rules)
    return title, errors


def who_text(row: Row) -> str:
    """Whom the row's rule is about, in words ("pelaksana di seksi"); the codes when the
    fields cannot be read yet."""
    try:
        return describe_who(Selector.model_validate({k: list(v) for k, v in row.who.items()}))
    except ValidationError:
        return "; ".join(v for values in row.who.values() for v in values)


def _rule_data(scenario: Scenario, row: Row, errors: dict[str, str]) -> dict[str, Any]:
    """The rule a row describes, as scenario data; its problems into `errors`."""
    spec = KINDS.get(row.kind)
    if spec is None or row.kind not in get_args(RuleKind):
        errors[row.key("kind")] = t("web_err_kind")
        return {"name": row.name or row.id, "kind": row.kind}
    base = scenario.rules[row.origin] if row.origin is not None else None
    if spec.scopes:
        per = row.per
        if per not in spec.scopes:
            errors[row.key("per")] = t("web_err_scope", kind=kind_label(row.kind),
                                       scopes=", ".join(scope_label(s) for s in spec.scopes))
    else:
        per = base.per if base is not None and base.kind == row.kind else "unit"
    row.per = per
    data: dict[str, Any] = {"name": row.name or row.id, "kind": row.kind, "per": per}
    if spec.parameter is not None:
        number = _number(row.value, spec, row.key("value"), errors)
        if number is not None:
            data[spec.parameter] = number
    who: dict[str, Any] = {}
    for name, values in row.who.items():
        problem = _who_problem(name, values)
        if problem:
            errors[row.key(name)] = problem
        # a list comes back in the list's order: the circular's own order where it had one
        first = tuple(getattr(base.who, name)) if base is not None else ()
        who[name] = sorted(values, key=lambda v: first.index(v) if v in first else len(first))
    if base is not None and base.who.exclude is not None:
        who["exclude"] = base.who.exclude.model_dump(exclude_defaults=True)
    data["who"] = who
    if base is not None and base.note:
        data["note"] = base.note
    return data


def _who_problem(name: str, values: Iterable[str]) -> str:
    for value in values:
        if name in CHOICES and value not in CHOICES[name][0]:
            return t("web_err_unknown_value", value=value, known=", ".join(
                choice_label(name, v) for v in CHOICES[name][0]))
        if name == "eselon" and not _ESELON.fullmatch(value):
            return t("web_err_eselon", value=value)
        if name in PATTERNS:
            try:
                compile_pattern(value)
            except PatternError:
                return t("web_err_pattern", value=value)
    return ""


def _said(parameter: str | None, value: object) -> str:
    """How a circular writes the number in a name or title ("25%"); counts and levels are
    too short to replace safely, so the name is said again in full instead."""
    if parameter != "share" or not isinstance(value, int | float):
        return ""
    return percent(float(value), "id").replace(",", ".")


def _retitled(scenario: Scenario, rows: Sequence[Row],
              rules: Sequence[dict[str, Any]]) -> tuple[str, list[str]]:
    """The title and interpretation notes with each changed share written anew."""
    title, choices = scenario.title, [str(c) for c in scenario.choices]
    for row, rule in zip(rows, rules, strict=True):
        if row.origin is None or row.parameter != "share" or "share" not in rule:
            continue
        old = _said("share", scenario.rules[row.origin].share)
        new = _said("share", rule["share"])
        if old and old != new:
            title = title.replace(old, new)
            choices = [c.replace(old, new) for c in choices]
    return title, choices


def _named(scenario: Scenario, rows: Sequence[Row], rules: list[dict[str, Any]]) -> None:
    """Each rule's name: kept when nothing changed, the number replaced in it when only the
    number changed, else said anew from the rule; made unique."""
    seen: set[str] = set()
    for row, rule in zip(rows, rules, strict=True):
        name = _name_of(scenario, row, rule)
        unique, k = name, 2
        while unique in seen:
            unique, k = f"{name} ({k})", k + 1
        seen.add(unique)
        rule["name"] = row.name = unique


def _name_of(scenario: Scenario, row: Row, rule: dict[str, Any]) -> str:
    base = scenario.rules[row.origin] if row.origin is not None else None
    try:
        said = describe_rule(Rule.model_validate({**rule, "name": "x"}))
    except ValidationError:
        said = base.name if base is not None else kind_label(row.kind)
    if base is None:
        return said
    try:
        who = Selector.model_validate(rule["who"])
    except ValidationError:
        return said
    same = base.kind == rule["kind"] and base.per == rule.get("per") and base.who == who
    if not same:
        return said
    parameter = KINDS.get(base.kind, KindForm()).parameter
    old, new = getattr(base, parameter or "name", None), rule.get(parameter or "")
    if parameter is None or new is None or old == new:
        return base.name
    before, after = _said(parameter, old), _said(parameter, new)
    return base.name.replace(before, after) if before and before in base.name else said


def _intent(scenario: Scenario, rules: Sequence[dict[str, Any]]) -> str:
    """A WFH share target is pursued only under intent 'wfh_target' (POLICY principle 6):
    a rule of that kind sets it; without one, the circular's own intent, or the default."""
    if any(rule.get("kind") == "wfh_share_target" for rule in rules):
        return "wfh_target"
    return scenario.intent if scenario.intent != "wfh_target" else "max_wfh"


def _date(text: str, key: str, errors: dict[str, str]) -> date | None:
    """dd/mm/yyyy as HR writes it, or the ISO date a browser's date picker sends."""
    text = text.strip()
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        errors[key] = t("web_err_date", value=text)
        return None


def _number(text: str, spec: KindForm, key: str, errors: dict[str, str]) -> int | float | None:
    parameter = spec.parameter or "count"
    text = text.strip().replace(",", ".").removesuffix("%").strip()
    low, high = BOUNDS[parameter]
    low = spec.low if spec.low is not None else low
    try:
        number = float(text) if parameter == "share" else int(text)
        if number < low or (high is not None and number > high):
            raise ValueError
    except ValueError:
        errors[key] = t(f"web_err_{parameter}", value=text, low=low, high=high)
        return None
    return number / 100 if parameter == "share" else number


def to_toml(scenario: Scenario) -> str:
    """The scenario as a TOML file that loads back to the same scenario."""
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    data["start"], data["end"] = scenario.start, scenario.end
    return tomli_w.dumps(data)


# -- an uploaded TOML: the CLI's checks, said in the page's language -------------------------
def toml_problems(path: Path) -> tuple[Scenario | None, list[str]]:
    """The scenario in the file, or each reason it cannot be used, in HR's words: the
    checks of `load_scenario` (what `--scenario FILE` runs), messages of our own."""
    try:
        data = read_toml(path)
    except TextFileError as exc:
        return None, [t("web_toml_unreadable", detail=str(exc))]
    except TomlError as exc:
        found = re.search(r"line (\d+), column (\d+)", str(exc))
        if found:
            return None, [t("web_toml_syntax", line=found[1], column=found[2])]
        return None, [t("web_toml_syntax_somewhere")]
    try:
        return Scenario.model_validate(data), []
    except ValidationError as exc:
        return None, list(dict.fromkeys(
            f"{where}: {_message(err, data)}" if (where := _where(list(err["loc"]), data))
            else _message(err, data) for err in exc.errors()))


def _where(loc: list[int | str], data: Mapping[str, Any]) -> str:
    """Where in the file, in words: 'aturan ke-2 («Minimal 30%»), kunci `share`'."""
    if not loc:
        return ""
    if loc[0] == "rules" and len(loc) > 1 and isinstance(loc[1], int):
        rules = data.get("rules")
        rule = rules[loc[1]] if isinstance(rules, list) and loc[1] < len(rules) else None
        name = rule.get("name") if isinstance(rule, dict) else None
        said = t("web_toml_rule", number=loc[1] + 1, name=f" («{name}»)" if name else "")
        rest = ".".join(str(p) for p in loc[2:] if not isinstance(p, int))
        return f"{said}, {t('web_toml_key', key=rest)}" if rest else said
    return t("web_toml_key", key=".".join(str(p) for p in loc if not isinstance(p, int)))


def _message(err: Any, data: Mapping[str, Any]) -> str:
    """One pydantic error as a sentence of the catalogue."""
    kind, loc, value = err["type"], list(err["loc"]), err.get("input")
    last = str(loc[-1]) if loc and not isinstance(loc[-1], int) else ""
    context = err.get("ctx") or {}
    if kind == "missing":
        return t("web_err_missing")
    if kind == "extra_forbidden":
        return t("web_err_unknown_key")
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        if last == "share":
            return t("web_err_share_file", value=value)
        low, high = context.get("ge", context.get("gt", "")), context.get("le",
                                                                            context.get("lt", ""))
        return t("web_err_range_high" if "le" in context or "lt" in context
                 else "web_err_range_low", value=value, low=low, high=high)
    if kind == "literal_error":
        return t("web_err_choice", value=value, choices=context.get("expected", ""))
    if kind.startswith(("int_", "float_", "bool_", "decimal_")):
        return t("web_err_not_number", value=value)
    if kind.startswith(("date_", "datetime_")):
        return t("web_err_toml_date", value=value)
    if kind.startswith("string_"):
        return t("web_err_not_text")
    if kind.startswith(("tuple_", "list_")):
        return t("web_err_not_list")
    if kind.startswith(("dict_", "model_")):
        return t("web_err_not_table")
    if kind == "value_error":
        return _value_error(loc, last, value, data)
    return t("web_err_value", value=value)


def _value_error(loc: list[int | str], last: str, value: Any,
                 data: Mapping[str, Any]) -> str:
    """The scenario's own checks (validators of `policy/scenario.py`, whose messages are
    English), each found again in the data and said from the catalogue."""
    if last in CHOICES or last in ("eselon", *PATTERNS):
        values = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
        return _who_problem(last, values) or t("web_err_value", value=value)
    if len(loc) == 2 and loc[0] == "rules" and isinstance(value, dict):
        kind = str(value.get("kind", ""))
        spec = KINDS.get(kind)
        if spec is not None and spec.parameter and value.get(spec.parameter) is None:
            return t("web_err_needs", kind=kind_label(kind), parameter=spec.parameter)
        if spec is not None and spec.scopes and value.get("per", "unit") not in spec.scopes:
            return t("web_err_scope", kind=kind_label(kind),
                     scopes=", ".join(scope_label(s) for s in spec.scopes))
    if not loc:
        rules = [r for r in data.get("rules") or [] if isinstance(r, dict)]
        names = [r.get("name") for r in rules]
        if isinstance(value, dict) and isinstance(value.get("start"), date) \
                and isinstance(value.get("end"), date) and value["end"] < value["start"]:
            return t("web_err_end_before", start=f"{value['start']:%d/%m/%Y}")
        if len(set(map(str, names))) != len(names):
            return t("web_err_unique")
        if ("wfh_share_target" in {r.get("kind") for r in rules}) != (
                data.get("intent") == "wfh_target"):
            return t("web_err_intent", kind=kind_label("wfh_share_target"))
        period = _period_problem(data)
        if period:
            return period
    return t("web_err_value", value=value if not isinstance(value, dict) else "")


def _period_problem(data: Mapping[str, Any]) -> str:
    """The period's limits, checked by `check_period`, which already speaks HR's words."""
    start, end = data.get("start"), data.get("end")
    if not isinstance(start, date) or not isinstance(end, date):
        return ""
    try:
        check_period(start, end, str(data.get("workweek", "mon-fri")))
    except ValueError as exc:
        return str(exc)
    return ""
