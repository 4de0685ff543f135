"""Native Pareto and targets (progress) charts, built on the combo and bar builders
(docs/dev/native-charts.md, "Pareto" and "Targets").

Pareto: the items as columns (the vital few in the primary colour, the rest muted), the cumulative share as a
line on a right-hand axis fixed at 0–100 % in quarters, and the reference (80 %) as a dashed line on that
axis, labelled at its right end; items are numbered by rank when their names do not fit their slots.
Targets: a pale track to the target (100 %) behind each bar, the bars split into one series per tone so
that the legend says what the colours mean.
"""

from __future__ import annotations

import math
from dataclasses import replace

from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

from ..charts.bar import percent_format
from ..charts.pareto import MUTED_TINT, RESERVED_IN, SHARE_TICKS, vital_few
from ..charts.spec import AxisFormat, ChartSpec, Series
from ..charts.style import mix, text_em
from ..charts.ticks import format_scaled, tick_decimals
from ..layout.spec import PictureShape
from . import native_xml as nx
from .native_bars import bar, combo
from .native_base import (
    Context,
    display,
    label_step,
    plot_area_of,
    round_ticks,
    style_value_axis,
    value_axis_of,
)
from .native_data import NumberStyle

DASH_PT = 1.0
PROGRESS_MIN_HIGH = 1.2  # as charts/progress.py: the axis reaches at least 120 %
PROGRESS_MARGIN = 0.1
ON_TARGET = 5e-4  # an attainment this close to the target prints as the target (100.0 %)
TRACK_TINT = 0.7  # the track to the target: the muted colour this far towards the background


def pareto(slide, shape: PictureShape, ctx: Context) -> None:
    """Columns and the cumulative share on a 0–100 % right axis, with the reference as a dashed line."""
    spec = shape.chart
    combo_spec = pareto_as_combo(spec, ctx, shape.box.width_in)
    combo(slide, replace(shape, chart=combo_spec), ctx)
    chart = slide.shapes[-1].chart
    chart_space = chart._chartSpace
    plot_area = chart_space.find(qn("c:chart")).find(qn("c:plotArea"))
    bars = plot_area.find(qn("c:barChart")).findall(qn("c:ser"))[0]
    vital = _vital(spec)
    strong = spec.series[0].colour or ctx.theme.primary
    quiet = mix(ctx.theme.muted, ctx.theme.background, MUTED_TINT)
    if spec.reference is not None:
        for i in range(len(spec.categories)):  # c:dPt come before the labels and the data
            nx.insert_before(bars, parse_xml(_point_xml(i, strong if i < vital else quiet)),
                             ("c:dLbls", "c:trendline", "c:errBars", "c:cat", "c:val", "c:shape", "c:extLst"))
        _dash_reference(plot_area, ctx)
        _reference_label_side(plot_area, spec)
        _hide_legend_entry(chart_space, 2)
    share = NumberStyle(combo_spec.secondary_axis)
    style_value_axis(value_axis_of(chart, -1), ctx, share, list(SHARE_TICKS), fixed="both")
    primary = NumberStyle(spec.primary_axis)
    high = max(display(spec.series[0].values, primary.fmt) + [1.0])
    style_value_axis(value_axis_of(chart), ctx, primary, round_ticks(0.0, high, primary.fmt), fixed="min")


def pareto_as_combo(spec: ChartSpec, ctx: Context, width_in: float) -> ChartSpec:
    """The Pareto as a combo spec: bars, the cumulative line on a percent right axis, the reference line."""
    items, cumulative = spec.series[0], spec.series[1]
    share_fmt = _share_format(spec)
    shares = [v if v is not None and math.isfinite(v) else math.nan for v in cumulative.values]
    last = _vital(spec) - 1
    line_labels = tuple(
        (cumulative.labels[i] if i < len(cumulative.labels) and cumulative.labels[i]
         else format_scaled(shares[i] * 100, share_fmt, 1)) if i == last and math.isfinite(shares[i]) else ""
        for i in range(len(spec.categories))
    )
    slot_pt = max(width_in - RESERVED_IN, 1.0) * 72 / max(len(spec.categories), 1)
    if not all(text_em(t) * ctx.label_pt <= slot_pt * 0.95 for t in items.labels):
        items = replace(items, labels=())  # labels wider than their bars would overlap: none, as the picture
    series = [replace(items, role="bar", axis="primary"),
              replace(cumulative, role="line", axis="secondary", labels=line_labels)]
    if spec.reference is not None:
        value = spec.reference * 100
        text = format_scaled(value, share_fmt, tick_decimals([value], share_fmt))
        count = len(spec.categories)
        series.append(Series(text, tuple([spec.reference] * count), role="line", axis="secondary",
                             labels=tuple("" if i < count - 1 else text for i in range(count)),
                             colour=ctx.theme.muted))
    categories = spec.categories
    if label_step(categories, width_in, ctx.tick_pt) > 1:  # names that do not fit: ranks, as the picture
        categories = tuple(str(i + 1) for i in range(len(categories)))
    return replace(spec, kind="combo", categories=categories, series=tuple(series), secondary_axis=share_fmt,
                   reference=None, tones=())


