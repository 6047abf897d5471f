"""Grids to one validated staff table: header found, columns mapped, values checked.

Every problem is collected with its Excel row and column and raised once
(pandera's lazy validation), so HR fixes a file in one pass, not one error a run.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from wfh_solver.base.messages import t
from wfh_solver.read.columnar import FIELDS, CleanRows, clean_rows
from wfh_solver.read.columns import (
    COLUMN_ALIASES,
    DISPLAY,
    NAME_NIP_KEYS,
    REQUIRED,
    header_key,
    match_ranked,
    nearest_columns,
)
from wfh_solver.read.dates import DateScope
from wfh_solver.read.errors import InputError, InputProblem, column_letter, file_error
from wfh_solver.read.fields import Collector, record, row_texts
from wfh_solver.read.rows import Kind, RowReader, cell_text, plausible_name, plausible_nip
from wfh_solver.read.sources import Cell, Sheet, load_sheets
from wfh_solver.read.text import marks
from wfh_solver.read.units import UnitNames, unit_names

if TYPE_CHECKING:
    import pandas as pd

HEADER_SCAN_ROWS = 60
MAX_DUPLICATE_GROUPS = 50  # NIP groups listed one line each; the rest counted in one line
MAX_PLACES = 10  # rows named per duplicated NIP
_text = cell_text


#: A staff list column by column: `row` and each of `FIELDS`, one value per employee.
Columns = dict[str, Sequence[object]]


@dataclass
class StaffTable:
    """The validated staff list: one row per employee, canonical column names.

    `data` holds the columns `row` (the Excel row) and `nip`, `name`, `unit`, `sub_unit`,
    `position`, `eselon`, `kind`, `status`, `unit_type` (text); `birth_date` (date or
    None); `comorbid`, `pregnant`, `must_wfo`, `must_wfh` (booleans); `leave` and `travel`
    (the days away), with every unit in its official spelling. `frame` is the same table as
    a pandas DataFrame, made when first asked for: a roster is solved without pandas, whose
    import alone costs a third of a second (issue 24).
    """

    file: str
    sheet: str
    data: Columns
    columns: dict[str, str]  # canonical key -> "header (column letter)"
    unit_spellings: dict[str, str] = field(default_factory=dict)  # raw -> canonical
    warnings: list[InputProblem] = field(default_factory=list)
    skipped: list[InputProblem] = field(default_factory=list)  # info: rows not read, and why
    unused: list[str] = field(default_factory=list)  # "header (column letter)" left unread
    # each sheet's columns as read, and the unit names: what `frame` is made of
    sheets: tuple[tuple[str, Columns], ...] = field(default=(), repr=False, compare=False)
    units: UnitNames = field(default_factory=lambda: UnitNames({}, {}, {}), repr=False,
                             compare=False)

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The table as a DataFrame: each sheet's frame, joined, units in their official
        spelling (the steps the reader took with pandas before issue 24, so the dtypes are
        the same)."""
        import pandas as pd

        frames = []
        for name, data in self.sheets:
            part = pd.DataFrame(data, columns=COLUMNS) if len(data["row"]) else \
                pd.DataFrame.from_records([], columns=COLUMNS)
            part["sheet"] = name
            frames.append(part)
        frame = pd.concat(frames, ignore_index=True)
        if not frame.empty:
            frame["unit"] = frame["unit"].map(self.units.unit)
            frame["sub_unit"] = frame["sub_unit"].map(self.units.sub_unit)
        return frame.drop(columns="sheet")


ALL_SHEETS = "*"


def read_staff(path: Path, sheet: str | None = None,
               column_map: dict[str, str] | None = None,
               period: tuple[date, date] | None = None) -> StaffTable:
    """Read, locate the table, validate; raise `InputError` listing every problem.

    `sheet="*"` reads every sheet that holds a staff table (one sheet per OPD is common).
    `period`: Cuti/DL days are kept only within it, each range cut to it before it is
    expanded (README, "Keamanan data"); without it every day named is kept, within the
    file's budget of dates.
    """
    dates = DateScope(*period) if period is not None else DateScope()
    sheets = load_sheets(path)
    if sheet == ALL_SHEETS:
        chosen = _staff_sheets(path, sheets, column_map)
    else:
        chosen = [_choose_sheet(path, sheets, sheet, column_map)]
    parsed = [_parse_sheet(path, s, column_map, dates) for s in chosen]
    data = _joined([p.data for p in parsed])
    problems = [problem for p in parsed for problem in p.problems]
    problems += [note for s in sheets for note in s.notes]  # content the reader left out
    problems += _duplicates(str(path), parsed, {p.sheet: p.nip_column for p in parsed})
    units = unit_names(data["unit"], data["sub_unit"])  # type: ignore[arg-type]
    if units.unit:
        data["unit"] = [units.unit[u] for u in data["unit"]]  # type: ignore[index]
        data["sub_unit"] = [units.sub_unit[u] for u in data["sub_unit"]]  # type: ignore[index]
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return StaffTable(str(path), ", ".join(p.sheet for p in parsed), data,
                      parsed[0].columns, units.spellings,
                      [p for p in problems if p.severity == "warning"],
                      [p for p in problems if p.severity == "info"], parsed[0].unused,
                      tuple((p.sheet, p.data) for p in parsed), units)


