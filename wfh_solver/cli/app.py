"""`wfh-solver`: a thin command line over `wfh_solver.api`.

Each command parses, makes one library call, renders, and turns the library's
named exceptions into one clear line and an exit code:
0 roster written · 1 anything else · 2 bad input or scenario · 3 policy cannot be met.
"""

from __future__ import annotations

import json
import numbers
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from wfh_solver.base.messages import CATALOGUE, LANGUAGES, language, set_language, t
from wfh_solver.base.signals import Stopped, raise_if_stopped
from wfh_solver.cli import plain, usage
from wfh_solver.cli.startup import STARTED, cli_language, install_handlers
from wfh_solver.cli.terminal import Terminal, json_visible, route_library_chatter

if TYPE_CHECKING:  # the library is imported by each command, not to print --help
    from rich.table import Table

    from wfh_solver.policy.problem import PolicyInfeasible
    from wfh_solver.solve.result import Result

EXIT_OK, EXIT_OTHER, EXIT_INPUT, EXIT_INFEASIBLE = 0, 1, 2, 3
EXIT_VIOLATIONS = 4  # `check`: the roster breaks rules
EXIT_RELAXED = 5  # `solve --relax`: a roster was written, and it breaks rules
EXIT_PARTIAL = 6  # `batch`: the summary is written, but some tasks failed

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Rotating WFH/WFO rosters for civil servants under a circular.")
# Every line printed goes through these two: text from files is shown escaped, never as markup
err = Terminal(stderr=True, highlight=False, soft_wrap=True)
out = Terminal(highlight=False, soft_wrap=True)
T = TypeVar("T")


class Exit(Exception):
    def __init__(self, code: int, lines: list[str]) -> None:
        self.code, self.lines = code, lines
        super().__init__("\n".join(lines))


def _guard(action: Callable[[], T]) -> T:
    """Library errors → one message and an exit code; never a traceback for the user."""
    from wfh_solver.policy.problem import PolicyInfeasible
    from wfh_solver.policy.scenario import ScenarioError
    from wfh_solver.read.errors import InputError

    try:
        return action()
    except InputError as exc:
        lines = [f"{t('error')}: {p.line()}" for p in exc.problems[:20]]
        if len(exc.problems) > 20:
            lines.append(t("more_problems", count=len(exc.problems) - 20))
        raise Exit(EXIT_INPUT, lines) from None
    except ScenarioError as exc:
        raise Exit(EXIT_INPUT, [f"{t('error')}: {exc}"]) from None
    except PolicyInfeasible as exc:
        raise Exit(EXIT_INFEASIBLE, [t("policy_cannot")]
                   + [f"  - {r}" for r in exc.reasons[:20]]) from exc
    except (ValueError, OSError) as exc:
        raise Exit(EXIT_INPUT if isinstance(exc, ValueError) else EXIT_OTHER,
                   [f"{t('error')}: {exc}"]) from None


def _parse_date(text: str | None, option: str) -> date | None:
    """ISO (2020-04-01) or the dd/mm/yyyy HR types everywhere else (01/04/2020)."""
    if text is None:
        return None
    day = next((d for form in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
                if (d := _strptime(text.strip(), form)) is not None), None)
    if day is None:
        raise Exit(EXIT_INPUT, [f"{t('error')}: " + t("bad_date", option=option, value=text)])
    from wfh_solver.domain.calendar import PeriodError, check_period

    try:  # the supported date window, for every command
        check_period(day, day)
    except PeriodError as exc:
        raise Exit(EXIT_INPUT, [f"{t('error')}: {option}: {exc}"]) from None
    return day


def _strptime(text: str, form: str) -> date | None:
    try:
        return datetime.strptime(text, form).date()
    except ValueError:
        return None


def _show_version(value: bool) -> None:
    if value:
        out.print(f"wfh-solver {_version()}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_show_version,
        help="Show the version and exit")] = False) -> None:
    """Rotating WFH/WFO rosters for civil servants under a circular."""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    try:
        return installed_version("wfh-solver")
    except PackageNotFoundError:
        from wfh_solver import __version__
        return __version__


