"""Per-day structure: levels that add up over blocks of days are bounded block by block.

The intent and vulnerable levels are sums over the blocks of interchangeable days (one
block per day where leave or travel makes days differ). Apart from the hard fairness
classes, which tie a group's days together, each block is its own small covering problem
over the laminar rule family (organisation ⊃ unit ⊃ sub-unit, with category counts).
Solving each block alone gives a lower bound per block. Added to the whole model, these
bounds make its relaxation tight; and when the whole model meets their sum, every optimal
roster meets each block's bound exactly, so the level is fixed block by block: a far
tighter model for the levels after it, still exact (nothing is fixed that an optimum could
avoid). CP-SAT solves the block models too: they are tiny.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from wfh_solver.model.groups import Group
from wfh_solver.model.sat import cp_model
from wfh_solver.policy.problem import FIXED_WFH, FIXED_WFO

#: One block's model, per separable level its objective term on that block, its
#: variables (office-days per *kind*: the groups the block's rules cannot tell apart,
#: merged), and each kind's groups.
BlockModel = tuple[cp_model.CpModel, list[cp_model.LinearExprT], dict[int, cp_model.IntVar],
                   list[list[int]]]


@dataclass(slots=True)
class BlockBounds:
    """Per block, a proven lower bound of the level, and the office-days per group of a
    block solution reaching it (None where the search ran out of budget)."""

    lower: list[int]
    office: list[dict[int, int] | None]  # per block: office-days per kind
    used: float = 0.0
    proven: list[bool] = field(default_factory=list)
    kinds: list[list[list[int]]] = field(default_factory=list)  # per block: kinds' groups


def block_bounds(build: Callable[[int], BlockModel], blocks: int, level: int,
                 fixed: Sequence[Sequence[int] | None], solver: cp_model.CpSolver,
                 budget: float) -> BlockBounds | None:
    """Per block, the least value of level `level` the rules allow on that block alone,
    given the earlier levels' per-block values where they are fixed; None when a block
    alone is infeasible (then so is the whole).

    A block whose search runs out of budget contributes its proven bound, so every
    value returned is a valid lower bound.
    """
    out = BlockBounds([], [])
    for s in range(blocks):
        model, terms, office, kinds = build(s)
        out.kinds.append(kinds)
        for earlier in range(level):
            values = fixed[earlier]
            if values is not None and not isinstance(terms[earlier], int):
                model.add(terms[earlier] == values[s])
        term = terms[level]
        if not isinstance(term, int):
            model.minimize(term)
        solver.parameters.max_deterministic_time = max(0.0, budget - out.used)
        status = solver.solve(model)
        out.used += solver.response_proto.deterministic_time
        if status == cp_model.INFEASIBLE:
            return None
        if isinstance(term, int):
            out.lower.append(term)
        elif status == cp_model.OPTIMAL:
            out.lower.append(round(solver.objective_value))
        else:
            out.lower.append(max(0, math.ceil(solver.best_objective_bound - 1e-6)))
        solved = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        out.proven.append(status == cp_model.OPTIMAL)
        out.office.append({g: int(solver.value(v)) for g, v in office.items()} if solved
                          else None)
    return out


def kinds(members: Sequence[int], keys: Sequence[tuple[object, ...]]) -> list[list[int]]:
    """Groups with equal keys (rule memberships, flags, pin on the block), in first-seen
    order: the block's model needs one variable per kind, not per group."""
    merged: dict[tuple[object, ...], list[int]] = {}
    for g, key in zip(members, keys, strict=True):
        merged.setdefault(key, []).append(g)
    return list(merged.values())


