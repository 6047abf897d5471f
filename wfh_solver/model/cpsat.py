"""Rules → CP-SAT over groups, solved level by level (lexicographic).

Variables are office-day counts per group and *slot*. When the rule sets of a
component are laminar, one slot stands for the whole period (the day index is
projected out: a wrap-around layout realises any totals that meet the rule sums
times the number of days). Otherwise there is one slot per day. The same
constraint functions serve both; each slot is a block of interchangeable days
(see `groups.day_blocks`) and stands for as many days as the block has.

Levels, each proven optimal before it is fixed:
  intent      as many at home as the rules allow, or the WFH target hit each day
  vulnerable  vulnerable staff get WFH first
  fairness    per unit, the spread of office days among free staff is minimal
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from wfh_solver.model import fairness, mip, perday, pins, replan, totals
from wfh_solver.model.groups import Component, Group, temporal
from wfh_solver.model.sat import cp_model

LEVELS: tuple[str, ...] = ("intent", "vulnerable", "fairness")
#: a replan (`model/replan.py`) first changes the fewest published cells
REPLAN_LEVELS: tuple[str, ...] = (replan.CHANGES, *LEVELS)


#: A run stops on the wall clock only past this multiple of its time limit (plus a few
#: seconds): a safety net for a machine far slower than CP-SAT's deterministic clock
#: assumes. Before that, only deterministic budgets stop a search.
WALL_SAFETY_FACTOR, WALL_SAFETY_SECONDS = 3.0, 5.0


@dataclass(slots=True)
class SolveOptions:
    """`time_limit` is a budget in CP-SAT's *deterministic* seconds, shared out over the
    components before solving (`share_budget`), so a time-limited roster is the same on
    any machine and with any `workers`. `workers=0` (auto) solves components side by
    side on every core; each CP-SAT search is single-threaded whatever `workers` says,
    because a search's result depends on its thread count."""

    time_limit: float = 60.0
    seed: int = 0
    workers: int = 0
    teams: bool = False  # stable teams (`model/teams.py`), also `rotation = "tim"`


def share_budget(sizes: list[int], total: float) -> list[float]:
    """Each component's deterministic budget, in proportion to its model size.

    Decided before any search, from the components alone, so it cannot depend on
    which thread finishes first. A floor (a hundredth of a deterministic second, or
    the whole budget when smaller) keeps a tiny component from being starved by a
    huge one; tiny models prove optimality far below it.
    """
    weight = sum(sizes)
    floor = min(total, 0.01)
    if weight == 0:
        return [floor] * len(sizes)
    return [max(floor, total * size / weight) for size in sizes]


class StopSignal:
    """Ctrl-C or SIGTERM during a long solve: stop the running searches, keep their best.

    `signal` is the number of the signal that asked (0 when a caller stopped it).

    `on_level(level, objective, bound)` hears each level of each component as it is
    proven, from the solving threads: a web page shows it as live progress.
    """

    def __init__(self, on_level: Callable[[str, int, int], None] | None = None) -> None:
        self.requested = False
        self.signal = 0
        self.solvers: set[cp_model.CpSolver] = set()
        self._lock = threading.Lock()
        self.on_level = on_level

    def stop(self, signal: int = 0) -> None:
        with self._lock:
            self.requested = True
            self.signal = self.signal or signal
            running = list(self.solvers)
        for solver in running:
            solver.stop_search()

    def attach(self, solver: cp_model.CpSolver) -> None:
        """Register a solver about to search; one registered after a stop gets no time."""
        with self._lock:
            self.solvers.add(solver)
            if self.requested:
                solver.parameters.max_time_in_seconds = 0.01

    def detach(self, solver: cp_model.CpSolver) -> None:
        with self._lock:
            self.solvers.discard(solver)


@dataclass(slots=True)
class LevelOutcome:
    objective: int = 0
    bound: int = 0
    optimal: bool = True
    seconds: float = 0.0


@dataclass(slots=True)
class ComponentSolution:
    office: dict[int, list[int]]  # group -> office-days per block
    blocks: list[list[int]]
    levels: list[LevelOutcome] = field(default_factory=list)
    feasible: bool = True


