"""The page's routes: thin glue over `wfh_solver.api`, `validate`, `solve` (in a worker
process) and `write`, like the CLI. No rostering decision is taken here.

Flow: `/` upload → `/u/{token}` what was understood + choose or edit the circular →
`/u/{token}/jobs/{job}` live progress, then the roster (calendar, chart, downloads).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import shutil
import sys
import traceback
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from wfh_solver.base.labels import label as sheet_label
from wfh_solver.base.messages import CATALOGUE, LANGUAGES, language, set_language, t
from wfh_solver.domain.calendar import check_period
from wfh_solver.policy.scenario import Scenario, ScenarioError, bundled_names, load_scenario
from wfh_solver.policy.wording import describe_rule, kind_label
from wfh_solver.read.textfile import MAX_TEXT_BYTES
from wfh_solver.serve import views
from wfh_solver.serve.exports import KINDS as EXPORT_KINDS
from wfh_solver.serve.exports import Export, unit_zip
from wfh_solver.serve.jobs import Job, JobQueue, State
from wfh_solver.serve.limits import BodyLimits
from wfh_solver.serve.scenario_form import (
    CHOICES,
    MAX_RULES,
    TEXTS,
    FormInvalid,
    Row,
    apply_form,
    choice_label,
    new_row,
    preview,
    rows_from_form,
    rows_of,
    scope_label,
    to_toml,
    toml_problems,
    who_text,
)
from wfh_solver.serve.scenario_form import kinds as editor_kinds
from wfh_solver.serve.security import (
    CSRF_COOKIE,
    AccessGuard,
    SecurityHeaders,
    csrf_ok,
    csrf_token,
)
from wfh_solver.serve.uploads import UploadRefused, receive_file, receive_files
from wfh_solver.serve.worker import JobSpec, check_file, shown_name, validate_file
from wfh_solver.serve.workspace import Upload, Workspace, display_name
from wfh_solver.write import write_outputs
from wfh_solver.write.memo import figures, verdict
from wfh_solver.write.review import review

LANG_COOKIE = "wfh_lang"
#: The five regional circulars of 2020 are listed first; the national guidance after them.
REGIONAL = ("sragen-2020", "kebumen-2020", "jateng-2020", "pasuruan-2020", "paser-2020")
STATIC = Path(__file__).parent / "static"
MAX_PREVIOUS = 12  # earlier rosters one solve may count (a year of months)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True, slots=True)
class Config:
    max_upload_mb: int = 200
    idle_minutes: float = 30.0
    sweep_seconds: float = 60.0
    #: Host names allowed besides loopback names and address literals (`--allow-host`).
    allowed_hosts: tuple[str, ...] = ()
    #: The access token; required for a non-loopback `--host` (`server.serve` makes one).
    token: str | None = None
    time_limit: float = 120.0  # the CLI's defaults, so the page's roster is the CLI's
    seed: int = 0
    workers: int = 0
    solves_at_once: int = 0  # 0: one per core
    queue_limit: int = 100  # solves waiting, all clients together
    jobs_per_client: int = 3  # solves waiting or running per client address
    uploads_per_client: int = 20  # uploads kept per client address
    max_disk_mb: int = 4096  # everything under the workspace
    read_timeout: float = 60.0  # seconds a request body may stall between two chunks
    on_ready: Callable[[], None] | None = None

    @property
    def slots(self) -> int:
        return self.solves_at_once or os.cpu_count() or 1


class Refused(HTTPException):
    """A request the page answers with a sentence from the catalogue and an HTTP status."""

    def __init__(self, status: int, key: str, **params: object) -> None:
        super().__init__(status)
        self.key, self.params = key, params


@dataclass(frozen=True, slots=True)
class ScenarioChoice:
    name: str
    title: str
    period: str  # dd/mm/yyyy – dd/mm/yyyy; the working week is said by the template
    workweek: str  # mon-fri or mon-sat, shown through the catalogue (web_ww_…)


def level_label(name: str) -> str:
    """A level of the objective in the user's words (its catalogue description), whatever
    language the solve that made it ran in."""
    table = CATALOGUE[language()]
    key = f"web_level_{name}" if f"web_level_{name}" in table else f"level_{name}"
    return t(key) if key in table else name


def violation_kind(kind: str) -> str:
    """A broken rule's kind in the user's words: a set cell, a minimum, a cap, or a rule
    kind's own label; never the code ("pin", "min_present")."""
    key = f"web_vkind_{kind}"
    return t(key) if key in CATALOGUE[language()] else kind_label(kind)


