"""Unit names: one unit however HR spelled it, shown in the official form HR wrote.

`DINAS KESEHATAN`, `Dinas  Kesehatan ` and `Dinkes` are one unit; its name in every output is
the spelling HR wrote most (a full name before an abbreviation), never re-cased, because a
unit's name is official: `RSUD dr. Soehadi Prijonegoro` must not become `Rsud Dr Soehadi …`.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

__all__ = ["UNIT_ABBREVIATIONS", "normalise_units", "unit_key"]

UNIT_ABBREVIATIONS: dict[str, str] = {
    "dinkes": "dinas kesehatan",
    "disdik": "dinas pendidikan",
    "disdikbud": "dinas pendidikan dan kebudayaan",
    "dispendukcapil": "dinas kependudukan dan pencatatan sipil",
    "disdukcapil": "dinas kependudukan dan pencatatan sipil",
    "dukcapil": "dinas kependudukan dan pencatatan sipil",
    "bkd": "badan kepegawaian daerah",
    "bkpsdm": "badan kepegawaian dan pengembangan sumber daya manusia",
    "bkpp": "badan kepegawaian pendidikan dan pelatihan",
    "setda": "sekretariat daerah",
    "setwan": "sekretariat dprd",
    "sekwan": "sekretariat dprd",
    "satpol pp": "satuan polisi pamong praja",
    "bappeda": "badan perencanaan pembangunan daerah",
    "bapenda": "badan pendapatan daerah",
    "dishub": "dinas perhubungan",
    "damkar": "dinas pemadam kebakaran",
    "dpmptsp": "dinas penanaman modal dan pelayanan terpadu satu pintu",
}


def unit_key(name: str) -> str:
    """Spelling-insensitive identity of a unit: case, spaces and common abbreviations."""
    text = _plain(name)
    return UNIT_ABBREVIATIONS.get(text, text)


def _preferred_spelling(spellings: list[str], key: str) -> str:
    """The official form as HR wrote it: a full name over an abbreviation, then the most
    frequent form, then Mixed Case over CAPS, then the first seen. Never re-cased, so
    `RSUD dr. Soehadi Prijonegoro` and `SMP Negeri 1` stay exactly as written."""
    counts = Counter(spellings)
    order = {s: k for k, s in enumerate(counts)}

    def preference(s: str) -> tuple[bool, int, bool, int]:
        mixed = s != s.upper() and s != s.lower()
        return (_plain(s) == key, counts[s], mixed, -order[s])

    return max(counts, key=preference)


def _plain(name: str) -> str:
    return re.sub(r"[\s.]+", " ", name.strip().lower()).strip()


def normalise_units(frame: pd.DataFrame) -> dict[str, str]:
    """Rewrite every unit spelling to its official written form; report the mapping."""
    if frame.empty:
        return {}
    keys = frame["unit"].map(unit_key)
    display: dict[str, str] = {}
    for key, spellings in frame.groupby(keys, sort=False)["unit"]:
        tidy = [re.sub(r"\s+", " ", s).strip() for s in spellings]
        display[str(key)] = _preferred_spelling(tidy, str(key))
    canonical = keys.map(display)
    mapping = {raw: canon for raw, canon in zip(frame["unit"], canonical, strict=True)
               if raw != canon}
    frame["unit"] = canonical
    frame["sub_unit"] = frame["sub_unit"].map(lambda s: re.sub(r"\s+", " ", s).strip())
    return dict(sorted(mapping.items()))