class _Model:
    def __init__(self, comp: Component, groups: list[Group], days: int,
                 blocks: list[list[int]]) -> None:
        self.comp, self.groups, self.days, self.blocks = comp, groups, days, blocks
        self.slots = len(blocks)
        self.m = cp_model.CpModel()
        self.x = {g: [self.m.new_int_var(*pins.office_range(groups[g], blocks[s],
                                                            self._capacity(groups[g], s)),
                                         f"office[g{g},s{s}]")
                      for s in range(self.slots)] for g in comp.groups}
        self.total = {g: sum(self.x[g]) for g in comp.groups}
        self.wfh = {g: groups[g].size * groups[g].present_days(days) - self.total[g]
                    for g in comp.groups}
        self.objectives: list[cp_model.LinearExprT] = []

    def _capacity(self, group: Group, slot: int) -> int:
        return _capacity(group, self.blocks[slot])

    def add_count_rules(self) -> None:
        """Each requirement per slot: minimum ≤ fixed + free office ≤ maximum."""
        for cs in self.comp.sets:
            if cs.target_office is not None:
                continue
            for s, block in enumerate(self.blocks):
                free = sum(self.x[g][s] for g in cs.groups)
                d, mult = block[0], len(block)
                need = max(0, cs.minimum[d] - cs.fixed_in_office[d]) * mult
                if need:
                    self.m.add(free >= need).with_name(f"min[{cs.label}|{cs.unit}|s{s}]")
                if cs.maximum is not None:
                    cap = max(0, cs.maximum[d] - cs.fixed_in_office[d]) * mult
                    self.m.add(free <= cap).with_name(f"max[{cs.label}|{cs.unit}|s{s}]")

    def add_person_windows(self) -> None:
        """Per-person rules (policy/person.py) on a group's office-days per day: each
        member low ≤ office days in the window ≤ high is, for the group, size·low ≤ sum
        ≤ size·high; the layout (one block per day and a running turn per group, or for
        a window over the whole period the blocks' rotation) gives every member
        floor/ceil(sum/size) on the window's days, so the sums are exact."""
        for g in self.comp.groups:
            size = self.groups[g].size
            for k, (days, low, high) in enumerate(self.groups[g].windows):
                inside = set(days)  # whole blocks: a window is the period or blocks are days
                total = sum(self.x[g][s] for s, block in enumerate(self.blocks)
                            if block[0] in inside)
                if low:
                    self.m.add(total >= size * low).with_name(f"person_min[g{g},{k}]")
                if high is not None:
                    self.m.add(total <= size * high).with_name(f"person_max[g{g},{k}]")

    def add_group_fairness(self) -> None:
        """Hard: staff of one unit, sub-unit, category and flags differ by ≤ 1 day."""
        for k, members in enumerate(fairness.classes(self.comp, self.groups)):
            if len(members) == 1:
                continue  # one group: its members get floor/ceil(total/size) already
            low = self.m.new_int_var(0, self.days, f"class_low[{k}]")
            for g in members:
                size = self.groups[g].size
                self.m.add(self.total[g] >= size * low)
                self.m.add(self.total[g] <= size * (low + 1))

    def intent_terms(self, intent: str) -> list[cp_model.LinearExprT]:
        """Per slot: office-days; under a WFH target, its deviation instead for its
        members; under `max_wfo` (national caps: keep services running) the WFH-days.
        The level's objective is their sum (see `perday`: each slot bounded alone)."""
        if intent == "max_wfo":
            return [sum(self._capacity(self.groups[g], s) - self.x[g][s]
                        for g in self.comp.groups) for s in range(self.slots)]
        use_targets = intent == "wfh_target"
        targets = [cs for cs in self.comp.sets if cs.target_office is not None]
        parts: list[list[cp_model.LinearExprT]] = [
            [self.x[g][s] for g in self.comp.groups
             if not (use_targets and self.groups[g].in_target)] for s in range(self.slots)]
        if use_targets and targets:
            for cs in targets:
                assert cs.target_office is not None
                for s, block in enumerate(self.blocks):
                    free = sum(self.x[g][s] for g in cs.groups)
                    wanted = cs.target_office[block[0]] * len(block)
                    bound = sum(self.groups[g].size for g in cs.groups) * len(block) + abs(wanted)
                    dev = self.m.new_int_var(0, bound, f"dev[{cs.label}|s{s}]")
                    self.m.add(dev >= free - wanted)
                    self.m.add(dev >= wanted - free)
                    parts[s].append(dev)
        return [sum(p) for p in parts]

    def intent_objective(self, intent: str) -> cp_model.LinearExprT:
        return sum(self.intent_terms(intent))

    def change_objective(self) -> cp_model.LinearExprT:
        """Published cells this roster changes (those a choice decides; see `replan`)."""
        terms = [replan.group_changes(self.groups[g], block, self.x[g][s],
                                      self._capacity(self.groups[g], s))
                 for g in self.comp.groups for s, block in enumerate(self.blocks)]
        return sum(t for t in terms if not isinstance(t, int))  # type: ignore[misc]

    def vulnerable_terms(self) -> list[cp_model.LinearExprT]:
        """Per slot, the office-days of vulnerable free staff."""
        return [sum(self.x[g][s] for g in self.comp.groups if self.groups[g].vulnerable)
                for s in range(self.slots)]

    def vulnerable_objective(self) -> cp_model.LinearExprT:
        return sum(self.vulnerable_terms())

    def history_balance(self) -> cp_model.LinearExprT:
        """Per set of interchangeable staff who differ only in their history, the spread
        of their cumulative WFH days: not a level of its own (the report's levels are
        the three above), only the tie-break among fairness optima, so that whoever had
        fewer WFH days before gets more now even where the unit's spread allows either."""
        split: dict[tuple[object, ...], list[int]] = {}
        for g in self.comp.groups:
            key = self.groups[g].fairness_class
            split.setdefault(key[:5] + key[6:], []).append(g)
        return sum(self._spread(members, "balance") for members in split.values()
                   if len({self.groups[g].history for g in members}) > 1)

    def fairness_objective(self) -> cp_model.LinearExprT:
        """Per unit, the spread of WFH days (days present and not in office) of free staff,
        counted over the whole history: earlier periods' WFH days plus this one's."""
        units: dict[str, list[int]] = {}
        for g in self.comp.groups:
            units.setdefault(self.groups[g].unit, []).append(g)
        return sum(self._spread(members, f"unit[{unit}]") for unit, members in units.items())

    def _spread(self, members: list[int], name: str) -> cp_model.LinearExprT:
        """Most less fewest cumulative WFH days (earlier periods' plus this one's) per
        member over these groups."""
        top = self.days + max((self.groups[g].history for g in self.comp.groups), default=0)
        low = self.m.new_int_var(0, top, f"{name}_low")
        high = self.m.new_int_var(0, top, f"{name}_high")
        for g in members:
            size = self.groups[g].size
            cumulative = self.wfh[g] + size * self.groups[g].history
            self.m.add(cumulative >= size * low)
            self.m.add(cumulative <= size * high)
        return high - low


