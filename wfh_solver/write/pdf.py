"""A unit's printable roster as a PDF (`--pdf DIR`), for HR who send rosters by message.

The same `UnitPrintout` as the per-unit workbook, laid out with fpdf2 (pure Python; chosen over
reportlab by measurement, benchmarks/README.md): A4 landscape, title, unit named once, circular
and period; one table per fortnight with the header repeated on each page; sub-unit rows; `WFO`
bold and shaded; per-day counts; the signature block; page numbers; then the plain-word
Ringkasan. Text is at least 8 pt. A Unicode TrueType font (Liberation Sans, else DejaVu Sans)
is embedded when the system has one; otherwise the PDF core font Helvetica is used and
characters outside Windows-1252 are replaced.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fpdf import FPDF

from wfh_solver.write.atomic import atomic_output
from wfh_solver.write.outputs import CREATOR
from wfh_solver.write.printable import UnitPrintout, p

BODY_PT, SMALL_PT, TITLE_PT = 9, 8, 12
MARGIN_MM = 8
BOTTOM_MM = 14  # room for the page number
LINE_MM = 3.9  # one line of 9 pt text
WIDTHS_MM = {"no": 9.0, "name": 54.0, "position": 45.0, "day": 11.0}
WFO_FILL = (198, 224, 180)
HEAD_FILL = (217, 217, 217)
GROUP_FILL = (239, 239, 239)
#: Liberation Sans (Arial's metrics, as the workbook) parses in 10 ms against DejaVu's 27 ms,
#: and each PDF embeds its own subset; both cover the Latin names of an Indonesian staff list.
_FONTS = (
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Italic.ttf"),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf"),
)


# C0 controls but the line break, DEL, C1, bidi controls: nothing a page can show
_INVISIBLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                        "\u2066-\u2069]")


class _Document(FPDF):
    """An A4 landscape page with `Halaman n dari N` at the foot."""

    def __init__(self, lang: str) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.lang = lang
        self._widths: dict[tuple[str, str, float], float] = {}
        self.family = self._font()
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(True, margin=BOTTOM_MM)
        self.set_creator(CREATOR)
        self.set_producer(CREATOR)

    def _font(self) -> str:
        for regular, bold, italic in _FONTS:
            if all(Path(f).is_file() for f in (regular, bold, italic)):
                self.add_font("body", "", regular)
                self.add_font("body", "B", bold)
                self.add_font("body", "I", italic)
                return "body"
        return "helvetica"

    def width_of(self, text: str, style: str = "", size: float = BODY_PT) -> float:
        """The printed width of `text` in mm, cached (names share most of their words)."""
        key = (text, style, size)
        found = self._widths.get(key)
        if found is None:
            self.set_font(self.family, style, size)
            found = self._widths[key] = self.get_string_width(text)
        return found

    def wrap(self, text: str, width: float, style: str = "", size: float = BODY_PT) -> list[
            str]:
        """Greedy word wrap to `width` mm; a word longer than a line is cut by characters."""
        lines: list[str] = []
        space = self.width_of(" ", style, size)
        for part in text.split("\n"):
            line, used = "", 0.0
            for word in part.split():
                w = self.width_of(word, style, size)
                while w > width:  # one long word: as many characters as fit, then the rest
                    if line:
                        lines.append(line)
                        line, used = "", 0.0
                    cut = max(1, next((k for k in range(len(word), 0, -1)
                                       if self.width_of(word[:k], style, size) <= width), 1))
                    lines.append(word[:cut])
                    word = word[cut:]
                    w = self.width_of(word, style, size)
                if line and used + space + w > width:
                    lines.append(line)
                    line, used = "", 0.0
                line, used = (f"{line} {word}", used + space + w) if line else (word, w)
            lines.append(line)
        return lines

    def text_of(self, text: str) -> str:
        """The export's text as printed: controls and bidi overrides (no glyph; fpdf2 would log
        them raw) left out, nothing added (a formula-like name needs no apostrophe on paper)."""
        text = _INVISIBLE.sub("", text)
        if self.family != "helvetica":
            return text
        return text.encode("cp1252", "replace").decode("cp1252")

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(self.family, "", SMALL_PT)
        self.cell(0, 5, p("pr_page", self.lang, page=self.page_no(), pages="{nb}"), align="C")


def _title(pdf: _Document, out: UnitPrintout, lang: str) -> None:
    lines = [(p("pr_title", lang), "B", TITLE_PT), (out.unit, "B", TITLE_PT),
             (p("pr_basis_line", lang, circular=out.circular), "", 10),
             (p("pr_period_line", lang, period=out.period), "", 10),
             (p("pr_legend", lang), "I", SMALL_PT)]
    for text, style, size in lines:
        pdf.set_font(pdf.family, style, size)
        pdf.multi_cell(0, size * 0.45, pdf.text_of(text), align="C",
                       new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _lines(pdf: _Document, left: float, top: float, width: float, height: float,
           lines: Sequence[str], align: str, style: str, size: float) -> None:
    """Text lines centred vertically in a box, drawn directly (no per-cell layout)."""
    if pdf.font_style != style or pdf.font_size_pt != size:
        pdf.set_font(pdf.family, style, size)
    first = top + (height - len(lines) * LINE_MM) / 2 + LINE_MM * 0.75
    for n, line in enumerate(lines):
        if not line:
            continue
        x = left + 0.8 if align == "L" else left + (width - pdf.width_of(line, style, size)) / 2
        pdf.text(x, first + n * LINE_MM, line)


class _Grid:
    """A fortnight's table drawn cell by cell: fpdf2's table() wraps every cell character by
    character, 10× slower on a 3,700-staff unit (benchmarks/README.md)."""

    def __init__(self, pdf: _Document, out: UnitPrintout, lang: str, days: range,
                 totals: Sequence[str]) -> None:
        self.pdf, self.out, self.lang, self.days, self.totals = pdf, out, lang, days, totals
        self.widths = [WIDTHS_MM["no"], WIDTHS_MM["name"], WIDTHS_MM["position"],
                       *([WIDTHS_MM["day"]] * (len(days) + len(totals)))]
        self.x = [MARGIN_MM + sum(self.widths[:k]) for k in range(len(self.widths))]
        self.width = sum(self.widths)

    def lines(self, text: str, width: float) -> list[str]:
        return self.pdf.wrap(text, width - 1.6)

    def fits(self, height: float) -> bool:
        return self.pdf.get_y() + height <= self.pdf.h - BOTTOM_MM

    def box(self, k: int, top: float, height: float, lines: Sequence[str], align: str = "C",
            style: str = "", fill: tuple[int, int, int] | None = None,
            size: float = BODY_PT, span: int = 1) -> None:
        pdf = self.pdf
        width = sum(self.widths[k:k + span])
        if fill:
            pdf.set_fill_color(*fill)
        pdf.rect(self.x[k], top, width, height, style="DF" if fill else "D")
        _lines(pdf, self.x[k], top, width, height, lines, align, style, size)

    def header(self) -> None:
        pdf, lang, out = self.pdf, self.lang, self.out
        top, height = pdf.get_y(), 2 * LINE_MM + 1.5
        heads = [[p("pr_col_no", lang)], [p("pr_col_name", lang)], [p("pr_col_position", lang)]]
        heads += [out.day_labels[d].split(" ") for d in self.days]
        heads += [p(key, lang).split("\n") for key in self.totals]
        for k, lines in enumerate(heads):
            self.box(k, top, height, [pdf.text_of(x) for x in lines], style="B",
                     fill=HEAD_FILL, size=SMALL_PT)
        pdf.set_y(top + height)

    def row(self, height: float, draw: Any, keep: float = 0.0) -> None:
        """Draw a row, first starting a new page (with the header) unless it and the `keep`
        mm after it (a sub-unit's title keeps its first person) fit on this one."""
        if not self.fits(height + keep):
            self.pdf.add_page()
            self.header()
        top = self.pdf.get_y()
        draw(top)
        self.pdf.set_y(top + height)

    def render(self) -> None:
        pdf, out, lang = self.pdf, self.out, self.lang
        self.header()
        columns = len(self.widths)
        for group in out.groups:
            title = pdf.text_of(group.sub_unit or p("pr_no_sub", lang))
            first = self._height(group.rows[0]) if group.rows else 0.0
            self.row(LINE_MM + 1.5, lambda top, title=title: self.box(
                0, top, LINE_MM + 1.5, [title], "L", "B", GROUP_FILL, span=columns), first)
            for person in group.rows:
                name = self.lines(pdf.text_of(f"{person.name}\n{person.nip}"), self.widths[1])
                position = self.lines(pdf.text_of(person.position), self.widths[2])
                height = max(len(name), len(position)) * LINE_MM + 1.5
                self.row(height, lambda top, person=person, name=name, position=position,
                         height=height: self._person(top, height, person, name, position))
        counts = [("pr_in_office", out.in_office)]
        if out.has_away:
            counts.append(("pr_present", out.present))
        for key, per_day in counts:
            def draw(top: float, key: str = key, per_day: Sequence[int] = per_day) -> None:
                self.box(0, top, LINE_MM + 1.5, [pdf.text_of(p(key, lang))], "L", "B", span=3)
                for k, d in enumerate(self.days):
                    self.box(3 + k, top, LINE_MM + 1.5, [str(per_day[d])])
            self.row(LINE_MM + 1.5, draw)

    def _height(self, person: Any) -> float:
        pdf = self.pdf
        name = self.lines(pdf.text_of(f"{person.name}\n{person.nip}"), self.widths[1])
        position = self.lines(pdf.text_of(person.position), self.widths[2])
        return max(len(name), len(position)) * LINE_MM + 1.5

    def _person(self, top: float, height: float, person: Any, name: Sequence[str],
                position: Sequence[str]) -> None:
        self.box(0, top, height, [str(person.number)])
        self.box(1, top, height, name, "L")
        self.box(2, top, height, position, "L")
        for k, d in enumerate(self.days):
            code = person.codes[d]
            if code == "WFO":
                self.box(3 + k, top, height, [code], style="B", fill=WFO_FILL)
            elif code == "WFH":
                self.box(3 + k, top, height, [code])
            else:
                self.box(3 + k, top, height, [code], style="I", size=SMALL_PT)
        first = 3 + len(self.days)
        for k, value in enumerate((person.wfo, person.wfh, person.away)[:len(self.totals)]):
            self.box(first + k, top, height, [str(value)])


def _block(pdf: _Document, out: UnitPrintout, lang: str, first: int, end: int,
           totals: Sequence[str]) -> None:
    """One fortnight's table: header repeated on each page, sub-unit rows, per-day counts."""
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    _Grid(pdf, out, lang, range(first, end), totals).render()


def _signature(pdf: _Document, out: UnitPrintout, lang: str) -> None:
    """`Mengetahui, Kepala …`, room to sign, name and NIP, at the right of the page."""
    if pdf.get_y() > pdf.h - 60:
        pdf.add_page()
    pdf.ln(8)
    signer = out.signer
    lines = [(p("pr_known", lang), ""),
             (signer.position if signer else p("pr_head_of", lang, unit=out.unit), ""),
             ("", ""), ("", ""), ("", ""),
             (signer.name if signer else p("pr_blank_name", lang), "BU"),
             (p("pr_nip", lang, nip=signer.nip) if signer else p("pr_blank_nip", lang), "")]
    width = 90
    for text, style in lines:
        pdf.set_x(pdf.w - MARGIN_MM - width)
        pdf.set_font(pdf.family, style, BODY_PT)
        pdf.cell(width, 5, pdf.text_of(text), align="C", new_x="LMARGIN", new_y="NEXT")


def _notes(pdf: _Document, out: UnitPrintout, lang: str) -> None:
    """The plain-word Ringkasan: item and text, wrapped, the header repeated on each page."""
    pdf.add_page()
    widths = (60.0, pdf.w - 2 * MARGIN_MM - 60.0)

    def header() -> None:
        top = pdf.get_y()
        for k, key in enumerate(("pr_item", "pr_text")):
            left = MARGIN_MM + sum(widths[:k])
            pdf.set_fill_color(*HEAD_FILL)
            pdf.rect(left, top, widths[k], LINE_MM + 1.5, style="DF")
            _lines(pdf, left, top, widths[k], LINE_MM + 1.5, [pdf.text_of(p(key, lang))], "C",
                   "B", BODY_PT)
        pdf.set_y(top + LINE_MM + 1.5)

    header()
    for item, text in out.notes:
        cells = [pdf.wrap(pdf.text_of(item), widths[0] - 1.6, "B"),
                 pdf.wrap(pdf.text_of(text), widths[1] - 1.6)]
        height = max(len(c) for c in cells) * LINE_MM + 1.5
        if pdf.get_y() + height > pdf.h - BOTTOM_MM:
            pdf.add_page()
            header()
        top = pdf.get_y()
        for k, (lines, style) in enumerate(zip(cells, ("B", ""), strict=True)):
            left = MARGIN_MM + sum(widths[:k])
            pdf.rect(left, top, widths[k], height)
            _lines(pdf, left, top, widths[k], height, lines, "L", style, BODY_PT)
        pdf.set_y(top + height)


def render_pdf(out: UnitPrintout, lang: str = "id") -> bytes:
    """The PDF of one unit's printout."""
    pdf = _Document(lang)
    pdf.set_title(pdf.text_of(f"{p('pr_title', lang)} — {out.unit}"))
    pdf.set_subject(pdf.text_of(out.circular))
    totals = ["pr_col_wfo", "pr_col_wfh"] + (["pr_col_away"] if out.has_away else [])
    pdf.add_page()
    _title(pdf, out, lang)
    for b, (first, end) in enumerate(out.blocks):
        if b:
            pdf.add_page()
        if len(out.blocks) > 1:
            pdf.set_font(pdf.family, "B", BODY_PT)
            pdf.cell(0, 6, pdf.text_of(p("pr_block", lang, start=f"{out.days[first]:%d/%m/%Y}",
                                         end=f"{out.days[end - 1]:%d/%m/%Y}")),
                     new_x="LMARGIN", new_y="NEXT")
        _block(pdf, out, lang, first, end, totals)
    _signature(pdf, out, lang)
    _notes(pdf, out, lang)
    return bytes(pdf.output())


def write_unit_pdf(out: UnitPrintout, path: Path | str, lang: str = "id") -> None:
    """Write one unit's PDF atomically."""
    data = render_pdf(out, lang)
    with atomic_output(path) as tmp:
        Path(tmp).write_bytes(data)


def write_pdfs(printouts: Sequence[UnitPrintout], paths: Sequence[Path], lang: str = "id",
               write: Any = None) -> None:
    """One PDF per unit; `write(path)` gives the path to write to (a staged temp name)."""
    for printout, path in zip(printouts, paths, strict=True):
        write_unit_pdf(printout, write(path) if write else path, lang)
