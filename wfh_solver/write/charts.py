"""Charts a planner puts in a report: one roster's, and the panels `plan.plots` lines up.

Here, below the API, so that `wfh.solve(...).plot.presence()` can draw without the planning
layer; `plan.plots` draws a comparison with the same functions. Every chart is a matplotlib
`Figure` built without `pyplot` (no global state, no GUI backend), with

- the days on the x axis as `dd/mm`, and the months in words written here (the catalogue's
  `month_N`), never through the system's locale;
- the circular's short title (`short_title`), not its file name, as the legend and titles say;
- bars, not lines: a day's count is a count, and the same count every day is a row of equal
  bars, not a flat line that looks like missing data;
- one y scale over panels that are compared, and shares as % with the full unit names.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from wfh_solver.base.labels import check_lang, label
from wfh_solver.solve.frames import daily_summary, unit_day_share, wfh_days_distribution
from wfh_solver.write.failure import naming
from wfh_solver.write.outputs import CREATOR, OutputSet, plan_outputs, unique_stems

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

    from wfh_solver.solve.result import Result

#: Each chart is saved in these formats, with its resolution, and a creator mark that lets
#: a re-run replace our own charts while a user's file of the same name is refused.
FORMATS = ((".png", 150, {"Software": CREATOR}), (".svg", None, {"Creator": CREATOR}))

#: in office, at home, away: dark, light and grey, legible in black and white too
COLOURS = ("#1f4e79", "#9dc3e6", "#bfbfbf")


def short_title(title: str) -> str:
    """A circular's title without its explanation after the colon: what a legend shows.

    >>> short_title("PPKM level 3 (SE MenPAN-RB 2021): sektor non-esensial paling banyak 25%")
    'PPKM level 3 (SE MenPAN-RB 2021)'
    >>> short_title("Provinsi Jawa Tengah — SE 965/932")
    'Provinsi Jawa Tengah — SE 965/932'
    """
    return title.split(":", 1)[0].strip() or title


def slug(text: str) -> str:
    """`text` as an ASCII file stem without spaces, for chart files a report links to.

    >>> slug("Kabupaten Paser — SE share=0.5")
    'kabupaten-paser-se-share-0.5'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9.]+", "-", ascii_text.lower()).strip("-.") or "chart"


def month_span(days: Sequence[date], lang: str = "id") -> str:
    """The months a period covers in words: `Juli 2020`, `Maret–April 2020`,
    `Desember 2020 – Januari 2021`.

    >>> month_span([date(2020, 3, 30), date(2020, 4, 2)])
    'Maret–April 2020'
    >>> month_span([date(2020, 7, 1)], "en")
    'July 2020'
    """
    if not days:
        return ""
    first, last = min(days), max(days)

    def month(day: date) -> str:
        return label(f"month_{day.month}", lang)

    if (first.year, first.month) == (last.year, last.month):
        return f"{month(first)} {first.year}"
    if first.year == last.year:
        return f"{month(first)}–{month(last)} {last.year}"
    return f"{month(first)} {first.year} – {month(last)} {last.year}"


def _dates(index: pd.Index) -> list[date]:
    return [pd.Timestamp(d).date() for d in index]


def day_axis(ax: Axes, days: Sequence[date], lang: str) -> None:
    """Days at positions 0, 1, … labelled `dd/mm` (every few days on a long period), and the
    months in words under them."""
    step = max(1, int(np.ceil(len(days) / 24)))
    ticks = list(range(0, len(days), step))
    ax.set_xticks(ticks, [f"{days[k]:%d/%m}" for k in ticks],
                  rotation=90 if len(ticks) > 10 else 0, fontsize="x-small")
    ax.set_xlabel(f"{label('chart_date', lang)} ({month_span(days, lang)})", fontsize="small")
    ax.set_xlim(-0.6, len(days) - 0.4)


