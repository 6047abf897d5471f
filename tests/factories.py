"""Tiny hand-made employees and problems for rule-level tests."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from wfh_solver.domain.calendar import working_days
from wfh_solver.domain.employee import Category, Employee
from wfh_solver.policy.problem import Problem, build_problem
from wfh_solver.policy.scenario import Scenario

_serial = count(1)


def employee(unit: str = "Dinas Kesehatan", category: Category = Category.PELAKSANA,
             **fields: Any) -> Employee:
    n = next(_serial)
    defaults: dict[str, Any] = {
        "nip": f"19700101199501{1 + n % 2}{n:03d}",
        "name": f"Pegawai {n}",
        "sub_unit": "",
        "position": "Pengadministrasi Umum",
        "unit_type": "dinas",
        "row": n + 1,
    }
    defaults.update(fields)
    return Employee(unit=unit, category=category, **defaults)


def scenario(rules: list[dict[str, Any]], intent: str = "max_wfh",
             start: date = date(2020, 3, 16), end: date = date(2020, 3, 20)) -> Scenario:
    return Scenario.model_validate({
        "name": "test", "title": "test", "source": "test", "start": start, "end": end,
        "intent": intent, "rules": rules})


def problem(employees: list[Employee], rules: list[dict[str, Any]], intent: str = "max_wfh",
            start: date = date(2020, 3, 16), end: date = date(2020, 3, 20)) -> Problem:
    sc = scenario(rules, intent, start, end)
    return build_problem(sc, working_days(sc.start, sc.end, sc.workweek), tuple(employees))
