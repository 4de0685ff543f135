"""Native donut charts: a square plot beside or above its legend, shares on the ring, the total in the hole."""

from __future__ import annotations

import math
from dataclasses import dataclass

from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Pt

from ..charts.spec import AxisFormat, ChartSpec
from ..layout.spec import Box, Para, PictureShape, Run, TextShape
from . import native_xml as nx
from .native_base import (
    Context,
    add_chart,
    chart_data,
    clean,
    contrast,
    finish,
    plot_area_of,
    rgb,
)
from .native_data import NumberStyle

DONUT_HOLE = 64  # % of the diameter (the image ring is 36 % of the radius wide)
LIBREOFFICE_HOLE = 50
DONUT_LABEL_SHARE = 0.05  # slices at least this big carry their share on the ring …
FEW_SLICES = 6  # … and every slice of a donut with this many or fewer: a native legend lists names only (its
# entries are the workbook's category cells), so a share the picture shows in its legend goes on the ring


def donut(slide, shape: PictureShape, ctx: Context) -> None:
    spec = shape.chart
    series = spec.series[0]
    values = [v if v is not None and math.isfinite(v) and v > 0 else None for v in series.values]
    share = NumberStyle(_share_axis(spec.primary_axis))
    big = max((v for v in values if v is not None), default=0.0) >= 100
    data = chart_data(spec, [(series.name, values, "#,##0" if big else "General")])
    chart = add_chart(slide, shape, XL_CHART_TYPE.DOUGHNUT, data)
    plot = chart.plots[0]
    plot.vary_by_categories = True
    doughnut = plot._element
    hole = doughnut.find(qn("c:holeSize"))
    if hole is not None:
        hole.set("val", str(DONUT_HOLE))
    first = doughnut.find(qn("c:firstSliceAng"))
    if first is not None:
        first.set("val", "0")
    drawn = plot.series[0]
    total = sum(v for v in values if v is not None)
    colours = [ctx.theme.palette[i % len(ctx.theme.palette)] for i in range(len(spec.categories))]
    for index, colour in enumerate(colours):
        point = drawn.points[index]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(colour)
        point.format.line.color.rgb = rgb(ctx.theme.background)
        point.format.line.width = Pt(1.5)
    share_code = share.code(share.fmt.decimals)
    points = []
    for index, value in enumerate(values):
        small = value is not None and total > 0 and value / total < DONUT_LABEL_SHARE
        if value is None or total <= 0 or (small and len(values) > FEW_SLICES):
            points.append(nx.deleted_label_xml(index))
        else:
            points.append(nx.coloured_label_xml(index, ctx.label_pt, contrast(colours[index], ctx.theme),
                                                ctx.fonts, ctx.lang, share_code, percent=True))
    xml = nx.dlbls_xml(num_fmt=share_code, txpr=ctx.txpr(ctx.label_pt, ctx.theme.text), position=None,
                       value=False, percent=True, points="".join(points))
    nx.set_series_dlbls(drawn._element, xml)
    layout = _donut_layout(shape.box, spec, ctx)
    plot_area = plot_area_of(chart)
    old = plot_area.find(qn("c:layout"))
    new = parse_xml(layout.plot_xml())
    if old is not None:
        old.addprevious(new)
        plot_area.remove(old)
    else:
        plot_area.insert(0, new)
    finish(chart, ctx, spec, len(spec.categories))
    if chart.has_legend:
        chart.legend.position = layout.legend_position
        if layout.legend_xml:  # right under the ring, not at the bottom of a tall box
            legend = chart.legend._element
            old_layout = legend.find(qn("c:layout"))
            if old_layout is not None:
                legend.remove(old_layout)
            nx.insert_before(legend, parse_xml(layout.legend_xml), ("c:overlay", "c:spPr", "c:txPr", "c:extLst"))
    if spec.center_label:
        _centre_label(slide, shape, ctx, layout)