def spread_out(found: BlockBounds, size: Mapping[int, int], cumulative: Mapping[int, int],
               capacity: Callable[[int, int], int]) -> dict[int, list[int]] | None:
    """A roster of the whole period from the blocks' proven optima, each kind's office
    days handed to its groups so that cumulative WFH days stay level: block by block,
    the groups with the most WFH days ahead of them (per member) come in first.

    None unless every block was solved to its proven optimum. The result reaches the
    sum of the block bounds; whether it keeps the rules that tie blocks together (the
    hard fairness classes) and how fair it is, the caller checks.
    """
    if not found.office or not all(found.proven) or any(v is None for v in found.office):
        return None
    blocks = len(found.office)
    office = {g: [0] * blocks for g in size}
    ahead = dict(cumulative)  # WFH days per group if nobody came in from here on
    for s, (values, kinds_) in enumerate(zip(found.office, found.kinds, strict=True)):
        assert values is not None
        for k, members in enumerate(kinds_):
            total = values.get(k, 0)
            if not total:
                continue
            if len(members) == 1:
                given = [total]
            else:
                given = _water_fill(
                    np.asarray([ahead[g] for g in members], dtype=np.int64),
                    np.asarray([size[g] for g in members], dtype=np.int64),
                    np.asarray([capacity(g, s) for g in members], dtype=np.int64),
                    total).tolist()
            for g, x in zip(members, given, strict=True):
                office[g][s] = x
                ahead[g] -= x
    return office