def model_size(comp: Component, blocks: list[list[int]]) -> int:
    """Variables and count constraints of a component's model: its share of the budget."""
    return (len(comp.groups) + len(comp.sets)) * len(blocks)


class _Whole:
    """The whole-period model of a component, built only when a level needs a search:
    in a month of leave most levels are proven block by block without it."""

    def __init__(self, comp: Component, groups: list[Group], days: int,
                 blocks: list[list[int]], intent: str) -> None:
        self.args = (comp, groups, days, blocks)
        self.intent = intent
        self.fixes: list[tuple[int, list[int]]] = []
        self._built: _Model | None = None
        self.separable: list[list[cp_model.LinearExprT]] = []
        self.objectives: list[cp_model.LinearExprT] = []

    @property
    def built(self) -> bool:
        return self._built is not None

    def get(self) -> _Model:
        if self._built is None:
            model = self._built = _Model(*self.args)
            model.add_count_rules()
            model.add_person_windows()
            model.add_group_fairness()
            self.separable = [model.intent_terms(self.intent), model.vulnerable_terms()]
            self.objectives = [sum(terms) for terms in self.separable]
            self.objectives.append(model.fairness_objective())
            for level, values in self.fixes:
                _fix_blocks(model, self.separable[level], values)
        return self._built

    def fix(self, level: int, values: list[int]) -> None:
        """Hold a separable level at these block values (now or once built)."""
        self.fixes.append((level, values))
        if self._built is not None:
            _fix_blocks(self._built, self.separable[level], values)