def _joined(parts: list[Columns]) -> Columns:
    """The sheets' columns one after the other (one sheet's as they are, not copied)."""
    if len(parts) == 1:
        return dict(parts[0])
    return {key: [value for part in parts for value in part[key]] for key in COLUMNS}


def _staff_sheets(path: Path, sheets: list[Sheet],
                  column_map: dict[str, str] | None) -> list[Sheet]:
    extra = _extra_lookup(column_map)
    found = [s for s in sheets if _has_required(_best_header(s, extra)[2])]
    if not found:
        return [_choose_sheet(path, sheets, None, column_map)]  # its error names what lacks
    return found


def _has_required(columns: dict[int, str]) -> bool:
    keys = set(columns.values())
    if "name_nip" in keys:
        keys |= {"nip", "name"}
    return all(k in keys for k in REQUIRED)


def _extra_lookup(column_map: dict[str, str] | None) -> dict[str, str]:
    return {header_key(k): v for k, v in (column_map or {}).items()}


def _choose_sheet(path: Path, sheets: list[Sheet], wanted: str | None,
                  column_map: dict[str, str] | None) -> Sheet:
    if not sheets:
        raise file_error(str(path), t("no_sheets"))
    if not any(_text(cell) for s in sheets for row in s.rows for cell in row):
        raise file_error(str(path), t("no_cells"), t("hint_save_xlsx"))
    if wanted is not None:
        for candidate in sheets:
            if candidate.name == wanted or candidate.name.strip().lower() == wanted.lower():
                return candidate
        raise file_error(str(path), t("no_sheet_named", name=wanted),
                         t("hint_sheets", names=", ".join(s.name for s in sheets)))
    extra = _extra_lookup(column_map)
    scored = [(_best_header(s, extra)[1], s.visible, -i, s) for i, s in enumerate(sheets)]
    scored.sort(key=lambda t: (t[0], t[1], t[2]), reverse=True)
    return scored[0][3]


def _fill_merged(sheet: Sheet) -> bool:
    """Copy a merged range's value into every cell it covers (merged headers, unit blocks).

    Linear in the grid: each range is clipped to the cells that exist, and as valid
    workbooks never overlap ranges, their areas sum to at most the cell count. A hostile
    file with overlapping ranges stops at that budget (False) instead of hanging.
    """
    rows = sheet.rows
    if not sheet.merged:
        return True
    budget = sum(map(len, rows)) + len(sheet.merged)
    for r0, c0, r1, c1 in sheet.merged:
        budget -= 1
        if not 0 <= r0 < len(rows) or c0 < 0 or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        if value in ("", None):
            continue
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            stop = min(c1 + 1, len(row))
            budget -= max(0, stop - c0)
            if budget < 0:
                return False
            for c in range(c0, stop):
                if row[c] in ("", None):
                    row[c] = value
    return True


def _header_cells(row: list[Cell], extra: dict[str, str]) -> dict[int, str]:
    """Column index → canonical key; where several columns fit a key, the best name wins
    (`Unit Kerja` over `Unit`), then the leftmost."""
    best: dict[str, tuple[int, int]] = {}
    for j, cell in enumerate(row):
        if header_key(cell) in NAME_NIP_KEYS:
            best.setdefault("name_nip", (0, j))
            continue
        ranked = match_ranked(cell, extra)
        if ranked and (ranked[0] not in best or (ranked[1], j) < best[ranked[0]]):
            best[ranked[0]] = (ranked[1], j)
    return {j: key for key, (_, j) in best.items()}


def _group_columns(row: list[Cell], below: list[Cell]) -> set[int]:
    """Columns under a group title: the same title over two or more neighbours (a merged
    cell, filled) with sub-titles of their own in the row below."""
    texts = [header_key(c) for c in row]
    subs = [header_key(below[j]) if j < len(below) else "" for j in range(len(row))]
    group: set[int] = set()
    for j, text in enumerate(texts):
        if not text or not subs[j] or subs[j] == text:
            continue
        if (j > 0 and texts[j - 1] == text) or (j + 1 < len(texts) and texts[j + 1] == text):
            group.add(j)
    return group