@app.command("solve")
def solve_command(
    input: Annotated[Path, typer.Argument(help="Employee list (.xlsx, .xls, .ods, .csv)")],
    scenario: Annotated[str, typer.Option("--scenario", "-s", help="Bundled name or TOML path")],
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Output .xlsx or .csv")] = Path(
        "jadwal.xlsx"),
    date_from: Annotated[str | None, typer.Option("--from", help="Period start YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Period end YYYY-MM-DD")] = None,
    workweek: Annotated[str | None, typer.Option(
        help="senin-jumat or senin-sabtu (mon-fri, mon-sat; default: the scenario's)")] = None,
    per_unit: Annotated[Path | None, typer.Option(help="Also one workbook per unit here")] = None,
    pdf: Annotated[Path | None, typer.Option(help="Also one printable PDF per unit here")] = None,
    sheet: Annotated[str | None, typer.Option(help="Sheet to read")] = None,
    columns: Annotated[Path | None, typer.Option(help="TOML mapping unusual headers")] = None,
    time_limit: Annotated[float, typer.Option(help="Seconds for the solver")] = 120.0,
    seed: Annotated[int, typer.Option(help="Solver seed")] = 0,
    workers: Annotated[int, typer.Option(
        min=0, help="Threads; 0 = all cores, one CP-SAT search per unit")] = 0,
    lang: Annotated[str, typer.Option(help="id (Indonesian) or en")] = "id",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display")] = False,
    overwrite: Annotated[bool, typer.Option(
        help="Replace existing output files that wfh-solver did not make")] = False,
    relax: Annotated[bool, typer.Option(
        "--relax", help="If the rules cannot all hold, break them as little as possible "
                        "(exit 5, sheet Pelanggaran)")] = False,
    previous: Annotated[list[Path] | None, typer.Option(
        help="An earlier roster (repeatable): fairness counts WFH days over all of them")
    ] = None,
    pin: Annotated[Path | None, typer.Option(
        help="A roster whose filled day cells (WFO, WFH, CUTI, DL) are kept exactly")] = None,
    tim: Annotated[bool, typer.Option(
        "--tim", help="Fixed teams per sub-unit among rosters with the same levels")] = False,
    replan: Annotated[Path | None, typer.Option(
        help="A published roster: kept before --from, changed from it as little as the "
             "rules allow")] = None,
) -> None:
    """Solve a roster and write it to Excel (or CSV)."""
    from wfh_solver import api
    from wfh_solver.check.staff_list import load_column_map
    from wfh_solver.domain.calendar import workweek_code
    from wfh_solver.policy.problem import PolicyInfeasible
    from wfh_solver.policy.scenario import load_scenario
    from wfh_solver.write import plan_outputs, write_outputs

    _use_language(lang)
    if workweek is not None:
        code = workweek_code(workweek)
        if code is None:
            raise Exit(EXIT_INPUT, [f"{t('error')}: " + t("workweek_unknown", value=workweek)])
        workweek = code
    start = _parse_date(date_from, "--from")
    end = _parse_date(date_to, "--to")
    if start is not None and end is not None and start > end:
        raise Exit(EXIT_INPUT, [f"{t('error')}: " + t("period_reversed", start=_dmy(start),
                                                       end=_dmy(end))])
    if out_path.suffix.lower() not in (".xlsx", ".csv"):
        raise Exit(EXIT_INPUT, [f"{t('error')}: " + t("out_suffix", path=out_path)])
    replan_from = None
    if replan is not None:  # --from is the day the changes take effect; the period is the
        if start is None:   # published roster's
            raise Exit(EXIT_INPUT, [f"{t('error')}: " + t("replan_needs_from")])
        replan_from, start, end = start, None, None
    # the scenario and its period are checked before a large file is read
    rules = _guard(lambda: load_scenario(scenario).with_period(start, end, workweek))
    inputs = [input] + ([columns] if columns else []) + list(previous or []) + (
        [pin] if pin else []) + ([replan] if replan else [])
    pdf_dirs = [(pdf, ".pdf")] if pdf is not None else []
    _guard(lambda: plan_outputs(inputs, out_path, per_unit=per_unit, extra_dirs=pdf_dirs,
                                overwrite=overwrite))
    column_map = _guard(lambda: load_column_map(columns)) if columns else None
    with _progress(quiet) as report:
        try:
            result = _guard(lambda: api.plan(
                input, rules, time_limit=time_limit, seed=seed, workers=workers, sheet=sheet,
                column_map=column_map, progress=report, relax=relax,
                roster_sheet=_roster_sheet(lang), previous=list(previous or []), pin=pin,
                teams=tim, replan=replan, replan_from=replan_from))
        except Exit as failed:
            if isinstance(failed.__cause__, PolicyInfeasible):
                lines = _report_conflicts(failed.__cause__, out_path, lang, inputs, overwrite)
                raise Exit(EXIT_INFEASIBLE, lines) from None
            raise
        report("write", 0, 1)
        _guard(lambda: write_outputs(result, inputs, out_path, per_unit=per_unit, pdf=pdf,
                                     lang=lang,
                                     overwrite=overwrite))
        report("write", 1, 1)
    if result.violations:  # said first and plainly, whatever --quiet says
        total = sum(v.shortfall for v in result.violations if v.kind in ("minimum", "maximum"))
        err.print(t("rx_head", count=len(result.violations), total=total), style="bold red")
    elif relax and not quiet:
        err.print(t("rx_clean"))
    for note in result.notes:  # parts of --pin/--previous left out: said whatever --quiet says
        err.print(t("cli_note", text=note), style="yellow", markup=False)
    if result.revision is not None:  # who must be told: said whatever --quiet says
        _print_revision(result)
    if not quiet:
        _print_summary(result, out_path)
    if result.violations:
        for v in result.violations[:5]:
            err.print(f"  - {v.text}")
        if len(result.violations) > 5:
            err.print(t("ev_and_more", count=len(result.violations) - 5))
    if result.interrupted and result.stop_signal:
        raise Exit(128 + result.stop_signal,
                   [t("signal_solved", signal=signal.Signals(result.stop_signal).name)])
    if result.violations:
        raise Exit(EXIT_RELAXED, [])


