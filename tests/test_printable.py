"""Tests of the printable roster per unit: what it says, and how LibreOffice prints it.

The acceptance check converts the per-unit workbooks headless to PDF with LibreOffice and
reads the PDF back: every character at 8 pt or more, each unit starting on its own page with
its title, the unit named once, no text outside its cell, the signature block present.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pdfplumber
import pytest

from tests import workbooks
from wfh_solver import api
from wfh_solver.solve.result import Result
from wfh_solver.write import write_per_unit
from wfh_solver.write.per_unit import unit_printouts
from wfh_solver.write.printable import day_label, end_sentence, month_blocks, names_and_count
from wfh_solver.write.unit_book import write_unit_book

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
KES = "Dinas Kesehatan"


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> Result:
    staff = workbooks.clean(tmp_path_factory.mktemp("printable") / "pegawai.xlsx")
    return api.plan(staff, "jateng-2020", workers=1)


def test_month_blocks_print_each_month_across_one_page_width():
    """Tests blocks of one calendar month each (a month of a six-day week is 27 days)."""
    days = [date(2020, 3, d) for d in (18, 19, 20, 23, 24, 26, 27, 30, 31)]
    assert month_blocks(days) == ((0, 9),)
    spring = [date(2020, 3, 30), date(2020, 3, 31)] + [
        date(2020, 4, d) for d in range(1, 31) if date(2020, 4, d).weekday() < 6]
    blocks = month_blocks(spring)
    assert blocks == ((0, 2), (2, len(spring)))
    assert blocks[1][1] - blocks[1][0] == 26  # April 2020, Monday to Saturday
    assert day_label(date(2020, 3, 23), "id") == "Sen 23/03"
    assert day_label(date(2020, 3, 23), "en") == "Mon 23/03"


def test_summary_names_a_handful_then_counts_and_never_doubles_a_full_stop():
    """Tests "Budi, Sari, … dan 212 lainnya" and a name ending in "M.M." ending the text."""
    names = [f"Nama {k}" for k in range(217)]
    assert names_and_count(names, "id") == "Nama 0, Nama 1, Nama 2, Nama 3, Nama 4, " \
        "… dan 212 lainnya"
    assert names_and_count(names[:6], "en") == ", ".join(names[:6])
    assert end_sentence("Drs. Budi Santoso, M.M.") == "Drs. Budi Santoso, M.M."
    assert end_sentence("mereka: Sari") == "mereka: Sari."


def test_notes_say_in_plain_words_who_is_pinned_and_why(solved):
    """Tests the per-unit Ringkasan: the pinning rule by name, the head, no other unit."""
    kes = next(u for u in unit_printouts(solved) if u.unit == KES)
    notes = dict(kes.notes)
    always = next(text for item, text in kes.notes if item.startswith("Selalu di kantor"))
    assert "Drs. Budi Santoso" in always and "aturan '" in always
    assert notes["Unit kerja"] == KES and notes["Dasar"] == "SE Gubernur Jawa Tengah 965/932"
    assert notes["Jumlah pegawai"] == "4"
    assert not any("Kecamatan Sragen" in text for _, text in kes.notes)
    assert kes.signer is not None and kes.signer.name == "Drs. Budi Santoso"
    assert kes.signer.nip == "19650312 199003 1 005"


def _pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True)
    return done.stdout


def _convert(files: list[Path], out: Path, profile: Path) -> None:
    done = subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, files)],
        capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def printed(solved: Result, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The per-unit workbooks of the solve, and a two-month Dinas Kesehatan, as PDFs."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    root = tmp_path_factory.mktemp("printed")
    books = write_per_unit(solved, root / "per_unit")
    staff = workbooks.clean(root / "pegawai.xlsx")
    long = api.plan(staff, "jateng-2020", end=date(2020, 5, 15), workers=1)
    long_book = root / "long" / "Dinas Kesehatan 2 bulan.xlsx"
    write_unit_book(next(u for u in unit_printouts(long) if u.unit == KES), long_book)
    _convert([*books, long_book], root / "pdf", root / "profile")
    return {p.stem: root / "pdf" / f"{p.stem}.pdf" for p in [*books, long_book]}


def char_size(ch: dict) -> float:
    """A character's font size; a day name turned upright spans its size across the page."""
    return float(ch["size"] if ch["upright"] else ch["x1"] - ch["x0"])


def signature_lines(text: str) -> list[str]:
    """The page's lines, less the legend printed at the left of the room to sign."""
    return [line.strip() for line in text.splitlines() if not line.strip().startswith("Kode:")]


