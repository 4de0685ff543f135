"""Layout warnings about chart labels that run into each other: category names along the axis, and the data
labels of neighbouring bars or points, measured with the layout's own font metrics at the smallest label size
charts use. Pictures resolve their collisions when drawn (``charts/style.py`` skips, wraps or moves labels);
native charts are laid out by PowerPoint or LibreOffice, which print every label, so they are measured here.
Each warning names the slide, the shape and the outline line."""

from __future__ import annotations

from itertools import pairwise

from ..charts.spec import ChartSpec
from ..errors import Diagnostic
from ..theme import CHART_LABEL_FLOOR_PT
from .slide_warning import slide_warning
from .spec import Box, PictureShape, PlacedDeck
from .textfit import text_width_em

PLOT_SHARE = 0.82  # of a chart's width: the rest holds the value axis, its labels and padding
PLOT_HEIGHT_SHARE = 0.7  # of its height: the rest holds the legend and the category names
PAD_IN = 0.04  # room a viewer keeps between two labels
UPRIGHT = ("bar", "line", "combo", "waterfall", "pareto")  # categories along the bottom
_LINE_IN = CHART_LABEL_FLOOR_PT * 1.2 / 72


def _width_in(text: str) -> float:
    return text_width_em(text) * CHART_LABEL_FLOOR_PT / 72


def _name_in(text: str) -> float:
    """A category name's width: viewers wrap a name at its spaces, so its widest word (CJK runs unbroken)."""
    return max((_width_in(word) for word in text.split()), default=0.0)


def category_collision(chart: ChartSpec, box: Box) -> tuple[str, str] | None:
    """Two neighbouring category names wider than the room between their ticks."""
    if chart.kind not in UPRIGHT or len(chart.categories) < 2:
        return None
    slot = box.width_in * PLOT_SHARE / len(chart.categories)
    for a, b in pairwise(chart.categories):
        if (_name_in(a) + _name_in(b)) / 2 + PAD_IN > slot:
            return a, b
    return None


def label_collision(chart: ChartSpec, box: Box) -> tuple[str, str] | None:
    """Data labels of neighbouring points of one series that overlap side by side and in height."""
    if chart.kind not in UPRIGHT or not chart.categories:
        return None
    bars = [s for s in chart.series if s.role == "bar"] if chart.kind in ("bar", "combo") and not chart.stacked else []
    slot = box.width_in * PLOT_SHARE / len(chart.categories)
    width = slot / max(1, len(bars)) if bars else slot
    plot_height = box.height_in * PLOT_HEIGHT_SHARE
    for series in chart.series:
        values = [v for v in series.values if v is not None]
        top = max((abs(v) for v in values), default=0.0) or 1.0
        points = [(label, (value or 0.0) / top * plot_height)
                  for label, value in zip(series.labels, series.values) if label]
        if len(points) < len(series.labels):  # labels skipped on purpose leave room
            continue
        for (a, ya), (b, yb) in pairwise(points):
            side = (_width_in(a) + _width_in(b)) / 2 + PAD_IN > width
            if side and abs(ya - yb) < _LINE_IN:
                return a, b
    return None


def label_collisions(deck: PlacedDeck, outline: str) -> list[Diagnostic]:
    problems = []
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if not isinstance(shape, PictureShape) or not shape.native:
                continue
            for what, found in (("category names", category_collision(shape.chart, shape.box)),
                                ("data labels", label_collision(shape.chart, shape.box))):
                if found:
                    a, b = found
                    problems.append(slide_warning(
                        "chart.label_collision", number, slide, outline, f"{what} of '{shape.name}' run into each "
                        f"other ('{a}' and '{b}' are wider than the room between them)",
                        "show fewer categories (top:, a coarser period) or shorter names, or draw the chart as a "
                        "picture (charts: image), which skips or wraps labels that would collide"))
    return problems
