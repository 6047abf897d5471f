"""What a unit's printed roster says, decided once for every printed form (xlsx and PDF).

A department head signs a roster for their own unit, as the office would have typed it: a title
naming the unit, the circular and the period; staff grouped by sub-unit; the whole month across
one page width (a month has at most 27 working days, Monday to Saturday), each day a narrow
column headed by its day name and date and holding a one-letter code (`O`, `H`, `C`, `D`, with a
legend); per-day counts; a signature block for the unit's head; and, for the Ringkasan, plain
sentences saying why some people are in every day and why others never come in, naming a
handful of people and counting the rest. A large unit (a Dinas Pendidikan of 3,000 teachers)
prints one section per sub-unit (a school), each from a new page with its own counts. The
renderers (`unit_book.py`, `pdf.py`) only lay this out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from wfh_solver.base.messages import CATALOGUE
from wfh_solver.domain.employee import Employee
from wfh_solver.solve.result import CODES, WFH_CODE, WFO_CODE, Result
from wfh_solver.write.csv import nip_as_text

#: Working days of one printed block: a calendar month of a six-day week (27) fits a landscape
#: A4 width at 8 pt, one letter per day.
MAX_BLOCK_DAYS = 27
#: Names a Ringkasan cell lists before counting the rest ("…, dan 212 lainnya").
NAMES_SHOWN = 5
#: A unit of more staff than this (its table would run past about 20 pages), and with
#: sub-units, prints one section per sub-unit, each from a new page: a school's head reads
#: their own school's pages in a Dinas Pendidikan of 3,000. Below it a unit's sub-units are
#: seksi and subbagian of four to nine people, read together: a Dinas Perdagangan of 199 in
#: 37 sub-units takes 7 pages as one table, 37 as sections (measured, README).
SECTION_STAFF = 400
#: The letter printed for each code, explained by the legend (`pr_legend`).
SHORT = {"WFO": "O", "WFH": "H", "CUTI": "C", "DL": "D"}
_DAY_NAMES = {"id": ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"),
              "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}


def p(key: str, lang: str, **params: object) -> str:
    """A printout text (`pr_*` in messages.py) in `lang`, whatever the run's message language."""
    return CATALOGUE[lang][key].format(**params)


def day_label(day: date, lang: str) -> str:
    """`Sen 23/03` (Indonesian) or `Mon 23/03`."""
    return f"{_DAY_NAMES[lang][day.weekday()]} {day:%d/%m}"


def day_name(day: date, lang: str) -> str:
    """`Sen` (Indonesian) or `Mon`: the top line of a day column's header."""
    return _DAY_NAMES[lang][day.weekday()]


def month_label(day: date, lang: str) -> str:
    """`Juli 2020` (Indonesian) or `July 2020`: the caption over a month's day columns."""
    return f"{p('pr_months', lang).split(',')[day.month - 1]} {day.year}"


def end_sentence(text: str) -> str:
    """`text` ended by one full stop: a name ending in an abbreviation (`M.M.`) keeps its own."""
    return text if text.endswith((".", "!", "?")) else f"{text}."


def dmy(day: date) -> str:
    return f"{day:%d/%m/%Y}"


@dataclass(frozen=True, slots=True)
class PrintRow:
    number: int
    name: str
    nip: str  # as printed: 19650312 199003 1 005
    position: str
    codes: tuple[str, ...]  # one per day of the period: WFO, WFH, CUTI, DL
    wfo: int
    wfh: int
    away: int
    team: str = ""  # with fixed teams (`--tim`): "A", "B", … ("" for fixed staff)


@dataclass(frozen=True, slots=True)
class PrintGroup:
    sub_unit: str  # as written; the label for staff without one comes from `p("pr_no_sub")`
    rows: tuple[PrintRow, ...]
    in_office: tuple[int, ...] = ()  # per day, this sub-unit only (a section's own counts)
    present: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Signer:
    position: str
    name: str
    nip: str


@dataclass(frozen=True, slots=True)
class UnitPrintout:
    unit: str
    circular: str
    period: str
    days: tuple[date, ...]
    day_labels: tuple[str, ...]
    blocks: tuple[tuple[int, int], ...]  # [first, end) day indices, one page width each
    groups: tuple[PrintGroup, ...]
    sectioned: bool  # each group its own section, from a new page (a large unit)
    in_office: tuple[int, ...]  # per day
    present: tuple[int, ...]  # per day, staff not on leave or travel
    has_away: bool
    signer: Signer | None
    notes: tuple[tuple[str, str], ...]  # the plain-word Ringkasan: (item, text)
    has_teams: bool = False  # a `Tim` column after the totals (`--tim`)