_SHOWN_CONFLICTS = 5


def _print_revision(result: Any) -> None:
    """The replan in one line, and each rule that forced changes."""
    rev = result.revision
    proven = result.levels[0].status.value == "OPTIMAL"
    err.print(t("replan_line", number=rev.number, day=_dmy(rev.start), cells=rev.count,
                people=rev.people, proven=t("replan_yes") if proven else t("replan_no")),
              markup=False)
    for reason in rev.reasons[:10]:
        err.print("  - " + t("replan_why", reason=reason), markup=False)


def _roster_sheet(lang: str) -> str:
    from wfh_solver.base.labels import check_lang, label

    return label("sheet_roster", check_lang(lang))


def _report_conflicts(error: PolicyInfeasible, out_path: Path, lang: str,
                      inputs: list[Path], overwrite: bool) -> list[str]:
    """Every unit in conflict to a `Konflik` workbook (`OUT-konflik.xlsx`); the first few on
    the terminal."""
    from wfh_solver.explain import Conflicts, by_rule
    from wfh_solver.write import plan_outputs
    from wfh_solver.write.findings import write_conflicts

    conflicts = error.conflicts if isinstance(error, Conflicts) else []
    problem = error.problem if isinstance(error, Conflicts) else None
    lines = [t("policy_cannot")]
    if conflicts:
        lines.append(t("ex_head", count=len(conflicts)))
        common = sorted(by_rule(conflicts).items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        if common:  # only HR's own cells clash: nothing to count
            lines.append(t("ex_by_rule", rules=", ".join(f"'{r}' ({n})" for r, n in common)))
    for k, reason in enumerate(error.reasons[:_SHOWN_CONFLICTS]):
        lines.append(f"  - {reason}")
        fixes = conflicts[k].fixes if k < len(conflicts) and conflicts[k].text == reason else ()
        if fixes:
            lines.append("    " + t("fix_line", fixes=f" {t('fix_or')} ".join(fixes)))
    if len(error.reasons) > _SHOWN_CONFLICTS:
        lines.append(t("ex_more_units", count=len(error.reasons) - _SHOWN_CONFLICTS))
    # Beside the roster, never over it: an earlier roster stays as it was.
    target = out_path.with_name(out_path.stem + "-konflik.xlsx")
    try:
        plan_outputs(inputs, target, overwrite=overwrite)
        write_conflicts(problem, conflicts, error.reasons, target, lang)
        lines.append(t("ex_written", path=target))
        lines.append(t("fix_hint"))
    except (OSError, ValueError) as exc:
        lines.append(f"{t('error')}: {exc}")
    return lines


PHASES = {"read": "membaca / reading", "build": "menyusun aturan / building",
          "solve": "menyelesaikan / solving", "write": "menulis / writing"}


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[str, int, int], None]]:
    """A live progress display on stderr, only for a person at a terminal."""
    if quiet or not sys.stderr.isatty():
        yield _note_phase
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def report(phase: str, done: int, total: int) -> None:
            _note_phase(phase, done, total)
            if phase not in tasks:
                tasks[phase] = bar.add_task(PHASES.get(phase, phase), total=total)
            bar.update(tasks[phase], completed=done, total=total)

        yield report


_phase = [""]  # no phase: a command that is not a run (serve, scenarios)
_stop_line = ["signal_stopped"]  # what a signal's line says was kept


def _note_phase(phase: str, done: int, total: int) -> None:
    """Remember the phase, so a signal's one line can say what it interrupted."""
    _phase[0] = phase


def _as_one_set() -> None:
    """This command writes one set of files (`batch`, `compare`): a signal's line says
    that nothing was written and that existing files are as they were."""
    _stop_line[0] = "signal_kept_none"


