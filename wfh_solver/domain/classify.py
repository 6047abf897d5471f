"""Words to categories: eselon codes, post categories, roles, unit types.

Real SIMPEG/SIASN exports spell the same thing many ways; every spelling is
resolved here, once, by small ordered pattern tables that are easy to extend.
"""

from __future__ import annotations

import functools
import re

from wfh_solver.domain.employee import Category


def eselon_level(eselon: str | None) -> int | None:
    if eselon is None:
        return None
    return {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}[eselon.split(".")[0]]


def _norm(text: str) -> str:
    """Lower-case, dots and punctuation to spaces, single spaces: the form patterns match."""
    text = text.lower().replace(".", " ").replace(",", " ").replace("/", " ")
    return re.sub(r"\s+", " ", text).strip()


# Ordered (role, pattern) pairs on the normalised Jabatan. A person can hold several
# roles (a Camat is also kepala_opd); each pattern is tried independently.
_ROLE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("sekda", r"^(pj |plt |plh )?sekretaris daerah\b|^sekda\b"),
    ("asisten", r"^(pj |plt |plh )?asisten\b"),
    ("staf_ahli", r"^staf ahli\b|^staff ahli\b"),
    ("sekretaris_kelurahan", r"^sekretaris kelurahan\b|^seklur\b|^sekkel\b"),
    ("sekcam", r"^sekretaris kecamatan\b|^sekcam\b|^sekretaris camat\b"),
    ("sekretaris_opd", r"^sekretaris (dinas|badan|inspektorat|kantor|satuan|satpol|dprd|dewan"
     r"|rsud|rumah)|^sekretaris$|^sekdin\b|^sekban\b"),
    ("kasubbag", r"^kepala sub ?bag(ian)?\b|^kasubbag\b|^kasubag\b|^kepala subbagian\b"),
    ("kabag", r"^kepala bag(ian)?\b|^kabag\b"),
    ("kasubbid", r"^kepala sub ?bid(ang)?\b|^kasubbid\b|^kasubid\b"),
    ("kepala_bidang", r"^kepala bid(ang)?\b|^kabid\b"),
    ("kasi", r"^kepala seksi\b|^kasi\b|^kepala sie\b"),
    ("lurah", r"^lurah\b|^kepala kelurahan\b"),
    ("camat", r"^camat\b|^kepala kecamatan\b"),
    ("kepala_puskesmas", r"^kepala (upt |uptd )?puskesmas\b|^kapus\b"),
    ("kepala_sekolah", r"^kepala sekolah\b|^kepsek\b|^kepala (sd|smp|sma|smk|slb|tk|mi|mts)\b"),
    ("kepala_cabang_dinas", r"^kepala cabang dinas\b|^kacabdin\b"),
    ("koordinator_satker", r"^koordinator (satker|satuan kerja)\b"),
    ("kepala_upt", r"^kepala (upt|uptd|unit pelaksana teknis)\b|^ka ?upt"),
    ("direktur_rsud", r"^direktur\b(?! (utama )?(pt|cv)\b)"),
    ("inspektur", r"^inspektur\b(?! pembantu)"),
    ("guru", r"^guru\b|\bguru\b"),
    ("dokter", r"^dokter\b|^dr\b|\bdokter (umum|gigi|spesialis|ahli)"),
    ("perawat", r"^perawat\b|\bperawat\b"),
    ("bidan", r"^bidan\b|\bbidan\b"),
)
_COMPILED_ROLES = tuple((role, re.compile(p)) for role, p in _ROLE_PATTERNS)

# Heads of an OPD (POLICY.md "Reading the roles"): Kepala Dinas/Badan/Kantor/Satpol PP,
# Inspektur, Sekretaris DPRD, Camat, Direktur RSUD.
_HEAD_RE = re.compile(
    r"^(pj |plt |plh )?(kepala (dinas|badan|kantor|satuan polisi|satpol|pelaksana)\b"
    r"|kadis\b|kaban\b|inspektur\b(?! pembantu)|sekretaris (dprd|dewan)\b|camat\b|direktur\b)"
)


@functools.lru_cache(maxsize=8192)
def recognise_roles(position: str) -> frozenset[str]:
    """The roles a `Jabatan` names; cached, as a province repeats a few thousand posts."""
    text = _norm(position)
    text = re.sub(r"^(pj|plt|plh) ", "", text)
    roles = {role for role, pattern in _COMPILED_ROLES if pattern.search(text)}
    if _HEAD_RE.search(text):
        roles.add("kepala_opd")
    if "sekda" in roles:
        roles.add("kepala_opd")  # the Sekda heads the Setda
    if "sekretaris_opd" in roles and re.search(r"^sekretaris (dprd|dewan)", text):
        roles.discard("sekretaris_opd")
    return frozenset(roles)