def solve_component(comp: Component, groups: list[Group], days: int, blocks: list[list[int]],
                    intent: str, options: SolveOptions, budget: float, deadline: float,
                    hurry: bool = False, stop: StopSignal | None = None,
                    changes: bool = False) -> ComponentSolution:
    """Solve the levels in turn within `budget` deterministic seconds (each level gets what
    the earlier ones left); in a hurry (Ctrl-C) take the first roster found.

    Levels that add up over blocks of days are first solved block by block (`perday`);
    when the blocks' optima fit together, and for fairness when they meet its proven
    lower bound (`fairness`), no whole-period search is needed. `deadline` (wall clock)
    is only a safety net, far beyond the budget. A hurried or out-of-budget level
    reports the trivial bound 0, so the summary never calls it optimal.
    """
    whole = _Whole(comp, groups, days, blocks, intent)
    solver = _solver(options)
    outcome = ComponentSolution({}, blocks)
    if changes:
        return _solve_replan(whole, solver, options, budget, deadline, hurry, stop, outcome)
    if not hurry and temporal(comp, groups) and mip.available():
        return _solve_by_mip(whole, comp, groups, options, budget, deadline, stop, outcome)
    if hurry:
        return _first_solution(whole.get(), solver, whole.objectives, outcome)
    used = 0.0
    fixed: list[list[int] | None] = []
    # A roster proven optimal for every level so far without the whole model (block
    # solutions side by side), or None once the whole model has been solved.
    current: dict[int, list[int]] | None = None
    inside = _memberships(comp)
    block_models: dict[int, perday.BlockModel] = {}

    def block_model(s: int) -> perday.BlockModel:
        if s not in block_models:
            block_models[s] = _block_model(comp, groups, days, blocks[s], intent, inside)
        return block_models[s]

    weak = any(groups[g].vulnerable for g in comp.groups)
    separable = 2
    first = 0
    # Per-person rules link the days: no level is separable by blocks, CP-SAT decides.
    linked = temporal(comp, groups)
    month = None if linked else _greedy_month(comp, groups, days, blocks, intent)
    if month is not None and fairness.classes_hold(comp, groups, month.office):
        # Both separable levels proven block by block without a search (`perday`).
        current = month.office
        for values in (month.intent, month.vulnerable):
            fixed.append(values)
            whole.fix(len(fixed) - 1, values)
            _record(outcome, stop, sum(values), sum(values), True, time.perf_counter())
        first = separable
    for level in range(first, len(LEVELS)):
        started = time.perf_counter()
        if level == 1 and not weak:  # nobody vulnerable: nothing to optimise
            outcome.levels.append(LevelOutcome(0, 0, True, 0.0))
            fixed.append(None)
            continue
        lower = None
        if level < separable and len(blocks) > 1 and not linked:
            found = perday.block_bounds(block_model, len(blocks), level, fixed, solver,
                                        budget - used)
            if found is None:
                outcome.feasible = False
                return outcome
            used += found.used
            lower = found.lower
            side_by_side = perday.spread_out(
                found, {g: groups[g].size for g in comp.groups},
                {g: groups[g].size * (groups[g].present_days(days) + groups[g].history)
                 for g in comp.groups},
                lambda g, s: _capacity(groups[g], blocks[s]))
            if side_by_side is not None and fairness.classes_hold(comp, groups, side_by_side):
                # The blocks' optima together keep every rule: the level is proven
                # without the whole-period model, and fixed block by block.
                current = side_by_side
                fixed.append(lower)
                whole.fix(level, lower)
                _record(outcome, stop, sum(lower), sum(lower), True, started)
                continue
            model = whole.get()
            for term, least in zip(whole.separable[level], lower, strict=True):
                if not isinstance(term, int):
                    model.m.add(term >= least)
            if side_by_side is not None:
                _hint_office(model, side_by_side)
        if level == separable and current is not None and not whole.built:
            least = fairness.lower_bound(comp, groups, blocks, days, intent,
                                         _level_sums(comp, groups, blocks, intent, fixed))
            if fairness.value(comp, groups, days, current) == least:
                _record(outcome, stop, least, least, True, started)
                outcome.office = current
                return outcome
            by_totals = _fairness_by_totals(comp, groups, days, blocks, current, solver,
                                            budget - used)
            if by_totals is not None:
                used += by_totals.used
                _record(outcome, stop, by_totals.value, by_totals.value, True, started)
                outcome.office = {g: by_totals.office[k].tolist()
                                  for k, g in enumerate(comp.groups)}
                return outcome
            model = whole.get()
            model.m.add(whole.objectives[level] >= least)
            _hint_office(model, current)
        # The greedy roster, if the search only has to prove it: it keeps interchangeable
        # staff level over their history, which the spread per unit does not ask for.
        candidate = current if level == separable else None
        model = whole.get()
        objective = whole.objectives[level]
        status = _minimise(model, objective, solver, max(0.0, budget - used), deadline, stop)
        used += solver.response_proto.deterministic_time
        seconds = time.perf_counter() - started
        if stop is not None and stop.requested and status == cp_model.FEASIBLE:
            outcome.levels.append(LevelOutcome(round(solver.objective_value),
                                               round(solver.best_objective_bound), False,
                                               seconds))
            return _evaluate_rest(model, solver, whole.objectives, outcome)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if status == cp_model.INFEASIBLE:
                outcome.feasible = False
                return outcome
            return _first_solution(model, _solver(options), whole.objectives, outcome)
        value = round(solver.objective_value)
        bound = round(solver.best_objective_bound)
        proven = status == cp_model.OPTIMAL
        if lower is not None and value == sum(lower):
            # Every optimum meets each block's bound exactly: fix the level block by block.
            proven, bound = True, value
            whole.fix(level, lower)
        fixed.append(lower if lower is not None and value == sum(lower) else None)
        _record(outcome, stop, value, bound, proven, started)
        current = candidate if (candidate is not None and proven and value == fairness.value(
            comp, groups, days, candidate)) else None
        # Fixed block by block already, the level needs no long sum constraint, whose
        # presolve (dominance, dual strengthening) costs seconds on a big component.
        _hint_and_fix(model, solver, objective if fixed[-1] is None else 0, value)
    if current is not None:
        outcome.office = current
        return outcome
    return _balanced(whole.get(), solver, budget - used, outcome)


