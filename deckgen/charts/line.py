"""Line charts: one line per series over the categories; None values leave gaps."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .spec import ChartSpec, Series
from .style import (
    ChartStyle,
    DataLabel,
    Drawn,
    ValueAxis,
    add_legend,
    data_range,
    label_at,
    put_label,
    scaled,
    set_categories,
    shade_bands,
    style_axes,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

MARKER_LIMIT = 24  # draw point markers up to this many categories


def draw(ax: Axes, spec: ChartSpec, style: ChartStyle) -> Drawn:
    style_axes(ax, style, "y")
    indexed = list(enumerate(spec.series))
    values = {i: scaled(s.values, spec.primary_axis) for i, s in indexed}
    low, high = data_range([v for vs in values.values() for v in vs], include_zero=False)
    value_axis = ValueAxis(ax, spec.primary_axis, low, high)
    value_axis.apply()
    handles, labels = draw_lines(ax, indexed, values, style, value_axis, len(spec.categories))
    shade_bands(ax, spec.bands, style)
    set_categories(ax, spec.categories, style)
    if spec.show_legend:
        add_legend(ax, style, handles, [s.name for s in spec.series])
    return Drawn(labels=labels, value_axes=[value_axis], lines=handles)


def draw_lines(
    ax: Axes,
    indexed: Sequence[tuple[int, Series]],
    values: dict[int, list[float]],
    style: ChartStyle,
    value_axis: ValueAxis,
    count: int,
    markers_only: bool = False,
) -> tuple[list[Any], list[DataLabel]]:
    """Lines for ``indexed`` (palette index, series) on ``ax``, with their data labels; ``markers_only`` draws
    the points without joining them (categories in no order: a line between two channels means nothing).

    Where several labelled lines share a category, the highest gets its label above and the lowest below.
    """
    theme = style.theme
    handles = []
    markers = count <= MARKER_LIMIT or markers_only
    for index, series in indexed:
        colour = style.colour(series, index)
        ys = values[index]
        isolated = [i for i in range(count) if _isolated(ys, i)]
        (line,) = ax.plot(
            range(count),
            ys,
            color=colour,
            linewidth=0.0 if markers_only else 2.0,
            linestyle="none" if markers_only else "-",
            solid_capstyle="round",
            zorder=4,
            marker=("D" if markers_only else "o") if markers else None,
            markersize=8.0 if markers_only else 4.5,
            markerfacecolor=theme.background,
            markeredgewidth=1.6,
            markeredgecolor=colour,
        )
        if isolated and not markers:  # a point between two gaps would be invisible without a marker
            ax.plot(
                isolated,
                [ys[i] for i in isolated],
                linestyle="none",
                marker="o",
                markersize=4,
                color=colour,
                zorder=4,
            )
        handles.append(line)
    labels: list[DataLabel] = []
    for category in range(count):
        points = [
            (values[i][category], i, s)
            for i, s in indexed
            if label_at(s.labels, category) and math.isfinite(values[i][category])
        ]
        points.sort(key=lambda p: (p[0], p[1]))
        for rank, (y, _index, series) in enumerate(points):
            below = len(points) > 1 and rank == 0
            labels.append(
                put_label(
                    ax,
                    category,
                    y,
                    label_at(series.labels, category),
                    style,
                    dy=-7 if below else 7,
                    va="top" if below else "bottom",
                    colour=theme.text,
                    halo=True,
                    value_axis=value_axis,
                    flip=True,
                )
            )
    return handles, labels


def _isolated(ys: Sequence[float], i: int) -> bool:
    if not math.isfinite(ys[i]):
        return False
    before = i == 0 or not math.isfinite(ys[i - 1])
    after = i == len(ys) - 1 or not math.isfinite(ys[i + 1])
    return before and after
