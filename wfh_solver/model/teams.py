"""Stable teams (`rotation = "tim"`, `--tim`): colleagues who come in together.

The wrap-around layout (`model/layout.py`) lays each block's slots one after another
around the block's days, so a sub-unit's colleagues take windows that drift: each of
them shares an office day with many others. Any order of the slots in which every
rule's slots stay together gives the same day counts for every rule (floor/ceil of its
block total), and each person keeps their office-day count per block, so the levels,
the hard rules and fairness are exactly those of the ordinary layout. Here the slots of
people no rule tells apart (a run of groups inside exactly the same rules) are ordered
greedily: at each point of the line, the next person is one whose window meets the
fewest colleagues of their sub-unit they have not met before in the period. Colleagues
then fall into a few windows that repeat, block after block: teams (tim A, tim B, …),
named afterwards by `team_names` from who shares office days.

The contacts figure (`contacts`) is the measure: per person, the distinct colleagues of
the same unit and sub-unit (the unit itself for staff outside any sub-unit) with whom
they share at least one office day, averaged over all staff.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from wfh_solver.domain.employee import Employee
from wfh_solver.model.groups import CountSet, Group
from wfh_solver.model.layout import Arrange

#: How many other sub-units the greedy asks before it places someone who meets new
#: colleagues anyway: keeps each step short in a unit-wide pool of many sub-units.
SCAN = 12
#: How many people of one sub-unit the greedy weighs at each step.
PEEK = 16
#: At most this many (person, count) choices are weighed per step.
WEIGH = 48


def sub_unit_codes(employees: Sequence[Employee]) -> npt.NDArray[np.int64]:
    """Per person, a code for their (unit, sub-unit): who counts as a colleague."""
    keys: dict[tuple[str, str], int] = {}
    return np.asarray([keys.setdefault((e.unit, e.sub_unit), len(keys)) for e in employees],
                      dtype=np.int64)


class Teams:
    """Who has met whom so far in the period, and each person's office days so far,
    kept over the blocks and components of one solve."""

    def __init__(self, employees: Sequence[Employee]) -> None:
        self.code = sub_unit_codes(employees).tolist()
        seen: dict[int, int] = defaultdict(int)
        self.bit = []
        for c in self.code:
            self.bit.append(1 << seen[c])
            seen[c] += 1
        self.met = [0] * len(employees)
        self.got = [0] * len(employees)

    def arranger(self, groups: Sequence[Group], order: Sequence[int],
                 sets: Sequence[CountSet]) -> Arrange:
        """The line of each block of one component laid out in `order`."""
        inside: dict[int, list[int]] = defaultdict(list)
        for k, cs in enumerate(sets):
            for g in cs.groups:
                inside[g].append(k)
        # runs of groups inside exactly the same rules: their slots may change places
        runs: list[list[tuple[list[int], int]]] = []  # per run: (members, first slot)
        start = 0
        for n, g in enumerate(order):
            entry = (groups[g].members, start)
            if n and inside[g] == inside[order[n - 1]]:
                runs[-1].append(entry)
            else:
                runs.append([entry])
            start += groups[g].size

        # On a one-day block only groups of several can choose, and only their sub-units'
        # colleagues need to be followed: the slots to look at, found once.
        several = [(members, s) for run in runs for members, s in run if len(members) > 1]
        watch = {self.code[i] for members, _ in several for i in members}
        lone = [s for run in runs for members, s in run
                if len(members) == 1 and self.code[members[0]] in watch]
        followed = sorted(lone + [s + k for members, s in several for k in range(len(members))])

        def arrange(days: npt.NDArray[np.int64], who: npt.NDArray[np.int64],
                    counts: npt.NDArray[np.int64], position: int
                    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
            if len(days) == 1:
                if not several:
                    return counts, who
                return counts, self._one_day(several, lone, followed, who, counts)
            line = _Line(len(days), position, self.code, self.bit)
            self._block(line, runs, counts.tolist())
            return (np.asarray(line.counts, dtype=np.int64),
                    np.asarray(line.who, dtype=np.int64))

        return arrange

    def _block(self, line: _Line, runs: list[list[tuple[list[int], int]]],
               counts: list[int]) -> None:
        for run in runs:
            self._greedy(line, [self._hand(members, counts[s:s + len(members)])
                                for members, s in run])
        m = line.m
        got, met, bit, code, occupied = self.got, self.met, self.bit, self.code, line.occupied
        for i, first, c in line.placed:
            days = occupied[code[i]]
            seen = 0
            for k in range(min(c, m)):
                seen |= days[(first + k) % m]
            met[i] |= seen & ~bit[i]
            got[i] += c

    def _one_day(self, several: list[tuple[list[int], int]], lone: list[int],
                 followed: list[int], who_in: npt.NDArray[np.int64],
                 counts_in: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """A one-day block: the order is moot, only who of each group comes in. Everyone
        the counts leave no choice about first, then, one at a time, whoever of a group's
        candidates meets the fewest new colleagues. Each group's slots hold its members
        with the extra day first, as the counts have them."""
        who, counts = who_in.tolist(), counts_in.tolist()
        code, bit, got, met = self.code, self.bit, self.got, self.met
        here: dict[int, int] = defaultdict(int)  # sub-unit -> who is in today
        for s in lone:
            if counts[s]:
                here[code[who[s]]] |= bit[who[s]]
        hands: list[tuple[_Hand, int]] = []
        for members, s in several:
            hand = self._hand(members, counts[s:s + len(members)])
            hands.append((hand, s))
            for i in members if hand.base else hand.forced:
                here[code[i]] |= bit[i]
        for hand, s in hands:
            chosen = list(hand.forced)
            if hand.extras >= len(hand.choice):
                chosen += hand.choice
            elif hand.extras:
                for _ in range(hand.extras):
                    seen = here[code[hand.choice[0]]]
                    pick = min(hand.choice, key=lambda i: ((seen & ~met[i]).bit_count(),
                                                           -(seen & met[i]).bit_count()))
                    hand.choice.remove(pick)
                    chosen.append(pick)
                    here[code[pick]] |= bit[pick]
            taken = set(chosen)
            rest = [i for i in hand.choice + hand.rest if i not in taken]
            who[s:s + len(chosen) + len(rest)] = chosen + rest
            for i in chosen:
                got[i] += hand.base + 1
            for i in rest:
                got[i] += hand.base
        for s in followed:
            if counts[s]:
                i = who[s]
                met[i] |= here[code[i]] & ~bit[i]
        return np.asarray(who, dtype=np.int64)

    def _hand(self, members: list[int], counts: list[int]) -> _Hand:
        """One group's office days in this block, still to be handed to its members:
        `base` each and one more to `extras` of them, those furthest behind first, so the
        members stay within a day of each other over the period, as the rotation keeps
        them in the ordinary layout."""
        base = min(counts)
        extras = sum(1 for c in counts if c > base)
        got = self.got
        low = min(got[i] for i in members)
        behind = [i for i in members if got[i] == low]
        if extras >= len(behind):
            ahead = [i for i in members if got[i] != low]
            return _Hand(base, behind, ahead, extras - len(behind))
        return _Hand(base, [], behind, extras, [i for i in members if got[i] != low])

    def _greedy(self, line: _Line, hands: list[_Hand]) -> None:
        """Hand out the run's office days and place them so that each person meets the
        fewest new colleagues, greedily, along the line."""
        by_code: dict[int, list[_Hand]] = defaultdict(list)
        for hand in hands:
            hand.sort_out(by_code, self.code)
        previous = -1
        met = self.met
        while by_code:
            best: tuple[tuple[int, int, int], int, _Hand, int] | None = None
            codes = [previous] if previous in by_code else []
            codes += [c for c in by_code if c != previous][:SCAN]
            weighed = 0
            for code in codes:
                unions: dict[int, int] = {}
                here = line.here(code)
                for hand in by_code[code]:
                    if weighed >= WEIGH:
                        break
                    for i, c in hand.options(PEEK):
                        weighed += 1
                        seen = unions.get(c)
                        if seen is None:
                            seen = unions[c] = line.window(code, c)
                        known = met[i]
                        # new colleagues; then teammates left on other days; then joined
                        score = ((seen & ~known).bit_count(), (here & ~seen & known).bit_count(),
                                 -(seen & known).bit_count())
                        if best is None or score < best[0]:
                            best = (score, i, hand, c)
                if weighed >= WEIGH or (best is not None and best[0][:2] == (0, 0)):
                    break
            assert best is not None
            _, i, hand, c = best
            hand.take(i, c)
            code = self.code[i]
            if hand.done():
                by_code[code].remove(hand)
                if not by_code[code]:
                    del by_code[code]
            line.place(i, c)
            previous = code
        for hand in hands:
            for i in hand.idle():
                line.place(i, 0)


class _Hand:
    """A group's office days in one block: `forced` members get base + 1, `extras` of
    `choice` get base + 1, everyone else base (placed on the line only when base > 0)."""

    def __init__(self, base: int, forced: list[int], choice: list[int], extras: int,
                 rest: list[int] | None = None) -> None:
        self.base, self.forced, self.choice, self.extras = base, forced, choice, extras
        self.rest = rest or []
        self.taken: set[int] = set()
        self.left = 0

    def sort_out(self, by_code: dict[int, list[_Hand]], code: list[int]) -> None:
        if not self.extras:
            self.rest = self.rest + self.choice
            self.choice = []
        self.left = len(self.forced) + self.extras + (
            len(self.rest) + len(self.choice) - self.extras if self.base else 0)
        if self.left:
            members = self.forced or self.choice or self.rest
            by_code[code[members[0]]].append(self)

    def options(self, peek: int) -> list[tuple[int, int]]:
        """(person, count) pairs that can come next without making the hand impossible."""
        if self.forced:
            return [(i, self.base + 1) for i in self.forced[:peek]]
        out = []
        if self.extras:
            out += [(i, self.base + 1) for i in self.choice[:peek]]
        if self.base:
            if len(self.choice) > self.extras:
                out += [(i, self.base) for i in self.choice[:peek]]
            out += [(i, self.base) for i in self.rest[:peek]]
        return out

    def take(self, i: int, c: int) -> None:
        self.left -= 1
        if i in self.forced:
            self.forced.remove(i)
        elif i in self.choice:
            self.choice.remove(i)
            if c > self.base:
                self.extras -= 1
            if not self.extras:
                self.rest += self.choice
                self.choice = []
        else:
            self.rest.remove(i)
        self.taken.add(i)

    def done(self) -> bool:
        return self.left == 0

    def idle(self) -> list[int]:
        """Members left with no office day in this block (base 0, no extra)."""
        return [i for i in self.forced + self.choice + self.rest if i not in self.taken]


class _Line:
    """One block's line as it is filled: who is in on each day, per sub-unit."""

    def __init__(self, m: int, pos: int, code: list[int], bit: list[int]) -> None:
        self.m, self.pos, self.code, self.bit = m, pos % max(m, 1), code, bit
        self.occupied: dict[int, list[int]] = {}
        self.present: dict[int, int] = {}
        self.placed: list[tuple[int, int, int]] = []  # person, first slot, count
        self.counts: list[int] = []
        self.who: list[int] = []

    def here(self, code: int) -> int:
        """Colleagues already in on some day of this block."""
        return self.present.get(code, 0)

    def window(self, code: int, c: int) -> int:
        """Colleagues already in on the days the next `c` slots fall on."""
        days = self.occupied.get(code)
        if days is None:
            return 0
        seen = 0
        for k in range(min(c, self.m)):
            seen |= days[(self.pos + k) % self.m]
        return seen

    def place(self, i: int, c: int) -> None:
        self.counts.append(c)
        self.who.append(i)
        if not c:
            return
        days = self.occupied.setdefault(self.code[i], [0] * self.m)
        for k in range(min(c, self.m)):
            days[(self.pos + k) % self.m] |= self.bit[i]
        self.present[self.code[i]] = self.present.get(self.code[i], 0) | self.bit[i]
        self.placed.append((i, self.pos, c))
        self.pos = (self.pos + c) % self.m


