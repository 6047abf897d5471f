"""A synthetic but realistic staff list of a regional government, for demos and benchmarks.

Real staff lists cannot be shipped (names, NIPs and health flags are personal data), yet the
solver has to be shown and measured on something that looks like one: a regency of about
9,000 ASN in 2020 (Sragen, POLICY.md "Sizes"), or a province at 60,000. The generator builds
the organisation first (OPDs, their bidang/seksi/subbagian, kecamatan with kelurahan,
puskesmas, schools), then fills it with people so that the national post shares hold
(pelaksana 39%, teachers 35%, health and technical functional posts 15%, structural 11%),
then adds the noise of real SIMPEG exports: mixed eselon spellings, a blank `Jenis Jabatan`
here and there, vacancies that leave an OPD with one administrator or no pengawas.

Everything is drawn from one `numpy.random.default_rng(seed)` in a fixed order, so a
(size, seed) pair always gives the same frame.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from wfh_solver.sample.absences import PERIOD, add_absences
from wfh_solver.sample.tables import (
    ADMIN,
    CITIES,
    COLUMNS,
    CORE,
    FEMALE_FIRST,
    FEMALE_LAST,
    GELAR_SUFFIX,
    GENERIC_SEKSI_PREFIX,
    GURU,
    HEALTH,
    HEALTH_POSTS,
    INSTALASI_BY_WORD,
    JPT,
    KEC_SEKSI,
    KEC_SUBBAG,
    KECAMATAN,
    LEVEL_CATEGORY,
    MALE_FIRST,
    MALE_LAST,
    MIN_BUILD,
    PELAKSANA,
    PENGAWAS,
    PROVINCE_PENDIDIKAN,
    PROVINCE_SIZE,
    PROVINCE_UPT,
    REFERENCE_DATE,
    RS_STAFF_INSTALASI,
    SCHOOLS_PROVINCE,
    SCHOOLS_REGENCY,
    SEKRETARIAT_SUBBAG,
    SETDA_ASISTEN,
    SETDA_BAGIAN,
    SHARE_FUNCTIONAL,
    SHARE_HEALTH_OF_FUNCTIONAL,
    SHARE_STRUCTURAL,
    SHARE_TEACHER,
    SPESIALIS,
    STAF_AHLI,
    STAFF_POSTS,
    STRUCTURAL,
    TEACHERS,
    TECH,
    TECH_POSTS,
    UPTD,
    VILLAGE_HEADS,
    VILLAGE_TAILS,
    Opd,
    Weighted,
)
from wfh_solver.write.failure import naming

__all__ = ["COLUMNS", "make_sample", "write_sample"]

# ---------------------------------------------------------------------------------------
# Organisation
# ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Post:
    jabatan: str
    eselon: str  # canonical "III.a"; "" for non-structural
    cat: int


@dataclass(slots=True)
class _Slot:
    """A structural post (or a sub-unit without one) that may or may not be in the sample.

    `key` orders the slots of one OPD so that every prefix is a plausible organisation
    (a bidang before its seksi); OPDs fill their structure in turn until the structural
    share is reached.
    """

    opd: int
    key: float
    order: float  # display order within the OPD
    sub_unit: str
    kind: str
    post: _Post | None
    mandatory: bool = False
    vacant: bool = False
    hosts: str = ""  # "leaf" (seksi-like, 1-8 pelaksana), "flex" or "" (no own staff)


@dataclass(slots=True)
class _Host:
    """A place rows are emitted for: an OPD's blank sub-unit or one named sub-unit."""

    opd: int
    name: str
    kind: str
    leaf: bool = False
    flex: float = 0.0
    posts: list[_Post] = field(default_factory=list)
    pelaksana: int = 0
    functional: list[tuple[str, int]] = field(default_factory=list)
    school: str = ""  # school type for schools
    teachers: int = 0


