"""Scenario + employees + calendar → the rules as concrete, per-unit requirements.

Everything the model needs is decided here: who is fixed (and by which rule), each
per-day minimum/maximum with its members, each WFH target, and the warnings HR
must read. The model never looks at a selector.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction
from operator import attrgetter

import numpy as np
import numpy.typing as npt

from wfh_solver.base.messages import t
from wfh_solver.domain.calendar import Calendar
from wfh_solver.domain.employee import Employee
from wfh_solver.policy.patterns import any_match
from wfh_solver.policy.scenario import PERSON_KINDS, Rule, Scenario, Selector

FREE, FIXED_WFO, FIXED_WFH = 0, 1, 2
PRESENT, LEAVE, TRAVEL = 0, 1, 2
MUST_WFO, MUST_WFH = "Wajib WFO (input)", "Wajib WFH (input)"
PERSONAL = frozenset({MUST_WFO, MUST_WFH})


class PolicyInfeasible(Exception):
    """The rules cannot all hold; `reasons` say which rule, unit and people, in HR terms."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__(reasons[0] if reasons else "the policy cannot be met")


@dataclass(frozen=True, slots=True)
class Requirement:
    """Per working day: `minimum` ≤ (members in office) ≤ `maximum`.

    `daily_minimum` is set when leave or travel leaves fewer eligible members on some
    days than `minimum`: then the rule asks for all who are present (principle 4).
    `daily_maximum` is set when a cap is below the staff other rules pin in office: the
    cap then means "only they come in", so on each day it is the pinned staff present
    that day, and no free member ever takes a pinned person's seat.
    """

    rule: str
    kind: str
    unit: str
    sub_unit: str
    members: tuple[int, ...]
    minimum: int
    maximum: int | None = None
    daily_minimum: tuple[int, ...] | None = None
    daily_maximum: tuple[int, ...] | None = None

    def minimum_on(self, day: int) -> int:
        return self.minimum if self.daily_minimum is None else self.daily_minimum[day]

    def maximum_on(self, day: int) -> int | None:
        return self.maximum if self.daily_maximum is None else self.daily_maximum[day]


@dataclass(frozen=True, slots=True)
class WfhTarget:
    """Per working day, the number of `members` at home should be `target`."""

    rule: str
    unit: str
    members: tuple[int, ...]
    target: int


@dataclass(frozen=True, slots=True)
class PersonRule:
    """A rule about each person's own days (`min_office_days`, `max_office_days`,
    `max_consecutive_wfh`, `max_consecutive_wfo`) and the free staff it holds: staff fixed
    for the whole period by a rule or a personal flag are outside it (that rule is the
    more specific instruction). `per` is `week` or `period` for the counts."""

    rule: str
    kind: str
    per: str
    days: int
    members: tuple[int, ...]


#: Cells of an earlier roster (`Problem.earlier`): blank/unknown, then `read.entries` codes.
EARLIER_NONE, EARLIER_WFO, EARLIER_WFH, EARLIER_CUTI, EARLIER_DL = 0, 1, 2, 3, 4