class Site:
    """The server's state: the private workspace, the validation process, the templates."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.workspace = Workspace(idle_seconds=config.idle_minutes * 60)
        self.env = Environment(loader=PackageLoader("wfh_solver.serve", "templates"),
                               autoescape=select_autoescape(["html"]))
        self._reader: ProcessPoolExecutor | None = None
        self.scenarios = _scenario_choices()
        self.queue = JobQueue(config.slots, config.queue_limit)
        self.env.globals["kind_label"] = kind_label
        self.env.globals["violation_kind"] = violation_kind
        self.env.globals["level_label"] = level_label
        self.env.globals["shown_name"] = shown_name
        self.env.filters["shown_file"] = lambda path, spec: shown_name(spec, Path(path))

    # -- rendering ---------------------------------------------------------------------
    def render(self, request: Request, template: str, status: int = 200,
               **context: Any) -> HTMLResponse:
        lang = use_language(request)
        token, new = csrf_token(request)
        html = self.env.get_template(template).render(t=t, csrf=token, lang=lang,
                                                      catalogue=CATALOGUE[lang],
                                                      label=lambda key: sheet_label(key, lang),
                                                      request_path=request.url.path, **context)
        response = HTMLResponse(html, status)
        if new:
            response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
        return response

    def upload_of(self, request: Request) -> Upload:
        upload = self.workspace.get(request.path_params["token"])
        if upload is None:
            raise HTTPException(404)
        return upload

    def job_of(self, request: Request) -> tuple[Upload, Job]:
        upload = self.upload_of(request)
        job = upload.jobs.get(request.path_params["job"])
        if job is None:
            raise HTTPException(404)
        return upload, job

    async def form_data(self, request: Request) -> FormData:
        """The posted form with every value of a repeated field (the editor's lists)."""
        form = await request.form(max_files=0, max_fields=3000)
        if not csrf_ok(request, str(form.get("csrf", ""))):
            raise HTTPException(403)
        return form

    async def require_csrf(self, request: Request) -> dict[str, str]:
        form = await request.form(max_files=0, max_fields=200)
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        if not csrf_ok(request, fields.get("csrf", "")):
            raise HTTPException(403)
        return fields

    # -- reading files in a worker process (hostile files cannot hurt the server) --------
    async def in_worker(self, function: Callable[..., dict[str, Any]],
                        *args: Any) -> dict[str, Any] | None:
        """`function(*args)` in the reading process; None when that process died."""
        if self._reader is None:
            self._reader = ProcessPoolExecutor(1, mp_context=_spawn())
        try:
            return await asyncio.wrap_future(self._reader.submit(function, *args))
        except BrokenProcessPool:
            self._reader = None
            return None

    async def validate(self, path: Path, lang: str) -> dict[str, Any]:
        report = await self.in_worker(validate_file, path, lang)
        if report is not None:
            return report
        return {"file": "", "summary": None, "problems": [
            {"severity": "error", "sheet": "", "row": None, "column": "", "value": "",
             "reason": t("web_unreadable"), "hint": t("hint_save_xlsx")}]}

    def stop_jobs(self, upload: Upload) -> None:
        """An upload removed: its waiting solves leave the queue, running ones are ended."""
        for job in upload.jobs.values():
            if not self.queue.withdraw(job, t("web_cancelled_queued")):
                job.kill()

    def check_room(self) -> int:
        """Bytes the workspace may still take; `Refused` (507) when it is full."""
        limit = self.config.max_disk_mb * 1024 * 1024
        room = limit - self.workspace.used_bytes()
        if room <= 0:
            raise Refused(507, "web_disk_full", limit=self.config.max_disk_mb)
        return room

    def submit(self, request: Request, upload: Upload, job: Job) -> Response:
        """Queues `job` for this upload after the quotas; the answer is its progress page."""
        client = client_of(request)
        if self.queue.of_client(client) >= self.config.jobs_per_client:
            raise Refused(429, "web_quota_jobs", count=self.config.jobs_per_client)
        if self.queue.full():
            raise Refused(503, "web_queue_full", count=self.config.queue_limit)
        self.check_room()
        job.client = client
        job.spec.folder.mkdir(mode=0o700)
        upload.jobs[job.id] = job
        self.queue.submit(job)
        return RedirectResponse(f"/u/{upload.token}/jobs/{job.id}", status_code=303)

    async def refuse(self, request: Request, status: int, key: str,
                     params: dict[str, str]) -> Response:
        """The page for a request the access guard turns away (`security.AccessGuard`)."""
        use_language(request)
        if status != 401:
            return self.render(request, "error.html", status=status, message=t(key, **params))
        # the token form comes back to the page asked for; a refused POST goes home
        target = request.url.path if request.method in ("GET", "HEAD") else "/"
        return self.render(request, "token.html", status=401, message=t(key, **params),
                           target=target)

    def close(self) -> None:
        self.queue.close(t("web_cancelled_queued"))
        self.workspace.close(self.stop_jobs)
        if self._reader is not None:
            self._reader.shutdown(wait=False, cancel_futures=True)


def client_of(request: Request) -> str:
    """The client's address, the unit of the per-client quotas."""
    return request.client.host if request.client is not None else ""


def _spawn() -> Any:
    import multiprocessing

    return multiprocessing.get_context("spawn")


def _scenario_choices() -> list[ScenarioChoice]:
    names = sorted(bundled_names(), key=lambda n: (n not in REGIONAL, REGIONAL.index(n)
                                                  if n in REGIONAL else 0, n))
    choices = []
    for name in names:
        scenario = load_scenario(name)
        period = f"{scenario.start:%d/%m/%Y} – {scenario.end:%d/%m/%Y}"
        choices.append(ScenarioChoice(name, scenario.title, period, scenario.workweek))
    return choices


def use_language(request: Request) -> str:
    lang = request.cookies.get(LANG_COOKIE, "id")
    lang = lang if lang in LANGUAGES else "id"
    set_language(lang)
    return lang


def has_errors(report: dict[str, Any] | None) -> bool:
    return report is None or report["summary"] is None or any(
        p["severity"] == "error" for p in report["problems"])


# -- pages ----------------------------------------------------------------------------------
async def index(request: Request) -> Response:
    site: Site = request.app.state.site
    return site.render(request, "index.html", limit=site.config.max_upload_mb)


async def upload_file(request: Request) -> Response:
    site: Site = request.app.state.site
    lang = use_language(request)
    client = client_of(request)
    if site.workspace.of_client(client) >= site.config.uploads_per_client:
        raise Refused(429, "web_quota_uploads", count=site.config.uploads_per_client)
    limit = site.config.max_upload_mb * 1024 * 1024
    room = site.check_room()
    upload = site.workspace.new_upload("", client)
    try:
        path, client_name, _ = await receive_file(
            request.headers.get("content-type", ""), request.headers.get("content-length"),
            request.stream(), upload.folder, min(limit, room), lambda sent: csrf_ok(request, sent))
    except UploadRefused as exc:
        site.workspace.remove(upload.token)
        if exc.status == 413 and room < limit:
            exc = UploadRefused(507, "web_disk_full", limit=site.config.max_disk_mb)
        return site.render(request, "index.html", status=exc.status,
                           limit=site.config.max_upload_mb, error=t(exc.key, **exc.params))
    except BaseException:  # a client gone, a stalled or oversized body: nothing kept
        site.workspace.remove(upload.token)
        raise
    upload.name, upload.input = display_name(client_name), path
    report = await site.validate(path, lang)
    upload.report = _shown(report, upload)
    return RedirectResponse(f"/u/{upload.token}", status_code=303)


def _shown(report: dict[str, Any], upload: Upload) -> dict[str, Any]:
    """The report with the user's file name instead of our private path."""
    inside = str(upload.input)
    report["file"] = upload.name
    for problem in report["problems"]:
        problem["file"] = upload.name
        for key in ("reason", "hint", "value"):
            problem[key] = str(problem.get(key) or "").replace(inside, upload.name)
    return report


async def upload_page(request: Request) -> Response:
    site: Site = request.app.state.site
    upload = site.upload_of(request)
    return _upload_page(site, request, upload,
                        chosen=request.query_params.get("scenario", "jateng-2020"))


def _upload_page(site: Site, request: Request, upload: Upload, status: int = 200,
                 chosen: str = "jateng-2020", **context: Any) -> Response:
    """The upload's page: what was understood, the circulars, the scenario of its own."""
    use_language(request)
    custom = None
    if upload.scenario_toml is not None:
        with contextlib.suppress(ScenarioError):
            custom = load_scenario(upload.scenario_toml)
    return site.render(request, "upload.html", status=status, upload=upload,
                       report=upload.report, can_solve=not has_errors(upload.report),
                       scenarios=site.scenarios, chosen=chosen, custom=custom,
                       describe_rule=describe_rule, running=upload.running_job(),
                       open_check=False, **context)


def base_scenario(upload: Upload, base: str) -> Scenario:
    """The scenario the editor starts from: a bundled circular or this upload's own (edited
    or uploaded) one; never a path from the client."""
    if base == "custom" and upload.scenario_toml is not None:
        try:
            return load_scenario(upload.scenario_toml)
        except ScenarioError:
            raise HTTPException(404) from None
    if base not in bundled_names():
        raise HTTPException(404)
    return load_scenario(base)


def editor(site: Site, request: Request, upload: Upload, base: str, scenario: Scenario,
           rows: list[Row], values: Any, errors: dict[str, str], status: int = 200,
           title: str = "", error: str = "") -> Response:
    """The rule editor with these rows (after a rule is added or removed, or refused)."""
    return site.render(request, "scenario.html", status=status, upload=upload, base=base,
                       scenario=scenario, rows=rows, values=values, errors=errors,
                       title=title or scenario.title, error=error, kinds=editor_kinds(),
                       choice_fields=tuple(CHOICES), text_fields=TEXTS,
                       choice_values=lambda name: CHOICES[name][0], choice_label=choice_label,
                       scope_label=scope_label, who_text=who_text,
                       who_open=lambda errs, row: any(row.key(n) in errs
                                                      for n in (*CHOICES, *TEXTS)))


async def scenario_form(request: Request) -> Response:
    site: Site = request.app.state.site
    upload = site.upload_of(request)
    base = request.query_params.get("base", "")
    use_language(request)
    scenario = base_scenario(upload, base)
    return editor(site, request, upload, base, scenario, rows_of(scenario), {}, {})


async def scenario_save(request: Request) -> Response:
    """The editor's buttons: add a rule, remove one, show the names again, or save."""
    site: Site = request.app.state.site
    upload = site.upload_of(request)
    form = await site.form_data(request)
    base = str(form.get("base", ""))
    if base != "custom" and base not in bundled_names():
        raise HTTPException(400)
    use_language(request)
    scenario = base_scenario(upload, base)
    rows = rows_from_form(scenario, form)
    remove, kind = str(form.get("remove", "")), str(form.get("new_kind", ""))
    if remove or form.get("add") or form.get("refresh"):
        rows = [row for row in rows if row.id != remove]
        if form.get("add") and kind in editor_kinds() and len(rows) < MAX_RULES:
            rows.append(new_row(kind, rows))
        title, errors = preview(scenario, rows)
        return editor(site, request, upload, base, scenario, rows, form,
                      errors if form.get("refresh") else {}, title=title)
    try:
        edited = apply_form(scenario, form)
    except FormInvalid as exc:  # each message beside its field
        title, _ = preview(scenario, exc.rows)
        return editor(site, request, upload, base, scenario, exc.rows, form, exc.fields,
                      status=400, title=title, error=t("web_form_invalid"))
    path = upload.folder / "scenario.toml"
    path.write_text(to_toml(edited), encoding="utf-8")
    upload.scenario_toml = path
    return RedirectResponse(f"/u/{upload.token}?scenario=custom#solve", status_code=303)


async def scenario_file(request: Request) -> Response:
    """A scenario TOML uploaded: the checks of `--scenario FILE`, each problem said in the
    page's language beside the file field; a good one becomes this upload's scenario."""
    site: Site = request.app.state.site
    upload = site.upload_of(request)
    use_language(request)
    folder = upload.folder / f"toml-{secrets.token_hex(6)}"
    folder.mkdir(mode=0o700)
    problems: list[str] = []
    try:
        path, client_name, _ = await receive_file(
            request.headers.get("content-type", ""), request.headers.get("content-length"),
            request.stream(), folder, MAX_TEXT_BYTES, lambda sent: csrf_ok(request, sent),
            file_field="scenario")
        scenario, problems = toml_problems(path)
        if scenario is not None:
            try:
                check_period(scenario.start, scenario.end, scenario.workweek)
            except ValueError as exc:
                problems = [str(exc)]
    except UploadRefused as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return _upload_page(site, request, upload, status=exc.status,
                            toml_errors=[t(exc.key, **exc.params)])
    if problems:
        shutil.rmtree(folder, ignore_errors=True)
        name = display_name(client_name)
        return _upload_page(site, request, upload, status=400, chosen="custom",
                            toml_errors=[p.replace(str(path), name) for p in problems],
                            toml_name=name)
    target = upload.folder / "scenario.toml"
    os.replace(path, target)
    shutil.rmtree(folder, ignore_errors=True)
    upload.scenario_toml = target
    return RedirectResponse(f"/u/{upload.token}?scenario=custom#solve", status_code=303)


async def scenario_download(request: Request) -> Response:
    site: Site = request.app.state.site
    upload = site.upload_of(request)
    if upload.scenario_toml is None or not upload.scenario_toml.exists():
        raise HTTPException(404)
    name = load_scenario(upload.scenario_toml).name
    return FileResponse(upload.scenario_toml, media_type="application/toml",
                        filename=f"{name}.toml")


def scenario_of(upload: Upload, choice: str) -> str:
    """A bundled name, or the upload's edited TOML; never a path from the client. Its
    period must lie in the sane window (`check_period`), so no job is queued for a typo."""
    if choice == "custom" and upload.scenario_toml is not None:
        reference = str(upload.scenario_toml)
    elif choice in bundled_names():
        reference = choice
    else:
        raise HTTPException(400)
    try:
        scenario = load_scenario(reference)
        check_period(scenario.start, scenario.end)
    except (ScenarioError, ValueError) as exc:
        raise Refused(400, "web_bad_scenario", detail=str(exc)) from None
    return reference


async def solve(request: Request) -> Response:
    site: Site = request.app.state.site
    upload = site.upload_of(request)
    lang = use_language(request)
    # each press is its own job with its own id in the address, so a second tab's choice
    # never lands on the first tab's solve; the per-client quota bounds how many run
    if has_errors(upload.report) or upload.input is None:
        raise HTTPException(400)
    files: dict[str, list[tuple[Path, str]]] = {}
    if request.headers.get("content-type", "").startswith("multipart/"):
        form, files = await _solve_files(site, request, upload)
    else:
        form = await site.require_csrf(request)
    scenario = scenario_of(upload, form.get("scenario", ""))
    folder = upload.folder / f"job-{secrets.token_hex(6)}"
    config = site.config
    pin = files.get("pin", [])
    previous = files.get("previous", [])
    names = tuple((str(path), display_name(name)) for path, name in pin + previous)
    spec = JobSpec(upload.input, scenario, folder, upload.name, lang,
                   config.time_limit, config.seed, config.workers,
                   pin=pin[0][0] if pin else None,
                   previous=tuple(path for path, _ in previous), names=names)
    return site.submit(request, upload, Job(spec, choice=form.get("scenario", ""),
                                            title=load_scenario(scenario).title))


async def _solve_files(site: Site, request: Request, upload: Upload
                       ) -> tuple[dict[str, str], dict[str, list[tuple[Path, str]]]]:
    """The solve form with its optional files (`--pin`, `--previous`), streamed into a
    folder of the upload; read later by the solve's own readers, as the CLI reads them."""
    room = site.check_room()
    folder = upload.folder / f"files-{secrets.token_hex(6)}"
    folder.mkdir(mode=0o700)
    try:
        files, form = await receive_files(
            request.headers.get("content-type", ""), request.headers.get("content-length"),
            request.stream(), folder, min(site.config.max_upload_mb * 1024 * 1024, room),
            lambda sent: csrf_ok(request, sent), {"pin": 1, "previous": MAX_PREVIOUS})
    except UploadRefused as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise Refused(exc.status, exc.key, **exc.params) from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return form, files


async def job_page(request: Request) -> Response:
    site: Site = request.app.state.site
    upload, job = site.job_of(request)
    context: dict[str, Any] = {"upload": upload, "job": job, "State": State,
                               "scenarios": site.scenarios, "chosen": job.choice,
                               "scenario_names": bundled_names(),
                               **_queue_context(site, job)}
    result = job.result
    if result is not None:
        units = views.unit_names(result)
        unit = request.query_params.get("unit") or (units[0] if units else "")
        if unit not in units:
            unit = units[0] if units else ""
        lang = use_language(request)
        context |= {"result": result, "units": units, "unit": unit,
                    "verdict": verdict(result, lang), "figures": figures(result, lang),
                    "notes": views.notes_by_unit(result.warnings, units),
                    "findings": review(result, lang),
                    "day_label": views.day_label,
                    "calendar": views.calendar(result, unit) if unit else None,
                    "chart": views.presence_chart(result),
                    "unit_chart": views.presence_chart(result, unit) if unit else None}
    return site.render(request, "job.html", **context)


def _queue_context(site: Site, job: Job) -> dict[str, Any]:
    """The job's place in the queue (0: not waiting) and how many solves run at once."""
    return {"place": site.queue.place(job), "slots": site.queue.slots}


async def job_progress(request: Request) -> Response:
    site: Site = request.app.state.site
    upload, job = site.job_of(request)
    response = site.render(request, "_progress.html", upload=upload, job=job,
                           **_queue_context(site, job))
    if not job.running:
        response.headers["HX-Refresh"] = "true"
    return response


async def job_relax(request: Request) -> Response:
    """The rules cannot all hold: the same solve with `--relax` (rules give as little as
    can be proven, each broken one listed with its cells)."""
    site: Site = request.app.state.site
    upload, job = site.job_of(request)
    await site.require_csrf(request)
    folder = upload.folder / f"job-{secrets.token_hex(6)}"
    relaxed = Job(replace(job.spec, folder=folder, relax=True), choice=job.choice,
                  title=job.title)
    return site.submit(request, upload, relaxed)


async def job_replan(request: Request) -> Response:
    """"Ubah mulai tanggal": this roster as published, replanned from a day on with the
    fewest changed cells (`solve --replan --from`), as a new job with its own id."""
    site: Site = request.app.state.site
    upload, job = site.job_of(request)
    await site.require_csrf(request)
    form = await request.form(max_files=0, max_fields=10)
    if job.result is None or upload.input is None or not job.result.roster.days:
        raise HTTPException(404)
    days = job.result.roster.days
    try:
        day: date | None = date.fromisoformat(str(form.get("from", "")).strip())
    except ValueError:
        day = None
    if day is None or not days[0] <= day <= days[-1]:
        raise Refused(400, "web_replan_bad_day", first=f"{days[0]:%d/%m/%Y}",
                      last=f"{days[-1]:%d/%m/%Y}")
    site.check_room()
    published = await _written(_roster_file, job.result, upload.input,
                               upload.folder / f"published-{secrets.token_hex(6)}",
                               job.spec.lang)
    folder = upload.folder / f"job-{secrets.token_hex(6)}"
    replanned = Job(replace(job.spec, folder=folder, replan=published, replan_from=day,
                            relax=False),
                    choice=job.choice, title=job.title)
    return site.submit(request, upload, replanned)


async def job_continue(request: Request) -> Response:
    """A roster not proven the best: the same solve again with more time (four times the
    last limit when the clock stopped it, the same limit when the user did), as a new job
    with its own id, so the first roster stays on its page."""
    site: Site = request.app.state.site
    upload, job = site.job_of(request)
    await site.require_csrf(request)
    if job.result is None:
        raise HTTPException(404)
    factor = 1.0 if job.result.stop_signal or job.cancelled else 4.0
    folder = upload.folder / f"job-{secrets.token_hex(6)}"
    longer = Job(replace(job.spec, folder=folder, time_limit=job.spec.time_limit * factor),
                 choice=job.choice, title=job.title)
    return site.submit(request, upload, longer)


async def job_cancel(request: Request) -> Response:
    site: Site = request.app.state.site
    upload, job = site.job_of(request)
    await site.require_csrf(request)
    if not site.queue.withdraw(job, t("web_cancelled_queued")):
        job.cancel()
    if request.headers.get("hx-request"):
        return site.render(request, "_progress.html", upload=upload, job=job,
                           **_queue_context(site, job))
    return RedirectResponse(f"/u/{upload.token}/jobs/{job.id}", status_code=303)


async def download_roster(request: Request) -> Response:
    """The workbook, written for this download and removed once it is sent."""
    site: Site = request.app.state.site
    upload, job = site.job_of(request)
    if job.result is None:
        raise HTTPException(404)
    if upload.input is None:
        raise HTTPException(404)
    lang = use_language(request)
    site.check_room()
    folder = upload.folder / f"out-{secrets.token_hex(8)}"
    path = await _written(_roster_file, job.result, upload.input, folder, lang)
    return FileResponse(path, filename=f"jadwal-{job.result.scenario_name}.xlsx",
                        media_type=XLSX,
                        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))


