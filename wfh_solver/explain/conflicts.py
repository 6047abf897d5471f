"""Why the rules cannot all hold: every unit in conflict, each with a minimal clash.

For one unit, the rules are re-stated per person and day (one boolean per
employee-day, office or not), and every *item* HR could change becomes an
assumption literal: each rule of the unit, each pinned person (a scenario rule
or a `Wajib WFO`/`Wajib WFH` flag), each cell HR pinned with `solve --pin` and
each day of leave or travel. CP-SAT's
`sufficient_assumptions_for_infeasibility` gives a small clashing set, and a
deletion filter makes it minimal: dropping any one item listed makes it feasible.

Days of a unit are independent once the solver's fairness preferences are left
aside, so a clash is found on the first day that fails and then reported with
every day on which the same items clash. This module decides nothing about
policy; it only restates the `Problem`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from wfh_solver.base.messages import t
from wfh_solver.model.sat import cp_model
from wfh_solver.policy.person import all_windows
from wfh_solver.policy.problem import FIXED_WFH, FIXED_WFO, FREE, PRESENT, Problem, Requirement
from wfh_solver.policy.wording import describe_rule

RULE, PIN, CELL, ABSENCE, ROTATION = "rule", "pin", "cell", "absence", "rotation"
PERSON = "person"  # a per-person rule (a week, a run of days): key is its index
_FILTER_LIMIT = 200  # items above which the clash is reported as found, not made minimal


@dataclass(frozen=True, slots=True)
class Item:
    """Something HR could change: a rule of the unit, a person's pin, a day away."""

    kind: str  # RULE, PIN, CELL (a `--pin` cell) or ABSENCE
    key: int  # requirement index, else employee index (CELL, ABSENCE: on the clash's days)
    rule: str  # the rule's or the pin's name; "Cuti"/"DL" for an absence
    text: str


@dataclass(frozen=True, slots=True)
class Conflict:
    """A unit (or sub-unit, or the whole organisation) whose rules clash."""

    unit: str
    sub_unit: str
    days: tuple[date, ...]
    items: tuple[Item, ...]
    text: str
    people: tuple[int, ...]
    minimal: bool = True
    #: changes that each alone let the unit's rules hold on every day of the clash,
    #: computed by solving (the smallest parameter for a rule), in HR's words
    fixes: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        if not self.unit:
            return t("whole_org")
        return f"{self.sub_unit}, {self.unit}" if self.sub_unit else self.unit


class _DayModel:
    """One day of one unit, every item switchable by an assumption literal.

    Only people an item names (away, pinned, a pinned cell) get a variable of their own;
    the others are interchangeable within one day when they belong to the same rules, so
    each such class is one count. A unit of 25,000 is then a model of a few hundred
    variables, which the deletion filter solves once per item."""

    def __init__(self, problem: Problem, people: Sequence[int],
                 requirements: Sequence[int], day: int) -> None:
        self.m = cp_model.CpModel()
        self.items: dict[int, Item] = {}  # literal index -> item
        self.counts: dict[int, cp_model.LinearExprT] = {}  # requirement -> people in office
        absent, cells = problem.absence(), problem.pins
        inside = set(people)
        member_of: dict[int, list[int]] = defaultdict(list)
        for r in requirements:
            for i in problem.requirements[r].members:
                if i in inside:
                    member_of[i].append(r)
        terms: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        plain: dict[tuple[int, ...], int] = defaultdict(int)
        for i in people:
            cell = 0 if cells is None else int(cells[i, day])
            if absent[i, day] == PRESENT and problem.fixed[i] == FREE and not cell:
                plain[tuple(member_of[i])] += 1
                continue
            x = self.m.new_bool_var(f"office[{i}]")
            for r in member_of[i]:
                terms[r].append(x)
            away = None
            if absent[i, day] != PRESENT:
                away = self._item(Item(ABSENCE, i, _away_word(int(absent[i, day])),
                                       _absence_text(problem, i, day)))
                self.m.add(x == 0).only_enforce_if(away)
            if problem.fixed[i] != FREE:
                lit = self._item(Item(PIN, i, problem.fixed_by[i], _pin_text(problem, i)))
                wanted = 1 if problem.fixed[i] == FIXED_WFO else 0
                condition = [lit] if away is None or wanted == 0 else [lit, away.Not()]
                self.m.add(x == wanted).only_enforce_if(condition)
            if cell:
                lit = self._item(Item(CELL, i, t("ex_cell_rule"), _cell_text(problem, i, day)))
                self.m.add(x == int(cell == FIXED_WFO)).only_enforce_if(lit)
        for key, size in plain.items():
            if key:
                count = self.m.new_int_var(0, size, f"alike[{len(terms)}]")
                for r in key:
                    terms[r].append(count)
        for r in requirements:
            req = problem.requirements[r]
            lit = self._item(Item(RULE, r, req.rule, _rule_text(req, day)))
            here = cp_model.LinearExpr.sum(terms[r])
            self.counts[r] = here
            if req.minimum_on(day) > 0:
                self.m.add(here >= req.minimum_on(day)).only_enforce_if(lit)
            cap = req.maximum_on(day)
            if cap is not None:
                self.m.add(here <= cap).only_enforce_if(lit)

    def _item(self, item: Item) -> cp_model.IntVar:
        lit = self.m.new_bool_var(f"{item.kind}[{item.key}]")
        self.items[lit.index] = item
        return lit

    def literals(self) -> dict[Item, cp_model.IntVar]:
        return {item: self.m.get_bool_var_from_proto_index(index)
                for index, item in self.items.items()}


