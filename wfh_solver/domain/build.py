"""Validated staff table to typed, classified employees."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from wfh_solver.domain.classify import (
    classify_category,
    classify_sub_unit_kind,
    classify_unit_type,
    recognise_roles,
)
from wfh_solver.domain.employee import Category, Employee

if TYPE_CHECKING:
    import pandas as pd


class _Memo:
    """Classification per distinct text: 60,000 rows share a few thousand strings."""

    def __init__(self) -> None:
        self.unit_types: dict[tuple[str, str], str] = {}
        self.kinds: dict[str, str | None] = {}
        self.roles: dict[str, frozenset[str]] = {}
        self.categories: dict[tuple[str, str | None, str], Category] = {}

    def unit_type(self, unit: str, given: str) -> str:
        key = (unit, given)
        if key not in self.unit_types:
            self.unit_types[key] = classify_unit_type(unit, given)
        return self.unit_types[key]

    def kind(self, sub_unit: str) -> str | None:
        if sub_unit not in self.kinds:
            self.kinds[sub_unit] = classify_sub_unit_kind(sub_unit)
        return self.kinds[sub_unit]

    def role(self, position: str) -> frozenset[str]:
        if position not in self.roles:
            self.roles[position] = recognise_roles(position)
        return self.roles[position]

    def category(self, kind: str, eselon: str | None, position: str) -> Category:
        key = (kind, eselon, position)
        if key not in self.categories:
            self.categories[key] = classify_category(kind, eselon, position)
        return self.categories[key]


def build_employees(table: Mapping[str, Sequence[object]] | pd.DataFrame
                    ) -> tuple[Employee, ...]:
    """One `Employee` per row, in input order; each column is read once, not row by row,
    and each distinct unit, post and classification worked out once. `table`: the staff
    list's columns (`StaffTable.data`) or the same as a DataFrame (`StaffTable.frame`)."""
    memo = _Memo()
    n = len(table["row"])

    def column(key: str, default: object = None) -> list[Any]:
        if default is None or key in table:
            values = table[key]
            return values.tolist() if hasattr(values, "tolist") else list(values)
        return [default] * n  # a table made before leave and travel were read

    units, sub_units = _strings(column("unit")), _strings(column("sub_unit"))
    positions = _strings(column("position"))
    eselons = [e if isinstance(e, str) else None for e in column("eselon")]
    fields: dict[str, list[Any]] = {
        "nip": _strings(column("nip")),
        "name": _strings(column("name")),
        "unit": units,
        "sub_unit": sub_units,
        "position": positions,
        "category": list(map(memo.category, _strings(column("kind")), eselons, positions)),
        "eselon": eselons,
        "roles": list(map(memo.role, positions)),
        "unit_type": list(map(memo.unit_type, units, _strings(column("unit_type")))),
        "sub_unit_kind": list(map(memo.kind, sub_units)),
        "status": _strings(column("status")),
        "birth_date": [b if isinstance(b, date) else None for b in column("birth_date")],
        "comorbid": list(map(bool, column("comorbid"))),
        "pregnant_or_nursing": list(map(bool, column("pregnant"))),
        "must_wfo": list(map(bool, column("must_wfo"))),
        "must_wfh": list(map(bool, column("must_wfh"))),
        "row": list(map(int, column("row"))),
        "leave": [tuple(days or ()) for days in column("leave", ())],
        "travel": [tuple(days or ()) for days in column("travel", ())],
    }
    order = [fields[f.name] for f in dataclasses.fields(Employee)]  # every field, in order
    return tuple(itertools.starmap(Employee, zip(*order, strict=True)))


def _strings(values: list[Any]) -> list[str]:
    """`str` of each value, as the row-by-row build gave it (a frame's text is `str`)."""
    try:
        "".join(values)  # only texts join: then each is its own `str`
    except TypeError:
        return [str(value) for value in values]
    return values
