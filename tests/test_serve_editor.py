"""Tests of the page's scenario capabilities (issue 21 item 1): the rule editor (every kind,
add and remove, a conflict built in it), the TOML upload with the CLI's checks said in HR
words, the conflict's explanation and the one-click relaxed roster, re-checked by the tests'
own checker.

In-process (Starlette's TestClient) on small workbooks; each solve is a few seconds.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

import pytest
from starlette.testclient import TestClient

from tests import checker, workbooks
from tests.forms import as_data, form_fields, with_values
from tests.test_relax import _checker_rows, _sheet_rows
from wfh_solver.policy.scenario import RuleKind, bundled_names, load_scenario
from wfh_solver.serve.app import Config, create_app
from wfh_solver.serve.scenario_form import KINDS, kinds
from wfh_solver.serve.security import CSRF_COOKIE

HOSTS = ("testserver",)


@pytest.fixture
def client() -> Iterator[TestClient]:
    app = create_app(Config(max_upload_mb=5, allowed_hosts=HOSTS, time_limit=20.0))
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


def uploaded(client: TestClient, path: Path) -> str:
    client.get("/")
    with open(path, "rb") as content:
        page = client.post("/upload", data={"csrf": client.cookies[CSRF_COOKIE]},
                           files={"file": ("pegawai kantor.xlsx", content)},
                           follow_redirects=True)
    assert page.status_code == 200, page.text
    return str(page.url)


def wait_for(client: TestClient, url: str, marker: str, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while marker not in (text := client.get(url).text):
        assert time.monotonic() < deadline, text
        assert 'data-state="running"' in text or 'data-state="queued"' in text, text
        time.sleep(0.2)
    return text


def press(client: TestClient, upload_url: str, page: str,
          changes: dict[str, str | list[str]], button: dict[str, str]) -> tuple[int, str]:
    """Posts the editor on `page` with some fields changed and one button pressed."""
    fields = with_values(form_fields(page, "scenario-form"), changes)
    answer = client.post(f"{upload_url}/scenario", data=as_data(fields) | button,
                         follow_redirects=True)
    return answer.status_code, answer.text


def row_ids(page: str) -> list[str]:
    found = re.search(r'name="rows" value="([^"]*)"', page)
    assert found, page
    return found.group(1).split()


def saved(client: TestClient, upload_url: str) -> Path:
    site = client.app.state.site  # type: ignore[attr-defined]
    record = site.workspace.get(upload_url.rsplit("/", 1)[-1])
    assert record.scenario_toml is not None
    return Path(record.scenario_toml)


def test_every_rule_kind_has_one_entry_in_the_editor() -> None:
    """Tests that the editor is driven by `KINDS`: every kind of the scenario language has an
    entry (a new kind is one entry) and is offered."""
    assert set(get_args(RuleKind)) <= set(KINDS)
    assert set(kinds()) == set(get_args(RuleKind))


def test_the_editor_gives_every_bundled_circular_back_unchanged(client: TestClient,
                                                                tmp_path: Path) -> None:
    """Tests that every rule of every bundled circular (all kinds, selectors, scopes) is
    expressed by the editor: saved untouched, it is the same rules."""
    upload_url = uploaded(client, workbooks.clean(tmp_path / "pegawai.xlsx"))
    for name in bundled_names():
        base = load_scenario(name)
        page = client.get(f"{upload_url}/scenario?base={name}").text
        status, _ = press(client, upload_url, page, {}, {"save": "1"})
        assert status == 200, name
        edited = load_scenario(saved(client, upload_url))
        assert edited.rules == base.rules, name
        assert (edited.start, edited.end, edited.workweek, edited.intent) == (
            base.start, base.end, base.workweek, base.intent)


def test_each_kind_can_be_added_and_removed(client: TestClient, tmp_path: Path) -> None:
    """Tests add and remove for every kind: the added row shows its number field with its
    unit, is saved as that kind with a name said from the rule, and a removed row is gone."""
    upload_url = uploaded(client, workbooks.clean(tmp_path / "pegawai.xlsx"))
    page = client.get(f"{upload_url}/scenario?base=sragen-2020").text
    before = row_ids(page)
    for kind in kinds():
        status, added = press(client, upload_url, page, {"new_kind": kind}, {"add": "1"})
        assert status == 200
        new = row_ids(added)[-1]
        assert new not in before and f'id="rule-{new}" data-kind="{kind}"' in added
        if KINDS[kind].parameter:
            assert f'id="r{new}-value"' in added and f'id="unit-r{new}-value"' in added
        _, removed = press(client, upload_url, added, {}, {"remove": new})
        assert row_ids(removed) == before
    _, added = press(client, upload_url, page, {"new_kind": "top_levels"}, {"add": "1"})
    new = row_ids(added)[-1]
    status, _ = press(client, upload_url, added, {f"r{new}-value": "2",
                                                  f"r{new}-per": "sub_unit"}, {"save": "1"})
    assert status == 200
    rule = load_scenario(saved(client, upload_url)).rules[-1]
    assert (rule.kind, rule.levels, rule.per) == ("top_levels", 2, "sub_unit")
    assert "2" in rule.name


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_editor_says_each_wrong_field_beside_it(client: TestClient, tmp_path: Path,
                                                    lang: str) -> None:
    """Tests field messages in the user's language: 6 levels, an unknown eselon, a broken
    name pattern, a share of 150%; never pydantic's words, and the form keeps what was typed."""
    client.get(f"/lang/{lang}")
    upload_url = uploaded(client, workbooks.clean(tmp_path / "pegawai.xlsx"))
    page = client.get(f"{upload_url}/scenario?base=sragen-2020").text
    _, page = press(client, upload_url, page, {"new_kind": "top_levels"}, {"add": "1"})
    top = row_ids(page)[-1]
    _, page = press(client, upload_url, page, {"new_kind": "max_office_share"}, {"add": "1"})
    cap = row_ids(page)[-1]
    status, text = press(client, upload_url, page, {
        f"r{top}-value": "6", f"r{top}-eselon": "II; VII", f"r{cap}-value": "150",
        f"r{cap}-units": "Dinas (Kesehatan"}, {"save": "1"})
    assert status == 400
    errors = dict(re.findall(r'<p class="field-error" id="err-([\w-]+)">([^<]*)</p>', text))
    assert set(errors) == {f"r{top}-value", f"r{top}-eselon", f"r{cap}-value",
                           f"r{cap}-units"}, errors
    words = {"id": ("1 sampai 5", "bukan eselon", "antara 0 dan 100", "mencari nama"),
             "en": ("1 to 5", "not an eselon", "between 0 and 100", "look names up")}[lang]
    for key, expected in zip((f"r{top}-value", f"r{top}-eselon", f"r{cap}-value",
                              f"r{cap}-units"), words, strict=True):
        assert expected in errors[key], errors
    assert "Input should" not in text and "Value error" not in text
    assert 'value="Dinas (Kesehatan"' in text and 'value="150"' in text


