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
from wfh_solver import api
from wfh_solver.serve import views
from wfh_solver.serve.app import Config, create_app
from wfh_solver.serve.jobs import Job, State
from wfh_solver.serve.security import CSRF_COOKIE
from wfh_solver.serve.worker import JobSpec
from wfh_solver.solve import solve

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
