"""Files to grids of cell values, whatever the format, within fixed resource bounds.

The file type is decided from its bytes, not its name, because web exports save
HTML or CSV under `.xls`. Every path that can blow up (zip bombs, huge shared
strings, a million styled empty rows) is bounded before the heavy reader runs.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import zipfile
from collections.abc import Collection, Generator, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import TextIO, cast

import python_calamine as pc
from charset_normalizer import from_bytes

from wfh_solver.base.messages import t
from wfh_solver.read import bounded
from wfh_solver.read.columns import match_column
from wfh_solver.read.errors import InputError, InputProblem, file_error

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # ~700 MB peak for the densest sheet that fits
MAX_ZIP_RATIO = 200
MAX_ROWS = 150_000  # a province lists about 65,000; 150,000 × 30 columns stays under 1 GiB
MAX_BLANK_RUN = 2_000  # a run of blank rows this long ends the table
MAX_COLUMNS = 200
MAX_CELLS = 4_000_000  # kept cells of one sheet (e.g. 130,000 staff × 30 columns)
MAX_MERGED = 100_000

Cell = str | float | int | bool | date | datetime | time | timedelta | None


@dataclass(slots=True)
class Sheet:
    """Cell values of one sheet; `rows[i][j]` is Excel row i+1, column `first_column`+j."""

    name: str
    rows: list[list[Cell]]
    first_column: int = 0
    visible: bool = True
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    notes: list[InputProblem] = field(default_factory=list)  # content left out, and why


def detect_format(path: Path, head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    text = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<html", b"<!doctype", b"<table", b"<?xml", b"<meta", b"<head")) or (
        b"<table" in text and b"<t" in text[:200]
    ):
        return "html"
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text"


def load_sheets(path: Path, only: Collection[str] = ()) -> list[Sheet]:
    """All sheets of a workbook (or the one table of a CSV/HTML file) as grids.

    `only`: sheet names (any case, spaces around ignored); when the workbook has one of
    them, just those sheets are scanned and read. Reading back one of our 60,000-row
    rosters for its Jadwal sheet alone takes about half the time of all five sheets.
    """
    name = str(path)
    kind = file_kind(path)
    if kind == "zip":
        layout = _check_zip(path)
        if layout == "ods":
            return _streamed(path, bounded.stream_ods(path, MAX_ROWS, MAX_COLUMNS, MAX_BLANK_RUN))
        if layout == "xlsx":
            chosen = _chosen(path, only)
            try:  # reads every sheet part to its end, so checks its CRC as well
                needs, far = bounded.xlsx_needs_streaming(
                    path, None if chosen is None else set(chosen.values()))
            except bounded.DamagedPart as exc:
                raise file_error(name, t("corrupt_part", part=exc.part),
                                 t("hint_resave")) from None
            except bounded.OutsideGrid as exc:
                raise file_error(name, t("outside_grid", refs=", ".join(exc.refs)),
                                 t("hint_resave")) from None
            if needs:
                sheets = _streamed(path, bounded.stream_xlsx(
                    path, MAX_ROWS, MAX_COLUMNS, MAX_BLANK_RUN, MAX_MERGED))
                if far and sheets:
                    sheets[0].notes.append(InputProblem(
                        name, "", None, "", ", ".join(far), t("far_cells_ignored"),
                        severity="info"))
                return sheets
            return _calamine_sheets(path, None if chosen is None else set(chosen))
        return _calamine_sheets(path)
    if kind == "ole":
        if _is_encrypted_ole(path):
            raise file_error(name, t("password"), t("hint_password"))
        _check_xls_extent(path)
        return _calamine_sheets(path)
    if kind == "html":
        return [_html_sheet(path)]
    if kind == "binary":
        raise file_error(name, t("not_spreadsheet"), t("hint_save_xlsx"))
    return [_csv_sheet(path)]


def file_kind(path: Path) -> str:
    """The file's type from its first bytes (`detect_format`), once it is known to exist,
    to be a file, and to be within the size limit."""
    name = str(path)
    if not path.exists():
        raise file_error(name, t("file_not_found"), t("hint_check_path"))
    if path.is_dir():
        raise file_error(name, t("is_folder"))
    if not path.is_file():  # a device or a pipe: its size says nothing, reading may not end
        raise file_error(name, t("not_regular_file"))
    size = path.stat().st_size
    if size == 0:
        raise file_error(name, t("file_empty"))
    if size > MAX_FILE_BYTES:
        raise file_error(name, t("file_too_large", limit=MAX_FILE_BYTES // 2**20))
    with path.open("rb") as handle:
        head = handle.read(65536)
    return detect_format(path, head)


def _check_xls_extent(path: Path) -> None:
    """Refuse an .xls whose farthest cell would make calamine's layout too large."""
    try:
        extent = bounded.xls_extent(path)
    except Exception:  # not a BIFF8 workbook we can scan: calamine will say what it is
        return
    if extent.cells > bounded.XLS_DENSE_BUDGET:
        cells = ", ".join(extent.far) or f"{extent.rows} × {extent.columns}"
        raise file_error(str(path), t("xls_far_cells", cells=cells), t("hint_far_cells"))