def _roman(number: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _parse_bidang(spec: str, prefix_words: int = 3) -> list[tuple[str, list[str]]]:
    """Bidang topics with their seksi topics; bare topics get generic seksi."""
    out: list[tuple[str, list[str]]] = []
    for part in spec.split("|"):
        part = part.strip()
        if not part:
            continue
        topic, _, rest = part.partition(":")
        topic = topic.strip()
        seksi = [s.strip() for s in rest.split(";") if s.strip()]
        if not seksi:
            first = topic.split()[0]
            seksi = [f"{p} {topic}" for p in GENERIC_SEKSI_PREFIX if p != first][:prefix_words]
        out.append((topic, seksi))
    return out


def _interp_log(size: int, points: tuple[tuple[float, float], ...]) -> int:
    xs = [np.log10(x) for x, _ in points]
    ys = [y for _, y in points]
    return int(round(float(np.interp(np.log10(size), xs, ys))))


def _choice(rng: np.random.Generator, table: Weighted, n: int) -> list[str]:
    names = [name for name, _ in table]
    weights = np.array([w for _, w in table], dtype=float)
    picks = rng.choice(len(names), size=n, p=weights / weights.sum())
    return [names[i] for i in picks]


def _allocate(total: int, weights: npt.NDArray[np.float64], minimum: int = 0) -> npt.NDArray[
        np.int64]:
    """Integers proportional to `weights` that sum exactly to `total`, each ≥ `minimum`."""
    n = len(weights)
    out = np.zeros(n, dtype=np.int64)
    if n == 0 or total <= 0:
        return out
    minimum = min(minimum, total // n)
    rest = total - minimum * n
    w = np.asarray(weights, dtype=float)
    w = w / w.sum() if w.sum() > 0 else np.full(n, 1.0 / n)
    raw = rest * w
    floor = np.floor(raw).astype(np.int64)
    short = rest - int(floor.sum())
    if short > 0:
        floor[np.argsort(-(raw - floor), kind="stable")[:short]] += 1
    return floor + minimum


def _village_names(rng: np.random.Generator, n: int) -> list[str]:
    combos = [h + t for h in VILLAGE_HEADS for t in VILLAGE_TAILS]
    picks = rng.permutation(len(combos))[:n]
    return [combos[i] for i in picks]


def _catalogue(size: int) -> list[Opd]:
    """The OPDs of a sample this size: bigger governments have more of everything."""
    n_core = _interp_log(size, ((100, 6), (300, 10), (1000, 18), (9000, 32), (60000, 46)))
    n_kec = int(np.clip(round(20 * (size / 9000) ** 0.4), 2, 20))
    n_pusk = int(np.clip(round(25 * (size / 9000) ** 0.4), 2, 25))
    n_uptd = 0 if size < 200 else (1 if size < 5000 else 2)
    province = size >= PROVINCE_SIZE
    core = list(CORE[:n_core])
    if province:
        core[1] = replace(core[1], bidang=PROVINCE_PENDIDIKAN, upt="")
    kec = [Opd(f"Kecamatan {p}", "kecamatan", 0.7, 0.8, flavor="kecamatan", service=True,
                place=p) for p in KECAMATAN[:n_kec]]
    places = list(KECAMATAN)
    split = max(0, n_pusk - len(places))
    pusk_places: list[str] = []
    for i, p in enumerate(places):
        pusk_places.extend([f"{p} I", f"{p} II"] if i < split else [p])
    pusk = [Opd(f"Puskesmas {p}", "puskesmas", 0.3, 0.6, flavor="puskesmas",
                 health=0.42, health_table="puskesmas", service=True, place=p)
            for p in pusk_places[:n_pusk]]
    return core + kec + pusk + list(UPTD[:n_uptd])


def _opd_slots(i: int, opd: Opd, size: int, rng: np.random.Generator,
               villages: list[str]) -> list[_Slot]:
    """Every structural post the OPD could have, each with its fill key."""
    s: list[_Slot] = []
    province = size >= PROVINCE_SIZE
    leader = "Gubernur" if province else "Bupati"

    def add(key: float, order: float, sub: str, kind: str, jabatan: str | None, eselon: str,
            hosts: str = "", mandatory: bool = False) -> None:
        post = None
        if jabatan is not None:
            post = _Post(jabatan, eselon, LEVEL_CATEGORY[eselon.split(".")[0]])
        s.append(_Slot(i, key, order, sub, kind, post, mandatory, False, hosts))

    kind = opd.kind
    if kind == "setda":
        add(0, 0, "", "blank", "Sekretaris Daerah", "II.a", "flex", True)
        for k, asisten in enumerate(SETDA_ASISTEN):
            add(0, 0.1 + k / 100, "", "blank", asisten, "II.b", mandatory=True)
        n_ahli = 3 if rng.random() < 0.5 else 2
        for k, ahli in enumerate(STAF_AHLI[:n_ahli]):
            add(0, 0.2 + k / 100, "", "blank", f"Staf Ahli {leader} {ahli}", "II.b",
                mandatory=True)
        for j, (bagian, subs) in enumerate(SETDA_BAGIAN):
            add(j * 0.7, 1 + j, f"Bagian {bagian}", "bagian", f"Kepala Bagian {bagian}", "III.a",
                "flex")
            for k, sub in enumerate(subs):
                add(j * 0.7 + 0.5 + 2.2 * k, 1 + j + (k + 1) / 10, f"Subbagian {sub}",
                    "subbagian", f"Kepala Subbagian {sub}", "IV.a", "leaf")
        return s
    if kind == "kecamatan":
        add(0, 0, "", "blank", f"Camat {opd.place}", "III.a", "flex", True)
        add(0, 1, "Sekretariat", "sekretariat", "Sekretaris Kecamatan", "III.b", "flex")
        for k, sub in enumerate(KEC_SUBBAG):
            add(1.4 + 1.8 * k, 1.1 + k / 10, f"Subbagian {sub}", "subbagian",
                f"Kepala Subbagian {sub}", "IV.b", "leaf")
        for k, seksi in enumerate(KEC_SEKSI):
            add(1 + 0.9 * k, 2 + k / 10, f"Seksi {seksi}", "seksi", f"Kepala Seksi {seksi}",
                "IV.a", "leaf")
        n_kel = int(rng.choice([0, 0, 0, 1, 1, 2])) if opd.place != KECAMATAN[0] else 4
        for k in range(n_kel):
            name = villages.pop()
            add(2 + 1.3 * k, 3 + k, f"Kelurahan {name}", "kelurahan", f"Lurah {name}", "IV.a",
                "leaf")
            add(2.4 + 1.3 * k, 3 + k + 0.1, f"Kelurahan {name}", "kelurahan",
                "Sekretaris Kelurahan", "IV.b")
        return s
    if kind == "puskesmas":
        add(0, 0, "", "blank", f"Kepala {opd.name}", "IV.a", "flex", True)
        s.append(_Slot(i, 0, 1, "Tata Usaha", "tu", None, True, hosts="leaf"))
        return s
    if kind == "uptd":
        add(0, 0, "", "blank", f"Kepala {opd.name}", "IV.a", "flex", True)
        add(0, 1, "Tata Usaha", "tu", "Kepala Subbagian Tata Usaha", "IV.b", "leaf")
        return s
    if kind == "rsud":
        big = opd.weight >= 1.0
        add(0, 0, "", "blank", f"Direktur {opd.name}", "II.b", "flex", True)
        if big:
            add(0, 0.1, "", "blank", "Wakil Direktur Pelayanan", "III.a")
            add(0.5, 0.2, "", "blank", "Wakil Direktur Umum dan Keuangan", "III.a")
        add(1.2, 1, "Tata Usaha", "tu", "Kepala Subbagian Tata Usaha", "IV.a", "leaf")
        for j, (topic, rs_seksi) in enumerate(_parse_bidang(opd.bidang)):
            add(1 + j, 2 + j, f"Bidang {topic}", "bidang", f"Kepala Bidang {topic}", "III.b")
            for k, sub in enumerate(rs_seksi):
                add(1.5 + j + 1.6 * k, 2 + j + (k + 1) / 10, f"Seksi {sub}", "seksi",
                    f"Kepala Seksi {sub}", "IV.a", "leaf")
        for k, inst in enumerate(RS_STAFF_INSTALASI):
            s.append(_Slot(i, 0, 50 + k, inst, "instalasi", None, True, hosts="flex"))
        return s

    # dinas, badan, satpol, bpbd, inspektorat, dprd
    if kind == "inspektorat":
        head, sekretaris = "Inspektur", "Sekretaris Inspektorat"
    elif kind == "dprd":
        head, sekretaris = "Sekretaris DPRD", ""
    elif kind == "satpol":
        head, sekretaris = f"Kepala {opd.name}", f"Sekretaris {opd.name}"
    elif kind == "bpbd":
        head, sekretaris = f"Kepala Pelaksana {opd.name}", "Sekretaris Badan"
    elif kind == "badan":
        head, sekretaris = f"Kepala {opd.name}", "Sekretaris Badan"
    else:
        head, sekretaris = f"Kepala {opd.name}", "Sekretaris Dinas"
    add(0, 0, "", "blank", head, "II.b", "flex", True)
    if sekretaris:
        add(0, 1, "Sekretariat", "sekretariat", sekretaris, "III.a", "flex")
        for k, sub in enumerate(SEKRETARIAT_SUBBAG):
            add(1.2 + 1.5 * k, 1 + (k + 1) / 10, f"Subbagian {sub}", "subbagian",
                f"Kepala Subbagian {sub}", "IV.a", "leaf")
    if kind == "inspektorat":
        for j in range(4):
            r = _roman(j + 1)
            add(1 + j, 2 + j, f"Inspektorat Pembantu Wilayah {r}", "irban",
                f"Inspektur Pembantu Wilayah {r}", "III.b", "flex")
        return s
    if kind == "dprd":
        for j, (topic, bagian_subs) in enumerate(_parse_bidang(opd.bidang)):
            add(j, 2 + j, f"Bagian {topic}", "bagian", f"Kepala Bagian {topic}", "III.a", "flex")
            for k, sub in enumerate(bagian_subs):
                add(j + 0.5 + 1.5 * k, 2 + j + (k + 1) / 10, f"Subbagian {sub}", "subbagian",
                    f"Kepala Subbagian {sub}", "IV.a", "leaf")
        return s
    lower = "Subbidang" if kind == "badan" else "Seksi"
    n_prefix = 2 if kind == "badan" else 3
    for j, (topic, lower_units) in enumerate(_parse_bidang(opd.bidang, n_prefix)):
        add(1 + j, 2 + j, f"Bidang {topic}", "bidang", f"Kepala Bidang {topic}", "III.b", "flex")
        for k, sub in enumerate(lower_units):
            add(1.5 + j + 1.6 * k, 2 + j + (k + 1) / 10, f"{lower} {sub}", lower.lower(),
                f"Kepala {lower} {sub}", "IV.a", "leaf")
    if province and opd.name == "Dinas Pendidikan":
        for u in range(13):
            cab = f"Cabang Dinas Pendidikan Wilayah {_roman(u + 1)}"
            base = 6 + 0.7 * u
            add(base, 20 + u, cab, "cabdin", f"Kepala {cab}", "III.a", "flex")
            add(base + 0.3, 20 + u + 0.1, f"Tata Usaha {cab}", "tu",
                f"Kepala Subbagian Tata Usaha {cab}", "IV.a", "leaf")
            for k, level in enumerate(("SMA dan SLB", "SMK")):
                add(base + 0.4 + k / 10, 20 + u + 0.2 + k / 10, f"Seksi {level} {cab}", "seksi",
                    f"Kepala Seksi {level} {cab}", "IV.a", "leaf")
    if opd.upt:
        # Bigger governments run more field offices; 60 per office is the most we invent.
        n_upt = min(60, int(np.ceil(opd.upt_max * max(1.0, size / 9000))))
        if province:  # every provincial office keeps balai/UPT across the province
            n_upt = max(n_upt, PROVINCE_UPT)
        for u in range(n_upt):
            upt = f"{opd.upt} {_roman(u + 1)}"
            base = 10 + 0.8 * u
            add(base, 100 + u, upt, "upt", f"Kepala {upt}", "IV.a", "flex")
            add(base + 0.3, 100 + u + 0.1, f"Tata Usaha {upt}", "tu",
                f"Kepala Subbagian Tata Usaha {upt}", "IV.b", "leaf")
            if province:
                add(base + 0.4, 100 + u + 0.2, f"Seksi Operasional {upt}", "seksi",
                    f"Kepala Seksi Operasional {upt}", "IV.b", "leaf")
                add(base + 0.5, 100 + u + 0.3, f"Seksi Pelayanan {upt}", "seksi",
                    f"Kepala Seksi Pelayanan {upt}", "IV.b", "leaf")
    return s


def _structure(size: int, opds: list[Opd], rng: np.random.Generator) -> list[_Slot]:
    """The posts that exist in this sample, chosen so structural staff are ~11% of rows."""
    villages = _village_names(rng, 120)
    slots: list[_Slot] = []
    for i, opd in enumerate(opds):
        slots.extend(_opd_slots(i, opd, size, rng, villages))

    # Irregularities of real organisations: vacant posts. A few OPDs lose every Kepala
    # Bidang (one administrator left, so "at least 2 administrators" cannot be met) and a
    # few lose every pengawas (sub-units still exist, headed by nobody).
    plain = [i for i, o in enumerate(opds) if o.kind in ("dinas", "badan") and i >= 4
             and o.name != "Dinas Pendidikan"]
    n_irregular = min(len(plain), 2 if size < 3000 else 3)
    chosen: list[int] = ([int(c) for c in rng.choice(len(plain), size=n_irregular, replace=False)]
                         if plain else [])
    one_admin = {plain[c] for c in chosen[: max(1, n_irregular - 1)]}
    no_pengawas = {plain[c] for c in chosen[max(1, n_irregular - 1):]}
    for slot in slots:
        if slot.post is None:
            continue
        if slot.opd in one_admin and slot.kind == "bidang":
            slot.vacant = True
        if slot.opd in no_pengawas and slot.post.cat == PENGAWAS:
            slot.vacant = True

    cost = np.array([0 if (sl.post is None or sl.vacant) else 1 for sl in slots])
    mandatory = np.array([sl.mandatory for sl in slots])
    budget = round(SHARE_STRUCTURAL * size) - int(cost[mandatory].sum())
    offset = rng.uniform(0.0, 0.6, size=len(opds))
    weight = np.array([o.weight for o in opds])
    optional = np.flatnonzero(~mandatory)
    prio = np.array([(slots[k].key + offset[slots[k].opd]) / weight[slots[k].opd]
                     for k in optional])
    order = optional[np.argsort(prio, kind="stable")]
    taken = order[np.cumsum(cost[order]) <= budget]
    keep = mandatory.copy()
    keep[taken] = True
    return [sl for sl, k in zip(slots, keep, strict=True) if k]


def _hosts(slots: list[_Slot], opds: list[Opd]) -> list[list[_Host]]:
    """Group the chosen posts by (OPD, sub-unit), in the order an export lists them."""
    per_opd: list[dict[str, _Host]] = [{"": _Host(i, "", "blank")} for i in range(len(opds))]
    for slot in sorted(slots, key=lambda sl: (sl.opd, sl.order)):
        hosts = per_opd[slot.opd]
        host = hosts.get(slot.sub_unit)
        if host is None:
            host = hosts[slot.sub_unit] = _Host(slot.opd, slot.sub_unit, slot.kind)
        if slot.post is not None and not slot.vacant:
            host.posts.append(slot.post)
        if slot.hosts == "leaf":
            host.leaf = True
        elif slot.hosts == "flex" and not host.leaf:
            host.flex = 1.0  # weighted by kind below
    for i, hosts in enumerate(per_opd):
        opd = opds[i]
        for host in hosts.values():
            if host.leaf or host.flex == 0:
                continue
            base = {"blank": 1.2, "sekretariat": 2.0, "bidang": 0.8, "bagian": 0.8,
                    "irban": 0.5, "upt": 4.0, "cabdin": 2.0, "instalasi": 4.0}.get(host.kind, 1.0)
            host.flex = base * opd.staff
    return [list(h.values()) for h in per_opd]


def _add_schools(pendidikan: list[_Host], opd: int, teachers: int, province: bool,
                 places: list[str], rng: np.random.Generator) -> None:
    """Schools as sub-units of the education office, with every teacher of the sample."""
    table = SCHOOLS_PROVINCE if province else SCHOOLS_REGENCY
    shares = np.array([v[0] for v in table.values()])
    per_type = _allocate(teachers, shares)
    counters: dict[tuple[str, str], int] = {}
    for (stype, (_, mean, pull)), n_teachers in zip(table.items(), per_type, strict=True):
        if n_teachers <= 0:
            continue
        n_schools = int(max(1, min(n_teachers // 2, round(n_teachers / mean))))
        sizes = _allocate(int(n_teachers), rng.gamma(4.0, mean / 4.0, size=n_schools), 2)
        where = rng.integers(0, len(places), size=n_schools)
        for n, w in zip(sizes, where, strict=True):
            place = places[int(w)]
            number = counters.get((stype, place), 0) + 1
            counters[(stype, place)] = number
            name = f"{stype} Negeri {number} {place}"
            host = _Host(opd, name, "sekolah", flex=pull * float(rng.gamma(3.0, 1 / 3.0)),
                         school=stype, teachers=int(n))
            pendidikan.append(host)


def _add_functional(hosts: list[list[_Host]], opds: list[Opd], total: int,
                    rng: np.random.Generator) -> None:
    """Health staff into hospitals, puskesmas and labs; technical staff into their offices."""
    health_total = round(SHARE_HEALTH_OF_FUNCTIONAL * total)
    health_opds = [i for i, o in enumerate(opds) if o.health > 0]
    weights = np.array([opds[i].health for i in health_opds])
    n_pusk = sum(1 for i in health_opds if opds[i].kind == "puskesmas")
    for k, i in enumerate(health_opds):
        if opds[i].kind == "puskesmas":
            weights[k] = weights[k] / max(1, n_pusk) * float(rng.gamma(6.0, 1 / 6.0))
    if not health_opds:
        health_total = 0
    for i, n in zip(health_opds, _allocate(health_total, weights), strict=True):
        opd = opds[i]
        jabatan = _choice(rng, HEALTH_POSTS[opd.health_table], int(n))
        by_name = {h.name: h for h in hosts[i]}
        bidang = [h for h in hosts[i] if h.kind == "bidang"]
        for j in jabatan:
            if opd.kind == "rsud":
                options = next((o for word, o in INSTALASI_BY_WORD if word in j),
                               RS_STAFF_INSTALASI)
                name = options[int(rng.integers(len(options)))]
                host = by_name.get(name)
                if host is None:
                    host = by_name[name] = _Host(i, name, "instalasi", flex=0.0)
                    hosts[i].append(host)
            elif opd.kind == "dinas" and bidang and rng.random() < 0.7:
                host = bidang[int(rng.integers(len(bidang)))]
            else:
                host = hosts[i][0]
            host.functional.append((j, HEALTH))
    tech_total = total - health_total
    tech_opds = [i for i, o in enumerate(opds) if o.tech_weight > 0 and o.tech]
    tw = np.array([opds[i].tech_weight for i in tech_opds]) * rng.gamma(8.0, 1 / 8.0,
                                                                         size=len(tech_opds))
    if not tech_opds:
        tech_total = 0
    for i, n in zip(tech_opds, _allocate(tech_total, tw), strict=True):
        jabatan = _choice(rng, TECH_POSTS[opds[i].tech], int(n))
        places = [h for h in hosts[i] if h.kind == "irban"] or [
            h for h in hosts[i] if h.kind in ("bidang", "upt", "sekretariat", "bagian", "cabdin")]
        for j in jabatan:
            if places and rng.random() < 0.75:
                host = places[int(rng.integers(len(places)))]
            else:
                host = hosts[i][0]
            host.functional.append((j, TECH))


def _add_pelaksana(hosts: list[list[_Host]], total: int, rng: np.random.Generator) -> None:
    """Staff: 1-8 per seksi/subbagian/TU/kelurahan, the rest where offices really keep them."""
    flat = [h for per in hosts for h in per]
    leaves = [h for h in flat if h.leaf]
    flexes = [h for h in flat if not h.leaf and h.flex > 0]
    demand = rng.choice(np.arange(1, 9), size=len(leaves),
                        p=[0.035, 0.17, 0.23, 0.2, 0.15, 0.095, 0.065, 0.055])
    leaf_total = int(min(demand.sum(), round(0.9 * total)))
    if leaves:
        # One each first, the rest by demand above one, so the small seksi stay small.
        extra = _allocate(max(0, leaf_total - len(leaves)), (demand - 1).astype(float))
        for h, n in zip(leaves, extra, strict=True):
            h.pelaksana = 1 + int(n) if leaf_total >= len(leaves) else 0
        leaf_total = sum(h.pelaksana for h in leaves)
    else:
        leaf_total = 0
    rest = total - leaf_total
    if not flexes:
        flexes = [per[0] for per in hosts]
    fw = np.array([h.flex for h in flexes]) * rng.gamma(3.0, 1 / 3.0, size=len(flexes))
    for h, n in zip(flexes, _allocate(rest, fw), strict=True):
        h.pelaksana += int(n)


def _pelaksana_table(host: _Host, opd: Opd) -> str:
    if host.kind == "sekolah":
        return "sekolah"
    if "Keuangan" in host.name or "Anggaran" in host.name:
        return "keuangan"
    if "Kepegawaian" in host.name:
        return "kepegawaian"
    if host.kind in ("sekretariat", "subbagian") and opd.flavor not in (
            "rs", "puskesmas", "kecamatan"):
        return "umum"
    return opd.flavor


# ---------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _female_share(jabatan: str, cat: int) -> float:
    """How often this post is held by a woman (rough 2020 Indonesian civil-service shares)."""
    if jabatan.startswith("Bidan"):
        return 1.0
    if jabatan.startswith("Perawat"):
        return 0.75
    if jabatan.startswith("Dokter"):
        return 0.55
    manual = ("Pengemudi", "Petugas Pemadam", "Penjaga Sekolah", "Petugas Keamanan",
              "Petugas Ketenteraman", "Pemadam", "Polisi", "Petugas Tim Reaksi",
              "Petugas Pengatur", "Petugas Terminal")
    if jabatan.startswith(manual):
        return 0.03
    if cat == GURU:
        if jabatan.startswith("Kepala Sekolah"):
            return 0.45
        return 0.72 if jabatan.startswith("Guru Kelas") else 0.6
    return {JPT: 0.15, ADMIN: 0.25, PENGAWAS: 0.35, HEALTH: 0.7}.get(cat, 0.42)




def _gelar_group(jabatan: str, cat: int) -> str:
    if cat == GURU:
        if jabatan.startswith("Kepala Sekolah"):
            return "kepsek"
        return "guru_sd" if jabatan.startswith("Guru Kelas") else "guru"
    if cat == JPT:
        return "jpt"
    if cat in (ADMIN, PENGAWAS):
        return "struktural"
    if cat == PELAKSANA:
        return "pelaksana"
    if jabatan.startswith("Dokter"):
        return "dokter"
    if jabatan.startswith("Perawat"):
        return "perawat"
    if jabatan.startswith("Bidan"):
        return "bidan"
    if cat == HEALTH:
        return "kesehatan"
    if "Veteriner" in jabatan:
        return "drh"
    if jabatan.startswith(("Pengawas Sekolah", "Penilik", "Pamong Belajar")):
        return "kepsek"
    if jabatan.startswith("Auditor"):
        return "auditor"
    if "Pertanian" in jabatan or "Tumbuhan" in jabatan or "Benih" in jabatan:
        return "tani"
    if jabatan.startswith("Teknik"):
        return "teknik"
    return "teknis"


def _names(jabatan: list[str], cats: npt.NDArray[np.int64], female: npt.NDArray[np.bool_],
           rng: np.random.Generator) -> list[str]:
    """Plausible Indonesian names with the degrees a staff list shows for the post."""
    n = len(jabatan)
    first_m = rng.integers(len(MALE_FIRST), size=n)
    first_f = rng.integers(len(FEMALE_FIRST), size=n)
    last_m = rng.integers(len(MALE_LAST), size=n)
    last_f = rng.integers(len(FEMALE_LAST), size=n)
    u = rng.random(n)
    u2 = rng.random(n)
    tables = {k: ([name for name, _ in t], np.cumsum([w for _, w in t]) / sum(w for _, w in t))
              for k, t in GELAR_SUFFIX.items()}
    out: list[str] = []
    for k in range(n):
        if female[k]:
            base = f"{FEMALE_FIRST[first_f[k]]} {FEMALE_LAST[last_f[k]]}"
        else:
            base = f"{MALE_FIRST[first_m[k]]} {MALE_LAST[last_m[k]]}"
        group = _gelar_group(jabatan[k], int(cats[k]))
        prefix = suffix = ""
        if group == "dokter":
            if jabatan[k].startswith("Dokter Gigi"):
                prefix = "drg."
            else:
                prefix = "dr."
                spec = jabatan[k].removeprefix("Dokter Spesialis ")
                if spec != jabatan[k]:
                    suffix = SPESIALIS.get(spec, "")
                elif u[k] < 0.2:
                    suffix = "M.Kes."
        elif group == "drh":
            prefix = "drh."
        else:
            names, cum = tables[group]
            suffix = names[int(np.searchsorted(cum, u[k], side="right").clip(0, len(names) - 1))]
            if group in ("jpt", "struktural") and suffix in ("M.Si.", "M.M."):
                prefix = "Drs." if u2[k] < 0.7 else "Ir."
                if female[k] and prefix == "Drs.":
                    prefix = "Dra."
        text = f"{prefix} {base}" if prefix else base
        out.append(f"{text}, {suffix}" if suffix else text)
    return out


def _age_draw(rng: np.random.Generator, cats: npt.NDArray[np.int64], status: npt.NDArray[
        np.str_], kepsek: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """Ages on 2020-03-01, 22-58, about a quarter 50 or over, officials older than staff."""
    n = len(cats)
    age = np.zeros(n, dtype=np.int64)
    lo = np.full(n, -1)
    hi = np.full(n, -1)
    for cat, (a, b) in ((JPT, (46, 58)), (ADMIN, (38, 58)), (PENGAWAS, (30, 58))):
        lo[cats == cat] = a
        hi[cats == cat] = b
    lo[kepsek] = 40
    hi[kepsek] = 58
    fixed = lo >= 0
    u = rng.random(n)
    age[fixed] = lo[fixed] + np.floor(u[fixed] * (hi[fixed] - lo[fixed] + 1)).astype(np.int64)
    young = (status != "PNS") & ~fixed
    age[young] = 22 + np.floor(u[young] * 13).astype(np.int64)  # 22-34
    free = ~fixed & ~young
    old_fixed = np.sum(np.clip((hi[fixed] - 49) / (hi[fixed] - lo[fixed] + 1), 0, 1))
    q = float(np.clip((0.25 * n - old_fixed) / max(1, int(free.sum())), 0.0, 1.0))
    is_old = rng.random(n) < q
    old = free & is_old
    age[old] = 50 + np.floor(u[old] * 9).astype(np.int64)  # 50-58
    rest = free & ~is_old
    ages = np.arange(22, 50)
    w = np.minimum(ages - 20, 16).astype(float)
    age[rest] = rng.choice(ages, size=int(rest.sum()), p=w / w.sum())
    return age


def _dates(age: npt.NDArray[np.int64], status: npt.NDArray[np.str_], rng: np.random.Generator
           ) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.int64]]:
    """Birth dates for the ages, and NIP start months (year*12 + month-1) that fit them."""
    n = len(age)
    ages = np.arange(0, 100)
    ref = REFERENCE_DATE
    first = np.array([date(ref.year - a - 1, 3, 2).toordinal() for a in ages])
    last = np.array([date(ref.year - a, 3, 1).toordinal() for a in ages])
    span = last[age] - first[age] + 1
    ordinal = first[age] + np.floor(rng.random(n) * span).astype(np.int64)
    birth = (ordinal - date(1970, 1, 1).toordinal()).astype("datetime64[D]")
    year = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    month = birth.astype("datetime64[M]").astype(np.int64) % 12
    birth_mi = year * 12 + month
    # PNS: appointed at 19-35 (most at 22-30), by February 2019 at the latest (a CPNS
    # becomes PNS after a year). CPNS and PPPK: appointed between February 2019 and March 2020.
    limit = 2019 * 12 + 1
    s_max = (limit - birth_mi - 1) // 12
    s = np.clip(np.round(rng.normal(25.5, 3.5, size=n)).astype(np.int64), 19, 35)
    s = np.minimum(s, s_max)
    e_max = np.minimum(11, limit - birth_mi - 12 * s)
    e = 1 + np.floor(rng.random(n) * e_max).astype(np.int64)
    start = birth_mi + 12 * s + e
    recent = status != "PNS"
    window = rng.integers(2019 * 12 + 1, 2020 * 12 + 3, size=n)
    start = np.where(recent, window, start)
    return birth, start


def _people(hosts: list[list[_Host]], opds: list[Opd], rng: np.random.Generator,
            ) -> pd.DataFrame:
    unit: list[str] = []
    sub: list[str] = []
    jabatan: list[str] = []
    eselon: list[str] = []
    cats: list[int] = []
    opd_idx: list[int] = []
    leaf: list[bool] = []

    def emit(host: _Host, names: list[str], cat: int, canon: str = "") -> None:
        for j in names:
            unit.append(opds[host.opd].name)
            sub.append(host.name)
            jabatan.append(j)
            eselon.append(canon)
            cats.append(cat)
            opd_idx.append(host.opd)
            leaf.append(host.leaf)

    for per in hosts:
        for host in per:
            opd = opds[host.opd]
            for post in host.posts:
                emit(host, [post.jabatan], post.cat, post.eselon)
            if host.teachers:
                emit(host, [f"Kepala Sekolah {host.name}"], GURU)
                emit(host, _choice(rng, TEACHERS[host.school], host.teachers - 1), GURU)
            for j, cat in host.functional:
                emit(host, [j], cat)
            if host.pelaksana:
                table = STAFF_POSTS[_pelaksana_table(host, opd)]
                emit(host, _choice(rng, table, host.pelaksana), PELAKSANA)
    n = len(jabatan)
    cat_a = np.array(cats, dtype=np.int64)
    opd_a = np.array(opd_idx, dtype=np.int64)
    jab_a = np.array(jabatan, dtype=object)
    structural = np.isin(cat_a, STRUCTURAL)
    kepsek = np.array([j.startswith("Kepala Sekolah") for j in jabatan])

    female = rng.random(n) < np.array([_female_share(j, c) for j, c in zip(jabatan, cats,
                                                                            strict=True)])
    # Status: PPPK (first intake 2019: teachers, some health staff and farm advisers), CPNS.
    p_pppk = np.zeros(n)
    p_pppk[(cat_a == GURU) & ~kepsek] = 0.135
    p_pppk[cat_a == HEALTH] = 0.02
    p_pppk[np.array(["Penyuluh Pertanian" in j for j in jabatan])] = 0.15
    pppk = rng.random(n) < p_pppk
    cpns_pool = ~structural & ~kepsek & ~pppk
    p_cpns = 0.02 * n / max(1, int(cpns_pool.sum()))
    cpns = cpns_pool & (rng.random(n) < p_cpns)
    status = np.where(pppk, "PPPK", np.where(cpns, "CPNS", "PNS"))

    age = _age_draw(rng, cat_a, status, kepsek)
    birth, start = _dates(age, status, rng)
    sex = np.where(female, 2, 1)
    # NIP: birth date, start month, sex, then a sequence number that keeps it unique.
    yr = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    mo = birth.astype("datetime64[M]").astype(np.int64) % 12 + 1
    dy = (birth - birth.astype("datetime64[M]")).astype(np.int64) + 1
    prefix = [f"{a:04d}{b:02d}{c:02d}{d // 12:04d}{d % 12 + 1:02d}{x}"
              for a, b, c, d, x in zip(yr, mo, dy, start, sex, strict=True)]
    frame = pd.DataFrame({"p": prefix, "o": rng.integers(0, 5, size=n)})
    seq = frame.groupby("p", sort=False).cumcount().to_numpy() + frame.groupby(
        "p", sort=False)["o"].transform("first").to_numpy() + 1
    nip = [f"{p}{q:03d}" for p, q in zip(prefix, seq, strict=True)]

    names = _names(jabatan, cat_a, female, rng)

    # Health and duty flags.
    w = (age - 15).astype(float)
    komorbid = rng.random(n) < 0.04 * w / w.mean()
    young_women = female & (age <= 42)
    p_hamil = 0.02 * female.sum() / max(1, int(young_women.sum()))
    hamil = young_women & (rng.random(n) < p_hamil)

    service = np.array([o.service for o in opds])[opd_a]
    health_post = cat_a == HEALTH
    # Wajib WFH only where no bundled circular forces the person into the office, and at
    # most one per seksi-like sub-unit with 3+ staff, so "≥ 2 pelaksana" stays satisfiable.
    frame = pd.DataFrame({"u": unit, "s": sub, "leaf": leaf, "cat": cat_a})
    pel_count = frame[frame.cat == PELAKSANA].groupby(["u", "s"]).size()
    key = pd.MultiIndex.from_arrays([frame.u, frame.s])
    staff_here = pel_count.reindex(key).fillna(0).to_numpy()
    eligible = ~structural & ~kepsek & ~health_post & ~service
    eligible &= ~(np.array(leaf) & (cat_a == PELAKSANA) & (staff_here < 3))
    wfh = _pick_spread(eligible, frame, round(0.005 * n), rng)
    wfo = _pick_spread(~structural & ~wfh, frame, round(0.005 * n), rng)

    # Export noise: eselon spellings per OPD (and a few per row), blank Jenis Jabatan.
    styles = ("{}.{}", "{}/{}", "{}{}", "{}-{}")
    opd_style = rng.choice(4, size=len(opds), p=[0.5, 0.2, 0.15, 0.15])
    row_style = np.where(rng.random(n) < 0.05, rng.integers(0, 4, size=n), opd_style[opd_a])
    blank_forms = ("-", "Non Eselon", "")
    opd_blank = rng.choice(3, size=len(opds), p=[0.4, 0.3, 0.3])
    row_blank = np.where(rng.random(n) < 0.1, rng.integers(0, 3, size=n), opd_blank[opd_a])
    eselon_text = []
    for k in range(n):
        if eselon[k]:
            major, minor = eselon[k].split(".")
            eselon_text.append(styles[row_style[k]].format(major, minor))
        elif kepsek[k]:
            eselon_text.append("")
        else:
            eselon_text.append(blank_forms[row_blank[k]])
    jenis = np.where(structural, "Struktural", np.where(cat_a == PELAKSANA, "Pelaksana",
                                                        "Fungsional"))
    jenis = np.where((rng.random(n) < 0.05) & ~kepsek, "", jenis)

    def ya(flag: npt.NDArray[np.bool_]) -> npt.NDArray[np.str_]:
        return np.where(flag, "Ya", "")

    out = pd.DataFrame({
        "NIP": nip,
        "Nama": names,
        "Unit Kerja": unit,
        "Sub Unit": sub,
        "Jabatan": jab_a.astype(str),
        "Eselon": eselon_text,
        "Jenis Jabatan": jenis,
        "Status": status,
        "Tanggal Lahir": birth.astype("datetime64[s]"),
        "Komorbid": ya(komorbid),
        "Hamil/Menyusui": ya(hamil),
        "Wajib WFO": ya(wfo),
        "Wajib WFH": ya(wfh),
    })
    return out


def _pick_spread(eligible: npt.NDArray[np.bool_], frame: pd.DataFrame, n: int,
                 rng: np.random.Generator) -> npt.NDArray[np.bool_]:
    """`n` eligible rows, at most one per seksi-like sub-unit, chosen at random."""
    idx = np.flatnonzero(eligible)
    idx = idx[rng.permutation(len(idx))]
    leaf = frame["leaf"].to_numpy()[idx]
    group = np.where(leaf, (frame["u"] + "\x00" + frame["s"]).to_numpy()[idx],
                     idx.astype(str))
    _, first = np.unique(group, return_index=True)
    idx = idx[np.sort(first)][:n]
    out = np.zeros(len(eligible), dtype=bool)
    out[idx] = True
    return out


def _build(size: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    province = size >= PROVINCE_SIZE
    opds = _catalogue(size)
    slots = _structure(size, opds, rng)
    hosts = _hosts(slots, opds)
    n_struct = sum(len(h.posts) for per in hosts for h in per)
    teachers = round(SHARE_TEACHER * size)
    functional = round(SHARE_FUNCTIONAL * size)
    pendidikan = next(i for i, o in enumerate(opds) if o.name == "Dinas Pendidikan")
    places = list(CITIES if province else KECAMATAN[: max(5, sum(
        1 for o in opds if o.kind == "kecamatan"))])
    _add_schools(hosts[pendidikan], pendidikan, teachers, province, places, rng)
    _add_functional(hosts, opds, functional, rng)
    pelaksana = size - n_struct - teachers - functional
    _add_pelaksana(hosts, max(0, pelaksana), rng)
    frame = _people(hosts, opds, rng)
    if len(frame) != size:  # only when mandatory posts alone exceed the size
        frame = frame.iloc[:size]
    return frame.reset_index(drop=True)


def make_sample(size: int = 9000, seed: int = 0, leave_share: float = 0.0,
                travel_share: float = 0.0, period: tuple[date, date] = PERIOD) -> pd.DataFrame:
    """A staff list of `size` rows with the columns of `COLUMNS`, the same for the same seed.

    Text columns hold strings (blank is ""); `Tanggal Lahir` holds dates. With a leave or
    travel share, `Cuti` and `Dinas Luar` columns too: runs of working days inside
    `period` (see `sample_absences`), the staff themselves unchanged.
    """
    if size < 1:
        raise ValueError(f"size must be at least 1, got {size}")
    if size >= MIN_BUILD:
        frame = _build(size, seed)
    else:
        # A complete organisation needs ~100 people; smaller samples are a random subset of
        # one, still with unique NIPs and every column filled the same way.
        base = _build(MIN_BUILD, seed)
        pick = np.sort(np.random.default_rng(seed).choice(MIN_BUILD, size=size, replace=False))
        frame = base.iloc[pick].reset_index(drop=True)
    if leave_share or travel_share:
        frame = add_absences(frame, seed, leave_share, travel_share, period)
    return frame


# ---------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------

_WIDTHS = {"NIP": 21, "Nama": 34, "Unit Kerja": 44, "Sub Unit": 40, "Jabatan": 44, "Eselon": 11,
           "Jenis Jabatan": 14, "Status": 8, "Tanggal Lahir": 13, "Komorbid": 10,
           "Hamil/Menyusui": 15, "Wajib WFO": 10, "Wajib WFH": 10, "Cuti": 26,
           "Dinas Luar": 26}


def _write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """NIPs as text (an 18-digit number loses digits in Excel), dates as real Excel dates."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    try:
        sheet = workbook.add_worksheet("Pegawai")
        bold = workbook.add_format({"bold": True})
        text = workbook.add_format({"num_format": "@"})
        day = workbook.add_format({"num_format": "dd/mm/yyyy"})
        columns = list(frame.columns)
        for c, name in enumerate(columns):
            sheet.set_column(c, c, _WIDTHS.get(name, 12), text if name == "NIP" else None)
        sheet.freeze_panes(1, 0)
        for c, name in enumerate(columns):
            sheet.write_string(0, c, name, bold)
        epoch = np.datetime64("1899-12-30", "D")
        serial = (frame["Tanggal Lahir"].to_numpy().astype("datetime64[D]") - epoch).astype(
            np.int64)
        texts = [frame[c].tolist() if c != "Tanggal Lahir" else None for c in columns]
        write_string = sheet.write_string
        write_number = sheet.write_number
        for r in range(len(frame)):
            row = r + 1
            for c, values in enumerate(texts):
                if values is None:
                    write_number(row, c, int(serial[r]), day)
                    continue
                value = values[r]
                if value:
                    if c == 0:
                        write_string(row, c, value, text)
                    else:
                        write_string(row, c, value)
        sheet.autofilter(0, 0, len(frame), len(columns) - 1)
    finally:
        workbook.close()


def write_sample(path: Path, size: int = 9000, seed: int = 0, leave_share: float = 0.0,
                 travel_share: float = 0.0, period: tuple[date, date] = PERIOD) -> None:
    """Write `make_sample(...)` as .xlsx or .csv, replacing `path` atomically.

    A reader (or a half-finished demo) never sees a partial file: the sample goes to a
    temporary file beside `path` and is renamed over it only when complete.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValueError(f"write_sample writes .xlsx or .csv, not {path.suffix!r}")
    frame = make_sample(size, seed, leave_share, travel_share, period)
    with naming(path):  # a full disk names `path`, not the temporary file
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=suffix, dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        # mkstemp makes the file private; a shipped sample should be as readable as the old one.
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        try:
            if suffix == ".xlsx":
                _write_xlsx(frame, tmp)
            else:
                out = frame.copy()
                out["Tanggal Lahir"] = out["Tanggal Lahir"].dt.strftime("%Y-%m-%d")
                out.to_csv(tmp, index=False, encoding="utf-8")
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
