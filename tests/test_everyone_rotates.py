"""Issue 22's acceptance on the shipped sample: under jateng-2020 with "at least one office
day a week, at most five WFH days in a row" added, nobody who works a day of the month is
never in the office, every level is proven, and the tests' own checker passes the workbook.
The never-in-office count is taken from the written workbook, not from the solver."""

from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineWorkbook

from tests.checker import check
from wfh_solver.base.labels import label

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "pegawai.xlsx"
EXTRA = '''
[[rules]]
name = "Bergiliran: setiap pegawai masuk paling sedikit 1 hari seminggu"
kind = "min_office_days"
per = "week"
days = 1

[[rules]]
name = "Paling lama 5 hari kerja berturut-turut WFH"
kind = "max_consecutive_wfh"
days = 5
'''


def _day_codes(workbook: Path) -> list[list[str]]:
    """Each person's day cells of the Jadwal sheet, read as HR would."""
    rows = CalamineWorkbook.from_path(str(workbook)).get_sheet_by_name(
        label("sheet_roster", "id")).to_python()
    header = [str(v) for v in rows[0]]
    first = next(i for i, v in enumerate(header) if v[:4].isdigit() or "/" in v)
    last = max(i for i, v in enumerate(header) if v[:4].isdigit() or "/" in v)
    return [[str(v).strip().upper() for v in row[first:last + 1]] for row in rows[1:]
            if any(str(v).strip() for v in row[first:last + 1])]


def test_nobody_at_work_is_never_in_the_office(tmp_path: Path) -> None:
    """Tests the rotation rules on 9,000 staff for July 2020: proven, checked, nobody out."""
    import wfh_solver as wfh

    base = (ROOT / "scenarios" / "jateng-2020.toml").read_text(encoding="utf-8")
    scenario = tmp_path / "jateng-bergiliran.toml"
    scenario.write_text(base.replace('name = "jateng-2020"', 'name = "jateng-bergiliran"', 1)
                        + EXTRA, encoding="utf-8")
    result = wfh.solve(SAMPLE, scenario, start="2020-07-01", end="2020-07-31",
                       time_limit=300)
    assert result.is_optimal
    workbook = result.to_excel(tmp_path / "jadwal.xlsx")
    report = check(workbook, SAMPLE, scenario)
    assert report.ok and report.status == "OPTIMAL", report.summary()
    codes = _day_codes(workbook)
    assert len(codes) == 9_000
    at_work = [row for row in codes if any(c in ("WFO", "WFH") for c in row)]
    never_in = [row for row in at_work if "WFO" not in row]
    assert never_in == []
    runs = [max((len(run) for run in "".join("H" if c == "WFH" else "." for c in row)
                 .split(".")), default=0) for row in codes]
    assert max(runs) <= 5 + 4  # five working days; a run may straddle a weekend column
