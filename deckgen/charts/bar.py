"""Column and bar charts: vertical (``bar``) or horizontal (``barh``); grouped, stacked or 100% stacked."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .spec import AxisFormat, ChartSpec, Series
from .style import (
    ChartStyle,
    DataLabel,
    Drawn,
    ValueAxis,
    add_legend,
    contrast_text,
    label_at,
    put_label,
    scaled,
    set_categories,
    set_categories_barh,
    shade_bands,
    style_axes,
    zero_line,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

GROUP_WIDTH = 0.72  # share of a category slot taken by its bars
SINGLE_WIDTH = 0.6
BAR_GAP = 0.08  # gap between bars of one group, as a share of a bar


@dataclass
class Bars:
    """Bars drawn on an axes: their legend handles, data labels and the extent of values."""

    handles: list[Any] = field(default_factory=list)
    patches: list[Any] = field(default_factory=list)
    labels: list[DataLabel] = field(default_factory=list)
    low: float = 0.0
    high: float = 0.0


def draw(ax: Axes, spec: ChartSpec, style: ChartStyle) -> Drawn:
    horizontal = spec.kind == "barh"
    orientation = "x" if horizontal else "y"
    style_axes(ax, style, orientation)
    fmt = percent_format(spec.primary_axis) if spec.percent_stacked else spec.primary_axis
    value_axis = ValueAxis(ax, fmt, 0.0, 1.0, orientation=orientation, fixed=spec.percent_stacked)
    bars = draw_bars(
        ax,
        list(enumerate(spec.series)),
        len(spec.categories),
        style,
        value_axis,
        horizontal=horizontal,
        stacked=spec.stacked or spec.percent_stacked,
        percent=spec.percent_stacked,
    )
    value_axis.low, value_axis.high = (0.0, 100.0) if spec.percent_stacked else (bars.low, bars.high)
    value_axis.apply()
    zero_line(ax, style, value_axis.ticks[0], value_axis.ticks[-1], orientation)
    shade_bands(ax, spec.bands, style)
    if horizontal:
        set_categories_barh(ax, spec.categories, style, reserved_in=0.8 if spec.show_legend else 0.5)
    else:
        set_categories(ax, spec.categories, style)
    if spec.show_legend:
        add_legend(ax, style, bars.handles, [s.name for s in spec.series])
    return Drawn(labels=bars.labels, value_axes=[value_axis], bars=bars.patches)


def percent_format(fmt: AxisFormat) -> AxisFormat:
    """The 0–100% axis of a 100% stacked chart, in the deck's separators."""
    suffix = fmt.suffix if fmt.kind == "percent" else ""
    return AxisFormat(
        kind="percent",
        divisor=1.0,
        decimals=0,
        suffix=suffix,
        decimal_sep=fmt.decimal_sep,
        group_sep=fmt.group_sep,
    )