def _share_axis(fmt: AxisFormat) -> AxisFormat:
    """Shares as "23.4%" (as charts/donut.py)."""
    is_percent = fmt.kind == "percent"
    return AxisFormat(kind="percent", decimals=fmt.decimals if is_percent and fmt.decimals else 1,
                      suffix=fmt.suffix if is_percent else "", decimal_sep=fmt.decimal_sep,
                      group_sep=fmt.group_sep)


@dataclass(frozen=True)
class _DonutLayout:
    """Where the ring sits inside the chart (fractions of the chart box), and where the legend goes."""

    x: float
    y: float
    w: float
    h: float
    legend_position: int
    legend_xml: str = ""

    def plot_xml(self) -> str:
        return (
            f'<c:layout {nx.C_A}><c:manualLayout><c:layoutTarget val="inner"/><c:xMode val="edge"/>'
            f'<c:yMode val="edge"/><c:x val="{self.x:.4f}"/><c:y val="{self.y:.4f}"/>'
            f'<c:w val="{self.w:.4f}"/><c:h val="{self.h:.4f}"/></c:manualLayout></c:layout>'
        )


def _donut_layout(box: Box, spec: ChartSpec, ctx: Context) -> _DonutLayout:
    """A square plot area: beside the legend in a wide box, above it in a tall one (as charts/donut.py)."""
    from ..layout.textfit import text_width_em

    width, height = box.width_in, box.height_in
    legend_pt = ctx.legend_pt
    names = [clean(c) for c in spec.categories]
    margin = 0.12
    if width >= height * 1.25:
        legend_w = max((text_width_em(n) for n in names), default=4.0) * legend_pt / 72 + 0.6
        side = max(min(height - 2 * margin, width - legend_w - 3 * margin), 0.5)
        free = width - legend_w - side
        x = max(free / 2, margin)
        y = (height - side) / 2
        position = XL_LEGEND_POSITION.RIGHT
    else:
        rows = math.ceil(len(names) / 3)
        legend_h = rows * legend_pt * 1.6 / 72 + 0.2
        side = max(min(width - 2 * margin, height - legend_h - 2 * margin), 0.5)
        x = (width - side) / 2
        y = max((height - side - legend_h) / 2, margin)
        top = (y + side + margin) / height
        legend = (
            f'<c:layout {nx.C_A}><c:manualLayout><c:xMode val="edge"/><c:yMode val="edge"/>'
            f'<c:x val="0.02"/><c:y val="{top:.4f}"/><c:w val="0.96"/>'
            f'<c:h val="{min(legend_h / height, 0.98 - top):.4f}"/></c:manualLayout></c:layout>'
        )
        return _DonutLayout(x / width, y / height, side / width, side / height, XL_LEGEND_POSITION.BOTTOM, legend)
    return _DonutLayout(x / width, y / height, side / width, side / height, position)


def _centre_label(slide, shape: PictureShape, ctx: Context, layout: _DonutLayout) -> None:
    """The text in the hole ("合计" over "5,641.0万元"), a text box centred on the ring."""
    from ..layout.textfit import text_width_em

    box = shape.box
    side = layout.w * box.width_in
    centre_x = box.left_in + (layout.x + layout.w / 2) * box.width_in
    centre_y = box.top_in + (layout.y + layout.h / 2) * box.height_in
    inner = side * LIBREOFFICE_HOLE / 100 * 0.85  # LibreOffice ignores c:holeSize and draws a 50 % hole
    lines = shape.chart.center_label.split("\n")
    value, caption = lines[-1], "\n".join(lines[:-1])
    value_pt = ctx.base_pt * 1.5
    needed = text_width_em(value) * value_pt / 72
    if needed > inner:
        value_pt = max(ctx.base_pt, value_pt * inner / needed)
    paras = []
    if caption:
        paras.append(Para((Run(caption),), ctx.label_pt, ctx.theme.muted, align="center"))
    paras.append(Para((Run(value, bold=True),), value_pt, ctx.theme.text, align="center"))
    text = TextShape(
        name=f"{shape.name} centre",
        box=Box(centre_x - inner / 2, centre_y - inner / 2, inner, inner),
        paras=tuple(paras),
        anchor="middle",
        inset_in=0.0,
    )
    ctx.writer.text_box(slide, text)
