"""A unit's printable roster as a small workbook a department head can sign (XlsxWriter).

Sheet `Jadwal`: title, unit (named once), circular and period; staff grouped by sub-unit, one
fortnight of days per page width at 9 pt on A4 landscape (no shrink-to-fit), `WFO` bold and
shaded so it reads in black and white, per-day counts, page numbers, and the signature block of
the unit's head. Sheet `Ringkasan`: `printable.unit_notes` in plain words. Every text is written
as a string, exactly as the export has it; a formula-like one (`=…`, `+62 …`, `-Rina-`) gets the
quote-prefixed twin of its format (`neutral.needs_neutralising`), so editing the cell keeps it
text. XlsxWriter rather than the streaming writer: these workbooks are small and need
merged cells, rich print setup and per-cell formats (speed measured in benchmarks/README.md).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter

from wfh_solver.write.atomic import atomic_output
from wfh_solver.write.neutral import needs_neutralising
from wfh_solver.write.outputs import CREATOR
from wfh_solver.write.printable import UnitPrintout, p

FONT = "Arial"
BODY_PT = 9
SMALL_PT = 8  # the smallest text printed anywhere: legend and day headers
FIRST_DAY = 3
#: Column widths in Arial 10 digit widths (the workbook's default font): LibreOffice prints a
#: unit as 5.55 pt + 4 pt padding, Excel as 5.25 pt + 3.75 pt. Twelve days and three totals:
#: 27 + 148 + 121 + 15 × 31 = 760 pt, inside A4 landscape's 799 pt between 0.3" margins.
WIDTHS = {"no": 4.2, "name": 26.0, "position": 21.0, "day": 4.8}
NOTE_WIDTHS = (30.0, 105.0)


def lines(text: str, width: float, size: float = BODY_PT) -> int:
    """Lines `text` wraps to in a column `width` characters wide (rounded up, to be safe).

    Spreadsheets do not grow wrapped rows when they open a file (LibreOffice keeps the stored
    height), so the writer sets each height itself; a character of Arial at `size` pt is at
    about one width unit (the digit width of the default Arial 10) at 9 pt.
    """
    per_line = max(1, int(width * 1.05 * BODY_PT / size) - 1)
    return sum(max(1, len(textwrap.wrap(part, per_line, break_long_words=True)))
               for part in text.split("\n"))


def height(n_lines: int, size: float = BODY_PT) -> float:
    return n_lines * size * 1.3 + 3


@dataclass(frozen=True)
class Style:
    """An XlsxWriter format and its quote-prefixed twin (XlsxWriter writes only those used)."""

    plain: Any
    quoted: Any

    def of(self, text: str) -> Any:
        return self.quoted if needs_neutralising(text) else self.plain


def _formats(book: Any) -> dict[str, Style]:
    specs = _format_specs()
    return {name: Style(book.add_format(spec), book.add_format({**spec, "quote_prefix": True}))
            for name, spec in specs.items()}


def _format_specs() -> dict[str, dict[str, Any]]:
    base = {"font_name": FONT, "font_size": BODY_PT, "valign": "vcenter"}
    cell = {**base, "border": 1}

    def fmt(**extra: Any) -> dict[str, Any]:
        return {**base, **extra}

    return {
        "title": fmt(bold=True, font_size=12, align="center"),
        "unit": fmt(bold=True, font_size=12, align="center"),
        "line": fmt(font_size=10, align="center"),
        "legend": fmt(italic=True, font_size=SMALL_PT, align="center", text_wrap=True),
        "block": fmt(bold=True),
        "head": {**cell, "bold": True, "font_size": SMALL_PT, "align": "center",
                 "text_wrap": True, "bg_color": "#D9D9D9"},
        "group": {**cell, "bold": True, "bg_color": "#EFEFEF", "text_wrap": True},
        "no": {**cell, "align": "center", "valign": "top"},
        "text": {**cell, "text_wrap": True, "valign": "top"},
        "WFO": {**cell, "bold": True, "align": "center", "bg_color": "#C6E0B4", "pattern": 1},
        "WFH": {**cell, "align": "center"},
        "away": {**cell, "italic": True, "align": "center", "font_size": SMALL_PT},
        "number": {**cell, "align": "center"},
        "total": {**cell, "bold": True, "text_wrap": True},
        "sign": fmt(align="center"),
        "sign_name": fmt(align="center", bold=True, underline=1),
        "key": {**base, "bold": True, "text_wrap": True, "valign": "top", "border": 1,
                "font_size": 10},
        "value": {**base, "text_wrap": True, "valign": "top", "border": 1, "font_size": 10},
    }


def _text(sheet: Any, row: int, col: int, text: str, style: Style) -> None:
    """A string cell holding `text` exactly; never a formula, a number or a link."""
    sheet.write_string(row, col, text, style.of(text))


def _merged(sheet: Any, row: int, first: int, last: int, text: str, style: Style) -> None:
    if first == last:
        _text(sheet, row, first, text, style)
    else:  # merged blank, then the text as a string: merge_range would guess its type
        sheet.merge_range(row, first, row, last, "", style.of(text))
        _text(sheet, row, first, text, style)


def _roster_sheet(book: Any, out: UnitPrintout, lang: str, f: dict[str, Any]) -> None:
    sheet = book.add_worksheet(p("pr_sheet_roster", lang))
    width = max((end - first for first, end in out.blocks), default=0)
    totals = ["pr_col_wfo", "pr_col_wfh"] + (["pr_col_away"] if out.has_away else [])
    last = FIRST_DAY + width + len(totals) - 1
    sheet.set_column(0, 0, WIDTHS["no"])
    sheet.set_column(1, 1, WIDTHS["name"])
    sheet.set_column(2, 2, WIDTHS["position"])
    sheet.set_column(FIRST_DAY, last, WIDTHS["day"])
    _merged(sheet, 0, 0, last, p("pr_title", lang), f["title"])
    _merged(sheet, 1, 0, last, out.unit, f["unit"])
    _merged(sheet, 2, 0, last, p("pr_basis_line", lang, circular=out.circular), f["line"])
    _merged(sheet, 3, 0, last, p("pr_period_line", lang, period=out.period), f["line"])
    _merged(sheet, 4, 0, last, p("pr_legend", lang), f["legend"])
    row, breaks, header_rows = 6, [], []
    for b, (first, end) in enumerate(out.blocks):
        if b:
            breaks.append(row)
        if len(out.blocks) > 1:
            _text(sheet, row, 0, p("pr_block", lang, start=f"{out.days[first]:%d/%m/%Y}",
                                   end=f"{out.days[end - 1]:%d/%m/%Y}"), f["block"])
            row += 1
        header_rows.append(row)
        row = _block(sheet, out, lang, f, row, first, end, width, totals)
    _signature(sheet, out, lang, f, row + 2, last)
    sheet.set_h_pagebreaks(breaks)
    if len(out.blocks) == 1:
        sheet.repeat_rows(header_rows[0])
    _page_setup(sheet, lang, last)


def _block(sheet: Any, out: UnitPrintout, lang: str, f: dict[str, Any], row: int, first: int,
           end: int, width: int, totals: list[str]) -> int:
    """One fortnight: header, the sub-unit groups, per-day counts; returns the next row."""
    heads = [p("pr_col_no", lang), p("pr_col_name", lang), p("pr_col_position", lang)]
    heads += [out.day_labels[d].replace(" ", "\n") for d in range(first, end)]
    heads += [""] * (width - (end - first)) + [p(k, lang) for k in totals]
    for col, text in enumerate(heads):
        _text(sheet, row, col, text, f["head"])
    sheet.set_row(row, 2 * (SMALL_PT + 3))
    row += 1
    total_col = FIRST_DAY + width
    for group in out.groups:
        _merged(sheet, row, 0, total_col + len(totals) - 1,
                group.sub_unit or p("pr_no_sub", lang), f["group"])
        row += 1
        for person in group.rows:
            sheet.write_number(row, 0, person.number, f["no"].plain)
            _text(sheet, row, 1, f"{person.name}\n{person.nip}", f["text"])
            _text(sheet, row, 2, person.position, f["text"])
            sheet.set_row(row, height(max(lines(f"{person.name}\n{person.nip}", WIDTHS["name"]),
                                          lines(person.position, WIDTHS["position"]))))
            for k, d in enumerate(range(first, end)):
                code = person.codes[d]
                _text(sheet, row, FIRST_DAY + k, code, f.get(code, f["away"]))
            values = [person.wfo, person.wfh, person.away][:len(totals)]
            for k, value in enumerate(values):
                sheet.write_number(row, total_col + k, value, f["number"].plain)
            row += 1
    counts = [("pr_in_office", out.in_office)]
    if out.has_away:
        counts.append(("pr_present", out.present))
    for key, per_day in counts:
        _merged(sheet, row, 0, FIRST_DAY - 1, p(key, lang), f["total"])
        for k, d in enumerate(range(first, end)):
            sheet.write_number(row, FIRST_DAY + k, per_day[d], f["number"].plain)
        row += 1
    return row


def _signature(sheet: Any, out: UnitPrintout, lang: str, f: dict[str, Any], row: int,
               last: int) -> None:
    """`Mengetahui, Kepala …`, room to sign, the head's name and NIP (blank lines if unknown)."""
    first = max(FIRST_DAY, last - 7)
    signer = out.signer
    lines = [(p("pr_known", lang), f["sign"]),
             (signer.position if signer else p("pr_head_of", lang, unit=out.unit), f["sign"]),
             ("", f["sign"]), ("", f["sign"]), ("", f["sign"]),
             (signer.name if signer else p("pr_blank_name", lang), f["sign_name"]),
             (p("pr_nip", lang, nip=signer.nip) if signer else p("pr_blank_nip", lang),
              f["sign"])]
    for k, (text, fmt) in enumerate(lines):
        _merged(sheet, row + k, first, last, text, fmt)


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
    with atomic_output(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {
            "in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
            "strings_to_urls": False,
            # column widths are counted in the default font's digits: Arial, as printed
            "default_format_properties": {"font_name": FONT, "font_size": 10}})
        book.set_properties({"title": f"{p('pr_title', lang)} — {out.unit}",
                             "subject": out.circular, "author": CREATOR})
        formats = _formats(book)
        _roster_sheet(book, out, lang, formats)
        _notes_sheet(book, out, lang, formats)
        book.close()