def presence_panel(ax: Axes, daily: pd.DataFrame, lang: str, counts: bool = True) -> None:
    """One period's days as stacked bars: in office, at home, on leave or travel; with
    `counts`, the number in office written on each bar (what a report quotes)."""
    positions = np.arange(len(daily))
    away = (daily["leave"] + daily["travel"]).to_numpy()
    office = daily["in_office"].to_numpy()
    home = daily["at_home"].to_numpy()
    bars = ax.bar(positions, office, color=COLOURS[0], label=label("chart_in_office", lang))
    if counts and len(daily) <= 25:
        ax.bar_label(bars, label_type="center", color="white", fontsize="x-small")
    ax.bar(positions, home, bottom=office, color=COLOURS[1],
           label=label("chart_at_home", lang))
    if away.any():
        ax.bar(positions, away, bottom=office + home, color=COLOURS[2],
               label=label("chart_away", lang))
    day_axis(ax, _dates(daily.index), lang)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)


def presence_figure(panels: Sequence[tuple[str, pd.DataFrame]], lang: str = "id") -> Figure:
    """Staff in office, at home and away on each day: one panel per roster (each over its own
    dates), all on one y scale, one legend."""
    check_lang(lang)
    count = max(1, len(panels))
    cols = 1 if count == 1 else min(3, count)
    rows = int(np.ceil(count / cols))
    width = 11.0 if count == 1 else 4.4 * cols
    fig = Figure(figsize=(width, 4.6 if count == 1 else 3.3 * rows + 1.0), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False, sharey=True).ravel()
    top = max([int(d[["in_office", "at_home", "leave", "travel"]].sum(axis=1).max())
               for _, d in panels if len(d)] or [1])
    for ax, (title, daily) in zip(axes, panels, strict=False):
        presence_panel(ax, daily, lang, counts=count <= 3)
        ax.set_title(_wrapped(title, 70 if count == 1 else 44), fontsize="small")
        ax.set_ylabel(label("chart_staff", lang), fontsize="small")
        ax.tick_params(labelleft=True)
        ax.set_ylim(0, top * 1.02)
    for ax in axes[len(panels):]:
        ax.set_visible(False)
    handles, names = _legend(list(axes[: len(panels)]))
    fig.legend(handles, names, loc="outside lower center", ncols=len(names), fontsize="small",
               frameon=False)
    fig.suptitle(label("chart_presence", lang))
    return fig


def _legend(axes: Sequence[Axes]) -> tuple[list[Artist], list[str]]:
    """Each series once, in drawing order, over all panels (one panel may have nobody away)."""
    seen: dict[str, Artist] = {}
    for ax in axes:
        for handle, name in zip(*ax.get_legend_handles_labels(), strict=True):
            seen.setdefault(name, handle)
    return list(seen.values()), list(seen)


def histogram_figure(panels: Sequence[tuple[str, pd.Series]], lang: str = "id") -> Figure:
    """How many staff got 0, 1, 2 … WFH days: one panel per roster, on shared scales."""
    check_lang(lang)
    count = max(1, len(panels))
    cols = min(3, count)
    rows = int(np.ceil(count / cols))
    fig = Figure(figsize=(max(6.0, 4.2 * cols), 3.2 * rows + 0.6), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False, sharex=True, sharey=True).ravel()
    for ax, (title, counts) in zip(axes, panels, strict=False):
        ax.bar(counts.index.to_numpy(), counts.to_numpy(), color=COLOURS[0], width=0.8)
        ax.set_title(_wrapped(title, 44 if count > 1 else 70), fontsize="small")
        ax.set_xlabel(label("chart_wfh_days", lang), fontsize="small")
        ax.set_ylabel(label("chart_staff", lang), fontsize="small")
        if counts.index.max() <= 24:  # every count of days, each under its bar
            ax.set_xticks(range(int(counts.index.max()) + 1))
        else:
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(labelbottom=True, labelleft=True, labelsize="x-small")
        ax.grid(axis="y", alpha=0.3)
        ax.set_axisbelow(True)
    for ax in axes[len(panels):]:
        ax.set_visible(False)
    fig.suptitle(label("chart_histogram", lang))
    return fig


