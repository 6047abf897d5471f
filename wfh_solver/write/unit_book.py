"""A unit's printable roster as a small workbook a department head can sign (XlsxWriter).

Sheet `Jadwal` (one per month when the period spans months): title, unit (named once), circular
and period; staff grouped by sub-unit; the whole month across one A4 landscape page width at
8 pt, one narrow column per day headed by its day name (turned upright) and date and holding a
one-letter code (`O` bold and shaded, so it reads in black and white); per-day counts; the
legend, page numbers and the signature block of the unit's head, kept with the table's last
rows by a page break the writer places (`_Sheet._keep_break`). The two header rows are the
sheet's print titles, so Excel and LibreOffice repeat them on every printed page; a large unit
prints one section per sub-unit, each from a new page. Sheet `Ringkasan`:
`printable.unit_notes` in plain words. Every text is written as a string, exactly as the export
has it; a formula-like one (`=…`, `+62 …`, `-Rina-`) gets the quote-prefixed twin of its format
(`neutral.needs_neutralising`), so editing the cell keeps it text. XlsxWriter rather than
the streaming writer: these workbooks are small and need merged cells, rich print setup and
per-cell formats (speed measured in benchmarks/README.md).
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from wfh_solver.write.atomic import atomic_output
from wfh_solver.write.neutral import needs_neutralising
from wfh_solver.write.outputs import CREATOR
from wfh_solver.write.printable import (
    SHORT,
    PrintGroup,
    UnitPrintout,
    day_name,
    month_label,
    p,
)

FONT = "Arial"
BODY_PT = 9
SMALL_PT = 8  # the table's text, the legend and the headers: the smallest printed anywhere
FIRST_DAY = 4
HEADER_ROW = 5  # the two header rows (5 and 6, 0-based) are the print titles
#: Column widths are in Arial 10 digit widths (the workbook's default font); LibreOffice prints
#: a unit as 5.55 pt + 4 pt padding, Excel as 5.25 pt + 3.75 pt. The table is sized in points
#: to A4 landscape's 799 pt between 0.3" margins, less a safety margin, at 100 %.
PAGE_PT = 785.0
NO_PT, NIP_PT, DAY_PT, TOTAL_PT, NAME_MAX_PT = 20.0, 92.0, 15.0, 20.0, 150.0
NOTE_WIDTHS = (30.0, 105.0)
#: Printed height of a page's rows in points: A4 landscape's 595 pt less the 0.5" and 0.6"
#: margins, less a safety margin for the footer and for rounding (LibreOffice and Excel).
BODY_HEIGHT_PT = 495.0
LINE_ROW_PT = 12.5  # a row of one line of 8-9 pt text
KEEP_ROWS = 2  # the table's last rows printed on the signature's page


def width(points: float) -> float:
    """A column width in digit units for `points` printed (LibreOffice's, the wider)."""
    return max(1.0, (points - 4.0) / 5.55)


def lines(text: str, width: float, size: float = BODY_PT) -> int:
    """Lines `text` wraps to in a column `width` digit units wide (rounded up, to be safe).

    Spreadsheets do not grow wrapped rows when they open a file (LibreOffice keeps the stored
    height), so the writer sets each height itself; Arial averages about half an em per
    character of a name or a position, counted here as 0.55 em to stay on the safe side.
    """
    per_line = max(1, int(width * 5.55 / (size * 0.55)) - 1)
    return sum(max(1, len(textwrap.wrap(part, per_line, break_long_words=True)))
               for part in text.split("\n"))


def height(n_lines: int, size: float = BODY_PT) -> float:
    return n_lines * size * 1.25 + 3


def _formats(book: Any) -> dict[str, Any]:
    base = {"font_name": FONT, "font_size": BODY_PT, "valign": "vcenter"}
    cell = {**base, "border": 1, "font_size": SMALL_PT}

    def fmt(**extra: Any) -> Any:
        return add({**base, **extra})

    def add(spec: dict[str, Any]) -> Any:
        """A format and, beside it, its quote-prefixed twin for formula-like text."""
        plain = book.add_format(spec)
        plain.quoted_twin = book.add_format({**spec, "quote_prefix": True})
        return plain

    head = {**cell, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#D9D9D9"}
    return {
        "title": fmt(bold=True, font_size=12, align="center"),
        "unit": fmt(bold=True, font_size=12, align="center"),
        "line": fmt(font_size=BODY_PT, align="center"),
        "legend": fmt(italic=True, font_size=SMALL_PT),
        "block": fmt(bold=True),
        "head": add(head),
        "upright": add({**head, "rotation": 90}),
        "group": add({**cell, "bold": True, "bg_color": "#EFEFEF"}),
        "no": add({**cell, "align": "center", "valign": "top"}),
        "text": add({**cell, "text_wrap": True, "valign": "top"}),
        "WFO": add({**cell, "bold": True, "align": "center", "bg_color": "#C6E0B4",
                    "pattern": 1}),
        "WFH": add({**cell, "align": "center"}),
        "away": add({**cell, "italic": True, "align": "center"}),
        "number": add({**cell, "align": "center"}),
        "total": add({**cell, "bold": True}),
        "sign": fmt(align="center"),
        "sign_name": fmt(align="center", bold=True, underline=1),
        "key": add({**base, "bold": True, "text_wrap": True, "valign": "top", "border": 1,
                    "font_size": 10}),
        "value": add({**base, "text_wrap": True, "valign": "top", "border": 1,
                      "font_size": 10}),
    }


def _style(fmt: Any, text: str) -> Any:
    """The format for `text`: its quote-prefixed twin when a spreadsheet could take the text
    for a formula (the text itself stays exactly the export's)."""
    return getattr(fmt, "quoted_twin", fmt) if needs_neutralising(text) else fmt


def _text(sheet: Any, row: int, col: int, text: str, fmt: Any) -> None:
    """A string cell holding `text` exactly; never a formula, a number or a link."""
    sheet.write_string(row, col, text, _style(fmt, text))


def _merged(sheet: Any, row: int, first: int, last: int, text: str, fmt: Any) -> None:
    if first == last:
        _text(sheet, row, first, text, fmt)
    else:  # merged blank, then the text as a string: merge_range would guess its type
        sheet.merge_range(row, first, row, last, "", _style(fmt, text))
        _text(sheet, row, first, text, fmt)


class _Sheet:
    """One month of a unit on its own sheet: its print titles are the month's header."""

    def __init__(self, book: Any, out: UnitPrintout, lang: str, f: dict[str, Any], first: int,
                 end: int, last_block: bool) -> None:
        self.out, self.lang, self.f, self.days = out, lang, f, range(first, end)
        self.last_block = last_block
        name = p("pr_sheet_roster", lang)
        if len(out.blocks) > 1:
            name = f"{name} {month_label(out.days[first], lang)}"[:31]
        self.sheet = book.add_worksheet(name)
        self.totals = ["O", "H"] + (["pr_col_away_short"] if out.has_away else [])
        self.counted = len(self.totals)  # day totals; then the team, if any (`--tim`)
        if out.has_teams:
            self.totals.append("pr_col_team")
        self.first_total = FIRST_DAY + len(self.days)
        self.last = self.first_total + len(self.totals) - 1
        self.name_width, self.position_width = self._widths()
        self.heights: dict[int, float] = {}  # every row's height as set, for `_keep_break`
        self.people: list[int] = []  # rows of people, in order
        self.titles: set[int] = set()  # rows of sub-unit titles

    def _widths(self) -> tuple[float, float]:
        """No, NIP, days and totals at their fixed widths; the name up to its longest (as
        `lines` counts it, so that it is one line) and the position share what is left."""
        sheet = self.sheet
        rest = PAGE_PT - NO_PT - NIP_PT - DAY_PT * len(self.days) - TOTAL_PT * len(self.totals)
        longest = max((len(r.name) for g in self.out.groups for r in g.rows), default=20)
        name = min((longest + 1) * SMALL_PT * 0.55 + 4, NAME_MAX_PT, rest / 2)
        for col, points in ((0, NO_PT), (1, name), (2, NIP_PT), (3, rest - name)):
            sheet.set_column(col, col, width(points))
        sheet.set_column(FIRST_DAY, self.first_total - 1, width(DAY_PT))
        sheet.set_column(self.first_total, self.last, width(TOTAL_PT))
        return width(name), width(rest - name)

    def write(self) -> None:
        out, lang, f, sheet = self.out, self.lang, self.f, self.sheet
        _merged(sheet, 0, 0, self.last, p("pr_title", lang), f["title"])
        _merged(sheet, 1, 0, self.last, out.unit, f["unit"])
        _merged(sheet, 2, 0, self.last, p("pr_basis_line", lang, circular=out.circular),
                f["line"])
        _merged(sheet, 3, 0, self.last, p("pr_period_line", lang, period=out.period), f["line"])
        if len(out.blocks) > 1:
            _text(sheet, 4, 0, month_label(out.days[self.days[0]], lang), f["block"])
        for row, points in enumerate((16.0, 16.0, LINE_ROW_PT, LINE_ROW_PT, LINE_ROW_PT)):
            self._height(row, points)
        self._header(HEADER_ROW)
        row, breaks = HEADER_ROW + 2, []
        if out.sectioned:
            for s, group in enumerate(out.groups):
                if s:
                    breaks.append(row)
                _merged(sheet, row, 0, self.last, p(
                    "pr_section", lang, sub=group.sub_unit or p("pr_no_sub", lang),
                    count=len(group.rows)), f["block"])
                self._height(row, LINE_ROW_PT)
                self.titles.add(row)
                row = self._counts(self._rows(row + 1, group), group.in_office, group.present)
        else:
            for group in out.groups:
                _merged(sheet, row, 0, self.last, group.sub_unit or p("pr_no_sub", lang),
                        f["group"])
                self._height(row, LINE_ROW_PT)
                self.titles.add(row)
                row = self._rows(row + 1, group)
            row = self._counts(row, out.in_office, out.present)
        if self.last_block:
            _signature(sheet, out, lang, f, row + 1, self.last)
            for k in range(row, row + 8):  # a blank row, then the block's seven
                self._height(k, LINE_ROW_PT)
            breaks += self._keep_break(breaks, row + 8)
        sheet.set_h_pagebreaks(sorted(breaks))
        sheet.repeat_rows(HEADER_ROW, HEADER_ROW + 1)
        _page_setup(sheet, lang, self.last)

    def _header(self, row: int) -> None:
        """No, Nama, NIP, Jabatan over both rows; each day's name upright over its date; the
        totals under `Jumlah hari`."""
        sheet, f, lang, out = self.sheet, self.f, self.lang, self.out
        for col, key in enumerate(("pr_col_no", "pr_col_name_only", "pr_col_nip",
                                   "pr_col_position")):
            sheet.merge_range(row, col, row + 1, col, p(key, lang), f["head"])
        for k, d in enumerate(self.days):
            _text(sheet, row, FIRST_DAY + k, day_name(out.days[d], lang), f["upright"])
            sheet.write_number(row + 1, FIRST_DAY + k, out.days[d].day, f["head"])
        _merged(sheet, row, self.first_total, self.first_total + self.counted - 1,
                p("pr_col_totals", lang), f["head"])
        for k, key in enumerate(self.totals):
            text = p(key, lang) if key.startswith("pr_") else key
            if k >= self.counted:
                sheet.merge_range(row, self.first_total + k, row + 1, self.first_total + k, text,
                                  f["head"])
            else:
                _text(sheet, row + 1, self.first_total + k, text, f["head"])
        self._height(row, 3 * SMALL_PT + 4)
        self._height(row + 1, SMALL_PT * 1.3 + 3)

    def _height(self, row: int, points: float) -> None:
        self.sheet.set_row(row, points)
        self.heights[row] = points

    def _keep_break(self, breaks: list[int], end: int) -> list[int]:
        """A page break before the table's last rows when they, the counts and the signature
        block would not fit on the page they start on: the block never prints alone. The
        pages are laid out here as a spreadsheet prints them, row by row, the header rows
        repeated on each new page."""
        if not self.people:
            return []
        keep = self.people[-min(KEEP_ROWS, len(self.people))]
        if keep - 1 in self.titles:
            keep -= 1  # a sub-unit's title stays with its rows
        head = self.heights[HEADER_ROW] + self.heights[HEADER_ROW + 1]
        y, manual = 0.0, set(breaks)
        for row in range(keep):
            step = self.heights.get(row, LINE_ROW_PT)
            if row in manual or y + step > BODY_HEIGHT_PT:
                y = head
            y += step
        need = sum(self.heights.get(row, LINE_ROW_PT) for row in range(keep, end))
        return [keep] if y + need > BODY_HEIGHT_PT and head + need <= BODY_HEIGHT_PT else []

    def _rows(self, row: int, group: PrintGroup) -> int:
        sheet, f = self.sheet, self.f
        for person in group.rows:
            sheet.write_number(row, 0, person.number, f["no"])
            _text(sheet, row, 1, person.name, f["text"])
            _text(sheet, row, 2, person.nip, f["text"])
            _text(sheet, row, 3, person.position, f["text"])
            self._height(row, height(max(lines(person.name, self.name_width, SMALL_PT),
                                         lines(person.position, self.position_width,
                                               SMALL_PT)), SMALL_PT))
            self.people.append(row)
            for k, d in enumerate(self.days):
                code = person.codes[d]
                _text(sheet, row, FIRST_DAY + k, SHORT.get(code, code), f.get(code, f["away"]))
            for k, value in enumerate([person.wfo, person.wfh, person.away][:self.counted]):
                sheet.write_number(row, self.first_total + k, value, f["number"])
            if self.out.has_teams:
                _text(sheet, row, self.first_total + self.counted, person.team, f["text"])
            row += 1
        return row

    def _counts(self, row: int, in_office: tuple[int, ...], present: tuple[int, ...]) -> int:
        counts = [("pr_in_office", in_office)]
        if self.out.has_away:
            counts.append(("pr_present", present))
        for key, per_day in counts:
            _merged(self.sheet, row, 0, FIRST_DAY - 1, p(key, self.lang), self.f["total"])
            self._height(row, LINE_ROW_PT)
            for k, d in enumerate(self.days):
                self.sheet.write_number(row, FIRST_DAY + k, per_day[d], self.f["number"])
            row += 1
        return row


def _signature(sheet: Any, out: UnitPrintout, lang: str, f: dict[str, Any], row: int,
               last: int) -> None:
    """`Mengetahui, Kepala …`, room to sign, the head's name and NIP (blank lines if unknown);
    the legend at the left, beside the room to sign."""
    first = FIRST_DAY  # the days' width: room for a long position on one line
    signer = out.signer
    lines = [(p("pr_known", lang), f["sign"]),
             (signer.position if signer else p("pr_head_of", lang, unit=out.unit), f["sign"]),
             ("", f["sign"]), ("", f["sign"]), ("", f["sign"]),
             (signer.name if signer else p("pr_blank_name", lang), f["sign_name"]),
             (p("pr_nip", lang, nip=signer.nip) if signer else p("pr_blank_nip", lang),
              f["sign"])]
    for k, (text, fmt) in enumerate(lines):
        _merged(sheet, row + k, first, last, text, fmt)
    _merged(sheet, row + 3, 0, FIRST_DAY - 1, p("pr_legend", lang), f["legend"])


def _page_setup(sheet: Any, lang: str, last: int) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.3, right=0.3, top=0.5, bottom=0.6)
    sheet.set_footer("&C" + p("pr_page", lang, page="&P", pages="&N"),
                     {"margin": 0.25})
    sheet.fit_to_pages(1, 0)  # a safety net: the columns are sized to fit at 100 %
    sheet.hide_gridlines(2)


def _notes_sheet(book: Any, out: UnitPrintout, lang: str, f: dict[str, Any]) -> None:
    sheet = book.add_worksheet(p("pr_sheet_notes", lang))
    sheet.set_column(0, 0, NOTE_WIDTHS[0])
    sheet.set_column(1, 1, NOTE_WIDTHS[1])
    _text(sheet, 0, 0, p("pr_item", lang), f["head"])
    _text(sheet, 0, 1, p("pr_text", lang), f["head"])
    for row, (item, text) in enumerate(out.notes, start=1):
        _text(sheet, row, 0, item, f["key"])
        _text(sheet, row, 1, text, f["value"])
        sheet.set_row(row, height(max(lines(item, NOTE_WIDTHS[0], 10),
                                      lines(text, NOTE_WIDTHS[1], 10)), 10))
    _page_setup(sheet, lang, 1)
    sheet.repeat_rows(0)


def write_unit_book(out: UnitPrintout, path: Path | str, lang: str = "id") -> None:
    """Write one unit's printable workbook atomically."""
    import xlsxwriter  # here, not at the top: a run without `--per-unit` never loads it

    with atomic_output(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {
            "in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
            "strings_to_urls": False,
            # column widths are counted in the default font's digits: Arial, as printed
            "default_format_properties": {"font_name": FONT, "font_size": 10}})
        book.set_properties({"title": f"{p('pr_title', lang)} — {out.unit}",
                             "subject": out.circular, "author": CREATOR})
        formats = _formats(book)
        for b, (first, end) in enumerate(out.blocks):
            _Sheet(book, out, lang, formats, first, end, b == len(out.blocks) - 1).write()
        _notes_sheet(book, out, lang, formats)
        book.close()