def _water_fill(ahead: npt.NDArray[np.int64], size: npt.NDArray[np.int64],
                caps: npt.NDArray[np.int64], total: int) -> npt.NDArray[np.int64]:
    """`total` office-days over groups (each at most its cap), lowering the highest
    per-member WFH days first; ties to the earlier group."""
    if total <= 64 or len(ahead) == 1:
        return _one_by_one(ahead, size, caps, total)
    top = int((ahead // np.maximum(size, 1)).max()) + 1

    def given(level: int) -> npt.NDArray[np.int64]:
        return np.clip(ahead - size * level, 0, caps)

    lo, hi = -top - 1, top  # given(lo) = caps (sum >= total), given(hi) = 0
    while lo < hi:  # the least level whose hand-out fits in total
        mid = (lo + hi) // 2
        if int(given(mid).sum()) <= total:
            hi = mid
        else:
            lo = mid + 1
    out = given(lo)
    rest = total - int(out.sum())
    if rest:
        more = given(lo - 1) - out
        order = np.lexsort((np.arange(len(out)), -((ahead - out) * 1_000_000 // size)))
        for k in order:
            if rest == 0:
                break
            step = min(int(more[k]), rest)
            out[k] += step
            rest -= step
    return out


def _one_by_one(ahead: npt.NDArray[np.int64], size: npt.NDArray[np.int64],
                caps: npt.NDArray[np.int64], total: int) -> npt.NDArray[np.int64]:
    """The same hand-out a day at a time, for small totals: each office-day to the
    group whose members have the most WFH days ahead."""
    out = np.zeros(len(ahead), dtype=np.int64)
    if len(ahead) == 1:
        out[0] = min(total, int(caps[0]))
        return out
    left, room, sizes = ahead.tolist(), caps.tolist(), size.tolist()
    heap = [(-left[k] / sizes[k], k) for k in range(len(left)) if room[k] > 0]
    heapq.heapify(heap)
    for _ in range(total):
        if not heap:
            break
        _, k = heapq.heappop(heap)
        out[k] += 1
        left[k] -= 1
        room[k] -= 1
        if room[k] > 0:
            heapq.heappush(heap, (-left[k] / sizes[k], k))
    return out


@dataclass(slots=True)
class Month:
    """A whole period laid out block by block by `greedy_month`: office-days per group
    and block, and per block the intent (all office-days) and vulnerable totals, each
    the block's proven optimum."""

    office: dict[int, list[int]]
    intent: list[int]
    vulnerable: list[int]


#: A count rule over a component's groups (positions in its group list): per block its
#: minimum and, when it has one, its maximum of free office-days; or (last item True) a
#: WFH target: the free office-days it wants, missed by as little as possible.
RuleRows = tuple[npt.NDArray[np.int64], list[int], list[int] | None, bool]


def bottom_up(rules: Sequence[RuleRows], groups: int) -> list[int] | None:
    """The rules innermost first, or None when they are not laminar (two overlap
    without one containing the other)."""
    order = sorted(range(len(rules)), key=lambda r: -len(rules[r][0]))
    innermost = np.full(groups, -1, dtype=np.int64)
    for r in order:
        rows = rules[r][0]
        if len(rows) and len(np.unique(innermost[rows])) != 1:
            return None
        innermost[rows] = r
    return order[::-1]


def greedy_month(size: npt.NDArray[np.int64], ahead: npt.NDArray[np.int64],
                 lo: npt.NDArray[np.int64], hi: npt.NDArray[np.int64],
                 weak: npt.NDArray[np.bool_], counted: npt.NDArray[np.bool_],
                 rules: Sequence[RuleRows],
                 order: Sequence[int]) -> tuple[npt.NDArray[np.int64], list[int],
                                                 list[int]] | None:
    """Each block's least office-days, and among those the fewest for vulnerable staff,
    without a search: the covering rules form a laminar family (organisation ⊃ unit ⊃
    sub-unit), so filling each rule's shortfall innermost first, from staff who are not
    vulnerable first, is optimal for both levels (the staff sent home are a greedy
    maximum-weight basis of a laminar matroid). Who fills a shortfall is free for those
    levels; it goes to whoever has the most WFH days ahead, per member, so the month
    comes out level for fairness too. A WFH target (disjoint from any other target, in
    a family without maximums) is filled the same way up to the office-days it wants:
    each one short costs a deviation, each one more an office-day or a deviation
    elsewhere, so filling up to it and no further is optimal. `counted` marks the
    groups whose office-days the intent level counts (those under no target).

    Returns office-days (groups × blocks) and the two levels' block totals, or None
    when a block cannot meet its rules this way (the caller then searches).
    """
    n_groups, n_blocks = lo.shape
    office = np.zeros((n_groups, n_blocks), dtype=np.int64)
    left = ahead.copy()
    intent: list[int] = []
    vulnerable: list[int] = []
    for s in range(n_blocks):
        x = lo[:, s].copy()
        top = hi[:, s]
        for r in order:
            rows, need, _, wanted = rules[r]
            short = need[s] - int(x[rows].sum())
            for mask in (~weak[rows], weak[rows]):
                if short <= 0:
                    break
                pick = rows[mask]
                room = top[pick] - x[pick]
                if not room.any():
                    continue
                give = _water_fill(left[pick] - x[pick], size[pick], room,
                                   min(short, int(room.sum())))
                x[pick] += give
                short -= int(give.sum())
            if short > 0 and not wanted:
                return None
        for rows, _, cap, _ in rules:
            if cap is not None and int(x[rows].sum()) > cap[s]:
                return None
        office[:, s] = x
        left -= x
        intent.append(int(x[counted].sum()) + sum(
            abs(int(x[rows].sum()) - need[s]) for rows, need, _, wanted in rules if wanted))
        vulnerable.append(int(x[weak].sum()))
    return office, intent, vulnerable


def office_bounds(members: Sequence[Group], blocks: Sequence[list[int]]
                  ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Office-days each group can give per block (groups × blocks): none where its
    members are away, all or none where a pin decides the block, else 0 to all."""
    first = np.asarray([block[0] for block in blocks], dtype=np.int64)
    length = np.asarray([len(block) for block in blocks], dtype=np.int64)
    size = np.asarray([group.size for group in members], dtype=np.int64)
    hi = size[:, None] * length[None, :]
    lo = np.zeros_like(hi)
    for k, group in enumerate(members):
        if group.present is not None:
            hi[k] *= np.asarray(group.present, dtype=bool)[first]
        if group.pins is not None:
            pin = np.asarray(group.pins, dtype=np.int64)[first]
            hi[k] *= pin != FIXED_WFH
            lo[k] = np.where(pin == FIXED_WFO, hi[k], 0)
    return lo, hi