def _solve_replan(whole: _Whole, solver: cp_model.CpSolver, options: SolveOptions,
                  budget: float, deadline: float, hurry: bool, stop: StopSignal | None,
                  outcome: ComponentSolution) -> ComponentSolution:
    """A replan: the published cells changed first (`model/replan.py`), then the usual
    levels, each minimised over the whole model within what the budget has left and
    fixed before the next; the history balance last, as a tie-break."""
    model = whole.get()
    objectives = [model.change_objective(), *whole.objectives]
    if hurry:
        return _first_solution(model, solver, objectives, outcome)
    used = 0.0
    for level, objective in enumerate(objectives):
        started = time.perf_counter()
        if isinstance(objective, int):
            _record(outcome, stop, objective, objective, True, started, REPLAN_LEVELS)
            continue
        status = _minimise(model, objective, solver, max(0.01, budget - used), deadline, stop)
        used += solver.deterministic_time
        if status == cp_model.INFEASIBLE and level == 0:
            outcome.feasible = False
            return outcome
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return _first_solution(model, _solver(options), objectives, outcome)
        value = round(solver.objective_value)
        _record(outcome, stop, value, round(solver.best_objective_bound),
                status == cp_model.OPTIMAL, started, REPLAN_LEVELS)
        _hint_and_fix(model, solver, objective, value)
    return _balanced(model, solver, budget - used, outcome)