async def _written(writer: Callable[..., Path], result: Any, source: Path, folder: Path,
                   lang: str, *args: Any) -> Path:
    """`writer`'s file, written in a thread through the CLI's output plan (`OutputSet`:
    temporary names, renamed at the end). A failure (a full disk) leaves no file behind
    and is a page naming the reason, never a 500."""
    try:
        return await run_in_threadpool(writer, result, source, folder, lang, *args)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise Refused(507, "web_write_failed", reason=_reason(exc)) from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _reason(error: OSError) -> str:
    """The system's reason ("No space left on device"), never our private paths: the
    output plan's one-line message wraps the original error, which names them."""
    original = error.__context__ if isinstance(error.__context__, OSError) else error
    return original.strerror or type(original).__name__


def _roster_file(result: Any, source: Path, folder: Path, lang: str) -> Path:
    """The CLI's roster workbook (`solve -o`), the same writer and output plan."""
    set_language(lang)
    path = folder / "jadwal.xlsx"
    write_outputs(result, [source], path, lang=lang)
    return path


async def download_per_unit(request: Request) -> Response:
    """One printable workbook per unit, zipped; removed once it is sent."""
    return await _unit_files(request, "per_unit", "jadwal-per-unit")


async def download_pdfs(request: Request) -> Response:
    """One printable PDF per unit, zipped; removed once it is sent."""
    return await _unit_files(request, "pdf", "jadwal-pdf")


