"""A unit's printable roster as a PDF (`--pdf DIR`), for HR who send rosters by message.

The same `UnitPrintout` as the per-unit workbook, laid out with fpdf2 (pure Python; chosen over
reportlab by measurement, benchmarks/README.md) as an office would type it: A4 landscape; title,
unit, circular and period; the whole month across the page, one narrow column per day headed
by its day name (turned upright) and date and holding a one-letter code (`O` bold and shaded, so
it reads in black and white); the header repeated on every page; per-day counts; the signature
block kept on the page of the table's last rows (never alone); a large unit one section per
sub-unit, each from a new page; page numbers; then the plain-word Ringkasan. Text is at least
8 pt, so a unit of up to 20 staff prints its month on one page. A Unicode TrueType font
(Liberation Sans, else DejaVu Sans) is embedded when the system has one; otherwise the PDF core
font Helvetica is used and characters outside Windows-1252 are replaced.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from fpdf import FPDF

from wfh_solver.write.atomic import atomic_output
from wfh_solver.write.outputs import CREATOR
from wfh_solver.write.printable import (
    SHORT,
    PrintGroup,
    PrintRow,
    UnitPrintout,
    day_name,
    month_label,
    p,
)

BODY_PT, SMALL_PT, TITLE_PT, LINE_PT = 9, 8, 12, 8  # LINE_PT: the table's text
MARGIN_MM = 8
BOTTOM_MM = 13  # room for the page number
LINE_MM = 3.4  # one line of 8 pt text
PAD_MM = 0.9  # above and below a cell's lines, together
ROW_MM = LINE_MM + PAD_MM  # a one-line row
SIGN_LINE_MM = 3.6
DAY_HEAD_MM = 7.5  # a day name turned upright ("Kam" at 8 pt is 5.8 mm long)
DAY_MIN_MM = 4.6  # a day column: "30" at 8 pt and padding
TOTAL_MM = 7.0
NO_MM = 7.0
NAME_MAX_MM = 58.0
KEEP_ROWS = 2  # the table's last rows printed on the signature's page
WFO_FILL = (198, 224, 180)  # light green: a light grey in black and white
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
             (p("pr_basis_line", lang, circular=out.circular), "", BODY_PT),
             (p("pr_period_line", lang, period=out.period), "", BODY_PT)]
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


@dataclass(frozen=True, slots=True)
class _Columns:
    """One block's column widths: No, Nama, NIP, Jabatan, one per day, the totals."""

    widths: tuple[float, ...]
    days: range
    totals: tuple[str, ...]

    @property
    def first_day(self) -> int:
        return 4

    @property
    def first_total(self) -> int:
        return 4 + len(self.days)


def _columns(pdf: _Document, out: UnitPrintout, days: range) -> _Columns:
    """Day columns as narrow as a date allows, the NIP as wide as it prints, and the rest of
    the page width shared by the name (up to its longest) and the position."""
    totals = ("O", "H") + (("pr_col_away_short",) if out.has_away else ()) + (
        ("pr_col_team",) if out.has_teams else ())
    nip = pdf.width_of("00000000 000000 0 000", "", LINE_PT) + 1.8
    day = max(DAY_MIN_MM, pdf.width_of("00", "B", LINE_PT) + 1.4)
    inner = pdf.w - 2 * MARGIN_MM
    rest = inner - NO_MM - nip - day * len(days) - TOTAL_MM * len(totals)
    longest = max((pdf.width_of(r.name, "", LINE_PT) for g in out.groups for r in g.rows),
                  default=20.0) + 1.8
    name = min(longest, NAME_MAX_MM, rest / 2)
    widths = (NO_MM, name, nip, rest - name, *([day] * len(days)),
              *([TOTAL_MM] * len(totals)))
    return _Columns(widths, days, totals)


Draw = Callable[[float], None]


