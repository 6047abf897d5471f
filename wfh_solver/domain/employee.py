"""Typed employees: what the rest of the pipeline knows about a person.

The reader produces raw text; `classify` (in `classify.py`) turns it into these
frozen records once, so the policy and model layers never parse strings again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Category(StrEnum):
    """The five post categories of Indonesian civil service rosters."""

    JPT = "jpt"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    PELAKSANA = "pelaksana"
    FUNGSIONAL = "fungsional"


#: Roles recognised from `Jabatan`; scenarios select on these names.
ROLES: tuple[str, ...] = (
    "kepala_opd",
    "sekda",
    "asisten",
    "staf_ahli",
    "sekretaris_opd",
    "kabag",
    "kasubbag",
    "kepala_bidang",
    "kasubbid",
    "kasi",
    "camat",
    "sekcam",
    "lurah",
    "sekretaris_kelurahan",
    "kepala_upt",
    "kepala_cabang_dinas",
    "koordinator_satker",
    "kepala_sekolah",
    "kepala_puskesmas",
    "direktur_rsud",
    "inspektur",
    "guru",
    "dokter",
    "perawat",
    "bidan",
)

#: Unit types recognised from the unit name (or given by `Jenis Unit`).
UNIT_TYPES: tuple[str, ...] = (
    "setda",
    "sekretariat_dprd",
    "inspektorat",
    "dinas",
    "badan",
    "kantor",
    "kecamatan",
    "kelurahan",
    "rsud",
    "puskesmas",
    "upt",
    "sekolah",
    "satpol_pp",
    "bpbd",
    "damkar",
    "disdukcapil",
    "dpmptsp",
    "bapenda",
    "dishub",
    "lainnya",
)

#: Sub-unit kinds recognised from the sub-unit name.
SUB_UNIT_KINDS: tuple[str, ...] = (
    "sekretariat",
    "bidang",
    "bagian",
    "seksi",
    "subbidang",
    "subbagian",
    "tu",
    "upt",
    "kelurahan",
    "sekolah",
    "lainnya",
)

ASN_STATUSES: frozenset[str] = frozenset({"pns", "cpns", "pppk"})


@dataclass(frozen=True, slots=True)
class Employee:
    """One row of the staff list, classified.

    `row` is the 1-based Excel row the person came from, kept so every later
    message can point HR back at the spreadsheet.
    """

    nip: str
    name: str
    unit: str
    sub_unit: str
    position: str
    category: Category
    eselon: str | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    unit_type: str = "lainnya"
    sub_unit_kind: str | None = None
    status: str = "pns"
    birth_date: date | None = None
    comorbid: bool = False
    pregnant_or_nursing: bool = False
    must_wfo: bool = False
    must_wfh: bool = False
    row: int = 0
    leave: tuple[date, ...] = ()
    travel: tuple[date, ...] = ()

    def __post_init__(self) -> None:
        if not self.nip:
            raise ValueError("an employee needs a NIP")
        if not self.unit:
            raise ValueError(f"employee {self.nip} has no unit")
        if self.must_wfo and self.must_wfh:
            raise ValueError(f"employee {self.nip} is both Wajib WFO and Wajib WFH")

    @property
    def eselon_level(self) -> int | None:
        """Major echelon number (2 for `II.a`), the unit of 'structural level'."""
        if self.eselon is None:
            return None
        major = self.eselon.split(".")[0]
        return {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}.get(major)

    @property
    def structural_level(self) -> int | None:
        """Eselon major, or the level of a structural category when the eselon is blank."""
        level = self.eselon_level
        if level is not None:
            return level
        return {Category.JPT: 2, Category.ADMINISTRATOR: 3, Category.PENGAWAS: 4}.get(
            self.category)

    def age_on(self, day: date) -> int | None:
        if self.birth_date is None:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def is_vulnerable(self, period_start: date, age_threshold: int = 50) -> bool:
        """National guidance: aged 50+, comorbid, pregnant or nursing staff go home first."""
        age = self.age_on(period_start)
        old = age is not None and age >= age_threshold
        return old or self.comorbid or self.pregnant_or_nursing

    @property
    def is_asn(self) -> bool:
        return self.status in ASN_STATUSES
