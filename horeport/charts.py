"""Charts drawn with matplotlib's object API (never pyplot in the server), as SVG for pages
and PDFs (text kept as text) and as PNG for workbooks. Axes speak Norwegian numbers.

Rendering is cached by the chart's content, so a page that shows the same chart again does
not draw it again.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import pickle
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from horeport.formatting import nb_number, to_decimal
from horeport.sections import Chart

logger = logging.getLogger(__name__)

# The report's typeface: TrueType copies of Inter that `make assets` writes beside the WOFF2 files
# (matplotlib cannot read WOFF2). Without them the charts quietly use DejaVu Sans; a character
# Inter's Latin files lack ("≤") is drawn from the next family in the list.
FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor" / "inter"


def fonts_register(folder: Path = FONT_DIR) -> list[str]:
    """Make the TTFs in `folder` known to matplotlib; returns the files registered (none is fine)."""
    registered = []
    for path in sorted(folder.glob("*.ttf")):
        try:
            font_manager.fontManager.addfont(str(path))
        except (OSError, RuntimeError, ValueError):
            logger.warning("Chart font %s could not be read; the charts use DejaVu Sans", path)
        else:
            registered.append(path.name)
    return registered


fonts_register()

matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",
        "svg.hashsalt": "horeport",  # the same chart gives the same SVG
        "font.family": ["Inter", "DejaVu Sans", "sans-serif"],  # a list: a glyph Inter lacks comes from the next
        "font.sans-serif": ["Inter", "DejaVu Sans", "Arial", "Liberation Sans"],
        "font.size": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "legend.frameon": False,
    }
)

# Colour-blind-safe (Okabe–Ito), dark enough on white for lines and bars.
PALETTE = ["#0062BA", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000"]
# Axis steps of 1, 2, 2,5 or 5 × 10ⁿ (10 is the next power's 1).
AXIS_STEPS = [1, 2, 2.5, 5, 10]
MARKERS = ["o", "s", "^", "D", "v", "P", "X"]


def _figure(chart: Chart, width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), layout="constrained")
    axes = figure.add_subplot()
    positions = list(range(len(chart.categories)))
    count = max(1, len(chart.series))
    bar_width = 0.8 / count
    for i, series in enumerate(chart.series):
        values = [None if v is None else float(to_decimal(v)) for v in series.values]
        colour = PALETTE[i % len(PALETTE)]
        if chart.kind == "bar":
            offsets = [p - 0.4 + bar_width * (i + 0.5) for p in positions]
            heights = [0 if v is None else v for v in values]
            axes.bar(offsets, heights, width=bar_width, color=colour, label=series.name)
        else:
            xs = [p for p, v in zip(positions, values, strict=True) if v is not None]
            ys = [v for v in values if v is not None]
            axes.plot(xs, ys, color=colour, marker=MARKERS[i % len(MARKERS)], linewidth=2, label=series.name)
    axes.set_xticks(positions, chart.categories)
    locator = MaxNLocator(nbins=5, steps=AXIS_STEPS, integer=chart.decimals == 0)
    axes.yaxis.set_major_locator(locator)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _: nb_number(y, _tick_decimals(axes))))
    axes.grid(axis="y", color="#d9dde2", linewidth=0.8)
    axes.set_axisbelow(True)
    values = [float(to_decimal(v)) for s in chart.series for v in s.values if v is not None]
    lowest, highest = min(values, default=0), max(values, default=0)
    if lowest >= 0:
        axes.set_ylim(bottom=0)  # negative values (a budget deviation) keep the automatic lower limit
    else:
        axes.axhline(0, color="#6b7480", linewidth=0.8)
    if highest > 0:
        _top_on_tick(axes, locator, highest)
    if chart.unit:
        axes.set_ylabel(chart.unit)
    if chart.title:
        axes.set_title(chart.title)
    if len(chart.series) > 1:
        # Below the plot, in as many columns as fit, so the plot keeps the full width.
        columns = legend_columns(chart, width)
        figure.legend(loc="outside lower center", ncols=columns, fontsize=9, handlelength=1.5, columnspacing=1.2)
    if len(chart.categories) > 8:
        for label in axes.get_xticklabels():
            label.set_rotation(45)
            label.set_horizontalalignment("right")
    return figure


def legend_columns(chart: Chart, width: float) -> int:
    """How many legend entries fit side by side below a chart `width` inches wide (Inter at 9 pt: ~16 a inch)."""
    longest = max((len(series.name) for series in chart.series), default=0)
    return max(1, min(len(chart.series), int(width * 16 // (longest + 4))))


# A legend row below the plot takes about this much height (inches). A low chart grows by it for each
# row past the second, so that six long series names do not squeeze the plot flat.
LEGEND_ROW_HEIGHT = 0.2
LEGEND_ROWS_INCLUDED = 2


def chart_height(chart: Chart, *, width: float, height: float) -> float:
    """The height for a chart, grown where its legend needs more rows than a chart of `height` has room for."""
    if len(chart.series) < 2:
        return height
    rows = -(-len(chart.series) // legend_columns(chart, width))
    return height + LEGEND_ROW_HEIGHT * max(0, rows - LEGEND_ROWS_INCLUDED)


def _top_on_tick(axes, locator: MaxNLocator, highest: float) -> None:
    """End the value axis on the first tick at or above the highest value, so the top
    gridline labels a value above every bar and point."""
    bottom = axes.get_ylim()[0]
    top = highest
    for _ in range(4):  # the ticks of the new limits may step differently: settle on a top they share
        ticks = [float(t) for t in locator.tick_values(bottom, top)]
        top = min((t for t in ticks if t >= highest - 1e-9), default=top)
        axes.set_ylim(bottom, top)
        if any(abs(t - top) < 1e-9 for t in locator.tick_values(bottom, top)):
            return


def _tick_decimals(axes) -> int:
    """As many decimals as the axis step needs (0,25 steps show two, whole steps none)."""
    ticks = [Decimal(repr(float(t))) for t in axes.yaxis.get_majorticklocs()]
    if len(ticks) < 2:
        return 0
    step = (ticks[1] - ticks[0]).quantize(Decimal("1e-9")).normalize()
    exponent = step.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _key(chart: Chart, *extra) -> str:
    return hashlib.sha256(pickle.dumps((chart, extra))).hexdigest()


_SVG_CACHE: dict[str, str] = {}


def chart_svg(chart: Chart, *, width: float = 6.5, height: float = 3.2) -> str:
    """The chart as an SVG document (text as text, for screen readers and crisp PDFs)."""
    key = _key(chart, width, height)
    if key not in _SVG_CACHE:
        if len(_SVG_CACHE) > 512:
            _SVG_CACHE.clear()
        buffer = io.StringIO()
        _figure(chart, width, height).savefig(buffer, format="svg", metadata={"Date": None})
        _SVG_CACHE[key] = buffer.getvalue()
    return _SVG_CACHE[key]


_PNG_CACHE: dict[str, bytes] = {}


def chart_png(chart: Chart, *, width: float = 6.5, height: float = 3.2, dpi: int = 150) -> bytes:
    """The chart as a PNG image (for workbooks). Kept by its content, like `chart_svg`: a
    workbook written again draws only the charts whose numbers changed."""
    key = _key(chart, width, height, dpi)
    if key not in _PNG_CACHE:
        if len(_PNG_CACHE) > 256:
            _PNG_CACHE.clear()
        buffer = io.BytesIO()
        _figure(chart, width, height).savefig(buffer, format="png", dpi=dpi)
        _PNG_CACHE[key] = buffer.getvalue()
    return _PNG_CACHE[key]


def svg_data_uri(svg: str) -> str:
    """An SVG as a data: URI for an <img> (allowed by the site's CSP; its styles stay inside)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def sparkline_svg(values: list, *, width: float = 1.4, height: float = 0.4, colour: str = PALETTE[0]) -> str:
    """A small trend line without axes, for a row of a table."""
    return _sparkline_cached(tuple(None if v is None else float(to_decimal(v)) for v in values), width, height, colour)


@lru_cache(maxsize=2048)
def _sparkline_cached(values: tuple, width: float, height: float, colour: str) -> str:
    """The line drawn as SVG by hand: a målekart of 120 indicators shows 120 of them, and drawing
    each with matplotlib made the first view after a change ten times slower than the next."""
    px_width, px_height = round(width * 72), round(height * 72)  # points, as matplotlib sizes them
    left, right = 0.04 * px_width, 0.96 * px_width
    bottom, top = 0.9 * px_height, 0.1 * px_height
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    span_x = max(len(values) - 0.7, 0.3) + 0.3
    low, high = (min(v for _, v in points), max(v for _, v in points)) if points else (0.0, 1.0)
    margin = (high - low) * 0.05 or 1.0

    def x(i):
        return left + (i + 0.3) / span_x * (right - left)

    def y(v):
        return bottom - (v - low + margin) / (high - low + 2 * margin) * (bottom - top)

    line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in points)
    shapes = ""
    if points:
        last_x, last_y = x(points[-1][0]), y(points[-1][1])
        shapes = (
            f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="1.5" '
            'stroke-linejoin="round" stroke-linecap="round"/>'
            f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="1.5" fill="{colour}"/>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{px_width}pt" height="{px_height}pt" '
        f'viewBox="0 0 {px_width} {px_height}">{shapes}</svg>'
    )