def _decimal(value: float, lang: str) -> str:
    """1,7 in Indonesian, 1.7 in English: numbers read as the reader writes them."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "id" else text


def _print_summary(result: Result, out_path: Path) -> None:
    """What a head of unit would want first (all rules met? how many in? who rotates?),
    then one line on the proof; the solver's levels are on the Teknis sheet."""
    from wfh_solver.write.memo import figures, verdict

    roster = result.roster
    lang = language()
    err.print(t("summary_head", title=result.scenario_title,
                employees=len(roster.employees), days=len(roster.days), out=out_path))
    err.print(f"  {verdict(result, lang)}")
    for line in figures(result, lang):
        err.print(f"  {line}")
    proven = all(lv.objective == lv.bound for lv in result.levels)
    err.print("  " + t("summary_proof" if proven else "summary_not_proven",
                       levels=len(result.levels), status=result.status.value,
                       warnings=len(result.warnings),
                       seconds=_decimal(time.monotonic() - STARTED, lang)))
    if result.interrupted:
        err.print(f"  {t('interrupted')}", style="yellow")
    elif not result.is_optimal:
        err.print(f"  {t('time_limit_hit')}", style="yellow")


@app.command("compare")
def compare_command(
    input: Annotated[Path, typer.Argument(help="Employee list (.xlsx, .xls, .ods, .csv)")],
    scenario: Annotated[list[str], typer.Option(
        "--scenario", "-s", help="Bundled name or TOML path; repeat for each case")],
    sweep: Annotated[list[str] | None, typer.Option(
        help="RULE.FIELD=v1,v2,… : that rule at each value (repeatable)")] = None,
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Comparison .xlsx")] = Path(
        "compare.xlsx"),
    plots: Annotated[Path | None, typer.Option(help="Also PNG and SVG charts here")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Period start YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Period end YYYY-MM-DD")] = None,
    sheet: Annotated[str | None, typer.Option(help="Sheet to read")] = None,
    columns: Annotated[Path | None, typer.Option(help="TOML mapping unusual headers")] = None,
    time_limit: Annotated[float, typer.Option(help="Seconds for the solver, per case")] = 120.0,
    seed: Annotated[int, typer.Option(help="Solver seed")] = 0,
    workers: Annotated[int, typer.Option(
        min=0, help="Cases solved side by side; 0 = one per core")] = 0,
    scheduler: Annotated[str | None, typer.Option(
        help="Dask: 'local' (LocalCluster on 127.0.0.1) or tcp://HOST:PORT")] = None,
    lang: Annotated[str, typer.Option(help="id (Indonesian) or en")] = "id",
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    overwrite: Annotated[bool, typer.Option(
        help="Replace existing output files that wfh-solver did not make")] = False,
) -> None:
    """Solve one staff list under several scenarios and write one comparison (and charts)."""
    from wfh_solver import api
    from wfh_solver.check.staff_list import load_column_map
    from wfh_solver.model.cpsat import SolveOptions
    from wfh_solver.plan.batch import Case
    from wfh_solver.plan.compare import (
        compare,
        output_paths,
        sweep_cases,
        unique_labels,
        write_comparison,
    )
    from wfh_solver.policy.scenario import load_scenario
    from wfh_solver.write import plan_outputs

    _use_language(lang)
    _as_one_set()
    _check_scheduler(scheduler)
    start = _parse_date(date_from, "--from")
    end = _parse_date(date_to, "--to")
    if out_path.suffix.lower() != ".xlsx":
        raise Exit(EXIT_INPUT, [f"{t('error')}: --out {out_path}: .xlsx"])
    inputs = [input, *([columns] if columns else []), *_scenario_files(scenario)]
    column_map = _guard(lambda: load_column_map(columns)) if columns else None
    scenarios = _guard(lambda: [load_scenario(name) for name in scenario])
    cases = [Case(s, start, end) for s in scenarios]  # labelled by the scenario's name
    swept = _guard(lambda: [c for spec in sweep or [] for c in sweep_cases(scenarios, spec)])
    cases += [Case(c.scenario, start, end, c.label) for c in swept]
    # every file the run may write is checked before anything is read or solved
    out, *charts = output_paths(unique_labels(cases), out_path, plots)
    _guard(lambda: plan_outputs(inputs, out, files=charts, overwrite=overwrite))
    periods = _guard(lambda: [api.scenario_over(c.scenario, c.start, c.end) for c in cases])
    hull = (min(p.start for p in periods), max(p.end for p in periods))
    _note_phase("read", 0, 1)
    staff = _guard(lambda: api.read_employees(input, sheet, column_map, hull))
    # every case's roster within the limits, before any worker starts
    _guard(lambda: [api.checked_period(c.scenario, len(staff.employees), c.start, c.end)
                    for c in cases])
    options = SolveOptions(time_limit, seed, workers=1)
    _note_phase("solve", 0, 1)
    result = _guard(lambda: compare(staff, cases, scheduler=scheduler, workers=workers,
                                    options=options))
    _note_phase("write", 0, 1)
    _guard(lambda: write_comparison(result, out_path, lang=lang, plots=plots, inputs=inputs,
                                    overwrite=overwrite))
    if not quiet:
        table = _table(*(t(f"cmp_col_{k}") for k in ("case", "status", "share", "min", "max",
                                                      "seconds")), title=str(out_path))
        for label, row in result.summary().iterrows():
            table.add_row(str(label), str(row.get("status")),
                          f"{row['office_share']:.1%}" if row.get("error") == "" else
                          str(row.get("error"))[:60],
                          _number(row.get("min_daily_office")),
                          _number(row.get("max_daily_office")), _number(row.get("seconds")))
        err.print(table)