@dataclass(frozen=True, slots=True)
class Problem:
    scenario: Scenario
    calendar: Calendar
    employees: tuple[Employee, ...]
    fixed: npt.NDArray[np.int8]
    fixed_by: tuple[str, ...]
    vulnerable: npt.NDArray[np.bool_]
    requirements: tuple[Requirement, ...]
    targets: tuple[WfhTarget, ...]
    warnings: tuple[str, ...]
    choices: tuple[str, ...]
    absent: npt.NDArray[np.int8] | None = None  # (employees, days): PRESENT, LEAVE, TRAVEL
    history: npt.NDArray[np.int64] | None = None  # WFH days in earlier periods (--previous)
    pins: npt.NDArray[np.int8] | None = None  # (employees, days): 0 free, FIXED_WFO, FIXED_WFH
    #: what the input files left out or may count twice (pins outside the period, on
    #: unknown staff, changing nothing; an earlier roster of this period): also in
    #: `warnings`, and said on the terminal
    notes: tuple[str, ...] = ()
    person_rules: tuple[PersonRule, ...] = ()
    #: (employees, len(earlier_days)): the earlier roster's cells (`EARLIER_*`) of the
    #: working days just before the period, so that a week or a run of days that began
    #: there counts (`--previous`; `model/history.py::earlier_cells`)
    earlier: npt.NDArray[np.int8] | None = None
    earlier_days: tuple[date, ...] = ()
    #: (employees, days): a published roster's cells (`read/entries.py` codes: 0 none,
    #: WFO 1, WFH 2, CUTI 3, DL 4) that a replan changes as little as it can
    #: (`model/replan.py`), None when not replanning
    published: npt.NDArray[np.int8] | None = None

    def pinned(self) -> npt.NDArray[np.int8]:
        """Cells HR has already decided (`--pin`): FIXED_WFO or FIXED_WFH, 0 elsewhere."""
        if self.pins is None:
            return np.zeros((len(self.employees), self.n_days), dtype=np.int8)
        return self.pins

    def prior_wfh(self) -> npt.NDArray[np.int64]:
        """Per employee, WFH days in the earlier periods; zeros without a history."""
        if self.history is None:
            return np.zeros(len(self.employees), dtype=np.int64)
        return self.history

    def absence(self) -> npt.NDArray[np.int8]:
        if self.absent is None:
            return np.zeros((len(self.employees), self.n_days), dtype=np.int8)
        return self.absent

    @property
    def n_days(self) -> int:
        return len(self.calendar.days)


def _any_match(patterns: Sequence[str], text: str) -> bool:
    return any_match(patterns, text)


def _flag(employee: Employee, flag: str, vulnerable: bool, aged: bool) -> bool:
    return {
        "vulnerable": vulnerable,
        "aged": aged,
        "comorbid": employee.comorbid,
        "pregnant": employee.pregnant_or_nursing,
        "must_wfo": employee.must_wfo,
        "must_wfh": employee.must_wfh,
        "asn": employee.is_asn,
        "structural": employee.structural_level is not None,
    }[flag]


def matches(selector: Selector, employee: Employee, vulnerable: bool, aged: bool) -> bool:
    """Does the selector pick this employee? Empty fields select everyone."""
    s, e = selector, employee
    if s.categories and e.category not in s.categories:
        return False
    if s.eselon and not (e.eselon is not None and any(
            e.eselon == code or e.eselon.split(".")[0] == code for code in s.eselon)):
        return False
    if s.roles and not (e.roles & set(s.roles)):
        return False
    if s.unit_types and e.unit_type not in s.unit_types:
        return False
    if s.sub_unit_kinds and e.sub_unit_kind not in s.sub_unit_kinds:
        return False
    if s.units and not _any_match(s.units, e.unit):
        return False
    if s.sub_units and not _any_match(s.sub_units, e.sub_unit):
        return False
    if s.positions and not _any_match(s.positions, e.position):
        return False
    if s.statuses and e.status not in {x.lower() for x in s.statuses}:
        return False
    if s.flags and not all(_flag(e, f, vulnerable, aged) for f in s.flags):
        return False
    return not (s.exclude is not None and matches(s.exclude, e, vulnerable, aged))


def _scope_kind(rule: Rule) -> str:
    """`organisation`, `sub_unit` or (for any other `per`) `unit`."""
    return rule.per if rule.per in ("organisation", "sub_unit") else "unit"


def _where(unit: str, sub_unit: str) -> str:
    if not unit:
        return t("whole_org")
    return f"{unit} / {sub_unit}" if sub_unit else unit


def _round_half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


# What `matches` reads about an employee for each selector field and flag: staff alike in
# every fact a selector reads are picked alike, so a selector is tried once per distinct
# combination of those facts, not once per person. Keep in step with `matches` and `_flag`;
# a selector field missing here makes `select` compare every fact.
_FIELD_FACTS: dict[str, tuple[str, ...]] = {
    "categories": ("category",), "eselon": ("eselon",), "roles": ("roles",),
    "unit_types": ("unit_type",), "sub_unit_kinds": ("sub_unit_kind",), "units": ("unit",),
    "sub_units": ("sub_unit",), "positions": ("position",), "statuses": ("status",)}
