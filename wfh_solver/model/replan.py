"""Replanning a published roster from a day on, changing as few cells as the rules allow.

Days before the replan day happened: they are not solved again (the API keeps them as
published and counts their WFH days as history, so fairness spans the whole month). From
that day on, members of a group were published alike (`Group.published`), and blocks of
days split where any group's published code differs, so on a block a group's changed
cells are a plain sum: its office-days where it was published `WFH`, its capacity less
its office-days where it was published `WFO`. Cells whose change no choice can avoid
(leave or travel now, a rule fixing the person, a published `CUTI`/`DL` now at work)
are a constant (`forced_changes`), added to the level's value and bound.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from wfh_solver.model.groups import Group
from wfh_solver.policy.problem import FIXED_WFH, FIXED_WFO, FREE, LEAVE, PRESENT, TRAVEL, Problem
from wfh_solver.read.entries import CUTI, DL, WFH, WFO

#: the level a replan solves first, before the usual ones
CHANGES = "changes"


def group_changes(group: Group, block: Sequence[int], office: object, capacity: int) -> object:
    """A group's changed cells on a block, as an expression in its office-days `office`."""
    if group.published is None or capacity == 0:
        return 0
    code = group.published[block[0]]
    if code == WFO:
        return capacity - office  # type: ignore[operator]
    if code == WFH:
        return office
    return 0  # a published CUTI/DL (or nothing) now at work: counted in `forced_changes`


def forced_changes(problem: Problem) -> npt.NDArray[np.bool_]:
    """(employees, days): published cells that change whatever the roster: someone away
    now but not published so, someone a rule fixes the other way, a published `CUTI`/`DL`
    (or blank) now at work. Free present staff published `WFO`/`WFH` are the model's."""
    published = problem.published
    assert published is not None
    absent = problem.absence()
    fixed = problem.fixed[:, None]
    now = np.where(absent == LEAVE, CUTI, np.where(absent == TRAVEL, DL, 0)).astype(np.int8)
    here = absent == PRESENT
    now = np.where(here & (fixed == FIXED_WFO), WFO, now)
    now = np.where(here & (fixed == FIXED_WFH), WFH, now)
    free_here = here & (fixed == FREE)
    chosen = free_here & ((published == WFO) | (published == WFH))
    forced = (published != 0) & ~chosen & (published != now)
    return np.asarray(forced, dtype=bool)


def changed_cells(published: npt.NDArray[np.int8],
                  codes: npt.NDArray[np.int8]) -> npt.NDArray[np.bool_]:
    """(employees, days): cells whose new code (`read/entries.py` codes) differs from a
    filled published one."""
    return np.asarray((published != 0) & (published != codes), dtype=bool)