def _number(value: object) -> str:
    """A table cell: integers without `.0`, a missing value (a failed case) blank."""
    if not isinstance(value, numbers.Real) or value != value:
        return ""
    return f"{value:g}"


def _scenario_files(names: list[str]) -> list[Path]:
    """The scenarios given as TOML files: inputs, never to be written over."""
    return [Path(n) for n in names if Path(n).is_file()]


def _check_scheduler(scheduler: str | None) -> None:
    if scheduler is not None and scheduler != "local" and not scheduler.startswith("tcp://"):
        raise Exit(EXIT_INPUT, [f"{t('error')}: " + t("batch_bad_scheduler", value=scheduler)])


@app.command("batch")
def batch_command(
    inputs: Annotated[str, typer.Argument(
        help="A folder of staff lists, or a glob ('exports/*.xlsx'); one per government")],
    scenario: Annotated[list[str], typer.Option(
        "--scenario", "-s", help="Bundled name or TOML path; repeat for each")],
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Summary .xlsx")] = Path(
        "summary.xlsx"),
    rosters: Annotated[Path | None, typer.Option(
        help="Also each roster here, as INPUT__SCENARIO.xlsx")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Period start YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Period end YYYY-MM-DD")] = None,
    time_limit: Annotated[float, typer.Option(help="Seconds for the solver, per task")] = 120.0,
    seed: Annotated[int, typer.Option(help="Solver seed")] = 0,
    workers: Annotated[int, typer.Option(
        min=0, help="Local processes (or LocalCluster workers); 0 = one per core")] = 0,
    scheduler: Annotated[str | None, typer.Option(
        help="Dask: 'local' (LocalCluster on 127.0.0.1) or tcp://HOST:PORT")] = None,
    lang: Annotated[str, typer.Option(help="id (Indonesian) or en")] = "id",
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    overwrite: Annotated[bool, typer.Option(
        help="Replace existing output files that wfh-solver did not make")] = False,
) -> None:
    """Solve every staff list under every scenario: one summary row per task.

    Exit 0 when every task solved, 6 when the summary is written but some failed.
    """
    from wfh_solver.model.cpsat import SolveOptions
    from wfh_solver.plan.batch import Case, batch, roster_paths, staff_lists
    from wfh_solver.policy.scenario import load_scenario
    from wfh_solver.write import plan_outputs

    _use_language(lang)
    _as_one_set()
    start = _parse_date(date_from, "--from")
    end = _parse_date(date_to, "--to")
    if out_path.suffix.lower() != ".xlsx":
        raise Exit(EXIT_INPUT, [f"{t('error')}: --out {out_path}: .xlsx"])
    _check_scheduler(scheduler)
    # this batch's own earlier summary or rosters in the same folder are not staff lists
    files = staff_lists(inputs, out_path, rosters)
    if not files:
        raise Exit(EXIT_INPUT, [f"{t('error')}: " + t("batch_no_files", spec=inputs)])
    scenarios = _guard(lambda: [load_scenario(name) for name in scenario])
    cases = [Case(s, start, end) for s in scenarios]  # labelled by the scenario's name
    planned = roster_paths(files, cases, rosters) if rosters is not None else []
    _guard(lambda: plan_outputs([*files, *_scenario_files(scenario)], out_path, files=planned,
                                overwrite=overwrite))
    options = SolveOptions(time_limit, seed, workers=1)
    _note_phase("solve", 0, 1)
    summary = _guard(lambda: batch(files, cases, scheduler=scheduler, workers=workers,
                                   options=options, roster_dir=rosters, out=out_path,
                                   overwrite=overwrite, lang=lang))
    failed = summary[summary["error"].fillna("") != ""]
    if not quiet or len(failed):
        err.print(t("batch_done", total=len(summary), done=len(summary) - len(failed),
                    failed=len(failed), out=out_path))
    if len(failed):
        raise Exit(EXIT_PARTIAL, [t("batch_failed", failed=len(failed), total=len(summary),
                                    out=out_path)]
                   + [f"  - {r.input} · {r.scenario}: {r.error}" for r in
                      failed.head(20).itertuples()])