async def _unit_files(request: Request, kind: str, stem: str) -> Response:
    site: Site = request.app.state.site
    upload, job = site.job_of(request)
    if job.result is None or upload.input is None:
        raise HTTPException(404)
    lang = use_language(request)
    site.check_room()
    folder = upload.folder / f"out-{secrets.token_hex(8)}"
    archive = await _written(_unit_zip, job.result, upload.input, folder, lang, kind)
    return FileResponse(archive, filename=f"{stem}-{job.result.scenario_name}.zip",
                        media_type="application/zip",
                        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))


def _unit_zip(result: Any, source: Path, folder: Path, lang: str, kind: str) -> Path:
    """The CLI's `--per-unit DIR` or `--pdf DIR` files (same writer, same names), zipped."""
    return unit_zip(result, source, folder, lang, kind)


async def export_start(request: Request) -> Response:
    """Per-unit files (workbooks, PDFs or both) as one zip, made in the background; the
    answer is a page showing how far it is, then the download."""
    site: Site = request.app.state.site
    upload, job = site.job_of(request)
    form = await site.require_csrf(request)
    kind = form.get("kind", "")
    if job.result is None or upload.input is None or kind not in EXPORT_KINDS:
        raise HTTPException(404)
    lang = use_language(request)
    site.check_room()
    folder = upload.folder / f"out-{secrets.token_hex(8)}"
    folder.mkdir(mode=0o700)
    stem = {"per_unit": "jadwal-per-unit", "pdf": "jadwal-pdf", "all": "jadwal-unit"}[kind]
    export = Export(kind, folder, f"{stem}-{job.result.scenario_name}.zip")
    job.exports[export.id] = export.start(job.result, upload.input, lang)
    return RedirectResponse(f"/u/{upload.token}/jobs/{job.id}/exports/{export.id}",
                            status_code=303)


