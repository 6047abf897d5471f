"""Unit names: one unit however HR spelled it, shown in the official form HR wrote.

`DINAS KESEHATAN`, `Dinas  Kesehatan ` and `Dinkes` are one unit; its name in every output is
the spelling HR wrote most (a full name before an abbreviation), never re-cased, because a
unit's name is official: `RSUD dr. Soehadi Prijonegoro` must not become `Rsud Dr Soehadi …`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["UNIT_ABBREVIATIONS", "UnitNames", "unit_key", "unit_names"]

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


_TIDY = re.compile(r"\s+")


def unit_key(name: str) -> str:
    """Spelling-insensitive identity of a unit: case, spaces and common abbreviations."""
    text = _plain(name)
    return UNIT_ABBREVIATIONS.get(text, text)


def _preferred_spelling(counts: Counter[str], key: str) -> str:
    """The official form as HR wrote it: a full name over an abbreviation, then the most
    frequent form, then Mixed Case over CAPS, then the first seen (`counts` keeps the
    order spellings were first seen). Never re-cased, so `RSUD dr. Soehadi Prijonegoro`
    and `SMP Negeri 1` stay exactly as written."""
    order = {s: k for k, s in enumerate(counts)}

    def preference(s: str) -> tuple[bool, int, bool, int]:
        mixed = s != s.upper() and s != s.lower()
        return (_plain(s) == key, counts[s], mixed, -order[s])

    return max(counts, key=preference)


def _plain(name: str) -> str:
    return re.sub(r"[\s.]+", " ", name.strip().lower()).strip()


@dataclass(frozen=True, slots=True)
class UnitNames:
    """How a staff list's unit and sub-unit texts are shown: `unit` maps every unit text
    read to its official spelling, `sub_unit` every sub-unit text to its tidied form, and
    `spellings` lists, sorted, the unit texts that change (what `validate` reports)."""

    spellings: dict[str, str]
    unit: dict[str, str]
    sub_unit: dict[str, str]


def unit_names(units: Sequence[str], sub_units: Sequence[str]) -> UnitNames:
    """Every unit spelling's official written form, and every sub-unit's tidied text.

    Each distinct spelling is judged once with its count (60,000 staff write a few
    hundred), in order of first appearance, which is what the preference looks at."""
    if len(units) == 0:
        return UnitNames({}, {}, {})
    counts = Counter(units)  # distinct spellings in order of first appearance
    keys = {raw: unit_key(raw) for raw in counts}
    tidy = {raw: _TIDY.sub(" ", raw).strip() for raw in counts}
    spellings: dict[str, Counter[str]] = {}
    for raw, count in counts.items():
        spellings.setdefault(keys[raw], Counter())[tidy[raw]] += count
    display = {key: _preferred_spelling(written, key) for key, written in spellings.items()}
    canonical = {raw: display[keys[raw]] for raw in counts}
    mapping = {raw: canon for raw, canon in canonical.items() if raw != canon}
    tidy_sub = {raw: _TIDY.sub(" ", raw).strip() for raw in set(sub_units)}
    return UnitNames(dict(sorted(mapping.items())), canonical, tidy_sub)
