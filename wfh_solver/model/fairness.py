"""The fairness level without a search, where what the rules force already decides it.

Fairness is, per unit, the spread between the most and the fewest cumulative WFH days
among free staff. In a real month that spread is mostly set by people the rules leave no
choice: the only pelaksana of a seksi comes in every day it needs one, while a teacher no
rule counts stays home every day (sending them in would break the first level's proven
minimum). A lower bound built from those forced days alone is often met by the roster
the earlier levels found block by block; then that roster is proven optimal for fairness
too, and the large whole-period model (tens of thousands of variables in a month where
leave makes every day different) is never built. Where the bound is not met, the caller
solves the level with CP-SAT as before, with the bound added to help the proof.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from wfh_solver.model import perday
from wfh_solver.model.groups import Component, CountSet, Group


def _count_rules(comp: Component) -> list[CountSet]:
    return [cs for cs in comp.sets if cs.target_office is None]


def classes(comp: Component, groups: Sequence[Group]) -> list[list[int]]:
    """The component's groups by hard fairness class (staff of one unit, sub-unit,
    category and flags, held within a day of each other), in component order."""
    seen: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for g in comp.groups:
        seen[groups[g].fairness_class].append(g)
    return list(seen.values())


def _singletons(comp: Component, groups: Sequence[Group]) -> set[int]:
    """Groups alone in their hard fairness class: no other group ties their totals."""
    return {members[0] for members in classes(comp, groups) if len(members) == 1}


#: A sum over some groups' office-days, per block: a count rule (a minimum, maybe a
#: maximum) or an earlier level fixed block by block (both bounds equal).
BlockSum = tuple[list[int], list[int], list[int] | None]


def count_sums(comp: Component, blocks: Sequence[list[int]]) -> list[BlockSum]:
    """The count rules as bounds on free office-days per block."""
    sums: list[BlockSum] = []
    for cs in _count_rules(comp):
        lower = [max(0, cs.minimum[b[0]] - cs.fixed_in_office[b[0]]) * len(b) for b in blocks]
        upper = None if cs.maximum is None else [
            max(0, cs.maximum[b[0]] - cs.fixed_in_office[b[0]]) * len(b) for b in blocks]
        sums.append((cs.groups, lower, upper))
    return sums


def office_range(comp: Component, groups: Sequence[Group], blocks: Sequence[list[int]],
                 intent: str, fixed: Sequence[BlockSum] = ()
                 ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Per group (in the component's order) and block, office-days every roster
    optimal for the earlier levels has at least and at most.

    Bounds come from pins and capacity, then from propagating every sum: the count
    rules and the earlier levels' block values (`fixed`). Besides, under a `max_wfh`
    intent (or a WFH target, for staff outside it) a group gets none in a block where no
    minimum counts it, it is tied to no other group and no pin puts it in, since taking
    those days back would lower the intent level below its proven optimum; under
    `max_wfo` the mirror image holds for groups no maximum counts.
    """
    index = {g: k for k, g in enumerate(comp.groups)}
    lo, hi = perday.office_bounds([groups[g] for g in comp.groups], blocks)
    sums = count_sums(comp, blocks)
    needs = np.zeros_like(lo, dtype=bool)
    capped = np.zeros_like(lo, dtype=bool)
    for members, lower, upper in sums:
        rows = [index[g] for g in members]
        needs[rows] |= np.asarray(lower)[None, :] > 0
        if upper is not None:
            capped[rows] = True
    alone = np.zeros(len(comp.groups), dtype=bool)
    alone[[index[g] for g in _singletons(comp, groups)]] = True
    if intent == "max_wfo":
        free = alone[:, None] & ~capped
        lo[free] = hi[free]
    else:
        outside = np.asarray([not (intent == "wfh_target" and groups[g].in_target)
                              for g in comp.groups], dtype=bool)
        idle = (alone & outside)[:, None] & ~needs & (lo == 0)
        hi[idle] = 0
    _propagate(lo, hi, [([index[g] for g in m], low, up) for m, low, up in [*sums, *fixed]])
    return lo, hi


def _propagate(lo: npt.NDArray[np.int64], hi: npt.NDArray[np.int64],
               sums: list[BlockSum], passes: int = 8) -> None:
    """Interval propagation of `lower ≤ Σ x ≤ upper` per block, to a fixpoint or
    `passes` rounds; every bound it gives holds in every solution."""
    arrays = [(np.asarray(rows, dtype=np.int64), np.asarray(lower, dtype=np.int64),
               None if upper is None else np.asarray(upper, dtype=np.int64))
              for rows, lower, upper in sums if rows]
    for _ in range(passes):
        changed = False
        for rows, lower, upper in arrays:
            h, l_ = hi[rows], lo[rows]
            new_lo = np.maximum(l_, lower[None, :] - (h.sum(axis=0)[None, :] - h))
            new_hi = h if upper is None else np.minimum(
                h, upper[None, :] - (l_.sum(axis=0)[None, :] - l_))
            new_lo = np.minimum(new_lo, new_hi)  # an infeasible block: leave it to CP-SAT
            if (new_lo != l_).any() or (new_hi != h).any():
                lo[rows], hi[rows] = new_lo, new_hi
                changed = True
        if not changed:
            return