def _solve_by_mip(whole: _Whole, comp: Component, groups: list[Group], options: SolveOptions,
                  budget: float, deadline: float, stop: StopSignal | None,
                  outcome: ComponentSolution) -> ComponentSolution:
    """For a component that per-person rules link across days: the two sums (intent,
    vulnerable) by HiGHS (`mip`), within a wall-clock allowance of three times the
    component's share of the budget (at least two seconds); then fairness, a spread that
    a MIP closes slowly, by CP-SAT from HiGHS's roster, within the budget."""
    model = whole.get()
    weak = any(groups[g].vulnerable for g in comp.groups)
    program = mip.LevelMip(model.m, options.seed)
    ends = min(deadline, time.monotonic() + max(2.0, 3.0 * budget))
    for level, objective in enumerate(whole.objectives[:2]):
        started = time.perf_counter()
        if level == 1 and not weak:
            _record(outcome, stop, 0, 0, True, started)
            continue
        try:
            found = program.minimise(objective, ends - time.monotonic())
        except TimeoutError:
            return outcome  # nothing found in time: the caller says so
        if found is None:
            outcome.feasible = False
            return outcome
        _record(outcome, stop, found.objective, found.bound, found.optimal, started)
        if not isinstance(objective, int):
            model.m.add(objective <= found.objective)
    office = {g: [program.value(v) for v in model.x[g]] for g in comp.groups}
    outcome.office = office
    _hint_office(model, office)
    started = time.perf_counter()
    objective = whole.objectives[2]
    solver = _solver(options)
    model.m.minimize(objective)
    solver.parameters.max_deterministic_time = max(0.1, budget)
    solver.parameters.max_time_in_seconds = max(0.05, deadline - time.monotonic())
    if stop is not None:
        stop.attach(solver)
    try:
        status = solver.solve(model.m)
    finally:
        if stop is not None:
            stop.detach(solver)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        value = fairness.value(comp, groups, model.days, office)
        _record(outcome, stop, value, 0, value == 0, started)
        return outcome
    value = round(solver.objective_value)
    _record(outcome, stop, value, round(solver.best_objective_bound),
            status == cp_model.OPTIMAL, started)
    outcome.office = {g: [int(solver.value(v)) for v in model.x[g]] for g in comp.groups}
    return outcome


def _greedy_month(comp: Component, groups: list[Group], days: int, blocks: list[list[int]],
                  intent: str) -> perday.Month | None:
    """The separable levels by the laminar greedy, where it applies: covering minimums
    (and maximums it only has to respect) under a `max_wfh` intent, or a WFH target
    with no target in this component."""
    targets = [cs for cs in comp.sets if cs.target_office is not None]
    if intent not in ("max_wfh", "wfh_target") or (targets and (
            intent != "wfh_target" or any(cs.maximum is not None for cs in comp.sets)
            or _overlap([cs.groups for cs in targets]))):
        return None
    order = list(comp.groups)
    index = {g: k for k, g in enumerate(order)}
    def rows(members: list[int]) -> npt.NDArray[np.int64]:
        return np.asarray([index[g] for g in members], dtype=np.int64)

    counts = iter(fairness.count_sums(comp, blocks))  # the count rules, in comp.sets order
    rules: list[perday.RuleRows] = []
    for cs in comp.sets:
        if cs.target_office is None:
            members, need, cap = next(counts)
            rules.append((rows(members), need, cap, False))
        else:
            rules.append((rows(cs.groups), [cs.target_office[b[0]] * len(b) for b in blocks],
                          None, True))
    bottom_up = perday.bottom_up(rules, len(order))
    if bottom_up is None:
        return None
    lo, hi = perday.office_bounds([groups[g] for g in order], blocks)
    size = np.asarray([groups[g].size for g in order], dtype=np.int64)
    ahead = size * np.asarray([groups[g].present_days(days) + groups[g].history
                               for g in order], dtype=np.int64)
    weak = np.asarray([groups[g].vulnerable for g in order], dtype=bool)
    counted = np.asarray([not groups[g].in_target for g in order], dtype=bool)
    found = perday.greedy_month(size, ahead, lo, hi, weak, counted, rules, bottom_up)
    if found is None:
        return None
    office, intent_totals, vulnerable_totals = found
    return perday.Month({g: office[k].tolist() for k, g in enumerate(order)},
                        intent_totals, vulnerable_totals)


def _fairness_by_totals(comp: Component, groups: list[Group], days: int,
                        blocks: list[list[int]], current: dict[int, list[int]],
                        solver: cp_model.CpSolver, budget: float) -> totals.Outcome | None:
    """Fairness over each group's total (`totals`), where the earlier levels leave a
    block nothing but two sums: one WFH target over every free group, no count rule,
    so its office-days per block are fixed by the intent level (as close to the target
    as the staff allow) and its vulnerable office-days by the vulnerable level."""
    if len(comp.sets) != 1 or comp.sets[0].target_office is None:
        return None
    target = set(comp.sets[0].groups)
    order = list(comp.groups)
    if any(g not in target for g in order):
        return None
    lo, hi = perday.office_bounds([groups[g] for g in order], blocks)
    weak = [k for k, g in enumerate(order) if groups[g].vulnerable]
    strong = [k for k, g in enumerate(order) if not groups[g].vulnerable]
    families = [totals.Family(rows, [sum(current[order[k]][s] for k in rows)
                                     for s in range(len(blocks))])
                for rows in (strong, weak) if rows]
    quick = totals.by_units(comp, groups, days, lo, hi, families, solver, budget)
    if quick is not None:
        return quick
    return totals.solve(comp, groups, days, lo, hi, families, solver, budget)


