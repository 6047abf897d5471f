"""Interchangeable employees become groups; groups become independent components.

Employees of one unit, sub-unit and category, with the same vulnerability, the
same leave/travel days and the same rule memberships, are interchangeable: the
model decides how many office days each *group* gets, and the layout decides who
and when. Groups that no rule links are solved as separate, small models.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from wfh_solver.policy.person import all_windows
from wfh_solver.policy.problem import FIXED_WFO, FREE, PRESENT, Problem


@dataclass(slots=True)
class Group:
    index: int
    unit: str
    fairness_class: tuple[object, ...]
    vulnerable: bool
    in_target: bool = False
    members: list[int] = field(default_factory=list)
    present: tuple[bool, ...] | None = None  # None: present every day (no leave/travel)
    history: int = 0  # WFH days each member had in earlier periods (model/history.py)
    pins: tuple[int, ...] | None = None  # per day: 0, FIXED_WFO or FIXED_WFH (model/pins.py)
    #: per-person rules as (days, low, high): each member has low ≤ office days on those
    #: days ≤ high (policy/person.py); a group with any needs one block per day
    windows: tuple[tuple[tuple[int, ...], int, int | None], ...] = ()
    #: per day, the published code each member had (`model/replan.py`), None unless
    #: replanning: members of a group were published alike
    published: tuple[int, ...] | None = None

    @property
    def size(self) -> int:
        return len(self.members)

    def present_days(self, days: int) -> int:
        return days if self.present is None else sum(self.present)


@dataclass(slots=True)
class CountSet:
    """A requirement or target restricted to free staff: whole groups plus, per day, the
    fixed staff present in office. Lists run over the days of the period."""

    groups: list[int]
    fixed_in_office: list[int]
    minimum: list[int]
    maximum: list[int] | None = None
    target_office: list[int] | None = None  # free staff wanted in office, for WFH targets
    label: str = ""
    unit: str = ""



@dataclass(slots=True)
class Component:
    groups: list[int]
    sets: list[CountSet]


def make_groups(problem: Problem) -> tuple[list[Group], list[CountSet]]:
    """Groups of free employees and every count rule expressed over them."""
    membership: dict[int, list[int]] = defaultdict(list)
    for r, req in enumerate(problem.requirements):
        for i in req.members:
            membership[i].append(r)
    offset = len(problem.requirements)
    for t, target in enumerate(problem.targets):
        for i in target.members:
            membership[i].append(offset + t)
    absent = problem.absent
    prior = problem.prior_wfh().tolist()
    pins = problem.pins
    published_rows = None if problem.published is None else problem.published.tolist()
    # Per-row numpy calls cost more than the loop itself at 60,000 staff: ask once.
    nobody = [False] * len(problem.employees)
    away = nobody if absent is None else [bool(x) for x in (absent != PRESENT).any(axis=1)]
    pinned_rows = nobody if pins is None else [bool(x) for x in (pins != 0).any(axis=1)]
    free = (problem.fixed == FREE).tolist()
    vulnerable_rows = problem.vulnerable.astype(bool).tolist()
    windows = {i: tuple(sorted({(w.days, w.low, w.high) for w in found},
                               key=lambda w: (w[0], w[1], -1 if w[2] is None else w[2])))
               for i, found in all_windows(problem).items()}
    keyed: dict[tuple[object, ...], Group] = {}
    for i in np.flatnonzero(free).tolist():
        e = problem.employees[i]
        vulnerable = vulnerable_rows[i]
        present = None
        if away[i]:
            assert absent is not None
            present = tuple(x == PRESENT for x in absent[i].tolist())
        history = prior[i]
        pinned = None
        if pinned_rows[i]:
            assert pins is not None
            pinned = tuple(pins[i].tolist())
        fairness = (e.unit, e.sub_unit, e.category.value, vulnerable, present, history, pinned)
        rules = tuple(membership[i]) if i in membership else ()
        own = windows.get(i, ())
        published = None if published_rows is None else tuple(published_rows[i])
        key = (*fairness, rules, own, published)
        group = keyed.get(key)
        if group is None:
            in_target = bool(rules) and rules[-1] >= offset  # targets come last
            group = keyed[key] = Group(len(keyed), e.unit, fairness, vulnerable, in_target,
                                       present=present, history=history, pins=pinned,
                                       windows=own, published=published)
        group.members.append(i)
    groups = list(keyed.values())
    group_of = {i: g.index for g in groups for i in g.members}
    days = problem.n_days
    sets: list[CountSet] = []
    for req in problem.requirements:
        minimum = [req.minimum_on(d) for d in range(days)]
        maximum = None if req.maximum is None else [
            int(req.maximum_on(d) or 0) for d in range(days)]
        sets.append(_count_set(problem, req.members, group_of, req.rule, req.unit, minimum,
                               maximum))
    for target in problem.targets:
        cs = _count_set(problem, target.members, group_of, target.rule, target.unit,
                        [0] * days)
        # WFH among those present = present − fixed in office − free in office
        here = _present_by_day(problem, target.members)
        cs.target_office = [p - f - target.target
                            for p, f in zip(here, cs.fixed_in_office, strict=True)]
        sets.append(cs)
    return groups, sets


def _present_by_day(problem: Problem, members: tuple[int, ...]) -> list[int]:
    if problem.absent is None:
        return [len(members)] * problem.n_days
    rows = np.asarray(members, dtype=np.int64)
    return [int(x) for x in (problem.absent[rows] == PRESENT).sum(axis=0)]


def _count_set(problem: Problem, members: tuple[int, ...], group_of: dict[int, int],
               label: str, unit: str, minimum: list[int],
               maximum: list[int] | None = None) -> CountSet:
    rows = np.asarray(members, dtype=np.int64)
    fixed = problem.fixed[rows] == FIXED_WFO if len(rows) else np.zeros(0, dtype=bool)
    if problem.absent is None:
        fixed_in = [int(fixed.sum())] * problem.n_days
    else:
        here = problem.absent[rows] == PRESENT
        fixed_in = [int(x) for x in (here & fixed[:, None]).sum(axis=0)]
    groups = sorted({group_of[i] for i in members if i in group_of})
    return CountSet(groups, fixed_in, minimum, maximum, None, label, unit)


def components(groups: list[Group], sets: list[CountSet]) -> list[Component]:
    """Connected parts: groups linked by a shared rule or by their unit's fairness terms."""
    parent = list(range(len(groups)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(items: list[int]) -> None:
        if items:
            root = find(items[0])
            for other in items[1:]:
                parent[find(other)] = root

    by_unit: dict[str, list[int]] = defaultdict(list)
    for g in groups:
        by_unit[g.unit].append(g.index)
    for members in by_unit.values():
        union(members)
    for cs in sets:
        union(cs.groups)
    parts: dict[int, Component] = {}
    for g in groups:
        parts.setdefault(find(g.index), Component([], [])).groups.append(g.index)
    for cs in sets:
        if cs.groups:
            parts[find(cs.groups[0])].sets.append(cs)
    return sorted(parts.values(), key=lambda c: c.groups[0])


def temporal(component: Component, groups: list[Group]) -> bool:
    """Does a per-person rule (a week, a run of days, a period) hold someone here? Then
    the levels are no sums over blocks: the block-by-block shortcuts do not apply."""
    return any(groups[g].windows for g in component.groups)


def _partial(component: Component, groups: list[Group], days: int) -> bool:
    """Does a per-person rule look at part of the period (a week, a run)? Then days are
    no longer interchangeable: one block per day, in order, so that the layout's running
    turn gives each member floor/ceil of the group's office days on any days in a row
    (`model/layout.py`), which is what the windows ask of the sums. A rule over the whole
    period (or a week that is the whole period) is a bound on each group's total, which
    the blocks keep exactly."""
    return any(len(window[0]) < days for g in component.groups
               for window in groups[g].windows)


def day_blocks(component: Component, groups: list[Group], days: int,
               laminar: bool) -> list[list[int]]:
    """Days that are interchangeable for this component, grouped into blocks.

    Two days are interchangeable when the same groups are present and every rule asks
    the same of them. Within a block the wrap-around layout is exact, so the model
    needs one variable per group and block: one block for a period without leave, a
    few when some staff are away. Without laminar rules, every day is its own block.
    """
    if not laminar or _partial(component, groups, days):
        return [[d] for d in range(days)]
    away: list[tuple[object, ...]] = [
        p for g in component.groups if (p := groups[g].present) is not None]
    away += [q for g in component.groups if (q := groups[g].pins) is not None]
    away += [q for g in component.groups if (q := groups[g].published) is not None]
    blocks: dict[tuple[object, ...], list[int]] = {}
    for d in range(days):
        key = (tuple(p[d] for p in away), tuple(
            (cs.minimum[d], None if cs.maximum is None else cs.maximum[d],
             cs.fixed_in_office[d],
             None if cs.target_office is None else cs.target_office[d])
            for cs in component.sets))
        blocks.setdefault(key, []).append(d)
    return list(blocks.values())


def laminar_order(component: Component, groups: list[Group]) -> list[int] | None:
    """An order of the groups in which every rule's groups are consecutive, or None.

    Exists when the rule sets are laminar (any two nested or disjoint), which holds
    for per-unit and per-sub-unit rules on disjoint categories: all five circulars.
    """
    sets = sorted({tuple(cs.groups) for cs in component.sets if cs.groups},
                  key=lambda s: (-len(s), s))
    innermost: dict[int, int] = {}
    children: dict[int, list[int]] = defaultdict(list)  # set id -> child set ids
    for sid, members in enumerate(sets):
        parents = {innermost.get(g, -1) for g in members}
        if len(parents) != 1:
            return None
        children[parents.pop()].append(sid)
        for g in members:
            innermost[g] = sid
    leaves: dict[int, list[int]] = defaultdict(list)
    for g in component.groups:
        leaves[innermost.get(g, -1)].append(g)
    order: list[int] = []

    def visit(sid: int) -> None:
        items: list[tuple[int, int, bool]] = [(g, g, False) for g in leaves[sid]]
        items += [(min(sets[c]), c, True) for c in children[sid]]
        for _, item, is_set in sorted(items):
            if is_set:
                visit(item)
            else:
                order.append(item)

    visit(-1)
    return order
