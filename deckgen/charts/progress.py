"""Progress charts: one horizontal bar per category showing attainment against a target (1.0 = 100%).

Each bar runs over a pale track that ends at the target, takes the colour of its tone (favourable,
unfavourable, else the primary colour, named in a legend when ``spec.key`` names them) and carries its label
at its end; a vertical line marks the target, labelled above the plot. The value axis is a percentage from 0 to at least 120%.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .bar import percent_format
from .spec import AxisFormat, ChartSpec
from .style import (
    ChartStyle,
    DataLabel,
    Drawn,
    ValueAxis,
    contrast_text,
    label_at,
    put_label,
    set_categories_barh,
    style_axes,
    tone_colour,
    tone_key,
    zero_line,
)
from .ticks import format_scaled, tick_decimals

if TYPE_CHECKING:
    from matplotlib.axes import Axes

BAR_HEIGHT = 0.56  # share of a category's slot
MAX_BAR_PT = 30.0  # and at most this thick
MIN_HIGH = 1.2  # the axis reaches at least 120%
MARGIN = 0.1  # and this much beyond the longest bar


def draw(ax: Axes, spec: ChartSpec, style: ChartStyle) -> Drawn:
    theme = style.theme
    style_axes(ax, style, "x")
    series = spec.series[0]
    count = len(spec.categories)
    fmt = attainment_format(spec.primary_axis)
    reference = spec.reference if spec.reference is not None else 1.0
    ratios = [v if v is not None and math.isfinite(v) else None for v in series.values]
    found = [r for r in ratios if r is not None]
    high = max(MIN_HIGH, reference + MARGIN, max(found, default=0.0) + MARGIN)
    low = min(0.0, min(found, default=0.0) - (MARGIN if min(found, default=0.0) < 0 else 0.0))
    value_axis = ValueAxis(ax, fmt, low * 100, high * 100, orientation="x")
    value_axis.apply()
    zero_line(ax, style, value_axis.ticks[0], value_axis.ticks[-1], orientation="x")

    positions = list(range(count))
    slot_pt = max(style.height_in * 72 - 40, 36.0) / max(count, 1)
    height = min(BAR_HEIGHT, MAX_BAR_PT / slot_pt)
    ax.barh(positions, [reference * 100] * count, height=height, color=theme.panel, linewidth=0, zorder=2)
    patches = []
    labels: list[DataLabel] = []
    outside: list[tuple[DataLabel, Any, str]] = []  # labels at bar ends, their bars and colours
    for i, ratio in enumerate(ratios):
        tone = spec.tones[i] if i < len(spec.tones) else "neutral"
        text = label_at(series.labels, i)
        if not text and not series.labels and ratio is not None:
            text = format_scaled(ratio * 100, fmt, 1)
        colour = tone_colour(tone, style)
        patch = None
        if ratio is not None:
            (patch,) = ax.barh(i, ratio * 100, height=height, color=colour, linewidth=0, zorder=3)
            patches.append(patch)
        if text:
            end = (ratio or 0.0) * 100
            label = put_label(
                ax,
                end,
                i,
                text,
                style,
                dx=4 if end >= 0 else -4,
                ha="left" if end >= 0 else "right",
                va="center",
                colour=theme.text if ratio is not None else theme.muted,
                halo=True,
                value_axis=value_axis,
            )
            labels.append(label)
            if patch is not None and 0 <= end < reference * 100:
                outside.append((label, patch, colour))

    target = ax.axvline(reference * 100, color=theme.text, linewidth=1.1, linestyle=(0, (4, 2.5)), zorder=4)
    value = reference * 100
    ax.annotate(
        format_scaled(value, fmt, tick_decimals([value], fmt)),
        xy=(value, 1.0),
        xycoords=ax.get_xaxis_transform(),  # above the plot area, kept in the layout
        xytext=(0, 3),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=style.label_pt,
        color=theme.text,
        annotation_clip=False,
        zorder=7,
    )
    set_categories_barh(ax, spec.categories, style, reserved_in=0.5)
    tone_key(ax, spec, style)
    _off_the_target(ax, labels, outside, target, value_axis, style)
    return Drawn(labels=labels, value_axes=[value_axis], bars=patches)


def attainment_format(fmt: AxisFormat) -> AxisFormat:
    """The spec's axis when it is a percentage, else a percent axis in its separators."""
    return fmt if fmt.kind == "percent" else percent_format(fmt)


def _off_the_target(
    ax: Axes,
    every: list[DataLabel],
    labels: list[tuple[DataLabel, Any, str]],
    target: Any,
    value_axis: ValueAxis,
    style: ChartStyle,
) -> None:
    """A bar ending just short of the target would have its label cut by the target line: the label goes
    inside the bar's end when it fits there, else just past the line."""
    figure = ax.figure
    for _ in range(2):  # widen the axis for the labels first, then measure them against the line
        figure.draw_without_rendering()
        renderer = figure.canvas.get_renderer()
        if not value_axis.fit(every, renderer):
            break
    line_x = target.get_transform().transform((target.get_xdata()[0], 0))[0]
    for label, patch, colour in labels:
        text = label.text
        box = text.get_window_extent(renderer)
        if not box.x0 - 2 <= line_x <= box.x1 + 2:
            continue
        bar = patch.get_window_extent(renderer)
        if box.width + 8 <= bar.width:
            text.xyann = (-4, 0)
            text.set_horizontalalignment("right")
            text.set_color(contrast_text(colour, style))
            text.set_path_effects([])
            label.inside = patch
        else:
            text.xy = (target.get_xdata()[0], text.xy[1])
