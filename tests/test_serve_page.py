"""Tests that the page reads like a memo, tells the truth about a roster that is not proven,
speaks one language at a time, and keeps each tab's job its own (issue 21).

In-process (Starlette's TestClient) on the small clean workbook; the browser flows are in
test_serve_browser.py.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests import workbooks
from tests.test_serve import IMPOSSIBLE
from wfh_solver import api
from wfh_solver.serve import views
from wfh_solver.serve.app import Config, create_app
from wfh_solver.serve.jobs import Job, State
from wfh_solver.serve.security import CSRF_COOKIE
from wfh_solver.serve.worker import JobSpec
from wfh_solver.solve.run import solve

HOSTS = ("testserver",)


@pytest.fixture
def client() -> Iterator[TestClient]:
    app = create_app(Config(max_upload_mb=5, allowed_hosts=HOSTS))
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


def csrf(client: TestClient) -> str:
    client.get("/")
    return client.cookies[CSRF_COOKIE]


def uploaded(client: TestClient, path: Path) -> str:
    with open(path, "rb") as content:
        page = client.post("/upload", data={"csrf": csrf(client)},
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


def finished_job(client: TestClient, upload_url: str, result: object,
                 waited: float = 3.0) -> str:
    """A job that has ended with `result`, put beside the upload as the worker would."""
    site = client.app.state.site  # type: ignore[attr-defined]
    upload = site.workspace.get(upload_url.rsplit("/", 1)[-1])
    folder = upload.folder / "job-test"
    folder.mkdir()
    job = Job(JobSpec(upload.input, "kebumen-2020", folder, upload.name, time_limit=5.0),
              choice="kebumen-2020", title="SE Bupati Kebumen")
    job.result, job.state = result, State.DONE  # type: ignore[assignment]
    job.submitted, job.finished = job.submitted - waited, job.submitted
    upload.jobs[job.id] = job
    return f"{upload_url}/jobs/{job.id}"


def test_a_stopped_roster_says_it_is_not_proven_and_continues_to_optimal(
        client: TestClient, tmp_path: Path) -> None:
    """Tests item 2 and 7: a roster stopped by the user leads with 'not proven' (never
    'selesai'), the time is what the user waited, the solver's figures sit in a closed
    Teknis, and 'Lanjutkan penyusunan' is a new job that ends proven."""
    source = workbooks.clean(tmp_path / "pegawai.xlsx")
    upload_url = uploaded(client, source)
    staff = api.read_employees(source)
    proven = solve(api.make_problem(staff, "kebumen-2020"))
    stopped = replace(proven, interrupted=True, stop_signal=2)
    job_url = finished_job(client, upload_url, stopped, waited=3.0)
    text = client.get(job_url).text
    memo = text[text.index('id="memo"'):text.index('id="calendar-title"')]
    assert "BELUM terbukti" in memo and "dihentikan oleh pengguna" in memo
    assert "selesai" not in memo.lower()
    assert "Anda menunggu 3 detik" in memo
    assert "Nilai" not in memo and "Batas terbukti" not in memo
    assert 'id="continue-button"' in memo
    technical = text[text.index('<details class="card" id="technical">'):]
    assert "Batas terbukti" in technical and " open" not in technical.split(">")[0]
    # the order of a memo: summary, calendar, downloads
    assert text.index('id="memo"') < text.index('id="calendar"') < text.index('id="downloads"')
    upload_page = client.get(upload_url).text
    assert "dihentikan, belum terbukti terbaik" in upload_page

    continued = client.post(f"{job_url}/continue", data={"csrf": client.cookies[CSRF_COOKIE]},
                            follow_redirects=True)
    assert str(continued.url) != job_url
    text = wait_for(client, str(continued.url), 'id="downloads"')
    assert "terbukti yang terbaik" in text and "BELUM" not in text
    assert 'id="continue-button"' not in text
    assert proven.scenario_title in text and "pegawai kantor.xlsx" in text
    # the first roster stays on its own page
    assert 'id="continue-button"' in client.get(job_url).text


def test_a_proven_roster_leads_with_the_verdict_and_the_notes_by_unit(
        client: TestClient, tmp_path: Path) -> None:
    """Tests that a solved roster opens with 'every rule met', the office share, and the
    notes shown (not folded away), each under the unit it names."""
    source = workbooks.clean(tmp_path / "pegawai.xlsx")
    upload_url = uploaded(client, source)
    solved = client.post(f"{upload_url}/solve", follow_redirects=True,
                         data={"csrf": client.cookies[CSRF_COOKIE], "scenario": "jateng-2020"})
    text = wait_for(client, str(solved.url), 'id="downloads"')
    verdict = re.search(r'id="verdict"[^>]*><strong>([^<]*)<', text)
    assert verdict and verdict.group(1).startswith("Semua aturan terpenuhi")
    assert "pegawai yang hadir bekerja di kantor per hari" in text
    assert re.search(r"Anda menunggu \d+ detik", text)


def test_notes_are_grouped_under_the_unit_they_name() -> None:
    """Tests the grouping: a note starting with a unit (or its sub-unit) goes under it,
    a person's note under the unit in its parentheses, the rest under the whole office."""
    notes = ["Dinas Kesehatan / Seksi A: aturan 'x' meminta 3 orang",
             "Dinas Kesehatan Hewan: aturan 'y'",
             "Budi (NIP 1, baris 4, Dinas Kesehatan): Wajib WFO lebih spesifik",
             "Aturan 'z': 2 unit/sub-unit tidak memiliki pegawai"]
    groups = views.notes_by_unit(notes, ["Dinas Kesehatan", "Dinas Kesehatan Hewan"])
    assert [(g.unit, len(g.notes)) for g in groups] == [
        ("", 1), ("Dinas Kesehatan", 2), ("Dinas Kesehatan Hewan", 1)]


