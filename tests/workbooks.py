"""Workbooks made by the tests: a clean staff list, its messy twins, and hostile files."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

HEADER = ["NIP", "Nama", "Unit Kerja", "Sub Unit", "Jabatan", "Eselon", "Jenis Jabatan",
          "Status"]
ROWS = [
    ["196503121990031005", "Drs. Budi Santoso", "Dinas Kesehatan", "", "Kepala Dinas Kesehatan",
     "II.b", "Struktural", "PNS"],
    ["197001011995032001", "Siti Aminah", "Dinas Kesehatan", "Sekretariat",
     "Sekretaris Dinas", "III.a", "Struktural", "PNS"],
    ["197502022000031002", "Agus Salim", "Dinas Kesehatan", "Seksi Kesehatan Keluarga",
     "Kepala Seksi Kesehatan Keluarga", "IV.a", "Struktural", "PNS"],
    ["198003032005012003", "Dewi Lestari", "Dinas Kesehatan", "Seksi Kesehatan Keluarga",
     "Pengadministrasi Umum", "-", "Pelaksana", "PNS"],
    ["198504042010011004", "Rudi Hartono", "Kecamatan Sragen", "", "Camat Sragen", "III.a",
     "Struktural", "PNS"],
    ["199005052015032005", "Rina Wati", "Kecamatan Sragen", "Kelurahan Sine", "Lurah Sine",
     "IV.a", "Struktural", "PNS"],
    ["199106062019022006", "Nur Hidayah", "Dinas Pendidikan", "SD Negeri 1 Sragen",
     "Guru Kelas", "Non Eselon", "Fungsional", "PPPK"],
]
# The same employees as messy exports spell them.
MESSY_ESELON = ["II/b", "IIIa", "IV-a", "", "III.a", "IV.a", "-"]
MESSY_UNITS = ["DINAS KESEHATAN", "Dinas  Kesehatan ", "Dinkes", "dinas kesehatan",
               "Kecamatan Sragen", "KECAMATAN SRAGEN", "Dinas Pendidikan"]


def spaced(nip: str) -> str:
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def clean(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Pegawai"
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    wb.save(path)
    return path


def messy(path: Path) -> Path:
    """Title rows, merged title, numbering column, blank rows, footer, text NIPs with spaces."""
    wb = openpyxl.Workbook()
    hidden = wb.active
    hidden.title = "Catatan"
    hidden.append(["catatan internal"])
    hidden.sheet_state = "hidden"
    ws = wb.create_sheet("DUK")
    ws.append(["DAFTAR NOMINATIF PEGAWAI NEGERI SIPIL"])
    ws.merge_cells("A1:I1")
    ws.append(["PEMERINTAH KABUPATEN SRAGEN TAHUN 2020"])
    ws.append([])
    ws.append(["No.", "N I P", "NAMA PEGAWAI", "unor_induk_nama", "Sub  Unit Kerja",
               "jabatan_nama", "ESELON", "Jenis Jabatan", "Status Pegawai"])
    for cell in ws[4]:
        cell.font = Font(bold=True)
    ws.append([1, 2, 3, 4, 5, 6, 7, 8, 9])
    for k, row in enumerate(ROWS):
        if k == 3:
            ws.append([])
        ws.append([k + 1, spaced(row[0]), row[1], MESSY_UNITS[k], row[3], row[4],
                   MESSY_ESELON[k], row[6], row[7]])
    ws.append([])
    ws.append(["", "", "JUMLAH", "", "", "", "", "", f"=COUNTA(B6:B{6 + len(ROWS)})"])
    wb.save(path)
    return path


def csv_semicolon_cp1252(path: Path) -> Path:
    lines = [";".join(HEADER)]
    for row in ROWS:
        lines.append(";".join(row))
    path.write_bytes(("\r\n".join(lines) + "\r\n").replace("Budi", "Bùdi").encode("cp1252"))
    return path


def html_as_xls(path: Path) -> Path:
    cells = "".join(f"<th>{h}</th>" for h in HEADER)
    body = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in ROWS)
    path.write_text(f"<html><body><table><tr>{cells}</tr>{body}</table></body></html>",
                    encoding="utf-8")
    return path


def two_row_header_with_name_nip(path: Path) -> Path:
    """SIASN/DUK layout: PANGKAT over GOL/TMT, name and NIP in one cell, column numbers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NO", "NAMA / NIP", "PANGKAT", None, "UNIT KERJA", "SUB UNIT", "JABATAN",
               "ESELON", "JENIS JABATAN", "STATUS"])
    ws.append([None, None, "GOL/RUANG", "TMT", None, None, None, None, None, None])
    ws.merge_cells("C1:D1")
    for col in "ABEFGHIJ":
        ws.merge_cells(f"{col}1:{col}2")
    ws.append(list(range(1, 11)))
    for k, row in enumerate(ROWS):
        ws.append([k + 1, f"{row[1]}\nNIP. {spaced(row[0])}", "III/a", "01-04-2015", row[2],
                   row[3], row[4], row[5], row[6], row[7]])
    wb.save(path)
    return path


