"""A small streaming writer for SpreadsheetML (.xlsx) workbooks.

Only what the roster report needs: shared-string text, numbers, dates, a few
cell formats, text-equality conditional formats, frozen panes, autofilter,
column widths, print setup and row page breaks.

Sheet XML is produced as large string chunks and streamed into the zip entry,
so a 60,000-row sheet never exists as a cell-object model. Big sheets are
built column-wise (`Column`: per-row codes into a small table of rendered
cells) and assembled with numpy object arrays and `str.join`.

Safety: every text goes to the shared-string table, so no text is ever a
formula, and a cell whose text a spreadsheet could take for one when the cell is
edited (leading `=`, `+`, `-`, `@`, tab, CR: `neutral.py`) gets a style with
`quotePrefix="1"`, Excel's own mark for "typed with a leading apostrophe": the text
stays exactly the export's text, and editing the cell keeps it text. A cell's control
characters, which XML 1.0 forbids, are written as Excel writes them (`_x001B_`, decoded
back by Excel, LibreOffice and calamine), so even a NIP holding one reads back as it was;
elsewhere (sheet names, properties) they are dropped. Text is truncated to Excel's
32,767 characters and escaped (`&<>"`, carriage returns, and literal `_xHHHH_`
sequences that Excel would otherwise decode).

Determinism: the same calls give the same bytes (fixed zip timestamps and
attributes, no creation dates, strings numbered in order of first use).
"""

from __future__ import annotations

import math
import numbers
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import IO

import numpy as np
import numpy.typing as npt

from wfh_solver.base.cells import column_letter
from wfh_solver.write.neutral import needs_neutralising
from wfh_solver.write.outputs import CREATOR

MAX_ROWS = 1_048_576
MAX_COLS = 16_384
MAX_TEXT = 32_767
MAX_PAGE_BREAKS = 1_023
MAX_SHEET_NAME = 31

#: zlib level for every part. Measured on 60,000 employees x 22 days (~85 MB of
#: XML): level 1 wrote in 0.58 s / 10.4 MB, level 3 0.78 s / 9.7 MB, level 6
#: 1.22 s / 8.1 MB; compression is the biggest single cost, so level 1.
COMPRESS_LEVEL = 1

#: Rows per chunk when streaming a big sheet (bounds peak memory).
CHUNK_ROWS = 8_192

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_EXCEL_EPOCH = date(1899, 12, 30)
_LEAP_BUG_END = date(1900, 3, 1)  # Excel counts a 29 Feb 1900 that never was
_FIRST_DAY = date(1900, 1, 1)

_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = _REL_NS + "/officeDocument"
_CT = "application/vnd.openxmlformats-officedocument."
_SHEET_START = f'<worksheet xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'

# Characters XML 1.0 forbids (C0 controls except tab, LF, CR; lone surrogates;
# U+FFFE and U+FFFF). Python strings may hold any of them.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # kept in a cell as _xHHHH_
_UNENCODABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")  # no UTF-8, no _xHHHH_ either
_SPECIAL = re.compile('[&<>"\r]|_x[0-9A-Fa-f]{4}_')
_EXCEL_ESCAPE = re.compile("_(?=x[0-9A-Fa-f]{4}_)")  # each "_" that starts _xHHHH_
_BAD_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
_PLAIN_SHEET_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
# Names that could be read as a cell reference (A1 or R1C1 style) or a boolean.
_LOOKS_LIKE_REF = re.compile(r"[a-z]{1,3}[0-9]+|r[0-9]*(c[0-9]*)?|c[0-9]*|true|false", re.I)

Value = str | int | float | date | None


# --------------------------------------------------------------------------- #
# Text and number rendering.
# --------------------------------------------------------------------------- #


def clean_text(text: str, keep_controls: bool = False) -> str:
    """`text` without XML-illegal characters (but its controls, if `keep_controls`: a cell
    keeps them as `_xHHHH_`), cut to Excel's 32,767 UTF-16 units."""
    illegal = _UNENCODABLE if keep_controls else _ILLEGAL
    if illegal.search(text):
        text = illegal.sub("", text)
    if len(text) > MAX_TEXT // 2:
        units = text.encode("utf-16-le")
        if len(units) > 2 * MAX_TEXT:
            # A surrogate pair cut in half is dropped by "ignore".
            text = units[: 2 * MAX_TEXT].decode("utf-16-le", errors="ignore")
    return text