def _overlap(sets: list[list[int]]) -> bool:
    seen: set[int] = set()
    for members in sets:
        if seen & set(members):
            return True
        seen |= set(members)
    return False


def _capacity(group: Group, block: list[int]) -> int:
    """Office-days a group can give in a block: nobody on leave or travel works."""
    if group.present is not None and not group.present[block[0]]:
        return 0
    return group.size * len(block)


def _level_sums(comp: Component, groups: list[Group], blocks: list[list[int]], intent: str,
                fixed: list[list[int] | None]) -> list[fairness.BlockSum]:
    """The earlier levels' block values as sums of office-days (where they are plain
    sums: not a WFH target's deviations)."""
    sums: list[fairness.BlockSum] = []
    targeted = intent == "wfh_target" and any(cs.target_office is not None
                                              for cs in comp.sets)
    if fixed and fixed[0] is not None and not targeted:
        if intent == "max_wfo":
            room = [sum(_capacity(groups[g], block) for g in comp.groups)
                    for block in blocks]
            values = [r - v for r, v in zip(room, fixed[0], strict=True)]
        else:
            values = list(fixed[0])
        sums.append((list(comp.groups), values, values))
    if len(fixed) > 1 and fixed[1] is not None:
        weak = [g for g in comp.groups if groups[g].vulnerable]
        sums.append((weak, list(fixed[1]), list(fixed[1])))
    return sums


def _fix_blocks(model: _Model, terms: list[cp_model.LinearExprT], values: list[int]) -> None:
    for term, value in zip(terms, values, strict=True):
        if not isinstance(term, int):
            model.m.add(term == value)



def _minimise(model: _Model, objective: cp_model.LinearExprT, solver: cp_model.CpSolver,
              budget: float, deadline: float, stop: StopSignal | None) -> int:
    """One level's search within the deterministic budget left and the wall-clock deadline,
    listening to the user's stop (a stopped search still hands back its best roster)."""
    model.m.minimize(objective)
    solver.parameters.max_deterministic_time = budget
    solver.parameters.max_time_in_seconds = max(0.05, deadline - time.monotonic())
    if stop is not None:
        stop.attach(solver)
    try:
        return int(solver.solve(model.m))
    finally:
        if stop is not None:
            stop.detach(solver)


def _balanced(model: _Model, solver: cp_model.CpSolver, budget: float,
              outcome: ComponentSolution) -> ComponentSolution:
    """The levels' roster, then, if budget is left, the history balance as a tie-break
    (levels are fixed already, so any roster found keeps them)."""
    groups = model.comp.groups
    outcome.office = {g: [int(solver.value(v)) for v in model.x[g]] for g in groups}
    balance = model.history_balance()
    if not isinstance(balance, int) and budget > 0:
        model.m.minimize(balance)
        solver.parameters.max_deterministic_time = budget
        if solver.solve(model.m) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            outcome.office = {g: [int(solver.value(v)) for v in model.x[g]] for g in groups}
    return outcome

def _record(outcome: ComponentSolution, stop: StopSignal | None, value: int, bound: int,
            proven: bool, started: float, names: tuple[str, ...] = LEVELS) -> None:
    outcome.levels.append(LevelOutcome(value, bound, proven, time.perf_counter() - started))
    if stop is not None and stop.on_level is not None:
        stop.on_level(names[len(outcome.levels) - 1], value, bound)


def _hint_office(model: _Model, office: dict[int, list[int]]) -> None:
    model.m.clear_hints()
    for g, values in office.items():
        for v, value in zip(model.x[g], values, strict=True):
            model.m.add_hint(v, value)