def export_of(site: Site, request: Request) -> tuple[Upload, Job, Export]:
    upload, job = site.job_of(request)
    export = job.exports.get(request.path_params["export"])
    if export is None:
        raise HTTPException(404)
    return upload, job, export


async def export_page(request: Request) -> Response:
    site: Site = request.app.state.site
    upload, job, export = export_of(site, request)
    return site.render(request, "export.html", upload=upload, job=job, export=export)


async def export_progress(request: Request) -> Response:
    site: Site = request.app.state.site
    upload, job, export = export_of(site, request)
    return site.render(request, "_export.html", upload=upload, job=job, export=export)


async def export_file(request: Request) -> Response:
    site: Site = request.app.state.site
    _, _, export = export_of(site, request)
    if export.path is None or not export.path.exists():
        raise HTTPException(404)
    return FileResponse(export.path, filename=export.name, media_type="application/zip")


async def download_conflicts(request: Request) -> Response:
    """The `Konflik` workbook: every unit whose rules clash, as the CLI writes it."""
    site: Site = request.app.state.site
    _, job = site.job_of(request)
    if job.conflicts is None or not job.conflicts.exists():
        raise HTTPException(404)
    return FileResponse(job.conflicts, filename="konflik.xlsx", media_type=XLSX)


async def check_upload(request: Request) -> Response:
    """A hand-edited roster, checked against this upload's staff and a circular."""
    site: Site = request.app.state.site
    upload = site.upload_of(request)
    lang = use_language(request)
    if upload.input is None or has_errors(upload.report):
        raise HTTPException(400)
    room = site.check_room()
    folder = upload.folder / f"check-{secrets.token_hex(6)}"
    folder.mkdir(mode=0o700)
    try:
        path, client_name, fields = await receive_file(
            request.headers.get("content-type", ""), request.headers.get("content-length"),
            request.stream(), folder, min(site.config.max_upload_mb * 1024 * 1024, room),
            lambda sent: csrf_ok(request, sent), file_field="roster")
        scenario = scenario_of(upload, fields.get("scenario", ""))
        report = await site.in_worker(check_file, path, upload.input, scenario, lang)
    except UploadRefused as exc:
        return site.render(request, "check.html", status=exc.status, upload=upload,
                           error=t(exc.key, **exc.params))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    name = display_name(client_name)
    report = report or {"error": [t("web_unreadable")]}
    renames = {str(path): name, str(upload.input): upload.name, str(folder): ""}
    return site.render(request, "check.html", upload=upload, name=name,
                       report=_renamed(report, renames))