def escape(text: str, keep_controls: bool = False) -> str:
    """`text` cleaned and escaped for XML element content or a quoted attribute; with
    `keep_controls` (a cell's text) its controls become Excel's `_xHHHH_`."""
    text = clean_text(text, keep_controls)
    controls = keep_controls and _CONTROL.search(text) is not None
    if not controls and not _SPECIAL.search(text):
        return text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace('"', "&quot;")
    # Excel decodes _xHHHH_ in text; a literal one is kept by escaping its "_"
    # (found by lookahead, so "_x005F_x0041_" escapes both underscores).
    text = _EXCEL_ESCAPE.sub("_x005F_", text)
    if controls:  # after the line above: our own _xHHHH_ must not be escaped again
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    # A raw CR would be read back as LF (XML end-of-line handling).
    return text.replace("\r", "&#13;")


def _si(text: str) -> str:
    plain = clean_text(text, keep_controls=True)  # the text itself; a formula-like one is
    body = escape(plain, keep_controls=True)  # protected by its cell's style
    # judged before escaping: a trailing CR is "&#13;" in the XML, still whitespace to a reader
    if plain[:1].isspace() or plain[-1:].isspace():
        return f'<si><t xml:space="preserve">{body}</t></si>'
    return f"<si><t>{body}</t></si>"


def cell_ref(row: int, col: int, absolute: bool = False) -> str:
    """The A1-style reference of a zero-based cell ($A$1 when `absolute`)."""
    if absolute:
        return f"${column_letter(col)}${row + 1}"
    return f"{column_letter(col)}{row + 1}"


def range_ref(first_row: int, first_col: int, last_row: int, last_col: int) -> str:
    first, last = cell_ref(first_row, first_col), cell_ref(last_row, last_col)
    return first if first == last else f"{first}:{last}"


def excel_serial(day: date) -> int | float:
    """The Excel (1900 date system) serial number of a date or datetime."""
    plain = day.date() if isinstance(day, datetime) else day
    if plain < _FIRST_DAY:
        raise ValueError(f"Excel cannot show dates before 1900: {day.isoformat()}")
    serial = (plain - _EXCEL_EPOCH).days - (1 if plain < _LEAP_BUG_END else 0)
    if isinstance(day, datetime):
        seconds = day.hour * 3600 + day.minute * 60 + day.second + day.microsecond / 1e6
        return serial + seconds / 86400
    return serial


def number_text(value: int | float) -> str:
    """A number as `<v>` text: ints exactly, floats as their shortest round-trip form."""
    if isinstance(value, numbers.Integral):
        return str(int(value))
    return repr(float(value))


