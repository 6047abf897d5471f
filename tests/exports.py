"""Real-export layouts around the clean staff list, written to `tests/fixtures/exports/`.

Each layout wraps `workbooks.ROWS` the way SIMPEG, SIASN and DUK exports and their printouts
do (title rows, column numbers, a header repeated at page breaks, per-OPD subtotals, a totals
row whose label is merged over two columns and whose count stands in the NIP column, a
signature block and notes below the table), so each file must read exactly like its clean
twin, and `validate` must list the rows it skipped. Layouts were collected from public
SIMPEG/DUK export code and templates: `No | Nama | NIP | Gol | Jabatan` under an OPD title
(SIMPEG Kota Bogor), `NO | NAMA / NIP | PANGKAT (GOL/RUANG, TMT) | JABATAN …` two-row DUK
headers with merged cells (DUK Kota Kendari, PPSDM Kemetrologian), HTML tables saved as .xls,
and DUK templates with `Jumlah : …` and `UNIT KERJA : …` lines above the header.

Run `python -m tests.exports` to rewrite the fixtures (the .xls copies need LibreOffice).
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from tests.workbooks import ROWS, spaced

FIXTURES = Path(__file__).parent / "fixtures" / "exports"
Row = list[object]

# Column order of the layouts with a unit column.
HEAD = ["No", "NIP", "Nama", "Unit Kerja", "Sub Unit", "Jabatan", "Eselon", "Jenis Jabatan",
        "Status"]


@dataclass
class Layout:
    """One export: its rows, merged ranges, which formats it comes in, and what `validate`
    must list as skipped (message keys `skip_*`, one per skipped row)."""

    rows: list[Row]
    merges: list[str] = field(default_factory=list)
    formats: tuple[str, ...] = ("xlsx", "xls", "csv")
    skipped: list[str] = field(default_factory=list)


def _staff(k: int, row: list[str], nip: str | None = None) -> Row:
    return [k + 1, nip or spaced(row[0]), row[1], *row[2:]]


def _signature(width: int, left: bool = False) -> tuple[list[Row], list[str]]:
    """Place and date, `Mengetahui`, the head's title, a name, a rank and `NIP. …`, in the
    right-hand columns as printouts put it (or from column C, over the name column)."""
    col = 2 if left else width - 3
    lines = ["Sragen, 30 Maret 2020", "Mengetahui,", "Kepala BKPSDM Kabupaten Sragen", "",
             "", "Drs. H. SUTRISNO, M.Si", "Pembina Utama Muda", "NIP. 19650101 199003 1 001"]
    rows: list[Row] = []
    for line in lines:
        rows.append([None] * col + [line or None] + [None] * (width - col - 1))
    if left:  # the label in a cell of its own: `NIP.` | `19650101 199003 1 001`
        rows[-1][col - 1: col + 1] = ["NIP.", lines[-1].removeprefix("NIP. ")]
    return rows, []


def duk_footer_jumlah() -> Layout:
    """DUK export: titles, header, column numbers, staff, `JUMLAH` merged over A:B with the
    head count in C, then a note."""
    rows: list[Row] = [["DAFTAR URUT KEPANGKATAN PEGAWAI NEGERI SIPIL"],
                       ["PEMERINTAH KABUPATEN SRAGEN"], ["KEADAAN : 30 MARET 2020"], [],
                       HEAD, list(range(1, 10))]
    rows += [_staff(k, r) for k, r in enumerate(ROWS)]
    total = len(rows) + 1
    rows += [["JUMLAH", None, len(ROWS)], [], ["Sumber: SIMPEG Kabupaten Sragen"]]
    return Layout(rows, ["A1:I1", "A2:I2", f"A{total}:B{total}"],
                  skipped=["skip_total", "skip_signature"])


def web_count_in_nip() -> Layout:
    """Web export (`No | Nama | NIP | …`): the footer's label in the name column, the count
    in the NIP column, and `Jumlah Pegawai: 2.458` merged across the table."""
    head = ["No", "Nama", "NIP", *HEAD[3:]]
    rows: list[Row] = [["Daftar Pegawai"], head]
    rows += [[k + 1, r[1], r[0], *r[2:]] for k, r in enumerate(ROWS)]
    rows += [["", "Jumlah", len(ROWS)]]
    last = len(rows) + 1
    rows += [["Jumlah Pegawai: 2.458"]]
    return Layout(rows, ["A1:I1", f"A{last}:I{last}"], ("xlsx", "xls", "csv", "html.xls"),
                  skipped=["skip_total", "skip_total"])


def signature_block() -> Layout:
    """Two signature blocks below the table: one to the right, and a note with the name of
    the signing official written in the name column."""
    rows: list[Row] = [HEAD]
    rows += [_staff(k, r) for k, r in enumerate(ROWS)]
    rows.append([])
    right, _ = _signature(len(HEAD))
    rows += right
    rows += [[], ["Catatan: data per 30 Maret 2020; PPPK termasuk."]]
    left, _ = _signature(len(HEAD), left=True)
    rows += left
    filled = sum(1 for r in right + left if any(r))
    return Layout(rows, skipped=["skip_signature"] * (filled + 1))


def page_break_headers() -> Layout:
    """A printed report saved as a spreadsheet: every page repeats the header and the column
    numbers, and ends with a page line."""
    rows: list[Row] = [["LAPORAN DATA PEGAWAI"], HEAD, list(range(1, 10))]
    skipped: list[str] = []
    for k, r in enumerate(ROWS):
        if k and k % 3 == 0:
            rows += [[f"Halaman {k // 3} dari 3"], HEAD, list(range(1, 10))]
            skipped += ["skip_note", "skip_header", "skip_numbers"]
        rows.append(_staff(k, r))
    return Layout(rows, ["A1:I1"], skipped=skipped)


def opd_subtotals() -> Layout:
    """Staff grouped by OPD, each group closed by a subtotal row, a grand total at the end."""
    rows: list[Row] = [HEAD]
    skipped: list[str] = []
    for k, r in enumerate(ROWS):
        rows.append(_staff(k, r))
        if k + 1 == len(ROWS) or ROWS[k + 1][2] != r[2]:
            count = sum(1 for x in ROWS if x[2] == r[2])
            rows.append([None, None, f"Jumlah {r[2]}", None, None, None, None, None, count])
            skipped.append("skip_total")
    rows += [["TOTAL", None, None, None, None, None, None, None, len(ROWS)]]
    return Layout(rows, ["A{0}:H{0}".format(len(rows))], skipped=[*skipped, "skip_total"])


def siasn_printed() -> Layout:
    """SIASN column names, a printing stamp below the table."""
    head = ["nip_baru", "nama", "unor_induk_nama", "unor_nama", "jabatan_nama", "eselon_nama",
            "jenis_jabatan_nama", "status_pegawai"]
    rows: list[Row] = [head, *[list(r) for r in ROWS], ["Dicetak pada 30/03/2020 10:15"]]
    return Layout(rows, formats=("csv",), skipped=["skip_signature"])


def duk_sections_name_nip() -> Layout:
    """DUK printout without a unit column: a two-row header, `NAMA / NIP` in one cell, each
    OPD a merged title row, the header repeated at a page break, a signature block."""
    head1 = ["NO", "NAMA / NIP", "PANGKAT", None, "SUB UNIT", "JABATAN", "ESELON",
             "JENIS JABATAN", "STATUS"]
    head2 = [None, None, "GOL/RUANG", "TMT", None, None, None, None, None]
    rows: list[Row] = [["DAFTAR URUT KEPANGKATAN"], head1, head2]
    merges = ["A1:I1", "C2:D2", *(f"{c}2:{c}3" for c in "ABEFGHI")]
    current = None
    for k, r in enumerate(ROWS):
        if k == 4:  # page break: the two header rows again
            at = len(rows) + 1
            rows += [head1, head2]
            merges += [f"C{at}:D{at}", *(f"{c}{at}:{c}{at + 1}" for c in "ABEFGHI")]
        if r[2] != current:
            current = r[2]
            rows.append([current])
            merges.append(f"A{len(rows)}:I{len(rows)}")
        rows.append([k + 1, f"{r[1]}\nNIP. {spaced(r[0])}", "III/a", "01-04-2015", r[3], r[4],
                     r[5], r[6], r[7]])
    rows.append([])
    sign, _ = _signature(9)
    rows += sign
    filled = sum(1 for r in sign if any(r))
    return Layout(rows, merges, ("xlsx", "xls"),
                  skipped=["skip_header", "skip_header"] + ["skip_signature"] * filled)


def header_words_in_rows() -> Layout:
    """First staff rows whose cells equal header words (`Menyusui`, `DL`, `Cuti`): read as
    staff, never taken for a second header row."""
    head = [*HEAD, "Hamil/Menyusui", "Keterangan"]
    rows: list[Row] = [head]
    notes = ["DL", "Cuti", "", "", "", "", ""]
    rows += [[*_staff(k, r), "Menyusui" if k < 2 else "", notes[k]] for k, r in enumerate(ROWS)]
    return Layout(rows, formats=("xlsx", "csv"))


def duk_template_meta() -> Layout:
    """A DUK template's heading block (`LAMPIRAN : SE KBAKN`, `Jumlah : …`, `UNIT KERJA : …`
    beside the title) above the header, and `Mengetahui` with the signing official below."""
    rows: list[Row] = [
        ["DAFTAR URUT KEPANGKATAN PEGAWAI NEGERI SIPIL", None, None, None, None, None,
         "LAMPIRAN", ": SE KBAKN"],
        [None, "PEMERINTAH KABUPATEN SRAGEN", None, None, None, None, "NOMOR", ": 03/SE/1980"],
        [None, "Jumlah :", len(ROWS), None, None, None, "KEADAAN", ": MARET 2020"],
        [None, None, None, None, None, None, "UNIT KERJA", ": PEMERINTAH KABUPATEN SRAGEN"],
        [], HEAD]
    rows += [_staff(k, r) for k, r in enumerate(ROWS)]
    rows += [[], [None, "Mengetahui,"], [None, "Sekretaris Daerah"], [],
             [None, "Ir. TATAG PRABAWANTO, MM"], [None, "NIP. 19651010 199003 1 009"]]
    return Layout(rows, formats=("xlsx", "csv"), skipped=["skip_signature"] * 4)


def duk_html_name_nip() -> Layout:
    """An HTML DUK saved as .xls: `NAMA / NIP` with a line break, unit titles as rows."""
    head = ["NO", "NAMA / NIP", "PANGKAT / GOLONGAN", "TMT PANGKAT", "SUB UNIT", "JABATAN",
            "ESELON", "JENIS JABATAN", "STATUS"]
    rows: list[Row] = [["DAFTAR URUT KEPANGKATAN PEGAWAI NEGERI SIPIL"], head]
    current = None
    for k, r in enumerate(ROWS):
        if r[2] != current:
            current = r[2]
            rows.append([f"Unit Kerja: {current}"])
        rows.append([k + 1, f"{r[1]} /<br>{r[0]}", "Penata / III.c", "01-04-2015", r[3], r[4],
                     r[5], r[6], r[7]])
    rows += [["JUMLAH", None, f"{len(ROWS)} orang"]]
    return Layout(rows, formats=("html.xls",), skipped=["skip_total"])


LAYOUTS: dict[str, Callable[[], Layout]] = {
    f.__name__: f for f in (duk_footer_jumlah, web_count_in_nip, signature_block,
                            page_break_headers, opd_subtotals, siasn_printed,
                            duk_sections_name_nip, header_words_in_rows, duk_template_meta,
                            duk_html_name_nip)
}


def _xlsx(layout: Layout, path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Pegawai"
    for row in layout.rows:
        sheet.append(row)
    for merge in layout.merges:
        sheet.merge_cells(merge)
    book.save(path)


def _csv(layout: Layout, path: Path) -> None:
    """As Excel saves a merged range: the value in its first cell, the rest empty."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        for row in layout.rows:
            writer.writerow(["" if v is None else v for v in row])


