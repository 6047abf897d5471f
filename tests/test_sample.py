"""Tests that the synthetic staff list looks like a real regional export and is reproducible."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from wfh_solver.sample import COLUMNS, make_sample, write_sample

ESELON_RE = re.compile(r"^(II|III|IV)[.\-/]?([ab])$")
# Words that mark a functional post when `Jenis Jabatan` is blank (levels and health posts).
FUNCTIONAL_RE = re.compile(r"\b(Ahli|Terampil|Mahir|Penyelia|Dokter|Perawat|Bidan|Penyuluh)\b")
# Units where a bundled circular keeps everyone in the office: no one may be Wajib WFH there.
SERVICE_RE = re.compile(
    r"^(?:RSUD|Puskesmas|UPTD|Kecamatan)\b|Satuan Polisi|Penanggulangan Bencana|Pemadam"
    r"|Kependudukan|Terpadu Satu Pintu|Perhubungan|Pendapatan Daerah|Kawasan Permukiman"
)
TARGETS = {"pelaksana": 39.0, "guru": 35.0, "fungsional": 15.0, "struktural": 11.0}


def eselon_major(text: str) -> str | None:
    match = ESELON_RE.match(text)
    return match.group(1) if match else None


def category(jenis: str, eselon: str, jabatan: str) -> str:
    if jabatan.startswith(("Guru", "Kepala Sekolah")):
        return "guru"
    if jenis == "Struktural" or eselon_major(eselon):
        return "struktural"
    if jenis == "Fungsional" or (not jenis and FUNCTIONAL_RE.search(jabatan)):
        return "fungsional"
    return "pelaksana"


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return make_sample(5000, 11)


@pytest.fixture(scope="module")
def categories(frame: pd.DataFrame) -> pd.Series:
    return pd.Series([category(j, e, p) for j, e, p in zip(
        frame["Jenis Jabatan"], frame["Eselon"], frame["Jabatan"], strict=True)],
        index=frame.index)


@pytest.mark.parametrize("size", [1, 57, 100, 301, 5000])
def test_row_count_equals_size(size):
    """Tests that the frame has exactly `size` rows and exactly the documented columns."""
    sample = make_sample(size, 3)
    assert len(sample) == size
    assert tuple(sample.columns) == COLUMNS


def test_size_below_one_is_refused():
    """Tests that an empty or negative size is an error, not an empty frame."""
    with pytest.raises(ValueError):
        make_sample(0)


def test_nip_is_valid_unique_and_matches_birth_date(frame):
    """Tests that NIPs are unique 18-digit strings whose parts agree with the person."""
    nip = frame["NIP"]
    assert nip.is_unique
    assert nip.str.fullmatch(r"\d{18}").all()
    born = frame["Tanggal Lahir"]
    assert (nip.str[:8] == born.dt.strftime("%Y%m%d")).all()
    start = pd.to_datetime(nip.str[8:14] + "01", format="%Y%m%d")
    assert (start <= pd.Timestamp("2020-03-01")).all()
    after_birthday = (start.dt.month * 100 + start.dt.day) >= (born.dt.month * 100 + born.dt.day)
    age_at_start = start.dt.year - born.dt.year - (~after_birthday).astype(int)
    assert age_at_start.between(19, 35).all()
    assert nip.str[14].isin(["1", "2"]).all()
    assert (nip.str[15:].astype(int) >= 1).all()


def test_ages_and_statuses_are_plausible(frame):
    """Tests the age range, the share aged 50+, and PNS/PPPK/CPNS proportions."""
    born = frame["Tanggal Lahir"]
    age = 2020 - born.dt.year - ((born.dt.month * 100 + born.dt.day) > 301).astype(int)
    assert age.between(22, 58).all()
    assert 0.20 <= (age >= 50).mean() <= 0.30
    status = frame["Status"].value_counts(normalize=True)
    assert set(status.index) == {"PNS", "PPPK", "CPNS"}
    assert status["PNS"] > 0.9 and 0.03 <= status["PPPK"] <= 0.07
    assert 0.01 <= status["CPNS"] <= 0.03


def test_same_seed_same_frame_other_seed_other_frame():
    """Tests that (size, seed) fixes the frame and another seed changes it."""
    pd.testing.assert_frame_equal(make_sample(700, 5), make_sample(700, 5))
    assert not make_sample(700, 5).equals(make_sample(700, 6))
    pd.testing.assert_frame_equal(make_sample(40, 5), make_sample(40, 5))


def test_category_shares_match_national_figures(categories):
    """Tests that post categories are within 6 points of the 2019 national shares."""
    shares = categories.value_counts(normalize=True) * 100
    for name, target in TARGETS.items():
        assert abs(shares[name] - target) <= 6, (name, shares[name])


def test_export_noise_is_present(frame):
    """Tests that eselon spellings are mixed and some Jenis Jabatan cells are blank."""
    eselon = set(frame["Eselon"])
    assert {"-", "Non Eselon", ""} <= eselon
    spelled = {re.sub(r"[ab]$", "", e)[-1] for e in eselon if eselon_major(e)}
    assert len(spelled & {".", "/", "-", "I", "V"}) >= 3
    assert 0.03 <= (frame["Jenis Jabatan"] == "").mean() <= 0.07


def test_units_are_a_realistic_regency(frame):
    """Tests for the named offices, kecamatan, puskesmas, UPTD and schools as sub-units."""
    units = set(frame["Unit Kerja"])
    for name in ("Sekretariat Daerah", "Dinas Pendidikan", "Dinas Kesehatan", "Inspektorat",
                 "RSUD dr. Soehadi Prijonegoro", "Satuan Polisi Pamong Praja"):
        assert name in units
    assert 8 <= sum(u.startswith("Kecamatan ") for u in units) <= 20
    assert 10 <= sum(u.startswith("Puskesmas ") for u in units) <= 25
    assert 1 <= sum(u.startswith("UPTD ") for u in units) <= 2
    schools = frame.loc[frame["Unit Kerja"] == "Dinas Pendidikan", "Sub Unit"]
    assert schools.str.match(r"^(SD|SMP) Negeri \d+ ").any()
    heads = frame[frame["Jabatan"].str.startswith("Kepala Sekolah ")]
    assert (heads["Jabatan"] == "Kepala Sekolah " + heads["Sub Unit"]).all()
    assert (heads["Eselon"] == "").all() and (heads["Jenis Jabatan"] == "Fungsional").all()
    assert len(make_sample(300, 1)["Unit Kerja"].unique()) >= 10


def test_some_opd_has_exactly_one_administrator(frame):
    """Tests that at least one OPD has a single eselon-III official (a '≥ 2' rule must bend)."""
    majors = frame["Eselon"].map(eselon_major)
    offices = frame["Unit Kerja"].str.match(r"^(Dinas|Badan) ")
    per_unit = frame[offices].assign(admin=majors[offices] == "III").groupby("Unit Kerja")["admin"]
    assert (per_unit.sum() == 1).any()
    pengawas = frame[offices].assign(p=majors[offices] == "IV").groupby("Unit Kerja")["p"].sum()
    assert (pengawas == 0).any()


def test_seksi_staff_counts(frame, categories):
    """Tests that seksi-like sub-units hold 1-8 pelaksana, mostly 2 or more, a few just 1."""
    leaf = frame["Sub Unit"].str.match(r"^(Seksi|Subbagian|Subbidang|Tata Usaha)\b")
    staff = frame[leaf & (categories == "pelaksana")].groupby(["Unit Kerja", "Sub Unit"]).size()
    assert staff.between(1, 8).all()
    assert 0 < (staff == 1).mean() < 0.1


def test_flags_respect_the_bundled_circulars(frame, categories):
    """Tests that Wajib WFH never hits officials, health staff, school heads or service units."""
    wfh = frame["Wajib WFH"] == "Ya"
    wfo = frame["Wajib WFO"] == "Ya"
    assert 0 < wfh.sum() <= 0.01 * len(frame) and 0 < wfo.sum() <= 0.01 * len(frame)
    assert not (wfh & wfo).any()
    marked = frame[wfh]
    assert (categories[wfh] != "struktural").all()
    assert not marked["Jabatan"].str.match(r"^(Kepala Sekolah|Dokter|Perawat|Bidan)").any()
    assert not marked["Unit Kerja"].str.contains(SERVICE_RE).any()
    women = frame["NIP"].str[14] == "2"
    assert (frame.loc[~women, "Hamil/Menyusui"] == "").all()
    assert 0.01 <= (frame.loc[women, "Hamil/Menyusui"] == "Ya").mean() <= 0.03
    assert 0.025 <= (frame["Komorbid"] == "Ya").mean() <= 0.055
    for column in ("Komorbid", "Hamil/Menyusui", "Wajib WFO", "Wajib WFH"):
        assert set(frame[column]) <= {"Ya", ""}


def _same_text(back: pd.DataFrame, sample: pd.DataFrame) -> None:
    assert list(back.columns) == list(COLUMNS)
    assert back["NIP"].tolist() == sample["NIP"].tolist()
    text = [c for c in COLUMNS if c != "Tanggal Lahir"]
    pd.testing.assert_frame_equal(back[text].fillna("").astype(str).reset_index(drop=True),
                                  sample[text].astype(str).reset_index(drop=True),
                                  check_dtype=False)
    assert (pd.to_datetime(back["Tanggal Lahir"]).dt.date
            == sample["Tanggal Lahir"].dt.date).all()


def test_xlsx_round_trip_keeps_nip_text(tmp_path):
    """Tests that the .xlsx reads back through calamine with NIPs exactly as written."""
    path = tmp_path / "pegawai.xlsx"
    write_sample(path, 400, 9)
    back = pd.read_excel(path, engine="calamine", dtype=str, sheet_name="Pegawai")
    _same_text(back, make_sample(400, 9))
    assert [p.name for p in tmp_path.iterdir()] == ["pegawai.xlsx"]


def test_xlsx_layout(tmp_path):
    """Tests the sheet name, bold frozen header, text NIP cells and dd/mm/yyyy dates."""
    import openpyxl

    path = tmp_path / "pegawai.xlsx"
    write_sample(path, 60, 2)
    sheet = openpyxl.load_workbook(path)["Pegawai"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].value == "NIP" and sheet["A1"].font.b
    assert isinstance(sheet["A2"].value, str) and len(sheet["A2"].value) == 18
    assert sheet["I2"].number_format == "dd/mm/yyyy"


def test_csv_round_trip(tmp_path):
    """Tests that the .csv variant holds the same rows, dates as ISO text."""
    path = tmp_path / "pegawai.csv"
    write_sample(path, 400, 9)
    back = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert back["Tanggal Lahir"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    _same_text(back, make_sample(400, 9))


def test_write_replaces_atomically_and_refuses_unknown_suffix(tmp_path):
    """Tests that an old file is replaced whole and an unknown format leaves nothing behind."""
    path = tmp_path / "pegawai.csv"
    path.write_text("old")
    write_sample(path, 50, 1)
    assert path.read_text(encoding="utf-8").startswith("NIP,Nama,")
    with pytest.raises(ValueError):
        write_sample(tmp_path / "pegawai.ods", 50, 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pegawai.csv"]


def test_shipped_sample_is_the_sragen_sized_one_with_a_realistic_july():
    """Tests that data/pegawai.xlsx, if present, is make_sample(9000, 2020) with 10% of the
    staff on leave and 2% on travel in July 2020 (`make demo` solves that month)."""
    path = Path(__file__).resolve().parents[1] / "data" / "pegawai.xlsx"
    if not path.exists():
        pytest.skip("data/pegawai.xlsx not generated")
    back = pd.read_excel(path, engine="calamine", dtype=str).fillna("")
    assert len(back) == 9000
    expected = make_sample(9000, 2020, leave_share=0.1, travel_share=0.02)
    assert back["NIP"].tolist() == expected["NIP"].tolist()
    assert back["Cuti"].tolist() == expected["Cuti"].tolist()
    assert back["Dinas Luar"].tolist() == expected["Dinas Luar"].tolist()
    assert (back["Cuti"] != "").sum() == 900 and (back["Dinas Luar"] != "").sum() == 180


def test_leave_and_travel_shares_give_runs_of_working_days_inside_the_period():
    """Tests the absences of a sample, counted by hand from the shares.

    1,000 staff with `leave_share` 0.2 and `travel_share` 0.02: exactly 200 people with
    one run of 1–5 working days of leave in July 2020 and 20 others with one run of 1–3
    working days of travel; the staff themselves are those of the sample without them.
    """
    from wfh_solver.domain.calendar import working_days
    from wfh_solver.read.dates import parse_date_list

    plain = make_sample(1000, 5)
    frame = make_sample(1000, 5, leave_share=0.2, travel_share=0.02)
    assert frame[list(COLUMNS)].equals(plain)
    away = frame[["Cuti", "Dinas Luar"]].ne("")
    assert away["Cuti"].sum() == 200 and away["Dinas Luar"].sum() == 20
    assert not (away["Cuti"] & away["Dinas Luar"]).any()
    july = working_days(date(2020, 7, 1), date(2020, 7, 31)).days
    for column, longest in (("Cuti", 5), ("Dinas Luar", 3)):
        for text in frame.loc[away[column], column]:
            days = [d for d in parse_date_list(text) if d in july]
            assert 1 <= len(days) <= longest
            assert days == list(july[july.index(days[0]):july.index(days[0]) + len(days)])
    assert make_sample(1000, 5, 0.2, 0.02).equals(frame)