def draw_bars(
    ax: Axes,
    indexed: Sequence[tuple[int, Series]],
    count: int,
    style: ChartStyle,
    value_axis: ValueAxis,
    *,
    horizontal: bool = False,
    stacked: bool = False,
    percent: bool = False,
) -> Bars:
    """Bars for ``indexed`` (palette index, series): side by side, or stacked (positive up, negative down)."""
    fmt = value_axis.fmt
    rows = [scaled(series.values, fmt if not percent else AxisFormat()) for _, series in indexed]
    if percent:
        rows = _shares(rows)
    result = Bars()
    if not indexed:
        return result
    width = GROUP_WIDTH if (len(indexed) > 1 and not stacked) else SINGLE_WIDTH
    bar_width = width if stacked else width / len(indexed)
    up = [0.0] * count
    down = [0.0] * count
    for slot, ((index, series), values) in enumerate(zip(indexed, rows)):
        colour = style.colour(series, index)
        offset = 0.0 if stacked else (slot - (len(indexed) - 1) / 2) * bar_width
        positions, lengths, starts, kept = [], [], [], []
        for category, value in enumerate(values):
            if not math.isfinite(value):
                continue
            start = (up[category] if value >= 0 else down[category]) if stacked else 0.0
            if stacked:
                if value >= 0:
                    up[category] += value
                else:
                    down[category] += value
            positions.append(category + offset)
            lengths.append(value)
            starts.append(start)
            kept.append(category)
        drawn_width = bar_width * (1 - (0 if stacked or len(indexed) == 1 else BAR_GAP))
        if horizontal:
            container = ax.barh(
                positions,
                lengths,
                height=drawn_width,
                left=starts,
                color=colour,
                linewidth=0,
                zorder=3,
                label=series.name,
            )
        else:
            container = ax.bar(
                positions,
                lengths,
                width=drawn_width,
                bottom=starts,
                color=colour,
                linewidth=0,
                zorder=3,
                label=series.name,
            )
        result.handles.append(container)
        result.patches.extend(container.patches)
        for patch, category, position, start, value in zip(
            container.patches, kept, positions, starts, lengths
        ):
            text = label_at(series.labels, category)
            if text:
                result.labels.append(
                    _bar_label(
                        ax,
                        patch,
                        position,
                        start,
                        value,
                        text,
                        colour,
                        style,
                        value_axis,
                        horizontal=horizontal,
                        inside=stacked,
                    )
                )
        for value, start in zip(lengths, starts):
            result.low = min(result.low, start, start + value)
            result.high = max(result.high, start, start + value)
    if stacked and not percent and len(indexed) > 1:
        result.labels += _stack_totals(ax, up, down, style, value_axis, horizontal)
    if result.low == result.high == 0.0:
        result.high = 1.0
    return result


def _stack_totals(
    ax: Axes, up: list[float], down: list[float], style: ChartStyle, value_axis: ValueAxis, horizontal: bool
) -> list[DataLabel]:
    """Each stack's total, in bold just beyond its end: a stacked chart is read first by its totals."""
    from .ticks import format_scaled

    labels = []
    for category, (high, low) in enumerate(zip(up, down)):
        total = high + low
        if high == 0 and low == 0:
            continue
        text = format_scaled(total, value_axis.fmt)
        if horizontal:
            label = put_label(ax, high, category, text, style, dx=4, ha="left", va="center", value_axis=value_axis,
                              weight="bold")
        else:
            label = put_label(ax, category, high, text, style, dy=3, va="bottom", value_axis=value_axis,
                              weight="bold")
        labels.append(label)
    return labels


def _bar_label(
    ax: Axes,
    patch: Any,
    position: float,
    start: float,
    value: float,
    text: str,
    colour: str,
    style: ChartStyle,
    value_axis: ValueAxis,
    *,
    horizontal: bool,
    inside: bool,
) -> DataLabel:
    """Inside the middle of a stacked segment; otherwise just beyond the bar's end."""
    if inside:
        middle = start + value / 2
        x, y = (middle, position) if horizontal else (position, middle)
        return put_label(
            ax, x, y, text, style, ha="center", va="center", colour=contrast_text(colour, style), inside=patch
        )
    end = start + value
    if horizontal:
        return put_label(
            ax,
            end,
            position,
            text,
            style,
            dx=4 if value >= 0 else -4,
            ha="left" if value >= 0 else "right",
            va="center",
            value_axis=value_axis,
        )
    return put_label(
        ax,
        position,
        end,
        text,
        style,
        dy=3 if value >= 0 else -3,
        va="bottom" if value >= 0 else "top",
        value_axis=value_axis,
    )


def _shares(rows: list[list[float]]) -> list[list[float]]:
    """Each category's positive values as percentages of their sum (a 100% stack)."""
    count = len(rows[0]) if rows else 0
    totals = [sum(max(row[i], 0.0) for row in rows if math.isfinite(row[i])) for i in range(count)]
    return [
        [
            max(row[i], 0.0) / totals[i] * 100 if totals[i] > 0 and math.isfinite(row[i]) else math.nan
            for i in range(count)
        ]
        for row in rows
    ]
