"""Hostile spreadsheets made by the tests: tiny files that declare or repeat huge content."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

from tests import workbooks

_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def staff_with_far_cell(path: Path, ref: str, rows: int = 1) -> Path:
    """A clean staff list (repeated to `rows` employees) with one note typed at `ref`."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(workbooks.HEADER)
    for k in range(rows):
        row = list(workbooks.ROWS[k % len(workbooks.ROWS)])
        row[0] = f"{row[0][:15]}{k % 1000:03d}"
        row[1] = f"{row[1]} {k}"
        sheet.append(row)
    sheet[ref] = "catatan"
    book.save(path)
    return path


def _ods_cell(value: str, repeat: int = 1) -> str:
    attr = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if not value:
        return f"<table:table-cell{attr}/>"
    return (f'<table:table-cell office:value-type="string"{attr}>'
            f"<text:p>{value}</text:p></table:table-cell>")


def _ods_row(values: list[str], repeat: int = 1) -> str:
    attr = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{attr}>" + "".join(_ods_cell(v) for v in values) \
        + "</table:table-row>"


def ods(path: Path, body: str) -> Path:
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} '
               'office:version="1.2"><office:body><office:spreadsheet>'
               f'<table:table table:name="Pegawai">{body}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return path


def ods_staff(path: Path, tail: str) -> Path:
    """The clean staff list as ODS, followed by `tail` (rows in ODS markup)."""
    body = _ods_row(workbooks.HEADER) + "".join(_ods_row(r) for r in workbooks.ROWS)
    return ods(path, body + tail)


def ods_repeated_employee(path: Path, times: int) -> Path:
    return ods(path, _ods_row(workbooks.HEADER) + _ods_row(workbooks.ROWS[0], times))


def ods_blank_rows_then_note(path: Path) -> Path:
    blank = ('<table:table-row table:number-rows-repeated="1048000">'
             '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>')
    return ods_staff(path, blank + _ods_row(["catatan di bawah"]))


def ods_far_column(path: Path) -> Path:
    row = "<table:table-row>" + _ods_cell("", 16000) + _ods_cell("x") + "</table:table-row>"
    return ods_staff(path, row)


def csv_too_many_cells(path: Path, cells: int) -> Path:
    """A CSV within the file-size limit whose cells pass the cell limit."""
    width = 200
    line = ";".join(["1"] * width) + "\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(";".join(workbooks.HEADER + [f"K{i}" for i in range(width - 8)]) + "\n")
        for _ in range(cells // width + 1):
            handle.write(line)
    return path


def entity_bomb_xlsx(path: Path) -> Path:
    """A workbook whose shared strings expand a billion-laughs entity."""
    staff = workbooks.clean(path)
    with zipfile.ZipFile(staff) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    lol = "".join(f'<!ENTITY l{k} "{f"&l{k - 1};" * 10}">' for k in range(1, 10))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY l0 "lol">{lol}]>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'count="1" uniqueCount="1"><si><t>&l9;</t></si></sst>')
    parts["xl/sharedStrings.xml"] = bomb.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def merged_everything(path: Path, ranges: int) -> Path:
    """The clean staff list with `ranges` merged ranges reaching column XFD, and one
    covering the whole sheet, written straight into the sheet XML."""
    workbooks.clean(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    refs = ['<mergeCell ref="A1:XFD1048576"/>'] + [
        f'<mergeCell ref="J{20 + k}:XFD{20 + k}"/>' for k in range(ranges)]
    merged = f'<mergeCells count="{len(refs)}">{"".join(refs)}</mergeCells>'.encode()
    sheet = re.sub(rb"<mergeCells.*?</mergeCells>", b"", parts["xl/worksheets/sheet1.xml"])
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b"</sheetData>", b"</sheetData>" + merged)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


# --------------------------------------------------------------------------- issue 19


def _patched_sheet(path: Path, change) -> Path:
    """The clean staff list with its sheet XML changed by `change(bytes) -> bytes`."""
    workbooks.clean(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = change(parts["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def cell_at_ref(path: Path, ref: str, dimension: str | None = None) -> Path:
    """The clean list with one cell written at `ref` as it stands in the XML (`ZZZZZZ1`,
    `zzzzzz20`, `A18446744073709551621`), and optionally a declared dimension."""
    row = re.sub(r"^[A-Za-z]*", "", ref)

    def change(xml: bytes) -> bytes:
        cell = (f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>')
        xml = xml.replace(b"</sheetData>", cell.encode() + b"</sheetData>")
        if dimension is not None:
            xml = re.sub(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{dimension}"/>'
                         .encode(), xml)
        return xml

    return _patched_sheet(path, change)


def leave_ranges_bomb(path: Path, rows: int = 40, ranges: int = 1185) -> Path:
    """A staff list whose Cuti cells each list `ranges` year-long ranges (a different cell
    each row, so no parse is shared): 4 KB a row compressed, 430,000 days a cell."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Pegawai")
    sheet.write_row(0, 0, [*workbooks.HEADER, "Cuti"])
    years = ";".join(f"{y}-01-01 - {y}-12-31" for y in range(2000, 2000 + ranges))
    for k in range(rows):
        row = list(workbooks.ROWS[k % len(workbooks.ROWS)])
        row[0], row[1] = f"{row[0][:15]}{k:03d}", f"{row[1]} {k}"
        sheet.write_row(k + 1, 0, [*row, f"{k % 28 + 1:02d}/03/2020;{years}"])
    book.close()
    return path


def staff_rows(path: Path, count: int, header: list[str] | None = None,
               extra: list[str] | None = None) -> Path:
    """`count` clean employees under `header` (the standard one by default), each row
    followed by the cells of `extra`."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header or workbooks.HEADER)
    for k in range(count):
        row = list(workbooks.ROWS[k % len(workbooks.ROWS)])
        nip = row[0]  # born YYYYMMDD, started YYYYMM, sex, number: unique per k
        row[0] = f"{nip[:8]}{2010 + k // 1000}{nip[12:15]}{k % 1000:03d}"
        row[1] = f"{row[1]} {k}"
        sheet.append(row + (extra or []))
    book.save(path)
    return path


def comma_csv_with_date_lists(path: Path) -> Path:
    """A comma CSV whose Cuti cells list dates with `;`, as the README writes them."""
    lines = [",".join([*workbooks.HEADER, "Cuti"])]
    dates = "; ".join(f"{d:02d}/03/2020" for d in range(18, 31))
    lines += [",".join(row) + f',"{dates}"' for row in workbooks.ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
