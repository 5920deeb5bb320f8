"""The report's charts: matplotlib figures as base64 PNG, embedded in the HTML as data: URIs.

PNG data URIs keep the report one self-contained file that opens offline, and the browser test
can tell a rendered chart (an <img> with a natural width) from a broken one. Figures are built
with `matplotlib.figure.Figure`, not pyplot, so nothing needs a display or global state.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Mapping, Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

WIDTH_INCHES, HEIGHT_INCHES, DPI = 9.0, 3.2, 100
MAX_DAY_TICKS = 15
BAR_COLOUR = "#2b6cb0"
LINE_COLOURS = ("#c05621", "#6b46c1", "#c53030")


def _png(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _day_ticks(axes: Axes, days: Sequence[str]) -> None:
    """Every k-th day as dd/mm, so a year's window stays readable."""
    step = max(1, math.ceil(len(days) / MAX_DAY_TICKS))
    positions = list(range(0, len(days), step))
    axes.set_xticks(positions, [f"{days[i][8:10]}/{days[i][5:7]}" for i in positions], fontsize=8)


def volume_chart(days: Sequence[str], questions: Sequence[int], labels: Mapping[str, str]) -> str:
    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES))
    axes = figure.subplots()
    axes.bar(range(len(days)), questions, color=BAR_COLOUR)
    axes.set_title(labels["volume_title"], fontsize=11)
    axes.set_ylabel(labels["volume_axis"])
    axes.grid(axis="y", alpha=0.3)
    _day_ticks(axes, days)
    return _png(figure)


def rates_chart(days: Sequence[str], series: Mapping[str, Sequence[float | None]], labels: Mapping[str, str]) -> str:
    """One line per rate (in percent); a day without data is a gap, not a zero."""
    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES))
    axes = figure.subplots()
    for (key, values), colour in zip(series.items(), LINE_COLOURS, strict=False):
        points = [math.nan if value is None else value * 100 for value in values]
        axes.plot(range(len(days)), points, marker="o", markersize=3, color=colour, label=labels[key])
    axes.set_title(labels["rates_title"], fontsize=11)
    axes.set_ylabel(labels["rates_axis"])
    axes.set_ylim(bottom=0)
    axes.grid(alpha=0.3)
    axes.legend(fontsize=8, loc="upper left")
    _day_ticks(axes, days)
    return _png(figure)


def bar_chart(names: Sequence[str], counts: Sequence[int], title: str, axis: str) -> str:
    """Horizontal bars, the largest on top (for topics and programs)."""
    height = max(HEIGHT_INCHES, 0.32 * len(names) + 0.8)
    figure = Figure(figsize=(WIDTH_INCHES, height))
    axes = figure.subplots()
    axes.barh(range(len(names)), counts, color=BAR_COLOUR)
    axes.set_yticks(range(len(names)), names, fontsize=8)
    axes.invert_yaxis()
    axes.set_title(title, fontsize=11)
    axes.set_xlabel(axis)
    axes.grid(axis="x", alpha=0.3)
    return _png(figure)
