"""Validated staff table to typed, classified employees."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from wfh_solver.domain.classify import (
    classify_category,
    classify_sub_unit_kind,
    classify_unit_type,
    recognise_roles,
)
from wfh_solver.domain.employee import Category, Employee


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


def build_employees(frame: pd.DataFrame) -> tuple[Employee, ...]:
    """One `Employee` per row, in input order; each column is read once, not row by row."""
    memo = _Memo()
    n = len(frame)

    def column(key: str, default: object = None) -> list[Any]:
        if default is None or key in frame.columns:
            return frame[key].tolist()
        return [default] * n  # a frame made before leave and travel were read

    units, sub_units = _strings(column("unit")), _strings(column("sub_unit"))
    positions = _strings(column("position"))
    eselons = [e if isinstance(e, str) else None for e in column("eselon")]
    births = [b if isinstance(b, date) else None for b in column("birth_date")]
    categories = [memo.category(kind, eselon, position) for kind, eselon, position in zip(
        _strings(column("kind")), eselons, positions, strict=True)]
    unit_types = [memo.unit_type(unit, given) for unit, given in zip(
        units, _strings(column("unit_type")), strict=True)]
    return tuple(
        Employee(nip=nip, name=name, unit=unit, sub_unit=sub_unit, position=position,
                 category=category, eselon=eselon, roles=memo.role(position),
                 unit_type=unit_type, sub_unit_kind=memo.kind(sub_unit), status=status,
                 birth_date=birth, comorbid=bool(comorbid), pregnant_or_nursing=bool(pregnant),
                 must_wfo=bool(must_wfo), must_wfh=bool(must_wfh), row=int(row),
                 leave=tuple(leave or ()), travel=tuple(travel or ()))
        for (nip, name, unit, sub_unit, position, category, eselon, unit_type, status, birth,
             comorbid, pregnant, must_wfo, must_wfh, row, leave, travel) in zip(
            _strings(column("nip")), _strings(column("name")), units, sub_units,
            positions, categories, eselons, unit_types, _strings(column("status")), births,
            column("comorbid"), column("pregnant"), column("must_wfo"),
            column("must_wfh"), column("row"), column("leave", ()),
            column("travel", ()), strict=True))


def _strings(values: list[Any]) -> list[str]:
    """`str` of each value, as the row-by-row build gave it (a frame's text is `str`)."""
    if all(value.__class__ is str for value in values):
        return values
    return [str(value) for value in values]
