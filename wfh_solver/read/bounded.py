"""Reading spreadsheets whose declared size is not their content, in bounded memory.

calamine lays every sheet out as one dense rectangle from A1 to the farthest cell.
One note typed in XFD1 of a 9,000-row list, or a 2.6 KB file with a value in
XFD1048576, then asks for gigabytes; an ODS row repeated a million times does the
same. So before calamine runs we measure the real extent cheaply (a byte scan of
the sheet XML: 0.12 s for 60,000 staff) and, only when the rectangle would be too
large, read the sheet row by row with openpyxl's streaming reader, keeping the
table's own rows and columns and naming what was left out. ODS is always read by a
small streaming reader here, which treats repeated rows and columns lazily.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

from wfh_solver.base.cells import column_letter
from wfh_solver.base.messages import t

Cell = str | float | int | bool | date | datetime | time | timedelta | None

DENSE_BUDGET = 12_000_000  # cells calamine may lay out (about 400 MB); measured, see README
# Every cell or row reference but the near ones (A1 … Z99999) is looked at: a far one
# widens the extent, and one outside Excel's grid (`ZZZZZZ1`, a row past 1,048,576 or
# 2^64, lower case, `$A$1`) would make calamine ask for 200 GB or openpyxl walk 2^64
# missing rows, so it is refused by name before either runs.
_FAR = re.compile(rb' r="(?![A-Z]?[0-9]{1,5}")([^"]{0,40})"')
_REF = re.compile(rb"([A-Za-z]{0,3})([0-9]{1,7})")
EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384
_ROOT_PREFIX = re.compile(rb"<(\w+:)?worksheet\b")
_CHUNK = 8 << 20
_OPEN_TAG = 4096  # longest tag start carried over to the next chunk


@dataclass(slots=True)
class Extent:
    """What a byte scan of one sheet XML tells: its farthest cell and a few far refs."""

    rows: int = 0
    columns: int = 0
    unplaced: bool = False  # cells or rows without an `r` reference: extent unknown
    far: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)  # references outside Excel's grid

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


def scan_xlsx_sheet(archive: zipfile.ZipFile, part: str) -> Extent:
    """The farthest cell of one worksheet part, from its bytes, without parsing it.

    Staff lists fit in 26 columns and 99,999 rows, so only references beyond that
    are looked at, plus cells or rows without a reference (their place is unknown
    to a byte scan). An ordinary sheet costs two regex passes: 0.1 s at 60,000 staff.
    A tag cut by a chunk boundary is judged whole with the next chunk: judged cut, a
    `<c r="A5">` split after `<c` looked unplaced and sent a plain 60,000-row list to
    the slow streaming reader (12 s instead of 0.4 s).
    """
    extent = Extent(rows=99_999, columns=26)
    tail = b""
    unplaced: re.Pattern[bytes] | None = None
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            if unplaced is None:
                match = _ROOT_PREFIX.search(chunk[:4096])
                prefix = re.escape(match.group(1) or b"") if match else b""
                unplaced = re.compile(b"<" + prefix + rb"(?:c|row)(?=[ >/])(?![^>]*? r=)")
            buffer = tail + chunk
            cut = buffer.rfind(b"<")
            if cut < len(buffer) - _OPEN_TAG:  # no tag open near the end: judge it all
                cut = len(buffer)
            _scan_part(buffer[:cut], extent, unplaced)
            tail = buffer[cut:]
        if unplaced is not None:
            _scan_part(tail, extent, unplaced)
    return extent


def _scan_part(buffer: bytes, extent: Extent, unplaced: re.Pattern[bytes]) -> None:
    extent.unplaced = extent.unplaced or unplaced.search(buffer) is not None
    for hit in _FAR.finditer(buffer):
        value = hit.group(1)
        ref = _REF.fullmatch(value)
        column = _column_number(ref.group(1).upper() or b"A") if ref else 0
        row = int(ref.group(2)) if ref else 0
        if ref is None or not (1 <= row <= EXCEL_ROWS and 1 <= column <= EXCEL_COLUMNS):
            text = value.decode("ascii", "backslashreplace")
            text = t("loc_row", row=text) if text.isdigit() else text  # a row's own number
            if len(extent.outside) < 5 and text not in extent.outside:
                extent.outside.append(text)
            continue
        extent.columns, extent.rows = max(extent.columns, column), max(extent.rows, row)
        if row <= 99_999 and column <= 26:
            continue  # a lower-case near reference
        text = value.decode().upper() if ref.group(1) else "A" + value.decode()
        if len(extent.far) < 5 and text not in extent.far:
            extent.far.append(text)


class OutsideGrid(Exception):
    """Cell references no spreadsheet program writes: past XFD or row 1,048,576."""

    def __init__(self, refs: list[str]) -> None:
        self.refs = refs
        super().__init__(", ".join(refs))


class DamagedPart(Exception):
    """A sheet part whose bytes do not match their CRC."""

    def __init__(self, part: str) -> None:
        self.part = part
        super().__init__(part)


def is_sheet_part(name: str) -> bool:
    """A worksheet's XML in an xlsx package: what `xlsx_needs_streaming` scans."""
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def xlsx_needs_streaming(path: Path, only: Collection[str] | None = None
                         ) -> tuple[bool, list[str]]:
    """Whether calamine's dense layout of some sheet would pass the budget, and why.
    Each sheet part is read to its end, so a damaged one raises `DamagedPart`, and one
    with a reference outside Excel's grid `OutsideGrid`.
    `only`: the worksheet parts to scan (the sheets the caller will read), else all."""
    with zipfile.ZipFile(path) as archive:
        parts = [n for n in archive.namelist()
                 if is_sheet_part(n) and (only is None or n in only)]
        far: list[str] = []
        needs = False
        for part in parts:
            try:
                extent = scan_xlsx_sheet(archive, part)
            except zipfile.BadZipFile:
                raise DamagedPart(part) from None
            if extent.outside:
                raise OutsideGrid(extent.outside)
            if extent.unplaced or extent.cells > DENSE_BUDGET:
                needs = True
                far.extend(extent.far)
        return needs, far[:5]