def _conflicting(client: TestClient, upload_url: str, extra: dict[str, str] | None = None,
                 rules: tuple[tuple[str, dict[str, str]], ...] = ()) -> str:
    """A scenario built in the editor from Sragen's circular: its rules removed, `rules`
    added (kind, fields by part), saved; returns the solve's page URL."""
    page = client.get(f"{upload_url}/scenario?base=sragen-2020").text
    for row in row_ids(page):
        _, page = press(client, upload_url, page, {}, {"remove": row})
    changes: dict[str, str | list[str]] = {}
    for kind, fields in rules:
        _, page = press(client, upload_url, page, {"new_kind": kind}, {"add": "1"})
        row = row_ids(page)[-1]
        changes |= {f"r{row}-{part}": value for part, value in fields.items()}
    status, text = press(client, upload_url, page, changes | (extra or {}), {"save": "1"})
    assert status == 200 and 'id="sc-custom"' in text, text
    solved = client.post(f"{upload_url}/solve", follow_redirects=True,
                         data={"csrf": client.cookies[CSRF_COOKIE], "scenario": "custom"})
    return str(solved.url)


def test_a_conflict_built_in_the_editor_is_explained_and_relaxed(client: TestClient,
                                                                 tmp_path: Path) -> None:
    """Tests the flow of item 1: at least 3 in office per OPD with at most 10% in office,
    built in the editor, is not softened: the page explains each unit's clash with its
    people and the smallest change; one click makes the relaxed roster, whose Pelanggaran
    the page lists and whose download the tests' checker agrees with, line by line."""
    source = workbooks.clean(tmp_path / "pegawai.xlsx")
    upload_url = uploaded(client, source)
    job_url = _conflicting(client, upload_url, rules=(
        ("min_present", {"value": "3", "per": "unit"}),
        ("max_office_share", {"value": "10", "per": "unit"})))
    scenario = saved(client, upload_url)
    names = [r.name for r in load_scenario(scenario).rules]
    assert any("10%" in n for n in names) and any("3 orang" in n for n in names), names
    text = wait_for(client, job_url, 'id="infeasible"')
    conflicts = text[text.index('id="conflicts"'):text.index("</ol>")]
    assert "Dinas Kesehatan" in conflicts and "Siti Aminah" in conflicts
    assert "Perubahan terkecil:" in conflicts and "izinkan 3 orang di kantor" in conflicts
    assert 'id="relax-button"' in text and "paling sedikit melanggar" in text
    relaxed = client.post(f"{job_url}/relax", follow_redirects=True,
                          data={"csrf": client.cookies[CSRF_COOKIE]})
    text = wait_for(client, str(relaxed.url), 'id="downloads"')
    table = text[text.index('id="relaxed-violations"'):]
    assert "Dinas Kesehatan" in table and "Jadwal!" in table
    download = client.get(f"{relaxed.url}/jadwal.xlsx")
    assert download.status_code == 200
    roster = tmp_path / "jadwal-relaxed.xlsx"
    roster.write_bytes(download.content)
    assert _checker_rows(roster, source, scenario) == _sheet_rows(roster) != set()