def contacts(employees: Sequence[Employee], office: npt.NDArray[np.bool_]) -> float:
    """The average, over all staff, of the distinct colleagues of one's own unit and
    sub-unit with whom one shares at least one office day."""
    if not len(employees):
        return 0.0
    return float(_met_per_sub_unit(sub_unit_codes(employees), office).sum()) / len(employees)


def _met_per_sub_unit(codes: npt.NDArray[np.int64],
                      office: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """Per sub-unit code, the sum over its staff of the colleagues each meets."""
    met = np.zeros(int(codes.max(initial=-1)) + 1, dtype=np.int64)
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    for rows in np.split(order, bounds):
        if len(rows) < 2:
            continue
        x = office[rows].astype(np.int32)
        shared = (x @ x.T) > 0
        met[codes[rows[0]]] = int(shared.sum()) - int(np.count_nonzero(shared.diagonal()))
    return met


def keep_better(office: npt.NDArray[np.bool_], plain: npt.NDArray[np.bool_],
                employees: Sequence[Employee], parts: Sequence[Sequence[int]]
                ) -> tuple[float, float]:
    """Where the greedy met more colleagues than the ordinary layout, take the ordinary
    layout back, a component at a time (`parts`: each component's free staff). A
    component holds whole units, and colleagues share a unit, so each choice stands
    alone, and each component's rows of either layout keep every rule and every level:
    the figure with teams is never above the ordinary one. Returns the contacts figure
    of `office` so amended and of `plain`."""
    if not len(employees):
        return 0.0, 0.0
    codes = sub_unit_codes(employees)
    ours, theirs = _met_per_sub_unit(codes, office), _met_per_sub_unit(codes, plain)
    for members in parts:
        rows = np.asarray(members, dtype=np.int64)
        here = np.unique(codes[rows])
        if ours[here].sum() > theirs[here].sum():
            office[rows] = plain[rows]
            ours[here] = theirs[here]
    return float(ours.sum()) / len(employees), float(theirs.sum()) / len(employees)


def team_names(employees: Sequence[Employee], office: npt.NDArray[np.bool_],
               rotating: npt.NDArray[np.bool_]) -> tuple[str, ...]:
    """Per person, their team: within a sub-unit, staff who rotate (not fixed by a rule)
    and are linked by shared office days, so two people of different teams never meet
    in the office. Named A, B, … by their first office day; "" for fixed staff and for
    anyone never in the office."""
    names = [""] * len(employees)
    codes = sub_unit_codes(employees)
    active = rotating & office.any(axis=1)
    rows_all = np.flatnonzero(active)
    order = rows_all[np.argsort(codes[rows_all], kind="stable")]
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    for rows in np.split(order, bounds):
        if not len(rows):
            continue
        x = office[rows].astype(np.int32)
        linked = (x @ x.T) > 0
        label = np.full(len(rows), -1, dtype=np.int64)
        for start in range(len(rows)):
            if label[start] >= 0:
                continue
            label[start] = start
            stack = [start]
            while stack:
                k = stack.pop()
                for n in np.flatnonzero(linked[k] & (label < 0)).tolist():
                    label[n] = start
                    stack.append(n)
        first_day = office[rows].argmax(axis=1)
        roots = sorted(set(label.tolist()), key=lambda r: (int(first_day[label == r].min()), r))
        letter = {r: _letters(n) for n, r in enumerate(roots)}
        for k, i in enumerate(rows.tolist()):
            names[i] = letter[int(label[k])]
    return tuple(names)


def _letters(n: int) -> str:
    """0 → A, 25 → Z, 26 → AA: spreadsheet-style team names."""
    text = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        text = chr(ord("A") + r) + text
    return text
