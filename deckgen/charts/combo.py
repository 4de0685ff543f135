"""Combo charts: columns (series with role "bar") and lines; a line on axis "secondary" gets a right axis
fitted to its data, whose ticks line up with the left axis's grid and whose zero is level with the left
axis's zero. Over unordered categories (channels, platforms) the line's points are markers, not a line.

A line's data labels sit among the columns: over more than 12 categories only its ends and peaks are labelled;
each label is a small tag with the line's colour around it, so that it reads as the line's value wherever a
column is behind it."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

from .bar import draw_bars
from .line import draw_lines
from .spec import ChartSpec, Series
from .style import (
    ChartStyle,
    Drawn,
    ValueAxis,
    add_legend,
    data_range,
    scaled,
    set_categories,
    shade_bands,
    style_axes,
    style_secondary_axes,
    zero_line,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

KEY_POINTS_FROM = 13  # more categories than the months of a year: a line is labelled at its ends and peaks only


def draw(ax: Axes, spec: ChartSpec, style: ChartStyle) -> Drawn:
    style_axes(ax, style, "y")
    count = len(spec.categories)
    indexed = list(enumerate(spec.series))
    bar_series = [(i, s) for i, s in indexed if s.role != "line"]
    lines_of = [(i, key_points(s, count) if bar_series else s) for i, s in indexed if s.role == "line"]
    primary_lines = [(i, s) for i, s in lines_of if s.axis != "secondary"]
    secondary_lines = [(i, s) for i, s in lines_of if s.axis == "secondary"]

    primary = ValueAxis(ax, spec.primary_axis, 0.0, 1.0)
    bars = draw_bars(ax, bar_series, count, style, primary, stacked=spec.stacked)
    primary_values = {i: scaled(s.values, spec.primary_axis) for i, s in primary_lines}
    line_low, line_high = data_range([v for vs in primary_values.values() for v in vs], include_zero=True)
    primary.low, primary.high = min(bars.low, line_low), max(bars.high, line_high)
    secondary = None
    if secondary_lines:  # a right axis fitted to its own data, its zero level with the left axis's zero
        ax2 = ax.twinx()
        style_secondary_axes(ax2, style)
        fmt = spec.secondary_axis or spec.primary_axis
        values = {i: scaled(s.values, fmt) for i, s in secondary_lines}
        low, high = data_range([v for vs in values.values() for v in vs], include_zero=True)
        secondary = ValueAxis(ax2, fmt, low, high, zero_with=primary, labelled_from=0.0 if low >= 0 else None)
        primary.zero_with = secondary
        if primary.low >= 0:  # room below zero made for the right axis's negatives is not the columns' range
            primary.labelled_from = 0.0
    primary.apply()
    zero_line(ax, style, primary.ticks[0], primary.ticks[-1])
    handles = {i: h for (i, _), h in zip(bar_series, bars.handles)}
    markers_only = not spec.ordered
    line_handles, labels = draw_lines(ax, primary_lines, primary_values, style, primary, count,
                                      markers_only=markers_only)
    handles.update({i: h for (i, _), h in zip(primary_lines, line_handles)})
    lines = list(line_handles)
    value_axes = [primary]

    if secondary is not None:
        line_handles, line_labels = draw_lines(secondary.ax, secondary_lines, values, style, secondary, count,
                                               markers_only=markers_only)
        handles.update({i: h for (i, _), h in zip(secondary_lines, line_handles)})
        lines += line_handles
        labels += line_labels
        value_axes.append(secondary)

    if bar_series:
        _as_tags(labels, lines_of, style)
    shade_bands(ax, spec.bands, style)
    labels = bars.labels + labels
    set_categories(ax, spec.categories, style, reserved_in=1.6 if secondary_lines else 0.9)
    if spec.show_legend:
        add_legend(ax, style, [handles[i] for i, _ in indexed], [s.name for s in spec.series])
    return Drawn(labels=labels, value_axes=value_axes, lines=lines, bars=bars.patches)


def key_points(series: Series, count: int) -> Series:
    """``series`` with its data labels kept at its first and last points and its highest and lowest only,
    when there are so many categories that a label on every point would crowd the columns."""
    if count < KEY_POINTS_FROM or not series.labels:
        return series
    known = [(value, i) for i, value in enumerate(series.values) if value is not None and math.isfinite(value)]
    if not known:
        return series
    keep = {known[0][1], known[-1][1], max(known)[1], min(known)[1]}
    return replace(series, labels=tuple(text if i in keep else "" for i, text in enumerate(series.labels)))


def _as_tags(labels, lines_of, style: ChartStyle) -> None:
    """Line labels as tags: the background colour inside, the line's colour around (a neutral one when
    several lines share the chart), so a label over a column is read as the line's value."""
    edge = style.colour(lines_of[0][1], lines_of[0][0]) if len(lines_of) == 1 else style.theme.muted
    for label in labels:
        label.text.set_bbox({"boxstyle": "round,pad=0.25", "facecolor": style.theme.background, "edgecolor": edge,
                             "linewidth": 0.8})