class _Grid:
    """A block's table drawn cell by cell (fpdf2's table() wraps every cell character by
    character, 10× slower on a 3,700-staff unit, benchmarks/README.md), the header and the
    caption repeated at the top of every page it runs onto."""

    def __init__(self, pdf: _Document, out: UnitPrintout, lang: str, days: range) -> None:
        self.pdf, self.out, self.lang = pdf, out, lang
        self.cols = _columns(pdf, out, days)
        self.widths = self.cols.widths
        self.x = [MARGIN_MM + sum(self.widths[:k]) for k in range(len(self.widths))]
        self.mondays = {self.cols.first_day + k for k, d in enumerate(days)
                        if k and out.days[d].weekday() == 0}
        self.caption = ""

    def lines(self, text: str, width: float) -> list[str]:
        return self.pdf.wrap(self.pdf.text_of(text), width - 1.6, "", LINE_PT)

    def fits(self, height: float) -> bool:
        return self.pdf.get_y() + height <= self.pdf.h - BOTTOM_MM

    def box(self, k: int, top: float, height: float, lines: Sequence[str], align: str = "C",
            style: str = "", fill: tuple[int, int, int] | None = None, span: int = 1) -> None:
        pdf = self.pdf
        width = sum(self.widths[k:k + span])
        if fill:
            pdf.set_fill_color(*fill)
        pdf.rect(self.x[k], top, width, height, style="DF" if fill else "D")
        _lines(pdf, self.x[k], top, width, height, lines, align, style, LINE_PT)

    def _weeks(self, top: float, height: float) -> None:
        """A heavier line before each Monday: the weeks read at a glance."""
        pdf = self.pdf
        pdf.set_line_width(0.6)
        for k in self.mondays:
            pdf.line(self.x[k], top, self.x[k], top + height)
        pdf.set_line_width(0.2)

    def header(self) -> None:
        """Caption (the month, or the sub-unit), then two header rows: No, Nama, NIP, Jabatan
        over both; each day's name turned upright over its date; the totals under `Jumlah`."""
        pdf, lang, out, cols = self.pdf, self.lang, self.out, self.cols
        if self.caption:
            pdf.set_font(pdf.family, "B", BODY_PT)
            pdf.cell(0, 5.5, pdf.text_of(self.caption), new_x="LMARGIN", new_y="NEXT")
        top, height = pdf.get_y(), DAY_HEAD_MM + ROW_MM
        for k, key in enumerate(("pr_col_no", "pr_col_name_only", "pr_col_nip",
                                 "pr_col_position")):
            self.box(k, top, height, [pdf.text_of(p(key, lang))], style="B", fill=HEAD_FILL)
        for k, d in enumerate(cols.days):
            self._upright(cols.first_day + k, top, day_name(out.days[d], lang))
            self.box(cols.first_day + k, top + DAY_HEAD_MM, ROW_MM, [f"{out.days[d].day}"],
                     style="B", fill=HEAD_FILL)
        counted = len(cols.totals) - (1 if out.has_teams else 0)
        self.box(cols.first_total, top, DAY_HEAD_MM, [pdf.text_of(p("pr_col_totals", lang))],
                 style="B", fill=HEAD_FILL, span=counted)
        for k, key in enumerate(cols.totals):
            text = p(key, lang) if key.startswith("pr_") else key
            if k >= counted:  # the team (`--tim`), over both header rows
                self.box(cols.first_total + k, top, height, [pdf.text_of(text)], style="B",
                         fill=HEAD_FILL)
            else:
                self.box(cols.first_total + k, top + DAY_HEAD_MM, ROW_MM, [text], style="B",
                         fill=HEAD_FILL)
        self._weeks(top, height)
        pdf.set_y(top + height)

    def _upright(self, k: int, top: float, text: str) -> None:
        pdf = self.pdf
        pdf.set_fill_color(*HEAD_FILL)
        pdf.rect(self.x[k], top, self.widths[k], DAY_HEAD_MM, style="DF")
        pdf.set_font(pdf.family, "B", LINE_PT)
        cx, cy = self.x[k] + self.widths[k] / 2, top + DAY_HEAD_MM / 2
        with pdf.rotation(90, cx, cy):
            pdf.text(cx - pdf.width_of(text, "B", LINE_PT) / 2, cy + LINE_PT * 0.3528 * 0.35,
                     pdf.text_of(text))

    def new_page(self) -> None:
        self.pdf.add_page()
        caption = self.caption
        if caption:
            self.caption = p("pr_continued", self.lang, caption=caption)
        self.header()
        self.caption = caption

    def render(self, groups: Sequence[PrintGroup], counts: Sequence[tuple[str, Sequence[int]]],
               titled: bool, tail: float) -> None:
        """The rows of `groups` (each under its sub-unit's title when `titled`), then the
        per-day `counts`. The last rows are kept with the counts, and, when `tail` mm follow
        (the signature block), with it: they move to a new page together."""
        items: list[tuple[float, Draw, str]] = []  # (height, draw, "title"/"person"/"count")
        for group in groups:
            if titled:
                items.append((ROW_MM, partial(self._title, group), "title"))
            items += [self._person_item(person) for person in group.rows]
        items += [(ROW_MM, partial(self._count, key=key, per_day=per_day), "count")
                  for key, per_day in counts]
        people = [k for k, item in enumerate(items) if item[2] == "person"]
        keep_from = people[-min(KEEP_ROWS, len(people))] if people else len(items) - 1
        if keep_from and items[keep_from - 1][2] == "title":
            keep_from -= 1  # a sub-unit's title stays with its rows
        room = self.pdf.h - BOTTOM_MM - MARGIN_MM
        self.header()
        for k, (height, draw, kind) in enumerate(items):
            need = height
            if k == keep_from:  # the last rows, the counts and the signature: one page
                need = min(sum(h for h, _, _ in items[k:]) + tail, room * 0.8)
            elif kind == "title" and k + 1 < len(items):
                need = height + items[k + 1][0]  # a title keeps its first row
            if not self.fits(need):
                self.new_page()
            top = self.pdf.get_y()
            draw(top)
            self.pdf.set_y(top + height)

    def _title(self, group: PrintGroup, top: float) -> None:
        title = self.pdf.text_of(group.sub_unit or p("pr_no_sub", self.lang))
        self.box(0, top, ROW_MM, [title], "L", "B", GROUP_FILL, span=len(self.widths))

    def _person_item(self, person: PrintRow) -> tuple[float, Draw, str]:
        name = self.lines(person.name, self.widths[1])
        position = self.lines(person.position, self.widths[3])
        height = max(len(name), len(position)) * LINE_MM + PAD_MM
        return height, partial(self._person, height=height, person=person, name=name,
                               position=position), "person"

    def _person(self, top: float, height: float, person: PrintRow, name: Sequence[str],
                position: Sequence[str]) -> None:
        cols = self.cols
        self.box(0, top, height, [str(person.number)])
        self.box(1, top, height, name, "L")
        self.box(2, top, height, [person.nip], "L")
        self.box(3, top, height, position, "L")
        for k, d in enumerate(cols.days):
            code = person.codes[d]
            if code == "WFO":
                self.box(cols.first_day + k, top, height, [SHORT[code]], style="B",
                         fill=WFO_FILL)
            else:
                self.box(cols.first_day + k, top, height, [SHORT.get(code, code)],
                         style="" if code == "WFH" else "I")
        counted = len(cols.totals) - (1 if self.out.has_teams else 0)
        values = (person.wfo, person.wfh, person.away)[:counted]
        for k, value in enumerate(values):
            self.box(cols.first_total + k, top, height, [str(value)])
        if self.out.has_teams:
            self.box(cols.first_total + counted, top, height, [person.team])
        self._weeks(top, height)

    def _count(self, top: float, key: str, per_day: Sequence[int]) -> None:
        cols = self.cols
        self.box(0, top, ROW_MM, [self.pdf.text_of(p(key, self.lang))], "L", "B", span=4)
        for k, d in enumerate(cols.days):
            self.box(cols.first_day + k, top, ROW_MM, [str(per_day[d])])
        self._weeks(top, ROW_MM)


