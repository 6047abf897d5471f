"""One staff row's cells to its record's fields, each problem reported with its cell.

The per-row reader (`read.table`) and the columnar one (`read.columnar`) share these,
so a row reads the same, and is reported in the same words, whichever path it takes.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from wfh_solver.base.messages import count, t
from wfh_solver.read.columns import DISPLAY
from wfh_solver.read.dates import DateLimitError, DateScope, parse_date_list, parse_one
from wfh_solver.read.errors import InputError, InputProblem
from wfh_solver.read.eselon import EselonError, parse_eselon
from wfh_solver.read.rows import cell_text
from wfh_solver.read.sources import Cell

_text = cell_text
TRUE_WORDS = {"ya", "y", "yes", "true", "1", "x", "v", "benar", "iya", "✓", "√"}
FALSE_WORDS = {"", "tidak", "t", "no", "n", "false", "0", "-", "tdk", "bukan", "nan", "none"}
NIP_IN_TEXT_RE = re.compile(r"(?<!\d)(\d[\d ]{16,24}\d)(?!\d)")
STATUS_WORDS = {
    "pns": "pns", "cpns": "cpns", "pppk": "pppk", "p3k": "pppk", "ptt": "ptt",
    "honorer": "honorer", "thl": "thl", "nonasn": "non_asn", "non asn": "non_asn",
    "tkk": "honorer", "ptt/honorer": "ptt",
    "pegawai negeri sipil": "pns", "calon pegawai negeri sipil": "cpns", "calon pns": "cpns",
    "pegawai pemerintah dengan perjanjian kerja": "pppk", "tenaga kontrak": "honorer",
    "kontrak": "honorer", "tenaga harian lepas": "thl", "non pns": "non_asn",
    "nonpns": "non_asn", "tenaga honorer": "honorer",
}
_CANDIDATE = frozenset({"c", "cpns", "calon pns", "calon pegawai negeri sipil"})
_STATUS_IN_REMARKS = re.compile(r"\b(CPNS|PPPK|P3K|PTT|THL|TKK|Honorer|Non[- ]?ASN)\b", re.I)
#: columns folded into others before a row is read (titles into the name, status marks)
FOLDED = ("title_front", "title_back", "status_cpns", "remarks")


def titled_name(name: str, front: str, back: str) -> str:
    """`dr. Budi Santoso, M.Kes.` from its three columns, as the office writes a name; a
    title the name already carries is not written twice."""
    name, front, back = name.strip(), front.strip(), back.strip(" ,")
    if front and not name.casefold().startswith(front.casefold()):
        name = f"{front} {name}"
    if back and not name.casefold().rstrip(".").endswith(back.casefold().rstrip(".")):
        name = f"{name}, {back}"
    return name


def status_of(status: str, candidate: str, remarks: str) -> str:
    """The employment status wherever the export marks it: SIASN's `STATUS CPNS PNS` (`C`)
    makes a candidate of a `PNS`; a blank status takes what `KET.` says (`CPNS`, `PPPK`)."""
    plain = status.strip()
    if candidate.strip().casefold() in _CANDIDATE and plain.casefold() in ("", "pns", "p"):
        return "CPNS"
    if not plain and (found := _STATUS_IN_REMARKS.search(remarks)):
        return found.group(1)
    return plain


def fold_texts(texts: dict[str, str]) -> None:
    """Titles into the name and every status mark into the status, then drop those keys."""
    if "title_front" in texts or "title_back" in texts:
        texts["name"] = titled_name(texts.get("name", ""), texts.get("title_front", ""),
                                    texts.get("title_back", ""))
    if "status_cpns" in texts or "remarks" in texts:
        texts["status"] = status_of(texts.get("status", ""), texts.get("status_cpns", ""),
                                    texts.get("remarks", ""))
    for key in FOLDED:
        texts.pop(key, None)


class Collector:
    def __init__(self, file: str, sheet: str, letters: dict[str, str]) -> None:
        self.file, self.sheet, self.letters = file, sheet, letters
        self.problems: list[InputProblem] = []

    def add(self, row: int | None, key: str, value: Cell, reason: str, hint: str = "",
            severity: str = "error") -> None:
        column = f"{self.letters.get(key, '')} ({DISPLAY.get(key, key)})" if key else ""
        self.problems.append(InputProblem(self.file, self.sheet, row, column.strip(),
                                          _text(value)[:80], reason, hint, severity))


def row_texts(row: list[Cell], index: dict[str, int]) -> dict[str, str]:
    width = len(row)
    texts = {key: _text(row[j]) if j < width else "" for key, j in index.items()}
    if "name_nip" in texts:
        split_name_nip(texts)
    fold_texts(texts)
    return texts


def cell_at(row: list[Cell], index: dict[str, int], key: str) -> Cell:
    j = index.get(key)
    return row[j] if j is not None and j < len(row) else None


def record(row: list[Cell], texts: dict[str, str], index: dict[str, int], excel_row: int,
            out: Collector, dates: DateScope | None = None) -> dict[str, object]:
    combined = "name_nip" in index
    nip = _parse_nip(texts["nip"] if combined else cell_at(row, index, "nip"), excel_row, out)
    if not nip and not any(p.row == excel_row for p in out.problems[-1:]):
        out.add(excel_row, "nip", "", t("empty_nip"), t("hint_empty_nip"))
    status = parse_status(texts.get("status", ""), excel_row, out)
    if nip and status in ("pns", "cpns", "pppk", "") :
        _check_nip_shape(nip, excel_row, out, strict=status != "")
    eselon: str | None = None
    try:
        eselon = parse_eselon(texts.get("eselon", ""))
    except EselonError:
        out.add(excel_row, "eselon", texts.get("eselon"), t("eselon_bad"), t("hint_eselon"))
    if not texts.get("unit"):
        out.add(excel_row, "unit", "", t("empty_unit"), t("hint_empty_unit"))
    if not texts.get("name"):
        out.add(excel_row, "name", "", t("empty_name"))
    if _flag_text(texts, "must_wfo") and _flag_text(texts, "must_wfh"):
        out.add(excel_row, "must_wfh", texts.get("must_wfh"),
                t("both_flags"), t("hint_both_flags"))
    return {
        "row": excel_row,
        "nip": nip,
        "name": texts.get("name", ""),
        "unit": texts.get("unit", ""),
        "sub_unit": texts.get("sub_unit", ""),
        "position": texts.get("position", ""),
        "eselon": eselon,
        "kind": texts.get("kind", ""),
        "status": status or "pns",
        "unit_type": texts.get("unit_type", ""),
        "birth_date": parse_birth_date(cell_at(row, index, "birth_date"), excel_row, out),
        "comorbid": parse_flag(texts, "comorbid", excel_row, out),
        "pregnant": parse_flag(texts, "pregnant", excel_row, out),
        "must_wfo": parse_flag(texts, "must_wfo", excel_row, out),
        "must_wfh": parse_flag(texts, "must_wfh", excel_row, out),
        "leave": parse_dates(cell_at(row, index, "leave"), "leave", excel_row, out, dates),
        "travel": parse_dates(cell_at(row, index, "travel"), "travel", excel_row, out, dates),
    }


def split_name_nip(texts: dict[str, str]) -> None:
    combined = texts.pop("name_nip")
    match = NIP_IN_TEXT_RE.search(combined)
    nip = match.group(1) if match else ""
    name = (combined[: match.start()] + combined[match.end():]) if match else combined
    name = re.sub(r"\bNIP\b[.:]?", "", name, flags=re.I)
    texts.setdefault("nip", nip)
    texts.setdefault("name", re.sub(r"\s+", " ", name).strip(" ,/-\n"))


def _parse_nip(value: Cell, excel_row: int, out: Collector) -> str:
    if isinstance(value, bool):
        out.add(excel_row, "nip", value, t("nip_not_number"))
        return ""
    if isinstance(value, float | int):
        number = float(value)
        if not number.is_integer() or number < 0:
            out.add(excel_row, "nip", value, t("nip_not_whole"))
            return ""
        if number >= 2**53:
            out.add(excel_row, "nip", f"{number:.0f}", t("nip_rounded"), t("hint_nip_text"))
            return ""
        return str(int(number))
    text = _text(value)
    if re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", text):
        out.add(excel_row, "nip", text, t("nip_scientific"), t("hint_nip_text"))
        return ""
    text = re.sub(r"[\s'`’.\-]", "", text)
    return text


def parse_dates(value: Cell, key: str, excel_row: int, out: Collector,
                dates: DateScope | None = None) -> tuple[date, ...]:
    """The days a Cuti/DL cell names within the period of `dates`; a bad piece is reported
    and reading goes on, but a file past the budget of dates ends here, naming this cell."""
    try:
        return parse_date_list(value, dates)
    except ValueError as exc:
        out.add(excel_row, key, value, t("dates_bad", detail=exc), t("hint_dates"))
        return ()
    except DateLimitError as exc:
        limit = count(exc.limit)
        hint = "hint_dates_limit_unbounded" if exc.what == "days_unbounded" \
            else "hint_dates_limit"
        out.add(excel_row, key, value, t(f"dates_limit_{exc.what}", limit=limit), t(hint))
        raise InputError(out.problems) from None


def _check_nip_shape(nip: str, excel_row: int, out: Collector, strict: bool) -> None:
    """An ASN NIP: birth date YYYYMMDD, start YYYYMM, sex 1/2, sequence NNN."""
    if not re.fullmatch(r"\d{18}", nip):
        out.add(excel_row, "nip", nip, t("nip_length", length=len(nip)), t("hint_nip_length"))
        return
    try:
        born = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
        start_year, start_month = int(nip[8:12]), int(nip[12:14])
    except ValueError:
        out.add(excel_row, "nip", nip, t("nip_birth_date"))
        return
    if not 1 <= start_month <= 12 or not born.year + 14 <= start_year <= 2100:
        out.add(excel_row, "nip", nip, t("nip_start"))
    if nip[14] not in "12":
        out.add(excel_row, "nip", nip, t("nip_sex"))
    if not 1900 <= born.year <= 2015:
        out.add(excel_row, "nip", nip, t("nip_birth_year"))


def parse_status(text: str, excel_row: int, out: Collector) -> str:
    key = text.strip().lower()
    if not key:
        return ""
    if key in STATUS_WORDS:
        return STATUS_WORDS[key]
    compact = key.replace(" ", "").replace("-", "")
    for word, status in STATUS_WORDS.items():
        if compact.startswith(word.replace(" ", "")):
            return status
    return re.sub(r"\W+", "_", key)


def _flag_text(texts: dict[str, str], key: str) -> bool:
    return texts.get(key, "").strip().lower() in TRUE_WORDS


# Health flags often hold the condition itself ("Hipertensi", "Menyusui"): any text that
# is not a "no" means yes. The hard Wajib WFO/WFH flags must say Ya or Tidak.
DESCRIPTIVE_FLAGS = frozenset({"comorbid", "pregnant"})
NONE_WORDS = FALSE_WORDS | {"tidak ada", "tdk ada", "normal", "sehat", "none", "no"}


def parse_flag(texts: dict[str, str], key: str, excel_row: int, out: Collector) -> bool:
    text = texts.get(key, "").strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS or (key in DESCRIPTIVE_FLAGS and text in NONE_WORDS):
        return False
    if key in DESCRIPTIVE_FLAGS:
        return True
    out.add(excel_row, key, text, t("flag_bad"))
    return False


def parse_birth_date(value: Cell, excel_row: int, out: Collector) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    number = isinstance(value, float | int) and not isinstance(value, bool)
    if number and 1 <= float(value) < 80_000:  # type: ignore[arg-type]
        # an Excel serial date in a cell without a date format
        return date(1899, 12, 30) + timedelta(days=int(value))  # type: ignore[arg-type]
    text = _text(value)
    try:
        return parse_one(text[:10] if re.match(r"\d{4}-\d{2}-\d{2}[ T]", text) else text)
    except ValueError:
        out.add(excel_row, "birth_date", text, t("date_bad"), t("hint_date"))
        return None