def _away_word(code: int) -> str:
    return "Cuti" if code == 1 else "DL"


def _who(problem: Problem, i: int) -> str:
    e = problem.employees[i]
    return f"{e.name} (NIP {e.nip})"


def _pin_text(problem: Problem, i: int) -> str:
    key = "ex_pin_office" if problem.fixed[i] == FIXED_WFO else "ex_pin_home"
    return t(key, who=_who(problem, i), position=problem.employees[i].position,
             rule=problem.fixed_by[i])


def _cell_text(problem: Problem, i: int, day: int) -> str:
    assert problem.pins is not None
    code = "WFO" if problem.pins[i, day] == FIXED_WFO else "WFH"
    return t("ex_cell", who=_who(problem, i), position=problem.employees[i].position,
             code=code)


def _absence_text(problem: Problem, i: int, day: int) -> str:
    word = t("ex_leave" if problem.absence()[i, day] == 1 else "ex_travel")
    return t("ex_absence", who=_who(problem, i), word=word,
             day=problem.calendar.days[day].strftime("%d/%m"))


def _where(unit: str, sub_unit: str) -> str:
    if not unit:
        return t("whole_org")
    return f"{sub_unit}, {unit}" if sub_unit else unit


def _rule_text(req: Requirement, day: int) -> str:
    where = _where(req.unit, req.sub_unit)
    cap = req.maximum_on(day)
    if cap is not None:
        return t("ex_rule_max", rule=req.rule, where=where, maximum=cap,
                 members=len(req.members))
    return t("ex_rule_min", rule=req.rule, where=where, minimum=req.minimum_on(day),
             members=len(req.members))


def _solver(seconds: float = 10.0) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = seconds
    return solver


def _decide(model: _DayModel, keep: Sequence[Item]) -> bool | None:
    """Do these items alone (the others dropped) clash on this day? None: not decided in
    the time allowed (never taken for an answer either way)."""
    literals = model.literals()
    model.m.clear_assumptions()
    model.m.add_assumptions([literals[item] for item in keep])
    status = _solver().solve(model.m)
    if status == cp_model.INFEASIBLE:
        return True
    return False if status in (cp_model.FEASIBLE, cp_model.OPTIMAL) else None


def _infeasible(model: _DayModel, keep: Sequence[Item]) -> bool:
    return _decide(model, keep) is True