#: Words that only the other language uses; a page in one language must hold none of them
#: outside the data (names, units, the circular's own rule names and titles).
MARKERS = {
    "id": {"the", "and", "roster", "employees", "download", "rules", "solve", "file",
           "working", "days", "waited", "summary", "notes", "whole", "not", "found",
           "cannot", "continue", "page", "circular", "mon", "tue", "wed", "thu", "fri"},
    "en": {"yang", "dan", "dengan", "untuk", "tidak", "jadwal", "pegawai", "berkas", "unduh",
           "aturan", "hari", "kerja", "halaman", "ditemukan", "lanjutkan", "ringkasan",
           "catatan", "sen", "sel", "rab", "kam", "jum", "selesai", "menunggu"},
}


def visible_words(html: str, data: list[str]) -> set[str]:
    """The page's visible words, without the data it shows and without text marked as
    written in the language of the run (lang="…" on results made by an earlier solve)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<(\w+)[^>]*\blang="(id|en)"[^>]*>.*?</\1>', " ", html[html.index("<body"):],
                  flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    text = re.sub(r"&\w+;|&#\d+;", " ", text)
    for item in sorted(data, key=len, reverse=True):
        text = text.replace(item, " ")
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)}


def data_of(source: Path) -> list[str]:
    """What the page shows from the file and the circulars, in their own words."""
    import openpyxl

    from wfh_solver.policy.scenario import bundled_names, load_scenario

    book = openpyxl.load_workbook(source, read_only=True)
    words = [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
             for c in row if c] + book.sheetnames
    staff = api.read_employees(source)
    words += [x for e in staff.employees for x in (e.name, e.unit, e.sub_unit, e.position) if x]
    for name in bundled_names():
        scenario = load_scenario(name)
        words += [scenario.title, scenario.name, *(r.name for r in scenario.rules)]
    return words + ["Minimum di atas batas", "Minimal 3 pegawai per OPD",
                    "Minimal 1 pegawai per OPD", "kepala_dunia", "skenario.toml",
                    "Paling banyak 10% di kantor", "pegawai kantor.xlsx", "wfh-solver solve",
                    "jadwal.xlsx",
                    "wfh-solver",
                    "Bahasa Indonesia", "English", "WFO", "WFH", "OPTIMAL", "FEASIBLE"]


def editor_states(client: TestClient, upload_url: str, editor: str) -> dict[str, str]:
    """The rule editor with a rule added, refused with wrong fields, and each refused
    scenario file (issue 21 item 1's states)."""
    from tests.forms import as_data, form_fields, with_values
    from tests.test_serve_editor import BAD

    token = client.cookies[CSRF_COOKIE]
    fields = with_values(form_fields(editor, "scenario-form"), {"new_kind": "top_levels"})
    added = client.post(f"{upload_url}/scenario", data=as_data(fields) | {"add": "1"}).text
    new = re.findall(r'name="rows" value="([^"]*)"', added)[0].split()[-1]
    fields = with_values(form_fields(added, "scenario-form"),
                         {f"r{new}-value": "9", f"r{new}-eselon": "VII"})
    states = {"editor, rule added": added, "editor refused": client.post(
        f"{upload_url}/scenario", data=as_data(fields) | {"save": "1"}).text}
    for k, (text, _) in enumerate(BAD):
        states[f"scenario file refused {k}"] = client.post(
            f"{upload_url}/scenario-file", data={"csrf": token},
            files={"scenario": ("skenario.toml", text.encode())}).text
    return states


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_state_speaks_one_language(client: TestClient, tmp_path: Path,
                                              lang: str) -> None:
    """Tests item 5: each page state, rendered under one language, holds none of the other
    language's marker words outside the data it shows."""
    client.get(f"/lang/{lang}")
    source = workbooks.clean(tmp_path / "pegawai.xlsx")
    data = data_of(source)
    upload_url = uploaded(client, source)
    token = client.cookies[CSRF_COOKIE]
    pages = {"index": client.get("/").text, "upload": client.get(upload_url).text,
             "scenario form": client.get(f"{upload_url}/scenario?base=jateng-2020").text,
             "404": client.get("/u/nothing-here").text}
    bad = client.post(f"{upload_url}/scenario", data={
        "csrf": token, "base": "jateng-2020", "start": "2020-03-30", "end": "2020-03-23"})
    pages["scenario refused"] = bad.text
    pages |= editor_states(client, upload_url, pages["scenario form"])
    solved = client.post(f"{upload_url}/solve", data={"csrf": token, "scenario": "jateng-2020"},
                         follow_redirects=True)
    pages["progress"] = solved.text
    pages["result"] = wait_for(client, str(solved.url), 'id="downloads"')
    staff = api.read_employees(source)
    stopped = replace(solve(api.make_problem(staff, "kebumen-2020")), interrupted=True,
                      stop_signal=2)
    stopped_url = finished_job(client, upload_url, stopped)
    pages["stopped"] = client.get(stopped_url).text
    continued = client.post(f"{stopped_url}/continue", data={"csrf": token},
                            follow_redirects=True)
    pages["continued"] = wait_for(client, str(continued.url), 'id="downloads"')
    roster = client.get(f"{solved.url}/jadwal.xlsx").content
    for scenario in ("jateng-2020", "kebumen-2020"):  # its own circular, and another one
        pages[f"check {scenario}"] = client.post(
            f"{upload_url}/check", data={"csrf": token, "scenario": scenario},
            files={"roster": ("jadwal.xlsx", roster)}).text
    assert 'id="check-clean"' in pages["check jateng-2020"]
    assert 'id="violations"' in pages["check kebumen-2020"]
    site = client.app.state.site  # type: ignore[attr-defined]
    record = site.workspace.get(upload_url.rsplit("/", 1)[-1])
    record.scenario_toml = record.folder / "scenario.toml"
    record.scenario_toml.write_text(IMPOSSIBLE, encoding="utf-8")
    impossible = client.post(f"{upload_url}/solve", data={"csrf": token, "scenario": "custom"},
                             follow_redirects=True)
    pages["infeasible"] = wait_for(client, str(impossible.url), 'id="infeasible"')
    pages["editor, conflict"] = client.get(f"{upload_url}/scenario?base=custom").text
    relaxed = client.post(f"{impossible.url}/relax", data={"csrf": token},
                          follow_redirects=True)
    pages["relaxed"] = wait_for(client, str(relaxed.url), 'id="downloads"')
    export = client.post(f"{relaxed.url}/export", data={"csrf": token, "kind": "all"},
                         follow_redirects=True)
    pages["export"] = export.text
    wait_for(client, f"{export.url}/progress", 'data-state="done"')
    pages["export done"] = client.get(str(export.url)).text
    other = MARKERS[lang]
    found = {name: sorted(visible_words(html, data) & other) for name, html in pages.items()}
    for name, words in found.items():
        if words:
            html = pages[name]
            text = re.sub(r"<[^>]+>", " ", html[html.index("<body"):])
            lines = [line.strip() for line in text.splitlines()
                     if set(re.findall(r"[a-z]+", line.lower())) & set(words)]
            pytest.fail(f"{name}: {words}: {lines[:6]}")
    assert f'<html lang="{lang}">' in pages["404"] and client.get("/u/x").status_code == 404


def test_two_tabs_keep_their_own_jobs(client: TestClient, tmp_path: Path) -> None:
    """Tests item 4: two solves of one upload pressed one after the other (two tabs) are two
    jobs with their own ids; each page names its own circular and the file."""
    source = workbooks.clean(tmp_path / "pegawai.xlsx")
    upload_url = uploaded(client, source)
    token = client.cookies[CSRF_COOKIE]
    first = client.post(f"{upload_url}/solve", data={"csrf": token, "scenario": "jateng-2020"},
                        follow_redirects=True)
    second = client.post(f"{upload_url}/solve", data={"csrf": token, "scenario": "paser-2020"},
                         follow_redirects=True)
    assert str(first.url) != str(second.url)
    from wfh_solver.policy.scenario import load_scenario

    for page, name in ((first, "jateng-2020"), (second, "paser-2020")):
        title = load_scenario(name).title
        text = wait_for(client, str(page.url), 'id="downloads"')
        names = text[text.index('id="job-names"'):].split("</p>")[0]
        assert title in names and "pegawai kantor.xlsx" in names


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_circular_form_says_what_is_wrong_beside_each_field(client: TestClient,
                                                                 tmp_path: Path,
                                                                 lang: str) -> None:
    """Tests item 3: 500 in a % field, swapped dates and a word for a count each get a
    sentence in the user's language and units beside the field, never pydantic's text."""
    from wfh_solver.policy.scenario import load_scenario
    from wfh_solver.serve.scenario_form import rule_fields

    client.get(f"/lang/{lang}")
    upload_url = uploaded(client, workbooks.clean(tmp_path / "pegawai.xlsx"))
    base = load_scenario("jateng-2020")
    fields = rule_fields(base)
    share = next(f for f in fields if f.parameter == "share")
    count = next(f for f in fields if f.parameter == "count")
    form = {f.key: f.value for f in fields} | {
        "csrf": client.cookies[CSRF_COOKIE], "base": "jateng-2020", "workweek": "mon-fri",
        "start": "30/03/2020", "end": "23/03/2020", share.key: "500", count.key: "dua"}
    page = client.post(f"{upload_url}/scenario", data=form)
    assert page.status_code == 400
    errors = dict(re.findall(r'<p class="field-error" id="err-([\w-]+)">([^<]*)</p>', page.text))
    assert set(errors) == {"end", share.key, count.key}
    words = {"id": ("sebelum tanggal mulai (30/03/2020)", "antara 0 dan 100 (%)",
                    "bilangan bulat"),
             "en": ("before the start date (30/03/2020)", "between 0 and 100 (%)",
                    "whole number")}[lang]
    for key, expected in zip(("end", share.key, count.key), words, strict=True):
        assert expected in errors[key], errors
    assert "Input should" not in page.text and "Value error" not in page.text
    assert f'aria-describedby="unit-{share.key} err-{share.key}"' in page.text


def test_a_changed_share_is_written_into_the_rule_name_and_the_title(
        client: TestClient, tmp_path: Path) -> None:
    """Tests item 3: a 25% cap set to 1% says 1% in the rule's name and the title, in the
    saved TOML and on the upload page."""
    from wfh_solver.policy.scenario import load_scenario
    from wfh_solver.serve.scenario_form import rule_fields

    upload_url = uploaded(client, workbooks.clean(tmp_path / "pegawai.xlsx"))
    base = load_scenario("se67-2020-risiko-tinggi")
    assert "25%" in base.title
    fields = rule_fields(base)
    share = next(f for f in fields if f.parameter == "share" and f.value == "25")
    form = {f.key: f.value for f in fields} | {
        "csrf": client.cookies[CSRF_COOKIE], "base": base.name, "workweek": "mon-fri",
        "start": "23/03/2020", "end": "27/03/2020", share.key: "1"}
    saved = client.post(f"{upload_url}/scenario", data=form, follow_redirects=True)
    assert saved.status_code == 200
    toml = client.get(f"{upload_url}/scenario.toml").text
    edited = load_scenario(base.name)  # unchanged on disk
    assert "1%" in toml and "25%" not in toml, toml
    assert edited.title in base.title


def test_every_form_control_on_the_upload_page_has_a_label(client: TestClient,
                                                           tmp_path: Path) -> None:
    """Tests item 6 (part): each visible input and select of the upload page (the check
    form's file input included) is named by a <label for=…>."""
    page = client.get(uploaded(client, workbooks.clean(tmp_path / "pegawai.xlsx"))).text
    ids = re.findall(r'<(?:input|select)\b(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', page)
    labelled = set(re.findall(r'<label for="([^"]+)"', page))
    assert ids and set(ids) <= labelled, set(ids) - labelled


def test_the_result_page_shows_the_review_a_head_would_ask_for(client: TestClient,
                                                                tmp_path: Path) -> None:
    """Tests issue 22 item 2 on the page: the Telaah findings of the workbook (who never comes
    in, who never goes home, services sent home, with the rule that would change each) are on
    the result page, in the page's language, each finding once."""
    from markupsafe import escape

    from wfh_solver.write.review import review

    source = workbooks.clean(tmp_path / "pegawai.xlsx")
    upload_url = uploaded(client, source)
    result = solve(api.make_problem(api.read_employees(source), "kebumen-2020"))
    findings = review(result, "id")
    assert findings, "the clean workbook under kebumen-2020 sends someone home all month"
    job_url = finished_job(client, upload_url, result)
    text = client.get(job_url).text
    section = text[text.index('id="review"'):text.index("</section>", text.index('id="review"'))]
    assert f"Telaah ({len(findings)})" in section
    for finding in findings:
        assert escape(finding.finding) in section and escape(finding.change) in section
    assert section.count("<tr>") == len(findings) + 1  # the header row and one per finding
    client.get("/lang/en")
    english = client.get(job_url).text
    assert f"Review ({len(findings)})" in english
    assert escape(review(result, "en")[0].change) in english
