"""The roster in plain words: what a head of unit reads before any table.

A proven-optimal roster is worth nothing to the office if its first lines speak of
levels and bounds. `memo_items` says, in the circular's terms, whether every rule
holds, how many staff are in the office on a day, how often people rotate, and who
never comes in; the solver's own figures go to `technical_items` (the `Teknis`
sheet). The terminal, the workbook and the page take their first lines from here.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from wfh_solver.base.labels import label
from wfh_solver.base.messages import CATALOGUE, count
from wfh_solver.policy.wording import percent
from wfh_solver.solve.result import Result, Status

Item = tuple[str, object]


def _say(lang: str, key: str, **params: object) -> str:
    return CATALOGUE[lang][key].format(**params)


def _dmy(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def verdict(result: Result, lang: str) -> str:
    """One sentence: are all rules met, and is this roster proven the best one."""
    if result.violations:
        rules = len({v.rule for v in result.violations})
        return _say(lang, "memo_broken", rules=rules, lines=len(result.violations))
    if result.status is Status.OPTIMAL and not result.interrupted:
        return _say(lang, "memo_optimal")
    reason = "memo_why_signal" if result.stop_signal else "memo_why_time"
    return _say(lang, "memo_feasible", why=_say(lang, reason))


def presence(result: Result) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per day the share of present staff in the office; per person office and home days."""
    roster = result.roster
    office = roster.office
    present = np.ones_like(office) if roster.absent is None else roster.absent == 0
    in_office = office & present
    per_day = in_office.sum(axis=0) / np.maximum(1, present.sum(axis=0))
    return per_day, in_office.sum(axis=1), (present & ~office).sum(axis=1)


def figures(result: Result, lang: str) -> list[str]:
    """The office share and the rotation, as sentences a head can repeat."""
    if not result.roster.employees or not result.roster.days:
        return []
    per_day, wfo, wfh = presence(result)
    lines = [_say(lang, "memo_share", mean=percent(float(per_day.mean()), lang),
                  low=percent(float(per_day.min()), lang),
                  high=percent(float(per_day.max()), lang))]
    rotating = wfo[(wfo > 0) & (wfh > 0)]
    if rotating.size:
        q1, q3 = (int(round(float(q))) for q in np.percentile(rotating, [25, 75]))
        span = str(q1) if q1 == q3 else f"{q1}–{q3}"
        lines.append(_say(lang, "memo_rotation", people=count(rotating.size, lang), span=span,
                          days=len(result.roster.days)))
    lines += _targets(result, lang)
    never = int(np.count_nonzero((wfo == 0) & (wfh > 0)))
    always_in = (wfh == 0) & (wfo > 0)
    pinned = np.asarray([bool(p) for p in result.pinned_by], dtype=bool) \
        if len(result.pinned_by) == len(always_in) else np.zeros_like(always_in)
    lines.append(_say(lang, "memo_never_always", never=count(never, lang),
                      always=count(int(np.count_nonzero(always_in)), lang),
                      pinned=count(int(np.count_nonzero(always_in & pinned)), lang)))
    lines += _teams(result, lang)
    return lines


def _teams(result: Result, lang: str) -> list[str]:
    """With fixed teams (`--tim`), how many colleagues a person meets, with and without."""
    teams = result.teams
    if teams is None:
        return []
    if teams.contacts < teams.contacts_plain:
        fewer = 1 - teams.contacts / teams.contacts_plain
        change = _say(lang, "memo_teams_fewer", percent=percent(fewer, lang))
    else:
        change = _say(lang, "memo_teams_same")
    return [_say(lang, "memo_teams", tim=_decimal(teams.contacts, lang),
                 plain=_decimal(teams.contacts_plain, lang), change=change)]


