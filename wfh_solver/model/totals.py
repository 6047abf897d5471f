"""The fairness level over each group's total, realised day by day by a maximum flow.

Under an organisation-wide WFH target (Sragen) every unit shares one daily office count,
so the whole organisation is one component, and in a month of leave its fairness model
has a variable per group and day: tens of thousands, which CP-SAT cannot prove in
minutes. But once the first two levels are fixed block by block, all they ask of a block
is a sum over a family of groups (the target's staff who are not vulnerable; the
vulnerable ones). Fairness depends only on each group's total over the period. So the
level is solved over the totals alone, a model the size of the staff list's groups;
a total per group is then laid out over the blocks by a maximum flow (groups → blocks,
each block taking its family's sum). When the flow cannot carry the totals, its
minimum cut is a valid inequality over the totals (Hoffman's condition): it is added
and the small model solved again. A realised optimum of the relaxation is an optimum
of the whole, so the proof is kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.graph.python import max_flow

from wfh_solver.model import fairness
from wfh_solver.model.groups import Component, Group
from wfh_solver.model.sat import cp_model

#: Rounds of "solve the totals, try the flow, add the cut" before giving up.
MAX_ROUNDS = 30


@dataclass(slots=True)
class Family:
    """Groups whose office-days a block only sees as one sum (`per_block`)."""

    rows: list[int]  # positions in the component's group list
    per_block: list[int]


@dataclass(slots=True)
class Outcome:
    office: npt.NDArray[np.int64]  # groups × blocks
    value: int
    used: float  # deterministic seconds


def solve(comp: Component, groups: Sequence[Group], days: int,
          lo: npt.NDArray[np.int64], hi: npt.NDArray[np.int64],
          families: Sequence[Family], solver: cp_model.CpSolver,
          budget: float) -> Outcome | None:
    """The fairness level proven optimal and laid out, or None (out of budget or
    rounds; the caller then searches the whole model)."""
    order = list(comp.groups)
    model = cp_model.CpModel()
    total = [model.new_int_var(int(lo[k].sum()), int(hi[k].sum()), f"t{k}")
             for k in range(len(order))]
    for family in families:
        model.add(sum(total[k] for k in family.rows) == sum(family.per_block))
    _classes(model, comp, groups, total, days)
    objective = _spreads(model, order, groups, total, days)
    model.minimize(objective)
    used = 0.0
    for _ in range(MAX_ROUNDS):
        solver.parameters.max_deterministic_time = max(0.0, budget - used)
        status = solver.solve(model)
        used += solver.response_proto.deterministic_time
        if status != cp_model.OPTIMAL:
            return None
        totals = np.asarray([solver.value(t) for t in total], dtype=np.int64)
        office = np.zeros_like(lo)
        cut_found = False
        for family in families:
            rows = np.asarray(family.rows, dtype=np.int64)
            laid, cut = _lay_out(totals[rows], lo[rows], hi[rows],
                                 np.asarray(family.per_block, dtype=np.int64))
            if laid is None:
                if cut is None:
                    return None
                chosen, rhs = cut
                model.add(sum(total[int(k)] for k in rows[chosen]) <= rhs)
                cut_found = True
                break
            office[rows] = laid
        if not cut_found:
            return Outcome(office, round(solver.objective_value), used)
        _hint(model, total, totals)
    return None


def _hint(model: cp_model.CpModel, total: list[cp_model.IntVar],
          values: npt.NDArray[np.int64]) -> None:
    model.clear_hints()
    for t, v in zip(total, values.tolist(), strict=True):
        model.add_hint(t, v)


def _lay_out(totals: npt.NDArray[np.int64], lo: npt.NDArray[np.int64],
             hi: npt.NDArray[np.int64], per_block: npt.NDArray[np.int64]
             ) -> tuple[npt.NDArray[np.int64] | None, tuple[npt.NDArray[np.int64], int] | None]:
    """Office-days per group and block with these totals and block sums; or else the
    groups A of a minimum cut and the most their totals can add up to in any lay-out
    (Σ_A lo + Σ_{blocks B on the source side} free sum + Σ_{A, blocks not in B} room),
    which these totals exceed; or neither when no totals could be laid out at all."""
    n, b = lo.shape
    need = totals - lo.sum(axis=1)
    column = per_block - lo.sum(axis=0)
    if (need < 0).any() or (column < 0).any() or need.sum() != column.sum():
        return None, None
    room = hi - lo
    g_idx, s_idx = np.nonzero(room > 0)
    source, sink = n + b, n + b + 1
    flow = max_flow.SimpleMaxFlow()
    tails = np.concatenate([np.full(n, source), g_idx, n + np.arange(b)])
    heads = np.concatenate([np.arange(n), n + s_idx, np.full(b, sink)])
    caps = np.concatenate([need, room[g_idx, s_idx], column])
    arcs = flow.add_arcs_with_capacity(tails, heads, caps)
    if flow.solve(source, sink) != flow.OPTIMAL:
        return None, None
    if flow.optimal_flow() < int(need.sum()):
        side = np.asarray(flow.get_source_side_min_cut(), dtype=np.int64)
        chosen = side[side < n]
        blocks = side[(side >= n) & (side < n + b)] - n
        outside = np.setdiff1d(np.arange(b), blocks)
        rhs = (int(lo[chosen].sum()) + int(column[blocks].sum())
               + int(room[np.ix_(chosen, outside)].sum()))
        return None, (chosen, rhs)
    laid = lo.copy()
    laid[g_idx, s_idx] += flow.flows(arcs[n:n + len(g_idx)])
    return laid, None


def _classes(model: cp_model.CpModel, comp: Component, groups: Sequence[Group],
             total: list[cp_model.IntVar], days: int) -> None:
    """Hard: groups of one fairness class within a day of each other per member."""
    index = {g: k for k, g in enumerate(comp.groups)}
    for members in fairness.classes(comp, groups):
        if len(members) < 2:
            continue
        low = model.new_int_var(0, days, "class_low")
        for g in members:
            k, size = index[g], groups[g].size
            model.add(total[k] >= size * low)
            model.add(total[k] <= size * (low + 1))


def _spreads(model: cp_model.CpModel, order: list[int], groups: Sequence[Group],
             total: list[cp_model.IntVar], days: int) -> cp_model.LinearExprT:
    """Per unit, the spread of cumulative WFH days, as the whole model counts it."""
    units: dict[str, list[int]] = defaultdict(list)
    for k, g in enumerate(order):
        units[groups[g].unit].append(k)
    top = days + max((groups[g].history for g in order), default=0)
    spreads = []
    for members in units.values():
        low = model.new_int_var(0, top, "unit_low")
        high = model.new_int_var(0, top, "unit_high")
        for k in members:
            group = groups[order[k]]
            cumulative = group.size * (group.present_days(days) + group.history) - total[k]
            model.add(cumulative >= group.size * low)
            model.add(cumulative <= group.size * high)
        spreads.append(high - low)
    return sum(spreads)



def by_units(comp: Component, groups: Sequence[Group], days: int,
             lo: npt.NDArray[np.int64], hi: npt.NDArray[np.int64],
             families: Sequence[Family], solver: cp_model.CpSolver,
             budget: float) -> Outcome | None:
    """The same level solved over the units' bounds instead of the groups' totals.

    A unit's spread is its highest cumulative WFH days less its lowest. Whether a
    "highest" h per unit is possible depends only on the office-days it forces on each
    family (every member at most h WFH days), whether a "lowest" l is possible only on
    the office-days it leaves room for: so the best highs and the best lows are two
    small choice problems of a value per unit (`_choose`), whose sum of optima bounds
    the level from below. When the chosen bounds nest (l ≤ h per unit) and a lay-out
    with those bounds exists (a flow with lower bounds, `_circulate`), that bound is
    reached: the level is proven. None when not (the caller then uses `solve`), or
    where hard fairness classes tie groups together.
    """
    order = list(comp.groups)
    if any(len(members) > 1 for members in fairness.classes(comp, groups)):
        return None
    size = np.asarray([groups[g].size for g in order], dtype=np.int64)
    full = size * np.asarray([groups[g].present_days(days) + groups[g].history
                              for g in order], dtype=np.int64)
    least, most = lo.sum(axis=1), hi.sum(axis=1)
    unit_names = sorted({groups[g].unit for g in order})
    unit_of = np.asarray([unit_names.index(groups[g].unit) for g in order], dtype=np.int64)
    family_of = np.full(len(order), -1, dtype=np.int64)
    for f, family in enumerate(families):
        family_of[family.rows] = f
    if (family_of < 0).any():
        return None
    sums = [sum(family.per_block) for family in families]
    top = days + max((groups[g].history for g in order), default=0)
    used = 0.0
    # highest per unit: at least what every group's own bounds force
    h_floor = np.zeros(len(unit_names), dtype=np.int64)
    l_ceiling = np.full(len(unit_names), top, dtype=np.int64)
    np.maximum.at(h_floor, unit_of, -((most - full) // size))  # ceil((full - most)/size)
    np.minimum.at(l_ceiling, unit_of, (full - least) // size)
    values = np.arange(top + 1, dtype=np.int64)
    # forced[k, v]: office-days group k must take if its unit's highest is v
    forced = np.maximum(least[:, None], full[:, None] - size[:, None] * values[None, :])
    room = np.minimum(most[:, None], full[:, None] - size[:, None] * values[None, :])
    high = _choose(forced, unit_of, family_of, sums, h_floor, top, True, solver, budget)
    if high is None:
        return None
    highs, spent = high
    used += spent
    low = _choose(room, unit_of, family_of, sums, np.zeros_like(l_ceiling),
                  l_ceiling, False, solver, budget - used)
    if low is None:
        return None
    lows, spent = low
    used += spent
    if (lows > highs).any():
        return None
    lower_total = forced[np.arange(len(order)), highs[unit_of]]
    upper_total = room[np.arange(len(order)), lows[unit_of]]
    office = np.zeros_like(lo)
    for family in families:
        rows = np.asarray(family.rows, dtype=np.int64)
        laid = _circulate(lower_total[rows], upper_total[rows], lo[rows], hi[rows],
                          np.asarray(family.per_block, dtype=np.int64))
        if laid is None:
            return None
        office[rows] = laid
    return Outcome(office, int((highs - lows).sum()), used)


def _choose(table: npt.NDArray[np.int64], unit_of: npt.NDArray[np.int64],
            family_of: npt.NDArray[np.int64], sums: list[int],
            first: npt.NDArray[np.int64], last: npt.NDArray[np.int64] | int,
            least_is_best: bool, solver: cp_model.CpSolver,
            budget: float) -> tuple[npt.NDArray[np.int64], float] | None:
    """One value per unit (within [first, last]), the sum of values least (highs) or
    greatest (lows), such that per family the groups' table entries at their unit's
    value add up to at most (highs: office-days forced) or at least (lows: office-days
    with room) the family's office-days. A multiple-choice model; None unless proven."""
    units = len(first)
    ends = np.broadcast_to(np.asarray(last), (units,))
    per_family: list[npt.NDArray[np.int64]] = []
    for f in range(len(sums)):
        rows = family_of == f
        column = np.zeros((units, table.shape[1]), dtype=np.int64)
        np.add.at(column, unit_of[rows], table[rows])
        per_family.append(column)
    model = cp_model.CpModel()
    picks: list[list[tuple[int, cp_model.IntVar]]] = []
    for u in range(units):
        choice = [(int(v), model.new_bool_var(f"u{u}v{v}"))
                  for v in range(int(first[u]), int(ends[u]) + 1)]
        if not choice:
            return None
        model.add_exactly_one(b for _, b in choice)
        picks.append(choice)
    for f, total in enumerate(sums):
        used_ = sum(int(per_family[f][u, v]) * b for u in range(units) for v, b in picks[u])
        model.add(used_ <= total if least_is_best else used_ >= total)
    objective = sum(v * b for choice in picks for v, b in choice)
    if least_is_best:
        model.minimize(objective)
    else:
        model.maximize(objective)
    solver.parameters.max_deterministic_time = max(0.0, budget)
    status = solver.solve(model)
    if status != cp_model.OPTIMAL:
        return None
    chosen = np.asarray([next(v for v, b in choice if solver.value(b)) for choice in picks],
                        dtype=np.int64)
    return chosen, solver.response_proto.deterministic_time