def test_a_whole_unit_in_office_and_at_home_is_a_conflict_not_a_warning(
        client: TestClient, tmp_path: Path) -> None:
    """Tests that a unit marked both must-be-in-office and must-work-from-home is saved as
    written and refused by the solve, naming its people; letting rules give cannot mend it,
    and the page says so instead of offering the button again."""
    upload_url = uploaded(client, workbooks.clean(tmp_path / "pegawai.xlsx"))
    job_url = _conflicting(client, upload_url, rules=(
        ("always_in_office", {"units": "Dinas Kesehatan"}),
        ("always_at_home", {"units": "Dinas Kesehatan"})))
    kinds_saved = [r.kind for r in load_scenario(saved(client, upload_url)).rules]
    assert kinds_saved == ["always_in_office", "always_at_home"]
    text = wait_for(client, job_url, 'id="infeasible"')
    assert "Drs. Budi Santoso" in text and "Dewi Lestari" in text
    relaxed = client.post(f"{job_url}/relax", follow_redirects=True,
                          data={"csrf": client.cookies[CSRF_COOKIE]})
    text = wait_for(client, str(relaxed.url), 'id="infeasible"')
    assert 'id="relax-cannot"' in text and 'id="relax-button"' not in text


GOOD = """name = "unggahan"
title = "Skenario unggahan"
source = "uji"
start = 2020-03-23
end = 2020-03-27

[[rules]]
name = "Minimal 1 pegawai per OPD"
kind = "min_present"
count = 1
"""


