"""Tests that reading a province-sized month stays on the fast path and reads the same.

A byte scan decides whether calamine may lay a sheet out densely; it must not be fooled by
where its chunks happen to fall.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests import hostile
from wfh_solver.read import bounded

_SHEET = "xl/worksheets/sheet1.xml"


def _part(path: Path, body: bytes) -> zipfile.ZipFile:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(_SHEET, body)
    return zipfile.ZipFile(path)


def _sheet_xml(cells: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxml'
            'formats.org/spreadsheetml/2006/main"><sheetData>' + cells
            + "</sheetData></worksheet>").encode()


@pytest.mark.parametrize("chunk", [5, 13, 37, 64, 1000])
def test_a_tag_cut_by_a_chunk_boundary_is_not_taken_for_an_unplaced_cell(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int):
    """Tests a plain list scanned in chunks that cut every tag somewhere: every cell has its
    reference, so calamine may read it (a cut `<c r=` once sent 60,000 staff to openpyxl)."""
    path = hostile.staff_with_far_cell(tmp_path / "pegawai.xlsx", "ZZ99999", rows=40)
    whole = bounded.scan_xlsx_sheet(zipfile.ZipFile(path), _SHEET)
    monkeypatch.setattr(bounded, "_CHUNK", chunk)
    cut = bounded.scan_xlsx_sheet(zipfile.ZipFile(path), _SHEET)
    assert not whole.unplaced and not cut.unplaced
    assert (cut.rows, cut.columns, cut.far) == (whole.rows, whole.columns, whole.far)
    assert cut.far == ["ZZ99999"]


@pytest.mark.parametrize("chunk", [5, 13, 37, 64, 1000])
def test_an_unplaced_cell_is_seen_wherever_the_chunks_fall(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int):
    """Tests a cell without a reference in the middle of placed ones, at any chunk size."""
    placed = "".join(f'<row r="{k}"><c r="A{k}" t="inlineStr"><is><t>x{k}</t></is></c></row>'
                     for k in range(1, 30))
    body = _sheet_xml(placed + '<row r="30"><c t="inlineStr"><is><t>y</t></is></c></row>'
                      + placed.replace('r="', 'r="1'))
    monkeypatch.setattr(bounded, "_CHUNK", chunk)
    assert bounded.scan_xlsx_sheet(_part(tmp_path / "u.xlsx", body), _SHEET).unplaced
    plain = _sheet_xml(placed)
    assert not bounded.scan_xlsx_sheet(_part(tmp_path / "p.xlsx", plain), _SHEET).unplaced
