"""Tests that `wfh-solver serve` guards its uploads and forms and answers as a thin layer.

In-process (Starlette's TestClient), on small files: headers, CSRF, size limit, private
folder, hostile files, the scenario form, the presence chart and one real solve through a
worker process, checked by the independent checker. The browser flow is in
test_serve_browser.py.
"""

from __future__ import annotations

import asyncio
import errno
import os
import re
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest
from starlette.testclient import TestClient

from tests import workbooks
from tests.checker import check
from wfh_solver import api
from wfh_solver.policy.scenario import ScenarioError, load_scenario
from wfh_solver.serve import views
from wfh_solver.serve.app import Config, create_app
from wfh_solver.serve.scenario_form import apply_form, rule_fields, to_toml
from wfh_solver.serve.security import CSRF_COOKIE
from wfh_solver.solve.run import solve

ROOT = Path(__file__).resolve().parents[1]
HOSTS = ("testserver", "127.0.0.1", "localhost")


@pytest.fixture
def client() -> Iterator[TestClient]:
    app = create_app(Config(max_upload_mb=1, allowed_hosts=HOSTS))
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


def token(client: TestClient) -> str:
    client.get("/")
    return client.cookies[CSRF_COOKIE]


def upload(client: TestClient, path: Path, name: str | None = None,
           csrf: str | None = None) -> object:
    data = {"csrf": token(client) if csrf is None else csrf}
    with open(path, "rb") as content:
        return client.post("/upload", data=data, files={"file": (name or path.name, content)},
                           follow_redirects=True)


def workspace_root(client: TestClient) -> Path:
    return client.app.state.site.workspace.root  # type: ignore[attr-defined]


