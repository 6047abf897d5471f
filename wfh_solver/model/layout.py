"""From office-days per group and block to each person's days: McNaughton wrap-around.

Within each block of interchangeable days, consecutive people take consecutive day
slots of the block, so any run of consecutive people has floor/ceil(total/days) in
office on every day of the block: that is why the model's block sums are exact. Each
group's extra day rotates over its members from block to block, so no two of them end
more than one day apart. With one block for the whole period each person gets one
cyclic run of office days, and `cursor` carries the wrap position across components.

Done with numpy a block at a time: at 60,000 staff and 22 blocks the person-by-person
loop took 1.55 s, this 0.1 s (`tests/test_layout.py` keeps the loop as its oracle).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from wfh_solver.model.groups import Group

#: Given a block's days, each slot's person and office-day count and the line's start,
#: the line again (counts, people): slots moved only among slots that every rule counts
#: alike, and each group's counts given to its own members.
Arrange = Callable[[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64], int],
                   tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]]


def lay_out(office: npt.NDArray[np.bool_], groups: Sequence[Group], order: Sequence[int],
            per_block: dict[int, list[int]], blocks: Sequence[Sequence[int]],
            cursor: int, arrange: Arrange | None = None) -> int:
    """Mark each member's office days of `order`'s groups in `office` (people × days);
    return the wrap position for the next component (used with a single block).

    `arrange` (stable teams, `model/teams.py`) may redo each block's line before it is
    wrapped: it moves slots only among slots every rule counts alike and hands each
    group's counts to its own members, keeping them within a day of each other, so
    every rule's day counts and every level are those of the ordinary layout."""
    if not order:
        return cursor
    sizes = np.asarray([groups[g].size for g in order], dtype=np.int64)
    members = np.concatenate([np.asarray(groups[g].members, dtype=np.int64) for g in order])
    starts = np.cumsum(sizes) - sizes  # each group's first slot
    group_of_slot = np.repeat(np.arange(len(order)), sizes)
    j = np.arange(len(members), dtype=np.int64) - starts[group_of_slot]  # rank in its group
    first = np.zeros(len(order), dtype=np.int64)  # whose turn the extra day is, per group
    single = len(blocks) == 1
    for b, block in enumerate(blocks):
        m = len(block)
        days = np.asarray(block, dtype=np.int64)
        totals = np.asarray([per_block[g][b] for g in order], dtype=np.int64)
        base, extra = np.divmod(totals, sizes)
        counts = base[group_of_slot] + (j < extra[group_of_slot])
        position = cursor if single else 0
        who = members[starts[group_of_slot] + (first[group_of_slot] + j) % sizes[group_of_slot]]
        if arrange is not None:
            counts, who = arrange(days, who, counts, position)
        begin = (position + np.cumsum(counts) - counts) % max(m, 1)
        steps = np.arange(m, dtype=np.int64)
        taken = steps[None, :] < counts[:, None]  # slot × k: the k-th office day is taken
        rows, ks = np.nonzero(taken)
        office[who[rows], days[(begin[rows] + ks) % m]] = True
        first = (first + extra) % sizes
        if single:
            cursor = int((position + counts.sum()) % max(m, 1))
    return cursor
