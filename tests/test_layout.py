"""The vectorised day layout against the person-by-person loop it replaced."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from wfh_solver.model.groups import Group
from wfh_solver.model.layout import lay_out


def _loop_layout(office: np.ndarray, groups: list[Group], order: list[int],
                 per_block: dict[int, list[int]], blocks: list[list[int]], cursor: int) -> int:
    """The oracle: each member in turn takes the next `count` day slots of the block."""
    pointers = dict.fromkeys(order, 0)
    single = len(blocks) == 1
    for b, block in enumerate(blocks):
        m = len(block)
        position = cursor if single else 0
        for g in order:
            n = groups[g].size
            base, extra = divmod(per_block[g][b], n)
            for j in range(n):
                count = base + (1 if j < extra else 0)
                for k in range(count):
                    office[groups[g].members[(pointers[g] + j) % n], block[(position + k) % m]] \
                        = True
                position = (position + count) % m
            pointers[g] = (pointers[g] + extra) % n
        if single:
            cursor = position
    return cursor


@st.composite
def _cases(draw: st.DrawFn) -> tuple[list[Group], list[int], dict[int, list[int]],
                                     list[list[int]], int]:
    days = draw(st.integers(1, 9))
    cut = sorted(draw(st.sets(st.integers(1, days - 1), max_size=3))) if days > 1 else []
    shuffled = draw(st.permutations(range(days)))
    bounds = [0, *cut, days]
    blocks = [sorted(shuffled[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
    sizes = draw(st.lists(st.integers(1, 6), min_size=1, max_size=5))
    people = draw(st.permutations(range(sum(sizes))))
    groups, at = [], 0
    for k, n in enumerate(sizes):
        groups.append(Group(k, "u", (k,), False, members=list(people[at:at + n])))
        at += n
    per_block = {g: [draw(st.integers(0, len(block) * groups[g].size)) for block in blocks]
                 for g in range(len(groups))}
    order = draw(st.permutations(range(len(groups))))
    return groups, list(order), per_block, blocks, draw(st.integers(0, days - 1))


@settings(max_examples=300, deadline=None)
@given(_cases())
def test_layout_marks_the_same_days_as_the_loop(case: tuple) -> None:
    groups, order, per_block, blocks, cursor = case
    people = sum(g.size for g in groups)
    days = sum(len(b) for b in blocks)
    fast = np.zeros((people, days), dtype=bool)
    slow = np.zeros((people, days), dtype=bool)
    assert lay_out(fast, groups, order, per_block, blocks, cursor) == \
        _loop_layout(slow, groups, order, per_block, blocks, cursor)
    assert (fast == slow).all()
    for g in order:  # each block gets exactly its office-days, members within one day
        for b, block in enumerate(blocks):
            assert fast[np.ix_(groups[g].members, block)].sum() == per_block[g][b]
        totals = fast[groups[g].members].sum(axis=1)
        assert totals.max() - totals.min() <= 1