def test_every_page_carries_the_security_headers(client: TestClient) -> None:
    """Tests that pages and static files have CSP, nosniff, frame and referrer headers."""
    for path in ("/", "/static/htmx.min.js", "/u/nope"):
        response = client.get(path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "same-origin"
    assert client.get("/u/nope").status_code == 404


def test_page_is_indonesian_by_default_and_english_on_request(client: TestClient) -> None:
    """Tests that the page speaks Indonesian unless English is chosen."""
    assert "Unggah daftar pegawai" in client.get("/").text
    client.get("/lang/en?next=/")
    assert "Upload the staff list" in client.get("/").text


def test_host_header_other_than_loopback_is_refused(client: TestClient) -> None:
    """Tests that a rebinding DNS name (another Host) gets no page."""
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400


def test_upload_without_the_csrf_token_is_refused_and_nothing_kept(client: TestClient,
                                                                   tmp_path: Path) -> None:
    """Tests that a cross-site post (no or wrong token, or a foreign Origin) stores no file."""
    source = workbooks.clean(tmp_path / "pegawai.xlsx")
    response = upload(client, source, csrf="x" * 43)
    assert response.status_code == 403
    token(client)
    with open(source, "rb") as content:
        foreign = client.post("/upload", data={"csrf": client.cookies[CSRF_COOKIE]},
                              files={"file": ("a.xlsx", content)},
                              headers={"origin": "http://evil.example"})
    assert foreign.status_code == 403
    assert list(workspace_root(client).iterdir()) == []


def test_oversized_upload_is_refused_with_a_message(client: TestClient, tmp_path: Path) -> None:
    """Tests that a file above the limit (1 MB here) is refused and its bytes removed."""
    big = tmp_path / "besar.csv"
    big.write_bytes(b"NIP;Nama\n" + b"1;x\n" * 400_000)
    response = upload(client, big)
    assert response.status_code == 413
    assert "lebih besar dari 1 MB" in response.text
    assert list(workspace_root(client).iterdir()) == []


def test_client_path_is_never_used_on_disk(client: TestClient, tmp_path: Path) -> None:
    """Tests that '../../x.xlsx' lands as input.xlsx in a fresh 0700 folder, shown by base name."""
    source = workbooks.clean(tmp_path / "pegawai.xlsx")
    response = upload(client, source, name="../../../etc/evil.xlsx")
    assert response.status_code == 200
    root = workspace_root(client)
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    (folder,) = root.iterdir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert [p.name for p in folder.iterdir()] == ["input.xlsx"]
    assert "evil.xlsx" in response.text and "../" not in response.text
    assert str(root) not in response.text


@pytest.mark.parametrize("maker", ["not_a_spreadsheet", "entity_bomb"])
def test_hostile_upload_shows_the_message_not_a_traceback(client: TestClient, tmp_path: Path,
                                                          maker: str) -> None:
    """Tests that a non-spreadsheet and an XML entity bomb give the reader's message."""
    path = tmp_path / "data.xlsx"
    if maker == "entity_bomb":
        workbooks.entity_bomb(path)
    else:
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    response = upload(client, path)
    assert response.status_code == 200
    assert 'id="problems"' in response.text and 'id="cannot-solve"' in response.text
    assert "Traceback" not in response.text and "solve-form" not in response.text
    assert str(workspace_root(client)) not in response.text


def test_validation_names_row_and_column(client: TestClient, tmp_path: Path) -> None:
    """Tests that a bad cell is shown with its row and column, and solving is withheld."""
    import openpyxl

    path = workbooks.clean(tmp_path / "pegawai.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active["A4"] = "12345"
    wb.save(path)
    text = upload(client, path).text
    row = re.search(r"<tr class=\"error\">(.*?)</tr>", text, re.S)
    assert row is not None
    cells = re.findall(r"<td>(.*?)</td>", row.group(1))
    assert cells[2] == "4" and cells[3].startswith("A")
    assert "solve-form" not in text


def test_scenario_form_makes_a_toml_that_loads_back(tmp_path: Path) -> None:
    """Tests that edited numbers give a valid TOML equal to the edited scenario."""
    base = load_scenario("jateng-2020")
    form = {f.key: f.value for f in rule_fields(base)}
    share = next(f for f in rule_fields(base) if f.parameter == "share")
    form |= {share.key: "40", "start": "2020-03-18", "end": "2020-03-24",
             "workweek": "mon-fri"}
    edited = apply_form(base, form)
    path = tmp_path / "edited.toml"
    path.write_text(to_toml(edited), encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded == edited
    index = int(share.key.removeprefix("r").removesuffix("-value"))
    assert loaded.rules[index].share == pytest.approx(0.4)
    with pytest.raises(ScenarioError, match="tidak sah"):
        apply_form(base, form | {share.key: "tiga puluh"})
    with pytest.raises(ScenarioError):
        apply_form(base, form | {share.key: "140"})


def test_presence_chart_counts_the_roster(tmp_path: Path) -> None:
    """Tests that the chart's WFO/WFH per day are the roster's own counts."""
    staff = api.read_employees(workbooks.clean(tmp_path / "pegawai.xlsx"))
    result = solve(api.make_problem(staff, "kebumen-2020"))
    chart = views.presence_chart(result)
    office = result.roster.office
    assert [b.wfo for b in chart.bars] == list(office.sum(axis=0))
    assert [b.wfo + b.wfh + b.away for b in chart.bars] == [len(staff.employees)] * office.shape[1]
    unit = views.unit_names(result)[0]
    calendar = views.calendar(result, unit)
    members = [i for i, e in enumerate(result.roster.employees) if e.unit == unit]
    assert [r.wfo for r in calendar.rows] == [int(office[i].sum()) for i in members]
    assert np.all(np.diff([b.x for b in chart.bars]) > 0)


def test_idle_uploads_are_removed(tmp_path: Path) -> None:
    """Tests that the sweep deletes an upload's folder after the idle timeout."""
    app = create_app(Config(idle_minutes=0.0001, allowed_hosts=HOSTS))
    with TestClient(app, base_url="http://testserver") as client:
        upload(client, workbooks.clean(tmp_path / "pegawai.xlsx"))
        root = workspace_root(client)
        assert len(list(root.iterdir())) == 1
        time.sleep(0.05)
        client.app.state.site.workspace.sweep()  # type: ignore[attr-defined]
        assert list(root.iterdir()) == []
    assert not root.exists()


def test_solve_in_a_worker_then_download_passes_the_checker(
        client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests the whole flow in-process: solve in a worker, download, check, file removed;
    a download whose write fails (a full disk) is a 507 page and leaves no file."""
    source = workbooks.clean(tmp_path / "pegawai.xlsx")
    page = upload(client, source)
    upload_url = str(page.url)  # type: ignore[attr-defined]
    solved = client.post(f"{upload_url}/solve", follow_redirects=True,
                         data={"csrf": client.cookies[CSRF_COOKIE], "scenario": "kebumen-2020"})
    job_url = str(solved.url)
    deadline = time.monotonic() + 120
    while 'id="downloads"' not in (text := client.get(job_url).text):
        assert time.monotonic() < deadline, text
        assert 'id="failed"' not in text and 'id="infeasible"' not in text, text
        time.sleep(0.2)
    response = client.get(f"{job_url}/jadwal.xlsx")
    assert response.status_code == 200
    out = tmp_path / "jadwal.xlsx"
    out.write_bytes(response.content)
    report = check(out, source, ROOT / "wfh_solver" / "scenarios" / "kebumen-2020.toml")
    assert report.ok and report.status == "OPTIMAL", report.summary()
    leftovers = [p.name for p in workspace_root(client).rglob("out-*")]
    assert leftovers == []

    def full_disk(result: object, path: Path, lang: str = "id") -> None:
        Path(path).write_bytes(b"PK half a workbook")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("wfh_solver.write.write_roster", full_disk)
    failed = client.get(f"{job_url}/jadwal.xlsx")
    assert is_page(failed, 507) and "tidak dapat ditulis" in failed.text
    assert "No space left" in failed.text and str(workspace_root(client)) not in failed.text
    written = [p.name for p in workspace_root(client).rglob("*") if p.name.startswith(
        ("out-", ".wfh-"))]
    assert written == []


IMPOSSIBLE = """name = "mustahil"
title = "Minimum di atas batas"
source = "test"
start = 2020-03-23
end = 2020-03-27

[[rules]]
name = "Minimal 3 pegawai per OPD"
kind = "min_present"
per = "unit"
count = 3

[[rules]]
name = "Paling banyak 10% di kantor"
kind = "max_office_share"
per = "unit"
share = 0.1
"""


def wait_for_job(client: TestClient, job_url: str, marker: str) -> str:
    deadline = time.monotonic() + 120
    while marker not in (text := client.get(job_url).text):
        assert time.monotonic() < deadline, text
        assert 'data-state="running"' in text or 'data-state="queued"' in text, text
        time.sleep(0.2)
    return text


def test_rules_that_cannot_hold_show_the_explanation_and_the_conflicts(
        client: TestClient, tmp_path: Path) -> None:
    """Tests that an impossible circular names the unit, offers the Konflik workbook, and
    a relaxed roster that lists what it breaks with its cells."""
    page = upload(client, workbooks.clean(tmp_path / "pegawai.xlsx"))
    upload_url = str(page.url)  # type: ignore[attr-defined]
    record = client.app.state.site.workspace.get(upload_url.rsplit("/", 1)[-1])  # type: ignore[attr-defined]
    record.scenario_toml = record.folder / "scenario.toml"
    record.scenario_toml.write_text(IMPOSSIBLE, encoding="utf-8")
    solved = client.post(f"{upload_url}/solve", follow_redirects=True,
                         data={"csrf": client.cookies[CSRF_COOKIE], "scenario": "custom"})
    text = wait_for_job(client, str(solved.url), 'id="infeasible"')
    assert "Dinas Kesehatan" in text and "Paling banyak 10% di kantor" in text
    conflicts = client.get(f"{solved.url}/konflik.xlsx")
    assert conflicts.status_code == 200 and conflicts.content[:2] == b"PK"
    relaxed = client.post(f"{solved.url}/relax", follow_redirects=True,
                          data={"csrf": client.cookies[CSRF_COOKIE]})
    assert relaxed.url != solved.url
    text = wait_for_job(client, str(relaxed.url), 'id="downloads"')
    table = text[text.index('id="relaxed-violations"'):]
    assert "Dinas Kesehatan" in table and "Jadwal!" in table
    workbook = client.get(f"{relaxed.url}/jadwal.xlsx")
    assert workbook.status_code == 200 and workbook.content[:2] == b"PK"


def test_check_of_an_edited_roster_names_the_broken_cell(client: TestClient,
                                                         tmp_path: Path) -> None:
    """Tests that an untouched roster checks clean and a head sent home is named by cell."""
    import openpyxl

    from wfh_solver.write import write_roster

    source = workbooks.clean(tmp_path / "pegawai.xlsx")
    result = solve(api.make_problem(api.read_employees(source), "kebumen-2020"))
    roster = tmp_path / "jadwal.xlsx"
    write_roster(result, roster)
    page = upload(client, source)
    upload_url = str(page.url)  # type: ignore[attr-defined]

    def checked(path: Path) -> str:
        with open(path, "rb") as content:
            return client.post(f"{upload_url}/check", files={"roster": ("edit.xlsx", content)},
                               data={"csrf": client.cookies[CSRF_COOKIE],
                                     "scenario": "kebumen-2020"}).text

    assert 'id="check-clean"' in checked(roster)
    book = openpyxl.load_workbook(roster)
    sheet = book["Jadwal"]
    head = next(row for row in sheet.iter_rows() if row[1].value == "Drs. Budi Santoso")
    cell = next(c for c in head if c.value == "WFO")
    cell.value = "WFH"
    book.save(roster)
    text = checked(roster)
    assert 'id="violations"' in text and f"{cell.coordinate}" in text, text
    assert "edit.xlsx" in text and str(workspace_root(client)) not in text


def run_serve(*args: str, env: dict[str, str] | None = None,
              timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wfh_solver.cli", "serve", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env=env, check=False)


def test_port_in_use_is_one_clear_line_and_other_hosts_are_warned_about() -> None:
    """Tests that a taken port exits 1 with one line, and --host 0.0.0.0 warns first."""
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen(1)
        port = str(taken.getsockname()[1])
        local = run_serve("--no-browser", "--port", port)
        exposed = run_serve("--no-browser", "--port", port, "--host", "0.0.0.0")
    assert local.returncode == 1 and "sudah dipakai" in local.stderr
    assert "Traceback" not in local.stderr + exposed.stderr
    assert "PERINGATAN" not in local.stderr
    assert exposed.returncode == 1 and "PERINGATAN" in exposed.stderr


def test_serve_opens_the_browser_unless_told_not_to(tmp_path: Path) -> None:
    """Tests that `serve` hands its loopback URL to the browser ($BROWSER here)."""
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n', encoding="utf-8")
    browser.chmod(0o755)
    env = dict(os.environ, BROWSER=f"{browser} %s")
    process = subprocess.Popen([sys.executable, "-m", "wfh_solver.cli", "serve", "--port", "0"],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not opened.exists() or not opened.read_text().strip():
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.2)
        url = opened.read_text().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url), url
        assert "Unggah daftar pegawai" in httpx.get(url, timeout=10).text
    finally:
        process.terminate()
        process.wait(30)


# -- the page under load and attack (issue 19, item 6) -------------------------------------
LOCAL = "http://127.0.0.1:8765"
SECRET = "rahasia-halaman-" + "x" * 16


def page_client(base_url: str = LOCAL, **settings: object) -> TestClient:
    return TestClient(create_app(Config(**settings)), base_url=base_url)  # type: ignore[arg-type]


def is_page(response: httpx.Response, status: int) -> bool:
    """An HTML page in the user's language with this status: never a 500, never a trace."""
    return (response.status_code == status and status != 500
            and response.headers["content-type"].startswith("text/html")
            and "<h1>" in response.text and "Traceback" not in response.text)


@pytest.mark.parametrize("settings", [
    {}, {"token": SECRET}, {"token": SECRET, "allowed_hosts": ("hr.kantor.go.id",)}],
    ids=["loopback", "0.0.0.0", "0.0.0.0-allow-list"])
def test_a_foreign_host_name_is_refused_whatever_the_listening_address(
        settings: dict[str, object], tmp_path: Path) -> None:
    """Tests DNS rebinding: Host evil.com gets a page (400), on loopback and on an exposed
    server with and without --allow-host; no upload is stored; an allowed name and an
    address literal pass."""
    source = workbooks.clean(tmp_path / "pegawai.xlsx")
    with page_client(**settings) as client:
        client.get(f"/?token={SECRET}")
        refused = client.get("/", headers={"host": "evil.com:8765"})
        assert is_page(refused, 400) and "evil.com" in refused.text
        with open(source, "rb") as content:
            posted = client.post("/upload", headers={"host": "evil.com"},
                                 data={"csrf": token(client)}, files={"file": ("a.xlsx", content)})
        assert is_page(posted, 400)
        assert list(workspace_root(client).iterdir()) == []
        assert client.get("/", headers={"host": "192.168.1.20:8765"}).status_code == 200
        allowed = client.get("/", headers={"host": "hr.kantor.go.id"})
        assert allowed.status_code == (200 if settings.get("allowed_hosts") else 400)


def test_a_post_from_another_origin_is_refused_before_the_route(client: TestClient) -> None:
    """Tests that an Origin other than the page's own (or "null") gets a 403 page."""
    for origin in ("http://evil.com", "null", "http://testserver.evil.com"):
        response = client.post("/upload", headers={"origin": origin}, data={"csrf": "x"})
        assert is_page(response, 403), origin
        assert "situs lain" in response.text


def test_the_token_is_asked_for_once_then_kept_in_an_httponly_cookie() -> None:
    """Tests the token: without it every request gets a 401 page (with a token form) in the
    user's language; a wrong token is named; the right one sets an HttpOnly SameSite=Strict
    cookie (not the token itself) and leaves the token out of the address."""
    with page_client(token=SECRET) as client:
        first = client.get("/")
        assert is_page(first, 401) and 'id="token-form"' in first.text
        assert "memerlukan token" in first.text
        assert is_page(client.post("/upload", data={"csrf": "x"}), 401)
        assert client.get("/static/htmx.min.js").status_code == 200
        assert "token salah" in client.get("/?token=tebakan").text
        admitted = client.get(f"/u/abc?token={SECRET}&x=1", follow_redirects=False)
        assert admitted.status_code == 303 and admitted.headers["location"] == "/u/abc?x=1"
        cookie = admitted.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and SECRET not in cookie
        assert client.get("/").status_code == 200
        client.get("/lang/en?next=/")
        client.cookies.delete("wfh_access")
        english = client.get("/")
        assert is_page(english, 401) and "needs a token" in english.text


def wait_for_line(process: subprocess.Popen[str], marker: str) -> str:
    deadline = time.monotonic() + 60
    assert process.stderr is not None
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if marker in line:
            return line
        assert line or process.poll() is None, "serve ended early"
    raise AssertionError(f"no line with {marker!r}")


def test_exposed_serve_prints_a_token_link_and_refuses_without_it() -> None:
    """Tests the installed script: --host 0.0.0.0 prints a link with a fresh token; without
    the token a 401 page, with a foreign Host a 400 page, with the link the page."""
    script = Path(sys.executable).parent / "wfh-solver"
    process = subprocess.Popen([str(script), "serve", "--host", "0.0.0.0", "--port", "0",
                                "--no-browser"], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    try:
        line = wait_for_line(process, "token=")
        match = re.search(r"(http://127\.0\.0\.1:\d+/)\?token=([\w-]+)", line)
        assert match, line
        url, secret = match.groups()
        assert len(secret) >= 20
        assert httpx.get(url, timeout=10).status_code == 401
        assert httpx.get(url, headers={"host": "evil.com"}, timeout=10).status_code == 400
        with httpx.Client(timeout=10, follow_redirects=True) as browser:
            page = browser.get(f"{url}?token={secret}")
            assert page.status_code == 200 and "Unggah daftar pegawai" in page.text
            assert "token=" not in str(page.url)
    finally:
        process.terminate()
        process.wait(30)


def uploaded(client: TestClient, source: Path) -> str:
    """The upload page's URL for a fresh upload of `source`."""
    return str(upload(client, source).url)  # type: ignore[attr-defined]


def start_solve(client: TestClient, upload_url: str,
                scenario: str = "kebumen-2020") -> httpx.Response:
    return client.post(f"{upload_url}/solve", follow_redirects=True,
                       data={"csrf": client.cookies[CSRF_COOKIE], "scenario": scenario})


def test_solves_beyond_the_slots_wait_in_the_queue_and_see_their_place(
        tmp_path: Path) -> None:
    """Tests the queue: with one slot, three solves run one at a time; the waiting ones show
    their place; a waiting one cancelled never runs; the others all finish."""
    source = workbooks.clean(tmp_path / "pegawai.xlsx")
    with page_client(solves_at_once=1, jobs_per_client=5) as client:
        pages = [uploaded(client, source) for _ in range(4)]  # read first: solves back to back
        jobs = [start_solve(client, page) for page in pages]
        queue = client.app.state.site.queue  # type: ignore[attr-defined]
        places = [queue.place(job) for job in running_jobs(client)]
        assert sorted(places) == [0, 1, 2, 3]
        assert "urutan ke-2" in client.get(f"{jobs[2].url}/progress").text
        cancelled = client.post(f"{jobs[3].url}/cancel", follow_redirects=True,
                                data={"csrf": client.cookies[CSRF_COOKIE]})
        assert "dibatalkan sebelum mulai" in cancelled.text
        for job in jobs[:3]:
            wait_for_job(client, str(job.url), 'id="downloads"')
        assert queue.peak_running == 1


def running_jobs(client: TestClient) -> list[object]:
    uploads = client.app.state.site.workspace.uploads.values()  # type: ignore[attr-defined]
    return [job for record in uploads for job in record.jobs.values()]


def test_a_client_past_its_quota_gets_a_page(tmp_path: Path) -> None:
    """Tests the per-client quotas: a second upload past one kept upload, and a second
    solve past one waiting or running solve, are refused with a 429 page."""
    source = workbooks.clean(tmp_path / "pegawai.xlsx")
    with page_client(uploads_per_client=1) as client:
        uploaded(client, source)
        assert "sudah ada 1 unggahan" in (refused := upload(client, source)).text  # type: ignore[attr-defined]
        assert is_page(refused, 429)  # type: ignore[arg-type]
        assert len(list(workspace_root(client).iterdir())) == 1
    with page_client(solves_at_once=1, jobs_per_client=1) as client:
        first, second = uploaded(client, source), uploaded(client, source)
        start_solve(client, first)
        refused = start_solve(client, second)
        assert is_page(refused, 429) and "sudah ada 1 penyusunan" in refused.text


def raw_upload(client: TestClient, stall: bool) -> list[dict[str, object]]:
    """An upload whose body stops half-way: the browser closes the tab (a disconnect), or
    the body stalls (the read timeout). Sent straight to the ASGI app."""
    boundary = "wfhboundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
            f"{token(client)}\r\n--{boundary}\r\nContent-Disposition: form-data; "
            f"name=\"file\"; filename=\"a.xlsx\"\r\n\r\n").encode() + b"PK" + b"x" * 50_000
    chunks = iter([head])
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/upload", "raw_path": b"/upload",
             "query_string": b"", "root_path": "", "client": ("127.0.0.1", 5000),
             "server": ("127.0.0.1", 8765), "state": {},
             "headers": [(b"host", b"127.0.0.1:8765"),
                         (b"content-type", f"multipart/form-data; boundary={boundary}".encode()),
                         (b"cookie", f"{CSRF_COOKIE}={client.cookies[CSRF_COOKIE]}".encode())]}
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        chunk = next(chunks, None)
        if chunk is not None:
            return {"type": "http.request", "body": chunk, "more_body": True}
        if stall:
            await asyncio.sleep(30)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    client.portal.call(client.app, scope, receive, send)  # type: ignore[union-attr, arg-type]
    return sent


@pytest.mark.parametrize("stall", [False, True], ids=["disconnect", "stalled-body"])
def test_an_aborted_upload_leaves_no_file_and_no_traceback(
        stall: bool, capfd: pytest.CaptureFixture[str]) -> None:
    """Tests that an upload cut off mid-body (tab closed, or a body that stops arriving for
    the read timeout) is removed at once, logs no traceback, and a stall gets a 408 page."""
    with page_client(read_timeout=0.3) as client:
        sent = raw_upload(client, stall)
        assert list(workspace_root(client).iterdir()) == []
        status = next(m["status"] for m in sent if m["type"] == "http.response.start")
        assert status == (408 if stall else 400)
        if stall:
            body = b"".join(m.get("body", b"") for m in sent  # type: ignore[misc]
                            if m["type"] == "http.response.body")
            assert "terlalu lambat" in body.decode()
    assert "Traceback" not in capfd.readouterr().err


def test_a_period_outside_the_window_is_refused_with_a_page(client: TestClient,
                                                            tmp_path: Path) -> None:
    """Tests the period cap: a 200-year period typed in the form, or in a scenario file,
    is a 400 page naming the limit; no job is started."""
    upload_url = uploaded(client, workbooks.clean(tmp_path / "pegawai.xlsx"))
    base = load_scenario("jateng-2020")
    form = {f.key: f.value for f in rule_fields(base)} | {
        "csrf": client.cookies[CSRF_COOKIE], "base": "jateng-2020", "start": "2020-03-18",
        "end": "2220-03-17", "workweek": "mon-fri"}
    refused = client.post(f"{upload_url}/scenario", data=form)  # said beside the date fields
    assert refused.status_code == 400 and "di antara tahun 2000 dan 2100" in refused.text
    long = client.post(f"{upload_url}/scenario", data=form | {"end": "2022-03-17"})
    assert long.status_code == 400 and "paling lama 366 hari" in long.text
    record = client.app.state.site.workspace.get(upload_url.rsplit("/", 1)[-1])  # type: ignore[attr-defined]
    record.scenario_toml = record.folder / "scenario.toml"
    record.scenario_toml.write_text(IMPOSSIBLE.replace("end = 2020-03-27", "end = 2220-03-27"),
                                    encoding="utf-8")
    solved = start_solve(client, upload_url, "custom")
    assert is_page(solved, 400) and "di luar rentang" in solved.text
    assert record.jobs == {}


@pytest.mark.parametrize(("start", "end", "words"), [
    ("2020-01-01", "2020-12-31", None), ("2024-01-01", "2024-12-31", None),
    ("2020-01-01", "2021-01-01", "367 hari"), ("1820-03-01", "1820-03-31", "1820"),
    ("2099-12-01", "2101-01-31", "2101"), ("2020-03-02", "2020-03-01", "sebelum")])
def test_check_period_keeps_dates_in_a_sane_window(start: str, end: str,
                                                   words: str | None) -> None:
    """Tests `check_period`: a year (366 days in a leap year) passes, longer or outside
    2000–2100 or backwards is refused with an Indonesian sentence."""
    from datetime import date

    from wfh_solver.domain.calendar import check_period

    if words is None:
        check_period(date.fromisoformat(start), date.fromisoformat(end))
        return
    with pytest.raises(ValueError, match=words):
        check_period(date.fromisoformat(start), date.fromisoformat(end))


def test_the_workspace_disk_cap_refuses_an_upload_that_would_pass_it(tmp_path: Path) -> None:
    """Tests the disk cap: an upload beyond the room left is a 507 page, nothing kept."""
    big = tmp_path / "besar.csv"
    big.write_bytes(b"NIP;Nama\n" + b"1;x\n" * 400_000)  # 1.6 MB
    with page_client(max_upload_mb=2, max_disk_mb=1) as client:
        refused = upload(client, big)
        assert is_page(refused, 507) and "penuh" in refused.text  # type: ignore[arg-type]
        assert list(workspace_root(client).iterdir()) == []


def test_every_error_path_is_a_page_never_a_500(client: TestClient, tmp_path: Path) -> None:
    """Tests each way a request can fail: an HTML page in the user's language with its
    status (400, 403, 404, 405, 413), never a 500 or a traceback."""
    upload_url = uploaded(client, workbooks.clean(tmp_path / "pegawai.xlsx"))
    csrf = client.cookies[CSRF_COOKIE]
    cases = [
        ("GET", "/u/nope", {}, 404), ("GET", "/upload", {}, 405),
        ("GET", f"{upload_url}/jobs/nope", {}, 404),
        ("GET", f"{upload_url}/jobs/nope/jadwal.xlsx", {}, 404),
        ("GET", f"{upload_url}/scenario?base=../../etc", {}, 404),
        ("GET", f"{upload_url}/scenario.toml", {}, 404),
        ("POST", f"{upload_url}/solve", {"data": {"scenario": "kebumen-2020"}}, 403),
        ("POST", f"{upload_url}/solve", {"data": {"csrf": csrf, "scenario": "/etc/x"}}, 400),
        ("POST", f"{upload_url}/scenario", {"data": {"csrf": csrf, "x": "y" * 300_000}}, 413),
        ("POST", "/upload", {"data": {"csrf": csrf}}, 400),
        ("POST", "/upload", {"content": b"x" * 10, "headers": {
            "content-type": "multipart/form-data; boundary=zz"}}, 400),
        ("POST", f"{upload_url}/check", {"data": {"csrf": csrf}}, 400),
        ("GET", "/", {"headers": {"host": "rebind.example"}}, 400),
        ("POST", f"{upload_url}/delete", {"headers": {"origin": "http://evil.com"}}, 403),
    ]
    client.get("/lang/en?next=/")
    for method, path, kwargs, status in cases:
        response = client.request(method, path, **kwargs)  # type: ignore[arg-type]
        assert is_page(response, status), (method, path, response.status_code)
        assert 'role="alert"' in response.text and "Tidak dapat" not in response.text, path


def test_a_client_sending_its_headers_slowly_is_cut_off() -> None:
    """Tests slowloris: a connection whose headers do not arrive within the deadline is
    closed, while a normal request on the same server is answered."""
    import threading

    import uvicorn

    from wfh_solver.serve.server import bind, bounded_protocol

    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(
        create_app(Config()), log_level="warning", lifespan="on",
        http=bounded_protocol(0.5), timeout_keep_alive=5))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        with socket.create_connection(("127.0.0.1", port), timeout=5) as slow:
            slow.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            started = time.monotonic()
            assert slow.recv(100) == b""  # closed by the server, no answer
            assert time.monotonic() - started < 3
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=10).status_code == 200
    finally:
        server.should_exit = True
        thread.join(30)
