"""Static SVG charts for pages people print, mail and open on phones: drawn once, no JavaScript, no network.

matplotlib draws them (its object API, no pyplot: no global state between threads); text stays text in
the SVG, so it is selectable and read by screen readers, and numbers are written the locale's way.
"""

from __future__ import annotations

import functools
import io
import math
import re
import textwrap
from dataclasses import dataclass
from typing import Callable, Sequence

import matplotlib
import numpy as np
from babel.numbers import format_decimal
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

# Okabe-Ito: told apart by colour-blind readers and in grey print.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
WIDTH, HEIGHT = 5.0, 3.0  # inches at 72 points: 360 x 216 px, about the width of a phone
STYLE = {
    "svg.fonttype": "none",  # <text>, not paths: a tenth of the weight, and searchable
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 10.5,
    "axes.titlesize": 10.5,
    "axes.labelsize": 10.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#666666",
    "axes.labelcolor": "#222222",
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "legend.frameon": False,
}
MAX_NAMED = 6  # categories named under vertical bars: more would run into each other on a phone
_HEADER = re.compile(r"^.*?(?=<svg)", re.DOTALL)
_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


def _styled(draw: Callable[..., str]) -> Callable[..., str]:
    """Draw under the charts' style: matplotlib reads it when each element is made, not when it is saved."""
    @functools.wraps(draw)
    def styled(*args, **kwargs) -> str:
        with matplotlib.rc_context(STYLE):
            return draw(*args, **kwargs)
    return styled


@_styled
def bars(categories: Sequence[str], series: Sequence[Series], *, x_title: str, y_title: str, locale: str,
         label: str, horizontal: bool = False, stacked: bool = False, salt: str = "") -> str:
    """Bars, one group per category (side by side, or stacked); counts on an axis of whole numbers.

    Horizontal bars read categories top to bottom, in the order given, and so does the legend.
    Under many vertical bars, only some categories are named, so that names never run into each other.
    """
    rows, lanes = max(len(categories), 1), 1 if stacked else len(series)
    height = max(HEIGHT, 0.9 + rows * (0.22 + 0.16 * lanes)) if horizontal else HEIGHT
    figure, axes = _figure(height)
    width = 0.8 / lanes
    base = np.zeros(len(categories))
    for n, one in enumerate(series):
        offset = 0 if stacked else (n - (len(series) - 1) / 2) * width
        where = [i + offset for i in range(len(categories))]
        style = dict(label=one.name, color=COLOURS[n % len(COLOURS)])
        if horizontal:
            axes.barh(where, one.values, height=width, left=base if stacked else None, **style)
        else:
            axes.bar(where, one.values, width=width, bottom=base if stacked else None, **style)
        if stacked:
            base = base + np.asarray(one.values, dtype=float)
    counts, labels = (axes.xaxis, axes.yaxis) if horizontal else (axes.yaxis, axes.xaxis)
    step = 1 if horizontal else max(1, math.ceil(len(categories) / MAX_NAMED))
    labels.set_ticks(range(0, len(categories), step),
                     [textwrap.fill(str(c), 16 if horizontal else 12) for c in categories[::step]])
    _whole_numbers(counts, locale)
    top = max(1.0, float(base.max(initial=0)) if stacked else max(max(s.values, default=0) for s in series))
    if horizontal:
        axes.invert_yaxis()  # the first category on top
        axes.set_xlim(0, top * 1.08)
        axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    else:
        axes.set_ylim(0, top * 1.08)
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    axes.set_xlabel(x_title)
    axes.set_ylabel(y_title)
    if len(series) > 1:
        figure.legend(loc="outside upper center", ncols=len(series))  # made room for by the layout
    return _svg(figure, label, salt)


@_styled
def histogram(values: Sequence[float], *, x_title: str, y_title: str, locale: str, label: str,
              salt: str = "") -> str:
    """How many values fall in each interval; whole numbers on the count axis, the locale's decimals below."""
    figure, axes = _figure(HEIGHT)
    data = np.asarray(values, dtype=float)
    edges = np.histogram_bin_edges(data, bins=min(10, max(1, len(data)))) if len(data) else np.array([0.0, 1.0])
    axes.hist(data, bins=edges, color=COLOURS[0], edgecolor="white")
    axes.xaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _: format_decimal(x, "#,##0.##", locale=locale)))
    _whole_numbers(axes.yaxis, locale)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    axes.set_xlabel(x_title)
    axes.set_ylabel(y_title)
    return _svg(figure, label, salt)


def _figure(height: float) -> tuple[Figure, matplotlib.axes.Axes]:
    figure = Figure(figsize=(WIDTH, height), layout="constrained")
    FigureCanvasSVG(figure)
    return figure, figure.add_subplot()


def _whole_numbers(axis, locale: str) -> None:
    """Counts: ticks at whole numbers only, written the locale's way (12 345 / 12,345)."""
    axis.set_major_locator(MaxNLocator(integer=True, nbins=5, min_n_ticks=2))
    axis.set_major_formatter(FuncFormatter(lambda x, _: format_decimal(int(round(x)), locale=locale)))


def _svg(figure: Figure, label: str, salt: str) -> str:
    """The figure as an inline <svg> that scales to its container, with ids of its own and a text alternative."""
    out = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": salt or label}):  # stable ids, distinct per chart
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None}, transparent=True)
    svg = _METADATA.sub("", _HEADER.sub("", out.getvalue(), count=1), count=1)
    opening, rest = svg.split(">", 1)
    opening = _SIZE.sub("", opening)
    escaped = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return f'{opening} class="chart" role="img" aria-label="{escaped}" preserveAspectRatio="xMidYMid meet">{rest}'
