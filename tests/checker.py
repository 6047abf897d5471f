"""Independent test oracle for WFH/WFO rosters (the rules of POLICY.md).

`check(output_xlsx, input_path, scenario_toml)` recomputes every rule from three
files only: the roster workbook the CLI wrote, the employee list it read and the
scenario TOML. It shares no code with `wfh_solver.model`, `wfh_solver.policy` or
`wfh_solver.solve`: the calendar, scenario parsing, selector matching and the rule
semantics are re-implemented here from the specification. The only library code
used is the input reader (`wfh_solver.api.read_employees`), so both sides agree on
who the employees are and how their Jabatan/Eselon/unit were classified.

Leave (*cuti*) and official travel (*dinas luar*, DL) from the input's `Cuti` and
`Dinas Luar` columns are neither WFH nor WFO: such a day cell must read `CUTI` or `DL`
(a day in both: `CUTI`), whatever rule pins the person, and the person does not count
as present that day. Count rules are judged per day among those present (POLICY.md).

Every violation is collected as one readable line starting with a tag in square
brackets (`[min_present] …`, `[fairness] …`), so a test can count them by check.

The module ends with small helpers that write tiny input, scenario and roster
files; the tests use them to show the checker catches each kind of violation.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any, cast

import holidays
import numpy as np
import numpy.typing as npt
import pandas as pd
from python_calamine import CalamineWorkbook

from wfh_solver.api import read_employees

ROSTER_SHEET = "Jadwal"
SUMMARY_SHEET = "Ringkasan"
FIXED_HEADERS = ("NIP", "Nama", "Unit Kerja", "Sub Unit", "Jabatan")
TOTAL_HEADERS = ("Hari WFO", "Hari WFH")
AWAY_HEADER = "Hari Cuti/DL"  # optional third total: CUTI + DL cells
CUMULATIVE_HEADER = "WFH kumulatif"  # with `--previous`: earlier rosters' WFH days + these
TEAM_HEADER = "Tim"  # with `--tim`: each person's team, the very last column
WFO, WFH, LEAVE, TRAVEL = "WFO", "WFH", "CUTI", "DL"
CODES = (WFO, WFH, LEAVE, TRAVEL)
AWAY_CODES = {1: LEAVE, 2: TRAVEL}  # values of `_State.away`; 0 = at work
STATUS_KEYS = ("status solver", "solver status")
WARNING_KEYS = ("peringatan", "warning", "perlu diperiksa", "to check")
TECHNICAL_SHEETS = ("Teknis", "Technical")

WORKWEEK_DAYS = {"mon-fri": frozenset(range(5)), "mon-sat": frozenset(range(6))}
ASN_STATUSES = frozenset({"pns", "cpns", "pppk"})
ESELON_MAJORS = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}

FIX_IN_OFFICE = ("exempt_units", "always_in_office", "top_levels")
FIX_AT_HOME = ("always_at_home",)
MINIMUMS = ("min_present", "min_office_share")
COUNT_KINDS = ("min_present", "min_office_share", "max_office_share", "wfh_share_target")
# Per-person rules (issue 22), read here from docs/model.md, "Rules about each person's
# days": office days per calendar week (Monday–Sunday) or period, runs of working days.
PERSON_KINDS = ("min_office_days", "max_office_days", "max_consecutive_wfh",
                "max_consecutive_wfo")
RULE_KINDS = frozenset(FIX_IN_OFFICE + FIX_AT_HOME + COUNT_KINDS + PERSON_KINDS)
SELECTOR_KEYS = frozenset({"categories", "eselon", "roles", "unit_types", "sub_unit_kinds",
                           "units", "sub_units", "positions", "statuses", "flags", "exclude"})
FLAGS = frozenset({"vulnerable", "aged", "comorbid", "pregnant", "must_wfo", "must_wfh", "asn",
                   "structural"})
RULE_KEYS = frozenset({"name", "kind", "who", "per", "count", "share", "levels", "note",
                       "days"})

Mask = npt.NDArray[np.bool_]


# --------------------------------------------------------------------------- #
# Report
# --------------------------------------------------------------------------- #


@dataclass
class Report:
    """What `check` found.

    `violations`: one readable line per broken rule instance, tagged `[check]`.
    `warnings_expected`: units whose minimum had to be capped ("all of them"), which
    the Ringkasan sheet must name in a warning; `warning_days`: per such unit, the days
    when leave or travel capped it further, which a warning naming the unit must list
    (as dd/mm).
    `counts`: violations per check tag; `checked`: how many items each check looked at;
    `notes`: checks that could not be applied (and why).
    """

    violations: list[str] = field(default_factory=list)
    warnings_expected: list[str] = field(default_factory=list)
    warning_days: dict[str, list[date]] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    checked: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    days: list[date] = field(default_factory=list)
    employees: int = 0
    status: str | None = None

    @property
    def ok(self) -> bool:
        return not self.violations

    def add(self, tag: str, message: str) -> None:
        self.violations.append(f"[{tag}] {message}")
        self.counts[tag] += 1

    def summary(self, limit: int = 25) -> str:
        """The first `limit` violations and the per-check counts, for assertion messages."""
        head = [f"{len(self.violations)} violation(s): {dict(self.counts)}"]
        head += self.violations[:limit]
        if len(self.violations) > limit:
            head.append(f"… and {len(self.violations) - limit} more")
        return "\n".join(head)


# --------------------------------------------------------------------------- #
# Scenario (parsed here from the TOML, independently of wfh_solver.policy)
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class RuleSpec:
    name: str
    kind: str
    who: Mapping[str, Any]
    per: str
    count: int | None
    share: Fraction | None
    levels: int | None
    days: int | None = None  # per-person rules: the number of days


@dataclass(frozen=True)
class ScenarioSpec:
    name: str
    start: date
    end: date
    workweek: str
    intent: str
    vulnerable_age: int
    rules: tuple[RuleSpec, ...]


def _as_date(value: Any, key: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value)
    raise ValueError(f"scenario `{key}` is not a date: {value!r}")


def _check_selector(who: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(who, Mapping):
        raise ValueError(f"{where}: `who` must be a table")
    unknown = set(who) - SELECTOR_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown selector keys {sorted(unknown)}")
    for flag in who.get("flags", ()):
        if flag not in FLAGS:
            raise ValueError(f"{where}: unknown flag {flag!r}")
    if who.get("exclude") is not None:
        _check_selector(who["exclude"], where + ".exclude")
    return who


def load_scenario_spec(path: str | Path, start: date | None = None,
                       end: date | None = None) -> ScenarioSpec:
    """Parse a scenario TOML file (optionally over another period, like `--from/--to`)."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    rules = []
    for k, raw in enumerate(data.get("rules", [])):
        where = f"rules[{k}] ({raw.get('name')!r})"
        unknown = set(raw) - RULE_KEYS
        if unknown:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
        kind = raw["kind"]
        if kind not in RULE_KINDS:
            raise ValueError(f"{where}: unknown rule kind {kind!r}")
        per = raw.get("per", "unit")
        if per not in ("unit", "sub_unit", "organisation", "week", "period"):
            raise ValueError(f"{where}: unknown scope per={per!r}")
        share = raw.get("share")
        rules.append(RuleSpec(
            name=str(raw["name"]),
            kind=kind,
            who=_check_selector(raw.get("who", {}), where),
            per=per,
            count=None if raw.get("count") is None else int(raw["count"]),
            share=None if share is None else Fraction(str(share)),
            levels=None if raw.get("levels") is None else int(raw["levels"]),
            days=None if raw.get("days") is None else int(raw["days"]),
        ))
    workweek = data.get("workweek", "mon-fri")
    if workweek not in WORKWEEK_DAYS:
        raise ValueError(f"unknown workweek {workweek!r}")
    return ScenarioSpec(
        name=str(data.get("name", "")),
        start=start or _as_date(data["start"], "start"),
        end=end or _as_date(data["end"], "end"),
        workweek=workweek,
        intent=data.get("intent", "max_wfh"),
        vulnerable_age=int(data.get("vulnerable_age", 50)),
        rules=tuple(rules),
    )


def expected_working_days(start: date, end: date, workweek: str) -> list[date]:
    """Weekdays of the working week in [start, end], minus public holidays and cuti bersama."""
    off = holidays.country_holidays("ID", years=range(start.year, end.year + 1),
                                    categories=("public", "government"))
    weekdays = WORKWEEK_DAYS[workweek]
    days = []
    day = start
    while day <= end:
        if day.weekday() in weekdays and day not in off:
            days.append(day)
        day += timedelta(days=1)
    return days


def round_half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


# --------------------------------------------------------------------------- #
# Employees as columns, and selector matching
# --------------------------------------------------------------------------- #


