"""Property tests: random cell garbage never crashes the reader or invents an employee."""

from __future__ import annotations

import contextlib
import string
from datetime import date, datetime
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import workbooks
from wfh_solver.api import make_problem, read_employees
from wfh_solver.read.errors import InputError
from wfh_solver.solve.run import solve

cell = st.one_of(
    st.none(),
    st.text(alphabet=string.ascii_letters + string.digits + string.punctuation + " \téù–—\u00a0",
            max_size=30),
    st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    st.sampled_from(["II.a", "IV/b", "-", "Ya", "Tidak", "=1+1", "@cmd", "Jumlah", "NIP",
                     "Unit Kerja", "Jabatan", "Nama", "196503121990031005"]),
)


def _write(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        values = [v.isoformat() if isinstance(v, datetime) else v for v in row]
        sheet.append([("'" + v) if isinstance(v, str) and v.startswith("=") else v
                      for v in values])
    book.save(path)
    return path


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(garbage=st.lists(st.lists(cell, min_size=1, max_size=10), min_size=0, max_size=8),
       position=st.integers(min_value=0, max_value=9))
def test_garbage_rows_give_a_clean_error_or_only_known_employees(tmp_path_factory, garbage,
                                                                 position):
    """Tests that garbage mixed into a real list is either refused clearly or ignored."""
    rows: list[list[object]] = [list(workbooks.HEADER)]
    rows += [list(r) for r in workbooks.ROWS]
    for k, junk in enumerate(garbage):
        rows.insert(min(len(rows), position + k + 1), junk)
    path = _write(tmp_path_factory.mktemp("g") / "g.xlsx", rows)
    try:
        staff = read_employees(path)
    except InputError as exc:
        assert exc.problems and all(p.line() for p in exc.problems)
        return
    known = {r[0] for r in workbooks.ROWS}
    found = {e.nip for e in staff.employees}
    unknown = found - known
    # A garbage row is only accepted if it is a complete, valid employee record.
    for e in staff.employees:
        if e.nip in unknown:
            assert e.name and e.unit and e.position
    result = solve(make_problem(staff, "jateng-2020"))
    assert {e.nip for e in result.roster.employees} == found


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=0, max_size=2000))
def test_random_bytes_are_refused_with_an_input_error(tmp_path_factory, data):
    """Tests that arbitrary bytes under a spreadsheet name never raise anything else."""
    for suffix in (".xlsx", ".csv"):
        path = tmp_path_factory.mktemp("b") / f"b{suffix}"
        path.write_bytes(data)
        with contextlib.suppress(InputError):
            read_employees(path)