def progress(slide, shape: PictureShape, ctx: Context) -> None:
    """Horizontal bars of attainment over a pale track to the target, one series per tone."""
    spec = shape.chart
    bar_spec = progress_as_bars(spec, ctx)
    bar(slide, replace(shape, chart=bar_spec), ctx)
    chart = slide.shapes[-1].chart
    plot = chart.plots[0]
    plot.overlap = 100  # the bars lie on their track
    values = [v for v in spec.series[0].values if v is not None and math.isfinite(v)]
    reference = spec.reference if spec.reference is not None else 1.0
    high = max(PROGRESS_MIN_HIGH, reference + PROGRESS_MARGIN, max(values, default=0.0) + PROGRESS_MARGIN)
    low = min(0.0, min(values, default=0.0) - (PROGRESS_MARGIN if min(values, default=0.0) < 0 else 0.0))
    style = NumberStyle(bar_spec.primary_axis)
    style_value_axis(value_axis_of(chart), ctx, style, round_ticks(low * 100, high * 100, style.fmt),
                     fixed="min")
    _no_track_labels(plot_area_of(chart))


def progress_as_bars(spec: ChartSpec, ctx: Context) -> ChartSpec:
    """The targets chart as grouped horizontal bars: the track to the reference, then one series per tone."""
    series = spec.series[0]
    fmt = spec.primary_axis if spec.primary_axis.kind == "percent" else percent_format(spec.primary_axis)
    reference = spec.reference if spec.reference is not None else 1.0
    count = len(spec.categories)
    ref_text = format_scaled(reference * 100, fmt, tick_decimals([reference * 100], fmt))
    tones = [spec.tones[i] if i < len(spec.tones) else "neutral" for i in range(count)]
    colours = {"good": ctx.theme.good, "bad": ctx.theme.bad, "neutral": ctx.theme.primary}
    track = mix(ctx.theme.muted, ctx.theme.background, TRACK_TINT)
    parts = [Series(ref_text, tuple([reference] * count), colour=track)]
    for tone in ("good", "bad", "neutral"):
        members = [i for i in range(count) if tones[i] == tone]
        if not members:
            continue
        values = tuple(series.values[i] if i in members else None for i in range(count))
        labels = tuple(series.labels[i] if i in members and i < len(series.labels) else "" for i in range(count))
        parts.append(Series(_tone_name(series.name, ref_text, values, reference, tone), values, labels=labels,
                            colour=colours[tone]))
    return replace(spec, kind="barh", series=tuple(parts), primary_axis=fmt, tones=(), reference=None,
                   show_legend=True)


def _tone_name(name: str, reference_text: str, values, reference: float, tone: str) -> str:
    """A legend name saying what a colour means: above or below the target when all its bars agree; the
    neutral colour (neither favourable nor not) on the target, else the plain name."""
    known = [v for v in values if v is not None and math.isfinite(v)]
    if tone == "neutral":
        on_target = known and all(abs(v - reference) < ON_TARGET for v in known)
        return f"{name} = {reference_text}" if on_target else name
    if known and all(v >= reference for v in known):
        return f"{name} ≥ {reference_text}"
    if known and all(v < reference for v in known):
        return f"{name} < {reference_text}"
    return name


def _no_track_labels(plot_area) -> None:
    track = plot_area.find(qn("c:barChart")).find(qn("c:ser"))
    old = track.find(qn("c:dLbls"))
    if old is not None:
        track.remove(old)


def _vital(spec: ChartSpec) -> int:
    shares = [v if v is not None and math.isfinite(v) else math.nan for v in spec.series[1].values]
    vital = vital_few(shares, spec.reference)
    if spec.tones:
        vital = next((i for i, tone in enumerate(spec.tones) if tone == "neutral"), len(spec.tones))
    return vital


def _share_format(spec: ChartSpec) -> AxisFormat:
    secondary = spec.secondary_axis
    if secondary is not None and secondary.kind == "percent":
        return secondary
    return percent_format(secondary or spec.primary_axis)


def _point_xml(index: int, colour: str) -> str:
    return (f'<c:dPt {nx.C_A}><c:idx val="{index}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>'
            f'<c:spPr><a:solidFill><a:srgbClr val="{nx.hex6(colour)}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
            "</c:spPr></c:dPt>")


def _dash_reference(plot_area, ctx: Context) -> None:
    """The reference series (the last line): a thin dashed muted line without markers."""
    ser = plot_area.findall(qn("c:lineChart"))[-1].findall(qn("c:ser"))[-1]
    old = ser.find(qn("c:spPr"))
    new = parse_xml(
        f'<c:spPr {nx.C_A}><a:ln w="{round(DASH_PT * 12700)}" cap="flat"><a:solidFill>'
        f'<a:srgbClr val="{nx.hex6(ctx.theme.muted)}"/></a:solidFill><a:prstDash val="dash"/><a:round/></a:ln>'
        "</c:spPr>")
    old.addprevious(new)
    ser.remove(old)
    marker = ser.find(qn("c:marker"))
    marker.addprevious(parse_xml(nx.marker_xml(ctx.theme.muted, False, ctx.theme.muted)))
    ser.remove(marker)


def _reference_label_side(plot_area, spec: ChartSpec) -> None:
    """The "80 %" label at the line's right end, on the side the cumulative line does not end on (above the
    reference when the line ends below it, as in most Paretos, below it otherwise), so they do not meet."""
    shares = [v for v in spec.series[1].values if v is not None and math.isfinite(v)]
    side = "b" if shares and shares[-1] > spec.reference else "t"
    ser = plot_area.findall(qn("c:lineChart"))[-1].findall(qn("c:ser"))[-1]
    for position in ser.find(qn("c:dLbls")).iter(qn("c:dLblPos")):
        position.set("val", side)


def _hide_legend_entry(chart_space, index: int) -> None:
    """The reference line needs no legend entry: it is labelled on the chart."""
    legend = chart_space.find(qn("c:chart")).find(qn("c:legend"))
    if legend is None:
        return
    legend.find(qn("c:legendPos")).addnext(
        parse_xml(f'<c:legendEntry {nx.C_A}><c:idx val="{index}"/><c:delete val="1"/></c:legendEntry>'))

