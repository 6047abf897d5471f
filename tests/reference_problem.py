"""The policy builder as it was before issue 10 made it fast: one `matches` per person.

Kept verbatim as the oracle of `tests/test_problem_fast.py`: `build_problem` with this
builder must give the same `Problem` (or the same reasons it cannot) as with the new one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from unittest import mock

import numpy as np

from wfh_solver.base.messages import t
from wfh_solver.domain.calendar import Calendar
from wfh_solver.domain.employee import Employee
from wfh_solver.policy import problem
from wfh_solver.policy.problem import (
    FIXED_WFO,
    FREE,
    PERSONAL,
    Requirement,
    WfhTarget,
    _absences,
    _add_requirement,
    matches,
)
from wfh_solver.policy.scenario import Rule, Scenario, Selector


@contextmanager
def reference_builder() -> Iterator[None]:
    """`build_problem` with the builder of before."""
    apply = dict(problem._APPLY, min_present=_apply_min_present)
    with mock.patch.object(problem, "_Builder", _Builder), \
            mock.patch.object(problem, "_APPLY", apply):
        yield


def _scope_key(rule: Rule, employee: Employee) -> tuple[str, str]:
    if rule.per == "organisation":
        return ("", "")
    if rule.per == "sub_unit":
        return (employee.unit, employee.sub_unit)
    return (employee.unit, "")


class _Builder:
    def __init__(self, scenario: Scenario, calendar: Calendar,
                 employees: tuple[Employee, ...]) -> None:
        self.scenario, self.calendar, self.employees = scenario, calendar, employees
        n = len(employees)
        self.fixed = np.zeros(n, dtype=np.int8)
        self.fixed_by = [""] * n
        ages = [e.age_on(calendar.start) for e in employees]
        self.aged = np.array([a is not None and a >= scenario.vulnerable_age for a in ages])
        self.vulnerable = np.array([e.is_vulnerable(calendar.start, scenario.vulnerable_age)
                                    for e in employees], dtype=bool)
        self.absent = _absences(calendar, employees)
        self.requirements: list[Requirement] = []
        self.targets: list[WfhTarget] = []
        self.warnings: list[str] = []
        self.conflicts: list[str] = []
        self.exempt: set[int] = set()
        self.empty_scopes: dict[str, int] = defaultdict(int)
        self.person_rules: list[problem.PersonRule] = []

    def select(self, selector: Selector) -> list[int]:
        return [i for i, e in enumerate(self.employees)
                if matches(selector, e, bool(self.vulnerable[i]), bool(self.aged[i]))]

    def fix(self, indices: Iterable[int], state: int, reason: str) -> int:
        count = 0
        for i in indices:
            if self.fixed[i] == FREE:
                self.fixed[i], self.fixed_by[i] = state, reason
                count += 1
            elif self.fixed[i] != state and self.fixed_by[i] in PERSONAL:
                e = self.employees[i]
                self.warnings.append(t("personal_override", name=e.name, nip=e.nip, row=e.row,
                                       unit=e.unit, flag=self.fixed_by[i], rule=reason))
            elif self.fixed[i] != state:
                e = self.employees[i]
                where = t("where_office" if state == FIXED_WFO else "where_home")
                self.conflicts.append(t("conflict", name=e.name, nip=e.nip, row=e.row,
                                        unit=e.unit, where=where, rule=reason,
                                        other=self.fixed_by[i]))
        return count

    def scopes(self, rule: Rule, indices: list[int]) -> dict[tuple[str, str], list[int]]:
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i in indices:
            groups[_scope_key(rule, self.employees[i])].append(i)
        return groups


def _apply_min_present(b: _Builder, rule: Rule) -> None:
    assert rule.count is not None
    selected = b.select(rule.who)
    scopes = b.scopes(rule, selected)
    if rule.per != "organisation":
        everyone = b.scopes(rule, list(range(len(b.employees))))
        b.empty_scopes[rule.name] += sum(1 for key in everyone if key not in scopes)
    for (unit, sub_unit), members in sorted(scopes.items()):
        _add_requirement(b, rule, unit, sub_unit, members, rule.count, None)  # type: ignore[arg-type]
