"""How long the per-unit printouts take: PDF libraries (fpdf2, reportlab) and workbook writers.

    python -m benchmarks.printouts [--size 9000] [--scenario jateng-2020] [--repeat 2]

Solves the shipped-style sample once, builds every unit's `UnitPrintout`, then renders all of
them with each candidate and reports wall time (best of `--repeat`), total bytes and pages.
The PDF candidates draw the same roster table (title, header repeated per page, sub-unit rows,
WFO bold and shaded, wrapped name/NIP and position cells): the shipped fpdf2 writer (cells drawn
directly, plus signature and Ringkasan pages), fpdf2's own `FPDF.table` layout, and reportlab's
platypus `Table` (table only, so it does less than the shipped writer). The workbook
candidates are the per-unit XlsxWriter book we ship and the same cells written with openpyxl.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from wfh_solver import api
from wfh_solver.sample import write_sample
from wfh_solver.write.per_unit import unit_printouts
from wfh_solver.write.printable import UnitPrintout, p
from wfh_solver.write.unit_book import write_unit_book


def _fpdf2(out: UnitPrintout) -> bytes:
    from wfh_solver.write.pdf import render_pdf

    return render_pdf(out)


def _fpdf2_table(out: UnitPrintout) -> bytes:
    """fpdf2's high-level `FPDF.table` (every cell laid out by its multi_cell)."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(orientation="L", format="A4")
    fonts = "/usr/share/fonts/truetype/liberation/"
    pdf.add_font("b", "", fonts + "LiberationSans-Regular.ttf")
    pdf.add_font("b", "B", fonts + "LiberationSans-Bold.ttf")
    pdf.set_font("b", "", 9)
    pdf.add_page()
    wfo = FontFace(emphasis="BOLD", fill_color=(198, 224, 180))
    for first, end in out.blocks:
        days = range(first, end)
        widths = (9, 54, 45, *([11] * (len(days) + 2)))
        with pdf.table(col_widths=widths, width=sum(widths), line_height=4,
                       repeat_headings=1, text_align="CENTER") as table:
            row = table.row()
            for text in ["No", "Nama / NIP", "Jabatan",
                         *(out.day_labels[d].replace(" ", "\n") for d in days), "WFO", "WFH"]:
                row.cell(text)
            for group in out.groups:
                table.row().cell(group.sub_unit or "-", colspan=len(widths))
                for person in group.rows:
                    row = table.row()
                    row.cell(str(person.number))
                    row.cell(f"{person.name}\n{person.nip}", align="LEFT")
                    row.cell(person.position, align="LEFT")
                    for d in days:
                        row.cell(person.codes[d], style=wfo if person.codes[d] == "WFO" else None)
                    row.cell(str(person.wfo))
                    row.cell(str(person.wfh))
    return bytes(pdf.output())


def _reportlab(out: UnitPrintout) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    fonts = "/usr/share/fonts/truetype/liberation/"  # the font our fpdf2 writer embeds
    pdfmetrics.registerFont(TTFont("DejaVu", fonts + "LiberationSans-Regular.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", fonts + "LiberationSans-Bold.ttf"))
    body = ParagraphStyle("b", fontName="DejaVu", fontSize=9, leading=10.5)
    title = ParagraphStyle("t", fontName="DejaVu-Bold", fontSize=12, leading=14, alignment=1)
    story: list[object] = [Paragraph(p("pr_title", "id"), title), Paragraph(out.unit, title),
                           Spacer(1, 4 * mm)]
    for first, end in out.blocks:
        days = range(first, end)
        rows: list[list[object]] = [["No", "Nama / NIP", "Jabatan",
                                     *(out.day_labels[d].replace(" ", "\n") for d in days),
                                     "WFO", "WFH"]]
        style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                 ("FONT", (0, 0), (-1, -1), "DejaVu", 9),
                 ("FONT", (0, 0), (-1, 0), "DejaVu-Bold", 8),
                 ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                 ("ALIGN", (3, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        for group in out.groups:
            style += [("SPAN", (0, len(rows)), (-1, len(rows))),
                      ("FONT", (0, len(rows)), (-1, len(rows)), "DejaVu-Bold", 9)]
            rows.append([group.sub_unit or p("pr_no_sub", "id")])
            for person in group.rows:
                r = len(rows)
                rows.append([str(person.number), Paragraph(f"{person.name}<br/>{person.nip}",
                                                           body),
                             Paragraph(person.position, body),
                             *(person.codes[d] for d in days), str(person.wfo), str(person.wfh)])
                style += [("FONT", (3 + k, r), (3 + k, r), "DejaVu-Bold", 9)
                          for k, d in enumerate(days) if person.codes[d] == "WFO"]
                style += [("BACKGROUND", (3 + k, r), (3 + k, r), colors.HexColor("#C6E0B4"))
                          for k, d in enumerate(days) if person.codes[d] == "WFO"]
        widths = [9 * mm, 54 * mm, 45 * mm] + [11 * mm] * (len(days) + 2)
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle(style))
        story.append(table)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=8 * mm, rightMargin=8 * mm,
                      topMargin=8 * mm, bottomMargin=14 * mm).build(story)
    return buffer.getvalue()


