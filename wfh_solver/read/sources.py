"""Files to grids of cell values, whatever the format, within fixed resource bounds.

The file type is decided from its bytes, not its name, because web exports save
HTML or CSV under `.xls`. Every path that can blow up (zip bombs, huge shared
strings, a million styled empty rows) is bounded before the heavy reader runs.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser
from pathlib import Path

import python_calamine as pc
from charset_normalizer import from_bytes

from wfh_solver.messages import t
from wfh_solver.read.errors import InputError, file_error

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # ~700 MB peak for the densest sheet that fits
MAX_ZIP_RATIO = 200
MAX_ROWS = 300_000
MAX_BLANK_RUN = 2_000  # a run of blank rows this long ends the table
MAX_COLUMNS = 200

Cell = str | float | int | bool | date | datetime | time | timedelta | None


@dataclass(slots=True)
class Sheet:
    """Cell values of one sheet; `rows[i][j]` is Excel row i+1, column `first_column`+j."""

    name: str
    rows: list[list[Cell]]
    first_column: int = 0
    visible: bool = True
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


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


def load_sheets(path: Path) -> list[Sheet]:
    """All sheets of a workbook (or the one table of a CSV/HTML file) as grids."""
    name = str(path)
    if not path.exists():
        raise file_error(name, t("file_not_found"), t("hint_check_path"))
    if path.is_dir():
        raise file_error(name, t("is_folder"))
    size = path.stat().st_size
    if size == 0:
        raise file_error(name, t("file_empty"))
    if size > MAX_FILE_BYTES:
        raise file_error(name, t("file_too_large", limit=MAX_FILE_BYTES // 2**20))
    with path.open("rb") as handle:
        head = handle.read(65536)
    kind = detect_format(path, head)
    if kind == "zip":
        _check_zip(path)
        return _calamine_sheets(path)
    if kind == "ole":
        if _is_encrypted_ole(path):
            raise file_error(name, t("password"), t("hint_password"))
        return _calamine_sheets(path)
    if kind == "html":
        return [_html_sheet(path)]
    if kind == "binary":
        raise file_error(name, t("not_spreadsheet"), t("hint_save_xlsx"))
    return [_csv_sheet(path)]


def _check_zip(path: Path) -> None:
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
            bad = archive.testzip()
            if bad is not None:
                raise file_error(name, t("corrupt_part", part=bad), t("hint_resave"))
    except zipfile.BadZipFile as exc:
        raise file_error(name, t("corrupt", detail=exc), t("hint_resave")) from None
    except (OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise file_error(name, t("unreadable", detail=exc), t("hint_resave")) from None


def _is_encrypted_ole(path: Path) -> bool:
    with path.open("rb") as handle:
        data = handle.read(2 * 2**20)
    return "EncryptedPackage".encode("utf-16-le") in data


def _calamine_sheets(path: Path) -> list[Sheet]:
    name = str(path)
    try:
        book = pc.CalamineWorkbook.from_path(str(path))
        meta = {m.name: m for m in book.sheets_metadata}
        sheets = []
        for sheet_name in book.sheet_names:
            info = meta.get(sheet_name)
            if info is not None and "WorkSheet" not in str(info.typ):
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
    for row in sheet.iter_rows():
        values: list[Cell] = list(row[:MAX_COLUMNS])  # type: ignore[arg-type]
        if any(v not in ("", None) for v in values):
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
    return Sheet(name, rows, first_column, visible, merged)


def _decode(path: Path) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 — what Excel in Indonesia saves —
    and only for bytes that are neither, a detector's guess."""
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            pass
    best = from_bytes(raw[:200_000]).best()
    encoding = best.encoding if best is not None else "latin-1"
    return raw.decode(encoding, errors="replace")


def _csv_sheet(path: Path) -> Sheet:
    text = _decode(path)
    sample = text[:20_000]
    counts = {d: sample.count(d) for d in (";", ",", "\t", "|")}
    delimiter = max(counts, key=lambda d: counts[d])
    if counts[delimiter] == 0:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[Cell]] = []
    try:
        for row in reader:
            rows.append(list(row[:MAX_COLUMNS]))
            if len(rows) > MAX_ROWS:
                raise file_error(str(path), t("too_many_rows", sheet=path.stem, limit=MAX_ROWS))
    except csv.Error as exc:
        raise file_error(str(path), t("csv_unreadable", detail=exc)) from None
    return Sheet(path.stem, rows)


class _TableParser(HTMLParser):
    """Collects the cells of the first HTML table (web 'Excel' exports)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[Cell]] = []
        self._row: list[Cell] | None = None
        self._cell: list[str] | None = None
        self._tables = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._tables += 1
        elif tag == "tr" and self._tables:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
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
    return Sheet(path.stem, parser.rows[:MAX_ROWS])
