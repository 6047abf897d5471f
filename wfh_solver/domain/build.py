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
from wfh_solver.domain.employee import Employee


class _Memo:
    """Classification per distinct text: 60,000 rows share a few thousand strings."""

    def __init__(self) -> None:
        self.unit_types: dict[tuple[str, str], str] = {}
        self.kinds: dict[str, str | None] = {}
        self.roles: dict[str, frozenset[str]] = {}

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


def build_employees(frame: pd.DataFrame) -> tuple[Employee, ...]:
    """One `Employee` per row, in input order."""
    memo = _Memo()
    columns = [str(c) for c in frame.columns]
    rows = zip(*(frame[c].tolist() for c in frame.columns), strict=True)
    return tuple(_employee(dict(zip(columns, values, strict=True)), memo) for values in rows)


def _employee(rec: dict[str, Any], memo: _Memo) -> Employee:
    eselon = rec["eselon"] if isinstance(rec["eselon"], str) else None
    birth = rec["birth_date"] if isinstance(rec["birth_date"], date) else None
    position = str(rec["position"])
    return Employee(
        nip=str(rec["nip"]),
        name=str(rec["name"]),
        unit=str(rec["unit"]),
        sub_unit=str(rec["sub_unit"]),
        position=position,
        category=classify_category(str(rec["kind"]), eselon, position),
        eselon=eselon,
        roles=memo.role(position),
        unit_type=memo.unit_type(str(rec["unit"]), str(rec["unit_type"])),
        sub_unit_kind=memo.kind(str(rec["sub_unit"])),
        status=str(rec["status"]),
        birth_date=birth,
        comorbid=bool(rec["comorbid"]),
        pregnant_or_nursing=bool(rec["pregnant"]),
        must_wfo=bool(rec["must_wfo"]),
        must_wfh=bool(rec["must_wfh"]),
        row=int(rec["row"]),
        leave=tuple(rec.get("leave") or ()),
        travel=tuple(rec.get("travel") or ()),
    )
