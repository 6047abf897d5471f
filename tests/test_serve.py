"""Tests that `wfh-solver serve` guards its uploads and forms and answers as a thin layer.

In-process (Starlette's TestClient), on small files: headers, CSRF, size limit, private
folder, hostile files, the scenario form, the presence chart and one real solve through a
worker process, checked by the independent checker. The browser flow is in
test_serve_browser.py.
"""

from __future__ import annotations

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
from wfh_solver.solve import solve

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
    index = int(share.key.removeprefix("rule_"))
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


def test_solve_in_a_worker_then_download_passes_the_checker(client: TestClient,
                                                            tmp_path: Path) -> None:
    """Tests the whole flow in-process: solve in a worker, download, check, file removed."""
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
        assert 'data-state="running"' in text, text
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