def _table(*headers: str, **options: Any) -> Table:
    """A rich table; rich's table module is loaded by the commands that print one."""
    from rich.table import Table

    return Table(*headers, **options)


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@app.command("scenarios")
def scenarios_command(
    lang: Annotated[str, typer.Option(help="id (Indonesian) or en")] = "id",
) -> None:
    """List the bundled scenarios with their source and period."""
    from wfh_solver.policy.scenario import bundled_names, load_scenario
    _use_language(lang)
    scenarios = [load_scenario(name) for name in bundled_names()]
    table = _table(box=None, pad_edge=False)
    # the name is what HR types: never wrapped or cut, whatever the terminal's width
    table.add_column(t("sc_name"), no_wrap=True, min_width=max(len(s.name) for s in scenarios))
    for key in ("sc_source", "sc_period", "sc_title"):
        table.add_column(t(key))
    for sc in scenarios:
        table.add_row(sc.name, sc.reference or sc.title,
                      f"{_dmy(sc.start)} – {_dmy(sc.end)} ({sc.workweek})", sc.title)
    (out if sys.stdout.isatty() else Terminal(highlight=False, width=200)).print(table)


@app.command("sample")
def sample_command(
    out_path: Annotated[Path, typer.Option("--out", "-o")] = Path("pegawai.xlsx"),
    size: Annotated[int, typer.Option(min=1, max=500_000)] = 9000,
    seed: Annotated[int, typer.Option()] = 0,
    leave_share: Annotated[float, typer.Option(
        help="Share of staff with 1-5 working days of leave (Cuti), 0-1")] = 0.0,
    travel_share: Annotated[float, typer.Option(
        help="Share of staff with 1-3 working days of travel (Dinas Luar), 0-1")] = 0.0,
    date_from: Annotated[str | None, typer.Option(
        "--from", help="Start of the absences' period, YYYY-MM-DD (default 2020-07-01)")] = None,
    date_to: Annotated[str | None, typer.Option(
        "--to", help="End of the absences' period (default 2020-07-31)")] = None,
) -> None:
    """Write a realistic synthetic staff list of a regional government."""
    from wfh_solver.sample import write_sample
    from wfh_solver.sample.absences import PERIOD

    period = (_parse_date(date_from, "--from") or PERIOD[0],
              _parse_date(date_to, "--to") or PERIOD[1])
    _guard(lambda: write_sample(out_path, size, seed, leave_share, travel_share, period))
    err.print(t("wrote_sample", size=size, out=out_path))


@app.command("validate")
def validate_command(
    input: Annotated[Path, typer.Argument(help="Employee list")],
    scenario: Annotated[str | None, typer.Option("--scenario", "-s")] = None,
    sheet: Annotated[str | None, typer.Option(help="Sheet to read")] = None,
    columns: Annotated[Path | None, typer.Option(help="TOML mapping unusual headers")] = None,
    output_format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    lang: Annotated[str, typer.Option(help="id (Indonesian) or en")] = "id",
) -> None:
    """Check an employee list: every problem with its cell, and how the file was understood."""
    from wfh_solver.check.staff_list import load_column_map, validation_report
    _use_language(lang)
    if output_format not in ("table", "json"):
        raise Exit(EXIT_INPUT, [f"{t('error')}: " + t("bad_format", value=output_format)])
    column_map = _guard(lambda: load_column_map(columns)) if columns else None
    report = _guard(lambda: validation_report(input, sheet, column_map, scenario))
    if output_format == "json":
        text = json_visible(json.dumps(report, default=str, ensure_ascii=False, indent=2))
        out.print(*text.split("\n"), sep="\n")  # the indentation's line breaks, nothing else
    else:
        _print_validation(report)
    if report["problems"] and any(p["severity"] == "error" for p in report["problems"]):
        raise Exit(EXIT_INPUT, [])


MAX_TABLE_PROBLEMS = 500


