"""Markdown tables and the target verdicts of one run's JSON."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from benchmarks.instances import FAMILIES
from benchmarks.machine import lines as machine_lines

Record = dict[str, Any]
Key = tuple[str, int, int, str]  # family, size, days, scenario

LEVELS = ("intent", "vulnerable", "fairness")
PEER_TITLES = {
    "cpsat-lex": "CP-SAT per-employee, lexicographic",
    "cpsat-weighted": "CP-SAT per-employee, weighted",
    "highs": "HiGHS per-employee MIP, lexicographic",
}
CPSAT_PEERS = ("cpsat-lex", "cpsat-weighted")
PENDING = "full run pending"

# Targets of issue 5.
FLOOR_TARGET = 1.5
MEMORY_TARGET = 2**30
SPEEDUP_TARGET = 20.0
BIG: Key = ("plain", 60_000, 22, "jateng-2020")

# Targets of issue 10, on the families with leave, pins and history.
ISSUE10_FLOOR = 1.0
ISSUE10_GROWTH = 1.05
ISSUE10_FAMILIES = ("leave", "pins", "history")
LEAVE5: Key = ("leave5", 10_000, 22, "")


def seconds(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def mib(value: int | None) -> str:
    return "—" if value is None else f"{value / 2**20:,.0f}"


def times(value: float | None, lower_bound: bool = False) -> str:
    if value is None:
        return "—"
    text = f"{value:.1f}×" if value < 100 else f"{value:,.0f}×"
    return f"≥ {text}" if lower_bound else text


def percent(value: float | None) -> str:
    if value is None:
        return "—"
    share = 100 * value
    if share >= 10:
        return f"{share:.0f}%"
    return f"{share:.1f}%" if share >= 1 else f"{share:.2g}%"


def key(record: Record) -> Key:
    return (record.get("family", "plain"), record["size"], record["days"], record["scenario"])


def order(k: Key) -> tuple[int, int, int, str]:
    """Families in the order of `FAMILIES`, then size, days, scenario."""
    names = list(FAMILIES)
    family, size, days, scenario = k
    return (names.index(family) if family in names else len(names), size, days, scenario)


def family_label(family: str) -> str:
    found = FAMILIES.get(family)
    return found.label if found is not None else family


def instance_name(k: Key) -> str:
    family, size, days, scenario = k
    label = family_label(family)
    return f"{scenario} {size:,}×{days}" + (f", {label}" if label else "")


def _level_cell(level: Record | None) -> str:
    if level is None or level.get("objective") is None:
        return "—"
    bound = level.get("bound")
    text = f"{level['objective']:,}/{'?' if bound is None else format(bound, ',')}"
    if level.get("status") != "OPTIMAL":
        text += f" ({percent(level.get('gap'))})"
    return text


def _levels(record: Record) -> list[str]:
    by_name = {level["name"]: level for level in record.get("levels") or []}
    return [_level_cell(by_name.get(name)) for name in LEVELS]


def _check(ours: Record) -> str:
    check = ours.get("check")
    if not check:
        return "—"
    pins = "" if not check.get("pins") else f" ({check['pins']} pins kept)"
    if check["violations"] == 0 and check["levels_match"] and check.get("pins_kept", True):
        return "✓" + pins
    return (f"✗ {check['violations']} violations, levels match: {check['levels_match']}"
            + ("" if check.get("pins_kept", True) else ", **pins changed**"))


def ours_table(instances: list[Record], pending: Iterable[Key] = ()) -> list[str]:
    head = ("| instance | read s | build s | solve s | write s | end-to-end s | "
            "floor s (read + write) | ÷ floor | peak MiB | status | intent | vulnerable | "
            "fairness | check |")
    out = [head, "|" + "---|" * head.count(" | ") + "---|"]
    rows: list[tuple[Key, str]] = []
    for record in instances:
        ours, floor = record["ours"], record["floor"]
        name = instance_name(key(record))
        if ours.get("outcome") != "ran":
            reason = str(ours.get("reason"))
            reason = reason if len(reason) <= 240 else reason[:240] + " …"
            cells = [name, f"error: {reason}"] + ["—"] * 13
        else:
            floor_cell = (f"{seconds(floor.get('total_seconds'))} "
                          f"({seconds(floor.get('read_seconds'))} + "
                          f"{seconds(floor.get('write_seconds'))})"
                          if floor.get("outcome") == "ran" else "—")
            cells = [name, seconds(ours["read_seconds"]), seconds(ours["build_seconds"]),
                     seconds(ours["solve_seconds"]), seconds(ours["write_seconds"]),
                     seconds(ours["total_seconds"]), floor_cell,
                     times(record.get("end_to_end_over_floor")), mib(ours["peak_rss_bytes"]),
                     ours["status"], *_levels(ours), _check(ours)]
        rows.append((key(record), "| " + " | ".join(cells) + " |"))
    for k in pending:
        rows.append((k, f"| {instance_name(k)} | {PENDING} |" + " |" * 13))
    return out + [row for _, row in sorted(rows, key=lambda r: order(r[0]))]


def _peer_cells(record: Record, name: str, ours_solve: float | None) -> list[str]:
    peer = record["peers"][name]
    label = PEER_TITLES.get(name, name)
    if peer["outcome"] == "skipped":
        return [label, "—", "—", "—", f"skipped: {peer['reason']}", "—", "—", "—", "—", "—"]
    if peer["outcome"] == "killed":
        build = peer.get("build_seconds")
        build_cell = (seconds(build) if build is not None else
                      f"> {seconds(peer['build_cap'])}" if peer.get("kill") == "build" else "—")
        return [label, build_cell, "—", mib(peer.get("peak_rss_bytes")),
                f"killed: {peer['reason']}", "—", "—", "—",
                times(peer.get("speedup"), True), "—"]
    if peer["outcome"] == "error":
        return [label, "—", "—", mib(peer.get("peak_rss_bytes")),
                f"error: {peer['reason']}", "—", "—", "—", "—", "—"]
    agrees = {True: "yes", False: "**NO**", None: "—"}[peer.get("agrees")]
    return [label, seconds(peer["build_seconds"]), seconds(peer["solve_seconds"]),
            mib(peer["peak_rss_bytes"]), peer["status"], *_levels(peer),
            times(peer.get("speedup"), peer.get("speedup_is_lower_bound", False)), agrees]


def peers_table(instances: list[Record], pending: Iterable[Key] = ()) -> list[str]:
    head = ("| instance | peer | model build s | solve s | peak MiB | status | intent | "
            "vulnerable | fairness | peer ÷ our solve | agrees with ours |")
    out = [head, "|" + "---|" * head.count(" | ") + "---|"]
    rows: list[tuple[Key, int, str]] = []
    for record in instances:
        solve = record["ours"].get("solve_seconds")
        for position, name in enumerate(record["peers"]):
            cells = [instance_name(key(record)), *_peer_cells(record, name, solve)]
            rows.append((key(record), position, "| " + " | ".join(cells) + " |"))
    for k in pending:
        rows.append((k, 0, f"| {instance_name(k)} | {PENDING} |" + " |" * 9))
    return out + [row for _, _, row in sorted(rows, key=lambda r: (order(r[0]), r[1]))]


def exponent(small: tuple[int, float], large: tuple[int, float]) -> float | None:
    """Growth exponent b in time ∝ size^b between two sizes (1 = linear)."""
    (n1, t1), (n2, t2) = small, large
    if n1 == n2 or t1 <= 0 or t2 <= 0:
        return None
    return math.log(t2 / t1) / math.log(n2 / n1)


def fitted_exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log time on log size over every point (1 = linear)."""
    usable = [(math.log(n), math.log(t)) for n, t in points if n > 0 and t > 0]
    if len({x for x, _ in usable}) < 2:
        return None
    mean_x = sum(x for x, _ in usable) / len(usable)
    mean_y = sum(y for _, y in usable) / len(usable)
    return (sum((x - mean_x) * (y - mean_y) for x, y in usable)
            / sum((x - mean_x) ** 2 for x, _ in usable))