BAD = [
    (GOOD.replace("count = 1", "share = 5.0\nkind2 = 1").replace('"min_present"',
                                                                 '"min_office_share"'),
     {"id": ("aturan ke-1 («Minimal 1 pegawai per OPD»), kunci `share`",
             "pecahan antara 0 dan 1", "kunci `kind2`", "tidak dikenal"),
      "en": ("rule 1 («Minimal 1 pegawai per OPD»), key `share`", "fraction between 0 and 1",
             "key `kind2`", "not known")}),
    (GOOD.replace("start = 2020-03-23", "start = 2020-03-30"),
     {"id": ("sebelum tanggal mulai (30/03/2020)",), "en": ("before the start date",)}),
    (GOOD.replace("kind = ", "kind "), {"id": ("baris 9, kolom 6",), "en": ("line 9, column 6",)}),
    (GOOD + 'who = { roles = ["kepala_dunia"] }\n',
     {"id": ("'kepala_dunia' tidak dikenal", "Kepala Seksi"),
      "en": ("'kepala_dunia' is not known", "heads of section (seksi)")}),
]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_bad_scenario_file_is_refused_in_hr_words(client: TestClient, tmp_path: Path,
                                                    lang: str) -> None:
    """Tests the TOML upload's checks (those of --scenario FILE): a share of 5, an unknown
    key, swapped dates, a TOML typo and an unknown role, each named by rule and key in the
    page's language beside the file field; nothing is kept."""
    client.get(f"/lang/{lang}")
    upload_url = uploaded(client, workbooks.clean(tmp_path / "pegawai.xlsx"))
    for text, said in BAD:
        page = client.post(f"{upload_url}/scenario-file",
                           data={"csrf": client.cookies[CSRF_COOKIE]},
                           files={"scenario": ("aturan saya.toml", text.encode())})
        assert page.status_code == 400
        box = html.unescape(page.text[page.text.index('id="toml-errors"'):].split("</div>")[0])
        assert "aturan saya.toml" in box
        for words in said[lang]:
            assert words in box, box
        assert "Input should" not in box and "Value error" not in box
        assert 'aria-invalid="true"' in page.text
        assert 'id="sc-custom"' not in page.text


def test_a_good_scenario_file_is_the_uploads_scenario(client: TestClient,
                                                      tmp_path: Path) -> None:
    """Tests that an uploaded TOML the CLI accepts becomes the custom circular: chosen,
    named with its title and rules, editable, solvable."""
    upload_url = uploaded(client, workbooks.clean(tmp_path / "pegawai.xlsx"))
    page = client.post(f"{upload_url}/scenario-file", data={"csrf": client.cookies[CSRF_COOKIE]},
                       files={"scenario": ("aturan.toml", GOOD.encode())},
                       follow_redirects=True)
    assert page.status_code == 200
    assert 'id="sc-custom" checked' in page.text and "Skenario unggahan" in page.text
    assert "Minimal 1 pegawai per OPD" in page.text
    editor = client.get(f"{upload_url}/scenario?base=custom")
    assert editor.status_code == 200 and "Minimal 1 pegawai per OPD" in editor.text
    solved = client.post(f"{upload_url}/solve", follow_redirects=True,
                         data={"csrf": client.cookies[CSRF_COOKIE], "scenario": "custom"})
    text = wait_for(client, str(solved.url), 'id="downloads"')
    assert "Skenario unggahan" in text


