"""What a row below the header is: a member of staff, or something an export adds around them.

SIMPEG, SIASN and DUK exports, and the printouts HR re-types, wrap the staff table in rows
that are not staff: the header repeated at every page break (with its row of column numbers),
a totals or per-OPD subtotal row (`JUMLAH` merged over two columns with the count beside it,
`Jumlah Pegawai: 2.458`, a bare count in the NIP column), and below the table a signature
block (`Sragen, 30 Maret 2020`, `Mengetahui`, `Kepala BKPSDM`, a name, a rank, `NIP. …`) or
notes (`Catatan: …`, `Sumber: SIMPEG`, `Dicetak …`). A member of staff is a row with a
plausible NIP *and* a name; every other non-blank row is skipped for one stated reason, which
`validate` lists, or is read as a broken staff row and reported as an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from wfh_solver.read.columns import NAME_NIP_KEYS, header_key, match_column
from wfh_solver.read.sources import Cell
from wfh_solver.read.text import normalise

__all__ = ["Kind", "RowReader", "cell_text", "plausible_name", "plausible_names", "plausible_nip",
           "plausible_nips"]

_SPACES = re.compile(r"[ \t\u00a0]+")


def cell_text(value: Cell) -> str:
    """A cell as the text HR sees, spaces tidied, invisible and compatibility characters
    normalised (`read.text`)."""
    if value.__class__ is str:  # the common case, kept fast: 60,000 rows × 15 cells
        text: str = value  # type: ignore[assignment]
        if not text.isascii():
            text = normalise(text)
        if "  " in text or "\t" in text or "\xa0" in text:
            text = _SPACES.sub(" ", text)
        return text.strip()
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return _SPACES.sub(" ", normalise(str(value))).strip()


class Kind(StrEnum):
    """Why a row is (not) read as staff; the skip kinds name a message `skip_<kind>`."""

    STAFF = "staff"  # a plausible NIP and a name
    RECORD = "record"  # looks like a staff row with something missing: read, and reported
    BLANK = "blank"
    HEADER = "header"  # the header row(s) repeated at a page break
    NUMBERS = "numbers"  # the row of column numbers repeated
    TOTAL = "total"  # totals and subtotals
    SIGNATURE = "signature"  # signature block, place and date, notes below the table
    SECTION = "section"  # an OPD title row (the unit of the rows below, or skipped)
    NOTE = "note"  # one text, or no NIP and no name and at most one other field
    TABLE = "table"  # the header of a second table on the same sheet


_TOTAL = re.compile(
    r"^(jumlah|jml\b|total|grand ?total|sub ?-?total|rekapitulasi|rekap\b)", re.I)
_MONTHS = (r"(januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|"
           r"nopember|november|desember|jan|feb|mar|apr|may|jun|jul|aug|agu|agt|sep|okt|oct|"
           r"nov|nop|des|dec)")
_PLACE_DATE = re.compile(
    r"^([a-z][a-z .'\-]{1,40},\s*)?(tanggal|tgl\.?)?\s*\d{1,2}(\s+" + _MONTHS
    + r"\.?\s+|[-/.]\d{1,2}[-/.])\d{4}$", re.I)
_SIGNATURE = re.compile(
    r"^(mengetahui|menyetujui|disetujui|diperiksa|dibuat|ditetapkan|dikeluarkan|"
    r"a\.\s?n\.?|an\.|a/n|u\.?b\.|plt\.?|plh\.?|pj\.?\s|kepala\b|sekretaris daerah|bupati|"
    r"wali ?kota|gubernur|ttd|t\.t\.d|cap\b|nip\s*[.:]|nip\s+\d|nip$|catatan|keterangan|ket\s*[.:]|"
    r"sumber\b|dicetak|tanggal cetak|printed|note\b|\*)", re.I)
# Words of a second header row under a merged first one (PANGKAT over GOL/RUANG and TMT).
_SUBHEADER_WORDS = frozenset(header_key(w) for w in (
    "Gol", "Gol/Ruang", "Golongan", "Ruang", "TMT", "Th", "Thn", "Tahun", "Bl", "Bln", "Bulan",
    "Nama", "Tgl", "Tanggal", "Ket", "Pangkat", "Masa Kerja", "L/P", "Tempat", "Lahir",
    "Jenjang", "Jurusan", "Pendidikan", "Usia", "Mutasi", "Latihan Jabatan"))


_ASN_NIP = re.compile(r"(19|20)\d{16}")
_NIP_NOISE = re.compile(r"[\s.'`’\-]")
_NIP_LABEL = re.compile(r"nip\s*[.:]?", re.I)


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def plausible_nip(text: str) -> bool:
    """An employee number: at least 5 digits, mostly digits (`19650312 199003 1 005`,
    `PTT-00123`), not a count (`2.458`) or a label with a count (`Jumlah: 12.458`)."""
    letters = sum(c.isalpha() for c in text)
    digits = _digits(text)
    return digits >= 5 and letters * 2 < digits and ":" not in text


def plausible_name(text: str) -> bool:
    """A person's name: letters, and not a totals or signature label."""
    return (sum(c.isalpha() for c in text) >= 2 and not _TOTAL.match(text)
            and not _SIGNATURE.match(text) and _digits(text) < 5)


# Texts whose plausibility is plain to see: ASCII digits in space-separated groups (a NIP
# as typed or exported), or ASCII letters with `.`, `,`, `'`, `-` (a name with its degrees).
_PLAIN_NIP = re.compile(r"[0-9]+(?: [0-9]+)*")
_PLAIN_NAME = re.compile(r"(?:[ .,'\-]*[A-Za-z]){2}[A-Za-z .,'\-]*")
# A plain name that is no totals or signature label: the three checks in one pass.
_PLAIN_PERSON = re.compile(f"(?!(?i:{_TOTAL.pattern[1:]}))(?!(?i:{_SIGNATURE.pattern[1:]}))"
                           + _PLAIN_NAME.pattern)