Series = dict[tuple[str, str, int], list[tuple[int, float]]]  # family, scenario, days


def _series(instances: list[Record], field: str) -> Series:
    series: Series = {}
    for record in instances:
        value = record["ours"].get(field)
        if record["ours"].get("outcome") == "ran" and value is not None:
            series.setdefault((record.get("family", "plain"), record["scenario"],
                               record["days"]), []).append((record["size"], value))
    return {k: sorted(v) for k, v in series.items()}


def _series_order(k: tuple[str, str, int]) -> tuple[int, int, int, str]:
    return order((k[0], 0, k[2], k[1]))


def _missing(instances: list[Record], k: Key) -> str:
    """Why a scaling cell has no time: the instance failed, is not in its family, or pending."""
    for record in instances:
        if key(record) == k:
            return "no roster" if record["ours"].get("outcome") != "ran" else "—"
    found = FAMILIES.get(k[0])
    if found is not None and found.sizes is not None and k[1] not in found.sizes:
        return "—"
    return PENDING


def scaling_table(instances: list[Record], sizes: list[int]) -> list[str]:
    sizes = sorted(sizes)
    steps = list(zip(sizes, sizes[1:], strict=False))
    head = ("| family | scenario × days | time | " + " | ".join(f"{n:,}" for n in sizes)
            + "".join(f" | exponent {a:,}→{b:,}" for a, b in steps)
            + " | fitted exponent (least squares, log–log) |")
    out = [head, "|" + "---|" * head.count(" | ") + "---|"]
    metrics = (("end-to-end", "total_seconds"), ("solve", "solve_seconds"))
    keys = sorted({(r.get("family", "plain"), r["scenario"], r["days"]) for r in instances},
                  key=_series_order)
    for family, scenario, days in keys:
        for label, field in metrics:
            series = _series(instances, field).get((family, scenario, days), [])
            points = dict(series)
            missing = {n: _missing(instances, (family, n, days, scenario)) for n in sizes}
            cells = []
            for n in sizes:
                if n in points:
                    cells.append(f"{seconds(points[n])} s ({1e6 * points[n] / n:,.0f} µs/emp)")
                else:
                    cells.append(missing[n])
            for a, b in steps:
                if a in points and b in points:
                    b_exp = exponent((a, points[a]), (b, points[b]))
                    cells.append("—" if b_exp is None else f"{b_exp:.2f}")
                else:
                    cells.append(PENDING if PENDING in (missing[a], missing[b]) else "—")
            fitted = fitted_exponent(series) if len(series) >= 2 else None
            cells.append("—" if fitted is None else
                         f"{fitted:.2f} (over {', '.join(f'{n:,}' for n, _ in series)})")
            name = family_label(family) or "plain"
            out.append(f"| {name} | {scenario} × {days} | {label} | " + " | ".join(cells)
                       + " |")
    return out