def excel_width(chars: float) -> float:
    """A column width in characters as Excel stores it (7-pixel digits, 5 px padding)."""
    if chars <= 0:
        return 0.0
    pixels = int(chars * 12 + 0.5) if chars < 1 else int(chars * 7 + 0.5) + 5
    return (pixels * 256 // 7) / 256


def quote_sheet(name: str) -> str:
    """A sheet name as it appears in a formula reference (quoted when needed)."""
    if _PLAIN_SHEET_NAME.fullmatch(name) and not _LOOKS_LIKE_REF.fullmatch(name):
        return name
    return "'" + name.replace("'", "''") + "'"


def check_sheet_name(name: str) -> str:
    """Return `name` if Excel accepts it as a sheet name, else raise ValueError."""
    if not name or len(name) > MAX_SHEET_NAME or _BAD_SHEET_NAME.search(name):
        raise ValueError(f"invalid sheet name {name!r} (1-31 characters, none of []:*?/\\)")
    if name.startswith("'") or name.endswith("'") or name != clean_text(name):
        raise ValueError(f"invalid sheet name {name!r}")
    return name


# --------------------------------------------------------------------------- #
# Shared strings and styles.
# --------------------------------------------------------------------------- #


class SharedStrings:
    """The shared-string table: each distinct text once, numbered in order of first use."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self.references = 0

    def __len__(self) -> int:
        return len(self._index)

    def add(self, text: str) -> int:
        """The index of `text`, added if new (does not count a reference)."""
        index = self._index
        return index.setdefault(text, len(index))

    def texts(self) -> list[str]:
        """Every text, at its index (a dict keeps the order of first use)."""
        return list(self._index)

    def add_all(self, texts: Iterable[str]) -> npt.NDArray[np.intp]:
        """Indices of many texts at once."""
        index = self._index
        put = index.setdefault
        return np.fromiter((put(t, len(index)) for t in texts), dtype=np.intp)

    def chunks(self, size: int = 16_384) -> Iterator[str]:
        """sharedStrings.xml in pieces."""
        yield (
            f'{_DECLARATION}<sst xmlns="{_MAIN_NS}" count="{self.references}" '
            f'uniqueCount="{len(self._index)}">'
        )
        texts = list(self._index)
        for start in range(0, len(texts), size):
            yield "".join(map(_si, texts[start : start + size]))
        yield "</sst>"


@dataclass(frozen=True, slots=True)
class CellFormat:
    """A cell format; colours are "RRGGBB"."""

    bold: bool = False
    fill: str | None = None
    bottom_border: bool = False
    wrap: bool = False
    top: bool = False
    num_format: str | None = None
    quote_prefix: bool = False  # text typed with a leading apostrophe: never a formula
    underline: bool = False  # bold and underlined (a replan's changed cell)


@dataclass(frozen=True, slots=True)
class Highlight:
    """A differential format for conditional formatting: font and fill colour."""

    font_color: str
    fill: str


_BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "0%": 9, "0.00%": 10}


class Styles:
    """Registered cell formats (style index 0 is the default) and highlights."""

    def __init__(self) -> None:
        self._formats: list[CellFormat] = [CellFormat()]
        self._highlights: list[Highlight] = []

    def add(self, fmt: CellFormat) -> int:
        """The style index (`s` attribute) of `fmt`."""
        if fmt not in self._formats:
            self._formats.append(fmt)
        return self._formats.index(fmt)

    def quoted(self, style: int) -> int:
        """The index of `style` with the quote prefix (formula-like text stays text)."""
        fmt = self._formats[style]
        return style if fmt.quote_prefix else self.add(replace(fmt, quote_prefix=True))

    def add_highlight(self, highlight: Highlight) -> int:
        """The dxf index of `highlight`."""
        if highlight not in self._highlights:
            self._highlights.append(highlight)
        return self._highlights.index(highlight)

    def xml(self) -> str:
        num_formats: dict[str, int] = {}
        for f in self._formats:
            code = f.num_format
            if code and code not in _BUILTIN_FORMATS and code not in num_formats:
                num_formats[code] = 164 + len(num_formats)
        fills = list(dict.fromkeys(f.fill for f in self._formats if f.fill))
        parts = [f'{_DECLARATION}<styleSheet xmlns="{_MAIN_NS}">']
        if num_formats:
            parts.append(f'<numFmts count="{len(num_formats)}">')
            parts += [
                f'<numFmt numFmtId="{i}" formatCode="{escape(code)}"/>'
                for code, i in num_formats.items()
            ]
            parts.append("</numFmts>")
        # Arial (Liberation Sans in LibreOffice): column widths, counted in the default
        # font's digits, then print alike in Excel and LibreOffice
        font = '<sz val="10"/><name val="Arial"/><family val="2"/>'
        parts.append(f'<fonts count="3"><font>{font}</font><font><b/>{font}</font>'
                     f'<font><b/><u/>{font}</font></fonts>')
        parts.append(f'<fills count="{2 + len(fills)}">')
        parts.append('<fill><patternFill patternType="none"/></fill>')
        parts.append('<fill><patternFill patternType="gray125"/></fill>')
        parts += [
            f'<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/>'
            '<bgColor indexed="64"/></patternFill></fill>'
            for rgb in fills
        ]
        parts.append(
            '</fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom>'
            "<diagonal/></border></borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            f'</cellStyleXfs><cellXfs count="{len(self._formats)}">'
        )
        for f in self._formats:
            fmt_id = _BUILTIN_FORMATS.get(f.num_format, 0) if f.num_format else 0
            fmt_id = num_formats.get(f.num_format or "", fmt_id)
            fill_id = fills.index(f.fill) + 2 if f.fill else 0
            attrs = (
                f'numFmtId="{fmt_id}" fontId="{2 if f.underline else int(f.bold)}" '
                f'fillId="{fill_id}" '
                f'borderId="{int(f.bottom_border)}" xfId="0"'
            )
            attrs += ' applyNumberFormat="1"' if fmt_id else ""
            attrs += ' applyFont="1"' if f.bold or f.underline else ""
            attrs += ' applyFill="1"' if fill_id else ""
            attrs += ' applyBorder="1"' if f.bottom_border else ""
            attrs += ' quotePrefix="1"' if f.quote_prefix else ""
            align = (' vertical="top"' if f.top else "") + (' wrapText="1"' if f.wrap else "")
            if align:
                parts.append(f'<xf {attrs} applyAlignment="1"><alignment{align}/></xf>')
            else:
                parts.append(f"<xf {attrs}/>")
        parts.append(
            '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            f'</cellStyles><dxfs count="{len(self._highlights)}">'
        )
        parts += [
            f'<dxf><font><color rgb="FF{h.font_color}"/></font>'
            f'<fill><patternFill><bgColor rgb="FF{h.fill}"/></patternFill></fill></dxf>'
            for h in self._highlights
        ]
        parts.append(
            '</dxfs><tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
            'defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
        )
        return "".join(parts)


# --------------------------------------------------------------------------- #
# Sheet layout.
# --------------------------------------------------------------------------- #


@dataclass(frozen=True, slots=True)
class TextRule:
    """Conditional format: cells of the (zero-based, inclusive) range equal to `text`."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int
    text: str
    highlight: int


@dataclass(slots=True)
class Sheet:
    """Everything about a sheet except its cells. Rows and columns are zero-based."""

    name: str
    last_row: int
    last_col: int
    widths: list[tuple[int, int, float]] = field(default_factory=list)
    freeze: tuple[int, int] | None = None
    autofilter: bool = False
    rules: list[TextRule] = field(default_factory=list)
    landscape: bool = True
    paper_size: int = 9  # A4
    fit_to_width: bool = True  # one page wide, as many tall as needed
    repeat_header: bool = True  # print row 1 on every page
    repeat_cols: int = 0  # print the first columns on every page across
    footer: str = ""  # page footer, Excel header/footer codes (&P page, &N pages)
    side_margin: float = 0.7  # inches, left and right
    row_breaks: list[int] = field(default_factory=list)  # rows that start a new page
    text_numbers: tuple[int, int, int, int] | None = None  # no "number stored as text"

    def extent(self) -> str:
        return range_ref(0, 0, max(self.last_row, 0), max(self.last_col, 0))


def _pane(freeze: tuple[int, int]) -> str:
    rows, cols = freeze
    top_left = cell_ref(rows, cols)
    if rows and cols:
        top_right, bottom_left = cell_ref(0, cols), cell_ref(rows, 0)
        return (
            f'<pane xSplit="{cols}" ySplit="{rows}" topLeftCell="{top_left}" '
            'activePane="bottomRight" state="frozen"/>'
            f'<selection pane="topRight" activeCell="{top_right}" sqref="{top_right}"/>'
            f'<selection pane="bottomLeft" activeCell="{bottom_left}" sqref="{bottom_left}"/>'
            '<selection pane="bottomRight"/>'
        )
    if rows:
        return (
            f'<pane ySplit="{rows}" topLeftCell="{top_left}" activePane="bottomLeft" '
            'state="frozen"/><selection pane="bottomLeft"/>'
        )
    if cols:
        return (
            f'<pane xSplit="{cols}" topLeftCell="{top_left}" activePane="topRight" '
            'state="frozen"/><selection pane="topRight"/>'
        )
    return ""


def _sheet_head(sheet: Sheet, selected: bool) -> str:
    parts = [_DECLARATION, _SHEET_START]
    if sheet.fit_to_width:
        parts.append('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')
    parts.append(f'<dimension ref="{sheet.extent()}"/>')
    tab = ' tabSelected="1"' if selected else ""
    pane = _pane(sheet.freeze) if sheet.freeze else ""
    parts.append(f'<sheetViews><sheetView{tab} workbookViewId="0">{pane}</sheetView></sheetViews>')
    parts.append('<sheetFormatPr defaultRowHeight="15"/>')
    if sheet.widths:
        spans = sorted(sheet.widths)
        for (_, last, _), (first, _, _) in zip(spans, spans[1:], strict=False):
            if first <= last:
                raise ValueError(f"overlapping column widths in sheet {sheet.name!r}: {spans}")
        parts.append("<cols>")
        parts += [
            f'<col min="{first + 1}" max="{last + 1}" width="{excel_width(w):.16g}" '
            'customWidth="1"/>'
            for first, last, w in spans
        ]
        parts.append("</cols>")
    parts.append("<sheetData>")
    return "".join(parts)


def _sheet_tail(sheet: Sheet) -> str:
    parts = ["</sheetData>"]
    if sheet.autofilter:
        parts.append(f'<autoFilter ref="{sheet.extent()}"/>')
    grouped: dict[str, list[TextRule]] = {}
    for rule in sheet.rules:
        sqref = range_ref(rule.first_row, rule.first_col, rule.last_row, rule.last_col)
        grouped.setdefault(sqref, []).append(rule)
    priority = 0
    for sqref, rules in grouped.items():
        parts.append(f'<conditionalFormatting sqref="{sqref}">')
        for rule in rules:
            priority += 1
            literal = '"' + clean_text(rule.text).replace('"', '""') + '"'
            parts.append(
                f'<cfRule type="cellIs" dxfId="{rule.highlight}" priority="{priority}" '
                f'operator="equal"><formula>{escape(literal)}</formula></cfRule>'
            )
        parts.append("</conditionalFormatting>")
    parts.append(
        f'<pageMargins left="{sheet.side_margin:g}" right="{sheet.side_margin:g}" top="0.75" '
        'bottom="0.75" header="0.3" footer="0.3"/>'
    )
    setup = f'<pageSetup paperSize="{sheet.paper_size}"'
    if sheet.fit_to_width:
        setup += ' fitToWidth="1" fitToHeight="0"'
    setup += f' orientation="{"landscape" if sheet.landscape else "portrait"}"/>'
    parts.append(setup)
    if sheet.footer:
        parts.append(f"<headerFooter><oddFooter>{escape(sheet.footer)}</oddFooter></headerFooter>")
    breaks = sorted({b for b in sheet.row_breaks if 0 < b < MAX_ROWS})[:MAX_PAGE_BREAKS]
    if breaks:
        parts.append(f'<rowBreaks count="{len(breaks)}" manualBreakCount="{len(breaks)}">')
        parts += [f'<brk id="{b}" max="16383" man="1"/>' for b in breaks]
        parts.append("</rowBreaks>")
    if sheet.text_numbers:
        parts.append(
            f'<ignoredErrors><ignoredError sqref="{range_ref(*sheet.text_numbers)}" '
            'numberStoredAsText="1"/></ignoredErrors>'
        )
    parts.append("</worksheet>")
    return "".join(parts)


# --------------------------------------------------------------------------- #
# Column-wise rows.
# --------------------------------------------------------------------------- #


@dataclass(frozen=True, slots=True)
class Column:
    """The cells of one sheet column over a run of rows.

    Row i holds `cells[codes[i]]`: the XML after `<c r="F2"`, e.g.
    ` t="s"><v>3</v></c>` (see `Workbook.text_cell`/`number_cell`), or None
    for no cell at all.
    """

    col: int
    codes: npt.NDArray[np.intp]
    cells: Sequence[str | None]


def _object_array(items: Sequence[object]) -> npt.NDArray[np.object_]:
    array = np.empty(len(items), dtype=object)
    array[:] = list(items)
    return array


# --------------------------------------------------------------------------- #
# The workbook.
# --------------------------------------------------------------------------- #


class Workbook:
    """An .xlsx file written sheet by sheet, in the order of `sheet_names`.

    Use as a context manager; `close()` writes the shared strings, styles,
    workbook and properties. Sheets are streamed: call `write_sheet` once per
    name, in order.
    """

    def __init__(
        self, path: Path | str, sheet_names: Sequence[str], compress_level: int = COMPRESS_LEVEL
    ) -> None:
        names = [check_sheet_name(n) for n in sheet_names]
        if not names:
            raise ValueError("a workbook needs at least one sheet")
        if len({n.casefold() for n in names}) != len(names):
            raise ValueError(f"duplicate sheet names in {names}")
        self.strings = SharedStrings()
        self.styles = Styles()
        self._names = names
        self._sheets: list[Sheet] = []
        self._level = compress_level
        self._zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        self._closed = False
        self._write_part("[Content_Types].xml", [self._content_types()])
        self._write_part("_rels/.rels", [_ROOT_RELS])
        self._write_part("docProps/app.xml", [_APP])

    # -- context manager ------------------------------------------------------ #

    def __enter__(self) -> Workbook:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:
            self._zip.close()  # the caller discards the half-written file

    # -- cells ---------------------------------------------------------------- #

    def text_cell(self, text: str, style: int = 0) -> str:
        """A shared-string cell (counts no reference; `Column`/`row` count them); formula-like
        text gets the quote-prefixed twin of `style`."""
        if needs_neutralising(text):
            style = self.styles.quoted(style)
        s = f' s="{style}"' if style else ""
        return f'{s} t="s"><v>{self.strings.add(text)}</v></c>'

    @staticmethod
    def number_cell(value: int | float, style: int = 0) -> str:
        s = f' s="{style}"' if style else ""
        return f"{s}><v>{number_text(value)}</v></c>"

    def cell(self, value: Value, style: int = 0) -> str | None:
        """The cell XML (after the reference) for a Python value; None for no cell.

        Dates become serial numbers (give them a date `style`); a non-finite float
        is written as its text, since Excel has no such number.
        """
        if value is None:
            return None
        if isinstance(value, str):
            return self.text_cell(value, style)
        if isinstance(value, bool):
            s = f' s="{style}"' if style else ""
            return f'{s} t="b"><v>{int(value)}</v></c>'
        if isinstance(value, date):
            return self.number_cell(excel_serial(value), style)
        if isinstance(value, float) and not math.isfinite(value):
            return self.text_cell(str(value), style)
        return self.number_cell(value, style)

    def row(self, row: int, cells: Iterable[tuple[int, Value, int]]) -> str:
        """One row's XML from (column, value, style) triples (zero-based)."""
        parts = [f'<row r="{row + 1}">']
        for col, value, style in sorted(cells, key=lambda c: c[0]):
            xml = self.cell(value, style)
            if xml is not None:
                parts.append(f'<c r="{cell_ref(row, col)}"{xml}')
                self.strings.references += ' t="s">' in xml
        parts.append("</row>")
        return "".join(parts)

    def text_column(self, col: int, texts: Sequence[str], style: int = 0) -> Column:
        """A column of shared-string cells, one text per row."""
        index = self.strings.add_all(texts)
        distinct, codes = np.unique(index, return_inverse=True)
        known = self.strings.texts()
        cells = [self.text_cell(known[k], style) for k in distinct.tolist()]
        return Column(col, codes.reshape(-1).astype(np.intp), cells)

    def number_column(
        self,
        col: int,
        values: npt.NDArray[np.generic],
        style: int = 0,
        present: npt.NDArray[np.bool_] | None = None,
    ) -> Column:
        """A column of numbers, one per row; rows where `present` is False get no cell."""
        if present is not None:
            values = values[present]
        distinct, inverse = np.unique(values, return_inverse=True)
        cells: list[str | None] = [self.cell(v, style) for v in distinct.tolist()]
        inverse = inverse.reshape(-1).astype(np.intp)
        if present is None:
            return Column(col, inverse, cells)
        codes = np.full(len(present), len(cells), dtype=np.intp)
        codes[present] = inverse
        return Column(col, codes, [*cells, None])

    def rows(self, first_row: int, n_rows: int, columns: Sequence[Column],
             heights: npt.NDArray[np.float64] | None = None) -> Iterator[str]:
        """XML for rows `first_row`.. (zero-based), `n_rows` of them, in chunks.

        `heights` (points, one per row; 0 for the default) is for wrapped text: spreadsheets
        keep a file's row heights when they open it rather than fitting them to the text.
        """
        columns = sorted(columns, key=lambda c: c.col)
        for c in columns:
            if len(c.codes) != n_rows:
                raise ValueError(f"column {c.col} has {len(c.codes)} rows, expected {n_rows}")
        if first_row + n_rows > MAX_ROWS:
            raise ValueError(f"a sheet holds at most {MAX_ROWS:,} rows; {first_row + n_rows:,}")
        prefixes = [f'<c r="{column_letter(c.col)}' for c in columns]
        tables = [_object_array(['"' + x if x else "" for x in c.cells]) for c in columns]
        blanks = [np.array([x is None for x in c.cells], dtype=np.bool_) for c in columns]
        for c in columns:
            is_text = np.array([' t="s">' in (x or "") for x in c.cells], dtype=np.bool_)
            if is_text.any():
                self.strings.references += int(is_text[c.codes].sum())
        width = 3 * len(columns) + 4
        for start in range(0, n_rows, CHUNK_ROWS):
            stop = min(n_rows, start + CHUNK_ROWS)
            numbers = _object_array(
                [str(r) for r in range(first_row + start + 1, first_row + stop + 1)]
            )
            block = np.empty((stop - start, width), dtype=object)
            block[:, 0] = '<row r="'
            block[:, 1] = numbers
            block[:, 2] = '">'
            if heights is not None:
                block[:, 2] = _object_array([f'" ht="{h:g}" customHeight="1">' if h else '">'
                                             for h in heights[start:stop].tolist()])
            for j, column in enumerate(columns):
                codes = column.codes[start:stop]
                k = 3 + 3 * j
                missing = blanks[j][codes]
                if missing.any():
                    block[:, k] = _object_array([prefixes[j], ""])[missing.astype(np.intp)]
                    here = numbers.copy()
                    here[missing] = ""
                    block[:, k + 1] = here
                else:
                    block[:, k] = prefixes[j]
                    block[:, k + 1] = numbers
                block[:, k + 2] = tables[j][codes]
            block[:, -1] = "</row>"
            yield "".join(block.ravel().tolist())

    # -- sheets and parts ----------------------------------------------------- #

    def write_sheet(self, sheet: Sheet, rows: Iterable[str]) -> None:
        """Stream one sheet: `rows` is its <sheetData> content, in row order."""
        k = len(self._sheets)
        if k >= len(self._names) or sheet.name != self._names[k]:
            expected = self._names[k] if k < len(self._names) else "(none)"
            raise ValueError(f"sheet {sheet.name!r} written out of order; expected {expected!r}")
        if sheet.last_row >= MAX_ROWS or sheet.last_col >= MAX_COLS:
            raise ValueError(
                f"sheet {sheet.name!r} is {sheet.last_row + 1:,} rows x {sheet.last_col + 1:,} "
                f"columns; Excel allows {MAX_ROWS:,} x {MAX_COLS:,}"
            )
        self._sheets.append(sheet)
        head, tail = _sheet_head(sheet, selected=k == 0), _sheet_tail(sheet)
        self._write_part(f"xl/worksheets/sheet{k + 1}.xml", _chain([head], rows, [tail]))

    def close(self, title: str = "", subject: str = "", description: str = "") -> None:
        """Write the remaining parts and close the file."""
        if self._closed:
            return
        if len(self._sheets) != len(self._names):
            raise ValueError(f"{len(self._names) - len(self._sheets)} sheet(s) never written")
        self._write_part("xl/sharedStrings.xml", self.strings.chunks())
        self._write_part("xl/styles.xml", [self.styles.xml()])
        self._write_part("xl/workbook.xml", [self._workbook_xml()])
        self._write_part("xl/_rels/workbook.xml.rels", [self._workbook_rels()])
        self._write_part("docProps/core.xml", [_core(title, subject, description)])
        self._zip.close()
        self._closed = True

    def _write_part(self, name: str, chunks: Iterable[str]) -> None:
        info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info._compresslevel = self._level  # type: ignore[attr-defined]
        info.create_system = 3  # the same bytes on every platform
        info.external_attr = 0o644 << 16
        with self._zip.open(info, "w") as out:
            _write_chunks(out, chunks)

    def _content_types(self) -> str:
        sheets = "".join(
            f'<Override PartName="/xl/worksheets/sheet{k}.xml" '
            f'ContentType="{_CT}spreadsheetml.worksheet+xml"/>'
            for k in range(1, len(self._names) + 1)
        )
        return (
            f'{_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/docProps/app.xml" '
            f'ContentType="{_CT}extended-properties+xml"/><Override '
            'PartName="/docProps/core.xml" ContentType="application/'
            'vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/xl/styles.xml" '
            f'ContentType="{_CT}spreadsheetml.styles+xml"/><Override PartName="/xl/workbook.xml" '
            f'ContentType="{_CT}spreadsheetml.sheet.main+xml"/>{sheets}<Override '
            f'PartName="/xl/sharedStrings.xml" ContentType="{_CT}spreadsheetml.sharedStrings+xml"/>'
            "</Types>"
        )

    def _workbook_xml(self) -> str:
        names: list[tuple[str, str, int, str]] = []
        for k, sheet in enumerate(self._sheets):
            quoted = quote_sheet(sheet.name)
            if sheet.autofilter:
                last = cell_ref(max(sheet.last_row, 0), max(sheet.last_col, 0), absolute=True)
                names.append(("_xlnm._FilterDatabase", sheet.name, k, f"{quoted}!$A$1:{last}"))
            titles = [f"{quoted}!$A:${column_letter(sheet.repeat_cols - 1)}"] \
                if sheet.repeat_cols else []
            titles += [f"{quoted}!$1:$1"] if sheet.repeat_header else []
            if titles:
                names.append(("_xlnm.Print_Titles", sheet.name, k, ",".join(titles)))
        names.sort(key=lambda n: (n[0].removeprefix("_xlnm.").casefold(), n[1].casefold()))
        defined = "".join(
            f'<definedName name="{name}" localSheetId="{k}"'
            + (' hidden="1"' if name.endswith("_FilterDatabase") else "")
            + f">{escape(ref)}</definedName>"
            for name, _, k, ref in names
        )
        sheets = "".join(
            f'<sheet name="{escape(s.name)}" sheetId="{k}" r:id="rId{k}"/>'
            for k, s in enumerate(self._sheets, start=1)
        )
        return (
            f'{_DECLARATION}<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}"><workbookPr/>'
            '<bookViews><workbookView xWindow="240" yWindow="15" windowWidth="16095" '
            f'windowHeight="9660"/></bookViews><sheets>{sheets}</sheets>'
            + (f"<definedNames>{defined}</definedNames>" if defined else "")
            + '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
        )

    def _workbook_rels(self) -> str:
        n = len(self._sheets)
        rels = [
            f'<Relationship Id="rId{k}" Type="{_REL_NS}/worksheet" '
            f'Target="worksheets/sheet{k}.xml"/>'
            for k in range(1, n + 1)
        ]
        rels.append(f'<Relationship Id="rId{n + 1}" Type="{_REL_NS}/styles" Target="styles.xml"/>')
        rels.append(
            f'<Relationship Id="rId{n + 2}" Type="{_REL_NS}/sharedStrings" '
            'Target="sharedStrings.xml"/>'
        )
        return f'{_DECLARATION}<Relationships xmlns="{_PKG_REL_NS}">{"".join(rels)}</Relationships>'


def _chain(*parts: Iterable[str]) -> Iterator[str]:
    for part in parts:
        yield from part


def _write_chunks(out: IO[bytes], chunks: Iterable[str]) -> None:
    for chunk in chunks:
        out.write(chunk.encode("utf-8"))


def _core(title: str, subject: str, description: str) -> str:
    """docProps/core.xml; no dates, so the same result gives the same bytes."""
    fields = [
        f"<dc:{tag}>{escape(value)}</dc:{tag}>"
        for tag, value in (("title", title), ("subject", subject), ("description", description))
        if value
    ]
    fields.append(f"<dc:creator>{CREATOR}</dc:creator>")
    return (
        f'{_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
        '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{"".join(fields)}'
        "</cp:coreProperties>"
    )


_ROOT_RELS = (
    f'{_DECLARATION}<Relationships xmlns="{_PKG_REL_NS}">'
    f'<Relationship Id="rId1" Type="{_OFFICE_DOC}" Target="xl/workbook.xml"/>'
    f'<Relationship Id="rId2" Type="{_PKG_REL_NS}/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL_NS}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

_APP = (
    f'{_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    'docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity>'
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>"
)