def _core(model: _DayModel) -> tuple[list[Item], bool]:
    """A minimal clashing set of items on this day (deletion filter over CP-SAT's core).
    Not minimal (said so) when the core is too large to filter or a step is undecided."""
    literals = model.literals()
    order = sorted(literals, key=lambda it: (it.kind != RULE, it.kind, it.key))
    model.m.clear_assumptions()
    model.m.add_assumptions([literals[item] for item in order])
    solver = _solver()
    if solver.solve(model.m) != cp_model.INFEASIBLE:
        return order, False
    index = set(solver.sufficient_assumptions_for_infeasibility())
    core = [item for item in order if literals[item].index in index] or order
    if len(core) > _FILTER_LIMIT:
        return core, False
    minimal = True
    for item in list(core):
        rest = [other for other in core if other != item]
        clash = _decide(model, rest)
        if clash:
            core = rest
        minimal &= clash is not None
    return core, minimal


def _scopes(problem: Problem) -> dict[str, tuple[list[int], list[int]]]:
    """People and requirements per unit; "" is the whole organisation and every rule."""
    scopes: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i, e in enumerate(problem.employees):
        scopes[e.unit][0].append(i)
    for r, req in enumerate(problem.requirements):
        scopes[req.unit][1].append(r)
    scopes[""] = (list(range(len(problem.employees))), list(range(len(problem.requirements))))
    return scopes


def unit_conflict(problem: Problem, unit: str, people: list[int],
                  reqs: list[int]) -> Conflict | None:
    """The unit's clash, or None when its rules can all hold."""
    for day in range(problem.n_days):
        model = _DayModel(problem, people, reqs, day)
        if _decide(model, list(model.literals())) is False:
            continue  # an undecided day is listed whole, not passed over as feasible
        core, minimal = _core(model)
        days = [d for d in range(day, problem.n_days)
                if d == day or _clashes_on(problem, people, reqs, d, core, day)]
        conflict = _conflict(problem, unit, core, days, minimal)
        return replace(conflict, fixes=smallest_changes(problem, people, reqs, core, days))
    return None


_FIX_DAYS = 31  # days of one clash examined for its smallest change


def smallest_changes(problem: Problem, people: list[int], reqs: list[int],
                     core: Sequence[Item], days: Sequence[int]) -> tuple[str, ...]:
    """For each item of a clash, the least change of it alone that lets every rule and pin of
    the unit hold on every day of the clash: a rule's minimum lowered to the most the
    others allow, a cap raised to the least they need, a pin or a day away released.
    An item whose change alone would not do (another clash remains) is left out."""
    models = [_DayModel(problem, people, reqs, d) for d in list(days)[:_FIX_DAYS]]
    fixes = []
    for item in core:
        if item.kind == ROTATION:
            continue
        if item.kind == RULE:
            text = _rule_fix(problem, models, item)
        elif all(_holds_without(model, item) for model in models):
            text = _release_text(problem, item)
        else:
            text = None
        if text is not None:
            fixes.append(text)
    return tuple(dict.fromkeys(fixes))


def _others(model: _DayModel, item: Item) -> tuple[cp_model.CpModel, cp_model.IntVar | None]:
    """A copy of the day's model with every item enforced but `item` (left free)."""
    copy = model.m.clone()
    copy.clear_assumptions()
    own = None
    for other, lit in model.literals().items():
        if (other.kind, other.key) == (item.kind, item.key):
            own = lit
        else:
            copy.add(copy.get_bool_var_from_proto_index(lit.index) == 1)
    return copy, own


def _holds_without(model: _DayModel, item: Item) -> bool:
    copy, _ = _others(model, item)
    return _solver().solve(copy) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def _rule_fix(problem: Problem, models: Sequence[_DayModel], item: Item) -> str | None:
    req = problem.requirements[item.key]
    capped = req.maximum is not None or req.daily_maximum is not None
    values = []
    for model in models:
        if item.key not in model.counts:
            return None
        copy, _ = _others(model, item)
        count = model.counts[item.key]
        if capped:
            copy.minimize(count)
        else:
            copy.maximize(count)
        solver = _solver()
        if solver.solve(copy) != cp_model.OPTIMAL:
            return None
        values.append(int(round(solver.objective_value)))
    where = _where(req.unit, req.sub_unit)
    if capped:
        return t("fix_cap", rule=req.rule, where=where, value=max(values))
    value = min(values)
    if value <= 0:
        return t("fix_rule_off", rule=req.rule, where=where)
    return t("fix_min", rule=req.rule, where=where, value=value)