def _print_validation(report: dict[str, Any]) -> None:
    problems = report["problems"]
    if problems:
        table = _table(*(t(f"v_{k}") for k in ("severity", "sheet", "row", "column", "value",
                                             "reason", "hint")),
                      title=t("v_problems_in", file=report["file"]))
        for p in problems[:MAX_TABLE_PROBLEMS]:  # a broken 100,000-row file must not
            table.add_row(p["severity"], p["sheet"], str(p["row"] or ""), p["column"],
                          p["value"], p["reason"], p["hint"])  # take minutes and gigabytes
        out.print(table)
        if len(problems) > MAX_TABLE_PROBLEMS:
            out.print(t("v_more_problems", count=len(problems) - MAX_TABLE_PROBLEMS))
    summary = report.get("summary")
    if not summary:
        return
    out.print(t("v_understood", file=report["file"], sheet=summary["sheet"],
                employees=summary["employees"], units=len(summary["units"])))
    words = {"categories": "cat", "unit_types": "ut", "roles": "role"}  # codes said in words
    for title, key in (("v_categories", "categories"), ("v_statuses", "statuses"),
                       ("v_unit_types", "unit_types"),
                       ("v_roles", "roles"),
                       ("v_spellings", "unit_spellings"), ("v_units", "units")):
        if summary.get(key):
            table = _table(t(title), "")
            for name, value in summary[key].items():
                shown = str(name)
                if key in words:
                    shown = CATALOGUE[language()].get(f"{words[key]}_{name}", shown)
                elif key == "statuses":
                    shown = shown.upper().replace("_", " ")
                table.add_row(shown, str(value))
            out.print(table)
    _print_columns(summary)


def _print_columns(summary: dict[str, Any]) -> None:
    """Last, what HR must be able to check: each column read, what it was taken to mean,
    and the columns left unused (a status or title column missed shows here)."""
    from wfh_solver.read.columns import DISPLAY

    table = _table(t("v_column_in_file"), t("v_column_read_as"), title=t("v_columns"))
    for key, shown in summary.get("columns", {}).items():
        table.add_row(shown, DISPLAY.get(key, key))
    out.print(table)
    unused = summary.get("unused_columns") or []
    out.print(t("v_unused", columns=", ".join(unused)) if unused else t("v_no_unused"))


@app.command("check")
def check_command(
    roster: Annotated[Path, typer.Argument(help="Roster workbook (ours, edited, or hand-made)")],
    input: Annotated[Path, typer.Option("--input", "-i", help="Employee list")],
    scenario: Annotated[str, typer.Option("--scenario", "-s", help="Bundled name or TOML path")],
    date_from: Annotated[str | None, typer.Option("--from", help="Period start YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Period end YYYY-MM-DD")] = None,
    workweek: Annotated[str | None, typer.Option(help="mon-fri or mon-sat")] = None,
    sheet: Annotated[str | None, typer.Option(help="Sheet of the employee list")] = None,
    columns: Annotated[Path | None, typer.Option(help="TOML mapping unusual headers")] = None,
    limit: Annotated[int, typer.Option(min=0, help="Violations to print; 0 = all")] = 50,
    lang: Annotated[str, typer.Option(help="id (Indonesian) or en")] = "id",
) -> None:
    """List every rule a roster breaks and every person not where the staff list has them,
    with its cell (exit 0 clean, 4 on violations or differences)."""
    from wfh_solver import api
    from wfh_solver.check.roster import check_roster
    from wfh_solver.check.staff_list import load_column_map

    _use_language(lang)
    start = _parse_date(date_from, "--from")
    end = _parse_date(date_to, "--to")
    if roster.exists() and input.exists() and roster.samefile(input):
        # a roster read as the staff list loses eselon, flags and leave: judged wrongly
        raise Exit(EXIT_INPUT, [f"{t('error')}: " + t("ck_same_file", path=roster)])
    column_map = _guard(lambda: load_column_map(columns)) if columns else None
    rules = _guard(lambda: api.scenario_over(scenario, start, end, workweek))
    staff = _guard(lambda: api.read_employees(input, sheet, column_map,
                                              (rules.start, rules.end)))
    report = _guard(lambda: check_roster(roster, staff, rules))
    problem = report.problem
    facts = {"path": roster, "scenario": problem.scenario.name,
             "employees": len(problem.employees), "days": problem.n_days}
    if report.clean:
        out.print(t("ck_clean", **facts))
        return
    found, moved = report.violations, report.differences
    if not moved:
        out.print(t("ck_found", count=len(found), **facts))
        _print_lines([(_kind_words(v.kind), v.text) for v in found], limit, "ck_more")
        raise Exit(EXIT_VIOLATIONS, [])
    # who is where apart from the rules: its own section, first (it explains the rest)
    out.print(t("ck_found_people", differences=len(moved), count=len(found), **facts))
    out.print(t("ck_section_people", count=len(moved)))
    _print_lines([(d.label, d.text) for d in moved], limit, "ck_more_people")
    if found:
        out.print(t("ck_section_rules", count=len(found)))
        _print_lines([(_kind_words(v.kind), v.text) for v in found], limit, "ck_more")
    raise Exit(EXIT_VIOLATIONS, [])