@dataclass
class People:
    frame: pd.DataFrame  # one row per input employee, index 0..n-1
    roles: list[frozenset[str]]
    leave: list[frozenset[date]] = field(default_factory=list)  # Cuti dates, any day
    travel: list[frozenset[date]] = field(default_factory=list)  # Dinas Luar dates

    def away(self, days: Sequence[date]) -> npt.NDArray[np.int8]:
        """employees x days: 1 on leave (CUTI), 2 on official travel (DL), 0 at work.

        A day that is both leave and travel counts as leave.
        """
        away = np.zeros((len(self), len(days)), dtype=np.int8)
        index = {day: j for j, day in enumerate(days)}
        for code, per_person in ((2, self.travel), (1, self.leave)):
            for i, dates in enumerate(per_person):
                for day in dates:
                    if day in index:
                        away[i, index[day]] = code
        return away

    def __len__(self) -> int:
        return len(self.frame)


def people_from(employees: Sequence[Any], scenario: ScenarioSpec) -> People:
    rows = []
    for e in employees:
        eselon = e.eselon if e.eselon else None
        major = eselon.split(".")[0] if eselon else None
        born = e.birth_date
        if born is None:
            aged = False
        else:
            s = scenario.start
            age = s.year - born.year - ((s.month, s.day) < (born.month, born.day))
            aged = age >= scenario.vulnerable_age
        category = getattr(e.category, "value", e.category)
        status = str(e.status).lower()
        rows.append({
            "nip": str(e.nip), "name": e.name, "unit": e.unit, "sub_unit": e.sub_unit,
            "position": e.position, "category": str(category), "eselon": eselon,
            "major": major,
            # POLICY: levels are echelon majors; with the eselon blank, the structural
            # category's usual major (JPT II, administrator III, pengawas IV).
            "level": ESELON_MAJORS.get(major or "", 0) or {
                "jpt": 2, "administrator": 3, "pengawas": 4}.get(str(category), 0),
            "unit_type": e.unit_type, "sub_unit_kind": e.sub_unit_kind, "status": status,
            "aged": aged, "comorbid": bool(e.comorbid),
            "pregnant": bool(e.pregnant_or_nursing), "must_wfo": bool(e.must_wfo),
            "must_wfh": bool(e.must_wfh), "asn": status in ASN_STATUSES,
            "structural": eselon is not None or str(category) in ("jpt", "administrator",
                                                                "pengawas"),
        })
    frame = pd.DataFrame(rows, columns=[
        "nip", "name", "unit", "sub_unit", "position", "category", "eselon", "major",
        "level", "unit_type", "sub_unit_kind", "status", "aged", "comorbid", "pregnant",
        "must_wfo", "must_wfh", "asn", "structural"])
    frame["vulnerable"] = frame["aged"] | frame["comorbid"] | frame["pregnant"]
    return People(frame, [frozenset(e.roles) for e in employees],
                  [frozenset(getattr(e, "leave", ()) or ()) for e in employees],
                  [frozenset(getattr(e, "travel", ()) or ()) for e in employees])


def _values(raw: Any) -> list[Any]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    return list(raw)


def _regex_mask(column: pd.Series, patterns: list[str]) -> Mask:
    compiled = [re.compile(p, re.IGNORECASE) for p in patterns]
    hits = {text: any(c.search(text) for c in compiled) for text in column.unique()}
    return column.map(hits).to_numpy(dtype=bool)


def select(who: Mapping[str, Any], people: People) -> Mask:
    """Selector semantics: AND across fields, OR within a field, empty = no restriction."""
    f = people.frame
    mask = np.ones(len(f), dtype=bool)
    for key, raw in who.items():
        if key == "exclude":
            continue
        values = _values(raw)
        if not values:
            continue
        if key in ("categories", "unit_types", "sub_unit_kinds"):
            column = {"categories": "category", "unit_types": "unit_type",
                      "sub_unit_kinds": "sub_unit_kind"}[key]
            mask &= f[column].isin([str(v) for v in values]).to_numpy()
        elif key == "eselon":
            mask &= (f["eselon"].isin(values) | f["major"].isin(values)).to_numpy()
        elif key == "roles":
            wanted = set(values)
            mask &= np.fromiter((bool(r & wanted) for r in people.roles), dtype=bool,
                                count=len(f))
        elif key in ("units", "sub_units", "positions"):
            column = {"units": "unit", "sub_units": "sub_unit", "positions": "position"}[key]
            mask &= _regex_mask(f[column], values)
        elif key == "statuses":
            mask &= f["status"].isin([str(v).lower() for v in values]).to_numpy()
        elif key == "flags":
            for flag in values:
                mask &= f[flag].to_numpy(dtype=bool)
    if who.get("exclude"):
        mask &= ~select(who["exclude"], people)
    return mask


def scope_codes(rule: RuleSpec,
                people: People) -> tuple[npt.NDArray[np.intp], list[tuple[str, str]]]:
    """Scope index per employee and the scope keys (unit, sub_unit); ("", "") = organisation."""
    f = people.frame
    if rule.per == "organisation":
        return np.zeros(len(f), dtype=np.intp), [("", "")]
    if rule.per == "sub_unit":
        keys = list(zip(f["unit"], f["sub_unit"], strict=True))
    else:
        keys = [(u, "") for u in f["unit"]]
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object))
    return codes.astype(np.intp), [tuple(k) for k in uniques]


def where(key: tuple[str, str]) -> str:
    unit, sub_unit = key
    if not unit:
        return "the whole organisation"
    return f"{unit} / {sub_unit}" if sub_unit else unit


# --------------------------------------------------------------------------- #
# Reading the output workbook
# --------------------------------------------------------------------------- #


@dataclass
class RosterSheet:
    days: list[date]
    frame: pd.DataFrame  # NIP, Nama, Unit Kerja, Sub Unit, Jabatan (text), row (Excel)
    cells: npt.NDArray[np.object_]  # rows x days, stripped text
    totals: npt.NDArray[np.object_]  # rows x totals, raw values, headed `total_headers`
    total_headers: tuple[str, ...] = TOTAL_HEADERS  # + AWAY_HEADER when the sheet has it
    cumulative: npt.NDArray[np.object_] | None = None  # `WFH kumulatif` per row, if there
    teams: npt.NDArray[np.object_] | None = None  # `Tim` per row (`--tim`), if there


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _code(value: Any) -> str:
    """A day cell as written: codes are compared exactly (no trimming, no case folding)."""
    return value if isinstance(value, str) else _text(value)


def _as_day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else None
    if isinstance(value, date):
        return value
    return None