def targets(instances: list[Record]) -> list[Record]:
    """Each target of issue 5 with what was measured and a verdict: met, not met, pending."""
    if not any(key(r)[0] == "plain" for r in instances):
        return issue10_targets(instances)
    by_key = {key(r): r for r in instances if r["ours"].get("outcome") == "ran"
              and key(r)[0] == "plain"}
    out: list[Record] = []

    big = by_key.get(BIG)
    name = instance_name(BIG)
    if big is None:
        out += [{"target": f"{name}: every level OPTIMAL", "measured": None,
                 "verdict": "pending"},
                {"target": f"{name}: end-to-end ≤ {FLOOR_TARGET}× floor", "measured": None,
                 "verdict": "pending"},
                {"target": f"{name}: peak memory ≤ 1 GiB", "measured": None,
                 "verdict": "pending"}]
    else:
        statuses = [level["status"] for level in big["ours"]["levels"]]
        ratio = big.get("end_to_end_over_floor")
        peak = big["ours"]["peak_rss_bytes"]
        out += [{"target": f"{name}: every level OPTIMAL", "measured": "/".join(statuses),
                 "verdict": "met" if all(s == "OPTIMAL" for s in statuses) else "not met"},
                {"target": f"{name}: end-to-end ≤ {FLOOR_TARGET}× floor",
                 "measured": None if ratio is None else f"{ratio:.2f}× floor",
                 "verdict": "pending" if ratio is None else
                 ("met" if ratio <= FLOOR_TARGET else "not met")},
                {"target": f"{name}: peak memory ≤ 1 GiB", "measured": f"{mib(peak)} MiB",
                 "verdict": "met" if peak <= MEMORY_TARGET else "not met"}]

    mid = [r for k, r in sorted(by_key.items()) if k[1] == 10_000 and k[2] == 22]
    ratios = [(r["scenario"], r.get("end_to_end_over_floor")) for r in mid]
    known = [(s, x) for s, x in ratios if x is not None]
    out.append({
        "target": f"10,000×22: end-to-end ≤ {FLOOR_TARGET}× floor",
        "measured": ", ".join(f"{s} {x:.2f}×" for s, x in known) or None,
        "verdict": "pending" if not known else
        ("met" if all(x <= FLOOR_TARGET for _, x in known) else "not met"),
    })

    for peer in CPSAT_PEERS:
        proven, unproven = [], []
        for k, record in sorted(by_key.items()):
            result = record["peers"].get(peer)
            if not result or result.get("speedup") is None:
                continue
            entry = (instance_name(k), result["speedup"])
            if result["outcome"] == "ran" and result["status"] == "OPTIMAL":
                proven.append(entry)
            else:
                unproven.append(entry)
        if not proven and not unproven:
            continue
        measured = "; ".join(f"{n} {times(x)}" for n, x in proven) or "peer proved none"
        if unproven:
            measured += " — where it did not prove: " + "; ".join(
                f"{n} {times(x, True)}" for n, x in unproven)
        out.append({
            "target": f"≥ {SPEEDUP_TARGET:.0f}× faster than {PEER_TITLES[peer]} where it "
                      "proves optimality",
            "measured": measured,
            "verdict": "not testable (peer proved no instance)" if not proven else
            ("met" if all(x >= SPEEDUP_TARGET for _, x in proven) else "not met"),
        })

    series = _series(instances, "total_seconds")
    growth = []
    for (family, scenario, days), points in sorted(series.items()):
        if family != "plain":
            continue
        for small, large in zip(points, points[1:], strict=False):
            b = exponent(small, large)
            if b is not None:
                growth.append((f"{scenario}×{days} {small[0]:,}→{large[0]:,}", b))
    sizes = {r["size"] for r in instances if r.get("family", "plain") == "plain"}
    out.append({
        "target": "end-to-end time grows no faster than linearly (exponent ≤ 1)",
        "measured": ", ".join(f"{n}: {b:.2f}" for n, b in growth) or None,
        "verdict": ("pending" if not growth else
                    ("met" if all(b <= 1.0 for _, b in growth) else "not met")
                    + ("" if 60_000 in sizes else " so far (60,000 pending)")),
    })
    return out + issue10_targets(instances)