def _release_text(problem: Problem, item: Item) -> str:
    who = _who(problem, item.key)
    if item.kind == PIN:
        return t("fix_pin", who=who, rule=item.rule)
    if item.kind == CELL:
        return t("fix_cell", who=who)
    return t("fix_absence", who=who, word=item.rule)


def _clashes_on(problem: Problem, people: list[int], reqs: list[int], day: int,
                core: list[Item], first: int) -> bool:
    """Do the same rules and pins (with that day's absences) clash on another day?"""
    model = _DayModel(problem, people, reqs, day)
    wanted = {(item.kind, item.key) for item in core}
    keep = [item for item in model.literals() if (item.kind, item.key) in wanted]
    for kind in (ABSENCE, CELL):  # that day must have the same absences and pinned cells
        if {item.key for item in keep if item.kind == kind} != \
                {item.key for item in core if item.kind == kind}:
            return False
    cells = problem.pins
    if cells is not None and any(cells[item.key, day] != cells[item.key, first]
                                 for item in keep if item.kind == CELL):
        return False  # pinned the other way that day
    return _infeasible(model, keep)


def _conflict(problem: Problem, unit: str, core: list[Item], days: list[int],
              minimal: bool) -> Conflict:
    rules = [problem.requirements[item.key] for item in core if item.kind == RULE]
    sub_units = {req.sub_unit for req in rules}
    sub_unit = sub_units.pop() if len(sub_units) == 1 else ""
    people = sorted({item.key for item in core if item.kind in (PIN, CELL, ABSENCE)})
    dates = tuple(problem.calendar.days[d] for d in days)
    shown = ", ".join(d.strftime("%d/%m") for d in dates[:6])
    if len(dates) > 6:
        shown += " " + t("ev_and_more", count=len(dates) - 6)
    parts = [item.text for item in core if item.kind == ROTATION]
    parts += _rule_parts(problem, [item for item in core if item.kind == RULE], days[0])
    parts += [item.text for item in core if item.kind not in (RULE, ROTATION)]
    text = t("ex_conflict", where=_where(unit, sub_unit), days=shown, items="; ".join(parts))
    if not minimal:
        text += " " + t("ex_not_minimal")
    return Conflict(unit, sub_unit, dates, tuple(core), text, tuple(people), minimal)


