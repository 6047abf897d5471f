"""What a pin file or an earlier roster says, person by person and day by day.

`--pin` and `--previous` read the same files (our roster, edited by hand, or the long CSV
that `solve -o x.csv` writes, a row per person and day) and give them one meaning:

- a filled day cell is `WFO`, `WFH`, `CUTI` or `DL` (any case, spaces around); anything
  else is refused, naming its cell;
- a blank cell says nothing: it never clashes with a filled one, in either order;
- one person given the same entry twice for a day (a copied row, one row per unit after a
  move) counts once; two different entries are refused at the second, naming its cell;
- rows without a NIP (notes, signatures, a footer) are not people and are skipped;
- days outside `within` (the period being solved, for pins) are dropped while reading,
  and counted.

Memory follows the filled entries kept, a few numbers each, never NIPs × dates: a long
CSV is streamed row by row, and holds at most `MAX_PERSON_DAYS` rows.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain, islice, repeat
from pathlib import Path

import numpy as np
import numpy.typing as npt

from wfh_solver.base.messages import t
from wfh_solver.read.dates import _MONTHS, _NAMED
from wfh_solver.read.errors import InputError, InputProblem, column_letter, file_error
from wfh_solver.read.roster import (
    HEADER_SCAN,
    RosterSheet,
    keep_whole,
    long_header,
    nip_text,
    pick_header,
    roster_sheets,
    wide_roster,
)
from wfh_solver.read.sources import Cell, Sheet, csv_stream, file_kind, load_sheets

#: the day codes, in the order of their numbers here (1 = WFO … 4 = DL; 0 = blank)
CODES = ("WFO", "WFH", "CUTI", "DL")
WFO, WFH, CUTI, DL = 1, 2, 3, 4
#: rows below a long layout's header (each one person and day): our own CSV of a
#: 9,000-staff month has 198,000; 2 million is what 200 MB of our CSV holds
MAX_PERSON_DAYS = 2_000_000
_MAX_PROBLEMS = 100  # rounded NIPs named before the reading stops
_EXACT: dict[Cell, int] = {None: 0, "": 0, **{code: k + 1 for k, code in enumerate(CODES)}}
_DAY_BITS = 22  # a date's ordinal (year 9999 is 3,652,059) fits in 22 bits
_Ints = Sequence[int] | npt.NDArray[np.int64]  # Excel rows or columns, one per entry


@dataclass(frozen=True, slots=True)
class DayEntries:
    """The filled entries of one file, one per person and day, in numbers.

    Person p's NIP is `numbers[p]` written out, or for a NIP that is no plain number
    (letters, a leading zero, over 18 digits) `texts[-1 - numbers[p]]`: millions of NIPs
    cost 8 bytes each, not a Python string, an int and a dict slot. With no `within`,
    every NIP with a row is a person, blank or not. Entry k says `CODES[code[k] - 1]` for
    person `person[k]` on the day whose ordinal is `day[k]`."""

    path: Path
    sheet: str
    numbers: npt.NDArray[np.int64]  # sorted
    texts: tuple[str, ...]
    person: npt.NDArray[np.int32]
    day: npt.NDArray[np.int32]
    code: npt.NDArray[np.int8]
    dropped: int = 0  # filled entries on days outside `within`, left out
    dropped_span: tuple[date, date] | None = None  # the first and last of those days

    def nip(self, person: int) -> str:
        number = int(self.numbers[person])
        return str(number) if number >= 0 else self.texts[-1 - number]

    def find(self, nips: Sequence[str]) -> npt.NDArray[np.int64]:
        """The person each NIP names (matched by digits, as the staff list is), -1 for
        none."""
        ids = {text: k for k, text in enumerate(self.texts)}
        wanted = np.asarray([nip_number(nip, ids, add=False) for nip in nips], dtype=np.int64)
        if not len(self.numbers):
            return np.full(len(wanted), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.numbers, wanted), len(self.numbers) - 1)
        return np.where(self.numbers[at] == wanted, at, -1)

    def days(self) -> list[date]:
        """The days with at least one filled entry, in order."""
        return [date.fromordinal(int(d)) for d in np.unique(self.day)]

    def per_person(self, code: int) -> npt.NDArray[np.int64]:
        """Per person (aligned with `numbers`), how many days they have `code`."""
        return np.bincount(self.person[self.code == code], minlength=len(self.numbers))


_NONE = np.iinfo(np.int64).min
_NUMERIC_NIP = re.compile(r"['’`]?[0-9\s.\-]+")  # the number of a NIP looked for that is nowhere


def nip_number(nip: str, texts: dict[str, int], *, add: bool = True) -> int:
    """A NIP as one number: its digits (as the staff list is matched, so `1965 0101…`
    and `'19650101…` are one person) when they fit 18 places without a leading zero,
    else `-1 - k` for the k-th other spelling in `texts` (added there unless `add` is
    off, when an unseen one is `_NONE`)."""
    if nip.isascii() and nip.isdigit():
        digits = nip
    elif _NUMERIC_NIP.fullmatch(nip):  # `1965 0101 …`, `'1965.0101-…`: the digits name it
        digits = re.sub(r"[^0-9]", "", nip)
    else:  # an ID with letters (`THL-00123`, `PTT-00123`): the whole ID, never its digits
        digits = ""
    if 0 < len(digits) <= 18 and digits[0] != "0":
        return int(digits)
    key = digits or re.sub(r"\s+", "", nip)
    k = texts.get(key)
    if k is None:
        if not add:
            return int(_NONE)
        k = texts[key] = len(texts)
    return -1 - k


def read_entries(path: str | Path, within: Collection[date] | None = None) -> DayEntries:
    """A roster's filled day cells, in either layout, under the rules above; `within`:
    the only days kept (the others are counted in `dropped`)."""
    path = Path(path)
    keep = None if within is None else frozenset(d.toordinal() for d in within)
    if file_kind(path) == "text":  # a CSV: the long layout is streamed, never held whole
        stream = csv_stream(path)
        head = Sheet(path.stem, list(islice(stream, HEADER_SCAN)))
        found = long_header(head) if pick_header([head]) is None else None
        if found is not None:
            return _long(path, head, found, chain(head.rows[found[0] + 1:], stream), keep)
        stream.close()
        sheets = load_sheets(path)  # our layout, or nothing: read as any sheet
    else:
        sheets = roster_sheets(path)
    roster = wide_roster(path, sheets)
    if roster is not None:
        return _wide(roster, keep)
    for sheet in sheets:
        found = long_header(sheet)
        if found is not None:
            return _long(path, sheet, found, iter(sheet.rows[found[0] + 1:]), keep)
    raise file_error(str(path), t("ck_no_sheet"), t("ck_hint_layout"))


class _Collected:
    """Entries as they are read, each as five machine numbers (no Python object)."""

    def __init__(self, path: Path, sheet: str, keep: frozenset[int] | None) -> None:
        self.path, self.sheet, self.keep = path, sheet, keep
        self.texts: dict[str, int] = {}
        self.seen = array("q")  # with no `keep`: the NIP of every row, blank or not
        self.who = array("q")  # per entry: its NIP's number
        self.day, self.row, self.column = array("i"), array("i"), array("i")
        self.code = array("b")
        self.dropped: list[int] = [0, 0, 0]  # count, first and last ordinal

    def number(self, nip: str) -> int:
        return nip_number(nip, self.texts)

    def nip(self, number: int) -> str:
        return str(number) if number >= 0 else list(self.texts)[-1 - number]

    def kept(self, ordinal: int) -> bool:
        """Whether a day is kept; a day left out is counted."""
        if self.keep is None or ordinal in self.keep:
            return True
        count, first, last = self.dropped
        self.dropped = [count + 1, min(first or ordinal, ordinal), max(last, ordinal)]
        return False

    def add(self, who: int, ordinal: int, code: int, row: int, column: int) -> None:
        self.who.append(who)
        self.day.append(ordinal)
        self.code.append(code)
        self.row.append(row)
        self.column.append(column)

    def drop_many(self, ordinals: npt.NDArray[np.int64]) -> None:
        """Count filled entries on days left out (one ordinal each)."""
        if len(ordinals):
            count, first, last = self.dropped
            low, high = int(ordinals.min()), int(ordinals.max())
            self.dropped = [count + len(ordinals), min(first or low, low), max(last, high)]

    def finish(self) -> DayEntries:
        """The entries added one by one, settled."""
        return self.settle(np.frombuffer(self.who, dtype=np.int64),
                           np.frombuffer(self.day, dtype=np.int32),
                           np.frombuffer(self.code, dtype=np.int8), self.row, self.column)

    def settle(self, who: npt.NDArray[np.int64], day: npt.NDArray[np.int32],
               code: npt.NDArray[np.int8], row: _Ints, column: _Ints, *,
               once: bool = False) -> DayEntries:
        """One entry per person and day; two different ones refused at the later.
        `once`: no person and day can come twice (one row per NIP, one column per day),
        so the sort that finds them is skipped."""
        numbers = np.unique(np.concatenate([np.frombuffer(self.seen, dtype=np.int64), who]))
        person = np.searchsorted(numbers, who)
        if not once:
            keep = self._once(person, day, code, who, row, column)
            person, day, code = person[keep], day[keep], code[keep]
        count, low, high = self.dropped
        span = (date.fromordinal(low), date.fromordinal(high)) if count else None
        return DayEntries(self.path, self.sheet, numbers, tuple(self.texts),
                          person.astype(np.int32), day, code, count, span)

    def _once(self, person: npt.NDArray[np.int64], day: npt.NDArray[np.int32],
              code: npt.NDArray[np.int8], who: npt.NDArray[np.int64], row: _Ints,
              column: _Ints) -> npt.NDArray[np.int64]:
        """The first entry of each person and day, in file order; an InputError at the
        earliest entry that says something else than the first of its day."""
        key = (person << _DAY_BITS) | day
        order = np.argsort(key, kind="stable")  # a person-day's entries in file order
        start = np.ones(len(order), dtype=bool)
        start[1:] = key[order][1:] != key[order][:-1]
        first = order[np.maximum.accumulate(np.where(start, np.arange(len(order)), 0))]
        clash = code[order] != code[first]
        if clash.any():
            at = int(order[clash].min())
            was = int(first[np.flatnonzero(order == at)[0]])
            when = date.fromordinal(int(day[at]))
            raise InputError([InputProblem(
                str(self.path), self.sheet, int(row[at]), column_letter(int(column[at])),
                CODES[code[at] - 1],
                t("roster_twice", nip=self.nip(int(who[at])), day=f"{when:%d/%m/%Y}",
                  first=CODES[code[was] - 1], second=CODES[code[at] - 1]),
                t("roster_hint_twice"))])
        return np.sort(order[start])

    def not_a_code(self, value: Cell, row: int, column: int) -> InputError:
        return InputError([InputProblem(str(self.path), self.sheet, row,
                                        column_letter(column), str(value), t("roster_code"),
                                        t("roster_hint_code"))])


def code_of(value: Cell) -> int | None:
    """0 for a blank cell, 1–4 for a day code as HR may have typed it (` wfh `), else None."""
    exact = _EXACT.get(value) if isinstance(value, str | None) else None
    if exact is not None:
        return exact
    text = str(value).strip().upper()
    return 0 if not text else _EXACT.get(text)


def _wide(roster: RosterSheet, keep: frozenset[int] | None) -> DayEntries:
    """Our layout, all rows at once: a 60,000-row roster's 1.4 million cells are looked
    up in C (`map` over a dict), and only cells not spelled exactly go through `code_of`."""
    out = _Collected(roster.path, roster.sheet, keep)
    rows = [row for row in roster.rows if row.nip]  # a footer or a note: nobody's days
    width = len(roster.days)
    flat = [cell for row in rows for cell in row.cells]
    codes = np.fromiter(map(_EXACT.get, flat, repeat(-1)), dtype=np.int8, count=len(flat))
    for k in np.flatnonzero(codes < 0):
        code = code_of(flat[k])
        if code is None:
            raise out.not_a_code(flat[k], rows[k // width].row,
                                 roster.day_columns[k % width])
        codes[k] = code
    codes = codes.reshape(len(rows), width)
    ordinals = np.asarray([d.toordinal() for d in roster.days], dtype=np.int64)
    kept = np.asarray([out.keep is None or o in out.keep for o in ordinals.tolist()],
                      dtype=bool)
    filled = codes > 0
    out.drop_many(ordinals[np.nonzero(filled[:, ~kept])[1]] if (~kept).any() else
                  ordinals[:0])
    who = np.asarray([out.number(row.nip) for row in rows], dtype=np.int64)
    out.seen.frombytes(who.tobytes())
    excel_row = np.asarray([row.row for row in rows], dtype=np.int64)
    r, c = np.nonzero(filled & kept[None, :])
    once = len(np.unique(who)) == len(who) and len(set(roster.days)) == len(roster.days)
    return out.settle(who[r], ordinals[c].astype(np.int32), codes[r, c], excel_row[r],
                      np.asarray(roster.day_columns, dtype=np.int64)[c], once=once)


def _long(path: Path, sheet: Sheet, found: tuple[int, int, int | None, int, int],
          rows: Iterable[list[Cell]], keep: frozenset[int] | None) -> DayEntries:
    """The long layout, a row per person and day, read as it streams in."""
    header, nip_col, _, day_col, status_col = found
    out = _Collected(path, sheet.name, keep)
    offset = sheet.first_column
    width = max(nip_col, day_col, status_col) + 1
    lost: list[InputProblem] = []
    for r, values in enumerate(rows, start=header + 2):  # Excel's row number
        if r - header - 1 > MAX_PERSON_DAYS:
            raise file_error(str(path), t("too_many_person_days", limit=MAX_PERSON_DAYS))
        if len(values) < width:
            values = [*values, *([None] * (width - len(values)))]
        nip = nip_text(values[nip_col])
        if not nip:
            continue  # a blank row, a footer or a note below the table
        if keep_whole(values[nip_col], path, sheet, r - 1, nip_col, lost) and len(
                lost) >= _MAX_PROBLEMS:
            break
        ordinal = day_ordinal(values[day_col])
        if ordinal is None:
            raise InputError([InputProblem(
                str(path), sheet.name, r, column_letter(day_col + offset),
                str(values[day_col] or ""), t("roster_not_day"), t("roster_hint_day"))])
        code = code_of(values[status_col])
        if code is None:
            raise out.not_a_code(values[status_col], r, status_col + offset)
        if out.keep is None:  # every NIP with a row is someone (an earlier roster's 0)
            out.seen.append(out.number(nip))
        if code and out.kept(ordinal):  # a NIP only on days left out is nobody here
            out.add(out.number(nip), ordinal, code, r, status_col + offset)
    if lost:
        raise InputError(lost)
    return out.finish()


_ISO = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})")  # %Y-%m-%d, %Y/%m/%d
_DMY = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")  # %d/%m/%Y, %d-%m-%Y, %d.%m.%Y
_DMY2 = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2})")  # %d/%m/%y


def day_ordinal(value: Cell) -> int | None:
    """A long layout's day cell as a date ordinal, None when it is not a date.

    The spellings of `read.dates.parse_one`, taken apart by hand: a long file has a date
    on every row, and strptime with its failed attempts costs 20 µs a row (a million
    distinct dates, 20 s). As `header_day`, a weekday before the date is passed over."""
    if isinstance(value, datetime):
        return value.date().toordinal()
    if isinstance(value, date):
        return value.toordinal()
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.split()[-1]
    try:
        if found := _ISO.fullmatch(text):
            return date(int(found[1]), int(found[3]), int(found[4])).toordinal()
        if found := _DMY.fullmatch(text):
            return date(int(found[4]), int(found[3]), int(found[1])).toordinal()
        if found := _DMY2.fullmatch(text):
            year = int(found[3])  # as strptime's %y: 69–99 in the 1900s, 00–68 in the 2000s
            return date(year + (1900 if year >= 69 else 2000), int(found[2]),
                        int(found[1])).toordinal()
        if (found := _NAMED.fullmatch(text.lower())) and found[2] in _MONTHS:
            return date(int(found[3]), _MONTHS[found[2]], int(found[1])).toordinal()
    except ValueError:
        return None
    return None