def _xlsxwriter(out: UnitPrintout) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "u.xlsx"
        write_unit_book(out, path)
        return path.read_bytes()


def _openpyxl(out: UnitPrintout) -> bytes:
    """The same cells, formats, merges and print setup as the XlsxWriter book, by openpyxl."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    book = Workbook()
    sheet = book.active
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold, plain = Font(name="Arial", size=9, bold=True), Font(name="Arial", size=9)
    fill = PatternFill("solid", fgColor="C6E0B4")
    centre, wrap = Alignment(horizontal="center"), Alignment(wrap_text=True, vertical="top")
    sheet.cell(row=1, column=1, value=p("pr_title", "id")).font = bold
    sheet.cell(row=2, column=1, value=out.unit).font = bold
    row = 4
    for first, end in out.blocks:
        for group in out.groups:
            sheet.cell(row=row, column=1, value=group.sub_unit).font = bold
            sheet.merge_cells(start_row=row, start_column=1, end_row=row,
                              end_column=3 + end - first + 2)
            row += 1
            for person in group.rows:
                values = [person.number, f"{person.name}\n{person.nip}", person.position,
                          *(person.codes[d] for d in range(first, end)), person.wfo, person.wfh]
                for col, value in enumerate(values, start=1):
                    cell = sheet.cell(row=row, column=col, value=value)
                    cell.border = box
                    is_wfo = value == "WFO"
                    cell.font = bold if is_wfo else plain
                    cell.alignment = wrap if col in (2, 3) else centre
                    if is_wfo:
                        cell.fill = fill
                sheet.row_dimensions[row].height = 24
                row += 1
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


CANDIDATES: dict[str, Callable[[UnitPrintout], bytes]] = {
    "pdf: fpdf2, cells drawn directly (shipped)": _fpdf2,
    "pdf: fpdf2 FPDF.table": _fpdf2_table, "pdf: reportlab platypus Table": _reportlab,
    "xlsx: XlsxWriter (shipped)": _xlsxwriter, "xlsx: openpyxl": _openpyxl,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=9000)
    parser.add_argument("--scenario", default="jateng-2020")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--only", default="", help="comma-separated candidate names")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        staff = Path(folder) / "pegawai.xlsx"
        write_sample(staff, args.size, 0)
        result = api.plan(staff, args.scenario, workers=1)
    printouts = unit_printouts(result)
    rows = sum(len(g.rows) for u in printouts for g in u.groups)
    print(f"{len(printouts)} units, {rows} staff, {len(result.roster.days)} days "
          f"({args.scenario}, sample --size {args.size})\n")
    print("| writer | all units (s) | largest unit (s) | MB |")
    print("|---|---|---|---|")
    largest = max(printouts, key=lambda u: sum(len(g.rows) for g in u.groups))
    for name, render in CANDIDATES.items():
        if args.only and name not in args.only.split(","):
            continue
        best, size = float("inf"), 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            size = sum(len(render(u)) for u in printouts)
            best = min(best, time.perf_counter() - started)
        started = time.perf_counter()
        render(largest)
        big = time.perf_counter() - started
        print(f"| {name} | {best:.2f} | {big:.2f} ({largest.unit}) | {size / 1e6:.1f} |")


if __name__ == "__main__":
    main()
