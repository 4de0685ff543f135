"""Native funnels: DrawingML charts have no funnel, so the classic Excel one, a horizontal stacked bar whose
first series is an invisible offset that centres the stage bars (docs/dev/native-charts.md, "Funnel").

Widths are the picture's (``charts/funnel.py``'s ``stage_widths``: to scale, or evenly stepped when a stage is
tiny), stored in the stages' own unit; the stage sizes are written on the bars, and each conversion note sits
just right of the stage it leads to, on a third invisible series (the right-hand padding).
"""

from __future__ import annotations

from dataclasses import replace
from xml.sax.saxutils import escape

from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

from ..charts.funnel import proportional_widths, stage_widths
from ..charts.spec import ChartSpec
from ..charts.style import mix
from ..layout.spec import PictureShape
from . import native_xml as nx
from .native_base import (
    Context,
    add_chart,
    chart_data,
    clean,
    contrast,
    finish,
    rgb,
    style_category_axis,
    value_axis_of,
)
from .native_data import NumberStyle

PAD_NAMES = {"zh": ("辅助", "辅助 2"), "ja": ("補助", "補助 2")}  # the invisible series, in the workbook
TINT_STEP = 0.55  # the last stage is this far from the primary colour towards the background
FUNNEL_GAP = 40
NOTE_X, NOTE_Y = 0.72, 0.93  # the note's top left corner, in fractions of the chart


def funnel(slide, shape: PictureShape, ctx: Context) -> None:
    spec = shape.chart
    offsets, bars, pads = funnel_columns(spec)
    style = NumberStyle(spec.primary_axis)
    names = PAD_NAMES.get(ctx.lang.split("-")[0].lower(), ("offset", "offset 2"))
    cell = style.code(max(style.fmt.decimals, 1 if style.thousands is None else 0))
    columns = [(names[0], [style.stored(v) for v in offsets], cell),
               (spec.series[0].name, [style.stored(v) for v in bars], cell),
               (names[1], [style.stored(v) for v in pads], cell)]
    data = chart_data(spec, columns)
    chart = add_chart(slide, shape, XL_CHART_TYPE.BAR_STACKED, data)
    plot = chart.plots[0]
    plot.gap_width = FUNNEL_GAP
    plot.overlap = 100
    offset, visible, pad = plot.series
    for invisible in (offset, pad):
        invisible.format.fill.background()
        invisible.format.line.fill.background()
    colours = stage_colours(len(spec.categories), ctx)
    for index, colour in enumerate(colours):
        point = visible.points[index]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(colour)
        point.format.line.fill.background()
    _labels(visible._element, spec.series[0].labels, colours, ctx, "ctr", contrast_of=True)
    notes = [""] + [spec.notes[i] if i < len(spec.notes) else "" for i in range(len(spec.categories) - 1)]
    _labels(pad._element, notes, colours, ctx, "inBase", contrast_of=False)
    chart.category_axis.reverse_order = True  # the widest stage on top
    style_category_axis(chart.category_axis, ctx, categories=spec.categories, width_in=shape.box.width_in)
    nx.set_sppr(chart.category_axis._element, nx.sppr_xml(no_fill=True, no_line=True), ("c:txPr", "c:crossAx"))
    axis = value_axis_of(chart)
    axis.visible = False
    axis.has_major_gridlines = False
    widest = max((o or 0) + (b or 0) + (p or 0) for o, b, p in zip(offsets, bars, pads)) if bars else 1.0
    axis.minimum_scale, axis.maximum_scale = 0.0, style.stored(widest) or 1.0
    finish(chart, ctx, replace(spec, show_legend=False), 1)
    if spec.key and widths_stepped(spec):
        _note_in_corner(chart, spec.key[0], ctx)


def funnel_columns(spec: ChartSpec) -> tuple[list[float | None], list[float | None], list[float | None]]:
    """Per stage: the invisible offset, the visible bar and the invisible right-hand padding (raw units)."""
    values = list(spec.series[0].values)
    widest = max((v for v in values if v is not None), default=0.0)
    widths = stage_widths(values, widest)
    scale = widest if widest > 0 else 1.0
    offsets, bars, pads = [], [], []
    for width in widths:
        if width is None:
            offsets.append(None), bars.append(None), pads.append(None)
            continue
        side = (1.0 - width) / 2 * scale
        offsets.append(side), bars.append(width * scale), pads.append(side)
    return offsets, bars, pads


def widths_stepped(spec: ChartSpec) -> bool:
    """Whether the widths step down evenly instead of following the stage sizes (a tiny stage)."""
    values = list(spec.series[0].values)
    widest = max((v for v in values if v is not None), default=0.0)
    return stage_widths(values, widest) != proportional_widths(values, widest)


def _note_in_corner(chart, text: str, ctx: Context) -> None:
    """The "not to scale" note, as the picture's: small and muted at the bottom right, over the plot (a chart
    title placed by hand, so that it moves and resizes with the chart)."""
    rpr = nx.run_properties_xml("defRPr", ctx.label_pt, ctx.theme.muted, ctx.fonts, ctx.lang)
    run = nx.run_properties_xml("rPr", ctx.label_pt, ctx.theme.muted, ctx.fonts, ctx.lang)
    title = parse_xml(
        f'<c:title {nx.C_A}><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{rpr}</a:pPr>'
        f"<a:r>{run}<a:t>{escape(clean(text))}</a:t></a:r></a:p></c:rich></c:tx>"
        '<c:layout><c:manualLayout><c:xMode val="edge"/><c:yMode val="edge"/>'
        f'<c:x val="{NOTE_X}"/><c:y val="{NOTE_Y}"/></c:manualLayout></c:layout><c:overlay val="1"/></c:title>')
    element = chart._chartSpace.find(qn("c:chart"))
    for old in element.findall(qn("c:title")) + element.findall(qn("c:autoTitleDeleted")):
        element.remove(old)
    element.insert(0, title)


def stage_colours(count: int, ctx: Context) -> list[str]:
    """Tints of the primary colour, darkest first (as the picture)."""
    theme = ctx.theme
    return [mix(theme.primary, theme.background, TINT_STEP * i / max(count - 1, 1)) for i in range(count)]


def _labels(ser, texts, colours, ctx: Context, position: str, contrast_of: bool) -> None:
    points = "".join(
        nx.text_label_xml(i, clean(text), ctx.label_pt,
                          contrast(colours[i], ctx.theme) if contrast_of else ctx.theme.text,
                          ctx.fonts, ctx.lang, position)
        if text else nx.deleted_label_xml(i)
        for i, text in enumerate(texts)
    )
    nx.set_series_dlbls(ser, nx.dlbls_xml(num_fmt=None, txpr=ctx.txpr(ctx.label_pt, ctx.theme.text),
                                          position=position, value=False, points=points))
