"""Waterfall (bridge) charts: signed steps from a start to an end; totals stand on zero.

Up steps take the theme's favourable colour, down steps the unfavourable one, totals the primary colour; a
legend (``spec.key``) says so.
Each bar carries its value, and thin connectors carry the running level from one bar to the next.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .spec import ChartSpec
from .style import (
    ChartStyle,
    DataLabel,
    Drawn,
    ValueAxis,
    add_legend,
    label_at,
    put_label,
    set_categories,
    style_axes,
    zero_line,
)
from .ticks import axis_scale, format_scaled

if TYPE_CHECKING:
    from matplotlib.axes import Axes

BAR_WIDTH = 0.6


def draw(ax: Axes, spec: ChartSpec, style: ChartStyle) -> Drawn:
    theme = style.theme
    style_axes(ax, style, "y")
    fmt = spec.primary_axis
    factor = axis_scale(fmt)
    series = spec.series[0] if spec.series else None
    steps = list(series.values) if series else []
    value_axis = ValueAxis(ax, fmt, 0.0, 1.0)
    level = 0.0
    low = high = 0.0
    bars = []  # (category, start, length, colour, is_total, raw value)
    for category, raw in enumerate(steps):
        if raw is None or not math.isfinite(raw):
            continue
        value = raw * factor
        is_total = category < len(spec.totals) and spec.totals[category]
        if is_total:
            start, length, colour = 0.0, value, theme.primary
            level = value
        else:
            start, length = level, value
            colour = theme.good if value >= 0 else theme.bad
            level += value
        bars.append((category, start, length, colour, is_total, raw))
        low, high = min(low, start, start + length), max(high, start, start + length)

    labels: list[DataLabel] = []
    for number, (category, start, length, colour, is_total, raw) in enumerate(bars):
        ax.bar(category, length, bottom=start, width=BAR_WIDTH, color=colour, linewidth=0, zorder=3)
        text = label_at(series.labels, category) if series else ""
        if not text and not (series and series.labels):
            text = format_scaled(raw * factor, fmt)
            if not is_total and raw > 0:
                text = "+" + text
        if text:
            end = start + length
            upward = length >= 0
            labels.append(
                put_label(
                    ax,
                    category,
                    end,
                    text,
                    style,
                    dy=3 if upward else -3,
                    va="bottom" if upward else "top",
                    value_axis=value_axis,
                )
            )
        if number + 1 < len(bars):
            following = bars[number + 1][0]
            end_level = start + length
            ax.plot(
                [category + BAR_WIDTH / 2, following - BAR_WIDTH / 2],
                [end_level, end_level],
                color=theme.muted,
                linewidth=0.7,
                zorder=2,
                solid_capstyle="butt",
            )

    value_axis.low, value_axis.high = low, (high if high > low else low + 1.0)
    value_axis.apply()
    zero_line(ax, style, value_axis.ticks[0], value_axis.ticks[-1])
    set_categories(ax, spec.categories, style)
    _key(ax, spec, style, {(colour, is_total) for _, _, _, colour, is_total, _ in bars})
    return Drawn(labels=labels, value_axes=[value_axis])


def _key(ax: Axes, spec: ChartSpec, style: ChartStyle, used: set[tuple[str, bool]]) -> None:
    """A legend for the colours the chart uses: what an up step, a down step and a total mean."""
    if len(spec.key) != 3:
        return
    from matplotlib.patches import Patch

    theme = style.theme
    entries = [(theme.good, False, spec.key[0]), (theme.bad, False, spec.key[1]), (theme.primary, True, spec.key[2])]
    shown = [(Patch(color=colour), name) for colour, total, name in entries if (colour, total) in used]
    add_legend(ax, style, [handle for handle, _ in shown], [name for _, name in shown])
