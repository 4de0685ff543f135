"""Native, editable PowerPoint charts ("Edit Data" works) drawn from the same :class:`ChartSpec` as the images.

``add_native_chart`` is called by :class:`deckgen.writer.pptx.DeckWriter` for a ``PictureShape`` with
``native=True``. Kinds: line, bar / barh (grouped, stacked, 100 %), combo (columns + lines, a line on the
secondary axis gets a right-hand axis), donut, waterfall (stacked columns on an invisible base). Any other
kind is drawn as a picture, so a deck never loses a chart. Colours, fonts and number formats come from the
deck's theme and the chart's :class:`AxisFormat`; see ``docs/dev/native-charts.md``.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pptx.chart.axis import ValueAxis
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION, XL_TICK_MARK
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from ..charts.spec import AxisFormat, ChartSpec, Series
from ..charts.style import data_range
from ..charts.ticks import aligned_ticks, axis_scale, format_scaled, nice_ticks, tick_decimals
from ..layout.spec import Box, Para, PictureShape, Run, TextShape
from . import native_xml as nx
from .native_data import NumberStyle, SafeChartData, unit_note

if TYPE_CHECKING:
    from ..theme import Theme
    from .pptx import DeckWriter

NATIVE_KINDS = ("line", "bar", "barh", "combo", "donut", "waterfall")
MAX_TICKS = 5
MARKER_LIMIT = 24  # point markers up to this many categories (as the image charts)
LINE_PT = 2.0
GRID_PT = 0.6
AXIS_PT = 0.8
GROUP_GAP = 39  # gap between category groups, % of a bar (the image charts: bars fill 72 % of a slot)
SINGLE_GAP = 67  # one bar per category fills 60 % of its slot
BAR_OVERLAP = -8  # a small gap between the bars of a group
COLUMN_ROOM = 0.45  # combo with a right-axis line: room above the columns (as charts/combo.py)
LINE_ROOM = 1.1  # and room below the line
DONUT_HOLE = 64  # % of the diameter (the image ring is 36 % of the radius wide)
LIBREOFFICE_HOLE = 50
DONUT_LABEL_SHARE = 0.05  # slices at least this big carry their share on the ring
BASE_NAMES = {"zh": "辅助", "ja": "補助"}  # the invisible base column of a waterfall, in the workbook


def supports_native(chart: ChartSpec) -> bool:
    """Whether ``chart`` can be written as a native chart (otherwise it is drawn as a picture)."""
    return chart.kind in NATIVE_KINDS and bool(chart.series) and bool(chart.categories)


def add_native_chart(slide, shape: PictureShape, writer: DeckWriter) -> None:
    """Add ``shape.chart`` to ``slide`` as an editable chart in ``shape.box`` (or as a picture if unsupported)."""
    if not supports_native(shape.chart):
        _picture_fallback(slide, shape, writer)
        return
    ctx = _Context.of(writer, shape)
    builder = {
        "line": _line,
        "bar": _bar,
        "barh": _bar,
        "combo": _combo,
        "donut": _donut,
        "waterfall": _waterfall,
    }[shape.chart.kind]
    builder(slide, shape, ctx)


# ---------------------------------------------------------------------------------------------- context


@dataclass(frozen=True)
class _Context:
    writer: DeckWriter
    theme: Theme
    fonts: tuple[str, str]
    lang: str

    @classmethod
    def of(cls, writer: DeckWriter, shape: PictureShape) -> _Context:
        theme = writer.theme or _fallback_theme(writer)
        return cls(writer, theme, (theme.fonts.latin, theme.fonts.east_asian), writer.deck.language_tag)

    @property
    def base_pt(self) -> float:
        return self.theme.chart_text_pt

    @property
    def legend_pt(self) -> float:
        return self.theme.chart_text_pt

    @property
    def tick_pt(self) -> float:
        return self.theme.chart_tick_pt

    @property
    def label_pt(self) -> float:
        return self.theme.chart_label_pt

    def txpr(self, size_pt: float, colour: str, bold: bool = False) -> str:
        return nx.txpr_xml(size_pt, colour, self.fonts, self.lang, bold)

    def colour(self, series: Series, index: int) -> str:
        return series.colour or self.theme.palette[index % len(self.theme.palette)]


def _fallback_theme(writer: DeckWriter) -> Theme:
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


def _picture_fallback(slide, shape: PictureShape, writer: DeckWriter) -> None:
    from .pptx import picture_key

    png = writer.pictures.get(picture_key(shape))
    if png is None:
        from ..charts.render import render_chart

        theme = writer.theme or _fallback_theme(writer)
        png = render_chart(shape.chart, theme, shape.box.width_in, shape.box.height_in)
    picture = slide.shapes.add_picture(io.BytesIO(png), *_emu_box(shape.box))
    picture.name = shape.name


def _emu_box(box: Box) -> tuple[Emu, Emu, Emu, Emu]:
    return tuple(Emu(round(v * 914400)) for v in (box.left_in, box.top_in, box.width_in, box.height_in))


# ---------------------------------------------------------------------------------------------- data


def _clean(text: str) -> str:
    """Chart text as pictures show it: printable, and no longer than a chart label can be (an embedded
    workbook's cell holds at most 32,767 characters)."""
    from ..charts.spec import MAX_LABEL
    from ..text import capped
    from .pptx import _clean as clean_text

    return capped(clean_text(text), MAX_LABEL)


def _chart_data(spec: ChartSpec, columns: Sequence[tuple[str, Sequence[float | None], str]],
                note: str = "") -> SafeChartData:
    """Workbook columns (name, stored values, cell format) over the spec's categories."""
    data = SafeChartData(note=_clean(note))
    data.categories = [_clean(c) for c in spec.categories]
    count = len(spec.categories)
    for name, values, number_format in columns:
        padded = [values[i] if i < len(values) else None for i in range(count)]
        data.add_series(_clean(name), padded, number_format)
    return data


def _note(styles: Sequence[NumberStyle], lang: str) -> str:
    units = sorted({s.scaled_unit for s in styles if s.scaled_unit})
    return unit_note("、".join(units), lang) if units else ""


def _cell_format(style: NumberStyle, series: Series) -> str:
    """The workbook cells' format: as the data labels when they are numbers, else the axis with a decimal
    more for values stored in a unit such as 万."""
    found = style.for_labels(series.values, series.labels)
    if found is not None:
        return found[0].code(found[1])
    return style.code(max(style.fmt.decimals, 1 if style.thousands is None else 0))


def _add_chart(slide, shape: PictureShape, chart_type, data: SafeChartData):
    frame = slide.shapes.add_chart(chart_type, *_emu_box(shape.box), data)
    frame.name = shape.name
    return frame.chart


# ---------------------------------------------------------------------------------------------- look


def _finish(chart, ctx: _Context, spec: ChartSpec, legend_series: int) -> None:
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


def _style_category_axis(axis, ctx: _Context, low_labels: bool = False) -> None:
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.minor_tick_mark = XL_TICK_MARK.NONE
    axis.has_major_gridlines = False
    if low_labels:  # bars below zero: the axis line sits at zero, the labels stay at the bottom
        axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    nx.set_sppr(axis._element, nx.sppr_xml(line=ctx.theme.muted, line_pt=AXIS_PT), ("c:txPr", "c:crossAx"))
    nx.set_txpr(axis._element, ctx.txpr(ctx.tick_pt, ctx.theme.text), ("c:crossAx",))


def _style_value_axis(axis, ctx: _Context, style: NumberStyle, ticks: Sequence[float] | None,
                      fixed: str = "") -> None:
    """Gridlines, quiet tick labels, the number format, and the scale from the image charts' round ticks.

    ``fixed``: "min" sets the major unit and the minimum (bars start at zero, lines where the image charts
    start), the maximum stays automatic so edited data never leaves the plot; "both" sets the maximum too
    (combo axes whose grids must line up, 100 % stacks).
    """
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.minor_tick_mark = XL_TICK_MARK.NONE
    axis.has_major_gridlines = True
    element = axis._element
    gridlines = element.find(qn("c:majorGridlines"))
    nx.set_sppr(gridlines, nx.sppr_xml(line=ctx.theme.grid, line_pt=GRID_PT), ())
    decimals = tick_decimals(ticks, style.fmt) if ticks else style.fmt.decimals
    axis.tick_labels.number_format = style.code(decimals, zero_plain=True)
    axis.tick_labels.number_format_is_linked = False
    nx.set_sppr(element, nx.sppr_xml(no_fill=True, no_line=True), ("c:txPr", "c:crossAx"))
    nx.set_txpr(element, ctx.txpr(ctx.tick_pt, ctx.theme.muted), ("c:crossAx",))
    if ticks and len(ticks) > 1:
        axis.major_unit = style.from_display(ticks[1] - ticks[0])
        if fixed in ("min", "both"):
            axis.minimum_scale = style.from_display(ticks[0])
        if fixed == "both":
            axis.maximum_scale = style.from_display(ticks[-1])


def _ticks(low: float, high: float, fmt: AxisFormat) -> list[float]:
    integer = fmt.decimals == 0 and high - low >= 4
    return nice_ticks(low, high, MAX_TICKS, integer)


def _display(values: Sequence[float | None], fmt: AxisFormat) -> list[float]:
    factor = axis_scale(fmt)
    return [v * factor for v in values if v is not None and math.isfinite(v)]


def _fill_series(series, colour: str) -> None:
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = _rgb(colour)
    series.format.line.fill.background()


def _rgb(colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(nx.hex6(colour))


def _value_labels(ser_element, ctx: _Context, style: NumberStyle, series: Series, position: str | None,
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
            i: nx.text_label_xml(i, _clean(series.labels[i]), ctx.label_pt, colour, ctx.fonts, ctx.lang, position)
            for i in shown
        }
        items.update({i: nx.deleted_label_xml(i) for i in range(len(series.values)) if i not in items})
        points = "".join(items[i] for i in sorted(items))  # c:dLbl in index order
        xml = nx.dlbls_xml(num_fmt=None, txpr=txpr, position=position, value=False, points=points)
    nx.set_series_dlbls(ser_element, xml)


def _style_line_series(series, ctx: _Context, colour: str, markers: bool) -> None:
    line = series.format.line
    line.color.rgb = _rgb(colour)
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


# ---------------------------------------------------------------------------------------------- kinds


def _line(slide, shape: PictureShape, ctx: _Context) -> None:
    spec = shape.chart
    style = NumberStyle(spec.primary_axis)
    data = _chart_data(
        spec, [(s.name, [style.stored(v) for v in s.values], _cell_format(style, s)) for s in spec.series],
        _note([style], ctx.lang),
    )
    chart = _add_chart(slide, shape, XL_CHART_TYPE.LINE_MARKERS, data)
    markers = len(spec.categories) <= MARKER_LIMIT
    positions = _line_positions(spec.series)
    for index, (series, drawn) in enumerate(zip(spec.series, chart.plots[0].series)):
        _style_line_series(drawn, ctx, ctx.colour(series, index), markers)
        _value_labels(drawn._element, ctx, style, series, positions.get(index))
    low, high = data_range([v for s in spec.series for v in _display(s.values, style.fmt)], include_zero=False)
    ticks = _ticks(low, high, style.fmt)
    _style_category_axis(chart.category_axis, ctx)
    _style_value_axis(_value_axis(chart), ctx, style, ticks, fixed="min")
    _finish(chart, ctx, spec, len(spec.series))


def _bar(slide, shape: PictureShape, ctx: _Context) -> None:
    spec = shape.chart
    horizontal = spec.kind == "barh"
    percent = spec.percent_stacked
    stacked = spec.stacked or percent
    style = NumberStyle(_percent_axis(spec.primary_axis) if percent else spec.primary_axis)
    value_style = NumberStyle(spec.primary_axis)
    data = _chart_data(
        spec,
        [(s.name, [value_style.stored(v) for v in s.values], _cell_format(value_style, s)) for s in spec.series],
        _note([value_style], ctx.lang),
    )
    kinds = {
        (False, False): XL_CHART_TYPE.COLUMN_CLUSTERED, (False, True): XL_CHART_TYPE.BAR_CLUSTERED,
        (True, False): XL_CHART_TYPE.COLUMN_STACKED, (True, True): XL_CHART_TYPE.BAR_STACKED,
    }
    chart_type = kinds[(stacked, horizontal)]
    if percent:
        chart_type = XL_CHART_TYPE.BAR_STACKED_100 if horizontal else XL_CHART_TYPE.COLUMN_STACKED_100
    chart = _add_chart(slide, shape, chart_type, data)
    plot = chart.plots[0]
    several = len(spec.series) > 1
    plot.gap_width = GROUP_GAP if several and not stacked else SINGLE_GAP
    plot.overlap = 100 if stacked else (BAR_OVERLAP if several else 0)
    position = "ctr" if stacked else "outEnd"
    for index, (series, drawn) in enumerate(zip(spec.series, plot.series)):
        _fill_series(drawn, ctx.colour(series, index))
        drawn.invert_if_negative = False
        inside = _contrast(ctx.colour(series, index), ctx.theme) if stacked else None  # on the bar
        _value_labels(drawn._element, ctx, value_style, series, position, inside)
    if percent:
        ticks = [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        low = 0.0
    else:
        low, high = _bar_range(spec.series, style.fmt, stacked)
        ticks = _ticks(low, high, style.fmt)
    if horizontal:  # first category on top, values along the bottom
        chart.category_axis.reverse_order = True
        _set_crosses(_value_axis(chart)._element, "max")
    _style_category_axis(chart.category_axis, ctx, low_labels=low < 0)
    _style_value_axis(_value_axis(chart), ctx, style, ticks, fixed="both" if percent else "min")
    _finish(chart, ctx, spec, len(spec.series))


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


def _combo(slide, shape: PictureShape, ctx: _Context) -> None:
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

    data = _chart_data(
        spec,
        [(s.name, [style_of(i).stored(v) for v in s.values], _cell_format(style_of(i), s))
         for i, s in enumerate(spec.series)],
        _note([primary, secondary] if lines_secondary else [primary], ctx.lang),
    )
    if bars:
        chart_type = XL_CHART_TYPE.COLUMN_STACKED if spec.stacked else XL_CHART_TYPE.COLUMN_CLUSTERED
    else:
        chart_type = XL_CHART_TYPE.LINE_MARKERS
    chart = _add_chart(slide, shape, chart_type, data)
    plot_area = _plot_area(chart)
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
            _fill_series(drawn, ctx.colour(spec.series[i], i))
            drawn.invert_if_negative = False
            inside = _contrast(ctx.colour(spec.series[i], i), ctx.theme) if spec.stacked else None
            _value_labels(sers[i], ctx, primary, spec.series[i], "ctr" if spec.stacked else "outEnd", inside)
    plots = {"primary": first}
    if bars and lines_primary:
        plots["primary"] = parse_xml(nx.line_plot_xml(*ids))
        first.addnext(plots["primary"])
    if lines_secondary:
        secondary_ids = (11, 12)  # temporary; _finish numbers every axis
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
            nx.bar_series_to_line(sers[i], ctx.colour(spec.series[i], i), LINE_PT, markers, ctx.theme.background)
            if plots[group] is not first:
                nx.add_series_to_plot(plots[group], sers[i])
            _value_labels(sers[i], ctx, style, spec.series[i], positions.get(rank))

    # scales as charts/combo.py: the columns low, a right-axis line above them, the grids lined up
    low, high = _bar_range([spec.series[i] for i in bars], primary.fmt, spec.stacked) if bars else (0.0, 0.0)
    line_values = [v for i in lines_primary for v in _display(spec.series[i].values, primary.fmt)]
    if line_values:
        line_low, line_high = data_range(line_values, include_zero=True)
        low, high = min(low, line_low), max(high, line_high)
    if lines_secondary and bars:
        high += (high - low) * COLUMN_ROOM
    primary_ticks = _ticks(low, high if high > low else low + 1.0, primary.fmt)
    _style_category_axis(chart.category_axis, ctx, low_labels=low < 0)
    _style_value_axis(_value_axis(chart), ctx, primary, primary_ticks, fixed="both" if lines_secondary else "min")
    if lines_secondary:
        values = [v for i in lines_secondary for v in _display(spec.series[i].values, secondary.fmt)]
        s_low, s_high = data_range(values, include_zero=False)
        if bars:
            s_low -= (s_high - s_low) * LINE_ROOM
        integer = secondary.fmt.decimals == 0 and s_high - s_low >= 4
        s_ticks = aligned_ticks(s_low, s_high, len(primary_ticks) - 1, integer)
        _style_value_axis(_value_axis(chart, -1), ctx, secondary, s_ticks, fixed="both")
    _finish(chart, ctx, spec, len(spec.series))


def _plot_area(chart):
    return chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))


def _value_axis(chart, index: int = 0) -> ValueAxis:
    """The chart's first (primary) value axis; python-pptx's ``Chart.value_axis`` gives the second when there
    are two."""
    return ValueAxis(_plot_area(chart).findall(qn("c:valAx"))[index])


def _donut(slide, shape: PictureShape, ctx: _Context) -> None:
    spec = shape.chart
    series = spec.series[0]
    values = [v if v is not None and math.isfinite(v) and v > 0 else None for v in series.values]
    share = NumberStyle(_share_axis(spec.primary_axis))
    big = max((v for v in values if v is not None), default=0.0) >= 100
    data = _chart_data(spec, [(series.name, values, "#,##0" if big else "General")])
    chart = _add_chart(slide, shape, XL_CHART_TYPE.DOUGHNUT, data)
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
        point.format.fill.fore_color.rgb = _rgb(colour)
        point.format.line.color.rgb = _rgb(ctx.theme.background)
        point.format.line.width = Pt(1.5)
    share_code = share.code(share.fmt.decimals)
    points = []
    for index, value in enumerate(values):
        if value is None or total <= 0 or value / total < DONUT_LABEL_SHARE:
            points.append(nx.deleted_label_xml(index))
        else:
            points.append(nx.coloured_label_xml(index, ctx.label_pt, _contrast(colours[index], ctx.theme),
                                                ctx.fonts, ctx.lang, share_code, percent=True))
    xml = nx.dlbls_xml(num_fmt=share_code, txpr=ctx.txpr(ctx.label_pt, ctx.theme.text), position=None,
                       value=False, percent=True, points="".join(points))
    nx.set_series_dlbls(drawn._element, xml)
    layout = _donut_layout(shape.box, spec, ctx)
    plot_area = _plot_area(chart)
    old = plot_area.find(qn("c:layout"))
    new = parse_xml(layout.plot_xml())
    if old is not None:
        old.addprevious(new)
        plot_area.remove(old)
    else:
        plot_area.insert(0, new)
    _finish(chart, ctx, spec, len(spec.categories))
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


def _contrast(fill: str, theme: Theme) -> str:
    red, green, blue = (int(fill.lstrip("#")[i: i + 2], 16) / 255 for i in (0, 2, 4))
    return "#FFFFFF" if 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.6 else theme.text


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


def _donut_layout(box: Box, spec: ChartSpec, ctx: _Context) -> _DonutLayout:
    """A square plot area: beside the legend in a wide box, above it in a tall one (as charts/donut.py)."""
    from ..layout.textfit import text_width_em

    width, height = box.width_in, box.height_in
    legend_pt = ctx.legend_pt
    names = [_clean(c) for c in spec.categories]
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


def _centre_label(slide, shape: PictureShape, ctx: _Context, layout: _DonutLayout) -> None:
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


def _waterfall(slide, shape: PictureShape, ctx: _Context) -> None:
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
    data = _chart_data(spec, columns, _note([style], ctx.lang))
    chart = _add_chart(slide, shape, XL_CHART_TYPE.COLUMN_STACKED, data)
    plot = chart.plots[0]
    plot.gap_width = SINGLE_GAP
    plot.overlap = 100
    drawn = list(plot.series)
    invisible = drawn[0]
    invisible.format.fill.background()
    invisible.format.line.fill.background()
    invisible.invert_if_negative = False
    for visible in drawn[1:]:
        _fill_series(visible, theme.primary)
        visible.invert_if_negative = False
        values = up if visible is drawn[1] else down
        for index, colour in enumerate(colours):
            if colour is not None and values[index] is not None:
                point = visible.points[index]
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = _rgb(colour)
                point.format.line.fill.background()
    # the labels: a line plot with no line through each bar's outer end, labelled above or below it
    labels, anchor_values, sides = _waterfall_labels(spec, bars, steps)
    bar_chart = plot._element
    ids = [a.get("val") for a in bar_chart.findall(qn("c:axId"))]
    line_plot = parse_xml(nx.line_plot_xml(int(ids[0]), int(ids[1])))
    bar_chart.addnext(line_plot)
    categories_ref = bar_chart.find(qn("c:ser")).find(qn("c:cat")).find(qn("c:strRef")).find(qn("c:f")).text
    carrier = parse_xml(nx.literal_line_series_xml(
        len(drawn), "labels", categories_ref, [_clean(c) for c in spec.categories],
        [style.stored(v) for v in anchor_values],
    ))
    nx.add_series_to_plot(line_plot, carrier)
    points = "".join(
        nx.text_label_xml(i, _clean(text), ctx.label_pt, theme.text, ctx.fonts, ctx.lang, sides[i])
        if text else nx.deleted_label_xml(i)
        for i, text in enumerate(labels)
    )
    nx.set_series_dlbls(carrier, nx.dlbls_xml(num_fmt=None, txpr=ctx.txpr(ctx.label_pt, theme.text),
                                              position=None, value=False, points=points))
    finite = [v for bar in bars if bar is not None for v in bar[:2]]
    low, high = min(finite + [0.0]), max(finite + [0.0])
    display_low, display_high = low * axis_scale(style.fmt), high * axis_scale(style.fmt)
    ticks = _ticks(display_low, display_high if display_high > display_low else display_low + 1.0, style.fmt)
    _style_category_axis(chart.category_axis, ctx, low_labels=low < 0)
    _style_value_axis(_value_axis(chart), ctx, style, ticks, fixed="min")
    _finish(chart, ctx, replace(spec, show_legend=False), 1)


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