def _streamed(path: Path, sheets: Iterator[bounded.StreamedSheet]) -> list[Sheet]:
    """Sheets read row by row, with a note for each one whose far cells were left out."""
    name = str(path)
    out: list[Sheet] = []
    try:
        for streamed in sheets:
            sheet = Sheet(streamed.name, streamed.rows, 0, streamed.visible,
                          _clip_merged(streamed.merged, streamed.rows, 0))
            _check_cells(name, sheet)
            if streamed.ignored:
                sheet.notes.append(InputProblem(
                    name, streamed.name, None, "", "",
                    t("cells_ignored", count=streamed.ignored, blank=MAX_BLANK_RUN),
                    severity="info"))
            out.append(sheet)
    except OverflowError as exc:
        raise file_error(name, t("too_many_rows", sheet=str(exc), limit=MAX_ROWS)) from None
    except InputError:
        raise
    except Exception as exc:  # a broken part: one line, never a traceback
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise file_error(name, t("unreadable", detail=reason), t("hint_resave")) from None
    return out


def _clip_merged(merged: list[tuple[int, int, int, int]], rows: list[list[Cell]],
                 first_column: int) -> list[tuple[int, int, int, int]]:
    """Merged ranges cut to the cells read: `A1:XFD1048576` must not mean 17 billion cells."""
    height = len(rows)
    width = max((len(r) for r in rows), default=0)
    clipped = []
    for r0, c0, r1, c1 in merged[:MAX_MERGED]:
        r1, c1 = min(r1, height - 1), min(c1, first_column + width - 1)
        if r0 <= r1 and c0 <= c1:
            clipped.append((r0, c0, r1, c1))
    return clipped


def _check_cells(name: str, sheet: Sheet) -> None:
    """The whole table in memory is bounded by cells, not only rows and columns."""
    cells = sum(len(row) for row in sheet.rows)
    if cells > MAX_CELLS:
        raise file_error(name, t("too_many_cells", sheet=sheet.name, limit=MAX_CELLS))