def _circulate(low: npt.NDArray[np.int64], high: npt.NDArray[np.int64],
               lo: npt.NDArray[np.int64], hi: npt.NDArray[np.int64],
               per_block: npt.NDArray[np.int64]) -> npt.NDArray[np.int64] | None:
    """Office-days per group and block, each group's total within [low, high], each
    cell within [lo, hi], each block's sum exactly per_block: a flow with lower bounds
    (the textbook reduction to a maximum flow between a super source and sink)."""
    n, b = lo.shape
    if (low > high).any():
        return None
    source, sink, s_star, t_star = n + b, n + b + 1, n + b + 2, n + b + 3
    excess = np.zeros(n + b + 2, dtype=np.int64)
    g_idx, s_idx = np.nonzero(hi > lo)
    excess[:n] += low - lo.sum(axis=1)
    excess[source] -= int(low.sum())
    excess[n:n + b] += lo.sum(axis=0) - per_block
    excess[sink] += int(per_block.sum())
    big = int(per_block.sum()) + int(high.sum()) + 1
    tails = [np.full(n, source), g_idx, np.asarray([sink])]
    heads = [np.arange(n), n + s_idx, np.asarray([source])]
    caps = [high - low, (hi - lo)[g_idx, s_idx], np.asarray([big])]
    gain = np.flatnonzero(excess > 0)
    loss = np.flatnonzero(excess < 0)
    tails += [np.full(len(gain), s_star), loss]
    heads += [gain, np.full(len(loss), t_star)]
    caps += [excess[gain], -excess[loss]]
    flow = max_flow.SimpleMaxFlow()
    arcs = flow.add_arcs_with_capacity(np.concatenate(tails), np.concatenate(heads),
                                       np.concatenate(caps))
    if flow.solve(s_star, t_star) != flow.OPTIMAL:
        return None
    if flow.optimal_flow() != int(excess[gain].sum()):
        return None
    laid = lo.copy()
    laid[g_idx, s_idx] += flow.flows(arcs[n:n + len(g_idx)])
    return laid