def _signature_height(out: UnitPrintout) -> float:
    return 3 + 7 * SIGN_LINE_MM


def _signature(pdf: _Document, out: UnitPrintout, lang: str) -> None:
    """The legend at the left; `Mengetahui, Kepala …`, room to sign, name and NIP at the
    right. Kept on the page of the table's last rows (`_Grid.render` made room for it)."""
    if pdf.get_y() + _signature_height(out) > pdf.h - BOTTOM_MM:
        pdf.add_page()  # only when a single row is taller than the room reserved
    pdf.ln(3)
    top = pdf.get_y()
    pdf.set_font(pdf.family, "I", SMALL_PT)
    pdf.set_xy(MARGIN_MM, top + 2 * SIGN_LINE_MM)  # beside the room to sign, not a line
    pdf.multi_cell(150, SIGN_LINE_MM, pdf.text_of(p("pr_legend", lang)), align="L")
    pdf.set_y(top)
    signer = out.signer
    lines = [(p("pr_known", lang), ""),
             (signer.position if signer else p("pr_head_of", lang, unit=out.unit), ""),
             ("", ""), ("", ""), ("", ""),
             (signer.name if signer else p("pr_blank_name", lang), "BU"),
             (p("pr_nip", lang, nip=signer.nip) if signer else p("pr_blank_nip", lang), "")]
    width = 95
    for text, style in lines:
        pdf.set_x(pdf.w - MARGIN_MM - width)
        pdf.set_font(pdf.family, style, BODY_PT)
        pdf.cell(width, SIGN_LINE_MM, pdf.text_of(text), align="C", new_x="LMARGIN",
                 new_y="NEXT")


def _block(pdf: _Document, out: UnitPrintout, lang: str, first: int, end: int,
           last: bool) -> None:
    """One month: the unit's table under its month's caption, or (a large unit) one section
    per sub-unit, each from a new page with its own counts."""
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    grid = _Grid(pdf, out, lang, range(first, end))
    month = month_label(out.days[first], lang) if len(out.blocks) > 1 else ""
    tail = _signature_height(out) if last else 0.0
    if not out.sectioned:
        grid.caption = month
        counts = [("pr_in_office", out.in_office)] + (
            [("pr_present", out.present)] if out.has_away else [])
        grid.render(out.groups, counts, True, tail)
        return
    for s, group in enumerate(out.groups):
        if s:
            pdf.add_page()
        section = p("pr_section", lang, sub=group.sub_unit or p("pr_no_sub", lang),
                    count=len(group.rows))
        grid.caption = f"{section} · {month}" if month else section
        counts = [("pr_in_office", group.in_office)] + (
            [("pr_present", group.present)] if out.has_away else [])
        grid.render([group], counts, False, tail if s == len(out.groups) - 1 else 0.0)


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
    pdf.add_page()
    _title(pdf, out, lang)
    for b, (first, end) in enumerate(out.blocks):
        if b:
            pdf.add_page()
        _block(pdf, out, lang, first, end, b == len(out.blocks) - 1)
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
