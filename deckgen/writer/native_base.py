"""What every native chart shares: the theme and fonts of one chart (:class:`Context`), its workbook, axes,
number formats, data labels and legend. The chart families build on these (``native_bars``, ``native_donut``,
``native_waterfall``); ``native.py`` chooses among them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

from pptx.chart.axis import ValueAxis
from pptx.enum.chart import XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION, XL_TICK_MARK
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Emu

from ..charts.spec import AxisFormat, ChartSpec, Series
from ..charts.ticks import axis_scale, nice_ticks, tick_decimals
from ..layout.spec import Box, PictureShape, TextShape
from ..theme import ChartType
from . import native_xml as nx
from .native_data import NumberStyle, SafeChartData, unit_note
from .parts import clean_text

if TYPE_CHECKING:
    from ..theme import Theme


class ChartHost(Protocol):
    """What a native chart needs of the slide writer (``writer/pptx.py``'s ``DeckWriter``), named here so that
    the chart modules do not import the writer: its deck, theme, tones and rendered pictures, and its way of
    writing a text box (the donut's centre label)."""

    deck: Any
    theme: Theme | None
    tones: dict
    pictures: dict

    def text_box(self, slide: Any, shape: TextShape) -> Any: ...


MAX_TICKS = 5
MARKER_LIMIT = 24  # point markers up to this many categories (as the image charts)
LINE_PT = 2.0
GRID_PT = 0.6
AXIS_PT = 0.8
GROUP_GAP = 39  # gap between category groups, % of a bar (the image charts: bars fill 72 % of a slot)
SINGLE_GAP = 67  # one bar per category fills 60 % of its slot
BAR_OVERLAP = -8  # a small gap between the bars of a group


@dataclass(frozen=True)
class Context(ChartType):
    writer: ChartHost
    theme: Theme
    fonts: tuple[str, str]
    lang: str

    @classmethod
    def of(cls, writer: ChartHost, shape: PictureShape) -> Context:
        theme = writer.theme or fallback_theme(writer)
        return cls(writer, theme, (theme.fonts.latin, theme.fonts.east_asian), writer.deck.language_tag)

    def txpr(self, size_pt: float, colour: str, bold: bool = False) -> str:
        return nx.txpr_xml(size_pt, colour, self.fonts, self.lang, bold)



def fallback_theme(writer: ChartHost) -> Theme:
    """The default theme with the deck's fonts and the writer's tones, when the writer was given no theme."""
    from ..theme import load_theme

    deck = writer.deck
    fonts = {"latin": deck.latin_font, "east_asian": deck.east_asian_font, "chart": [deck.east_asian_font]}
    theme = load_theme("default", fonts, red_is_good=False)
    tones = writer.tones
    return replace(
        theme,
        good=tones.get("good", theme.good),
        bad=tones.get("bad", theme.bad),
        text=tones.get("text", theme.text),
        primary=tones.get("header", theme.primary),
        panel=tones.get("stripe", theme.panel),
        fonts=replace(theme.fonts, latin=deck.latin_font, east_asian=deck.east_asian_font),
    )


def emu_box(box: Box) -> tuple[Emu, Emu, Emu, Emu]:
    return tuple(Emu(round(v * 914400)) for v in (box.left_in, box.top_in, box.width_in, box.height_in))


def clean(text: str) -> str:
    """Chart text as pictures show it: printable, and no longer than a chart label can be (an embedded
    workbook's cell holds at most 32,767 characters)."""
    from ..charts.spec import MAX_LABEL
    from ..text import capped

    return capped(clean_text(text), MAX_LABEL)


def chart_data(spec: ChartSpec, columns: Sequence[tuple[str, Sequence[float | None], str]],
                note: str = "") -> SafeChartData:
    """Workbook columns (name, stored values, cell format) over the spec's categories."""
    data = SafeChartData(note=clean(note))
    data.categories = [clean(c) for c in spec.categories]
    count = len(spec.categories)
    for name, values, number_format in columns:
        padded = [values[i] if i < len(values) else None for i in range(count)]
        data.add_series(clean(name), padded, number_format)
    return data


def note(styles: Sequence[NumberStyle], lang: str) -> str:
    units = sorted({s.scaled_unit for s in styles if s.scaled_unit})
    return unit_note("、".join(units), lang) if units else ""


def cell_format(style: NumberStyle, series: Series) -> str:
    """The workbook cells' format: as the data labels when they are numbers, else the axis with a decimal
    more for values stored in a unit such as 万."""
    found = style.for_labels(series.values, series.labels)
    if found is not None:
        return found[0].code(found[1])
    return style.code(max(style.fmt.decimals, 1 if style.thousands is None else 0))


def add_chart(slide, shape: PictureShape, chart_type, data: SafeChartData):
    frame = slide.shapes.add_chart(chart_type, *emu_box(shape.box), data)
    frame.name = shape.name
    return frame.chart


def finish(chart, ctx: Context, spec: ChartSpec, legend_series: int) -> None:
    """Chart-wide look: no title, transparent background, theme text, legend on top for several series,
    positive axis ids."""
    space = chart._chartSpace
    chart.has_title = False
    nx.set_txpr(space, ctx.txpr(ctx.base_pt, ctx.theme.text), ("c:externalData", "c:printSettings",
                                                                "c:userShapes", "c:extLst"))
    nx.set_sppr(space, nx.sppr_xml(no_fill=True, no_line=True), ("c:txPr", "c:externalData"))
    rounded = space.find(qn("c:roundedCorners"))
    if rounded is None:
        rounded = parse_xml(f'<c:roundedCorners {nx.C_A} val="0"/>')
        nx.insert_before(space, rounded, ("c:AlternateContent", "c:style", "c:clrMapOvr", "c:pivotSource",
                                          "c:protection", "c:chart"))
    plot_area = space.find(qn("c:chart")).find(qn("c:plotArea"))
    nx.set_sppr(plot_area, nx.sppr_xml(no_fill=True, no_line=True), ("c:extLst",))
    if spec.show_legend and legend_series > 1:
        chart.has_legend = True
        legend = chart.legend
        legend.position = XL_LEGEND_POSITION.TOP
        legend.include_in_layout = False
        nx.set_txpr(legend._element, ctx.txpr(ctx.legend_pt, ctx.theme.text), ("c:extLst",))
    else:
        chart.has_legend = False
    nx.positive_axis_ids(space)


def style_category_axis(axis, ctx: Context, low_labels: bool = False, categories: Sequence[str] = (),
                        width_in: float = 0.0) -> None:
    """A quiet axis line and the category labels as the image charts set them (``charts.style``): level, and
    every k-th one when they do not fit side by side (22 days read "10/21 10/23 …", not "10/2110/22…")."""
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.minor_tick_mark = XL_TICK_MARK.NONE
    axis.has_major_gridlines = False
    if low_labels:  # bars below zero: the axis line sits at zero, the labels stay at the bottom
        axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    nx.set_sppr(axis._element, nx.sppr_xml(line=ctx.theme.muted, line_pt=AXIS_PT), ("c:txPr", "c:crossAx"))
    # No explicit rotation: LibreOffice lets labels overlap when the XML says rot="0", and hides the ones that
    # would overlap when it says nothing (oox axisconverter.cxx); it has no "every n-th label" (#i58731).
    nx.set_txpr(axis._element, ctx.txpr(ctx.tick_pt, ctx.theme.text), ("c:crossAx",))
    step = label_step(categories, width_in, ctx.tick_pt) if categories and width_in else 1
    if step > 1:  # PowerPoint's own order: c:tickLblSkip, then c:tickMarkSkip, before c:noMultiLvlLbl
        for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
            nx.insert_before(axis._element, parse_xml(f'<{tag} {nx.C_A} val="{step}"/>'),
                             ("c:noMultiLvlLbl", "c:extLst"))


def _slot_em(count: int, width_in: float, tick_pt: float) -> float:
    """Width of one category's slot in ems of the tick labels (value labels and margins take 0.9 in)."""
    return max(width_in - 0.9, 1.0) * 72 / max(count, 1) / tick_pt * 0.9


def _fits_level(categories: Sequence[str], width_in: float, tick_pt: float) -> bool:
    from ..charts.style import text_em

    slot = _slot_em(len(categories), width_in, tick_pt)
    return bool(categories) and width_in > 0 and all(text_em(t) <= slot for t in categories)


def label_step(categories: Sequence[str], width_in: float, tick_pt: float) -> int:
    """Every how many categories a label is shown: 1 when they fit level or the picture would slant them;
    for a long ordered axis (more than 16) or no room to slant, the step that leaves a label's width plus
    one em between labels, as ``charts.style.set_categories`` does."""
    from ..charts.style import text_em

    slot = _slot_em(len(categories), width_in, tick_pt)
    if _fits_level(categories, width_in, tick_pt) or (slot >= 1.8 and len(categories) <= 16):
        return 1
    widest = max(text_em(t) for t in categories)
    return max(2, math.ceil((widest + 1.0) / slot))


def style_value_axis(axis, ctx: Context, style: NumberStyle, ticks: Sequence[float] | None,
                      fixed: str = "", no_negatives: bool = False) -> None:
    """Gridlines, quiet tick labels, the number format, and the scale from the image charts' round ticks.

    ``fixed``: "min" or "both" set the major unit, the minimum (bars start at zero, lines where the image
    charts start) and the maximum at the last round tick: left automatic, LibreOffice and PowerPoint add up
    to a quarter of headroom (a 1,443万 peak on an axis to 2,000万). Edited data past the maximum needs
    Format Axis → Bounds → Reset. ``no_negatives``: ticks below zero stay unlabelled (room a right axis's
    negatives made under columns that have none).
    """
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.minor_tick_mark = XL_TICK_MARK.NONE
    axis.has_major_gridlines = True
    element = axis._element
    gridlines = element.find(qn("c:majorGridlines"))
    nx.set_sppr(gridlines, nx.sppr_xml(line=ctx.theme.grid, line_pt=GRID_PT), ())
    decimals = tick_decimals(ticks, style.fmt) if ticks else style.fmt.decimals
    code = style.code(decimals, zero_plain=True)
    if no_negatives and style.fmt.kind != "percent":  # an empty negative section prints nothing
        positive, _, zero = code.split(";")
        code = f"{positive};;{zero}"
    axis.tick_labels.number_format = code
    axis.tick_labels.number_format_is_linked = False
    nx.set_sppr(element, nx.sppr_xml(no_fill=True, no_line=True), ("c:txPr", "c:crossAx"))
    nx.set_txpr(element, ctx.txpr(ctx.tick_pt, ctx.theme.muted), ("c:crossAx",))
    if ticks and len(ticks) > 1:
        axis.major_unit = style.from_display(ticks[1] - ticks[0])
        if fixed in ("min", "both"):
            axis.minimum_scale = style.from_display(ticks[0])
            axis.maximum_scale = style.from_display(ticks[-1])


def round_ticks(low: float, high: float, fmt: AxisFormat) -> list[float]:
    integer = fmt.decimals == 0 and high - low >= 4
    return nice_ticks(low, high, MAX_TICKS, integer)


def display(values: Sequence[float | None], fmt: AxisFormat) -> list[float]:
    factor = axis_scale(fmt)
    return [v * factor for v in values if v is not None and math.isfinite(v)]


def fill_series(series, colour: str) -> None:
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = rgb(colour)
    series.format.line.fill.background()


def rgb(colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(nx.hex6(colour))


def value_labels(ser_element, ctx: Context, style: NumberStyle, series: Series, position: str | None,
                  colour: str | None = None) -> None:
    """The image chart's data labels: a number format when one reproduces them, else their fixed text."""
    if not any(series.labels):
        return
    found = style.for_labels(series.values, series.labels)
    colour = colour or ctx.theme.text
    txpr = ctx.txpr(ctx.label_pt, colour)
    shown = [i for i, text in enumerate(series.labels) if text]
    if found is not None:
        points = "".join(
            nx.deleted_label_xml(i) for i in range(len(series.values))
            if i >= len(series.labels) or not series.labels[i]
        )
        xml = nx.dlbls_xml(num_fmt=found[0].code(found[1]), txpr=txpr, position=position, points=points)
    else:
        items = {
            i: nx.text_label_xml(i, clean(series.labels[i]), ctx.label_pt, colour, ctx.fonts, ctx.lang, position)
            for i in shown
        }
        items.update({i: nx.deleted_label_xml(i) for i in range(len(series.values)) if i not in items})
        points = "".join(items[i] for i in sorted(items))  # c:dLbl in index order
        xml = nx.dlbls_xml(num_fmt=None, txpr=txpr, position=position, value=False, points=points)
    nx.set_series_dlbls(ser_element, xml)


def plot_area_of(chart):
    return chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))


def value_axis_of(chart, index: int = 0) -> ValueAxis:
    """The chart's first (primary) value axis; python-pptx's ``Chart.value_axis`` gives the second when there
    are two."""
    return ValueAxis(plot_area_of(chart).findall(qn("c:valAx"))[index])


def contrast(fill: str, theme: Theme) -> str:
    red, green, blue = (int(fill.lstrip("#")[i: i + 2], 16) / 255 for i in (0, 2, 4))
    return "#FFFFFF" if 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.6 else theme.text
