"""Charts of a comparison, or of one roster (matplotlib, no display needed): each returns a
`Figure`, which a notebook shows as is, and `write_plots` saves every chart as PNG and SVG.

The drawing is `write.charts` (one roster's charts live there, below the API); here the cases
of a comparison become its panels, each titled with its circular's short title, on one scale.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from matplotlib.figure import Figure

from wfh_solver.base.labels import check_lang
from wfh_solver.solve.frames import daily_summary, wfh_days_distribution
from wfh_solver.solve.result import Result
from wfh_solver.write.charts import (
    FORMATS,
    Charts,
    heatmap_figure,
    histogram_figure,
    presence_figure,
    save_figures,
    short_title,
)
from wfh_solver.write.charts import chart_stems as _stems
from wfh_solver.write.outputs import OutputSet

if TYPE_CHECKING:
    from wfh_solver.plan.compare import Comparison

__all__ = ["FORMATS", "chart_paths", "chart_stems", "daily_presence", "figures",
           "unit_heatmap", "wfh_histogram", "write_plots"]


def daily_presence(data: Comparison | Result, lang: str = "id") -> Figure:
    """Staff in office, at home and away on each day: one panel per case, each over its own
    dates, on one y scale (a roster alone: one panel)."""
    if isinstance(data, Result):
        return presence_figure([(short_title(data.scenario_title), daily_summary(data))], lang)
    titles = data.titles()
    daily = data.daily()
    return presence_figure([(titles[str(k)], part.set_index("day")) for k, part in
                            daily.groupby("scenario", sort=False)], lang)


def wfh_histogram(data: Comparison | Result, lang: str = "id") -> Figure:
    """How many staff got 0, 1, 2 … WFH days: one panel per case, on shared scales."""
    if isinstance(data, Result):
        return histogram_figure([(short_title(data.scenario_title),
                                  wfh_days_distribution(data))], lang)
    titles = data.titles()
    table = data.wfh_days()
    return histogram_figure([(titles[str(k)], table[k]) for k in table.columns], lang)


def unit_heatmap(data: Comparison | Result, label: str | None = None, lang: str = "id"
                 ) -> Figure:
    """Share in office of each unit (rows) on each day (columns) of one case (`label`)."""
    if isinstance(data, Result):
        return Charts(data).heatmap(lang)
    if label is None:
        raise ValueError("unit_heatmap(comparison, label): which case? "
                         f"one of {[k for k, _ in data.solved()]}")
    return heatmap_figure(data.unit_day(label), data.titles()[label], lang)


def chart_stems(labels: list[str]) -> list[str]:
    """The file stems of the charts of these (solved) cases, in the order written: ASCII,
    no spaces (`heatmap_jateng-2020-share-0.5`)."""
    return ["daily_presence", "wfh_days", *(f"heatmap_{s}" for s in _stems(labels))]


def chart_paths(labels: list[str], directory: Path | str) -> list[Path]:
    """Every file `write_plots` makes in `directory` for these cases: planned before solving."""
    return [Path(directory) / f"{stem}{suffix}" for stem in chart_stems(labels)
            for suffix, _, _ in FORMATS]


def figures(comparison: Comparison, lang: str = "id") -> dict[str, Figure]:
    """Every chart by file stem: presence, WFH-days histogram, one heatmap per case."""
    check_lang(lang)
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
    return save_figures(figures(comparison, lang), directory, outputs)
