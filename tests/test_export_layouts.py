"""Whole exports read whole: group titles over sub-columns, status marks wherever the export
keeps them, academic titles with the name, and what was left unread said aloud.

Each layout is written here as the export tools write it (an xlsx with merged header cells,
an HTML table saved as `.xls` with colspan/rowspan, as SIMPEG web exports are) and read
through the installed console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

SCRIPT = str(Path(sys.executable).with_name("wfh-solver"))  # the installed console script

#: NIP, name, position, eselon, kind, unit, status mark, title before, title after, remarks
PEOPLE = [
    ("198001012005011001", "Budi Santoso", "Kepala Dinas", "II.b", "Struktural",
     "Dinas Kesehatan", "PNS", "P", "dr.", "M.Kes.", ""),
    ("199001012019032002", "Sari Dewi", "Analis Kebijakan", "", "Fungsional",
     "Dinas Kesehatan", "PPPK", "P", "", "S.E.", "PPPK"),
    ("199501012021012003", "Andi", "Pengadministrasi Umum", "", "Pelaksana",
     "Dinas Kesehatan", "PNS", "C", "", "", "CPNS"),
    ("199601012021012004", "Rina", "Pengelola Data", "", "Pelaksana",
     "Dinas Kesehatan", "PNS", "P", "", "A.Md.", ""),
]
NAMES = ["dr. Budi Santoso, M.Kes.", "Sari Dewi, S.E.", "Andi", "Rina, A.Md."]


def _validate(path: Path) -> dict:
    done = subprocess.run([SCRIPT, "validate", str(path), "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout)


def _duk_xlsx(path: Path, status_column: str | None, remarks: bool) -> Path:
    """A DUK sheet: JABATAN merged over NAMA / ESELON, every other title merged down."""
    book = openpyxl.Workbook()
    sheet = book.active
    top = ["NO", "NIP", "NAMA", "JABATAN", "", "JENIS JABATAN", "UNIT KERJA",
           "GELAR DEPAN", "GELAR BELAKANG"]
    top += [status_column] if status_column else []
    top += ["KET."] if remarks else []
    sheet.append(top)
    sheet.append(["", "", "", "NAMA", "ESELON"] + [""] * (len(top) - 5))
    sheet.merge_cells("D1:E1")
    for k, _ in enumerate(top):
        if k not in (3, 4):
            letter = openpyxl.utils.get_column_letter(k + 1)
            sheet.merge_cells(f"{letter}1:{letter}2")
    for n, (nip, name, pos, es, kind, unit, jenis, cp, front, back, ket) in enumerate(PEOPLE):
        row = [n + 1, nip, name, pos, es, kind, unit, front, back]
        if status_column == "JENIS PEGAWAI":
            row.append(ket or jenis)
        elif status_column == "STATUS CPNS PNS":
            row.append(cp)
        row += [ket] if remarks else []
        sheet.append(row)
    book.save(path)
    return path


def _html_xls(path: Path) -> Path:
    """The same list as a web export: an HTML table named .xls, titles spanning cells."""
    head = ('<tr><th rowspan="2">NO</th><th rowspan="2">NIP</th><th rowspan="2">NAMA</th>'
            '<th colspan="2">JABATAN</th><th rowspan="2">JENIS JABATAN</th>'
            '<th rowspan="2">UNIT KERJA</th><th rowspan="2">JENIS PEGAWAI</th>'
            '<th rowspan="2">STATUS CPNS PNS</th><th rowspan="2">GELAR DEPAN</th>'
            '<th rowspan="2">GELAR BELAKANG</th><th rowspan="2">GOLONGAN</th></tr>'
            "<tr><th>NAMA</th><th>ESELON</th></tr>")
    body = "".join(
        f"<tr><td>{n + 1}</td><td>'{nip}</td><td>{name}</td><td>{pos}</td><td>{es}</td>"
        f"<td>{kind}</td><td>{unit}</td><td>{jenis}</td><td>{cp}</td><td>{front}</td>"
        f"<td>{back}</td><td>III/a</td></tr>"
        for n, (nip, name, pos, es, kind, unit, jenis, cp, front, back, _) in enumerate(PEOPLE))
    path.write_text(f"<html><body><table>{head}{body}</table></body></html>", encoding="utf-8")
    return path


def _xls(source: Path) -> Path:
    """Excel 97-2003, as older SIMPEG installations export: converted by LibreOffice (no
    maintained Python writer exists), in a profile of its own."""
    out = source.parent / "xls"
    out.mkdir()
    done = subprocess.run(["soffice", f"-env:UserInstallation={(out / 'profile').as_uri()}",
                           "--headless", "--convert-to", "xls", "--outdir", str(out),
                           str(source)], capture_output=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    return out / source.with_suffix(".xls").name


@pytest.mark.parametrize("layout", ["xlsx-jenis", "xlsx-ket", "xlsx-status-cpns", "html-xls",
                                    "xls-jenis"])
def test_each_export_layout_reads_every_column_it_carries(tmp_path: Path, layout: str):
    """Tests position, eselon, unit and statuses land in the right columns, names carry
    their titles, and validate lists what each column was read as."""
    if layout == "html-xls":
        path = _html_xls(tmp_path / "duk.xls")
    elif layout == "xls-jenis":
        path = _xls(_duk_xlsx(tmp_path / "duk.xlsx", "JENIS PEGAWAI", remarks=False))
    else:
        column = {"xlsx-jenis": "JENIS PEGAWAI", "xlsx-ket": None,
                  "xlsx-status-cpns": "STATUS CPNS PNS"}[layout]
        path = _duk_xlsx(tmp_path / "duk.xlsx", column, remarks=layout == "xlsx-ket")
    before = path.read_bytes()
    report = _validate(path)
    assert not [p for p in report["problems"] if p["severity"] == "error"], report["problems"]
    summary = report["summary"]
    assert summary["units"] == {"Dinas Kesehatan": 4}
    columns = summary["columns"]
    assert columns["position"].startswith("JABATAN / NAMA (D)")
    assert columns["eselon"].startswith("JABATAN / ESELON (E)")
    expected = {"html-xls": {"pns": 2, "pppk": 1, "cpns": 1},
                "xlsx-jenis": {"pns": 2, "pppk": 1, "cpns": 1},
                "xls-jenis": {"pns": 2, "pppk": 1, "cpns": 1},
                "xlsx-ket": {"pns": 2, "pppk": 1, "cpns": 1},
                "xlsx-status-cpns": {"pns": 3, "cpns": 1}}[layout]
    assert summary["statuses"] == dict(sorted(expected.items()))
    assert path.read_bytes() == before
    out = tmp_path / "r.csv"
    done = subprocess.run([SCRIPT, "solve", str(path), "-s", "jateng-2020", "-o", str(out),
                           "-q"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    names = {line.split(";")[1] for line in out.read_text(encoding="utf-8-sig").splitlines()[1:]}
    assert names == set(NAMES)
    if layout == "html-xls":
        assert summary["unused_columns"] == ["GOLONGAN (L)"]
    else:
        assert summary["unused_columns"] == []


def test_a_missing_column_names_its_nearest_and_the_columns_line(tmp_path: Path):
    """Tests the refusal names the column HR most likely meant and the map line to use."""
    book = openpyxl.Workbook()
    book.active.append(["NIP", "Nama", "Unit Kerja", "Jbtn Terakhir", "Golongan"])
    book.active.append(["198001012005011001", "Budi", "Dinas A", "Kepala Dinas", "IV/c"])
    book.save(tmp_path / "p.xlsx")
    [problem] = _validate(tmp_path / "p.xlsx")["problems"]
    assert '"Jbtn Terakhir" = "position"' in problem["hint"] and "--columns" in problem["hint"]
    assert "Golongan" not in problem["hint"]


def test_hostile_spans_in_an_html_export_stay_small_and_fast(tmp_path: Path):
    """Tests a colspan/rowspan of a billion: bounded by the column and blank-run limits."""
    path = tmp_path / "bomb.xls"
    rows = "".join(f'<tr><td colspan="999999999" rowspan="999999999">{k}</td></tr>'
                   for k in range(2000))
    path.write_text(f"<table><tr><th>NIP</th></tr>{rows}</table>", encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run([SCRIPT, "validate", str(path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert time.monotonic() - started < 30


def test_validate_says_what_it_read_in_words(tmp_path: Path):
    """Tests validate's tables: categories, roles and unit types in words, not codes."""
    path = _duk_xlsx(tmp_path / "duk.xlsx", "JENIS PEGAWAI", remarks=False)
    done = subprocess.run([SCRIPT, "validate", str(path)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "COLUMNS": "200"})
    assert done.returncode == 0, done.stderr
    assert "Kepala OPD" in done.stdout and "pejabat pimpinan tinggi (JPT)" in done.stdout
    assert "kepala_opd" not in done.stdout and " jpt " not in done.stdout
    assert "Dibaca sebagai" in done.stdout and "JABATAN / ESELON (E)" in done.stdout
