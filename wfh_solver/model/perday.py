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

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

#: One block's model, per separable level its objective term on that block, and its
#: variables (office-days per group), whose values warm-start the whole model.
BlockModel = tuple[cp_model.CpModel, list[cp_model.LinearExprT], dict[int, cp_model.IntVar]]


@dataclass(slots=True)
class BlockBounds:
    """Per block, a proven lower bound of the level, and the office-days per group of a
    block solution reaching it (None where the search ran out of budget)."""

    lower: list[int]
    office: list[dict[int, int] | None]
    used: float = 0.0


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
        model, terms, office = build(s)
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
        out.office.append({g: int(solver.value(v)) for g, v in office.items()} if solved
                          else None)
    return out