def read_roster(path: Path, rep: Report) -> RosterSheet | None:
    wb = CalamineWorkbook.from_path(str(path))
    names = list(wb.sheet_names)
    if ROSTER_SHEET not in names:
        rep.add("sheet", f"no sheet {ROSTER_SHEET!r} in {path.name} (sheets: {names})")
        return None
    if names[0] != ROSTER_SHEET:
        rep.add("sheet", f"{ROSTER_SHEET!r} is not the first sheet (sheets: {names})")
    rows = wb.get_sheet_by_name(ROSTER_SHEET).to_python()
    if not rows:
        rep.add("sheet", f"sheet {ROSTER_SHEET!r} is empty")
        return None
    header = list(rows[0])
    while header and header[-1] in ("", None):
        header.pop()
    team_col = None  # `--tim`: the team closes the header
    if header and _text(header[-1]) == TEAM_HEADER:
        team_col = len(header) - 1
        header.pop()
    cumulative_col = None  # `--previous`: the running balance closes the header
    if header and _text(header[-1]) == CUMULATIVE_HEADER:
        cumulative_col = len(header) - 1
        header.pop()
    fixed = [_text(h) for h in header[: len(FIXED_HEADERS)]]
    if fixed != list(FIXED_HEADERS):
        rep.add("sheet", f"first header cells are {fixed}, expected {list(FIXED_HEADERS)}")
    # The totals close the header: Hari WFO, Hari WFH and, optionally, Hari Cuti/DL
    # (in any order when all three are there).
    with_away = (*TOTAL_HEADERS, AWAY_HEADER)
    tail3 = [_text(h) for h in header[-len(with_away):]]
    if len(header) >= len(FIXED_HEADERS) + len(with_away) and \
            sorted(tail3) == sorted(with_away):
        total_headers = tuple(tail3)
    else:
        total_headers = TOTAL_HEADERS
        tail = [_text(h) for h in header[-len(TOTAL_HEADERS):]]
        if tail != list(TOTAL_HEADERS):
            rep.add("sheet", f"last header cells are {tail}, expected {list(TOTAL_HEADERS)} "
                             f"(optionally with {AWAY_HEADER!r})")
    first_day, end_day = len(FIXED_HEADERS), len(header) - len(total_headers)
    days: list[date] = []
    day_cols: list[int] = []
    for j in range(first_day, max(first_day, end_day)):
        day = _as_day(header[j])
        if day is None:
            rep.add("sheet", f"header cell {j + 1} ({header[j]!r}) between Jabatan and "
                             "Hari WFO is not a date")
            continue
        days.append(day)
        day_cols.append(j)
    width = len(header)
    body = [list(r[:width]) + [""] * (width - len(r)) for r in rows[1:]]
    excel_rows = [k + 2 for k, r in enumerate(body) if any(c not in ("", None) for c in r)]
    body = [r for r in body if any(c not in ("", None) for c in r)]
    grid = np.empty((len(body), width), dtype=object)
    for k, r in enumerate(body):
        grid[k, :] = r
    numeric_nips = [excel_rows[k] for k, r in enumerate(body) if isinstance(r[0], int | float)]
    if numeric_nips:
        rep.add("sheet", f"NIP stored as a number, not text, on {len(numeric_nips)} row(s), "
                         f"first at Excel row {numeric_nips[0]}")
    frame = pd.DataFrame({
        name: [_text(v) for v in grid[:, j]] if len(body) else []
        for j, name in enumerate(FIXED_HEADERS)
    })
    frame["NIP"] = frame["NIP"].str.replace(r"\s+", "", regex=True)
    frame["row"] = excel_rows
    cells = np.vectorize(_code, otypes=[object])(grid[:, day_cols]) if len(body) and day_cols \
        else np.empty((len(body), len(day_cols)), dtype=object)
    totals = grid[:, end_day:width] if end_day >= first_day \
        else np.empty((len(body), 0), dtype=object)
    cumulative = None
    if cumulative_col is not None:
        cumulative = np.asarray(
            [rows[r - 1][cumulative_col] if cumulative_col < len(rows[r - 1]) else None
             for r in excel_rows], dtype=object)
    teams = None
    if team_col is not None:
        teams = np.asarray([_text(rows[r - 1][team_col]) if team_col < len(rows[r - 1]) else ""
                            for r in excel_rows], dtype=object)
    return RosterSheet(days, frame, cells, totals, total_headers, cumulative, teams)


def read_summary(path: Path) -> list[tuple[str, str]] | None:
    wb = CalamineWorkbook.from_path(str(path))
    if SUMMARY_SHEET not in wb.sheet_names:
        return None
    rows = list(wb.get_sheet_by_name(SUMMARY_SHEET).to_python())
    for name in TECHNICAL_SHEETS:  # the solver's figures may sit on a sheet of their own
        if name in wb.sheet_names:
            rows += wb.get_sheet_by_name(name).to_python()
    return [(_text(r[0]) if r else "", _text(r[1]) if len(r) > 1 else "") for r in rows]


# --------------------------------------------------------------------------- #
# The check
# --------------------------------------------------------------------------- #