def _best_header(sheet: Sheet, extra: dict[str, str]) -> tuple[int, int, dict[int, str]]:
    """Row index of the header and its mapped columns; tries a two-row header too."""
    best: tuple[int, int, dict[int, str]] = (-1, 0, {})
    best_own = 0
    for i, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        mapped = _header_cells(row, extra)
        own = len(mapped)  # a title merged above a header borrows it all: the header wins
        below_row = sheet.rows[i + 1] if i + 1 < len(sheet.rows) else []
        if not any(plausible_nip(_text(c)) for c in below_row):
            # a two-row header, unless the row below is already staff: a group title over
            # sub-titles (JABATAN over NAMA / ESELON) is read joined ("JABATAN ESELON"),
            # other gaps are filled from the row below
            group = _group_columns(row, below_row)
            if group:
                mapped = _header_cells([c if j not in group else "" for j, c in enumerate(row)],
                                       extra)
                own = len(mapped)
            joined = _header_cells([f"{_text(row[j])} {_text(below_row[j])}" if j in group
                                    else "" for j in range(len(row))], extra)
            for source in (joined, _header_cells(below_row, extra)):
                for j, key in source.items():
                    if j not in mapped and key not in mapped.values():
                        mapped[j] = key
        keys = set(mapped.values())
        required = sum(k in keys for k in REQUIRED) + 2 * ("name_nip" in keys)
        score = required * 10 + len(keys)
        if (score, own) > (best[1], best_own):
            best, best_own = (i, score, mapped), own
    return best


@dataclass
class _Parsed:
    sheet: str
    data: Columns
    problems: list[InputProblem]
    columns: dict[str, str]
    nip_column: str
    unused: list[str]


def _parse_sheet(path: Path, sheet: Sheet, column_map: dict[str, str] | None,
                 dates: DateScope) -> _Parsed:
    filled = _fill_merged(sheet)
    extra = _extra_lookup(column_map)
    header_index, _, columns = _best_header(sheet, extra)
    keys = set(columns.values())
    sections = "unit" not in keys  # DUK printouts: each OPD is a title row above its staff
    missing = [k for k in REQUIRED if k not in keys and not (
        k in ("nip", "name") and "name_nip" in keys) and not (k == "unit" and sections)]
    if header_index < 0 or missing:
        found = [_shown(c) for c in (sheet.rows[header_index] if header_index >= 0 else [])]
        accepted = "; ".join(f"{DISPLAY[k]}: " + ", ".join(COLUMN_ALIASES[k]) for k in missing)
        titles = [title for j, title in enumerate(_column_titles(sheet, header_index))
                  if j not in columns] if header_index >= 0 else []
        raise InputError([InputProblem(
            str(path), sheet.name, header_index + 1 if header_index >= 0 else None, "", "",
            t("missing_columns", missing=", ".join(DISPLAY[k] for k in missing),
              found=", ".join(f for f in found if f) or t("none")),
            _missing_hint(missing, titles) or t("hint_accepted", accepted=accepted))])
    letters = {key: column_letter(j + sheet.first_column) for j, key in columns.items()}
    out = Collector(str(path), sheet.name, letters)
    _name_marks(sheet.rows, header_index, columns, out)
    if not filled:
        out.add(None, "", "", t("merged_overlap"), severity="warning")
    data = _read_rows(sheet, header_index, columns, extra, out, sections, dates)
    if sections:
        letters["unit"] = ""
    if not len(data["row"]):
        out.add(None, "", "", t("no_rows"))
    titles = _column_titles(sheet, header_index)
    mapped = {key: f"{titles[j] if j < len(titles) else ''} ({letters[key]})"
              for j, key in columns.items()}
    unused = [f"{text} ({column_letter(j + sheet.first_column)})"
              for j, text in enumerate(titles) if text and j not in columns]
    nip_column = f"{letters.get('nip', letters.get('name_nip', ''))} ({DISPLAY['nip']})"
    return _Parsed(sheet.name, data, out.problems, mapped, nip_column, unused)


def _missing_hint(missing: list[str], titles: list[str]) -> str:
    """The nearest columns of the file and the `--columns` lines that would use them."""
    lines = []
    for key in missing:
        near = nearest_columns(key, [t_ for t_ in titles if t_])
        if near:
            lines.append(t("hint_map_column", column=DISPLAY[key], near=", ".join(near),
                           line=f'"{near[0]}" = "{key}"'))
    return "; ".join(lines)


