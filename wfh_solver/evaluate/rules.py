"""The rules of a `Problem` judged on a finished roster: what is broken, where, by how much.

Any roster can be judged: one we solved, one HR edited by hand, one `--relax` wrote
with rules knowingly broken. A roster is a matrix of cell codes (`result.CODES`
indices, `MISSING` where the sheet had no usable cell), so the evaluation never
trusts the solver that made it. `tests/checker.py` stays the tests' own oracle.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import numpy as np
import numpy.typing as npt

from wfh_solver.base.messages import t
from wfh_solver.evaluate.cells import Layout
from wfh_solver.policy.person import all_windows
from wfh_solver.policy.problem import FIXED_WFH, FIXED_WFO, FREE, PRESENT, Problem, Requirement
from wfh_solver.solve.result import LEAVE_CODE, TRAVEL_CODE, WFH_CODE, WFO_CODE, Violation

MISSING = -1  # a cell the roster does not give (no row, or an unreadable code)

#: Kinds of violation, in the order a report lists them.
KINDS: tuple[str, ...] = ("pin", "absence", "minimum", "maximum", "person", "fairness")


def office_of(codes: npt.NDArray[np.int8]) -> npt.NDArray[np.bool_]:
    return np.asarray(codes == WFO_CODE)


def _who(problem: Problem, people: list[int], limit: int = 4) -> str:
    names = [f"{problem.employees[i].name} (NIP {problem.employees[i].nip})"
             for i in people[:limit]]
    if len(people) > limit:
        names.append(t("ev_and_more", count=len(people) - limit))
    return ", ".join(names) if names else "-"


def _day(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def _where(unit: str, sub_unit: str) -> str:
    if not unit:
        return t("whole_org")
    return f"{sub_unit}, {unit}" if sub_unit else unit


def evaluate(problem: Problem, codes: npt.NDArray[np.int8], layout: Layout) -> list[Violation]:
    """Every hard rule and fairness bound the roster breaks, in report order."""
    if codes.shape != (len(problem.employees), problem.n_days):
        raise ValueError("roster codes do not match the problem's employees and days")
    found = pins(problem, codes, layout)
    found += absences(problem, codes, layout)
    found += counts(problem, codes, layout)
    found += person_rules(problem, codes, layout)
    found += fairness(problem, codes, layout)
    return found


def pins(problem: Problem, codes: npt.NDArray[np.int8], layout: Layout) -> list[Violation]:
    """Staff a rule or a personal flag fixes in office (or at home) who are not, per day."""
    absent = problem.absence()
    out: list[Violation] = []
    for state, wrong, key in ((FIXED_WFO, WFH_CODE, "ev_pin_office"),
                              (FIXED_WFH, WFO_CODE, "ev_pin_home")):
        rows = np.flatnonzero(problem.fixed == state)
        if not len(rows):
            continue
        bad = (codes[rows] == wrong) & (absent[rows] == PRESENT)
        for k, d in zip(*np.nonzero(bad), strict=True):
            i = int(rows[k])
            e = problem.employees[i]
            day = problem.calendar.days[d]
            out.append(Violation(
                "pin", problem.fixed_by[i], e.unit, e.sub_unit, day, 1, 0, (i,),
                (layout.cell(i, int(d)),),
                t(key, who=_who(problem, [i]), rule=problem.fixed_by[i], day=_day(day),
                  cell=layout.cell(i, int(d)))))
    return out


def absences(problem: Problem, codes: npt.NDArray[np.int8],
             layout: Layout) -> list[Violation]:
    """Leave and travel from the staff list shown as work, and the reverse."""
    absent = problem.absence()
    away_codes = (codes == LEAVE_CODE) | (codes == TRAVEL_CODE)
    working = (codes == WFO_CODE) | (codes == WFH_CODE)
    out: list[Violation] = []
    for mask, key in (((absent != PRESENT) & working, "ev_away_working"),
                      ((absent == PRESENT) & away_codes, "ev_not_away")):
        for i, d in zip(*np.nonzero(mask), strict=True):
            e = problem.employees[i]
            day = problem.calendar.days[d]
            cell = layout.cell(int(i), int(d))
            out.append(Violation("absence", t("ev_rule_absence"), e.unit, e.sub_unit, day, 0, 1,
                                 (int(i),), (cell,),
                                 t(key, who=_who(problem, [int(i)]), day=_day(day), cell=cell)))
    return out


def requirement_counts(req: Requirement, office: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """Members in office per day."""
    return office[np.asarray(req.members, dtype=np.intp)].sum(axis=0).astype(np.int64)


def counts(problem: Problem, codes: npt.NDArray[np.int8], layout: Layout) -> list[Violation]:
    """Minimum and maximum counts per unit, sub-unit or organisation, per day."""
    office = office_of(codes)
    cells = problem.pins if problem.pins is not None else np.zeros(codes.shape, np.int8)
    out: list[Violation] = []
    for req in problem.requirements:
        here = requirement_counts(req, office)
        rows = np.asarray(req.members, dtype=np.intp)
        for d in range(problem.n_days):
            if layout.columns[d] < 0:
                continue  # a day the roster has no column for is reported on its own
            need = req.minimum_on(d)
            if here[d] < need:
                home = codes[rows, d] == WFH_CODE
                held = home & (cells[rows, d] == FIXED_WFH)  # HR pinned them home (--pin)
                out.append(_count_violation(problem, req, d, need, int(here[d]), "minimum",
                                            rows[home & ~held], layout, rows[held]))
            cap = req.maximum_on(d)
            if cap is not None and here[d] > cap:
                out.append(_count_violation(problem, req, d, cap, int(here[d]),
                                            "maximum", rows[office[rows, d]], layout))
    return out


def _count_violation(problem: Problem, req: Requirement, d: int, required: int, achieved: int,
                     kind: str, people: npt.NDArray[np.intp], layout: Layout,
                     held: npt.NDArray[np.intp] | None = None) -> Violation:
    """`people`: who could mend it (at home for a minimum, in office for a maximum);
    `held`: members HR pinned at home that day (`--pin`), named apart: they cannot."""
    day = problem.calendar.days[d]
    who = [int(i) for i in people]
    pinned = [] if held is None else [int(i) for i in held]
    cells = tuple(layout.cell(i, d) for i in who + pinned)
    key = "ev_minimum" if kind == "minimum" else "ev_maximum"
    if not who and kind == "minimum":
        key = "ev_minimum_none"
    text = t(key, where=_where(req.unit, req.sub_unit), rule=req.rule, required=required,
             achieved=achieved, day=_day(day), who=_who(problem, who),
             cells=_cells_text(cells[:len(who)]))
    if pinned:
        text += t("ev_pinned_home", who=_who(problem, pinned),
                  cells=_cells_text(cells[len(who):]))
    return Violation(kind, req.rule, req.unit, req.sub_unit, day, required, achieved,
                     tuple(who + pinned), cells, text, req.kind)


def person_rules(problem: Problem, codes: npt.NDArray[np.int8],
                 layout: Layout) -> list[Violation]:
    """Per-person rules (policy/person.py): a week or period with too few or too many
    office days, and a run of WFH (or WFO) days longer than allowed, said once per run."""
    office = office_of(codes)
    complete = ~(codes == MISSING).any(axis=1)  # a missing row is reported on its own
    out: list[Violation] = []
    for i, windows in sorted(all_windows(problem).items()):
        if not complete[i]:
            continue
        runs: dict[int, list[tuple[int, ...]]] = defaultdict(list)
        for w in windows:
            got = int(office[i, list(w.days)].sum())
            if w.low <= got and (w.high is None or got <= w.high):
                continue
            spec = problem.person_rules[w.rule]
            if spec.kind.startswith("max_consecutive"):
                runs[w.rule].append(w.days)
            else:
                out.append(_person_violation(problem, i, spec.rule, spec.kind, w.days,
                                             w.low if got < w.low else int(w.high or 0),
                                             got, layout))
        for rule, spans in runs.items():
            spec = problem.person_rules[rule]
            for days in _merged(spans):
                out.append(_person_violation(problem, i, spec.rule, spec.kind, days,
                                             spec.days, len(days), layout))
    return out


def _merged(spans: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
    """Overlapping windows of one run as one run of days."""
    merged: list[list[int]] = []
    for days in sorted(spans):
        if merged and days[0] <= merged[-1][-1] + 1:
            merged[-1] = sorted(set(merged[-1]) | set(days))
        else:
            merged.append(list(days))
    return [tuple(m) for m in merged]


def _person_violation(problem: Problem, i: int, rule: str, kind: str, days: tuple[int, ...],
                      required: int, achieved: int, layout: Layout) -> Violation:
    e = problem.employees[i]
    dates = problem.calendar.days
    shown = [d for d in days if layout.columns[d] >= 0]
    cells = tuple(layout.cell(i, d) for d in shown)
    span = t("ev_span", first=_day(dates[days[0]]), last=_day(dates[days[-1]]))
    spec = problem.person_rules
    longest = next(p.days for p in spec if p.rule == rule)
    carried = longest + 1 - len(days)
    if kind.startswith("max_consecutive") and days[0] == 0 and carried > 0:
        span = t("ev_span_earlier", first=_day(dates[0]), last=_day(dates[days[-1]]),
                 count=carried)
    key = {"min_office_days": "ev_person_min", "max_office_days": "ev_person_max",
           "max_consecutive_wfh": "ev_person_run_wfh",
           "max_consecutive_wfo": "ev_person_run_wfo"}[kind]
    text = t(key, who=_who(problem, [i]), rule=rule, required=required, achieved=achieved,
             span=span, cells=_cells_text(cells))
    carried = max(0, carried) if days[0] == 0 else 0
    if kind.startswith("max_consecutive"):
        # a run of `achieved` days needs a day of the other status in every longest + 1
        required, achieved = max(1, (achieved + carried) // (longest + 1)), 0
    return Violation("person", rule, e.unit, e.sub_unit, dates[days[0]], required, achieved,
                     (i,), cells, text, kind)


def _cells_text(cells: tuple[str, ...]) -> str:
    return ", ".join(cells[:4]) + (" …" if len(cells) > 4 else "")


def fairness(problem: Problem, codes: npt.NDArray[np.int8], layout: Layout) -> list[Violation]:
    """Free staff of one unit, sub-unit and category, with the same vulnerability and the
    same leave days, whose WFH days differ by more than one (POLICY principle 5)."""
    absent = problem.absence()
    wfh = (codes == WFH_CODE).sum(axis=1)
    complete = ~(codes == MISSING).any(axis=1)  # a missing row is reported on its own
    classes: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, e in enumerate(problem.employees):
        if problem.fixed[i] == FREE and complete[i]:
            key = (e.unit, e.sub_unit, e.category.value, bool(problem.vulnerable[i]),
                   absent[i].tobytes(),  # HR's `--pin` cells set their own people apart
                   b"" if problem.pins is None else problem.pins[i].tobytes())
            classes[key].append(i)
    out: list[Violation] = []
    for members in classes.values():
        if len(members) < 2:
            continue
        days = wfh[members]
        low, high = int(days.min()), int(days.max())
        if high - low <= 1:
            continue
        few = members[int(days.argmin())]
        many = members[int(days.argmax())]
        e = problem.employees[few]
        cells = (layout.row_cells(few), layout.row_cells(many))
        out.append(Violation(
            "fairness", t("ev_rule_fairness"), e.unit, e.sub_unit, None, low + 1, high,
            (few, many), cells,
            t("ev_fairness", where=_where(e.unit, e.sub_unit), category=e.category.value,
              few=_who(problem, [few]), low=low, many=_who(problem, [many]), high=high,
              cells=", ".join(cells))))
    return out


def total_shortfall(violations: list[Violation]) -> int:
    """Person-days short (or over) on count rules and pins: what `--relax` minimises."""
    return sum(v.shortfall for v in violations
               if v.kind in ("pin", "minimum", "maximum", "person"))