def _decimal(value: float, lang: str) -> str:
    """5,3 in Indonesian, 5.3 in English."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "id" else text


def _targets(result: Result, lang: str) -> list[str]:
    """Each WFH target of the circular against the roster, in the circular's own terms
    (a stopped search shows here how far it still is: "79% WFH, sasaran 30%")."""
    roster = result.roster
    home = ~roster.office if roster.absent is None else (~roster.office & (roster.absent == 0))
    totals: dict[str, list[float]] = {}
    for rc in result.rule_counts:
        if rc.kind != "wfh_share_target" or rc.target_wfh is None or not rc.members:
            continue
        members = list(rc.members)
        sums = totals.setdefault(rc.rule, [0.0, 0.0, 0.0])
        sums[0] += float(home[members].sum())
        sums[1] += float(rc.target_wfh) * len(roster.days)
        sums[2] += float(len(members)) * len(roster.days)
    return [_say(lang, "memo_target", rule=rule, actual=percent(at_home / seats, lang),
                 target=percent(wanted / seats, lang))
            for rule, (at_home, wanted, seats) in totals.items() if seats]


def memo_items(result: Result, lang: str) -> list[Item]:
    """The `Ringkasan` sheet: the verdict and figures first, then what the run read and chose."""
    def key(name: str) -> str:
        return CATALOGUE[lang][name]

    cal = result.calendar
    items: list[Item] = []
    unit = result.extra.get(label("unit", lang))  # a one-unit part names its unit
    if unit:
        items.append((label("unit", lang), unit))
    items.append((key("memo_k_verdict"), verdict(result, lang)))
    items += [(key("memo_k_figures"), line) for line in figures(result, lang)]
    items += [
        (key("memo_k_circular"), result.scenario_title or result.scenario_name),
    ]
    if result.reference:
        items.append((key("memo_k_reference"), result.reference))
    workweek = CATALOGUE[lang].get(f"ww_{cal.workweek}", cal.workweek)
    items += [
        (key("memo_k_period"), f"{_dmy(cal.start)} – {_dmy(cal.end)}"),
        (key("memo_k_days"), _say(lang, "memo_days", days=len(result.roster.days),
                                  workweek=workweek)),
        (key("memo_k_staff"), len(result.roster.employees)),
    ]
    items += [(key("memo_k_holiday"), f"{_dmy(d)} {name}") for d, name in cal.skipped_holidays]
    items += _listing(key("memo_k_choices"), result.choices, label("none", lang))
    items += _listing(key("memo_k_check"), result.warnings, label("none", lang))
    if result.rows_skipped:
        items.append((key("memo_k_skipped"), _say(lang, "memo_skipped", rows=result.rows_skipped)))
    return items


def technical_items(result: Result, lang: str) -> list[Item]:
    """The `Teknis` sheet: the solver's figures, for the person who answers for the proof."""
    def key(name: str) -> str:
        return label(name, lang)

    items: list[Item] = [
        (key("scenario"), result.scenario_name),
        (key("source"), result.source),
        (key("solver_status"), result.status.value),
    ]
    for k, lv in enumerate(result.levels, start=1):
        prefix = f"{key('level')} {k}"
        items += [
            (f"{prefix}: {key('level_name')}", lv.name),
            (f"{prefix}: {key('level_description')}", lv.description),
            (f"{prefix}: {key('level_objective')}", lv.objective),
            (f"{prefix}: {key('level_bound')}", lv.bound),
            (f"{prefix}: {key('level_status')}", lv.status.value),
            (f"{prefix}: {key('level_seconds')}", round(lv.seconds, 3)),
        ]
    items += [
        (key("solve_seconds"), round(result.solve_seconds, 3)),
        (key("switches"), result.switches),
        (key("switches_bound"), result.switches_bound),
        (key("interrupted"), result.interrupted),
        (key("rows_skipped"), result.rows_skipped),
    ]
    if result.teams is not None:
        items += [(key("contacts"), round(result.teams.contacts, 3)),
                  (key("contacts_plain"), round(result.teams.contacts_plain, 3))]
    items += list(result.extra.items())
    return items


def _listing(name: str, values: tuple[str, ...] | list[str], none: str) -> list[Item]:
    return [(name, v) for v in values] if values else [(name, none)]