def _big_targets(name: str, record: Record | None) -> list[Record]:
    """Every level OPTIMAL, end to end ≤ 1.0× floor, peak ≤ 1 GiB on one 60,000 instance."""
    if record is None or record["ours"].get("outcome") != "ran":
        reason = "" if record is None else str(record["ours"].get("reason"))
        measured = None if record is None else "no roster: " + (
            reason if len(reason) <= 240 else reason[:240] + " …")
        verdict = "pending" if record is None else "not met"
        whats = ("every level OPTIMAL", f"end-to-end ≤ {ISSUE10_FLOOR:g}× floor",
                 "peak memory ≤ 1 GiB")
        return [{"target": f"{name}: {what}", "measured": measured if k == 0 else
                 (None if record is None else "no roster (above)"), "verdict": verdict}
                for k, what in enumerate(whats)]
    ours = record["ours"]
    statuses = [level["status"] for level in ours["levels"]]
    ratio = record.get("end_to_end_over_floor")
    peak = ours["peak_rss_bytes"]
    return [
        {"target": f"{name}: every level OPTIMAL", "measured": "/".join(statuses),
         "verdict": "met" if statuses and all(s == "OPTIMAL" for s in statuses)
         else "not met"},
        {"target": f"{name}: end-to-end ≤ {ISSUE10_FLOOR:g}× floor",
         "measured": None if ratio is None else
         f"{ratio:.2f}× ({seconds(ours['total_seconds'])} s against "
         f"{seconds(record['floor'].get('total_seconds'))} s)",
         "verdict": "pending" if ratio is None else
         ("met" if ratio <= ISSUE10_FLOOR else "not met")},
        {"target": f"{name}: peak memory ≤ 1 GiB", "measured": f"{mib(peak)} MiB",
         "verdict": "met" if peak <= MEMORY_TARGET else "not met"},
    ]


