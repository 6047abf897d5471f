"""Every piece of text the writers put in a workbook, in Indonesian and English.

One dictionary per language with identical keys; `label(key, lang)` is the only
way the writers get text, so a translation is a change to this file alone.
Cell codes (`WFO`/`WFH`) are not labels: they are the same in every language.
"""

from __future__ import annotations

from typing import Final

WFO: Final = "WFO"
WFH: Final = "WFH"

DEFAULT_LANG: Final = "id"

ID: Final[dict[str, str]] = {
    # Sheet names (max 31 characters, no []:*?/\).
    "sheet_roster": "Jadwal",
    "sheet_units": "Rekap Unit",
    "sheet_summary": "Ringkasan",
    "sheet_rules": "Aturan",
    # Workbook property.
    "workbook_title": "Jadwal WFH/WFO",
    # Jadwal columns.
    "col_nip": "NIP",
    "col_name": "Nama",
    "col_unit": "Unit Kerja",
    "col_sub_unit": "Sub Unit",
    "col_position": "Jabatan",
    "col_wfo_days": "Hari WFO",
    "col_wfh_days": "Hari WFH",
    "col_away_days": "Hari Cuti/DL",
    # Rekap Unit columns and values.
    "col_date": "Tanggal",
    "col_rule": "Aturan",
    "col_members": "Jumlah pegawai",
    "col_in_office": "Hadir (WFO)",
    "col_share": "Persentase hadir",
    "col_minimum": "Minimum",
    "col_maximum": "Maksimum",
    "col_target_wfh": "Target WFH",
    "col_met": "Memenuhi",
    "unit_total": "Total unit",
    "whole_org": "(seluruh organisasi)",
    "yes": "Ya",
    "no": "Tidak",
    # Aturan columns.
    "col_rule_name": "Nama aturan",
    "col_kind": "Jenis",
    "col_description": "Uraian",
    "col_affected": "Pegawai terdampak",
    # Ringkasan.
    "col_key": "Butir",
    "col_value": "Nilai",
    "scenario": "Skenario",
    "title": "Judul",
    "source": "Sumber data",
    "unit": "Unit Kerja",
    "period_start": "Awal periode",
    "period_end": "Akhir periode",
    "workweek": "Pola hari kerja",
    "working_days": "Jumlah hari kerja",
    "skipped_holiday": "Hari libur dilewati",
    "solver_status": "Status solver",
    "level": "Tingkat",
    "level_name": "nama",
    "level_description": "uraian",
    "level_objective": "nilai objektif",
    "level_bound": "batas terbukti",
    "level_status": "status",
    "level_gap": "selisih (gap)",
    "level_seconds": "waktu (detik)",
    "solve_seconds": "Waktu penyelesaian (detik)",
    "switches": "Jumlah pergantian WFO/WFH",
    "switches_bound": "Batas bawah pergantian",
    "interrupted": "Dihentikan sebelum selesai",
    "warnings": "Peringatan",
    "rows_skipped": "Baris masukan dilewati (lihat wfh-solver validate)",
    "choices": "Pilihan pemodelan",
    "none": "(tidak ada)",
    # Konflik and Pelanggaran sheets (issue 12).
    "sheet_conflicts": "Konflik",
    "sheet_violations": "Pelanggaran",
    "col_days": "Tanggal",
    "col_items": "Butir yang berbenturan",
    "col_people": "Pegawai terlibat",
    "col_explanation": "Penjelasan",
    "col_minimal": "Minimal",
    "col_kind_v": "Jenis",
    "col_required": "Diminta",
    "col_achieved": "Tercapai",
    "col_cells": "Sel",
}

EN: Final[dict[str, str]] = {
    "sheet_roster": "Roster",
    "sheet_units": "Unit Summary",
    "sheet_summary": "Summary",
    "sheet_rules": "Rules",
    "workbook_title": "WFH/WFO roster",
    "col_nip": "NIP",
    "col_name": "Name",
    "col_unit": "Unit",
    "col_sub_unit": "Sub unit",
    "col_position": "Position",
    "col_wfo_days": "WFO days",
    "col_wfh_days": "WFH days",
    "col_away_days": "Leave/travel days",
    "col_date": "Date",
    "col_rule": "Rule",
    "col_members": "Employees",
    "col_in_office": "In office (WFO)",
    "col_share": "Share in office",
    "col_minimum": "Minimum",
    "col_maximum": "Maximum",
    "col_target_wfh": "WFH target",
    "col_met": "Satisfied",
    "unit_total": "Unit total",
    "whole_org": "(whole organisation)",
    "yes": "Yes",
    "no": "No",
    "col_rule_name": "Rule name",
    "col_kind": "Kind",
    "col_description": "Description",
    "col_affected": "Employees affected",
    "col_key": "Item",
    "col_value": "Value",
    "scenario": "Scenario",
    "title": "Title",
    "source": "Data source",
    "unit": "Unit",
    "period_start": "Period start",
    "period_end": "Period end",
    "workweek": "Working week",
    "working_days": "Working days",
    "skipped_holiday": "Skipped holiday",
    "solver_status": "Solver status",
    "level": "Level",
    "level_name": "name",
    "level_description": "description",
    "level_objective": "objective",
    "level_bound": "proven bound",
    "level_status": "status",
    "level_gap": "gap",
    "level_seconds": "time (seconds)",
    "solve_seconds": "Solve time (seconds)",
    "switches": "WFO/WFH switches",
    "switches_bound": "Switches lower bound",
    "interrupted": "Interrupted before finishing",
    "warnings": "Warnings",
    "rows_skipped": "Input rows skipped (see wfh-solver validate)",
    "choices": "Modelling choices",
    "none": "(none)",
    # Konflik and Pelanggaran sheets (issue 12).
    "sheet_conflicts": "Conflicts",
    "sheet_violations": "Violations",
    "col_days": "Dates",
    "col_items": "Clashing items",
    "col_people": "People involved",
    "col_explanation": "Explanation",
    "col_minimal": "Minimal",
    "col_kind_v": "Kind",
    "col_required": "Required",
    "col_achieved": "Achieved",
    "col_cells": "Cells",
}

CATALOGUE: Final[dict[str, dict[str, str]]] = {"id": ID, "en": EN}

LANGUAGES: Final = tuple(CATALOGUE)


def check_lang(lang: str) -> str:
    """Return `lang` if it has a catalogue, else raise a ValueError naming the choices."""
    if lang not in CATALOGUE:
        raise ValueError(f"unknown output language {lang!r}; use one of {list(LANGUAGES)}")
    return lang


def label(key: str, lang: str = DEFAULT_LANG) -> str:
    """The text for `key` in `lang` ("id" or "en")."""
    table = CATALOGUE[check_lang(lang)]
    try:
        return table[key]
    except KeyError:
        raise KeyError(f"no {lang!r} label for {key!r}") from None