_CATEGORY_WORDS: dict[str, Category] = {
    "jpt": Category.JPT,
    "jabatan pimpinan tinggi": Category.JPT,
    "pimpinan tinggi": Category.JPT,
    "administrator": Category.ADMINISTRATOR,
    "pengawas": Category.PENGAWAS,
    "pelaksana": Category.PELAKSANA,
    "jfu": Category.PELAKSANA,
    "fungsional umum": Category.PELAKSANA,
    "staf": Category.PELAKSANA,
    "staff": Category.PELAKSANA,
    "fungsional": Category.FUNGSIONAL,
    "jft": Category.FUNGSIONAL,
    "fungsional tertentu": Category.FUNGSIONAL,
    "guru": Category.FUNGSIONAL,
}

_FUNCTIONAL_RE = re.compile(
    r"\b(guru|dokter|dr|perawat|bidan|apoteker|auditor|penyuluh|pranata|analis kebijakan|"
    r"pengawas sekolah|pamong belajar|widyaiswara|arsiparis|pustakawan|statistisi|"
    r"nutrisionis|sanitarian|epidemiolog|radiografer|fisioterapis|perekam medis|"
    r"ahli (pertama|muda|madya|utama)|terampil|mahir|penyelia)\b"
)


def category_from_eselon(eselon: str | None) -> Category | None:
    level = eselon_level(eselon)
    if level is None:
        return None
    if level <= 2:
        return Category.JPT
    return Category.ADMINISTRATOR if level == 3 else Category.PENGAWAS


def _category_from_kind(kind_text: str) -> Category | None:
    """`Jenis Jabatan` in SIMPEG/SIASN wordings: "Jabatan Fungsional Tertentu", "JFU" …"""
    if kind_text in _CATEGORY_WORDS:
        return _CATEGORY_WORDS[kind_text]
    for words, category in (("pimpinan tinggi", Category.JPT), ("administrator",
                            Category.ADMINISTRATOR), ("pengawas", Category.PENGAWAS),
                            ("fungsional umum", Category.PELAKSANA),
                            ("pelaksana", Category.PELAKSANA),
                            ("fungsional", Category.FUNGSIONAL)):
        if words in kind_text:
            return category
    return None


# Structural level of a role when the export has no eselon (many SIMPEG exports leave it
# blank for acting officials): the usual echelon of that post.
_ROLE_CATEGORY: tuple[tuple[str, Category], ...] = (
    ("kepala_sekolah", Category.FUNGSIONAL),
    ("camat", Category.ADMINISTRATOR),
    ("sekcam", Category.ADMINISTRATOR),
    ("sekretaris_opd", Category.ADMINISTRATOR),
    ("kabag", Category.ADMINISTRATOR),
    ("kepala_bidang", Category.ADMINISTRATOR),
    ("kepala_cabang_dinas", Category.ADMINISTRATOR),
    ("sekda", Category.JPT),
    ("asisten", Category.JPT),
    ("staf_ahli", Category.JPT),
    ("inspektur", Category.JPT),
    ("kepala_opd", Category.JPT),
    ("kasubbag", Category.PENGAWAS),
    ("kasubbid", Category.PENGAWAS),
    ("kasi", Category.PENGAWAS),
    ("lurah", Category.PENGAWAS),
    ("sekretaris_kelurahan", Category.PENGAWAS),
    ("kepala_puskesmas", Category.PENGAWAS),
    ("kepala_upt", Category.PENGAWAS),
)


def classify_category(kind: str, eselon: str | None, position: str) -> Category:
    """Category from `Jenis Jabatan`, else `Eselon`, else the role or words in `Jabatan`.

    `Jenis Jabatan = Struktural` says only "structural", so the eselon decides the level,
    and without an eselon the recognised role does (a Camat is an administrator).
    """
    kind_text = _norm(kind)
    explicit = _category_from_kind(kind_text)
    if explicit is not None:
        return explicit
    from_eselon = category_from_eselon(eselon)
    if from_eselon is not None:
        return from_eselon
    roles = recognise_roles(position)
    if kind_text == "" or "struktural" in kind_text:
        for role, category in _ROLE_CATEGORY:
            if role in roles:
                return category
    if _FUNCTIONAL_RE.search(_norm(position)) or "kepala_sekolah" in roles:
        return Category.FUNGSIONAL
    return Category.PELAKSANA