def heatmap_figure(share: pd.DataFrame, title: str, lang: str = "id") -> Figure:
    """Share of the staff present who are in the office, per unit (rows, full names
    wrapped) and day (columns), from 0% to 100%."""
    check_lang(lang)
    share = share.sort_index()
    names = [_wrapped(str(u), 70) for u in share.index]
    tallest = max([n.count("\n") + 1 for n in names] or [1])  # rows are alike: room for it
    fig = Figure(figsize=(max(9.0, 0.5 * share.shape[1] + 7.0),
                          (0.1 + 0.05 * tallest) * len(names) + 2.0), layout="constrained")
    ax = fig.subplots()
    image = ax.imshow(share.to_numpy(dtype=float), aspect="auto", cmap="viridis", vmin=0,
                      vmax=1, interpolation="nearest")
    ax.set_yticks(range(len(share)), names, fontsize=6.5, linespacing=0.9)
    values = share.to_numpy(dtype=float)
    if share.shape[1] <= 31:  # the figure a report quotes, in each cell
        for (row, col), value in np.ndenumerate(values):
            if value == value:
                ax.text(col, row, f"{value:.0%}", ha="center", va="center", fontsize=5.5,
                        color="black" if value > 0.6 else "white")
    day_axis(ax, _dates(share.columns), lang)
    ax.set_title(f"{label('chart_heatmap', lang)}\n{_wrapped(title, 90)}", fontsize="medium")
    bar = fig.colorbar(image, ax=ax, label=label("chart_share", lang), shrink=0.6,
                       format=PercentFormatter(1.0, decimals=0))
    bar.ax.tick_params(labelsize="small")
    return fig


def _wrapped(text: str, width: int) -> str:
    """Long names on several lines, every word kept."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


class Charts:
    """A roster's charts (`result.plot`): each method returns a matplotlib `Figure`, which a
    notebook shows as is and `savefig` saves; `save` writes them all as one set."""

    def __init__(self, result: Result) -> None:
        self._result = result

    @property
    def title(self) -> str:
        return short_title(self._result.scenario_title)

    def presence(self, lang: str = "id") -> Figure:
        """In office, at home and away on each day (stacked bars)."""
        return presence_figure([(self.title, daily_summary(self._result))], lang)

    def wfh_days(self, lang: str = "id") -> Figure:
        """How many staff got 0, 1, 2 … WFH days."""
        return histogram_figure([(self.title, wfh_days_distribution(self._result))], lang)

    def heatmap(self, lang: str = "id") -> Figure:
        """The share in office of each unit on each day."""
        return heatmap_figure(unit_day_share(self._result), self.title, lang)

    def figures(self, lang: str = "id") -> dict[str, Figure]:
        """Every chart by file stem."""
        return {"presence": self.presence(lang), "wfh_days": self.wfh_days(lang),
                "heatmap": self.heatmap(lang)}

    def save(self, folder: Path | str, lang: str = "id", *, overwrite: bool = False
             ) -> list[Path]:
        """Every chart as PNG (150 dpi) and SVG in `folder`, planned and written as one set
        (`write.outputs`): a file there that wfh-solver did not make is refused unless
        `overwrite`."""
        charts = self.figures(lang)
        paths = [Path(folder) / f"{stem}{suffix}" for stem in charts for suffix, _, _ in FORMATS]
        plan_outputs([], None, files=paths, overwrite=overwrite)
        with OutputSet() as outputs:
            return save_figures(charts, folder, outputs)


def save_figures(charts: dict[str, Figure], folder: Path | str, outputs: OutputSet
                 ) -> list[Path]:
    """Stage each chart in `outputs` as PNG and SVG (the set renames them together)."""
    written = []
    for stem, fig in charts.items():
        for suffix, dpi, metadata in FORMATS:
            target = Path(folder) / f"{stem}{suffix}"
            with naming(target):
                fig.savefig(outputs.stage(target), dpi=dpi, format=suffix[1:],
                            metadata=metadata)
            written.append(target)
    return written


def chart_stems(labels: Sequence[str]) -> list[str]:
    """File stems for charts named after these labels: ASCII, no spaces, distinct."""
    return unique_stems([slug(k) for k in labels])