def _roster_pages(pdf: pdfplumber.PDF) -> list[pdfplumber.page.Page]:
    """The Jadwal pages (the Ringkasan sheet follows them, headed Butir / Keterangan)."""
    return [page for page in pdf.pages if "Butir" not in (page.extract_text() or "")]


def test_every_printed_character_is_at_least_8_pt(printed):
    """Tests the smallest text in every unit's PDF (no shrink-to-fit below 8 pt)."""
    for name, path in printed.items():
        with pdfplumber.open(path) as pdf:
            sizes = [char_size(ch) for page in pdf.pages for ch in page.chars]
            assert sizes and min(sizes) >= 7.95, (name, min(sizes))
            assert all(page.width > page.height for page in pdf.pages)  # landscape
            assert round(pdf.pages[0].width) == 842 and round(pdf.pages[0].height) == 595


def test_each_unit_starts_on_its_own_page_with_title_and_is_named_once(printed, solved):
    """Tests page 1 of each unit: title, unit, circular, period; the unit named once."""
    for unit in {e.unit for e in solved.roster.employees}:
        path = printed[unit]
        with pdfplumber.open(path) as pdf:
            first = pdf.pages[0].extract_text() or ""
            lines = [line.strip() for line in first.splitlines()]
            assert lines[:4] == ["JADWAL KERJA PEGAWAI (WFO/WFH)", unit,
                                 "Dasar: SE Gubernur Jawa Tengah 965/932",
                                 "Periode: 18/03/2020 s.d. 31/03/2020"]
            roster = "\n".join(page.extract_text() or "" for page in _roster_pages(pdf))
            # once as the title; a head's own title ("Kepala Dinas Kesehatan") is not a repeat
            assert len(re.findall(rf"(?<!Kepala ){re.escape(unit)}", roster)) == 1
            assert re.search(r"Halaman 1 dari \d+", first)


def test_no_text_is_cut_or_spills_out_of_its_cell(printed, solved):
    """Tests names, NIPs and positions whole in the text, and every word inside its cell."""
    staff = [e for e in solved.roster.employees if e.unit == KES]
    text = " ".join(_pdf_text(printed[KES]).split())
    for e in staff:
        assert e.name in text
        assert f"{e.nip[:8]} {e.nip[8:14]} {e.nip[14]} {e.nip[15:]}" in text
        assert all(word in text for word in e.position.split())
    with pdfplumber.open(printed[KES]) as pdf:
        for page in _roster_pages(pdf):
            tables = page.find_tables()
            assert tables and sum(len(t.cells) for t in tables) > 20
            for table in tables:
                cells = [c for c in table.cells if c]
                words = page.within_bbox(table.bbox).extract_words()
                for w in words:
                    x, y = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
                    home = [c for c in cells if c[0] <= x <= c[2] and c[1] <= y <= c[3]]
                    assert home, w
                    assert any(c[0] - 1 <= w["x0"] and w["x1"] <= c[2] + 1
                               and c[1] - 1 <= w["top"] and w["bottom"] <= c[3] + 1
                               for c in home), (w["text"], home)


def test_signature_block_names_the_head_with_nip(printed):
    """Tests `Mengetahui,`, the head's position, name and NIP on the last roster page."""
    with pdfplumber.open(printed[KES]) as pdf:
        last = _roster_pages(pdf)[-1].extract_text() or ""
    lines = signature_lines(last)
    at = lines.index("Mengetahui,")
    assert lines[at + 1] == "Kepala Dinas Kesehatan"
    assert lines[at + 2:at + 4] == ["Drs. Budi Santoso", "NIP. 19650312 199003 1 005"]


def test_a_long_period_prints_one_month_per_sheet(printed):
    """Tests two months: each month its own sheet (its own print titles), starting a page
    with the unit's title and the month's name; days named in Indonesian."""
    with pdfplumber.open(printed["Dinas Kesehatan 2 bulan"]) as pdf:
        pages = [page.extract_text() or "" for page in _roster_pages(pdf)]
    starts = [k for k, text in enumerate(pages)
              if text.splitlines()[0].strip() == "JADWAL KERJA PEGAWAI (WFO/WFH)"]
    assert len(starts) == 3  # March (from the 18th), April, May (to the 15th)
    for k, month in zip(starts, ("Maret 2020", "April 2020", "Mei 2020"), strict=True):
        assert month in pages[k]
    days = _pdf_text(printed["Dinas Kesehatan 2 bulan"]).split("\f")[0]  # upright names too
    assert "Sen" in days and "Mon" not in days