@dataclass
class _State:
    """Everything the rule checks share, aligned to the input employee order."""

    people: People
    days: list[date]
    office: Mask  # employees x days: cell says WFO
    home: Mask  # employees x days: cell says WFH
    listed: Mask  # employee has exactly one row with only valid cells
    unit_codes: npt.NDArray[np.intp]
    units: list[str]
    hard_bad: Mask  # units x days: some hard rule (or the roster itself) broken there
    away: npt.NDArray[np.int8]  # employees x days, from the input: 1 leave, 2 travel, 0 at work
    cells: npt.NDArray[np.object_]  # employees x days: the code written ("" without a row)
    fixed_wfo: Mask = field(default_factory=lambda: np.zeros(0, dtype=bool))
    fixed_wfh: Mask = field(default_factory=lambda: np.zeros(0, dtype=bool))
    exempt: Mask = field(default_factory=lambda: np.zeros(0, dtype=bool))  # in exempt units
    history: npt.NDArray[np.int64] = field(  # WFH days in earlier rosters (`--previous`)
        default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def at_work(self) -> Mask:
        """employees x days: neither on leave nor on official travel (counted as present)."""
        return self.away == 0

    def mark(self, members: Mask | npt.NDArray[np.intp], day_mask: Mask) -> None:
        """Record that these employees' units broke a hard rule on these days."""
        units = np.unique(self.unit_codes[members])
        self.hard_bad[np.ix_(units, np.flatnonzero(day_mask))] = True


def check(output_xlsx: str | Path, input_path: str | Path, scenario_toml: str | Path, *,
          start: date | None = None, end: date | None = None,
          previous: Sequence[str | Path] = ()) -> Report:
    """Check a roster workbook against the input staff list and the scenario's rules;
    with `previous` (the rosters given to `--previous`), fairness over the history and
    the `WFH kumulatif` column too."""
    output_xlsx, input_path = Path(output_xlsx), Path(input_path)
    rep = Report()
    scenario = load_scenario_spec(scenario_toml, start, end)
    employees = read_employees(input_path).employees
    people = people_from(employees, scenario)
    rep.employees = len(people)
    roster = read_roster(output_xlsx, rep)
    summary = read_summary(output_xlsx)
    _check_status(rep, summary)
    if roster is None:
        return rep
    rep.days = list(roster.days)
    _check_calendar(rep, roster.days, scenario)
    state = _align(rep, roster, people)
    state.history = earlier_wfh(previous, people)
    _check_cumulative(rep, roster, state, bool(previous))
    _check_absence(rep, state)
    _check_fixed(rep, state, scenario)
    _check_counts(rep, state, scenario)
    _check_person_rules(rep, state, scenario, previous)
    _check_optimality(rep, state, scenario)
    _check_fairness(rep, state)
    _check_fairness_level(rep, state, summary)
    _check_warnings(rep, summary)
    _check_teams(rep, roster)
    return rep


def _check_teams(rep: Report, roster: RosterSheet) -> None:
    """A `Tim` column means what the HR guide says: two people of one unit and sub-unit in
    different teams never share an office day."""
    if roster.teams is None:
        return
    office = roster.cells == WFO
    units = roster.frame["Unit Kerja"].to_numpy()
    subs = roster.frame["Sub Unit"].to_numpy()
    seen: dict[tuple[str, str, str], npt.NDArray[np.bool_]] = {}
    for k, team in enumerate(roster.teams):
        if not team:
            continue
        key = (str(units[k]), str(subs[k]), str(team))
        seen[key] = seen.get(key, np.zeros(office.shape[1], dtype=bool)) | office[k]
    by_sub: dict[tuple[str, str], list[tuple[str, npt.NDArray[np.bool_]]]] = defaultdict(list)
    for (unit, sub, team), days in seen.items():
        by_sub[(unit, sub)].append((team, days))
    for (unit, sub), teams in by_sub.items():
        for a in range(len(teams)):
            for b in range(a + 1, len(teams)):
                both = teams[a][1] & teams[b][1]
                if both.any():
                    day = roster.days[int(np.flatnonzero(both)[0])]
                    rep.add("teams", f"{where((unit, sub))}: teams {teams[a][0]} and "
                                     f"{teams[b][0]} are both in the office on {day}")


def _check_status(rep: Report, summary: list[tuple[str, str]] | None) -> None:
    if summary is None:
        rep.add("status", f"no sheet {SUMMARY_SHEET!r}")
        return
    statuses = [v for k, v in summary if k.casefold() in STATUS_KEYS]
    if not statuses:
        rep.add("status", f"{SUMMARY_SHEET!r} has no 'Status solver' row")
        return
    rep.status = statuses[0]
    if statuses[0] != "OPTIMAL":
        rep.add("status", f"solver status is {statuses[0]!r}, not OPTIMAL")


def _fmt_days(days: Iterable[date], limit: int = 6) -> str:
    days = list(days)
    text = ", ".join(d.isoformat() for d in days[:limit])
    return text + (f" (+{len(days) - limit} more)" if len(days) > limit else "")


def _check_calendar(rep: Report, days: list[date], scenario: ScenarioSpec) -> None:
    expected = expected_working_days(scenario.start, scenario.end, scenario.workweek)
    rep.checked["calendar_days"] = len(expected)
    if days == expected:
        return
    missing = [d for d in expected if d not in days]
    extra = [d for d in days if d not in expected]
    if missing:
        rep.add("calendar", f"working days without a column: {_fmt_days(missing)}")
    if extra:
        rep.add("calendar", f"columns for non-working days: {_fmt_days(extra)}")
    if not missing and not extra:
        duplicated = [d for d, c in Counter(days).items() if c > 1]
        if duplicated:
            rep.add("calendar", f"days with more than one column: {_fmt_days(duplicated)}")
        else:
            rep.add("calendar", "day columns are not in date order")


def _who(people: People, i: int) -> str:
    r = people.frame.iloc[i]
    return f"NIP {r['nip']} ({r['name']}, {r['unit']})"


def _align(rep: Report, roster: RosterSheet, people: People) -> _State:
    """Coverage, cell codes, totals and identity; the roster as masks in input order."""
    f = people.frame
    n, d = len(f), len(roster.days)
    position = {nip: i for i, nip in enumerate(f["nip"])}
    out_nips = roster.frame["NIP"]
    counts = out_nips.value_counts()
    for nip, c in counts[counts > 1].items():
        rep.add("coverage", f"NIP {nip} appears {c} times in {ROSTER_SHEET}")
    unknown = [nip for nip in out_nips.unique() if nip not in position]
    for nip in unknown:
        rep.add("coverage", f"NIP {nip!r} in {ROSTER_SHEET} is not in the input")
    seen = set(out_nips)
    for i, nip in enumerate(f["nip"]):
        if nip not in seen:
            rep.add("coverage", f"{_who(people, i)} from the input has no row in "
                                f"{ROSTER_SHEET}")
    rep.checked["employees"] = n

    cells = roster.cells
    valid = np.isin(cells, CODES) if cells.size else np.ones(cells.shape, dtype=bool)
    for k in np.flatnonzero(~valid.all(axis=1)).tolist():
        bad = [f"{roster.days[j].isoformat()}={cells[k, j]!r}" for j in np.flatnonzero(~valid[k])]
        rep.add("cells", f"Excel row {roster.frame['row'].iat[k]} (NIP "
                         f"{roster.frame['NIP'].iat[k]}): cells that are not "
                         f"{'/'.join(CODES)}: " + ", ".join(bad[:6]))
    rep.checked["cells"] = int(cells.size)
    _check_totals(rep, roster)
    _check_identity(rep, roster, people, position)

    aligned = np.full((n, d), "", dtype=object)
    listed = np.zeros(n, dtype=bool)
    unique_rows = ~out_nips.duplicated(keep=False).to_numpy()
    take = [(k, position[nip]) for k, nip in enumerate(out_nips)
            if unique_rows[k] and nip in position]
    if take:
        rows = np.array([k for k, _ in take], dtype=np.intp)
        idx = np.array([i for _, i in take], dtype=np.intp)
        aligned[idx] = np.where(valid[rows], cells[rows], "")
        listed[idx] = valid[rows].all(axis=1)
    office = aligned == WFO
    home = aligned == WFH
    unit_codes, units = pd.factorize(f["unit"])
    state = _State(people, list(roster.days), office, home, listed,
                   unit_codes.astype(np.intp), list(units),
                   np.zeros((len(units), d), dtype=bool), people.away(roster.days), aligned)
    broken = aligned == ""  # no row, or a code that is not WFO/WFH/CUTI/DL
    if broken.any():
        for day in range(d):
            who = np.flatnonzero(broken[:, day])
            if len(who):
                state.hard_bad[np.unique(state.unit_codes[who]), day] = True
    return state


def earlier_wfh(paths: Sequence[str | Path], people: People) -> npt.NDArray[np.int64]:
    """Per input employee, the `WFH` cells of earlier rosters (README, "Planning month
    after month"): someone a roster does not list counts, for that roster, as the average
    of the colleagues of their unit it does list, rounded down."""
    f = people.frame
    nips = [re.sub(r"\D", "", str(n)) for n in f["nip"]]
    units = f["unit"].to_numpy()
    total = np.zeros(len(f), dtype=np.int64)
    for path in paths:
        counts = _roster_wfh(Path(path))
        known = np.asarray([counts.get(n, -1) for n in nips], dtype=np.int64)
        for unit in pd.unique(units):
            members = units == unit
            seen = known[members & (known >= 0)]
            average = int(seen.sum()) // len(seen) if len(seen) else 0
            total[members] += np.where(known[members] >= 0, known[members], average)
    return total


def _roster_wfh(path: Path) -> dict[str, int]:
    """NIP (digits) → `WFH` cells of one earlier roster: our workbook (the `Jadwal` sheet,
    a `NIP` header, date columns) or our long CSV (`nip;…;tanggal;status`)."""
    counts: dict[str, int] = defaultdict(int)
    if path.suffix.lower() == ".csv":
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        head = [h.strip().casefold() for h in lines[0].split(";")]
        nip, status = head.index("nip"), head.index("status")
        for line in lines[1:]:
            cells = line.split(";")
            if len(cells) == len(head):
                counts[re.sub(r"\D", "", cells[nip])] += cells[status].strip().upper() == "WFH"
        return dict(counts)
    book = CalamineWorkbook.from_path(str(path))
    name = ROSTER_SHEET if ROSTER_SHEET in book.sheet_names else book.sheet_names[0]
    rows = book.get_sheet_by_name(name).to_python()
    top = next(k for k, r in enumerate(rows[:30]) if any(_text(c) == "NIP" for c in r))
    nip = [_text(c) for c in rows[top]].index("NIP")
    day_cols = [j for j, c in enumerate(rows[top]) if _as_day(c) is not None]
    for r in rows[top + 1:]:
        key = re.sub(r"\D", "", _text(r[nip]))
        if key:
            counts[key] += sum(_text(r[j]).upper() == "WFH" for j in day_cols)
    return dict(counts)


def _check_cumulative(rep: Report, roster: RosterSheet, st: _State, given: bool) -> None:
    """`WFH kumulatif` = earlier rosters' WFH days + this roster's, row by row."""
    if roster.cumulative is None:
        if given:
            rep.add("sheet", f"earlier rosters were given but {ROSTER_SHEET} has no "
                             f"{CUMULATIVE_HEADER!r} column")
        return
    if not given:
        rep.notes.append(f"{CUMULATIVE_HEADER!r} not checked: no earlier rosters given")
        return
    position = {nip: i for i, nip in enumerate(st.people.frame["nip"])}
    wfh = (roster.cells == WFH).sum(axis=1) if roster.cells.size \
        else np.zeros(len(roster.frame), dtype=np.int64)
    checked = 0
    for k, nip in enumerate(roster.frame["NIP"]):
        i = position.get(nip)
        if i is None:
            continue
        expected = int(st.history[i] + wfh[k])
        value = roster.cumulative[k]
        checked += 1
        if not isinstance(value, int | float) or value != expected:
            rep.add("totals", f"Excel row {roster.frame['row'].iat[k]} (NIP {nip}): "
                              f"{CUMULATIVE_HEADER} is {value!r}, earlier rosters and this "
                              f"one give {expected}")
    rep.checked["cumulative"] = checked


def _check_totals(rep: Report, roster: RosterSheet) -> None:
    """Hari WFO / Hari WFH count those cells; Hari Cuti/DL (if there) the CUTI and DL cells."""
    totals = roster.totals
    if totals.shape[1] != len(roster.total_headers):
        return
    wfo = (roster.cells == WFO).sum(axis=1)
    wfh = (roster.cells == WFH).sum(axis=1)
    away = np.isin(roster.cells, (LEAVE, TRAVEL)).sum(axis=1) if roster.cells.size \
        else np.zeros(len(totals), dtype=np.int64)
    expected_by_label = {TOTAL_HEADERS[0]: wfo, TOTAL_HEADERS[1]: wfh, AWAY_HEADER: away}
    if AWAY_HEADER not in roster.total_headers and away.any():
        k = int(np.flatnonzero(away)[0])
        rep.add("sheet", f"{ROSTER_SHEET} has CUTI/DL cells ({int(away.sum())}, first at Excel "
                         f"row {roster.frame['row'].iat[k]}) but no {AWAY_HEADER!r} column")
    for k in range(len(totals)):
        for col, label in enumerate(roster.total_headers):
            expected = expected_by_label[label][k]
            value = totals[k, col]
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = math.nan
            if number != expected:
                rep.add("totals", f"Excel row {roster.frame['row'].iat[k]} (NIP "
                                  f"{roster.frame['NIP'].iat[k]}): {label} is {value!r}, "
                                  f"the day cells give {expected}")


def _check_identity(rep: Report, roster: RosterSheet, people: People,
                    position: dict[str, int]) -> None:
    f = people.frame
    columns = (("Nama", "name"), ("Unit Kerja", "unit"), ("Sub Unit", "sub_unit"),
               ("Jabatan", "position"))
    for k, nip in enumerate(roster.frame["NIP"]):
        i = position.get(nip)
        if i is None:
            continue
        wrong = [f"{out}={roster.frame[out].iat[k]!r} (input {f[col].iat[i]!r})"
                 for out, col in columns
                 if roster.frame[out].iat[k] != str(f[col].iat[i]).strip()]
        if wrong:
            rep.add("identity", f"NIP {nip}: " + "; ".join(wrong))


# ----------------------------- leave and travel ----------------------------- #


def _check_absence(rep: Report, st: _State) -> None:
    """CUTI exactly on leave days, DL exactly on travel days (leave wins), WFO/WFH elsewhere.

    Absence wins over every pin, so this holds for fixed staff too. One violation per
    employee, listing the wrong days; cells already reported under [cells] are skipped.
    """
    written = st.cells
    valid = written != ""
    wanted = np.full(st.away.shape, "", dtype=object)
    for code, text in AWAY_CODES.items():
        wanted[st.away == code] = text
    on_leave_or_travel = st.away > 0
    wrong = valid & np.where(on_leave_or_travel, written != wanted,
                             np.isin(written, (LEAVE, TRAVEL)))
    rep.checked["absence_days"] = int(on_leave_or_travel.sum())
    for i in np.flatnonzero(wrong.any(axis=1)).tolist():
        parts = []
        for j in np.flatnonzero(wrong[i]).tolist():
            expected = wanted[i, j] or f"{WFO}/{WFH}"
            why = {LEAVE: "leave (Cuti)", TRAVEL: "official travel (Dinas Luar)"}.get(
                wanted[i, j], "neither leave nor travel in the input")
            parts.append(f"{st.days[j].isoformat()} is {written[i, j]!r}, expected "
                         f"{expected} ({why})")
        rep.add("absence", f"{_who(st.people, i)}: " + "; ".join(parts[:6])
                + (f" (+{len(parts) - 6} more)" if len(parts) > 6 else ""))
        st.mark(np.array([i]), wrong[i])


# ----------------------------- fixed employees ----------------------------- #


def _fixes(scenario: ScenarioSpec, people: People) -> tuple[list[list[tuple[str, str]]],
                                                           list[list[tuple[str, str]]]]:
    """Per employee, the (kind, rule name) reasons fixing them in office / at home."""
    f = people.frame
    n = len(f)
    in_office: list[list[tuple[str, str]]] = [[] for _ in range(n)]
    at_home: list[list[tuple[str, str]]] = [[] for _ in range(n)]
    for i in np.flatnonzero(f["must_wfo"].to_numpy(dtype=bool)).tolist():
        in_office[i].append(("wajib_wfo", "Wajib WFO (input)"))
    for i in np.flatnonzero(f["must_wfh"].to_numpy(dtype=bool)).tolist():
        at_home[i].append(("wajib_wfh", "Wajib WFH (input)"))
    for rule in scenario.rules:
        if rule.kind in ("exempt_units", "always_in_office", "always_at_home"):
            target = at_home if rule.kind == "always_at_home" else in_office
            for i in np.flatnonzero(select(rule.who, people)).tolist():
                target[i].append((rule.kind, rule.name))
        elif rule.kind == "top_levels":
            for i in _top_levels(rule, people):
                in_office[i].append((rule.kind, rule.name))
    # A personal Wajib WFO/WFH flag is the most specific instruction: it overrides the
    # scenario's pinning rules (README, "Modelling choices").
    for i in np.flatnonzero(f["must_wfh"].to_numpy(dtype=bool)).tolist():
        in_office[i] = [r for r in in_office[i] if r[0] == "wajib_wfo"]
    for i in np.flatnonzero(f["must_wfo"].to_numpy(dtype=bool)).tolist():
        at_home[i] = [r for r in at_home[i] if r[0] == "wajib_wfh"]
    return in_office, at_home


def _top_levels(rule: RuleSpec, people: People) -> list[int]:
    """Per scope, the selected holders of the N highest eselon majors present there."""
    assert rule.levels is not None
    f = people.frame
    chosen = select(rule.who, people) & (f["level"].to_numpy() > 0)
    codes, _ = scope_codes(rule, people)
    levels = f["level"].to_numpy()
    picked: list[int] = []
    by_scope: dict[int, list[int]] = defaultdict(list)
    for i in np.flatnonzero(chosen):
        by_scope[int(codes[i])].append(int(i))
    for members in by_scope.values():
        top = sorted({int(levels[i]) for i in members})[: rule.levels]
        picked.extend(i for i in members if levels[i] in top)
    return sorted(picked)


def _check_fixed(rep: Report, st: _State, scenario: ScenarioSpec) -> None:
    in_office, at_home = _fixes(scenario, st.people)
    n = len(st.people)
    st.fixed_wfo = np.fromiter((bool(r) for r in in_office), dtype=bool, count=n)
    st.fixed_wfh = np.fromiter((bool(r) for r in at_home), dtype=bool, count=n)
    st.exempt = np.zeros(n, dtype=bool)
    for rule in scenario.rules:
        if rule.kind == "exempt_units":
            st.exempt |= select(rule.who, st.people)
    rep.checked["fixed_in_office"] = int(st.fixed_wfo.sum())
    rep.checked["fixed_at_home"] = int(st.fixed_wfh.sum())
    for i in np.flatnonzero(st.fixed_wfo & st.fixed_wfh).tolist():
        rep.add("conflict", f"{_who(st.people, i)} is fixed in office by "
                            f"{_names(in_office[i])} and at home by {_names(at_home[i])}; "
                            "the roster should not exist (policy infeasible)")
        st.hard_bad[st.unit_codes[i], :] = True
    for fixed, reasons, cells, word in ((st.fixed_wfo & ~st.fixed_wfh, in_office, st.office,
                                         "in office"),
                                        (st.fixed_wfh & ~st.fixed_wfo, at_home, st.home,
                                         "at home")):
        # Only valid cells of listed staff: a missing row or a bad code is reported once,
        # under [coverage] or [cells].
        # Leave and travel win over pins: those days are judged under [absence].
        wrong = fixed[:, None] & ~cells & (st.office | st.home) & st.at_work
        for i in np.flatnonzero(wrong.any(axis=1)).tolist():
            bad_days = [st.days[j] for j in np.flatnonzero(wrong[i])]
            rep.add(reasons[i][0][0], f"{_who(st.people, i)} must be {word} every working day "
                                      f"({_names(reasons[i])}) but is not on "
                                      f"{_fmt_days(bad_days)}")
            st.mark(np.array([i]), wrong[i])


def _names(reasons: list[tuple[str, str]]) -> str:
    return "; ".join(f"'{name}' ({kind})" for kind, name in reasons)


# ------------------------------ count rules ------------------------------- #


@dataclass
class _Scopes:
    """One count rule split into scopes: members, sizes and per-day counts.

    "Present" means neither on leave nor on official travel that day (from the input).
    `fixed_wfo` counts staff fixed in office only (not also at home); `fixed_wfh` staff
    fixed at home (conflicts included, as they cannot be asked to come in).
    """

    keys: list[tuple[str, str]]
    members: list[npt.NDArray[np.intp]]
    n: npt.NDArray[np.int64]  # all selected, present or not
    fixed_wfo: npt.NDArray[np.int64]
    fixed_wfh: npt.NDArray[np.int64]
    present: npt.NDArray[np.int64]  # scopes x days
    fixed_wfo_present: npt.NDArray[np.int64]  # scopes x days
    fixed_wfh_present: npt.NDArray[np.int64]  # scopes x days
    office: npt.NDArray[np.int64]  # scopes x days
    home: npt.NDArray[np.int64]


def _scopes(rule: RuleSpec, st: _State) -> _Scopes:
    """Office shares leave out the staff of exempt units, from base and count (README)."""
    mask = select(rule.who, st.people)
    if rule.kind in ("min_office_share", "max_office_share") and len(st.exempt):
        mask &= ~st.exempt
    codes, keys = scope_codes(rule, st.people)
    idx = np.flatnonzero(mask)
    used = np.unique(codes[idx])
    order = idx[np.argsort(codes[idx], kind="stable")]
    bounds = np.searchsorted(codes[order], used, side="left").tolist() + [len(order)]
    members = [order[bounds[k]:bounds[k + 1]] for k in range(len(used))]
    scope_of = np.repeat(np.arange(len(used), dtype=np.intp), np.diff(bounds))
    d = len(st.days)

    def per_day(matrix: Mask) -> npt.NDArray[np.int64]:
        out = np.zeros((len(used), d), dtype=np.int64)
        np.add.at(out, scope_of, matrix[order].astype(np.int64))
        return out

    def total(vector: Mask) -> npt.NDArray[np.int64]:
        return np.bincount(scope_of, weights=vector[order],
                           minlength=len(used)).astype(np.int64)

    in_office = st.fixed_wfo & ~st.fixed_wfh
    at_work = st.at_work
    return _Scopes(
        keys=[keys[c] for c in used],
        members=members,
        n=np.array([len(m) for m in members], dtype=np.int64),
        fixed_wfo=total(in_office),
        fixed_wfh=total(st.fixed_wfh),
        present=per_day(at_work),
        fixed_wfo_present=per_day(in_office[:, None] & at_work),
        fixed_wfh_present=per_day(st.fixed_wfh[:, None] & at_work),
        office=per_day(st.office),
        home=per_day(st.home),
    )


def _required(rule: RuleSpec, sc: _Scopes) -> tuple[npt.NDArray[np.int64],
                                                    npt.NDArray[np.int64],
                                                    npt.NDArray[np.int64]]:
    """(daily minimum: scopes x days, minimum over the period, uncapped minimum) of a rule.

    Principle 4: a minimum larger than the staff available becomes "all of them": over the
    period, all selected who are not fixed at home; on a day, all of those who are also
    neither on leave nor on travel.
    """
    if rule.kind == "min_present":
        assert rule.count is not None
        wanted = np.full(len(sc.n), rule.count, dtype=np.int64)
    else:
        assert rule.share is not None
        wanted = np.array([math.ceil(rule.share * int(n)) for n in sc.n], dtype=np.int64)
    period = np.minimum(wanted, sc.n - sc.fixed_wfh)
    daily = np.minimum(wanted[:, None], sc.present - sc.fixed_wfh_present)
    return daily, period, wanted


def _away_note(sc: _Scopes, k: int, j: int) -> str:
    away = int(sc.n[k] - sc.present[k, j])
    return f" ({away} on leave/travel)" if away else ""


def _cap(rule: RuleSpec, sc: _Scopes) -> npt.NDArray[np.int64]:
    """scopes x days: a max_office_share's limit. Where the staff pinned in office by other
    rules exceed the cap, only they come in: the limit is those of them present that day
    (a pinned person's leave frees no seat for anyone else)."""
    assert rule.share is not None
    cap = np.array([math.floor(rule.share * int(n)) for n in sc.n], dtype=np.int64)
    return np.where((sc.fixed_wfo > cap)[:, None], sc.fixed_wfo_present, cap[:, None])


def _check_counts(rep: Report, st: _State, scenario: ScenarioSpec) -> None:
    expected_warnings: dict[str, set[date]] = {}
    others = [r for r in scenario.rules if r.kind in MINIMUMS + ("max_office_share",)]
    for rule in scenario.rules:
        if rule.kind not in COUNT_KINDS:
            continue
        sc = _scopes(rule, st)
        rep.checked[f"{rule.kind}_scope_days"] += len(sc.keys) * len(st.days)
        if rule.kind in MINIMUMS:
            need, period, wanted = _required(rule, sc)
            for k in np.flatnonzero(wanted > period):
                if sc.keys[k][0]:
                    expected_warnings.setdefault(sc.keys[k][0], set())
            # Leave/travel leaves fewer than the period's minimum: the warning names the days.
            for k, j in zip(*np.nonzero(need < period[:, None]), strict=True):
                if sc.keys[k][0]:
                    expected_warnings.setdefault(sc.keys[k][0], set()).add(st.days[j])
            bad = sc.office < need
            limit = need
            relation = "at least"
        elif rule.kind == "max_office_share":
            assert rule.share is not None
            limit = _cap(rule, sc)
            bad = sc.office > limit
            relation = "at most"
        else:
            if others:
                rep.notes.append(f"wfh_share_target '{rule.name}': the scenario also has count "
                                 "rules, so the exact daily target is not checked")
                continue
            assert rule.share is not None
            target = np.array([round_half_up(rule.share * int(n)) for n in sc.n],
                              dtype=np.int64)
            limit = np.minimum(np.maximum(target[:, None], sc.fixed_wfh_present),
                               sc.present - sc.fixed_wfo_present)
            bad = sc.home != limit
            for k, j in zip(*np.nonzero(bad), strict=True):
                rep.add(rule.kind, f"'{rule.name}' in {where(sc.keys[k])} on "
                                   f"{st.days[j].isoformat()}: {sc.home[k, j]} of {sc.n[k]} "
                                   f"selected at home{_away_note(sc, k, j)}, expected "
                                   f"{limit[k, j]} (target {target[k]}, "
                                   f"{sc.fixed_wfo_present[k, j]} fixed in office, "
                                   f"{sc.fixed_wfh_present[k, j]} fixed at home)")
                st.mark(sc.members[k], np.arange(len(st.days)) == j)
            continue
        for k, j in zip(*np.nonzero(bad), strict=True):
            rep.add(rule.kind, f"'{rule.name}' in {where(sc.keys[k])} on "
                               f"{st.days[j].isoformat()}: {sc.office[k, j]} of {sc.n[k]} "
                               f"selected in office{_away_note(sc, k, j)}, needs {relation} "
                               f"{limit[k, j]}")
            st.mark(sc.members[k], np.arange(len(st.days)) == j)
    rep.warnings_expected = list(expected_warnings)
    rep.warning_days = {unit: sorted(days) for unit, days in expected_warnings.items() if days}


def _check_warnings(rep: Report, summary: list[tuple[str, str]] | None) -> None:
    if not rep.warnings_expected or summary is None:
        return
    texts = [v for k, v in summary if k.casefold().startswith(WARNING_KEYS)]
    if not texts:
        texts = [f"{k} {v}" for k, v in summary]
    folded = [t.casefold() for t in texts]
    for unit in rep.warnings_expected:
        naming = [t for t in folded if unit.casefold() in t]
        if not naming:
            rep.add("warning", f"{SUMMARY_SHEET} has no warning naming {unit!r}, whose "
                               "minimum had to be capped to the staff available")
            continue
        missing = [day for day in rep.warning_days.get(unit, ())
                   if not any(f"{day:%d/%m}" in t for t in naming)]
        if missing:
            rep.add("warning", f"{SUMMARY_SHEET} names {unit!r} but not the day(s) "
                               f"{', '.join(f'{day:%d/%m}' for day in missing)} when leave or "
                               "travel leaves fewer staff present than a minimum asks")


# ---------------------------- per-person rules ---------------------------- #


def earlier_cells(paths: Sequence[str | Path]) -> dict[str, dict[date, str]]:
    """NIP (digits) → date → code of every filled day cell of the earlier rosters (our
    workbook's `Jadwal` sheet or our long CSV); a later file wins a clash."""
    cells: dict[str, dict[date, str]] = defaultdict(dict)
    for path in map(Path, paths):
        if path.suffix.lower() == ".csv":
            lines = path.read_text(encoding="utf-8-sig").splitlines()
            head = [h.strip().casefold() for h in lines[0].split(";")]
            nip, when, status = head.index("nip"), head.index("tanggal"), head.index("status")
            for line in lines[1:]:
                row = line.split(";")
                day = _as_day(row[when].strip()) if len(row) == len(head) else None
                if day is not None and row[status].strip():
                    cells[re.sub(r"\D", "", row[nip])][day] = row[status].strip().upper()
            continue
        book = CalamineWorkbook.from_path(str(path))
        name = ROSTER_SHEET if ROSTER_SHEET in book.sheet_names else book.sheet_names[0]
        rows = book.get_sheet_by_name(name).to_python()
        top = next(k for k, r in enumerate(rows[:30]) if any(_text(c) == "NIP" for c in r))
        nip = [_text(c) for c in rows[top]].index("NIP")
        days = {j: d for j, c in enumerate(rows[top]) if (d := _as_day(c)) is not None}
        for r in rows[top + 1:]:
            key = re.sub(r"\D", "", _text(r[nip]))
            for j, day in days.items():
                if key and _text(r[j]):
                    cells[key][day] = _text(r[j]).upper()
    return cells


def _before(start: date, workweek: str, known: set[date]) -> list[date]:
    """The working days just before `start` (a month back at most) that the earlier
    rosters fill without a gap, oldest first."""
    days = expected_working_days(start - timedelta(days=31), start - timedelta(days=1),
                                 workweek)
    lead: list[date] = []
    for day in reversed(days):
        if day not in known:
            break
        lead.insert(0, day)
    return lead


def _check_person_rules(rep: Report, st: _State, scenario: ScenarioSpec,
                        previous: Sequence[str | Path]) -> None:
    """Each free person a per-person rule selects: office days per calendar week (the
    earlier roster's office days of a week that began there count) or per period, a
    minimum asking no more than the days at work; no run of more than `days` working days
    in a row all WFH (or all WFO), leave and travel breaking a run, a run that ended the
    earlier roster going on."""
    rules = [r for r in scenario.rules if r.kind in PERSON_KINDS]
    if not rules or not st.days:
        return
    earlier = earlier_cells(previous) if previous else {}
    known = {day for row in earlier.values() for day in row}
    lead = _before(st.days[0], scenario.workweek, known) if earlier else []
    free = ~st.fixed_wfo & ~st.fixed_wfh & st.listed
    nips = [re.sub(r"\D", "", str(n)) for n in st.people.frame["nip"]]
    weeks: dict[tuple[int, int], list[int]] = defaultdict(list)
    for j, day in enumerate(st.days):
        weeks[tuple(day.isocalendar())[:2]].append(j)
    checked = 0
    for rule in rules:
        assert rule.days is not None
        for i in np.flatnonzero(select(rule.who, st.people) & free).tolist():
            checked += 1
            mine = earlier.get(nips[i], {})
            before = [mine.get(day, "") for day in lead]
            if rule.kind in ("min_office_days", "max_office_days"):
                spans = list(weeks.items()) if rule.per == "week" else [((0, 0), list(
                    range(len(st.days))))]
                for week, span in spans:
                    done = sum(1 for day, code in zip(lead, before, strict=True)
                               if rule.per == "week" and code == WFO
                               and tuple(day.isocalendar())[:2] == week)
                    office = int(st.office[i, span].sum())
                    at_work = int(st.at_work[i, span].sum())
                    low = max(0, min(rule.days - done, at_work))
                    high = max(0, rule.days - done)
                    first, last = st.days[span[0]], st.days[span[-1]]
                    if rule.kind == "min_office_days" and office < low:
                        rep.add(rule.kind, f"{_who(st.people, i)}: {office} office days "
                                           f"{first}–{last}, '{rule.name}' asks {low}")
                    if rule.kind == "max_office_days" and office > high:
                        rep.add(rule.kind, f"{_who(st.people, i)}: {office} office days "
                                           f"{first}–{last}, '{rule.name}' allows {high}")
                continue
            code = WFH if rule.kind == "max_consecutive_wfh" else WFO
            cells = before + [str(c) for c in st.cells[i]]
            run = longest = 0
            for c in cells:
                run = run + 1 if c == code else 0
                longest = max(longest, run)
            if longest > rule.days:
                rep.add(rule.kind, f"{_who(st.people, i)}: {longest} working days in a row "
                                   f"{code} (with the earlier roster's last days), "
                                   f"'{rule.name}' allows {rule.days}")
    rep.checked["person_rules"] = checked


# ------------------------------- optimality ------------------------------- #


def _unit_days(st: _State, matrix: Mask) -> npt.NDArray[np.int64]:
    """units x days: how many of each unit's employees the employees x days mask holds."""
    out = np.zeros((len(st.units), len(st.days)), dtype=np.int64)
    np.add.at(out, st.unit_codes, matrix.astype(np.int64))
    return out


def _check_most_in_office(rep: Report, st: _State, scenario: ScenarioSpec) -> None:
    """max_wfo: per unit and day, in office == the cap (or everyone present not pinned home)."""
    n_units = len(st.units)
    unit_sizes = np.bincount(st.unit_codes, minlength=n_units)
    most = _unit_days(st, ~(st.fixed_wfh & ~st.fixed_wfo)[:, None] & st.at_work)
    skip: dict[int, str] = {}
    for rule in scenario.rules:
        if rule.kind in ("min_present", "min_office_share", "wfh_share_target"):
            rep.notes.append(f"max_wfo optimality not checked: rule '{rule.name}'")
            return
        if rule.kind != "max_office_share":
            continue
        assert rule.share is not None
        sc = _scopes(rule, st)
        for k, members in enumerate(sc.members):
            u = int(st.unit_codes[members[0]])
            if rule.per != "unit" or len(members) != unit_sizes[u]:
                skip[u] = f"'{rule.name}' caps part of the unit"
                continue
            most[u] = np.minimum(most[u], _cap(rule, sc)[k])
    office = _unit_days(st, st.office)
    judged = np.ones(n_units, dtype=bool)
    judged[list(skip)] = False
    judged_days = judged[:, None] & ~st.hard_bad
    rep.checked["optimality_unit_days"] = int(judged_days.sum())
    for u, j in zip(*np.nonzero(judged_days & (office < most)), strict=True):
        rep.add("optimality", f"{st.units[u]} on {st.days[j].isoformat()}: {office[u, j]} in "
                              f"office but the rules allow {most[u, j]} (intent max_wfo)")


def _check_optimality(rep: Report, st: _State, scenario: ScenarioSpec) -> None:
    """max_wfh: per unit and day, in office == the least the rules allow (closed form).

    The least is, per day: the unit's present fixed-in-office staff, plus for each minimum
    rule (that day's, capped by who is present) what its present fixed staff leave open;
    and at least a unit-wide share minimum of that day.
    """
    if scenario.intent == "max_wfo":
        _check_most_in_office(rep, st, scenario)
        return
    if scenario.intent != "max_wfh":
        return  # wfh_target: the daily target itself is checked in _check_counts
    if any(r.kind == "wfh_share_target" for r in scenario.rules):
        rep.notes.append("optimality not checked: max_wfh with a wfh_share_target rule")
        return
    if any(r.kind in PERSON_KINDS for r in scenario.rules):
        rep.notes.append("optimality not checked: per-person rules have no closed form")
        return
    if any(r.kind in MINIMUMS and r.per == "organisation" for r in scenario.rules):
        rep.notes.append("optimality not checked: a minimum over the whole organisation")
        return
    n_units = len(st.units)
    fixed_in = st.fixed_wfo & ~st.fixed_wfh
    floor_ = _unit_days(st, fixed_in[:, None] & st.at_work)
    share_floor = np.zeros_like(floor_)
    skip: dict[int, str] = {}
    covered = np.zeros(len(st.people), dtype=np.int64)  # min_present rules selecting each
    unit_sizes = np.bincount(st.unit_codes, minlength=n_units)
    for rule in scenario.rules:
        if rule.kind not in MINIMUMS:
            continue
        sc = _scopes(rule, st)
        need, _, _ = _required(rule, sc)
        for k, members in enumerate(sc.members):
            u = int(st.unit_codes[members[0]])
            if rule.kind == "min_present":
                covered[members] += 1
                floor_[u] += np.maximum(0, need[k] - sc.fixed_wfo_present[k])
            elif rule.per != "unit" or len(members) != unit_sizes[u]:
                skip[u] = f"'{rule.name}' is a share of part of the unit"
            else:
                share_floor[u] = np.maximum(share_floor[u], need[k])
    for i in np.flatnonzero(covered > 1):
        skip.setdefault(int(st.unit_codes[i]), "minimum rules select overlapping staff")
    for i in np.flatnonzero(st.fixed_wfo & st.fixed_wfh):
        skip.setdefault(int(st.unit_codes[i]), "conflicting fixed staff")
    minimum = np.maximum(floor_, share_floor)
    office = _unit_days(st, st.office)
    for u, why in sorted(skip.items()):
        rep.notes.append(f"optimality not checked for {st.units[u]}: {why}")
    checked = np.ones(n_units, dtype=bool)
    checked[list(skip)] = False
    judged = checked[:, None] & ~st.hard_bad
    rep.checked["optimality_unit_days"] = int(judged.sum())
    for u, j in zip(*np.nonzero(judged & (office != minimum)), strict=True):
        if office[u, j] > minimum[u, j]:
            rep.add("optimality", f"{st.units[u]} on {st.days[j].isoformat()}: "
                                  f"{office[u, j]} in office but the rules need only "
                                  f"{minimum[u, j]} (intent max_wfh)")
        else:
            rep.add("optimality", f"{st.units[u]} on {st.days[j].isoformat()}: "
                                  f"{office[u, j]} in office, below the computed minimum "
                                  f"{minimum[u, j]} although no hard rule is reported broken "
                                  "(checker inconsistency)")


# -------------------------------- fairness -------------------------------- #


def _check_fairness(rep: Report, st: _State) -> None:
    """Free staff of one unit, sub-unit, category, vulnerability and the same absence days
    (leave or travel on the same working days): WFH days differ ≤ 1."""
    free = ~st.fixed_wfo & ~st.fixed_wfh & st.listed
    f = st.people.frame
    away_days = [" ".join(f"{st.days[j]:%d/%m}" for j in np.flatnonzero(row))
                 for row in st.away > 0]
    frame = pd.DataFrame({
        "unit": f["unit"], "sub_unit": f["sub_unit"], "category": f["category"],
        "vulnerable": f["vulnerable"], "away": away_days, "history": st.history,
        "wfh": st.home.sum(axis=1),
    })[free]
    grouped = frame.groupby(["unit", "sub_unit", "category", "vulnerable", "away", "history"],
                            sort=True)["wfh"]
    spread = grouped.agg(["min", "max", "idxmin", "idxmax", "size"])
    rep.checked["fairness_groups"] = len(spread)
    for key, row in spread[spread["max"] - spread["min"] > 1].iterrows():
        unit, sub_unit, category, vulnerable, away, history = cast(
            tuple[str, str, str, bool, str, int], key)
        tag = "vulnerable" if vulnerable else "not vulnerable"
        if history:
            tag += f", {history} earlier WFH days"
        if away:
            tag += f", away on {away}"
        rep.add("fairness", f"{unit} / {sub_unit}, {category}, {tag}: WFH days range from "
                            f"{row['min']} (NIP {f['nip'].iat[row['idxmin']]}) to {row['max']} "
                            f"(NIP {f['nip'].iat[row['idxmax']]}) among {row['size']} free "
                            "staff")


def _reported_level(summary: list[tuple[str, str]], name: str) -> int | None:
    """The objective `Ringkasan` reports for a level ("Tingkat 3: nama" = "fairness", then
    "Tingkat 3: nilai objektif"), or None when the sheet does not say."""
    keys = [k for k, v in summary if v == name and k.casefold().endswith((": nama", ": name"))]
    if not keys:
        return None
    prefix = keys[0].rsplit(":", 1)[0]
    for k, v in summary:
        if k.casefold() in (f"{prefix}: nilai objektif".casefold(),
                            f"{prefix}: objective".casefold()):
            try:
                return int(float(v))
            except ValueError:
                return None
    return None


def _check_fairness_level(rep: Report, st: _State,
                          summary: list[tuple[str, str]] | None) -> None:
    """The reported fairness level is the README's one definition: per unit, the spread
    (max − min) of WFH days among free staff, a WFH day being a day the person is present
    (not on leave or travel) and works from home; summed over units. Proven optimal, the
    report must equal the roster's value; otherwise it may only overstate it."""
    if summary is None:
        return
    reported = _reported_level(summary, "fairness")
    if reported is None:
        rep.notes.append("fairness level not checked: not found in Ringkasan")
        return
    free = ~st.fixed_wfo & ~st.fixed_wfh & st.listed
    wfh = (st.home & st.at_work).sum(axis=1) + st.history  # over the whole history
    spread = 0
    for u in range(len(st.units)):
        members = free & (st.unit_codes == u)
        if members.any():
            spread += int(wfh[members].max() - wfh[members].min())
    rep.checked["fairness_level"] = spread
    if reported < spread or (rep.status == "OPTIMAL" and reported != spread):
        rep.add("fairness_level", f"{SUMMARY_SHEET} reports the fairness level as {reported}, "
                                  "but the roster's per-unit spread of WFH days among free "
                                  f"staff sums to {spread}")


# --------------------------------------------------------------------------- #
# Helpers that write tiny files for tests
# --------------------------------------------------------------------------- #

INPUT_COLUMNS = ("NIP", "Nama", "Unit Kerja", "Sub Unit", "Jabatan", "Eselon", "Jenis Jabatan",
                 "Status", "Tanggal Lahir", "Komorbid", "Hamil/Menyusui", "Wajib WFO",
                 "Wajib WFH")
ABSENCE_COLUMNS = ("Cuti", "Dinas Luar")  # written only when someone has such dates


def make_nip(birth: date, seq: int, sex: int = 1, start_year: int | None = None) -> str:
    """A well-formed 18-digit NIP written with spaces: `19650312 199003 1 005`."""
    start_year = start_year or birth.year + 25
    return f"{birth:%Y%m%d} {start_year}03 {sex} {seq:03d}"


def person(seq: int, unit: str, sub_unit: str, position: str, *, eselon: str = "-",
           kind: str = "Pelaksana", status: str = "PNS", birth: date = date(1985, 6, 15),
           comorbid: bool = False, pregnant: bool = False, must_wfo: bool = False,
           must_wfh: bool = False, name: str | None = None, leave: Sequence[date] = (),
           travel: Sequence[date] = ()) -> dict[str, Any]:
    """One input row with the standard Indonesian headers.

    `leave` / `travel` become the `Cuti` / `Dinas Luar` cells: dd/mm/yyyy dates joined by
    ", " (empty when none).
    """
    yes = {True: "Ya", False: "Tidak"}

    def dates(days: Sequence[date]) -> str:
        return ", ".join(day.strftime("%d/%m/%Y") for day in days)

    return {
        "NIP": make_nip(birth, seq), "Nama": name or f"Pegawai {seq:03d}", "Unit Kerja": unit,
        "Sub Unit": sub_unit, "Jabatan": position, "Eselon": eselon, "Jenis Jabatan": kind,
        "Status": status, "Tanggal Lahir": birth.strftime("%d/%m/%Y"),
        "Komorbid": yes[comorbid], "Hamil/Menyusui": yes[pregnant],
        "Wajib WFO": yes[must_wfo], "Wajib WFH": yes[must_wfh],
        "Cuti": dates(leave), "Dinas Luar": dates(travel),
    }


def write_input(path: Path, people: Sequence[Mapping[str, Any]]) -> Path:
    """An employee workbook (sheet `Pegawai`) with every value written as text.

    The `Cuti` and `Dinas Luar` columns are added when some row has leave or travel dates.
    """
    import openpyxl

    columns = list(INPUT_COLUMNS)
    columns += [c for c in ABSENCE_COLUMNS if any(row.get(c) for row in people)]
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Pegawai"
    ws.append(columns)
    for row in people:
        ws.append([str(row.get(c, "")) for c in columns])
    wb.save(path)
    return path


def write_scenario(path: Path, rules: Sequence[Mapping[str, Any]], *,
                   start: date = date(2020, 3, 23), end: date = date(2020, 3, 24),
                   workweek: str = "mon-fri", intent: str = "max_wfh",
                   name: str = "uji") -> Path:
    """A scenario TOML file: header keys plus `[[rules]]` tables (no nested arrays of tables)."""

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int | float):
            return repr(v)
        if isinstance(v, str):
            return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if isinstance(v, Mapping):
            return "{ " + ", ".join(f"{k} = {value(x)}" for k, x in v.items()) + " }"
        return "[" + ", ".join(value(x) for x in v) + "]"

    lines = [f"name = {value(name)}", f"title = {value('Uji ' + name)}",
             f"source = {value('tests')}", f"start = {start.isoformat()}",
             f"end = {end.isoformat()}", f"workweek = {value(workweek)}",
             f"intent = {value(intent)}", ""]
    for rule in rules:
        lines.append("[[rules]]")
        lines += [f"{k} = {value(v)}" for k, v in rule.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_roster(path: Path, people: Sequence[Mapping[str, Any]], days: Sequence[date],
                 codes: Mapping[str, str] | Sequence[str], *, status: str = "OPTIMAL",
                 warnings: Sequence[str] = (), away_column: bool | None = None) -> Path:
    """A hand-made output workbook: `Jadwal` (date header cells) and `Ringkasan`.

    `codes` gives each person's day codes as a string like "OHC" (O = WFO, H = WFH,
    C = CUTI, D = DL), in `people` order, or by the person's `Nama`. `away_column`: write
    the `Hari Cuti/DL` total (default: when some cell is CUTI or DL).
    """
    import openpyxl

    letters = {"O": WFO, "H": WFH, "C": LEAVE, "D": TRAVEL}
    rows = [[letters.get(c, c) for c in
             (codes[p["Nama"]] if isinstance(codes, Mapping) else codes[k])]
            for k, p in enumerate(people)]
    if away_column is None:
        away_column = any(c in (LEAVE, TRAVEL) for cells in rows for c in cells)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = ROSTER_SHEET
    ws.append([*FIXED_HEADERS, *days, *TOTAL_HEADERS, *([AWAY_HEADER] if away_column else [])])
    for p, cells in zip(people, rows, strict=True):
        nip = re.sub(r"\s+", "", str(p["NIP"]))
        away = [cells.count(LEAVE) + cells.count(TRAVEL)] if away_column else []
        ws.append([nip, p["Nama"], p["Unit Kerja"], p["Sub Unit"], p["Jabatan"], *cells,
                   cells.count(WFO), cells.count(WFH), *away])
    summary = wb.create_sheet(SUMMARY_SHEET)
    summary.append(["Butir", "Nilai"])
    summary.append(["Status solver", status])
    for w in warnings or ["(tidak ada)"]:
        summary.append(["Peringatan", w])
    wb.save(path)
    return path