def _memberships(comp: Component) -> dict[int, tuple[int, ...]]:
    """Per group, the rules (indices into the component's sets) that count it."""
    inside: dict[int, list[int]] = {g: [] for g in comp.groups}
    for k, cs in enumerate(comp.sets):
        for g in cs.groups:
            inside[g].append(k)
    return {g: tuple(ks) for g, ks in inside.items()}


def _block_model(comp: Component, groups: list[Group], days: int, block: list[int],
                 intent: str, inside: dict[int, tuple[int, ...]]) -> perday.BlockModel:
    """One block alone: its count rules and its terms of the separable levels, over the
    block's kinds. People on leave on other days are their own groups for the month,
    but on a day they are here their colleagues' equals: merged back, a block of a
    month where every day differs has one variable per kind of staff, not per person."""
    members = [g for g in comp.groups if _capacity(groups[g], block) > 0]
    keys = [(inside[g], groups[g].vulnerable,
             groups[g].in_target, pins.office_range(groups[g], block, 1))
            for g in members]
    kinds = perday.kinds(members, keys)
    kind_of = {g: k for k, kind in enumerate(kinds) for g in kind}
    merged = [Group(k, groups[kind[0]].unit, (k,), groups[kind[0]].vulnerable,
                    groups[kind[0]].in_target,
                    members=[i for g in kind for i in groups[g].members],
                    pins=None if groups[kind[0]].pins is None else groups[kind[0]].pins)
              for k, kind in enumerate(kinds)]
    sets = [replace(cs, groups=sorted({kind_of[g] for g in cs.groups if g in kind_of}))
            for cs in comp.sets]
    alone = _Model(Component(list(range(len(kinds))), sets), merged, days, [block])
    alone.add_count_rules()
    terms = [alone.intent_terms(intent)[0], alone.vulnerable_terms()[0]]
    return alone.m, terms, {k: xs[0] for k, xs in alone.x.items()}, kinds


def _solver(options: SolveOptions) -> cp_model.CpSolver:
    """One search thread: with it and a deterministic limit, the search is repeatable."""
    solver = cp_model.CpSolver()
    solver.parameters.random_seed = options.seed
    solver.parameters.num_workers = 1
    # OR-Tools' own SIGINT handler aborts the process when several searches run in
    # threads; signals are ours to route (see solve._signals_stop).
    solver.parameters.catch_sigint_signal = False
    # The LP relaxation of the per-day covering rules is nearly tight; with the full
    # linearisation one thread proves what the default search could not (a 90-staff,
    # 19-day month with leave: OPTIMAL in 0.1 s against a 20% gap after 5 s).
    solver.parameters.linearization_level = 2
    return solver


def _first_solution(model: _Model, solver: cp_model.CpSolver,
                    objectives: list[cp_model.LinearExprT],
                    outcome: ComponentSolution) -> ComponentSolution:
    """Any roster that meets the hard rules, found fast, for a run out of time."""
    started = time.perf_counter()
    model.m.clear_objective()
    solver.parameters.stop_after_first_solution = True
    solver.parameters.max_time_in_seconds = 30.0
    status = solver.solve(model.m)
    if status == cp_model.INFEASIBLE:
        outcome.feasible = False
        return outcome
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return outcome  # nothing found: the caller reports the time limit
    return _evaluate_rest(model, solver, objectives, outcome, time.perf_counter() - started)


def _evaluate_rest(model: _Model, solver: cp_model.CpSolver,
                   objectives: list[cp_model.LinearExprT], outcome: ComponentSolution,
                   seconds: float = 0.0) -> ComponentSolution:
    """Levels not optimised get their value in this solution and the trivial bound 0."""
    for objective in objectives[len(outcome.levels):]:
        value = objective if isinstance(objective, int) else int(solver.value(objective))
        outcome.levels.append(LevelOutcome(value, 0, value == 0, seconds))
    outcome.office = {g: [int(solver.value(v)) for v in model.x[g]] for g in model.comp.groups}
    return outcome


def _hint_and_fix(model: _Model, solver: cp_model.CpSolver, objective: cp_model.LinearExprT,
                  value: int) -> None:
    """Fix this level at its value and warm-start the next level from this solution."""
    if not isinstance(objective, int):
        model.m.add(objective <= value)
    model.m.clear_hints()
    for vars_ in model.x.values():
        for v in vars_:
            model.m.add_hint(v, solver.value(v))