def _rule_parts(problem: Problem, items: list[Item], day: int) -> list[str]:
    """One phrase per rule, its scopes listed with their numbers."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for item in items:
        req = problem.requirements[item.key]
        where = req.sub_unit or _where(req.unit, "")
        cap = req.maximum_on(day)
        if cap is not None:
            grouped[req.rule].append(t("ex_max_part", maximum=cap,
                                       members=len(req.members), where=where))
        else:
            grouped[req.rule].append(t("ex_min_part", minimum=req.minimum_on(day),
                                       members=len(req.members), where=where))
    return [t("ex_rule_group", rule=rule, parts=", ".join(parts))
            for rule, parts in grouped.items()]


def _pinned_row(problem: Problem, i: int) -> bytes:
    """Staff pinned differently by `--pin` are not alike (the solver keeps them apart)."""
    return b"" if problem.pins is None else problem.pins[i].tobytes()


def _rotation_may_bind(problem: Problem, people: list[int], reqs: list[int]) -> bool:
    """Only alike staff under different rules can be pushed apart by the rules: without
    such a class, any day-by-day roster can be rotated within one day."""
    member_of: dict[int, list[int]] = defaultdict(list)
    for r in reqs:
        for i in problem.requirements[r].members:
            member_of[i].append(r)
    absent = problem.absence()
    seen: dict[tuple[object, ...], tuple[int, ...]] = {}
    for i in people:
        if problem.fixed[i] != FREE:
            continue
        e = problem.employees[i]
        key = (e.unit, e.sub_unit, e.category, bool(problem.vulnerable[i]), absent[i].tobytes(),
               _pinned_row(problem, i))
        rules = tuple(member_of[i])
        if seen.setdefault(key, rules) != rules:
            return True
    return False


def rotation_conflict(problem: Problem, unit: str, people: list[int],
                      reqs: list[int]) -> Conflict | None:
    """A unit whose rules hold day by day but not together with the rotation rule (alike
    staff within one WFH day). Reported with the unit's rules, not made minimal."""
    windows = {i: found for i, found in all_windows(problem).items() if i in set(people)}
    if not windows and not _rotation_may_bind(problem, people, reqs):
        return None
    m = cp_model.CpModel()
    days = range(problem.n_days)
    absent = problem.absence()
    x = {(i, d): m.new_bool_var(f"office[{i},{d}]") for i in people for d in days}
    classes: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i in people:
        e = problem.employees[i]
        for d in days:
            if absent[i, d] != PRESENT or problem.fixed[i] == FIXED_WFH:
                m.add(x[i, d] == 0)
            elif problem.fixed[i] == FIXED_WFO:
                m.add(x[i, d] == 1)
            elif problem.pins is not None and problem.pins[i, d]:
                m.add(x[i, d] == int(problem.pins[i, d] == FIXED_WFO))
        if problem.fixed[i] == FREE:
            classes[(e.unit, e.sub_unit, e.category, bool(problem.vulnerable[i]),
                     absent[i].tobytes(), _pinned_row(problem, i))].append(i)
    for r in reqs:
        req = problem.requirements[r]
        for d in days:
            here = sum(x[i, d] for i in req.members)
            if req.minimum_on(d) > 0:
                m.add(here >= req.minimum_on(d))
            cap = req.maximum_on(d)
            if cap is not None:
                m.add(here <= cap)
    for i, found in windows.items():  # per-person rules, as the solver holds them
        for w in found:
            office = sum(x[i, d] for d in w.days)
            if w.low:
                m.add(office >= w.low)
            if w.high is not None:
                m.add(office <= w.high)
    for k, members in enumerate(classes.values()):
        if len(members) > 1:
            low = m.new_int_var(0, problem.n_days, f"low[{k}]")
            for i in members:
                total = sum(x[i, d] for d in days)
                m.add(total >= low)
                m.add(total <= low + 1)
    if _solver(30.0).solve(m) != cp_model.INFEASIBLE:
        return None
    items = [Item(ROTATION, -1, t("ev_rule_fairness"), t("ex_rotation"))] if (
        _rotation_may_bind(problem, people, reqs)) else []
    used = sorted({w.rule for found in windows.values() for w in found})
    items += [Item(PERSON, k, problem.person_rules[k].rule,
                   f"'{problem.person_rules[k].rule}': "
                   + describe_rule(problem.scenario.rule(problem.person_rules[k].rule)))
              for k in used]
    items += [Item(RULE, r, problem.requirements[r].rule, _rule_text(problem.requirements[r], 0))
              for r in reqs]
    return _conflict(problem, unit, items, list(days), False)


def explain(problem: Problem) -> list[Conflict]:
    """Every unit whose rules clash, each with a minimal clash; the whole organisation
    only when no unit alone clashes (an organisation-wide rule is part of it)."""
    scopes = _scopes(problem)
    pinned = set() if problem.pins is None else {
        problem.employees[i].unit for i in np.flatnonzero(problem.pins.any(axis=1))}
    units = sorted(unit for unit, (_, reqs) in scopes.items()
                   if unit and (reqs or unit in pinned))
    found = [c for unit in units if (c := unit_conflict(problem, unit, *scopes[unit])
                                     or rotation_conflict(problem, unit, *scopes[unit]))]
    if not found and any(not req.unit for req in problem.requirements):
        whole = unit_conflict(problem, "", *scopes[""])
        if whole is not None:
            found.append(whole)
    return found


def people_text(problem: Problem, conflict: Conflict) -> str:
    return ", ".join(_who(problem, i) for i in conflict.people)


def by_rule(conflicts: Sequence[Conflict]) -> dict[str, int]:
    """How many units each rule (or a rule pinning someone) clashes in: the headline of a
    long list."""
    counts: dict[str, int] = defaultdict(int)
    for conflict in conflicts:
        for rule in {item.rule for item in conflict.items if item.kind in (RULE, PIN, PERSON)}:
            counts[rule] += 1
    return dict(counts)

