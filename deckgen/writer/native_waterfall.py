"""Native waterfalls: stacked columns on an invisible base, labels carried by a line without a line
(docs/dev/native-waterfall.md)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

from ..charts.spec import ChartSpec
from ..charts.ticks import axis_scale, format_scaled
from ..layout.spec import PictureShape
from . import native_xml as nx
from .native_base import (
    SINGLE_GAP,
    Context,
    add_chart,
    chart_data,
    clean,
    fill_series,
    finish,
    note,
    rgb,
    round_ticks,
    style_category_axis,
    style_value_axis,
    value_axis_of,
)
from .native_data import NumberStyle

if TYPE_CHECKING:
    from ..theme import Theme

BASE_NAMES = {"zh": "辅助", "ja": "補助"}  # the invisible base column of a waterfall, in the workbook


def waterfall(slide, shape: PictureShape, ctx: Context) -> None:
    """Stacked columns: an invisible base, then the visible step (docs/dev/native-waterfall.md)."""
    spec = shape.chart
    style = NumberStyle(spec.primary_axis)
    steps = list(spec.series[0].values)
    bars = _waterfall_bars(steps, spec.totals)
    theme = ctx.theme
    base: list[float | None] = []
    up: list[float | None] = []
    down: list[float | None] = []
    for bar in bars:
        low, high = bar[:2] if bar is not None else (None, None)
        if bar is None:
            parts = (None, None, None)
        elif low >= 0:  # on an invisible base above zero
            parts = (low or None, high - low, None)
        elif high <= 0:  # hanging from an invisible base below zero
            parts = (high or None, None, low - high)
        else:  # across zero: a part above and a part below
            parts = (None, high, low)
        base.append(parts[0]), up.append(parts[1]), down.append(parts[2])
    colours = _role_colours(bars, theme)
    name = spec.series[0].name
    base_name = BASE_NAMES.get(ctx.lang.split("-")[0].lower(), "base")
    columns = [(base_name, [style.stored(v) for v in base], style.code(1))]
    cell = style.code(max(style.fmt.decimals, 1 if style.thousands is None else 0))
    columns.append((name, [style.stored(v) for v in up], cell))
    has_down = any(v is not None for v in down)
    if has_down:
        columns.append((f"{name} (-)", [style.stored(v) for v in down], cell))
    data = chart_data(spec, columns, note([style], ctx.lang))
    chart = add_chart(slide, shape, XL_CHART_TYPE.COLUMN_STACKED, data)
    plot = chart.plots[0]
    plot.gap_width = SINGLE_GAP
    plot.overlap = 100
    drawn = list(plot.series)
    invisible = drawn[0]
    invisible.format.fill.background()
    invisible.format.line.fill.background()
    invisible.invert_if_negative = False
    for visible in drawn[1:]:
        fill_series(visible, theme.primary)
        visible.invert_if_negative = False
        values = up if visible is drawn[1] else down
        for index, colour in enumerate(colours):
            if colour is not None and values[index] is not None:
                point = visible.points[index]
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = rgb(colour)
                point.format.line.fill.background()
    # the labels: a line plot with no line through each bar's outer end, labelled above or below it
    labels, anchor_values, sides = _waterfall_labels(spec, bars, steps)
    bar_chart = plot._element
    ids = [a.get("val") for a in bar_chart.findall(qn("c:axId"))]
    line_plot = parse_xml(nx.line_plot_xml(int(ids[0]), int(ids[1])))
    bar_chart.addnext(line_plot)
    categories_ref = bar_chart.find(qn("c:ser")).find(qn("c:cat")).find(qn("c:strRef")).find(qn("c:f")).text
    carrier = parse_xml(nx.literal_line_series_xml(
        len(drawn), "labels", categories_ref, [clean(c) for c in spec.categories],
        [style.stored(v) for v in anchor_values],
    ))
    nx.add_series_to_plot(line_plot, carrier)
    points = "".join(
        nx.text_label_xml(i, clean(text), ctx.label_pt, theme.text, ctx.fonts, ctx.lang, sides[i])
        if text else nx.deleted_label_xml(i)
        for i, text in enumerate(labels)
    )
    nx.set_series_dlbls(carrier, nx.dlbls_xml(num_fmt=None, txpr=ctx.txpr(ctx.label_pt, theme.text),
                                              position=None, value=False, points=points))
    finite = [v for bar in bars if bar is not None for v in bar[:2]]
    low, high = min(finite + [0.0]), max(finite + [0.0])
    display_low, display_high = low * axis_scale(style.fmt), high * axis_scale(style.fmt)
    ticks = round_ticks(display_low, display_high if display_high > display_low else display_low + 1.0, style.fmt)
    style_category_axis(chart.category_axis, ctx, low_labels=low < 0, categories=spec.categories,
                        width_in=shape.box.width_in)
    style_value_axis(value_axis_of(chart), ctx, style, ticks, fixed="min")
    finish(chart, ctx, replace(spec, show_legend=False), 1)


def _waterfall_bars(steps: Sequence[float | None], totals: Sequence[bool]):
    """(low, high, colour role) per category in raw units; totals stand on zero, steps float."""
    bars: list[tuple[float, float, str] | None] = []
    level = 0.0
    for index, raw in enumerate(steps):
        if raw is None or not math.isfinite(raw):
            bars.append(None)
            continue
        if index < len(totals) and totals[index]:
            start, end, role = 0.0, raw, "total"
            level = raw
        else:
            start, end = level, level + raw
            role = "up" if raw >= 0 else "down"
            level = end
        bars.append((min(start, end), max(start, end), role))
    return bars


def _waterfall_labels(spec: ChartSpec, bars, steps):
    """Each bar's label text, the value its label hangs on, and the side ("t" above, "b" below)."""
    series = spec.series[0]
    fmt = spec.primary_axis
    labels, anchors, sides = [], [], []
    for index, (bar, raw) in enumerate(zip(bars, steps)):
        if bar is None:
            labels.append(""), anchors.append(None), sides.append(None)
            continue
        low, high, role = bar
        text = series.labels[index] if index < len(series.labels) else ""
        if not text and not series.labels:
            text = format_scaled(raw * axis_scale(fmt), fmt)
            if role != "total" and raw > 0:
                text = "+" + text
        upward = raw >= 0
        labels.append(text)
        anchors.append(high if upward else low)
        sides.append("t" if upward else "b")
    return labels, anchors, sides


def _role_colours(bars, theme: Theme) -> list[str | None]:
    roles = {"up": theme.good, "down": theme.bad, "total": theme.primary}
    return [roles[bar[2]] if bar is not None else None for bar in bars]
