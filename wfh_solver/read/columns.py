"""Accepted column names, Indonesian or English, matched loosely."""

from __future__ import annotations

import re

#: canonical key → accepted header spellings (compared after `header_key`).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "nip": ("NIP", "NIP Baru", "N I P", "ID", "NIP Pegawai", "NIP/NIK", "NIK", "NIPPPK",
            "Nomor Induk Pegawai", "Employee ID"),
    "name": ("Nama", "Nama Pegawai", "Name", "Nama Lengkap", "Nama ASN", "Employee"),
    "unit": ("Unit Kerja", "OPD", "Perangkat Daerah", "SKPD", "Unit", "Unor Induk",
             "Satuan Kerja", "Unor Induk Nama", "Satker", "Unit Kerja Induk", "Satuan Kerja Nama",
             "Department"),
    "position": ("Jabatan", "Nama Jabatan", "Jabatan Nama", "Position", "Jabatan Terakhir",
                 "Job Title"),
    "sub_unit": ("Sub Unit", "Sub Unit Kerja", "Unor", "Unit Organisasi", "Bidang", "Bagian",
                 "Seksi", "Unor Nama", "Sub Unit Organisasi", "Subunit", "Sub Department"),
    "eselon": ("Eselon", "Echelon", "Eselon Nama", "Eselon Jabatan", "Jabatan Eselon"),
    "kind": ("Jenis Jabatan", "Kategori", "Jenis Jabatan Nama", "Category", "Kelompok Jabatan"),
    "status": ("Status", "Status Pegawai", "Jenis Pegawai", "Kedudukan Pegawai",
               "Status Kepegawaian", "Employment Status", "Jenis Pegawai Nama", "Jenis ASN",
               "Jenis Kepegawaian", "Status ASN"),
    # SIASN/SAPK mark candidates apart from the kind of employee: `P` or `C`
    "status_cpns": ("Status CPNS PNS", "Status CPNS/PNS", "Status PNS/CPNS", "CPNS/PNS",
                    "Kedudukan CPNS/PNS", "Status CPNS"),
    # DUK's remarks column, where CPNS/PPPK/honorer staff are often noted
    "remarks": ("Ket", "Ket.", "Keterangan", "Catatan", "Remarks"),
    # academic titles, printed with the name as the office writes it
    "title_front": ("Gelar Depan", "Glr Depan", "Gelar Dpn", "Title Before"),
    "title_back": ("Gelar Belakang", "Glr Belakang", "Gelar Blk", "Gelar Blkg", "Title After"),
    "unit_type": ("Jenis Unit", "Tipe Unit", "Unit Type"),
    "birth_date": ("Tanggal Lahir", "Tgl Lahir", "Tgl. Lahir", "Date of Birth", "Birth Date",
                   "Tanggal Lahir Pegawai"),
    "comorbid": ("Komorbid", "Penyakit Penyerta", "Comorbidity", "Comorbid"),
    "pregnant": ("Hamil/Menyusui", "Hamil", "Menyusui", "Hamil atau Menyusui",
                 "Pregnant/Nursing", "Pregnant"),
    "must_wfo": ("Wajib WFO", "Must WFO", "Selalu WFO"),
    "must_wfh": ("Wajib WFH", "Must WFH", "Selalu WFH"),
    "leave": ("Cuti", "Tanggal Cuti", "Cuti/DL", "Cuti / Dinas Luar", "Izin/Cuti", "Leave",
              "Leave Days"),
    "travel": ("Dinas Luar", "DL", "Tanggal DL", "Tanggal Dinas Luar", "Perjalanan Dinas",
               "Official Travel"),
    "number": ("No", "No.", "Nomor", "No Urut", "#"),
}

REQUIRED: tuple[str, ...] = ("nip", "name", "unit", "position")

#: Indonesian display names of the canonical columns, for messages.
DISPLAY: dict[str, str] = {key: names[0] for key, names in COLUMN_ALIASES.items()} | {
    "status_cpns": "Status CPNS/PNS", "remarks": "Keterangan (status CPNS/PPPK)"}


def nearest_columns(key: str, titles: list[str], limit: int = 3) -> list[str]:
    """The titles of a file most like the accepted names of `key`, best first: what HR
    most likely meant, for the refusal's `--columns` suggestion."""
    import difflib

    names = [header_key(n) for n in COLUMN_ALIASES[key]]
    scored = []
    for title in titles:
        own = header_key(title)
        if not own:
            continue
        ratio = max(difflib.SequenceMatcher(None, own, name).ratio() for name in names)
        contains = any(name in own for name in names if len(name) > 2)
        scored.append((contains, ratio, title))
    scored.sort(key=lambda s: (-s[0], -s[1]))
    return [title for contains, ratio, title in scored[:limit] if contains or ratio >= 0.5]


def header_key(text: object) -> str:
    """Case-, space-, dot-, underscore- and punctuation-insensitive form of a header."""
    return re.sub(r"[\s._\-/()]+", "", str(text or "")).lower()


#: One cell holding both, `Drs. Budi Santoso / NIP. 19650312 199003 1 005` (DUK printouts).
NAME_NIP_KEYS = frozenset(header_key(h) for h in (
    "Nama/NIP", "Nama NIP", "Nama dan NIP", "NIP/Nama", "Nama / NIP", "NIP Nama", "Nama, NIP"))

_LOOKUP: dict[str, tuple[str, int]] = {}
for _canonical, _names in COLUMN_ALIASES.items():
    for _rank, _name in enumerate(_names):
        _LOOKUP.setdefault(header_key(_name), (_canonical, _rank))


def match_column(header: object, extra: dict[str, str] | None = None) -> str | None:
    """Canonical key for a header cell, or None if it is not one we use."""
    found = match_ranked(header, extra)
    return found[0] if found else None


def match_ranked(header: object, extra: dict[str, str] | None = None) -> tuple[str, int] | None:
    """Canonical key and how good a name it is (0 best), to choose among several columns."""
    key = header_key(header)
    if not key:
        return None
    if extra and key in extra:
        return extra[key], -1
    return _LOOKUP.get(key)