def _pad(rows: list[list[Cell]]) -> None:
    """Rows as one rectangle as wide as the widest kept row, as calamine gives them."""
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        row.extend([""] * (width - len(row)))


def _normalise(value: Any) -> Cell:
    """openpyxl's values as calamine gives them, so both paths read the same table."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, datetime) and value.time() == time(0, 0):
        return value.date()
    return value  # type: ignore[no-any-return]


@dataclass(slots=True)
class StreamedSheet:
    name: str
    rows: list[list[Cell]]
    visible: bool
    merged: list[tuple[int, int, int, int]]
    ignored: int = 0  # non-empty cells outside the table that were left out


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"')


def _merged_ranges(archive: zipfile.ZipFile, part: str, limit: int
                   ) -> list[tuple[int, int, int, int]]:
    ranges: list[tuple[int, int, int, int]] = []
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            buffer = tail + chunk
            for m in _MERGE.finditer(buffer):
                ranges.append((int(m.group(2)) - 1, _column_number(m.group(1)) - 1,
                               int(m.group(4)) - 1, _column_number(m.group(3)) - 1))
                if len(ranges) >= limit:
                    return sorted(set(ranges))
            cut = buffer.rfind(b"<")
            tail = buffer[cut:] if cut >= len(buffer) - 256 else b""
    return sorted(set(ranges))


def sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name → worksheet part, from the workbook and its relationships."""
    with zipfile.ZipFile(path) as archive:
        book = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {m.group(1).decode(): m.group(2).decode() for m in re.finditer(
        rb'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels)}
    targets.update({m.group(2).decode(): m.group(1).decode() for m in re.finditer(
        rb'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
    parts = {}
    for m in re.finditer(rb'<(?:\w+:)?sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"', book):
        target = targets.get(m.group(2).decode(), "")
        target = target.lstrip("/")
        parts[_unescape(m.group(1).decode())] = target if target.startswith("xl/") \
            else f"xl/{target}"
    return parts


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def stream_xlsx(path: Path, max_rows: int, max_columns: int, blank_run: int,
                merged_limit: int) -> Iterator[StreamedSheet]:
    """Every worksheet row by row (openpyxl read-only), cut to the table's own block.

    Rows stop after `blank_run` blank rows (cells below are left out and counted) and
    columns after `max_columns`; memory is bounded by what is kept, not by the
    farthest cell.
    """
    import openpyxl

    parts = sheet_parts(path)
    handle = path.open("rb")  # a file object: openpyxl would refuse a name like `.xls`
    book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    try:
        with zipfile.ZipFile(path) as archive:
            for sheet in book.worksheets:
                rows: list[list[Cell]] = []
                blanks = ignored = 0
                for raw in sheet.iter_rows(max_col=max_columns, values_only=True):
                    if raw.count(None) == len(raw):  # missing rows come as one shared tuple
                        blanks += 1
                        continue
                    values = [_normalise(v) for v in raw]
                    while values and values[-1] == "":
                        values.pop()
                    if any(v != "" for v in values):
                        if rows and (blanks > blank_run or len(rows) + blanks > max_rows):
                            ignored += sum(v != "" for v in values)
                            blanks = blank_run + 1
                            continue
                    else:
                        blanks += 1
                        continue
                    rows.extend([] for _ in range(blanks))
                    blanks = 0
                    rows.append(values)
                    if len(rows) > max_rows:
                        raise OverflowError(sheet.title)
                while rows and all(v == "" for v in rows[-1]):
                    rows.pop()
                _pad(rows)
                part = parts.get(sheet.title)
                merged = _merged_ranges(archive, part, merged_limit) \
                    if part in archive.namelist() else []
                yield StreamedSheet(sheet.title, rows, sheet.sheet_state == "visible", merged,
                                    ignored)
    finally:
        book.close()
        handle.close()


# --------------------------------------------------------------------------- XLS

XLS_DENSE_BUDGET = 6_000_000  # calamine's .xls layout costs about 70 bytes a cell
# BIFF8 records that hold one cell (row, column first) and the two that hold a run of
# cells in one row (row, first column, …, last column in the record's last 2 bytes).
_XLS_CELL = frozenset({0x0006, 0x00FD, 0x0203, 0x027E, 0x0201, 0x0205, 0x0204, 0x00D6})
_XLS_RUN = frozenset({0x00BD, 0x00BE})


def xls_extent(path: Path) -> Extent:
    """The farthest cell of any sheet of a BIFF8 workbook, from its cell records.

    A sheet's DIMENSIONS record is what the writer declares; the cells are what
    calamine lays out, so the cells are what is measured (0.5 µs a record).
    """
    import olefile

    extent = Extent()
    with olefile.OleFileIO(str(path)) as ole:
        stream = "Workbook" if ole.exists("Workbook") else "Book"
        data = ole.openstream(stream).read()
    position, size = 0, len(data)
    unpack = struct.unpack_from
    while position + 4 <= size:
        kind, length = unpack("<HH", data, position)
        body = position + 4
        if kind in _XLS_CELL and length >= 4:
            row, column = unpack("<HH", data, body)
            _reach(extent, row + 1, column + 1)
        elif kind in _XLS_RUN and length >= 6:
            row, = unpack("<H", data, body)
            last, = unpack("<H", data, body + length - 2)
            _reach(extent, row + 1, last + 1)
        position = body + length
    return extent


def _reach(extent: Extent, row: int, column: int) -> None:
    if row > extent.rows or column > extent.columns:
        extent.rows, extent.columns = max(extent.rows, row), max(extent.columns, column)
        if (row > 99_999 or column > 26) and len(extent.far) < 5:
            extent.far.append(f"{column_letter(column - 1)}{row}")


# --------------------------------------------------------------------------- ODS

_NS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_NS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_NS_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_T = f"{{{_NS_TABLE}}}"
_O = f"{{{_NS_OFFICE}}}"
_TX = f"{{{_NS_TEXT}}}"


def _ods_value(cell: Any) -> Cell:
    kind = cell.get(f"{_O}value-type")
    if kind in ("float", "percentage", "currency"):
        return float(cell.get(f"{_O}value", "nan"))
    if kind == "boolean":
        return cell.get(f"{_O}boolean-value") == "true"
    if kind == "date":
        text = cell.get(f"{_O}date-value", "")
        parsed = datetime.fromisoformat(text)
        return parsed.date() if len(text) <= 10 else parsed
    paragraphs = ["".join(p.itertext()) for p in cell.iter(f"{_TX}p")]
    return "\n".join(paragraphs)


def _ods_row(row: Any, max_columns: int) -> list[Cell]:
    """One row's cells, repeated cells expanded only up to the last value and the limit."""
    values: list[Cell] = []
    pending_blank = 0
    for cell in row:
        if cell.tag not in (f"{_T}table-cell", f"{_T}covered-table-cell"):
            continue
        repeat = int(cell.get(f"{_T}number-columns-repeated", "1"))
        value = _ods_value(cell)
        if value == "":
            pending_blank += repeat
            continue
        if len(values) + pending_blank >= max_columns:
            break
        values.extend([""] * pending_blank)
        pending_blank = 0
        values.extend([value] * min(repeat, max_columns - len(values)))
    return values


def stream_ods(path: Path, max_rows: int, max_columns: int, blank_run: int
               ) -> Iterator[StreamedSheet]:
    """Every table of an ODS file, rows repeated lazily: a million empty repeats cost
    nothing, a repeated row with content counts against the row limit as it expands."""
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
        rows: list[list[Cell]] = []
        name, visible = "", True
        blanks = ignored = 0
        for event, element in iterparse(stream, events=("start", "end")):
            if event == "start":
                if element.tag == f"{_T}table":
                    name, rows, blanks, ignored = element.get(f"{_T}name", ""), [], 0, 0
                continue
            if element.tag == f"{_T}table-row":
                repeat = int(element.get(f"{_T}number-rows-repeated", "1"))
                values = _ods_row(element, max_columns)
                element.clear()
                if not values:
                    blanks += repeat
                    continue
                if rows and blanks > blank_run:
                    ignored += sum(v != "" for v in values) * repeat
                    continue
                rows.extend([] for _ in range(blanks))
                blanks = 0
                if len(rows) + repeat > max_rows:
                    raise OverflowError(name)
                rows.extend(list(values) for _ in range(repeat))
            elif element.tag == f"{_T}table":
                element.clear()
                _pad(rows)
                yield StreamedSheet(name, rows, visible, [], ignored)


def column_name(index: int) -> str:
    return column_letter(index)
