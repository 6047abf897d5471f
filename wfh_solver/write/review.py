"""The `Telaah` sheet: what a head of unit would send back, with the rule that would change it.

A roster can meet every rule and still leave a whole seksi at home all month, keep the
same people in the office every day, or send the nurses of a puskesmas home under a
circular that never mentions health services. None of that is wrong under the rules as
written, so the solver cannot see it; this review puts each such fact in front of HR,
per unit, with the people named and the scenario change that would alter it, so the
decision is theirs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from wfh_solver.base.messages import CATALOGUE
from wfh_solver.solve.result import Result
from wfh_solver.write.memo import presence

#: unit types whose service the public needs in person, with the word HR uses for them
SERVICE_UNITS: dict[str, str] = {
    "puskesmas": "health", "rsud": "health", "bpbd": "disaster", "damkar": "fire",
    "disdukcapil": "registry", "satpol_pp": "order",
}
_NAMES_SHOWN = 5


@dataclass(frozen=True, slots=True)
class Finding:
    """One fact about one unit, the people it concerns, and what would change it."""

    unit: str
    finding: str
    people: str
    change: str


def _say(lang: str, key: str, **params: object) -> str:
    return CATALOGUE[lang][key].format(**params)


def _names(result: Result, people: Sequence[int], lang: str) -> str:
    """A handful of names and a count, never a wall of text."""
    employees = result.roster.employees
    shown = [employees[i].name for i in people[:_NAMES_SHOWN]]
    rest = len(people) - len(shown)
    text = "; ".join(shown)  # names carry commas of their own ("Sari, S.E.")
    return text + (" " + _say(lang, "rv_and_more", count=rest) if rest > 0 else "")


def review(result: Result, lang: str) -> list[Finding]:
    """Every finding, unit by unit in the roster's unit order."""
    _, wfo, wfh = presence(result)  # the same counts Ringkasan says
    employees = result.roster.employees
    units: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(employees):
        units[e.unit].append(i)
    kinds = {rule.name: rule.kind for rule in result.applied_rules}
    pinned_by = result.pinned_by if len(result.pinned_by) == len(employees) else ("",) * len(
        employees)
    found: list[Finding] = []
    for unit, members in units.items():
        found += _service_at_home(result, unit, members, wfh, pinned_by, kinds, lang)
        found += _classes_at_home(result, unit, members, wfo, wfh, pinned_by, lang)
        never = [i for i in members if wfo[i] == 0 and wfh[i] > 0 and not pinned_by[i]]
        if never:
            found.append(Finding(unit, _say(lang, "rv_never_in", count=len(never)),
                                 _names(result, never, lang), _say(lang, "rv_change_never")))
        always = [i for i in members if wfh[i] == 0 and wfo[i] > 0 and not pinned_by[i]]
        if always:
            found.append(Finding(unit, _say(lang, "rv_never_home", count=len(always)),
                                 _names(result, always, lang), _say(lang, "rv_change_always")))
    return found


def _service_at_home(result: Result, unit: str, members: list[int],
                     wfh: npt.NDArray[np.int64], pinned_by: Sequence[str],
                     kinds: dict[str, str], lang: str) -> list[Finding]:
    """A health, disaster, fire, registry or order unit sent home under a circular that
    exempts no such service: said, because the circular may simply not have thought of it."""
    employees = result.roster.employees
    service = SERVICE_UNITS.get(employees[members[0]].unit_type)
    if service is None:
        return []
    if any(kinds.get(pinned_by[i]) == "exempt_units" for i in members):
        return []
    home = [i for i in members if wfh[i] > 0]
    if not home:
        return []
    kind = _say(lang, f"rv_service_{service}")
    return [Finding(unit, _say(lang, "rv_service", service=kind, count=len(home),
                               total=len(members)),
                    _names(result, home, lang),
                    _say(lang, "rv_change_service", unit_type=employees[members[0]].unit_type))]


def _classes_at_home(result: Result, unit: str, members: list[int],
                     wfo: npt.NDArray[np.int64], wfh: npt.NDArray[np.int64],
                     pinned_by: Sequence[str], lang: str) -> list[Finding]:
    """A whole kind of staff of one sub-unit (all its pelaksana, all its analysts) at home
    for the whole period: the office loses that work entirely."""
    employees = result.roster.employees
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in members:
        e = employees[i]
        groups[(e.sub_unit, e.category.value)].append(i)
    found = []
    for (sub_unit, category), people in groups.items():
        if len(people) < 2 or any(wfo[i] > 0 for i in people) or any(pinned_by[i]
                                                                      for i in people):
            continue
        if not any(wfh[i] > 0 for i in people):
            continue
        where = sub_unit or unit
        label = CATALOGUE[lang].get(f"cat_{category}", category)
        found.append(Finding(unit, _say(lang, "rv_class_home", count=len(people), kind=label,
                                        where=where),
                             _names(result, people, lang),
                             _say(lang, "rv_change_class", kind=category, label=label)))
    return found