def _column_titles(sheet: Sheet, header_index: int) -> list[str]:
    """Each column's title as HR reads it: `JABATAN / ESELON` under a group title."""
    header = sheet.rows[header_index]
    below = sheet.rows[header_index + 1] if header_index + 1 < len(sheet.rows) else []
    group = _group_columns(header, below)
    return [f"{_text(c)} / {_text(below[j])}" if j in group else _text(c)
            for j, c in enumerate(header)]


def _shown(cell: Cell) -> str:
    """A header as the missing-columns message lists it: with the code of each character
    that is not plain ASCII (`Nаma [U+0430]`, a Cyrillic a), which would explain why a
    header that reads right did not match."""
    text = _text(cell)
    odd = list(dict.fromkeys(f"U+{ord(ch):04X}" for ch in text if not ch.isascii()))
    return f"{text} [{', '.join(odd)}]" if odd else text


def _name_marks(rows: list[list[Cell]], header_index: int, columns: dict[int, str],
                out: Collector) -> None:
    """An info line for each mapped header that matched only once invisible or
    compatibility characters were normalised (`Na\u200bma`, `ＮＩＰ`), naming them. A
    column named in the second row of a two-row header is looked up there."""
    header = rows[header_index]
    below = rows[header_index + 1] if header_index + 1 < len(rows) else []
    for j, key in columns.items():
        r, cell = header_index, header[j] if j < len(header) else None
        if not header_key(cell) and j < len(below):
            r, cell = header_index + 1, below[j]
        codes = marks(cell) if isinstance(cell, str) else []
        if codes:
            out.add(r + 1, key, cell, t("header_marks", marks=", ".join(codes)),
                    severity="info")


@dataclass(slots=True)
class _Run:
    """Consecutive clean staff rows `start` ≤ k < `stop` of one `CleanRows`."""

    rows: CleanRows
    start: int
    stop: int
    section: str


def _read_rows(sheet: Sheet, header_index: int, columns: dict[int, str],
               extra: dict[str, str], out: Collector, sections: bool,
               dates: DateScope) -> Columns:
    """Staff records of the rows below the header; every other non-blank row is skipped
    with an info line naming it, or reported as a broken staff row (see `read.rows`).

    Clean staff rows are read a column at a time (`read.columnar`); the rest, in order,
    one at a time, so the reader's state (the footer, the OPD section, a second table's
    columns) moves exactly as it would if every row were read alone.
    """
    rows = sheet.rows
    start = header_index + 1
    reader = RowReader(rows[header_index:start], columns, extra)
    while start < len(rows) and reader.continues_header(rows[start]):
        start += 1  # a second header row or the row of column numbers
    reader = RowReader(rows[header_index:start], columns, extra)
    index = {key: j for j, key in columns.items()}
    for i in range(header_index):  # titles above the header; staff there would be lost
        if RowReader([], columns, extra).kind(rows[i], row_texts(rows[i], index)) is Kind.STAFF:
            out.add(i + 1, "", " | ".join(c for c in map(_text, rows[i]) if c),
                    t("staff_above_header", row=header_index + 1), t("hint_staff_above_header"))
    pieces: list[_Run | dict[str, object]] = []
    section = ""
    clean = clean_rows(rows, start, index, dates)
    run: _Run | None = None
    for i in range(start, len(rows)):
        k = i - clean.first
        if clean.clean[k] and (section or not sections):
            if run is None:
                run = _Run(clean, k, k + 1, section)
                pieces.append(run)
            else:
                run.stop = k + 1
            continue
        if run is not None:  # the row before was staff
            reader.footer, run = False, None
        row = rows[i]
        texts = row_texts(row, index)
        kind = reader.kind(row, texts)
        if kind is Kind.BLANK:
            continue
        if kind is Kind.SECTION:
            title = _section_title(row)
            if title is not None and sections:
                section = title
                continue
            kind = Kind.SECTION if title is not None else Kind.NOTE
        if kind is Kind.TABLE:
            changed = _second_table(row, index, extra, i + 1, out, sheet.first_column)
            if changed is not index:
                index, clean = changed, clean_rows(rows, i + 1, changed, dates)
            continue
        if kind in (Kind.STAFF, Kind.RECORD):
            if sections:
                texts["unit"] = section
            pieces.append(record(row, texts, index, i + 1, out, dates))
            continue
        shown = " | ".join(dict.fromkeys(c for c in map(_text, row) if c))
        out.add(i + 1, "", shown, t(f"skip_{kind.value}"), severity="info")
    return _columns(pieces)


COLUMNS = ("row", *FIELDS)


