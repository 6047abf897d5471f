"""Tests the printouts of a whole regional government, as HR would make them: the 2,500-staff
sample for July 2020 under jateng-2020, through the installed console script, every unit's PDF
(`--pdf`) and every unit's workbook (`--per-unit`) printed by LibreOffice.

What a head of unit signs: a unit of up to 20 staff has its month on one page; the signature
block never stands alone on a page; the table's header rows open every page, in our PDF and in
the workbook printed from a spreadsheet (print titles).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import openpyxl
import pdfplumber
import pytest

from wfh_solver.write.outputs import safe_stem

SCRIPT = Path(sys.executable).with_name("wfh-solver")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TITLE = "JADWAL KERJA PEGAWAI (WFO/WFH)"
HEADER = "No Nama NIP Jabatan"
NIP = re.compile(r"\b\d{8} \d{6} \d \d{3}\b")


@dataclass(frozen=True)
class Printed:
    staff: dict[str, int]  # file stem → staff in the unit
    pdf: Path
    books: Path  # the per-unit workbooks printed by LibreOffice


def _run(*args: str) -> None:
    done = subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "LANG": "C.UTF-8"})
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    root = tmp_path_factory.mktemp("sample2500")
    staff = root / "pegawai.xlsx"
    _run("sample", "--size", "2500", "--seed", "1", "--leave-share", "0.1", "-o", str(staff))
    _run("solve", str(staff), "-s", "jateng-2020", "--from", "2020-07-01", "--to",
         "2020-07-31", "-o", str(root / "jadwal.xlsx"), "-q", "--pdf", str(root / "pdf"),
         "--per-unit", str(root / "books"))
    books = sorted((root / "books").glob("*.xlsx"))
    done = subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(root / "printed"), *map(str, books)],
        capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(staff, read_only=True).active
    assert sheet is not None
    units = Counter(str(row[2]) for row in sheet.iter_rows(min_row=2, values_only=True))
    return Printed({safe_stem(u): n for u, n in units.items()}, root / "pdf", root / "printed")


@cache
def _pages(path: Path) -> list[list[str]]:
    """The roster pages (the Ringkasan follows, headed Butir), each as its upright lines: the
    day names turned upright are read apart (`tests/test_pdf.py`). Read once per file."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            upright = page.filter(lambda obj: obj.get("upright", True))
            text = upright.extract_text() or ""
            if text.lstrip().startswith("Butir"):
                break
            pages.append([line.strip() for line in text.splitlines() if line.strip()])
    return pages


def test_sample_has_the_unit_sizes_the_checks_need(printed):
    """Tests the sample itself: small units, a unit near 20, and one large enough for
    sections, so the checks below are about something."""
    sizes = sorted(printed.staff.values())
    assert sum(n <= 20 for n in sizes) >= 15 and 20 in sizes and sizes[-1] > 500
    assert set(printed.staff) == {p.stem for p in printed.pdf.glob("*.pdf")}


def test_units_of_up_to_20_print_their_month_on_one_page(printed):
    """Tests every unit of ≤ 20 staff: one roster page holding title, every person, the
    counts and the signature."""
    small = [stem for stem, n in printed.staff.items() if n <= 20]
    for stem in small:
        pages = _pages(printed.pdf / f"{stem}.pdf")
        assert len(pages) == 1, (stem, printed.staff[stem], len(pages))
        text = "\n".join(pages[0])
        people = len(NIP.findall(text)) - ("NIP. ...." not in text)  # less the signer's
        assert people == printed.staff[stem], stem
        assert "Mengetahui," in pages[0] and "Jumlah di kantor (WFO)" in text


@pytest.mark.parametrize("where", ["pdf", "books"])
def test_no_page_holds_only_a_signature_block(printed, where):
    """Tests every unit's PDF and every workbook printed by LibreOffice: the page with
    `Mengetahui,` also holds rows of the table (at least two people besides the head)."""
    for path in getattr(printed, where).glob("*.pdf"):
        pages = _pages(path)
        signed = [k for k, lines in enumerate(pages) if "Mengetahui," in lines]
        assert signed == [len(pages) - 1], path.stem
        rows = [line for line in pages[-1] if NIP.search(line) and not line.startswith("NIP.")]
        assert len(rows) >= 2, (path.stem, pages[-1][:8])


def _opens_with_header(lines: list[str]) -> bool:
    """A page opens with the header rows: first thing (after `Jumlah hari`, the caption over
    the totals, which sits higher), or after the title block (a unit's first page), or after
    a section's caption (`Sub unit: …`, `… (lanjutan)`)."""
    lines = [line for line in lines if line not in ("Jumlah hari", "Jumlah")]
    if lines[:1] == [TITLE]:
        return any(line.startswith(HEADER) for line in lines[4:7])
    if lines and (lines[0].startswith("Sub unit: ") or lines[0].endswith("(lanjutan)")):
        lines = lines[1:]
    return bool(lines) and lines[0].startswith(HEADER)


def test_every_page_opens_with_the_header_rows_in_our_pdf(printed):
    """Tests our PDFs, Dinas Pendidikan's many sections included."""
    for path in printed.pdf.glob("*.pdf"):
        for k, lines in enumerate(_pages(path)):
            assert _opens_with_header(lines), (path.stem, k, lines[:3])


def test_every_page_opens_with_the_header_rows_printed_from_the_workbook(printed):
    """Tests the per-unit workbooks printed by LibreOffice: the two header rows are print
    titles, repeated on every page of every unit; a large unit's sections start pages."""
    seen = 0
    for path in printed.books.glob("*.pdf"):
        pages = _pages(path)
        for k, lines in enumerate(pages):
            assert _opens_with_header(lines), (path.stem, k, lines[:7])
            assert (lines[0] == TITLE) == (k == 0), (path.stem, k)  # not a caption
        seen += len(pages)
    assert seen > 2 * len(printed.staff)  # many units run onto further pages