def plausible_nips(texts: list[str]) -> list[bool]:
    """`plausible_nip` of each text; a plain group of digits is judged by its length."""
    plain = _PLAIN_NIP.fullmatch
    return [len(s) - s.count(" ") >= 5 if plain(s) else plausible_nip(s) for s in texts]


def plausible_names(texts: list[str]) -> list[bool]:
    """`plausible_name` of each text; a plain name needs only the two label checks."""
    person, plain = _PLAIN_PERSON.fullmatch, _PLAIN_NAME.fullmatch
    return [True if person(s) else False if plain(s) else plausible_name(s) for s in texts]


def _is_count(text: str) -> bool:
    return bool(re.fullmatch(r"[\d.,\s()]+", text))


@dataclass
class RowReader:
    """Classifies the rows of one table in order; remembers when the footer has begun."""

    header_rows: list[list[Cell]]  # the header, its second row and its column numbers
    columns: dict[int, str]  # column index -> canonical key
    extra: dict[str, str] = field(default_factory=dict)
    footer: bool = False  # a signature or note line seen since the last staff row
    _zone: list[tuple[str, ...]] = field(init=False)

    def __post_init__(self) -> None:
        self._zone = [tuple(header_key(cell_text(c)) for c in row) for row in self.header_rows]
        self._index = {key: j for j, key in self.columns.items()}

    def kind(self, row: list[Cell], texts: dict[str, str]) -> Kind:
        """`texts`: the mapped cells of `row` by canonical key (name and NIP split)."""
        if texts.get("nip") and plausible_nip(texts["nip"]) and plausible_name(
                texts.get("name", "")):
            self.footer = False
            return Kind.STAFF
        cells = [cell_text(c) for c in row]
        filled = [c for c in cells if c]
        if not filled:
            return Kind.BLANK
        distinct = list(dict.fromkeys(filled))
        return self._other(row, cells, distinct, texts)

    def _other(self, row: list[Cell], cells: list[str], distinct: list[str],
               texts: dict[str, str]) -> Kind:
        if is_number_row(row, self.columns):
            return Kind.NUMBERS
        if self._repeats_header(cells):
            return Kind.HEADER
        official = self.footer and len(distinct) <= 2 and (  # the signer's `NIP. …` line
            len(distinct) == 1 or any(_NIP_LABEL.fullmatch(c) for c in distinct))
        if official and any(plausible_nip(c) for c in distinct):
            return Kind.SIGNATURE
        if any(_ASN_NIP.fullmatch(_NIP_NOISE.sub("", c)) for c in distinct):
            return Kind.RECORD  # an 18-digit NIP: a staff row, whatever else it says
        if any(_TOTAL.match(c) for c in distinct):
            return Kind.TOTAL
        if any(plausible_nip(c) and not _SIGNATURE.match(c) for c in distinct):
            return Kind.RECORD  # an ID somewhere, not a signature's `NIP. …`: broken staff
        if sum(match_column(c, self.extra) not in (None, "number") for c in distinct) >= 3:
            return Kind.TABLE
        if all(_is_count(c) for c in distinct):
            return Kind.TOTAL  # a bare count, its label in a merged cell elsewhere
        if len(distinct) <= 2 and (self.footer or any(
                _SIGNATURE.match(c) or _PLACE_DATE.match(c) for c in distinct)):
            self.footer = True
            return Kind.SIGNATURE
        if len(distinct) == 1:
            only_name = texts.get("name") == distinct[0] and cells.count(distinct[0]) == 1
            return Kind.RECORD if only_name else Kind.SECTION
        fields = [k for k, v in texts.items() if v and k not in ("number", "nip", "name")]
        if not texts.get("nip") and not texts.get("name") and len(fields) <= 1:
            return Kind.NOTE
        return Kind.RECORD

    def _repeats_header(self, cells: list[str]) -> bool:
        """The header (or its second row) again: every filled cell equals the header's cell
        in its column, and they cover at least half of that header row."""
        keys = [header_key(c) for c in cells]
        for zone in self._zone:
            filled = sum(1 for z in zone if z)
            same = 0
            for j, key in enumerate(keys):
                if not key:
                    continue
                if j >= len(zone) or zone[j] != key:
                    break
                same += 1
            else:
                if same >= max(2, (filled + 1) // 2):
                    return True
        return False

    def continues_header(self, row: list[Cell]) -> bool:
        """A second header row or the row of column numbers right below the header: no NIP,
        no name of its own, every filled cell a header word."""
        if is_number_row(row, self.columns):
            return True
        cells = [cell_text(c) for c in row]
        if not any(cells) or any(plausible_nip(c) for c in cells):
            return False
        above = self._zone[0] if self._zone else ()
        for j, text in enumerate(cells):
            if not text:
                continue
            key = header_key(text)
            if not (match_column(text, self.extra) or key in _SUBHEADER_WORDS
                    or key in NAME_NIP_KEYS
                    or (j < len(above) and above[j] == key)):
                return False
        return True


def is_number_row(row: list[Cell], columns: dict[int, str]) -> bool:
    """A row of column numbers (1, 2, 3 …) printed under the header in DUK exports."""
    values = [cell_text(row[j]) for j in columns if j < len(row)]
    values = [v for v in values if v]
    return len(values) >= 3 and all(re.fullmatch(r"\(?\d{1,2}\)?", v) for v in values)