def _columns(pieces: list[_Run | dict[str, object]]) -> Columns:
    """The staff columns of runs of clean rows and single records, in sheet order."""
    if not pieces:
        return {key: [] for key in COLUMNS}
    only = pieces[0]
    if len(pieces) == 1 and isinstance(only, _Run) and not only.section \
            and only.start == 0 and only.stop == len(only.rows.clean):
        # every row below the header is clean staff: its columns as they are, not copied
        whole: Columns = {"row": range(only.rows.first + 1, only.rows.first + only.stop + 1)}
        whole.update((key, only.rows.fields[key]) for key in FIELDS)
        return whole
    data: dict[str, list[object]] = {key: [] for key in COLUMNS}
    for piece in pieces:
        if isinstance(piece, dict):
            for key in COLUMNS:
                data[key].append(piece[key])
            continue
        first, a, b = piece.rows.first, piece.start, piece.stop
        data["row"].extend(range(first + a + 1, first + b + 1))
        for key in FIELDS:
            data[key].extend(piece.rows.fields[key][a:b])
        if piece.section:
            data["unit"][a - b:] = [piece.section] * (b - a)
    return dict(data)


def _second_table(row: list[Cell], index: dict[str, int], extra: dict[str, str],
                  excel_row: int, out: Collector, first_column: int) -> dict[str, int]:
    """A second header on the sheet: the same columns (in any order) go on as more staff;
    other columns are refused, never rostered as staff."""
    columns = _header_cells(row, extra)
    shown = ", ".join(_text(row[j]) for j in sorted(columns))
    if set(columns.values()) == set(index):
        out.add(excel_row, "", shown, t("second_table_same"), severity="info")
        out.letters.update({k: column_letter(j + first_column) for j, k in columns.items()})
        return {key: j for j, key in columns.items()}
    out.add(excel_row, "", shown, t("second_table_other"), t("hint_second_table"))
    return index


_UNIT_WORDS = re.compile(
    r"^(pemerintah|dinas|badan|kantor|sekretariat|inspektorat|kecamatan|kelurahan|rsud|"
    r"rumah sakit|puskesmas|satuan|satpol|upt|uptd|bagian|bidang|unit kerja|opd|skpd)\b", re.I)


def _section_title(row: list[Cell]) -> str | None:
    """A title row above a block of staff: one text, merged across cells or naming a unit."""
    values = [_text(c) for c in row]
    filled = [v for v in values if v]
    distinct = set(filled)
    if len(distinct) != 1:
        return None
    title = filled[0]
    if re.search(r"\d{6,}", title) or not plausible_name(title) or len(title) < 3:
        return None
    if len(filled) >= 2 or _UNIT_WORDS.match(title):
        return re.sub(r"^(unit kerja|opd|skpd)\s*[:.]\s*", "", title, flags=re.I).strip()
    return None


def _duplicates(file: str, parsed: list[_Parsed],
                nip_columns: dict[str, str]) -> list[InputProblem]:
    """One line per duplicated NIP, naming its first rows (across sheets too) and how many
    there are; past `MAX_DUPLICATE_GROUPS` NIPs, one line counts the rest. Linear in the
    rows, so a file of one NIP repeated 60,000 times reports in one short line."""
    counts = Counter(nip for p in parsed for nip in p.data["nip"] if nip != "")
    duplicated = sorted(nip for nip, count in counts.items() if count > 1)  # type: ignore[type-var]
    if not duplicated:
        return []
    several = len({p.sheet for p in parsed if len(p.data["row"])}) > 1
    places_of: dict[object, list[tuple[str, object]]] = {nip: [] for nip in duplicated}
    for p in parsed:
        for nip, row in zip(p.data["nip"], p.data["row"], strict=True):
            if nip in places_of:
                places_of[nip].append((p.sheet, row))
    problems = []
    for k, nip in enumerate(duplicated):
        if k == MAX_DUPLICATE_GROUPS:
            problems.append(InputProblem(file, "", None, "", "", t(
                "duplicates_more", count=len(duplicated) - k), t("hint_duplicate")))
            break
        found = places_of[nip]
        places = [f"{s}!{r}" if several else str(r) for s, r in found[:MAX_PLACES]]
        if len(found) > MAX_PLACES:
            places.append(t("and_more", count=len(found) - MAX_PLACES))
        first_sheet, first_row = found[0]
        problems.append(InputProblem(file, first_sheet, int(first_row),  # type: ignore[call-overload]
                                     nip_columns[first_sheet], str(nip),
                                     t("duplicate_nip", count=len(found),
                                       rows=", ".join(places)), t("hint_duplicate")))
    return problems