def _kind_words(kind: str) -> str:
    """A broken rule's kind as HR reads it ("Kurang dari jumlah minimal di kantor")."""
    from wfh_solver.base.labels import CATALOGUE as LABELS

    return LABELS[language()].get(f"vk_{kind}", kind)


def _print_lines(lines: list[tuple[str, str]], limit: int, more: str) -> None:
    """`  - [kind] text` for the first `limit` lines (0: all), then how many were left."""
    shown = lines if limit == 0 else lines[:limit]
    for kind, text in shown:
        out.print(f"  - [{kind}] {text}", markup=False)
    if len(shown) < len(lines):
        out.print(t(more, count=len(lines) - len(shown)))


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(
        help="Address to listen on; anything but 127.0.0.1 exposes staff data")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free)")] = 8765,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open a browser")] = False,
    max_upload_mb: Annotated[int, typer.Option(min=1, max=200)] = 200,
    idle_minutes: Annotated[float, typer.Option(
        min=1, help="Remove uploads and results unused this long")] = 30.0,
    token: Annotated[str | None, typer.Option(
        help="Access token the browser must present (made and printed for a non-loopback "
             "--host)")] = None,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="A host name the page may be opened by (repeatable; loopback "
                             "names and IP addresses are always allowed)")] = None,
    solves: Annotated[int, typer.Option(
        min=0, help="Solves at once; the rest wait in a queue (0: one per core)")] = 0,
) -> None:
    """A local page for HR: upload the staff list, pick the circular, solve, download."""
    from wfh_solver.serve.server import serve

    try:
        serve(host, port, open_browser=not no_browser, max_upload_mb=max_upload_mb,
              idle_minutes=idle_minutes, token=token or None,
              allow_hosts=tuple(allow_host or ()), solves_at_once=solves, say=err.print)
    except OSError as exc:
        raise Exit(EXIT_OTHER, [f"{t('error')}: " + t("web_port_busy", port=port)
                                + f" ({exc.strerror or exc})"]) from None


def _solve_plain(given: dict[str, Any]) -> None:
    """`solve` from a plain command line, ending as typer's click ends a command: end of
    input or an interrupt becomes an empty line and `Abort`."""
    try:
        solve_command(**given)
    except (EOFError, KeyboardInterrupt) as exc:
        sys.stderr.write("\n")
        sys.stderr.flush()
        raise usage.Abort() from exc


def _use_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise Exit(EXIT_INPUT, ["error: " + t("bad_lang", value=lang)])
    set_language(lang)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    install_handlers()  # the console script's entry did it already; `python -m` did not
    set_language(cli_language(args, os.environ))
    route_library_chatter(err, debug=bool(os.environ.get("WFH_SOLVER_DEBUG")))
    command: Any = None
    # A plain `solve` line is read from the same declarations without building typer's
    # parsers (a tenth of a second); any other line, help or mistake goes to typer.
    given = plain.read(args, "solve", plain.params(solve_command))
    try:
        if given is not None:
            _solve_plain(given)
            code = None
        else:
            command = typer.main.get_command(app)
            usage.translate_help(command, panels=usage.asks_help(args))
            code = command.main(args, prog_name=usage.PROG, standalone_mode=False)
        raise_if_stopped()  # a stop a library swallowed during an import: still a stop
        if isinstance(code, int) and code:
            sys.exit(code)
    except Stopped as exc:
        name = signal.Signals(exc.signum).name
        phase = PHASES.get(_phase[0], _phase[0]).split(" / ")[0 if language() == "id" else -1]
        line = t(_stop_line[0], signal=name, phase=phase) if phase \
            else t("signal_stopped_plain", signal=name)
        err.print(line)
        sys.exit(128 + exc.signum)
    except Exit as exc:
        for line in exc.lines:
            err.print(line)
        sys.exit(exc.code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except usage.UsageError as exc:  # typer's own click: a usage mistake, one line, exit 2
        command = command or typer.main.get_command(app)
        err.print(usage.usage_line(exc, list(command.commands), args))
        sys.exit(EXIT_INPUT)
    except (KeyboardInterrupt, usage.Abort):
        err.print(t("aborted"))
        sys.exit(130)
    except Exception as exc:  # anything unforeseen
        cause: BaseException | None = exc
        while cause is not None and not isinstance(cause, Stopped):
            cause = cause.__cause__ or cause.__context__  # a signal inside an import
        if isinstance(cause, Stopped):
            err.print(t("signal_stopped_plain", signal=signal.Signals(cause.signum).name))
            sys.exit(128 + cause.signum)
        if os.environ.get("WFH_SOLVER_DEBUG"):
            raise
        err.print(f"internal error: {type(exc).__name__}: {exc}")
        sys.exit(EXIT_OTHER)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


if __name__ == "__main__":
    main()
