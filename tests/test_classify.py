"""Tests of eselon parsing and role, category, unit-type recognition."""

import pytest

from wfh_solver.domain.classify import (
    classify_category,
    classify_sub_unit_kind,
    classify_unit_type,
    recognise_roles,
)
from wfh_solver.domain.employee import Category
from wfh_solver.read.eselon import EselonError, parse_eselon


@pytest.mark.parametrize("raw,expected", [
    ("II.a", "II.a"), ("II/a", "II.a"), ("IIa", "II.a"), ("II-a", "II.a"), ("IV.b", "IV.b"),
    ("iii.b", "III.b"), ("III", "III"), ("Eselon IV.a", "IV.a"), (" II.b ", "II.b"),
    ("-", None), ("Non Eselon", None), ("", None), (None, None), ("2a", "II.a"),
])
def test_every_written_eselon_form_is_normalised(raw, expected):
    """Tests that all spellings seen in SIMPEG exports map to one code."""
    assert parse_eselon(raw) == expected


@pytest.mark.parametrize("raw", ["VI.a", "II.c", "Kepala", "3.5"])
def test_eselon_that_is_not_a_code_is_rejected(raw):
    """Tests that garbage in the Eselon column is an error, not silently ignored."""
    with pytest.raises(EselonError):
        parse_eselon(raw)


@pytest.mark.parametrize("position,role", [
    ("Kepala Dinas Kesehatan", "kepala_opd"), ("Sekretaris Daerah", "sekda"),
    ("Asisten Pemerintahan dan Kesra", "asisten"), ("Staf Ahli Bupati Bidang Hukum", "staf_ahli"),
    ("Sekretaris Dinas", "sekretaris_opd"), ("Kepala Bagian Hukum", "kabag"),
    ("Kepala Subbagian Umum", "kasubbag"), ("Kepala Bidang Pelayanan", "kepala_bidang"),
    ("Kepala Sub Bidang Perencanaan", "kasubbid"), ("Kepala Seksi Pemerintahan", "kasi"),
    ("Camat Sragen", "camat"), ("Sekretaris Kecamatan", "sekcam"), ("Lurah Sine", "lurah"),
    ("Sekretaris Kelurahan", "sekretaris_kelurahan"), ("Kepala UPTD Pasar", "kepala_upt"),
    ("Kepala Sekolah SD Negeri 1 Sragen", "kepala_sekolah"),
    ("Kepala UPT Puskesmas Gemolong", "kepala_puskesmas"),
    ("Direktur RSUD dr. Soehadi", "direktur_rsud"), ("Guru Kelas", "guru"),
    ("Dokter Umum", "dokter"), ("Perawat Pelaksana", "perawat"), ("Bidan Terampil", "bidan"),
    ("Camat", "kepala_opd"), ("Inspektur", "kepala_opd"), ("Sekretaris DPRD", "kepala_opd"),
    ("Plt. Kepala Badan Pendapatan Daerah", "kepala_opd"),
])
def test_roles_are_recognised_from_jabatan(position, role):
    """Tests that each role the circulars name is found in the Jabatan text."""
    assert role in recognise_roles(position)


def test_a_plain_staff_post_has_no_role():
    """Tests that an ordinary pelaksana post is not mistaken for an official."""
    assert recognise_roles("Pengadministrasi Umum") == frozenset()
    assert "kabag" not in recognise_roles("Kepala Subbagian Keuangan")


@pytest.mark.parametrize("kind,eselon,position,expected", [
    ("Struktural", "II.b", "Kepala Dinas", Category.JPT),
    ("Struktural", "III.a", "Sekretaris Dinas", Category.ADMINISTRATOR),
    ("", "IV.a", "Kepala Seksi", Category.PENGAWAS),
    ("Pelaksana", None, "Pengadministrasi Umum", Category.PELAKSANA),
    ("Fungsional", None, "Auditor Ahli Pertama", Category.FUNGSIONAL),
    ("", None, "Guru Kelas", Category.FUNGSIONAL),
    ("", None, "Perawat Terampil", Category.FUNGSIONAL),
    ("", None, "Pengemudi", Category.PELAKSANA),
    ("JPT", None, "Staf Ahli", Category.JPT),
])
def test_category_from_kind_then_eselon_then_words(kind, eselon, position, expected):
    """Tests the documented precedence: Jenis Jabatan, then Eselon, then Jabatan words."""
    assert classify_category(kind, eselon, position) == expected


@pytest.mark.parametrize("unit,expected", [
    ("Dinas Kesehatan", "dinas"), ("RSUD Gemolong", "rsud"), ("Puskesmas Sragen", "puskesmas"),
    ("Kecamatan Sragen", "kecamatan"), ("Satuan Polisi Pamong Praja", "satpol_pp"),
    ("Dinas Pemadam Kebakaran", "damkar"), ("BPBD", "bpbd"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "disdukcapil"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dpmptsp"),
    ("Badan Pendapatan Daerah", "bapenda"), ("Dinas Perhubungan", "dishub"),
    ("Sekretariat DPRD", "sekretariat_dprd"), ("Sekretariat Daerah", "setda"),
    ("Inspektorat", "inspektorat"), ("Badan Kepegawaian Daerah", "badan"),
])
def test_unit_type_from_unit_name(unit, expected):
    """Tests that unit kinds named by circulars are recognised from the name."""
    assert classify_unit_type(unit) == expected


def test_jenis_unit_column_overrides_the_name():
    """Tests that an explicit Jenis Unit wins over the name."""
    assert classify_unit_type("Dinas Kesehatan", "RSUD") == "rsud"


@pytest.mark.parametrize("sub_unit,expected", [
    ("Seksi Kesehatan Keluarga", "seksi"), ("Subbagian Umum", "subbagian"),
    ("Sub Bidang Perencanaan", "subbidang"), ("Tata Usaha", "tu"), ("Bidang Pelayanan", "bidang"),
    ("Bagian Hukum", "bagian"), ("Kelurahan Sine", "kelurahan"), ("SD Negeri 1 Sragen", "sekolah"),
    ("", None),
])
def test_sub_unit_kind_from_name(sub_unit, expected):
    """Tests that sub-unit kinds used by per-seksi rules are recognised."""
    assert classify_sub_unit_kind(sub_unit) == expected


@pytest.mark.parametrize("kind,position,expected", [
    ("Struktural", "Kepala Dinas Kesehatan", Category.JPT),
    ("", "Camat Sragen", Category.ADMINISTRATOR),
    ("", "Kepala Bidang Anggaran", Category.ADMINISTRATOR),
    ("Struktural", "Lurah Sine", Category.PENGAWAS),
    ("", "Kepala Seksi Pemerintahan", Category.PENGAWAS),
    ("", "Kepala Sekolah SD Negeri 2", Category.FUNGSIONAL),
])
def test_structural_level_comes_from_the_role_when_eselon_is_blank(kind, position, expected):
    """Tests that an export without Eselon still classifies heads and section chiefs."""
    assert classify_category(kind, None, position) == expected