# Unit type from the unit name; ordered so specific names win (Dinas Kesehatan is a
# dinas, but "RSUD ..." is a hospital and "Dinas Kependudukan ..." the civil registry).
_UNIT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("rsud", r"\brsud\b|\brumah sakit\b|\brsds\b|\brs umum\b|\brsu\b"),
    ("puskesmas", r"\bpuskesmas\b"),
    ("kelurahan", r"^kelurahan\b"),
    ("kecamatan", r"\bkecamatan\b|^kec\b"),
    ("satpol_pp", r"\bsatpol\b|\bsatuan polisi pamong praja\b|\bpolisi pamong praja\b"),
    ("damkar", r"\bdamkar\b|\bpemadam kebakaran\b|\bkebakaran\b"),
    ("bpbd", r"\bbpbd\b|\bpenanggulangan bencana\b"),
    ("disdukcapil", r"\b(dis)?dukcapil\b|\bdispendukcapil\b|\bdispenduk ?capil\b"
     r"|\bkependudukan dan pencatatan sipil\b"),
    ("dpmptsp", r"\bdpmptsp\b|\bdpm ?ptsp\b|\bpelayanan terpadu satu pintu\b|\bptsp\b"),
    ("bapenda", r"\bbapenda\b|\bpendapatan daerah\b|\bbppkad\b|\bbpkpad\b"),
    ("dishub", r"\bdishub\b|\bperhubungan\b"),
    ("sekretariat_dprd", r"\bsekretariat dprd\b|\bsekretariat dewan\b|\bsetwan\b|\bsekwan\b"),
    ("setda", r"\bsekretariat daerah\b|\bsetda\b|\bsekda\b"),
    ("inspektorat", r"\binspektorat\b"),
    ("sekolah", r"^(sd|smp|sma|smk|slb|tk|mi|mts)\b|\bsekolah\b"),
    ("upt", r"^upt\b|^uptd\b|\bunit pelaksana teknis\b|\blaboratorium\b"),
    ("badan", r"^badan\b|\bbadan\b"),
    ("dinas", r"^dinas\b|\bdinas\b|^dinkes\b|^disdik\b"),
    ("kantor", r"^kantor\b"),
)
_COMPILED_UNITS = tuple((kind, re.compile(p)) for kind, p in _UNIT_PATTERNS)

_SUB_UNIT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("subbagian", r"^sub ?bag(ian)?\b|^subbag\b"),
    ("subbidang", r"^sub ?bid(ang)?\b"),
    ("seksi", r"^seksi\b|^sie\b"),
    ("tu", r"^tata usaha\b|^tu\b|^urusan tata usaha\b|^subbagian tata usaha\b"),
    ("bidang", r"^bidang\b"),
    ("bagian", r"^bagian\b"),
    ("kelurahan", r"^kelurahan\b"),
    ("sekolah", r"^(sd|smp|sma|smk|slb|tk|mi|mts)\b|\bsekolah\b"),
    ("upt", r"^upt\b|^uptd\b|\bunit pelaksana teknis\b"),
    ("sekretariat", r"^sekretariat\b"),
)
_COMPILED_SUB_UNITS = tuple((kind, re.compile(p)) for kind, p in _SUB_UNIT_PATTERNS)

UNIT_TYPE_ALIASES: dict[str, str] = {
    "sekretariat daerah": "setda",
    "sekretariat dprd": "sekretariat_dprd",
    "satpol pp": "satpol_pp",
    "pemadam kebakaran": "damkar",
    "rumah sakit": "rsud",
}


def classify_unit_type(unit: str, given: str = "") -> str:
    """Unit type from `Jenis Unit` when given, else from the unit's name."""
    if given.strip():
        key = _norm(given).replace(" ", "_")
        alias = UNIT_TYPE_ALIASES.get(_norm(given))
        return alias or key
    text = _norm(unit)
    for kind, pattern in _COMPILED_UNITS:
        if pattern.search(text):
            return kind
    return "lainnya"


def classify_sub_unit_kind(sub_unit: str) -> str | None:
    if not sub_unit.strip():
        return None
    text = _norm(sub_unit)
    for kind, pattern in _COMPILED_SUB_UNITS:
        if pattern.search(text):
            return kind
    return "lainnya"
