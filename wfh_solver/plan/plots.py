"""Charts of a comparison (matplotlib, no display needed): each returns a `Figure`, which a
notebook shows as is, and `write_plots` saves every chart as PNG and SVG.

Figures are built with `matplotlib.figure.Figure`, never `pyplot`, so there is no global
state and no GUI backend: the same code runs in a notebook, a CLI and a worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.figure import Figure

from wfh_solver.write.failure import naming
from wfh_solver.write.outputs import CREATOR, OutputSet, unique_stems

if TYPE_CHECKING:
    from wfh_solver.plan.compare import Comparison

#: Each chart is saved in these formats, with its resolution, and a creator mark that lets
#: a re-run replace our own charts while a user's file of the same name is refused.
FORMATS = ((".png", 150, {"Software": CREATOR}), (".svg", None, {"Creator": CREATOR}))

#: `(Indonesian, English)` axis and title texts.
_TEXT = {
    "day_number": ("Hari kerja ke-", "Working day"),
    "in_office": ("Pegawai di kantor (WFO)", "Staff in office (WFO)"),
    "presence": ("Kehadiran di kantor per hari", "Daily office presence"),
    "wfh_days": ("Jumlah hari WFH", "WFH days"),
    "staff": ("Pegawai", "Staff"),
    "histogram": ("Sebaran hari WFH per pegawai", "WFH days per employee"),
    "heatmap": ("Porsi di kantor per unit dan hari", "Office share by unit and day"),
    "share": ("Porsi di kantor", "Office share"),
}


def _t(key: str, lang: str) -> str:
    return _TEXT[key][0 if lang == "id" else 1]


def daily_presence(comparison: Comparison, lang: str = "id") -> Figure:
    """Staff in office on each working day, one line per case (periods differ, so the
    x axis counts working days)."""
    fig = Figure(figsize=(11, 4.8), layout="constrained")
    ax = fig.subplots()
    daily = comparison.daily()
    palette = colormaps["tab10" if daily["scenario"].nunique() <= 10 else "tab20"]
    for k, (scenario, part) in enumerate(daily.groupby("scenario", sort=False)):
        ax.plot(part["day_number"], part["in_office"], marker="os^D"[k // 10 % 4],
                linestyle=("-", "--")[k // 10 % 2], color=palette(k % palette.N),
                label=str(scenario))
    ax.set_xlabel(_t("day_number", lang))
    ax.set_ylabel(_t("in_office", lang))
    ax.set_title(_t("presence", lang))
    ax.set_ylim(bottom=0)
    if len(daily):
        ax.set_xticks(range(1, int(daily["day_number"].max()) + 1))
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


def wfh_histogram(comparison: Comparison, lang: str = "id") -> Figure:
    """How many staff got 0, 1, 2 … WFH days: one small panel per case."""
    table = comparison.wfh_days()
    count = max(1, table.shape[1])
    cols = min(3, count)
    rows = int(np.ceil(count / cols))
    fig = Figure(figsize=(3.6 * cols, 2.8 * rows), layout="constrained")
    axes = np.atleast_1d(fig.subplots(rows, cols, squeeze=False)).ravel()
    for ax, scenario in zip(axes, table.columns, strict=False):
        values = table[scenario]
        ax.bar(values.index, values.to_numpy(), color="#4C72B0")
        ax.set_title(str(scenario), fontsize="small")
        ax.set_xlabel(_t("wfh_days", lang), fontsize="small")
        ax.set_ylabel(_t("staff", lang), fontsize="small")
        ax.set_xticks(values.index)
    for ax in axes[len(table.columns):]:
        ax.set_visible(False)
    fig.suptitle(_t("histogram", lang))
    return fig


def unit_heatmap(comparison: Comparison, label: str, lang: str = "id") -> Figure:
    """Office share of each unit (rows) on each working day (columns) of one case."""
    share = comparison.unit_day(label).sort_index()
    height = max(3.0, 0.16 * len(share) + 1.5)
    fig = Figure(figsize=(max(6.0, 0.55 * share.shape[1] + 5), height), layout="constrained")
    ax = fig.subplots()
    image = ax.imshow(share.to_numpy(dtype=float), aspect="auto", cmap="viridis", vmin=0,
                      vmax=1, interpolation="nearest")
    ax.set_yticks(range(len(share)), [_short(u) for u in share.index],
                  fontsize=6 if len(share) > 40 else 8)
    ax.set_xticks(range(share.shape[1]), [pd.Timestamp(d).strftime("%d/%m") for d in
                                          share.columns], rotation=90, fontsize=8)
    ax.set_title(f"{_t('heatmap', lang)} — {label}", fontsize="medium")
    fig.colorbar(image, ax=ax, label=_t("share", lang), shrink=0.6)
    return fig


def _short(unit: str, limit: int = 45) -> str:
    return unit if len(unit) <= limit else unit[: limit - 1] + "…"


def chart_stems(labels: list[str]) -> list[str]:
    """The file stems of the charts of these (solved) cases, in the order written."""
    return ["daily_presence", "wfh_days", *unique_stems([f"heatmap_{k}" for k in labels])]


def chart_paths(labels: list[str], directory: Path | str) -> list[Path]:
    """Every file `write_plots` makes in `directory` for these cases: planned before solving."""
    return [Path(directory) / f"{stem}{suffix}" for stem in chart_stems(labels)
            for suffix, _, _ in FORMATS]


def figures(comparison: Comparison, lang: str = "id") -> dict[str, Figure]:
    """Every chart by file stem: presence, WFH-days histogram, one heatmap per case."""
    labels = [k for k, _ in comparison.solved()]
    presence, histogram, *heatmaps = chart_stems(labels)
    charts = {presence: daily_presence(comparison, lang),
              histogram: wfh_histogram(comparison, lang)}
    for stem, label in zip(heatmaps, labels, strict=True):
        charts[stem] = unit_heatmap(comparison, label, lang)
    return charts


def write_plots(comparison: Comparison, directory: Path | str, lang: str = "id", *,
                outputs: OutputSet | None = None) -> list[Path]:
    """Save every chart as PNG (150 dpi) and SVG in `directory`; returns the paths.

    With `outputs` the files join that set (the comparison workbook's); without, they
    form a set of their own: all appear together, or none does.
    """
    if outputs is None:
        with OutputSet() as own:
            return write_plots(comparison, directory, lang, outputs=own)
    folder = Path(directory)
    written = []
    for stem, fig in figures(comparison, lang).items():
        for suffix, dpi, metadata in FORMATS:
            target = folder / f"{stem}{suffix}"
            with naming(target):
                fig.savefig(outputs.stage(target), dpi=dpi, format=suffix[1:],
                            metadata=metadata)
            written.append(target)
    return written
