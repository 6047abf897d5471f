"""Tests of `--pdf DIR`: one PDF per unit, through the installed console script."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pdfplumber

from tests import workbooks
from tests.test_printable import char_size, signature_lines

SCRIPT = Path(sys.executable).with_name("wfh-solver")


def _solve(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), "solve", str(tmp_path / "pegawai.xlsx"), "-s",
                           "jateng-2020", "-o", str(tmp_path / "j.xlsx"), "-q", *extra],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "LANG": "C.UTF-8"})


def test_pdf_per_unit_is_readable_titled_and_signed(tmp_path):
    """Tests one PDF per unit: ≥ 8 pt, title lines, unit once, signature with NIP, creator."""
    workbooks.clean(tmp_path / "pegawai.xlsx")
    done = _solve(tmp_path, "--pdf", str(tmp_path / "pdf"))
    assert done.returncode == 0, done.stderr
    units = sorted({row[2] for row in workbooks.ROWS})
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == [f"{u}.pdf" for u in units]
    with pdfplumber.open(tmp_path / "pdf" / "Dinas Kesehatan.pdf") as pdf:
        assert pdf.metadata["Creator"] == "wfh-solver"
        sizes = [char_size(ch) for page in pdf.pages for ch in page.chars]
        assert min(sizes) >= 7.99  # 8 pt, less float rounding
        assert all(round(page.width) == 842 and round(page.height) == 595 for page in pdf.pages)
        first = [line.strip() for line in (pdf.pages[0].extract_text() or "").splitlines()]
        page_chars = sorted(pdf.pages[0].chars, key=lambda ch: ch["x0"])
        words = pdf.pages[0].extract_words()
        no = next(w for w in words if w["text"] == "No")
        header_dates = [w["text"] for w in sorted(words, key=lambda w: w["x0"])
                        if w["upright"] and w["text"].isdigit() and no["top"] < w["top"]
                        < no["top"] + 15]
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert first[:4] == ["JADWAL KERJA PEGAWAI (WFO/WFH)", "Dinas Kesehatan",
                         "Dasar: SE Gubernur Jawa Tengah 965/932",
                         "Periode: 18/03/2020 s.d. 31/03/2020"]
    # Indonesian day names (upright) over their dates in the header, the codes' legend
    days = [ch["text"] for ch in page_chars if not ch["upright"]]
    assert "".join(days).startswith("RabKamJumSenSelKamJumSenSel")
    assert "No Nama NIP Jabatan" in first
    assert header_dates == ["18", "19", "20", "23", "24", "26", "27", "30", "31"]
    assert "Kode: O = masuk kantor (WFO" in text
    lines = signature_lines(text)
    at = lines.index("Mengetahui,")
    assert lines[at + 1:at + 4] == ["Kepala Dinas Kesehatan", "Drs. Budi Santoso",
                                    "NIP. 19650312 199003 1 005"]
    assert "Halaman 1 dari" in text and "Selalu di kantor" in text
    roster = text[:text.index("Butir")]
    assert roster.count("Dinas Kesehatan") == roster.count("Kepala Dinas Kesehatan") + 1


def test_pdf_handles_names_beyond_latin_1(tmp_path):
    """Tests names with characters outside Windows-1252 and a hostile name: written, no crash."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(workbooks.HEADER)
    rows = [list(r) for r in workbooks.ROWS]
    rows[3][1] = "Ğülşen Ñoman Ōtsuka"
    rows[6][1] = "+Nur Hidayah"
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "pegawai.xlsx")
    done = _solve(tmp_path, "--pdf", str(tmp_path / "pdf"), "--per-unit", str(tmp_path / "x"))
    assert done.returncode == 0, done.stderr
    with pdfplumber.open(tmp_path / "pdf" / "Dinas Kesehatan.pdf") as pdf:
        text = " ".join((page.extract_text() or "") for page in pdf.pages)
    assert "Ğülşen Ñoman Ōtsuka" in text
    assert {p.stem for p in (tmp_path / "pdf").iterdir()} == \
        {p.stem for p in (tmp_path / "x").iterdir()}


def test_pdf_folder_clashing_with_the_input_is_refused(tmp_path):
    """Tests the output plan: a PDF that would replace the input is one line, exit 2."""
    workbooks.clean(tmp_path / "pegawai.xlsx")
    (tmp_path / "pdf").mkdir()
    clash = tmp_path / "pdf" / "Dinas Kesehatan.pdf"
    clash.write_bytes(b"%PDF-1.4 not ours")
    done = _solve(tmp_path, "--pdf", str(tmp_path / "pdf"))
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    assert clash.read_bytes() == b"%PDF-1.4 not ours" and not (tmp_path / "j.xlsx").exists()