def month_blocks(days: Sequence[date]) -> tuple[tuple[int, int], ...]:
    """Split the days into calendar months (≤ 27 working days): one page width each, as an
    office prints a monthly roster."""
    if not days:
        return ()
    blocks: list[tuple[int, int]] = []
    first = 0
    for k in range(1, len(days) + 1):
        ends = k == len(days) or (days[k].year, days[k].month) != \
            (days[first].year, days[first].month) or k - first == MAX_BLOCK_DAYS
        if ends:
            blocks.append((first, k))
            first = k
    return tuple(blocks)


def head_of_unit(employees: Sequence[Employee]) -> Employee | None:
    """The unit's head: its Kepala OPD, else its highest structural official (top row first)."""
    heads = [e for e in employees if "kepala_opd" in e.roles]
    if heads:
        return heads[0]
    ranked = [e for e in employees if e.structural_level is not None]
    if not ranked:
        return None
    return min(ranked, key=lambda e: (e.structural_level or 9, e.sub_unit != ""))


def unit_printout(result: Result, unit: str, members: Sequence[int], lang: str) -> UnitPrintout:
    """The printout of one unit; `members` index `result.roster.employees`, in sheet order."""
    roster = result.roster
    codes = roster.codes()[list(members)] if members else np.zeros((0, len(roster.days)), int)
    staff = [roster.employees[i] for i in members]
    groups: dict[str, list[PrintRow]] = {}
    teams = result.teams
    for k, (e, row) in enumerate(zip(staff, codes.tolist(), strict=True)):
        text = tuple(CODES[c] for c in row)
        groups.setdefault(e.sub_unit, []).append(PrintRow(
            k + 1, e.name, nip_as_text(e.nip), e.position, text, text.count("WFO"),
            text.count("WFH"), len(text) - text.count("WFO") - text.count("WFH"),
            teams.names[members[k]] if teams is not None else ""))
    ordered = sorted(groups, key=lambda s: (s != "", s.casefold()))
    number = 0
    printed: list[PrintGroup] = []
    for sub in ordered:  # numbered in printed order
        rows = []
        for r in groups[sub]:
            number += 1
            rows.append(PrintRow(number, r.name, r.nip, r.position, r.codes, r.wfo, r.wfh,
                                 r.away, r.team))
        printed.append(PrintGroup(sub, tuple(rows), *_counts(rows, len(roster.days))))
    head = head_of_unit(staff)
    signer = Signer(head.position, head.name, nip_as_text(head.nip)) if head else None
    cal = result.calendar
    return UnitPrintout(
        unit=unit,
        circular=result.reference or result.scenario_title or result.scenario_name,
        period=p("pr_period_range", lang, start=dmy(cal.start), end=dmy(cal.end)) + (
            "" if result.revision is None else " — " + p(
                "pr_revision", lang, number=result.revision.number,
                day=dmy(result.revision.start))),
        days=roster.days,
        day_labels=tuple(day_label(d, lang) for d in roster.days),
        blocks=month_blocks(roster.days),
        groups=tuple(printed),
        sectioned=len(staff) > SECTION_STAFF and len(printed) > 1,
        in_office=tuple(int(x) for x in (codes == WFO_CODE).sum(axis=0)),
        present=tuple(int(x) for x in ((codes == WFO_CODE) | (codes == WFH_CODE)).sum(axis=0)),
        has_away=bool((codes > WFO_CODE).any()),
        signer=signer,
        notes=tuple(unit_notes(result, unit, members, lang)),
        has_teams=teams is not None,
    )


