"""The last pass of every chart picture: lay the figure out once, widen value axes until every data label sits
inside the plot, thin crowded category labels, and hide labels that would collide (the second of the two
passes that :mod:`charts.style` describes)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .style import DataLabel, Drawn

if TYPE_CHECKING:  # matplotlib is imported only when a chart is drawn
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def finish(fig: Figure, drawn: Drawn) -> bool:
    """Lay out, widen value axes so labels fit inside the plot area, then hide colliding labels.

    The passes here only lay out and measure (no pixels are drawn): the figure is rasterised once, when saved.
    True when the last layout still holds (no category name was left out since), so saving need not lay the
    figure out again."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    changed = _flip_off_lines(drawn.labels, drawn.lines, drawn.bars, renderer)
    for value_axis in drawn.value_axes:
        changed = value_axis.fit(drawn.labels, renderer) or changed
    if changed:
        for value_axis in drawn.value_axes:
            if value_axis.align_to is not None:
                value_axis.apply()
        fig.draw_without_rendering()
    _within_the_plot_sideways(drawn.labels, renderer)
    thinned = [_thin_category_labels(ax, renderer) for ax in fig.axes]
    declutter(fig, drawn.labels, renderer, _marker_boxes(drawn.lines))  # data labels take no part in layout
    return not any(thinned)


def _thin_category_labels(ax: Axes, renderer: Any) -> bool:
    """Category names measured against each other once drawn: while two touch, every other one is left out
    (the first stays), so names are skipped rather than printed over each other. True when any was."""
    for attempt in range(6):
        ticks = [t for t in ax.get_xticklabels() if t.get_visible() and t.get_text()]
        boxes = [t.get_window_extent(renderer).padded(3.0) for t in ticks]
        if not any(a.overlaps(b) for a, b in itertools.pairwise(boxes)):
            return attempt > 0
        for tick in ticks[1::2]:
            tick.set_visible(False)
    return True


def _within_the_plot_sideways(labels: Sequence[DataLabel], renderer: Any) -> None:
    """A label of the first or last category would stick out over the tick labels or past the plot: move
    it sideways until it is inside the plot area."""
    for label in labels:
        text = label.text
        if label.inside is not None or not text.get_visible() or text.axes is None:
            continue
        plot = text.axes.get_window_extent(renderer)
        box = text.get_window_extent(renderer)
        shift = max(plot.x0 - box.x0, 0.0) or min(plot.x1 - box.x1, 0.0)
        if shift and box.width < plot.width:
            dx, dy = text.xyann
            text.xyann = (dx + shift * 72 / text.figure.dpi, dy)


def _flip_off_lines(
    labels: Sequence[DataLabel], lines: Sequence[Any], bars: Sequence[Any], renderer: Any
) -> bool:
    """Move a point label to the other side of its point when a line crosses it there and nothing (line, bar,
    other label) is in the way on the other side."""
    paths = [line.get_transform().transform_path(line.get_path()) for line in lines]
    if not paths:
        return False
    bar_boxes = [bar.get_window_extent(renderer) for bar in bars]

    def crossed(text: Any) -> bool:
        box = text.get_window_extent(renderer).padded(1.0)
        if any(path.intersects_bbox(box, filled=False) for path in paths):
            return True
        if any(box.overlaps(bar_box) for bar_box in bar_boxes):
            return True
        return any(
            other.text is not text
            and other.text.get_visible()
            and other.text.get_text().strip()
            and box.overlaps(other.text.get_window_extent(renderer))
            for other in labels
        )

    moved = False
    for label in labels:
        if not label.flip or not crossed(label.text):
            continue
        text = label.text
        dx, dy = text.xyann
        va = text.get_verticalalignment()
        text.xyann = (dx, -dy)
        text.set_verticalalignment({"bottom": "top", "top": "bottom"}.get(va, va))
        if crossed(text):
            text.xyann = (dx, dy)
            text.set_verticalalignment(va)
        else:
            moved = True
    return moved


def _marker_boxes(lines: Sequence[Any]) -> list[Any]:
    """Pixel boxes around the visible point markers of ``lines``."""
    from matplotlib.transforms import Bbox

    boxes = []
    for line in lines:
        if line.get_marker() in (None, "None", "none", ""):
            continue
        radius = line.get_markersize() / 2 * line.figure.dpi / 72
        for x, y in line.get_transform().transform(line.get_xydata()):
            if math.isfinite(x) and math.isfinite(y):
                boxes.append(Bbox.from_extents(x - radius, y - radius, x + radius, y + radius))
    return boxes


def declutter(fig: Figure, labels: Sequence[DataLabel], renderer: Any, obstacles: Sequence[Any] = ()) -> None:
    """Hide labels that leave the figure, do not fit their bar, or overlap a label placed before them
    (or a point marker)."""
    figure_box = fig.bbox
    kept: list[Any] = list(obstacles)
    for label in labels:
        text = label.text
        if not text.get_visible() or not text.get_text().strip():
            continue
        box = text.get_window_extent(renderer)
        inside_figure = (
            box.x0 >= figure_box.x0 - 0.5
            and box.x1 <= figure_box.x1 + 0.5
            and box.y0 >= figure_box.y0 - 0.5
            and box.y1 <= figure_box.y1 + 0.5
        )
        fits = True
        if label.inside is not None:
            bar = label.inside.get_window_extent(renderer)
            fits = box.width + 4 <= bar.width and box.height + 2 <= bar.height
        padded = box.expanded(1.0, 1.0).padded(1.5)
        if not inside_figure or not fits or any(padded.overlaps(other) for other in kept):
            text.set_visible(False)
            continue
        kept.append(box)