def test_a_pin_and_earlier_rosters_are_read_as_the_cli_reads_them(client: TestClient,
                                                                  tmp_path: Path) -> None:
    """Tests the solve form's optional files: a pinned cell (`--pin`) is kept in the
    roster, an earlier roster (`--previous`) is counted (its overlap note names the file
    as the user called it), and the downloaded roster passes the tests' checker with that
    history; a pin file with a cell that is no code is refused naming the file and cell."""
    from datetime import date

    from wfh_solver import api
    from wfh_solver.policy.scenario import bundled_dir
    from wfh_solver.solve.result import WFO_CODE
    from wfh_solver.solve.run import solve
    from wfh_solver.write import write_roster

    source = workbooks.clean(tmp_path / "pegawai.xlsx")
    upload_url = uploaded(client, source)
    earlier = tmp_path / "earlier.xlsx"
    write_roster(solve(api.make_problem(api.read_employees(source), "kebumen-2020")), earlier)
    dewi, day = "198003032005012003", date(2020, 3, 27)
    pins = workbooks.pin_workbook(tmp_path / "pins.xlsx", [day], {dewi: {day: "WFO"}})
    with open(pins, "rb") as pin, open(earlier, "rb") as before:
        solved = client.post(f"{upload_url}/solve", follow_redirects=True,
                             data={"csrf": client.cookies[CSRF_COOKIE], "scenario": "kebumen-2020"},
                             files=[("pin", ("sel tetap.xlsx", pin)),
                                    ("previous", ("bulan lalu.xlsx", before))])
    text = wait_for(client, str(solved.url), 'id="downloads"')
    names = text[text.index('id="job-names"'):].split("</p>")[0]
    assert "sel tetap.xlsx" in names and "bulan lalu.xlsx" in names
    assert "bulan lalu.xlsx" in text[text.index('id="notes"'):]
    roster = tmp_path / "jadwal.xlsx"
    roster.write_bytes(client.get(f"{solved.url}/jadwal.xlsx").content)
    site = client.app.state.site  # type: ignore[attr-defined]
    job = site.workspace.get(upload_url.rsplit("/", 1)[-1]).jobs[str(solved.url).rsplit("/", 1)[-1]]
    assert job.result is not None
    row = [e.nip for e in job.result.roster.employees].index(dewi)
    column = list(job.result.roster.days).index(day)
    assert job.result.roster.codes()[row, column] == WFO_CODE  # as pinned
    report = checker.check(roster, source, bundled_dir() / "kebumen-2020.toml",
                           previous=[earlier])
    assert report.ok, report.summary()

    bad = workbooks.pin_workbook(tmp_path / "bad.xlsx", [day], {dewi: {day: "RAPAT"}})
    with open(bad, "rb") as pin:
        failed = client.post(f"{upload_url}/solve", follow_redirects=True,
                             data={"csrf": client.cookies[CSRF_COOKIE], "scenario": "kebumen-2020"},
                             files={"pin": ("sel tetap.xlsx", pin)})
    text = wait_for(client, str(failed.url), 'id="failed"')
    box = html.unescape(text[text.index('id="failed"'):].split("</div>")[0])
    assert "sel tetap.xlsx" in box and "RAPAT" in box, box
    assert str(site.workspace.root) not in box