def _renamed(value: Any, renames: dict[str, str]) -> Any:
    """Every text of a report with our private paths replaced by the names the user knows."""
    if isinstance(value, str):
        for old, new in renames.items():
            value = value.replace(old, new)
        return value
    if isinstance(value, list):
        return [_renamed(v, renames) for v in value]
    if isinstance(value, dict):
        return {k: _renamed(v, renames) for k, v in value.items()}
    return value


async def delete_upload(request: Request) -> Response:
    site: Site = request.app.state.site
    upload = site.upload_of(request)
    await site.require_csrf(request)
    site.workspace.remove(upload.token, site.stop_jobs)
    return RedirectResponse("/", status_code=303)


async def choose_language(request: Request) -> Response:
    lang = request.path_params["lang"]
    target = request.query_params.get("next", "/")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = "/"
    response = RedirectResponse(target, status_code=303)
    if lang in LANGUAGES:
        response.set_cookie(LANG_COOKIE, lang, samesite="strict", max_age=365 * 86400)
    return response


# -- errors: a page in the user's language, never a stack trace ----------------------------
#: The sentence for each status an `HTTPException` may carry; anything else is a bad request.
ERROR_KEYS = {403: "web_csrf", 404: "web_not_found", 408: "web_timeout",
              413: "web_body_too_large"}