# --- hostile files -------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/'
    'workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Pegawai" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/'
    'sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    '</Relationships>')
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def raw_xlsx(path: Path, sheet_xml: str | bytes, shared: str | bytes = "") -> Path:
    shared = shared or f'<?xml version="1.0"?><sst {_NS} count="0" uniqueCount="0"></sst>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        z.writestr("xl/sharedStrings.xml", shared)
    return path


def million_styled_empty_rows(path: Path) -> Path:
    rows = "".join(f'<row r="{r}"><c r="A{r}" s="1"/><c r="B{r}" s="1"/></row>'
                   for r in range(1, 1_000_001))
    return raw_xlsx(path, f'<?xml version="1.0"?><worksheet {_NS}><sheetData>{rows}'
                          '</sheetData></worksheet>')


def entity_bomb(path: Path) -> Path:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    shared = (f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]><sst {_NS} count="1" '
              'uniqueCount="1"><si><t>&a9;</t></si></sst>')
    sheet = (f'<?xml version="1.0"?><worksheet {_NS}><sheetData><row r="1"><c r="A1" t="s">'
             '<v>0</v></c></row></sheetData></worksheet>')
    return raw_xlsx(path, sheet, shared)


def huge_shared_strings(path: Path) -> Path:
    item = "<si><t>" + "x" * 1000 + "</t></si>"
    body = item * 400_000  # ~400 MB once unpacked
    shared = f'<?xml version="1.0"?><sst {_NS} count="400000" uniqueCount="400000">{body}</sst>'
    sheet = (f'<?xml version="1.0"?><worksheet {_NS}><sheetData><row r="1"><c r="A1" t="s">'
             '<v>0</v></c></row></sheetData></worksheet>')
    return raw_xlsx(path, sheet, shared)


def truncated(path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def password_protected(path: Path) -> Path:
    """An OLE compound file holding an EncryptedPackage stream, as Excel writes them."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100
    path.write_bytes(header + directory + b"\x00" * 4096)
    return path


def empty_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.save(path)
    return path


def sections_without_unit_column(path: Path, with_unit: bool = False) -> Path:
    """DUK printout: each OPD is a title row (merged, or one cell) above its staff."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DAFTAR URUT KEPANGKATAN PEGAWAI NEGERI SIPIL"])
    header = ["No", "NIP", "Nama", *(["Unit Kerja"] if with_unit else []), "Sub Unit",
              "Jabatan", "Eselon", "Jenis Jabatan", "Status"]
    ws.append(header)
    width = len(header)
    current = None
    for k, row in enumerate(ROWS):
        if row[2] != current:
            current = row[2]
            ws.append([f"Unit Kerja: {current}" if k == 0 else current])
            if k > 0:  # later titles merged across the table, as printouts do
                r = ws.max_row
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        ws.append([k + 1, row[0], row[1], *([row[2]] if with_unit else []), *row[3:]])
    wb.save(path)
    return path


def pin_workbook(path: Path, days: list[date], cells: dict[str, dict[date, str]]) -> Path:
    """A pin file in our own layout: NIP, Nama, the period's date columns, only the
    pinned cells filled (`--pin`)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Jadwal"
    sheet.append(["NIP", "Nama", *days])
    for nip, pinned in cells.items():
        sheet.append([nip, "", *[pinned.get(day, "") for day in days]])
    book.save(path)
    return path