def issue10_targets(instances: list[Record]) -> list[Record]:
    """The targets of issue 10 for the families present in the run."""
    families = {r.get("family", "plain") for r in instances}
    by_key = {key(r): r for r in instances}
    out: list[Record] = []
    scenarios = sorted({r["scenario"] for r in instances})
    for family in ISSUE10_FAMILIES:
        if family not in families:
            continue
        for scenario in scenarios:
            k: Key = (family, 60_000, 22, scenario)
            out += _big_targets(f"issue 10, {instance_name(k)}", by_key.get(k))
    if "leave5" in families:
        for scenario in scenarios:
            k = ("leave5", 10_000, 22, scenario)
            record = by_key.get(k)
            ratio = None if record is None else record.get("end_to_end_over_floor")
            out.append({"target": f"issue 10, {instance_name(k)}: end-to-end ≤ "
                                  f"{ISSUE10_FLOOR:g}× floor",
                        "measured": None if ratio is None else f"{ratio:.2f}×",
                        "verdict": "pending" if ratio is None else
                        ("met" if ratio <= ISSUE10_FLOOR else "not met")})
    series = _series(instances, "total_seconds")
    for (family, scenario, days), points in sorted(series.items(), key=lambda i:
                                                   _series_order(i[0])):
        if family not in ISSUE10_FAMILIES + ("plain",) or len(points) < 2:
            continue
        fitted = fitted_exponent(points)
        steps = ", ".join(f"{a[0]:,}→{b[0]:,} {exponent(a, b):.2f}"
                          for a, b in zip(points, points[1:], strict=False))
        complete = {n for n, _ in points} >= {1_000, 10_000, 60_000}
        verdict = ("—" if fitted is None else
                   ("met" if fitted <= ISSUE10_GROWTH else "not met")
                   + ("" if complete else " so far (not every size of 1k/10k/60k)"))
        out.append({"target": f"issue 10, {family_label(family) or 'plain'}, {scenario} × "
                              f"{days}: fitted exponent of end-to-end time ≤ {ISSUE10_GROWTH}",
                    "measured": None if fitted is None else
                    f"{fitted:.2f} (consecutive: {steps})",
                    "verdict": verdict})
    ran = [(k, name, peer) for k, r in sorted(by_key.items(), key=lambda i: order(i[0]))
           if k[0] in ISSUE10_FAMILIES + ("leave5",) for name, peer in r["peers"].items()]
    if ran:
        proven = sum(1 for _, _, p in ran if p["outcome"] == "ran" and p["status"] == "OPTIMAL")
        tried = sum(1 for _, _, p in ran if p["outcome"] != "skipped")
        disagree = [f"{instance_name(k)} {n}" for k, n, p in ran if p.get("agrees") is False]
        sizes = sorted({k[1] for k, _, p in ran if p["outcome"] != "skipped"})
        out.append({"target": "issue 10: the per-employee peers run on the leave instances",
                    "measured": f"{tried} peer runs at {', '.join(f'{n:,}' for n in sizes)} "
                                f"staff; {proven} proved every level; "
                                + (f"disagree: {'; '.join(disagree)}" if disagree
                                   else "none disagrees with ours"),
                    "verdict": "met" if tried and not disagree else "not met"})
    return out


def targets_table(found: list[Record]) -> list[str]:
    out = ["| target | measured | verdict |", "|---|---|---|"]
    for t in found:
        out.append(f"| {t['target']} | {t['measured'] or '—'} | {t['verdict']} |")
    return out


def _duration(value: float) -> str:
    return f"{value:.0f} s" if value < 120 else f"{value / 60:.1f} min"


def render(run: Record, pending: Iterable[Key] = (), sizes: list[int] | None = None) -> str:
    """The whole report of a run as markdown."""
    pending = list(pending)
    instances = run["instances"]
    settings = run["settings"]
    all_sizes = sorted(set(sizes or []) | {r["size"] for r in instances})
    parts = ["### Machine", "", *machine_lines(run["machine"]), "",
             "### Command", "", f"`{run['command']}`", "",
             f"Our solver: time limit {settings['time_limit']:g} s, {settings['workers']} "
             f"worker; peers: time limit {settings['peer_time_limit']:g} s for their solve "
             f"(their model build may take up to as long again before it is stopped), "
             f"{settings['workers']} worker, memory cap "
             f"{settings['peer_memory_cap_bytes'] / 2**30:.1f} GiB. "
             f"The run took {_duration(run['wall_seconds'])}.", "",
             "### Ours (every measurement a fresh process)", "",
             *ours_table(instances, pending), ""]
    if any(r["peers"] for r in instances) or pending:
        parts += ["### Peers (same instances, same run)", "", *peers_table(instances, pending),
                  ""]
    parts += ["### Scaling", "", *scaling_table(instances, all_sizes), "",
              "### Targets", "", *targets_table(run["targets"]), ""]
    return "\n".join(parts)