def _check_zip(path: Path) -> str:
    """The package is a workbook we can read within bounds; return its layout."""
    name = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
            if "EncryptedPackage" in names:
                raise file_error(name, t("password"), t("hint_password"))
            if not ({"xl/workbook.xml", "xl/workbook.bin", "content.xml"} & names) and not any(
                n.endswith(("workbook.xml", "workbook.bin")) for n in names
            ):
                raise file_error(name, t("zip_no_workbook"), t("hint_save_xlsx"))
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if len(infos) > 10_000 or total > MAX_UNZIPPED_BYTES:
                raise file_error(name, t("zip_too_big", size=total // 2**20,
                                         limit=MAX_UNZIPPED_BYTES // 2**20))
            if total / packed > MAX_ZIP_RATIO and total > 50 * 2**20:
                raise file_error(name, t("zip_bomb"))
            layout = "ods" if "content.xml" in names else (
                "xlsx" if "xl/workbook.xml" in names else "other")
            # Every part decompresses with its CRC right: the sheets of an xlsx are read
            # to the end by the byte scan next, which checks them; the rest here.
            for info in infos:
                if layout == "xlsx" and bounded.is_sheet_part(info.filename):
                    continue
                try:
                    with archive.open(info) as part:
                        while part.read(1 << 20):
                            pass
                except zipfile.BadZipFile:
                    raise file_error(name, t("corrupt_part", part=info.filename),
                                     t("hint_resave")) from None
            return layout
    except zipfile.BadZipFile as exc:
        raise file_error(name, t("corrupt", detail=exc), t("hint_resave")) from None
    except (OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise file_error(name, t("unreadable", detail=exc), t("hint_resave")) from None


def _chosen(path: Path, only: Collection[str]) -> dict[str, str] | None:
    """Name → worksheet part of the sheets `only` names, or None for every sheet."""
    if not only:
        return None
    wanted = {n.strip().casefold() for n in only}
    try:
        parts = bounded.sheet_parts(path)
    except (KeyError, OSError, zipfile.BadZipFile):
        return None  # an unusual package: read it whole, which names its faults
    chosen = {name: part for name, part in parts.items() if name.strip().casefold() in wanted}
    return chosen or None


def _is_encrypted_ole(path: Path) -> bool:
    with path.open("rb") as handle:
        data = handle.read(2 * 2**20)
    return "EncryptedPackage".encode("utf-16-le") in data


def _calamine_sheets(path: Path, only: Collection[str] | None = None) -> list[Sheet]:
    name = str(path)
    try:
        with path.open("rb") as handle:  # calamine picks the format from the bytes this way,
            book = pc.CalamineWorkbook.from_filelike(handle)  # not from the name
        meta = {m.name: m for m in book.sheets_metadata}
        sheets = []
        for sheet_name in book.sheet_names:
            info = meta.get(sheet_name)
            if info is not None and "WorkSheet" not in str(info.typ):
                continue
            if only is not None and sheet_name not in only:
                continue
            sheet = book.get_sheet_by_name(sheet_name)
            visible = info is None or str(info.visible).rsplit(".", 1)[-1] == "Visible"
            sheets.append(_grid_from_calamine(sheet, sheet_name, visible))
        return sheets
    except InputError:
        raise
    except Exception as exc:  # calamine raises its own error types for every broken file
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        if "password" in reason.lower() or "encrypt" in reason.lower():
            raise file_error(name, t("password"), t("hint_password")) from None
        raise file_error(name, t("unreadable", detail=reason), t("hint_resave")) from None


def _grid_from_calamine(sheet: pc.CalamineSheet, name: str, visible: bool) -> Sheet:
    rows: list[list[Cell]] = []
    blank_run = 0
    first_column = sheet.start[1] if sheet.start else 0
    for row in sheet.iter_rows():  # a fresh list each row: kept as it is when narrow enough
        values: list[Cell] = row if len(row) <= MAX_COLUMNS else row[:MAX_COLUMNS]  # type: ignore[assignment]
        if values.count("") + values.count(None) < len(values):  # a value besides blanks
            blank_run = 0
        else:
            blank_run += 1
            if blank_run > MAX_BLANK_RUN:
                break
        rows.append(values)
        if len(rows) > MAX_ROWS:
            raise file_error(name, t("too_many_rows", sheet=name, limit=MAX_ROWS))
    while rows and all(v in ("", None) for v in rows[-1]):
        rows.pop()
    merged: list[tuple[int, int, int, int]] = []
    try:
        for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
            merged.append((r0, c0 - first_column, r1, c1 - first_column))
    except Exception:  # merged ranges are a nicety for headers, never fatal
        merged = []
    grid = Sheet(name, rows, first_column, visible, _clip_merged(merged, rows, 0))
    _check_cells(name, grid)
    return grid


def _encodings(path: Path) -> list[str]:
    """UTF-16 by its mark; else UTF-8 (with or without BOM), then Windows-1252 — what
    Excel in Indonesia saves — and only for bytes that are neither, a detector's guess."""
    with path.open("rb") as handle:
        head = handle.read(200_000)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ["utf-16"]
    best = from_bytes(head).best()
    return ["utf-8-sig", "cp1252", best.encoding if best is not None else "latin-1"]


def _decode(path: Path) -> str:
    """The whole text of a small file (HTML exports), in the first encoding that fits."""
    raw = path.read_bytes()
    for encoding in _encodings(path):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1")


def _csv_sheet(path: Path) -> Sheet:
    """A CSV read as a stream: memory follows the cells kept, not the file's size."""
    for encoding in _encodings(path):
        try:
            return _csv_rows(path, encoding)
        except UnicodeDecodeError:
            continue
    return _csv_rows(path, "latin-1")


_DELIMITERS = (";", ",", "\t", "|")
_HEADER_ROWS = 60  # as far down as the header is looked for


def _delimiter(sample: str) -> str:
    """The delimiter that splits a header row into the most known column names.

    Counting delimiters over the whole sample is fooled by the data: a comma CSV whose
    Cuti cells list dates with `;` (as the README shows them) has more `;` than `,`. The
    header is the one line whose cells are known names, so it decides; a sample with no
    recognisable header falls back to the most frequent delimiter.
    """
    best, score = "", 1  # two known names at least
    for delimiter in _DELIMITERS:
        try:
            rows = list(itertools.islice(csv.reader(io.StringIO(sample), delimiter=delimiter),
                                         _HEADER_ROWS))
        except csv.Error:
            continue
        found = max((len({match_column(c) for c in row} - {None}) for row in rows), default=0)
        if found > score:
            best, score = delimiter, found
    if best:
        return best
    counts = {d: sample.count(d) for d in _DELIMITERS}
    frequent = max(counts, key=lambda d: counts[d])
    return frequent if counts[frequent] else ","


def _csv_rows(path: Path, encoding: str) -> Sheet:
    name = str(path)
    with path.open(encoding=encoding, newline="") as handle:
        delimiter = _delimiter(handle.read(20_000))
        handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter)
        rows: list[list[Cell]] = []
        cells = blank_run = 0
        try:
            for text_row in reader:
                row: list[Cell] = list(text_row)
                if any(row):
                    blank_run = 0
                else:
                    blank_run += 1
                    if blank_run > MAX_BLANK_RUN and rows:
                        continue
                while row and not row[-1]:
                    row.pop()
                kept = row[:MAX_COLUMNS]
                cells += len(kept)
                rows.append(kept)
                if len(rows) > MAX_ROWS:
                    raise file_error(name, t("too_many_rows", sheet=path.stem, limit=MAX_ROWS))
                if cells > MAX_CELLS:
                    raise file_error(name, t("too_many_cells", sheet=path.stem,
                                             limit=MAX_CELLS))
        except csv.Error as exc:
            raise file_error(name, t("csv_unreadable", detail=exc)) from None
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        row.extend([""] * (width - len(row)))
    return Sheet(path.stem, rows)


def _span(attrs: list[tuple[str, str | None]], name: str, limit: int) -> int:
    """A `colspan`/`rowspan` as a count in 1..limit (a hostile 10**9 costs nothing)."""
    for key, value in attrs:
        if key == name and value:
            digits = value.strip()[:9]
            return max(1, min(int(digits), limit)) if digits.isdigit() else 1
    return 1


MAX_LINE_CHARS = 1_000_000  # one CSV line; a row of a million separators is 8 MB of list


def csv_stream(path: Path) -> Generator[list[Cell], None, None]:
    """A text file's rows one at a time, trailing blanks dropped and cut to `MAX_COLUMNS`:
    the long roster layout holds a row per person and day, millions of them in a file
    within the size limit, and keeps only a few numbers of each. The encoding is the
    first of `_encodings` that decodes the whole file (checked in chunks first, as a
    stream cannot start again half-way); a line past `MAX_LINE_CHARS` is refused."""
    encoding = _whole_encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        delimiter = _delimiter(handle.read(20_000))
        handle.seek(0)
        try:
            for row in csv.reader(_bounded_lines(path, handle), delimiter=delimiter):
                while row and not row[-1]:
                    row.pop()
                yield cast(list[Cell], row[:MAX_COLUMNS])
        except csv.Error as exc:
            raise file_error(str(path), t("csv_unreadable", detail=exc)) from None


def _whole_encoding(path: Path) -> str:
    for encoding in _encodings(path):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    return "latin-1"


def _bounded_lines(path: Path, handle: TextIO) -> Iterator[str]:
    while line := handle.readline(MAX_LINE_CHARS):
        if len(line) == MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
            raise file_error(str(path), t("csv_line_too_long", limit=MAX_LINE_CHARS))
        yield line


class _TableParser(HTMLParser):
    """Collects the cells of the first HTML table (web 'Excel' exports).

    `colspan` and `rowspan` are laid out as Excel lays out merged cells: the text in the
    first cell, the covered cells blank, the range recorded in `merged` (so a group title
    over two sub-columns stays over its columns and the columns to its right keep their
    place)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[Cell]] = []
        self.merged: list[tuple[int, int, int, int]] = []
        self._row: list[Cell] | None = None
        self._cell: list[str] | None = None
        self._spans = (1, 1)
        self._carried: list[tuple[int, int, int]] = []  # (last row, first col, last col)
        self._tables = 0

    def _covered(self, col: int) -> bool:
        row = len(self.rows)
        return any(last >= row and c0 <= col <= c1 for last, c0, c1 in self._carried)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._tables += 1
        elif tag == "tr" and self._tables:
            self._row = []
            row = len(self.rows)
            self._carried = [span for span in self._carried if span[0] >= row]
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
            self._spans = (_span(attrs, "colspan", MAX_COLUMNS),
                           _span(attrs, "rowspan", MAX_BLANK_RUN))
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def _place(self, row: list[Cell], text: str) -> None:
        while len(row) < MAX_COLUMNS and self._covered(len(row)):
            row.append("")
        if len(row) >= MAX_COLUMNS:
            return
        cols, rows = self._spans
        cols = min(cols, MAX_COLUMNS - len(row))
        first, r = len(row), len(self.rows)
        row.append(text)
        row.extend([""] * (cols - 1))
        if (cols > 1 or rows > 1) and len(self.merged) < MAX_MERGED:
            self.merged.append((r, first, r + rows - 1, first + cols - 1))
        if rows > 1:
            self._carried.append((r + rows - 1, first, first + cols - 1))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._place(self._row, "".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _html_sheet(path: Path) -> Sheet:
    parser = _TableParser()
    parser.feed(_decode(path))
    if not parser.rows:
        raise file_error(str(path), t("html_no_table"), t("hint_save_xlsx"))
    rows = parser.rows[:MAX_ROWS]
    width = max((len(r) for r in rows), default=0)
    for row in rows:  # a span carried past a row's last cell still covers its columns
        row.extend([""] * (width - len(row)))
    return Sheet(path.stem, rows, merged=parser.merged)