_FLAG_FACTS: dict[str, tuple[str, ...]] = {
    "vulnerable": ("vulnerable",), "aged": ("aged",), "comorbid": ("comorbid",),
    "pregnant": ("pregnant_or_nursing",), "must_wfo": ("must_wfo",), "must_wfh": ("must_wfh",),
    "asn": ("status",), "structural": ("eselon", "category")}
_ALL_FACTS = frozenset(f for facts in (*_FIELD_FACTS.values(), *_FLAG_FACTS.values())
                       for f in facts)


def _alike(codes: list[npt.NDArray[np.int64]]
           ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """For rows of fact codes: the first row of each distinct combination, and each row's
    combination (as an index into the first)."""
    key, size = np.zeros(len(codes[0]), dtype=np.int64), 1
    for column in codes:
        width = int(column.max()) + 1
        size *= width
        if size >= 2**62:  # too many combinations for one integer: compare rows
            _, first, alike = np.unique(np.stack(codes, axis=1), axis=0, return_index=True,
                                        return_inverse=True)
            return first, alike.reshape(-1)
        key = key * width + column
    _, first, alike = np.unique(key, return_index=True, return_inverse=True)
    return first, alike.reshape(-1)


def _facts(selector: Selector) -> frozenset[str]:
    """The employee facts `matches` reads for this selector (its exclusions included)."""
    facts: set[str] = set()
    for name in type(selector).model_fields:
        value = getattr(selector, name)
        if not value:
            continue
        if name == "flags":
            for flag in value:
                facts.update(_FLAG_FACTS.get(flag, _ALL_FACTS))
        elif name == "exclude":
            facts.update(_facts(value))
        else:
            facts.update(_FIELD_FACTS.get(name, _ALL_FACTS))
    return frozenset(facts)


class _Builder:
    def __init__(self, scenario: Scenario, calendar: Calendar,
                 employees: tuple[Employee, ...]) -> None:
        self.scenario, self.calendar, self.employees = scenario, calendar, employees
        n = len(employees)
        self.fixed = np.zeros(n, dtype=np.int8)
        self.fixed_by = [""] * n
        ages: dict[date | None, int | None] = {}
        for e in employees:  # one age per birth date
            if e.birth_date not in ages:
                ages[e.birth_date] = e.age_on(calendar.start)
        threshold = scenario.vulnerable_age
        aged = [(a := ages[e.birth_date]) is not None and a >= threshold for e in employees]
        vulnerable = [old or e.comorbid or e.pregnant_or_nursing  # `Employee.is_vulnerable`
                      for e, old in zip(employees, aged, strict=True)]
        self.aged = np.array(aged, dtype=bool)
        self.vulnerable = np.array(vulnerable, dtype=bool)
        self._codes: dict[str, npt.NDArray[np.int64]] = {
            "aged": self.aged.astype(np.int64), "vulnerable": self.vulnerable.astype(np.int64)}
        self._scope_keys: dict[str, list[tuple[str, str]]] = {}
        self._all_scopes: dict[str, set[tuple[str, str]]] = {}
        self.absent = _absences(calendar, employees)
        self.requirements: list[Requirement] = []
        self.targets: list[WfhTarget] = []
        self.warnings: list[str] = []
        self.conflicts: list[str] = []
        self.exempt: set[int] = set()
        self.empty_scopes: dict[str, int] = defaultdict(int)
        self.person_rules: list[PersonRule] = []

    def select(self, selector: Selector) -> list[int]:
        """The employees the selector picks, in order: `matches` is asked once for each
        distinct combination of the facts it reads, and its answer given to all alike."""
        n = len(self.employees)
        facts = sorted(_facts(selector))
        if n == 0:
            return []
        if not facts:
            first, alike = np.zeros(1, dtype=np.int64), np.zeros(n, dtype=np.int64)
        else:
            first, alike = _alike([self._code(fact) for fact in facts])
        hit = np.array([matches(selector, self.employees[i], bool(self.vulnerable[i]),
                                bool(self.aged[i])) for i in first.tolist()], dtype=bool)
        return np.flatnonzero(hit[alike]).tolist()  # type: ignore[no-any-return]

    def _code(self, fact: str) -> npt.NDArray[np.int64]:
        """Each employee's value of `fact` as a small integer, equal values equal codes."""
        if fact not in self._codes:
            seen: dict[object, int] = {}  # equal as in a dict, numbered as first seen
            self._codes[fact] = np.fromiter(
                (seen.setdefault(value, len(seen))
                 for value in map(attrgetter(fact), self.employees)),
                dtype=np.int64, count=len(self.employees))
        return self._codes[fact]

    def fix(self, indices: Iterable[int], state: int, reason: str) -> int:
        chosen = list(indices)
        if len(set(chosen)) != len(chosen):  # a person twice: the second sees the first
            return self._fix_one_by_one(chosen, state, reason)
        rows = np.asarray(chosen, dtype=np.int64)
        before = self.fixed[rows]
        free = rows[before == FREE]
        self.fixed[free] = state
        for i in free.tolist():
            self.fixed_by[i] = reason
        clashes = rows[(before != FREE) & (before != state)].tolist()
        for i in clashes:  # in the order given, as one by one
            self._clash(i, state, reason)
        return len(free)

    def _fix_one_by_one(self, indices: list[int], state: int, reason: str) -> int:
        count = 0
        for i in indices:
            if self.fixed[i] == FREE:
                self.fixed[i], self.fixed_by[i] = state, reason
                count += 1
            elif self.fixed[i] != state:
                self._clash(i, state, reason)
        return count

    def _clash(self, i: int, state: int, reason: str) -> None:
        e = self.employees[i]
        if self.fixed_by[i] in PERSONAL:
            self.warnings.append(t("personal_override", name=e.name, nip=e.nip, row=e.row,
                                   unit=e.unit, flag=self.fixed_by[i], rule=reason))
        else:
            where = t("where_office" if state == FIXED_WFO else "where_home")
            self.conflicts.append(t("conflict", name=e.name, nip=e.nip, row=e.row,
                                    unit=e.unit, where=where, rule=reason,
                                    other=self.fixed_by[i]))

    def scopes(self, rule: Rule, indices: list[int]) -> dict[tuple[str, str], list[int]]:
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        keys = self._keys(_scope_kind(rule))
        for i in indices:
            groups[keys[i]].append(i)
        return groups

    def all_scopes(self, rule: Rule) -> set[tuple[str, str]]:
        """The scopes of everyone (units or sub-units that exist), made once per kind."""
        kind = _scope_kind(rule)
        if kind not in self._all_scopes:
            self._all_scopes[kind] = set(self._keys(kind))
        return self._all_scopes[kind]

    def _keys(self, kind: str) -> list[tuple[str, str]]:
        """Each employee's scope of this kind; one tuple per distinct scope, shared."""
        if kind not in self._scope_keys:
            employees = self.employees
            pairs = (("", "") for _ in employees) if kind == "organisation" else (
                (e.unit, e.sub_unit) for e in employees) if kind == "sub_unit" else (
                (e.unit, "") for e in employees)
            seen: dict[tuple[str, str], tuple[str, str]] = {}
            self._scope_keys[kind] = [seen.setdefault(pair, pair) for pair in pairs]
        return self._scope_keys[kind]


def build_problem(scenario: Scenario, calendar: Calendar,
                  employees: tuple[Employee, ...]) -> Problem:
    """Apply every rule in a fixed order: personal flags, fixing rules, then counts."""
    b = _Builder(scenario, calendar, employees)
    b.fix((i for i, e in enumerate(employees) if e.must_wfo), FIXED_WFO, MUST_WFO)
    b.fix((i for i, e in enumerate(employees) if e.must_wfh), FIXED_WFH, MUST_WFH)
    order = ("exempt_units", "always_in_office", "top_levels", "always_at_home",
             "min_present", "min_office_share", "max_office_share", "wfh_share_target")
    for kind in order:
        for rule in scenario.rules:
            if rule.kind == kind:
                _APPLY[kind](b, rule)
    for rule in scenario.rules:
        if rule.kind in PERSON_KINDS:
            _apply_person(b, rule)
    if b.conflicts:
        raise PolicyInfeasible(b.conflicts)
    for rule_name, count in b.empty_scopes.items():
        if count:
            b.warnings.append(t("empty_scopes", rule=rule_name, count=count))
    _check_counts(b)
    return Problem(scenario, calendar, employees, b.fixed, tuple(b.fixed_by), b.vulnerable,
                   tuple(b.requirements), tuple(b.targets), tuple(b.warnings),
                   tuple(scenario.choices), b.absent, person_rules=tuple(b.person_rules))


def _apply_person(b: _Builder, rule: Rule) -> None:
    """A rule about each person's days holds the free staff it selects (after every
    fixing rule, so that who is fixed is known)."""
    assert rule.days is not None
    members = tuple(i for i in b.select(rule.who) if b.fixed[i] == FREE)
    per = rule.per if rule.per in ("week", "period") else ""
    b.person_rules.append(PersonRule(rule.name, rule.kind, per, rule.days, members))


def _apply_fixing(state: int) -> Callable[[_Builder, Rule], None]:
    def apply(b: _Builder, rule: Rule) -> None:
        b.fix(b.select(rule.who), state, rule.name)
    return apply


def _apply_exempt(b: _Builder, rule: Rule) -> None:
    """Exempt units stay in office, and leave the base and count of office shares."""
    selected = b.select(rule.who)
    b.exempt.update(selected)
    b.fix(selected, FIXED_WFO, rule.name)


def _apply_top_levels(b: _Builder, rule: Rule) -> None:
    """SE 19/2020: the N highest structural (eselon) levels present in each unit stay in."""
    assert rule.levels is not None
    for _, members in sorted(b.scopes(rule, b.select(rule.who)).items()):
        levels = sorted({lv for i in members
                         if (lv := b.employees[i].structural_level) is not None})[: rule.levels]
        b.fix((i for i in members if b.employees[i].structural_level in levels), FIXED_WFO,
              rule.name)


def _add_requirement(b: _Builder, rule: Rule, unit: str, sub_unit: str, members: list[int],
                     minimum: int, maximum: int | None) -> None:
    at_home = sum(1 for i in members if b.fixed[i] == FIXED_WFH)
    available = len(members) - at_home
    if minimum > available:
        b.warnings.append(t("capped", where=_where(unit, sub_unit), rule=rule.name,
                            minimum=minimum, available=available))
        minimum = available
    daily = _daily_minimum(b, members, minimum)
    if daily is not None and min(daily) < minimum:
        short = [b.calendar.days[d].strftime("%d/%m") for d, m in enumerate(daily)
                 if m < minimum]
        b.warnings.append(t("capped_days", where=_where(unit, sub_unit), rule=rule.name,
                            minimum=minimum, dates=", ".join(short)))
    b.requirements.append(Requirement(rule.name, rule.kind, unit, sub_unit, tuple(members),
                                      minimum, maximum, daily))


def _daily_minimum(b: _Builder, members: list[int], minimum: int) -> tuple[int, ...] | None:
    """Per day, the minimum capped by who is neither on leave/travel nor fixed at home."""
    if b.absent is None or minimum == 0:
        return None
    rows = np.asarray(members)
    away = b.absent[rows] != PRESENT
    if not away.any():
        return None
    eligible = (~away & (b.fixed[rows] != FIXED_WFH)[:, None]).sum(axis=0)
    daily = tuple(int(x) for x in np.minimum(eligible, minimum))
    return None if min(daily) == minimum else daily


def _pinned_present(b: _Builder, members: tuple[int, ...]) -> tuple[int, ...]:
    """Per day, the members pinned in office who are neither on leave nor on travel."""
    rows = np.asarray(members, dtype=np.int64)
    pinned = b.fixed[rows] == FIXED_WFO
    if b.absent is None:
        return (int(pinned.sum()),) * len(b.calendar.days)
    return tuple(int(x) for x in (pinned[:, None] & (b.absent[rows] == PRESENT)).sum(axis=0))


def _absences(calendar: Calendar, employees: tuple[Employee, ...]) -> npt.NDArray[np.int8] | None:
    """Leave and official travel on working days of the period (leave wins a clash)."""
    index = {day: k for k, day in enumerate(calendar.days)}
    absent: npt.NDArray[np.int8] | None = None
    for i, e in enumerate(employees):
        if not (e.travel or e.leave):
            continue
        for dates, code in ((e.travel, TRAVEL), (e.leave, LEAVE)):
            for day in dates:
                k = index.get(day)
                if k is not None:
                    if absent is None:
                        absent = np.zeros((len(employees), len(calendar.days)), dtype=np.int8)
                    absent[i, k] = code
    return absent


def _apply_min_present(b: _Builder, rule: Rule) -> None:
    assert rule.count is not None
    selected = b.select(rule.who)
    scopes = b.scopes(rule, selected)
    if rule.per != "organisation":
        b.empty_scopes[rule.name] += sum(1 for key in b.all_scopes(rule) if key not in scopes)
    for (unit, sub_unit), members in sorted(scopes.items()):
        _add_requirement(b, rule, unit, sub_unit, members, rule.count, None)


def _apply_share(b: _Builder, rule: Rule) -> None:
    """Office shares count neither in their base nor in their count the staff of exempt
    units (README: exempt units are exempt from share rules), at every scope."""
    assert rule.share is not None
    share = Fraction(str(rule.share))
    selected = [i for i in b.select(rule.who) if i not in b.exempt]
    for (unit, sub_unit), members in sorted(b.scopes(rule, selected).items()):
        if all(b.fixed[i] == FIXED_WFO for i in members):
            continue  # everyone is in already
        n = len(members)
        if rule.kind == "min_office_share":
            _add_requirement(b, rule, unit, sub_unit, members, math.ceil(share * n), None)
        else:
            _add_requirement(b, rule, unit, sub_unit, members, 0, math.floor(share * n))


def _apply_target(b: _Builder, rule: Rule) -> None:
    assert rule.share is not None
    share = Fraction(str(rule.share))
    for (unit, _), members in sorted(b.scopes(rule, b.select(rule.who)).items()):
        b.targets.append(WfhTarget(rule.name, unit, tuple(members),
                                   _round_half_up(share * len(members))))


_APPLY: dict[str, Callable[[_Builder, Rule], None]] = {
    "exempt_units": _apply_exempt,
    "always_in_office": _apply_fixing(FIXED_WFO),
    "always_at_home": _apply_fixing(FIXED_WFH),
    "top_levels": _apply_top_levels,
    "min_present": _apply_min_present,
    "min_office_share": _apply_share,
    "max_office_share": _apply_share,
    "wfh_share_target": _apply_target,
}


def _check_counts(b: _Builder) -> None:
    """Maxima that the people pinned in office alone exceed become 'only them', with a
    warning (as principle 4 does for minimums); a minimum above a maximum is infeasible."""
    reasons = []
    for k, req in enumerate(b.requirements):
        if req.maximum is None:
            continue
        maximum = req.maximum
        fixed_in = sum(1 for i in req.members if b.fixed[i] == FIXED_WFO)
        if fixed_in > maximum:
            b.warnings.append(t("max_fixed", where=_where(req.unit, req.sub_unit),
                                rule=req.rule, maximum=maximum, members=len(req.members),
                                fixed=fixed_in))
            maximum = fixed_in
            req = b.requirements[k] = replace(req, maximum=maximum,
                                              daily_maximum=_pinned_present(b, req.members))
        if req.minimum > maximum:
            reasons.append(t("max_below_min", where=_where(req.unit, req.sub_unit),
                             rule=req.rule, maximum=req.maximum, minimum=req.minimum))
    if reasons:
        raise PolicyInfeasible(reasons)