def _per_member(group: Group, days: int, office: int) -> tuple[int, int]:
    """A group's fewest and most cumulative WFH days per member, as the model counts
    them: floor and ceiling of the group's average."""
    cumulative = group.size * (group.present_days(days) + group.history) - office
    return cumulative // group.size, -(-cumulative // group.size)


def _by_unit(comp: Component, groups: Sequence[Group]) -> dict[str, list[int]]:
    units: dict[str, list[int]] = defaultdict(list)
    for g in comp.groups:
        units[groups[g].unit].append(g)
    return units


def lower_bound(comp: Component, groups: Sequence[Group], blocks: Sequence[list[int]],
                days: int, intent: str, fixed: Sequence[BlockSum] = ()) -> int:
    """A proven lower bound of the fairness level (sum over units of the spread).

    Per unit: the fewest "most WFH days" any roster can have, less the most "fewest WFH
    days". Each comes from the office-day bounds per group and a pigeonhole over the
    earlier levels' totals: if those levels allow only 3 office-days for all vulnerable
    staff over the month, most vulnerable staff stay home every day, whoever comes in.
    The pigeonhole counts what the count rules force on each total's staff together
    (`_Tree`): two vulnerable pelaksana of a seksi that needs one pelaksana a day use
    a day of the vulnerable total every day, though neither is forced alone.
    """
    lo, hi = office_range(comp, groups, blocks, intent, fixed)
    order = list(comp.groups)
    index = {g: k for k, g in enumerate(order)}
    least, most = lo.sum(axis=1), hi.sum(axis=1)
    size = np.asarray([groups[g].size for g in order], dtype=np.int64)
    full = size * np.asarray([groups[g].present_days(days) + groups[g].history
                              for g in order], dtype=np.int64)
    rules = [(np.asarray([index[g] for g in members], dtype=np.int64), lower, upper)
             for members, lower, upper in count_sums(comp, blocks)]
    trees = [_Tree.of(np.asarray([index[g] for g in members], dtype=np.int64), sum(lower),
                      rules, lo, hi)
             for members, lower, upper in fixed
             if upper is not None and list(lower) == list(upper)]
    top = days + max((groups[g].history for g in comp.groups), default=0)
    total = 0
    for members in _by_unit(comp, groups).values():
        unit = np.zeros(len(order), dtype=bool)
        unit[[index[g] for g in members]] = True
        bounds = _UnitBounds(unit, least, most, size, full, trees)
        total += max(0, _first(bounds.high_fits, 0, top) - _last(bounds.low_fits, 0, top))
    return total


