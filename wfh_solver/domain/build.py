"""Validated staff table to typed, classified employees."""

from __future__ import annotations

from datetime import date

import pandas as pd

from wfh_solver.domain.classify import (
    classify_category,
    classify_sub_unit_kind,
    classify_unit_type,
    recognise_roles,
)
from wfh_solver.domain.employee import Employee


def build_employees(frame: pd.DataFrame) -> tuple[Employee, ...]:
    """One `Employee` per row, in input order; classification is memoised per distinct text."""
    unit_types: dict[tuple[str, str], str] = {}
    kinds: dict[str, str | None] = {}
    roles: dict[str, frozenset[str]] = {}
    employees = []
    for rec in frame.itertuples(index=False):
        unit_key = (rec.unit, rec.unit_type)
        if unit_key not in unit_types:
            unit_types[unit_key] = classify_unit_type(rec.unit, rec.unit_type)
        if rec.sub_unit not in kinds:
            kinds[rec.sub_unit] = classify_sub_unit_kind(rec.sub_unit)
        if rec.position not in roles:
            roles[rec.position] = recognise_roles(rec.position)
        birth = rec.birth_date if isinstance(rec.birth_date, date) else None
        eselon = rec.eselon if isinstance(rec.eselon, str) else None
        employees.append(Employee(
            nip=rec.nip,
            name=rec.name,
            unit=rec.unit,
            sub_unit=rec.sub_unit,
            position=rec.position,
            category=classify_category(rec.kind, eselon, rec.position),
            eselon=eselon,
            roles=roles[rec.position],
            unit_type=unit_types[unit_key],
            sub_unit_kind=kinds[rec.sub_unit],
            status=rec.status,
            birth_date=birth,
            comorbid=bool(rec.comorbid),
            pregnant_or_nursing=bool(rec.pregnant),
            must_wfo=bool(rec.must_wfo),
            must_wfh=bool(rec.must_wfh),
            row=int(rec.row),
        ))
    return tuple(employees)