async def error_page(request: Request, exc: Exception) -> Response:
    """Every refusal, whatever raised it: a page with the status and one sentence."""
    site: Site = request.app.state.site
    code = exc.status_code if isinstance(exc, HTTPException) else 400
    use_language(request)
    if isinstance(exc, Refused):
        message = t(exc.key, **exc.params)
    else:
        message = t(ERROR_KEYS.get(code, "web_bad_request"))
    return site.render(request, "error.html", status=code, message=message)


async def client_gone(request: Request, exc: Exception) -> Response:
    """The browser closed the connection mid-request (an aborted upload): nothing to say,
    nothing logged; the route has already removed what it had written."""
    return Response(status_code=400)


async def server_error(request: Request, exc: Exception) -> Response:
    """A bug: a page in the user's language; the traceback goes to the server's log only."""
    traceback.print_exception(exc, file=sys.stderr)
    site: Site = request.app.state.site
    use_language(request)
    return site.render(request, "error.html", status=500, message=t("web_internal"))


def create_app(config: Config | None = None) -> Starlette:
    config = config or Config()
    site = Site(config)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        sweeper = asyncio.create_task(_sweep(site))
        if config.on_ready is not None:
            config.on_ready()
        try:
            yield
        finally:
            sweeper.cancel()
            site.close()

    routes = [
        Route("/", index),
        Route("/upload", upload_file, methods=["POST"]),
        Route("/lang/{lang}", choose_language),
        Route("/u/{token}", upload_page),
        Route("/u/{token}/scenario", scenario_form),
        Route("/u/{token}/scenario", scenario_save, methods=["POST"]),
        Route("/u/{token}/scenario.toml", scenario_download),
        Route("/u/{token}/scenario-file", scenario_file, methods=["POST"]),
        Route("/u/{token}/solve", solve, methods=["POST"]),
        Route("/u/{token}/delete", delete_upload, methods=["POST"]),
        Route("/u/{token}/check", check_upload, methods=["POST"]),
        Route("/u/{token}/jobs/{job}/konflik.xlsx", download_conflicts),
        Route("/u/{token}/jobs/{job}", job_page),
        Route("/u/{token}/jobs/{job}/progress", job_progress),
        Route("/u/{token}/jobs/{job}/cancel", job_cancel, methods=["POST"]),
        Route("/u/{token}/jobs/{job}/relax", job_relax, methods=["POST"]),
        Route("/u/{token}/jobs/{job}/continue", job_continue, methods=["POST"]),
        Route("/u/{token}/jobs/{job}/replan", job_replan, methods=["POST"]),
        Route("/u/{token}/jobs/{job}/jadwal.xlsx", download_roster),
        Route("/u/{token}/jobs/{job}/per-unit.zip", download_per_unit),
        Route("/u/{token}/jobs/{job}/pdf.zip", download_pdfs),
        Route("/u/{token}/jobs/{job}/export", export_start, methods=["POST"]),
        Route("/u/{token}/jobs/{job}/exports/{export}", export_page),
        Route("/u/{token}/jobs/{job}/exports/{export}/progress", export_progress),
        Route("/u/{token}/jobs/{job}/exports/{export}/file", export_file),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders),
                  Middleware(AccessGuard, allowed=config.allowed_hosts, token=config.token,
                             refuse=site.refuse),
                  Middleware(BodyLimits, file_limit=(config.max_upload_mb + 1) * 1024 * 1024,
                             read_timeout=config.read_timeout)]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPException: error_page, ClientDisconnect: client_gone,
                                        Exception: server_error})
    app.state.site = site
    return app


async def _sweep(site: Site) -> None:
    """Removes uploads (and their files) nobody has looked at for the idle timeout."""
    while True:
        await asyncio.sleep(site.config.sweep_seconds)
        await run_in_threadpool(site.workspace.sweep, site.stop_jobs)