@dataclass(slots=True)
class _Tree:
    """An earlier level's total (office-days over some groups, fixed for the month) and,
    inside it, what each count rule forces on its part of those groups: the rules'
    parts, kept where they nest, bound the total from below (and above) better than the
    groups one by one."""

    rows: npt.NDArray[np.int64]
    value: int
    nodes: list[npt.NDArray[np.int64]]  # smallest first; each a rule's part of `rows`
    need: list[int]  # office-days each node has at least over the month
    cap: list[int | None]  # and at most
    children: list[list[int]]
    direct: list[npt.NDArray[np.int64]]  # a node's groups in none of its children
    loose: npt.NDArray[np.int64]  # groups of `rows` in no node
    roots: list[int]  # nodes inside no other node

    @classmethod
    def of(cls, rows: npt.NDArray[np.int64], value: int,
           rules: list[tuple[npt.NDArray[np.int64], list[int], list[int] | None]],
           lo: npt.NDArray[np.int64], hi: npt.NDArray[np.int64]) -> _Tree:
        inside = np.zeros(len(lo), dtype=bool)
        inside[rows] = True
        parts: dict[tuple[int, ...], tuple[int, int | None]] = {}
        for members, lower, upper in rules:
            mine, others = members[inside[members]], members[~inside[members]]
            if not len(mine):
                continue
            # what the rule leaves to its part inside the total, block by block
            need = int(np.maximum(0, np.asarray(lower) - hi[others].sum(axis=0)).sum())
            cap = None if upper is None else int(
                (np.asarray(upper) - lo[others].sum(axis=0)).sum())
            key = tuple(sorted(mine.tolist()))
            was = parts.get(key)
            if was is not None:  # two rules on one part: the stronger of each
                need = max(need, was[0])
                cap = was[1] if cap is None else (cap if was[1] is None else min(cap, was[1]))
            parts[key] = (need, cap)
        kept: list[tuple[frozenset[int], tuple[int, ...]]] = []
        for key in sorted(parts, key=len):  # a laminar subfamily: any one gives a bound
            members_set = frozenset(key)
            if all(members_set.isdisjoint(s) or s <= members_set for s, _ in kept):
                kept.append((members_set, key))
        parent: list[int | None] = [None] * len(kept)
        for k, (members_set, _) in enumerate(kept):
            for j in range(k + 1, len(kept)):
                if members_set <= kept[j][0]:
                    parent[k] = j
                    break
        children: list[list[int]] = [[] for _ in kept]
        for k, p in enumerate(parent):
            if p is not None:
                children[p].append(k)
        direct = []
        for k, (members_set, _) in enumerate(kept):
            below = set().union(*(kept[c][0] for c in children[k])) if children[k] else set()
            direct.append(np.asarray(sorted(members_set - below), dtype=np.int64))
        covered = set().union(*(s for s, _ in kept)) if kept else set()
        loose = np.asarray(sorted(set(rows.tolist()) - covered), dtype=np.int64)
        return cls(rows, value, [np.asarray(key, dtype=np.int64) for _, key in kept],
                   [parts[key][0] for _, key in kept], [parts[key][1] for _, key in kept],
                   children, direct, loose, [k for k, p in enumerate(parent) if p is None])

    def least_total(self, need: npt.NDArray[np.int64]) -> int | None:
        """The fewest office-days the total can have when each group has at least
        `need`; None when some rule's part cannot take what its groups need."""
        at: list[int] = []
        for k in range(len(self.nodes)):
            inner = sum(at[c] for c in self.children[k]) + int(need[self.direct[k]].sum())
            cap = self.cap[k]
            if cap is not None and inner > cap:
                return None
            at.append(max(self.need[k], inner))
        return sum(at[k] for k in self.roots) + int(need[self.loose].sum())

    def most_total(self, room: npt.NDArray[np.int64]) -> int | None:
        """The most office-days the total can have when each group has at most `room`;
        None when some rule's part cannot reach its minimum."""
        at: list[int] = []
        for k in range(len(self.nodes)):
            inner = sum(at[c] for c in self.children[k]) + int(room[self.direct[k]].sum())
            if inner < self.need[k]:
                return None
            cap = self.cap[k]
            at.append(inner if cap is None else min(cap, inner))
        return sum(at[k] for k in self.roots) + int(room[self.loose].sum())


@dataclass(slots=True)
class _UnitBounds:
    """Necessary conditions for a unit's staff to stay within m WFH days (at most, or
    at least): each group's office-days within its bounds, and every earlier level's
    total (a sum over groups, some outside the unit) still reachable."""

    unit: npt.NDArray[np.bool_]
    least: npt.NDArray[np.int64]
    most: npt.NDArray[np.int64]
    size: npt.NDArray[np.int64]
    full: npt.NDArray[np.int64]  # office-days that would leave a group no WFH day
    totals: list[_Tree]

    def high_fits(self, m: int) -> bool:
        need = np.where(self.unit, np.maximum(self.least, self.full - self.size * m),
                        self.least)
        if (need > self.most).any():
            return False
        for tree in self.totals:
            fewest = tree.least_total(need)
            if fewest is None or fewest > tree.value:
                return False
        return True

    def low_fits(self, m: int) -> bool:
        room = np.where(self.unit, np.minimum(self.most, self.full - self.size * m),
                        self.most)
        if (room < self.least).any():
            return False
        for tree in self.totals:
            most = tree.most_total(room)
            if most is None or most < tree.value:
                return False
        return True


def _first(fits: Callable[[int], bool], lo: int, hi: int) -> int:
    """The least m in [lo, hi] with fits(m), fits being monotone (hi when none fits)."""
    while lo < hi:
        mid = (lo + hi) // 2
        if fits(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def _last(fits: Callable[[int], bool], lo: int, hi: int) -> int:
    """The greatest m in [lo, hi] with fits(m), fits being antitone (lo when none fits)."""
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


def value(comp: Component, groups: Sequence[Group], days: int,
          office: Mapping[int, Sequence[int]]) -> int:
    """The fairness level of a roster given as office-days per group and block."""
    total = 0
    for members in _by_unit(comp, groups).values():
        spans = [_per_member(groups[g], days, sum(office[g])) for g in members]
        total += max(high for _, high in spans) - min(low for low, _ in spans)
    return total


def classes_hold(comp: Component, groups: Sequence[Group],
                 office: Mapping[int, Sequence[int]]) -> bool:
    """Whether groups of one hard fairness class stay within a day of each other per
    member (the rule the block models leave out, as it ties blocks together)."""
    for members in classes(comp, groups):
        if len(members) < 2:
            continue
        # exists an integer low with size*low <= total <= size*(low+1) for every group
        low = max(-(-(sum(office[g]) - groups[g].size) // groups[g].size) for g in members)
        if any(sum(office[g]) < groups[g].size * low for g in members):
            return False
    return True
