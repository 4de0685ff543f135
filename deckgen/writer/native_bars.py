"""Native line, column/bar (grouped, stacked, 100 %) and combo charts (columns with lines, a right-hand axis)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Pt

from ..charts.spec import AxisFormat, Series
from ..charts.style import data_range
from ..charts.ticks import axis_scale, zero_aligned_ticks
from ..layout.spec import PictureShape
from . import native_xml as nx
from .native_base import (
    BAR_OVERLAP,
    GROUP_GAP,
    LINE_PT,
    MARKER_LIMIT,
    SINGLE_GAP,
    Context,
    add_chart,
    cell_format,
    chart_data,
    contrast,
    display,
    fill_series,
    finish,
    note,
    plot_area_of,
    rgb,
    round_ticks,
    style_category_axis,
    style_value_axis,
    value_axis_of,
    value_labels,
)
from .native_data import NumberStyle


def line(slide, shape: PictureShape, ctx: Context) -> None:
    spec = shape.chart
    style = NumberStyle(spec.primary_axis)
    data = chart_data(
        spec, [(s.name, [style.stored(v) for v in s.values], cell_format(style, s)) for s in spec.series],
        note([style], ctx.lang),
    )
    chart = add_chart(slide, shape, XL_CHART_TYPE.LINE_MARKERS, data)
    markers = len(spec.categories) <= MARKER_LIMIT
    positions = _line_positions(spec.series)
    for index, (series, drawn) in enumerate(zip(spec.series, chart.plots[0].series)):
        _style_line_series(drawn, ctx, ctx.colour(series, index), markers)
        value_labels(drawn._element, ctx, style, series, positions.get(index))
    low, high = data_range([v for s in spec.series for v in display(s.values, style.fmt)], include_zero=False)
    ticks = round_ticks(low, high, style.fmt)
    style_category_axis(chart.category_axis, ctx, categories=spec.categories, width_in=shape.box.width_in)
    style_value_axis(value_axis_of(chart), ctx, style, ticks, fixed="min")
    finish(chart, ctx, spec, len(spec.series))


def bar(slide, shape: PictureShape, ctx: Context) -> None:
    spec = shape.chart
    horizontal = spec.kind == "barh"
    percent = spec.percent_stacked
    stacked = spec.stacked or percent
    style = NumberStyle(_percent_axis(spec.primary_axis) if percent else spec.primary_axis)
    value_style = NumberStyle(spec.primary_axis)
    data = chart_data(
        spec,
        [(s.name, [value_style.stored(v) for v in s.values], cell_format(value_style, s)) for s in spec.series],
        note([value_style], ctx.lang),
    )
    kinds = {
        (False, False): XL_CHART_TYPE.COLUMN_CLUSTERED, (False, True): XL_CHART_TYPE.BAR_CLUSTERED,
        (True, False): XL_CHART_TYPE.COLUMN_STACKED, (True, True): XL_CHART_TYPE.BAR_STACKED,
    }
    chart_type = kinds[(stacked, horizontal)]
    if percent:
        chart_type = XL_CHART_TYPE.BAR_STACKED_100 if horizontal else XL_CHART_TYPE.COLUMN_STACKED_100
    chart = add_chart(slide, shape, chart_type, data)
    plot = chart.plots[0]
    several = len(spec.series) > 1
    plot.gap_width = GROUP_GAP if several and not stacked else SINGLE_GAP
    plot.overlap = 100 if stacked else (BAR_OVERLAP if several else 0)
    position = "ctr" if stacked else "outEnd"
    for index, (series, drawn) in enumerate(zip(spec.series, plot.series)):
        fill_series(drawn, ctx.colour(series, index))
        drawn.invert_if_negative = False
        inside = contrast(ctx.colour(series, index), ctx.theme) if stacked else None  # on the bar
        value_labels(drawn._element, ctx, value_style, series, position, inside)
    if percent:
        ticks = [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        low = 0.0
    else:
        low, high = _bar_range(spec.series, style.fmt, stacked)
        ticks = round_ticks(low, high, style.fmt)
    if horizontal:  # first category on top, values along the bottom
        chart.category_axis.reverse_order = True
        _set_crosses(value_axis_of(chart)._element, "max")
    style_category_axis(chart.category_axis, ctx, low_labels=low < 0, categories=spec.categories,
                        width_in=shape.box.width_in)
    style_value_axis(value_axis_of(chart), ctx, style, ticks, fixed="both" if percent else "min")
    finish(chart, ctx, spec, len(spec.series))


def combo(slide, shape: PictureShape, ctx: Context) -> None:
    """Columns, then the lines in line plots of their own: on the columns' axes, or on a secondary pair
    (docs/dev/native-combo.md). Every series stays in the workbook."""
    spec = shape.chart
    primary = NumberStyle(spec.primary_axis)
    secondary = NumberStyle(spec.secondary_axis or spec.primary_axis)
    bars = [i for i, s in enumerate(spec.series) if s.role != "line"]
    lines_primary = [i for i, s in enumerate(spec.series) if s.role == "line" and s.axis != "secondary"]
    lines_secondary = [i for i, s in enumerate(spec.series) if s.role == "line" and s.axis == "secondary"]

    def style_of(index: int) -> NumberStyle:
        return secondary if index in lines_secondary else primary

    data = chart_data(
        spec,
        [(s.name, [style_of(i).stored(v) for v in s.values], cell_format(style_of(i), s))
         for i, s in enumerate(spec.series)],
        note([primary, secondary] if lines_secondary else [primary], ctx.lang),
    )
    if bars:
        chart_type = XL_CHART_TYPE.COLUMN_STACKED if spec.stacked else XL_CHART_TYPE.COLUMN_CLUSTERED
    else:
        chart_type = XL_CHART_TYPE.LINE_MARKERS
    chart = add_chart(slide, shape, chart_type, data)
    plot_area = plot_area_of(chart)
    first_plot = chart.plots[0]
    first = first_plot._element
    sers = list(first.findall(qn("c:ser")))
    markers = len(spec.categories) <= MARKER_LIMIT
    ids = [int(a.get("val")) for a in first.findall(qn("c:axId"))]

    if bars:
        several = len(bars) > 1 and not spec.stacked
        first_plot.gap_width = GROUP_GAP if several else SINGLE_GAP
        first_plot.overlap = 100 if spec.stacked else (BAR_OVERLAP if several else 0)
        for i in bars:
            drawn = first_plot.series[i]
            fill_series(drawn, ctx.colour(spec.series[i], i))
            drawn.invert_if_negative = False
            inside = contrast(ctx.colour(spec.series[i], i), ctx.theme) if spec.stacked else None
            value_labels(sers[i], ctx, primary, spec.series[i], "ctr" if spec.stacked else "outEnd", inside)
    plots = {"primary": first}
    if bars and lines_primary:
        plots["primary"] = parse_xml(nx.line_plot_xml(*ids))
        first.addnext(plots["primary"])
    if lines_secondary:
        secondary_ids = (11, 12)  # temporary; finish numbers every axis
        plots["secondary"] = parse_xml(nx.line_plot_xml(*secondary_ids))
        line_plots = plot_area.findall(qn("c:lineChart"))
        (line_plots[-1] if line_plots else first).addnext(plots["secondary"])
        cat_xml, val_xml = nx.secondary_axes_xml(*secondary_ids)
        last_axis = plot_area.findall(qn("c:valAx"))[-1]
        last_axis.addnext(parse_xml(val_xml))
        last_axis.addnext(parse_xml(cat_xml))
    for group, members, style in (("primary", lines_primary, primary), ("secondary", lines_secondary, secondary)):
        positions = _line_positions([spec.series[i] for i in members])
        for rank, i in enumerate(members):
            colour = ctx.colour(spec.series[i], i)
            # points over unordered categories: solid markers, labels in their colour (they may sit on a column)
            nx.bar_series_to_line(sers[i], colour, LINE_PT, markers or not spec.ordered,
                                  ctx.theme.background if spec.ordered else colour, joined=spec.ordered)
            if plots[group] is not first:
                nx.add_series_to_plot(plots[group], sers[i])
            value_labels(sers[i], ctx, style, spec.series[i], positions.get(rank) if spec.ordered else "t",
                         None if spec.ordered else colour)

    # scales as charts/combo.py: a right axis fitted to its data, its zero level with the left one's
    low, high = _bar_range([spec.series[i] for i in bars], primary.fmt, spec.stacked) if bars else (0.0, 0.0)
    line_values = [v for i in lines_primary for v in display(spec.series[i].values, primary.fmt)]
    if line_values:
        line_low, line_high = data_range(line_values, include_zero=True)
        low, high = min(low, line_low), max(high, line_high)
    high = high if high > low else low + 1.0
    if lines_secondary:
        values = [v for i in lines_secondary for v in display(spec.series[i].values, secondary.fmt)]
        primary_ticks, s_ticks = zero_aligned_ticks((low, high), data_range(values, include_zero=True))
    else:
        primary_ticks = round_ticks(low, high, primary.fmt)
    style_category_axis(chart.category_axis, ctx, low_labels=primary_ticks[0] < 0, categories=spec.categories,
                        width_in=shape.box.width_in)
    style_value_axis(value_axis_of(chart), ctx, primary, primary_ticks, fixed="both" if lines_secondary else "min",
                     no_negatives=low >= 0)
    if lines_secondary:
        style_value_axis(value_axis_of(chart, -1), ctx, secondary, s_ticks, fixed="both",
                         no_negatives=min((v for v in values if math.isfinite(v)), default=0.0) >= 0)
    finish(chart, ctx, spec, len(spec.series))


def _percent_axis(fmt: AxisFormat) -> AxisFormat:
    """The 0–100 % axis of a 100 % stack (as charts/bar.py)."""
    suffix = fmt.suffix if fmt.kind == "percent" else ""
    return AxisFormat(kind="percent", decimals=0, suffix=suffix, decimal_sep=fmt.decimal_sep,
                      group_sep=fmt.group_sep)


def _bar_range(series_list: Sequence[Series], fmt: AxisFormat, stacked: bool) -> tuple[float, float]:
    factor = axis_scale(fmt)
    count = max((len(s.values) for s in series_list), default=0)
    low = high = 0.0
    for i in range(count):
        up = down = 0.0
        for s in series_list:
            v = s.values[i] if i < len(s.values) else None
            if v is None or not math.isfinite(v):
                continue
            v *= factor
            if stacked:
                up, down = (up + v, down) if v >= 0 else (up, down + v)
                low, high = min(low, down), max(high, up)
            else:
                low, high = min(low, v), max(high, v)
    return low, (high if high > low else low + 1.0)


def _set_crosses(axis_element, where: str) -> None:
    """Where this axis crosses its perpendicular one: "autoZero", "min" or "max" of that axis."""
    for tag in ("c:crosses", "c:crossesAt"):
        for old in axis_element.findall(qn(tag)):
            axis_element.remove(old)
    axis_element.find(qn("c:crossAx")).addnext(parse_xml(f'<c:crosses {nx.C_A} val="{where}"/>'))


def _style_line_series(series, ctx: Context, colour: str, markers: bool) -> None:
    line = series.format.line
    line.color.rgb = rgb(colour)
    line.width = Pt(LINE_PT)
    series.smooth = False
    ser = series._element
    old = ser.find(qn("c:marker"))
    new = parse_xml(nx.marker_xml(colour, markers, ctx.theme.background))
    if old is not None:
        old.addprevious(new)
        ser.remove(old)
    else:
        nx.insert_before(ser, new, ("c:dPt", "c:dLbls", "c:trendline", "c:errBars", "c:cat", "c:val",
                                    "c:smooth", "c:extLst"))


def _line_positions(series_list: Sequence[Series]) -> dict[int, str]:
    """Label side per labelled line: above, except the lowest of several labelled lines, below."""
    labelled = [(i, s) for i, s in enumerate(series_list) if any(s.labels)]
    if len(labelled) < 2:
        return {i: "t" for i, _ in labelled}

    def mean(s: Series) -> float:
        numbers = [v for v in s.values if v is not None and math.isfinite(v)]
        return sum(numbers) / len(numbers) if numbers else 0.0

    lowest = min(labelled, key=lambda item: mean(item[1]))[0]
    return {i: ("b" if i == lowest else "t") for i, _ in labelled}
