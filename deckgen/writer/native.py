"""Native, editable PowerPoint charts ("Edit Data" works) drawn from the same :class:`ChartSpec` as the images.

``add_native_chart`` is called by :class:`deckgen.writer.pptx.DeckWriter` for a ``PictureShape`` with
``native=True``. Kinds: line, bar / barh (grouped, stacked, 100 %), combo (columns + lines, a line on the
secondary axis gets a right-hand axis), donut, waterfall (stacked columns on an invisible base). Any other
kind is drawn as a picture, so a deck never loses a chart; Pareto and targets (progress) build on the combo
and bar charts, the funnel is a stacked bar on an invisible offset; only the timeline (a drawing, not a chart)
stays a picture. Colours, fonts and number formats come from the
deck's theme and the chart's :class:`AxisFormat`; see ``docs/dev/native-charts.md``.
"""

from __future__ import annotations

import io

from ..charts.spec import ChartSpec
from ..layout.spec import PictureShape
from .native_analysis import pareto, progress
from .native_bars import bar, combo, line
from .native_base import ChartHost, Context, emu_box, fallback_theme
from .native_donut import donut
from .native_funnel import funnel
from .native_waterfall import waterfall
from .parts import picture_key

NATIVE_KINDS = ("line", "bar", "barh", "combo", "donut", "waterfall", "pareto", "progress", "funnel")


def supports_native(chart: ChartSpec) -> bool:
    """Whether ``chart`` can be written as a native chart (otherwise it is drawn as a picture)."""
    return chart.kind in NATIVE_KINDS and bool(chart.series) and bool(chart.categories)


def add_native_chart(slide, shape: PictureShape, writer: ChartHost) -> None:
    """Add ``shape.chart`` to ``slide`` as an editable chart in ``shape.box`` (or as a picture if unsupported)."""
    if not supports_native(shape.chart):
        _picture_fallback(slide, shape, writer)
        return
    ctx = Context.of(writer, shape)
    builder = {
        "line": line,
        "bar": bar,
        "barh": bar,
        "combo": combo,
        "donut": donut,
        "waterfall": waterfall,
        "pareto": pareto,
        "progress": progress,
        "funnel": funnel,
    }[shape.chart.kind]
    builder(slide, shape, ctx)


def _picture_fallback(slide, shape: PictureShape, writer: ChartHost) -> None:
    png = writer.pictures.get(picture_key(shape))
    if png is None:
        from ..charts.render import render_chart

        theme = writer.theme or fallback_theme(writer)
        png = render_chart(shape.chart, theme, shape.box.width_in, shape.box.height_in)
    picture = slide.shapes.add_picture(io.BytesIO(png), *emu_box(shape.box))
    picture.name = shape.name