def test_unit_files_are_one_zip_made_with_progress(client: TestClient, tmp_path: Path) -> None:
    """Tests item 1's zip: per-unit workbooks and PDFs in one archive, made in the
    background behind a page that shows how far it is (each unit's file told as written),
    then offers the file."""
    import zipfile

    from wfh_solver import api
    from wfh_solver.serve.exports import unit_zip
    from wfh_solver.solve.run import solve

    source = workbooks.clean(tmp_path / "pegawai.xlsx")
    result = solve(api.make_problem(api.read_employees(source), "kebumen-2020"))
    told: list[tuple[int, int]] = []
    unit_zip(result, source, tmp_path / "out", "id", "all", lambda d, n: told.append((d, n)))
    units = len({e.unit for e in result.roster.employees})
    assert told == [(k, 2 * units) for k in range(1, 2 * units + 1)]

    upload_url = uploaded(client, source)
    solved = client.post(f"{upload_url}/solve", follow_redirects=True,
                         data={"csrf": client.cookies[CSRF_COOKIE], "scenario": "kebumen-2020"})
    text = wait_for(client, str(solved.url), 'id="downloads"')
    assert 'id="download-all"' in text
    page = client.post(f"{solved.url}/export", follow_redirects=True,
                       data={"csrf": client.cookies[CSRF_COOKIE], "kind": "all"})
    assert page.status_code == 200 and 'id="export"' in page.text
    said = ("Menyiapkan berkas per unit", "Menulis berkas per unit", 'id="export-download"')
    assert any(words in page.text for words in said), page.text
    export_url = str(page.url)
    deadline = time.monotonic() + 120
    while 'data-state="done"' not in (fragment := client.get(f"{export_url}/progress").text):
        assert 'data-state="running"' in fragment and time.monotonic() < deadline, fragment
        time.sleep(0.2)
    archive = tmp_path / "units.zip"
    archive.write_bytes(client.get(f"{export_url}/file").content)
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        books = [n for n in names if n.startswith("xlsx/") and n.endswith(".xlsx")]
        pdfs = [n for n in names if n.startswith("pdf/") and n.endswith(".pdf")]
        assert len(books) == len(pdfs) == units == len(names) // 2
        assert zipped.read(pdfs[0])[:4] == b"%PDF" and zipped.read(books[0])[:2] == b"PK"
    assert client.post(f"{solved.url}/export", data={"csrf": client.cookies[CSRF_COOKIE],
                                                     "kind": "../x"}).status_code == 404


def test_a_finished_roster_is_changed_from_a_date_keeping_the_days_before(
        client: TestClient, tmp_path: Path) -> None:
    """Tests issue 23's "ubah mulai tanggal" on the page: a day outside the roster is
    refused in words, a day inside gives a new job whose roster keeps every cell before
    that day, says "Revisi ke-1", and passes the tests' checker."""
    from python_calamine import CalamineWorkbook

    from tests.checker import check

    source = workbooks.clean(tmp_path / "pegawai.xlsx")
    upload_url = uploaded(client, source)
    csrf = client.cookies[CSRF_COOKIE]
    solved = client.post(f"{upload_url}/solve", follow_redirects=True,
                         data={"csrf": csrf, "scenario": "kebumen-2020"})
    text = wait_for(client, str(solved.url), 'id="downloads"')
    assert 'id="replan-from"' in text and "Ubah mulai tanggal" in text
    before = tmp_path / "before.xlsx"
    before.write_bytes(client.get(f"{solved.url}/jadwal.xlsx").content)
    refused = client.post(f"{solved.url}/replan", data={"csrf": csrf, "from": "1999-01-01"})
    assert refused.status_code == 400 and "harus di dalam jadwal" in refused.text
    rows = CalamineWorkbook.from_path(str(before)).get_sheet_by_name("Jadwal").to_python()
    replanned = client.post(f"{solved.url}/replan", follow_redirects=True,
                            data={"csrf": csrf, "from": "2020-03-27"})
    assert str(replanned.url) != str(solved.url)
    text = wait_for(client, str(replanned.url), 'id="downloads"')
    assert 'id="revision"' in text and "Revisi ke-1" in text
    after = tmp_path / "after.xlsx"
    after.write_bytes(client.get(f"{replanned.url}/jadwal.xlsx").content)
    report = check(after, source, Path(__file__).parents[1] / "scenarios" / "kebumen-2020.toml")
    assert report.ok, report.summary()
    again = CalamineWorkbook.from_path(str(after)).get_sheet_by_name("Jadwal").to_python()
    header = [str(v) for v in rows[0]]
    cut = next(k for k, v in enumerate(header) if "27" in v and "03" in v)
    nip = header.index("NIP")
    old = {str(r[nip]): r[:cut] for r in rows[1:]}
    assert all(old[str(r[nip])][k] == r[k] for r in again[1:] for k in range(cut)
               if header[k] not in ("WFO", "WFH"))