def _html(layout: Layout, path: Path) -> None:
    body = "".join("<tr>" + "".join(f"<td>{'' if v is None else v}</td>" for v in row)
                   + "</tr>" for row in layout.rows)
    path.write_text(f"<html><body><table>{body}</table></body></html>", encoding="utf-8")


def _xls(layout: Layout, path: Path) -> None:
    """Excel 97-2003, converted by LibreOffice (no maintained Python writer exists)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{path.name.removesuffix('.xls')}.xlsx"
        _xlsx(layout, source)
        subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", tmp,
                        str(source)], check=True, capture_output=True, timeout=120)
        shutil.move(source.with_suffix(".xls"), path)


WRITERS: dict[str, Callable[[Layout, Path], None]] = {
    "xlsx": _xlsx, "csv": _csv, "html.xls": _html, "xls": _xls}


def fixture_paths() -> list[tuple[str, Path]]:
    """(layout name, file) for every fixture the layouts promise."""
    return [(name, FIXTURES / f"{name}.{fmt}")
            for name, make in LAYOUTS.items() for fmt in make().formats]


def main() -> None:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name, make in LAYOUTS.items():
        layout = make()
        for fmt in layout.formats:
            WRITERS[fmt](layout, FIXTURES / f"{name}.{fmt}")


if __name__ == "__main__":
    main()