def _counts(rows: Sequence[PrintRow], days: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(in office, present) per day among these rows."""
    office = tuple(sum(r.codes[d] == "WFO" for r in rows) for d in range(days))
    present = tuple(sum(r.codes[d] in ("WFO", "WFH") for r in rows) for d in range(days))
    return office, present


def unit_notes(result: Result, unit: str, members: Sequence[int], lang: str) -> list[
        tuple[str, str]]:
    """The per-unit Ringkasan in plain words: basis, who is always in and why, who never is."""
    roster = result.roster
    staff = [roster.employees[i] for i in members]
    office = roster.office[list(members)] if members else np.zeros((0, len(roster.days)), bool)
    away = roster.absent[list(members)] > 0 if roster.absent is not None and members \
        else np.zeros_like(office)
    worked = ~away
    always = [k for k in range(len(staff)) if worked[k].any() and office[k][worked[k]].all()]
    never = [k for k in range(len(staff)) if not office[k].any()]
    pinned = result.pinned_by
    cal = result.calendar
    notes = [
        (p("pr_unit", lang), unit),
        (p("pr_basis", lang), result.reference or result.scenario_title),
        (p("pr_scenario_title", lang), result.scenario_title),
        (p("pr_period", lang), p("pr_period_range", lang, start=dmy(cal.start),
                                  end=dmy(cal.end))),
        (p("pr_staff", lang), str(len(staff))),
        (p("pr_days", lang), str(len(roster.days))),
    ]
    notes += [(p("pr_holiday", lang), f"{dmy(d)} {name}") for d, name in cal.skipped_holidays]
    by_rule: dict[str, list[str]] = {}
    for k in always:
        reason = pinned[members[k]] if pinned else ""
        by_rule.setdefault(reason, []).append(staff[k].name)
    for reason, names in sorted(by_rule.items(), key=lambda item: item[0] == ""):
        why = p("pr_always_rule", lang, rule=reason) if reason else p("pr_always_needed", lang)
        notes += _listed(p("pr_always", lang, count=len(names)), f"{why}:", names, lang)
    if never:
        notes += _listed(p("pr_never", lang, count=len(never)),
                         _never_reason(result, unit, members, set(always), lang),
                         [staff[k].name for k in never], lang)
    rotating = [k for k in range(len(staff)) if k not in set(always) and k not in set(never)]
    if rotating:
        days = office[rotating].sum(axis=1)
        notes.append((p("pr_rotating", lang, count=len(rotating)),
                      p("pr_rotating_text", lang, low=int(days.min()), high=int(days.max()))))
    notes += [(p("pr_warning", lang), w) for w in result.warnings if unit in w]
    notes.append((p("pr_status", lang), p("pr_optimal", lang) if result.is_optimal
                  else p("pr_feasible", lang)))
    return notes


def _listed(item: str, why: str, names: Sequence[str], lang: str) -> list[tuple[str, str]]:
    """`why` and a handful of the names, then how many more ("Budi, Sari, … dan 212
    lainnya"): a summary cell a head reads, never a wall of names (the table lists all)."""
    return [(item, end_sentence(f"{why} {names_and_count(names, lang)}"))]


def names_and_count(names: Sequence[str], lang: str, shown: int = NAMES_SHOWN) -> str:
    """`Budi, Sari, Tono` or `Budi, Sari, Tono, Wati, Yusuf, … dan 212 lainnya`."""
    if len(names) <= shown + 1:  # "… dan 1 lainnya" would be longer than the name
        return ", ".join(names)
    return ", ".join(names[:shown]) + ", " + p("pr_and_more", lang, count=len(names) - shown)


def _never_reason(result: Result, unit: str, members: Sequence[int], always: set[int],
                  lang: str) -> str:
    """Why these people are never needed: the minimums are covered by those always in."""
    position = {old: new for new, old in enumerate(members)}
    covered: dict[str, list[tuple[int, int]]] = {}
    for rc in result.rule_counts:
        if rc.unit != unit or not rc.minimum:
            continue
        fixed_in = sum(1 for m in rc.members if position.get(m) in always)
        if fixed_in >= rc.minimum:
            covered.setdefault(rc.rule, []).append((rc.minimum, fixed_in))
    sentences = []
    for rule, scopes in covered.items():
        if len(scopes) == 1:
            sentences.append(p("pr_covered", lang, rule=rule, minimum=scopes[0][0],
                               fixed=scopes[0][1]))
        else:  # one rule per sub-unit: one sentence
            sentences.append(p("pr_covered_many", lang, rule=rule, scopes=len(scopes),
                               minimum=max(m for m, _ in scopes)))
    intent = p("pr_intent", lang)
    return " ".join([*sentences, intent])
