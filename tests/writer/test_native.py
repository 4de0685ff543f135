"""Native (editable) charts: each kind written through the real writer from a literal ChartSpec, reopened
with python-pptx and checked (type, series, categories, values, number formats, axes, the embedded
workbook); then the annual sample in native mode: it builds, reopens, renders and is reproducible."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.oxml.ns import qn

from deckgen.charts.spec import AxisFormat, ChartSpec, Series
from deckgen.layout.spec import Box, PictureShape, PlacedDeck, PlacedSlide
from deckgen.locale import get_locale
from deckgen.theme import load_theme
from deckgen.writer.native import supports_native
from deckgen.writer.native_data import NumberStyle
from deckgen.writer.parts import picture_key
from deckgen.writer.pptx import write_deck

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "annual-review"
BOX = Box(0.6, 1.35, 8.0, 4.55)
WAN = AxisFormat(divisor=1e4, decimals=0, suffix="万")
PERCENT = AxisFormat(kind="percent", decimals=0, suffix="%")
MONTHS = ("1月", "2月", "3月", "4月")


# ---------------------------------------------------------------------------------------------- helpers


def theme_for(locale: str = "zh-CN"):
    loc = get_locale(locale)
    return load_theme("default", loc.fonts, loc.red_is_good)


def write_one(path: Path, spec: ChartSpec, locale: str = "zh-CN", pictures: dict | None = None,
              box: Box = BOX) -> Path:
    """A one-slide deck holding ``spec`` as a native chart, through DeckWriter."""
    theme = theme_for(locale)
    loc = get_locale(locale)
    shape = PictureShape("Chart", box, spec, native=True)
    deck = PlacedDeck(
        slides=(PlacedSlide("chart", (shape,)),), width_in=13.333, height_in=7.5, title="t",
        language_tag=loc.language_tag, latin_font=theme.fonts.latin, east_asian_font=theme.fonts.east_asian,
    )
    tones = {"good": theme.good, "bad": theme.bad, "neutral": theme.text, "text": theme.text,
             "header": theme.primary, "stripe": theme.panel}
    write_deck(deck, pictures or {}, tones, path, theme=theme)
    return path


def only_chart(path: Path):
    charts = [s for s in Presentation(str(path)).slides[0].shapes if s.has_chart]
    assert len(charts) == 1
    return charts[0].chart


def plot_area(chart):
    return chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))


def workbooks(path: Path) -> list[bytes]:
    with zipfile.ZipFile(path) as package:
        return [package.read(n) for n in sorted(package.namelist()) if n.startswith("ppt/embeddings/")]


def sheet_cells(blob: bytes):
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(blob)).active
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


def value_axes(chart):
    return plot_area(chart).findall(qn("c:valAx"))


def num_fmt(element) -> str:
    return element.find(qn("c:numFmt")).get("formatCode")


def label_formats(chart) -> list[str]:
    return [e.get("formatCode") for e in chart._chartSpace.iter(qn("c:numFmt"))
            if e.getparent().tag == qn("c:dLbls")]


def assert_axis_ids_positive_and_paired(chart) -> None:
    area = plot_area(chart)
    ids = [int(e.get("val")) for e in chart._chartSpace.iter(qn("c:axId"), qn("c:crossAx"))]
    assert all(0 < i < 2**32 for i in ids)
    assert ids or chart.chart_type == XL_CHART_TYPE.DOUGHNUT
    axes = {int(a.find(qn("c:axId")).get("val")): a for a in area if a.tag in (qn("c:catAx"), qn("c:valAx"))}
    for axis in axes.values():
        assert int(axis.find(qn("c:crossAx")).get("val")) in axes
    for plot in area:
        if plot.tag.endswith("Chart") and plot.tag != qn("c:doughnutChart"):
            assert all(int(a.get("val")) in axes for a in plot.findall(qn("c:axId")))


def monthly(name: str, values, role: str = "bar", axis: str = "primary", labels=()) -> Series:
    return Series(name, tuple(values), role=role, axis=axis, labels=tuple(labels))


# ---------------------------------------------------------------------------------------------- kinds


def test_line_chart(tmp_path):
    spec = ChartSpec("line", MONTHS, (
        monthly("DSR", (4.83, 4.831, 4.82, None), labels=("4.83", "4.83", "4.82", "")),
        monthly("行业", (4.786, 4.787, 4.78, 4.79)),
    ), primary_axis=AxisFormat(decimals=1))
    chart = only_chart(write_one(tmp_path / "line.pptx", spec))
    assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    series = list(chart.plots[0].series)
    assert [s.name for s in series] == ["DSR", "行业"]
    assert list(chart.plots[0].categories) == list(MONTHS)
    assert series[0].values == (4.83, 4.831, 4.82, None)  # a gap stays a gap
    assert label_formats(chart) == ["#,##0.00"]
    # the axis spans 5 % of the level (4.6–4.9 in tenths), so its ticks need one decimal, not two
    assert num_fmt(value_axes(chart)[0]) == "#,##0.0;-#,##0.0;0"
    assert float(value_axes(chart)[0].find(qn("c:scaling")).find(qn("c:min")).get("val")) >= 4.5  # not zero
    assert chart.has_legend and chart.legend.position == XL_LEGEND_POSITION.TOP
    assert_axis_ids_positive_and_paired(chart)


@pytest.mark.parametrize(("stacked", "percent", "kind", "expected"), [
    (False, False, "bar", XL_CHART_TYPE.COLUMN_CLUSTERED),
    (True, False, "bar", XL_CHART_TYPE.COLUMN_STACKED),
    (False, True, "bar", XL_CHART_TYPE.COLUMN_STACKED_100),
    (False, False, "barh", XL_CHART_TYPE.BAR_CLUSTERED),
])
def test_column_and_bar_charts(tmp_path, stacked, percent, kind, expected):
    spec = ChartSpec(kind, ("Q1", "Q2", "Q3"), (
        monthly("天猫", (9173543.17, 9659505.76, 7732725.64), labels=("917.4万", "966.0万", "773.3万")),
        monthly("京东", (3475567.87, 4121959.59, 3290450.15)),
    ), stacked=stacked, percent_stacked=percent, primary_axis=WAN)
    path = write_one(tmp_path / "bar.pptx", spec)
    chart = only_chart(path)
    assert chart.chart_type == expected
    assert len(chart.plots[0].series) == 2
    assert list(chart.plots[0].categories) == ["Q1", "Q2", "Q3"]
    # values in 万, the unit Excel formats cannot divide by; the sheet says so in A1
    assert chart.plots[0].series[0].values == pytest.approx((917.354317, 965.950576, 773.272564))
    cells = {c.coordinate: c.value for c in sheet_cells(workbooks(path)[0])}
    assert cells["A1"] == "单位：万" and cells["A2"] == "Q1" and cells["B1"] == "天猫"
    axis = value_axes(chart)[0]
    if percent:
        assert num_fmt(axis) == "#,##0%"
        assert axis.find(qn("c:scaling")).find(qn("c:max")).get("val") == "1.0"
    else:
        assert num_fmt(axis) == '#,##0"万";-#,##0"万";0'
        assert label_formats(chart) == ['#,##0.0"万"']
    if kind == "barh":  # first category on top, values along the bottom
        assert chart.category_axis.reverse_order
        assert axis.find(qn("c:crosses")).get("val") == "max"
    assert_axis_ids_positive_and_paired(chart)


def test_combo_puts_the_line_on_a_secondary_axis(tmp_path):
    spec = ChartSpec("combo", MONTHS, (
        monthly("GMV", (4489348.31, 3226014.1, 4933748.63, 3948094.79)),
        monthly("GMV 上年同期", (3954234.12, 2368600.6, 3913925.43, 3164311.02)),
        monthly("GMV 同比", (0.1353, 0.362, 0.2606, -0.0225), role="line", axis="secondary",
                labels=("13.5%", "36.2%", "26.1%", "-2.3%")),
    ), primary_axis=WAN, secondary_axis=PERCENT)
    path = write_one(tmp_path / "combo.pptx", spec)
    chart = only_chart(path)
    area = plot_area(chart)
    bar_plot, line_plot = area.find(qn("c:barChart")), area.find(qn("c:lineChart"))
    assert len(bar_plot.findall(qn("c:ser"))) == 2 and len(line_plot.findall(qn("c:ser"))) == 1
    assert [p.__class__.__name__ for p in chart.plots] == ["BarPlot", "LinePlot"]
    assert [s.name for p in chart.plots for s in p.series] == ["GMV", "GMV 上年同期", "GMV 同比"]
    line = chart.plots[1].series[0]
    assert line.values == pytest.approx((0.1353, 0.362, 0.2606, -0.0225))
    # the line plot uses the second axis pair: a hidden category axis and a value axis on the right
    primary, secondary = value_axes(chart)
    line_ids = {a.get("val") for a in line_plot.findall(qn("c:axId"))}
    assert secondary.find(qn("c:axId")).get("val") in line_ids
    assert primary.find(qn("c:axId")).get("val") not in line_ids
    assert secondary.find(qn("c:axPos")).get("val") == "r"
    assert secondary.find(qn("c:crosses")).get("val") == "max"
    assert area.findall(qn("c:catAx"))[1].find(qn("c:delete")).get("val") == "1"
    # the columns have no negatives: ticks the line's -2.3 % made below zero on the left axis stay unlabelled
    assert num_fmt(secondary) == "#,##0%" and num_fmt(primary) == '#,##0"万";;0'
    assert label_formats(chart) == ["#,##0.0%"]
    # both zeros at the same height: as many intervals below zero on each axis, each fitted to its own data
    low, high = (float(primary.find(qn("c:scaling")).find(qn(f"c:{k}")).get("val")) for k in ("min", "max"))
    s_low, s_high = (float(secondary.find(qn("c:scaling")).find(qn(f"c:{k}")).get("val")) for k in ("min", "max"))
    assert low < 0 and s_low < 0 and low / (high - low) == pytest.approx(s_low / (s_high - s_low))
    assert s_high <= 0.5  # fitted to a 36 % peak, not stretched to run far below zero
    # every series, the line's too, is in the workbook ("Edit Data")
    cells = {c.coordinate: c.value for c in sheet_cells(workbooks(path)[0])}
    assert (cells["B1"], cells["C1"], cells["D1"]) == ("GMV", "GMV 上年同期", "GMV 同比")
    assert cells["D2"] == pytest.approx(0.1353)
    assert_axis_ids_positive_and_paired(chart)


def test_donut(tmp_path):
    spec = ChartSpec("donut", ("床品", "毛巾浴巾", "家饰"), (monthly("GMV", (31413968.58, 10307677.9, 1553655.9)),),
                     primary_axis=AxisFormat(kind="percent", decimals=1, suffix="%"),
                     center_label="合计\n4,327.5万元")
    path = write_one(tmp_path / "donut.pptx", spec)
    chart = only_chart(path)
    assert chart.chart_type == XL_CHART_TYPE.DOUGHNUT
    assert list(chart.plots[0].categories) == ["床品", "毛巾浴巾", "家饰"]
    assert chart.plots[0].series[0].values == (31413968.58, 10307677.9, 1553655.9)
    doughnut = plot_area(chart).find(qn("c:doughnutChart"))
    assert doughnut.find(qn("c:holeSize")).get("val") == "64"
    assert set(label_formats(chart)) == {"#,##0.0%"}
    labels = doughnut.find(qn("c:ser")).find(qn("c:dLbls"))
    assert labels.find(qn("c:showPercent")).get("val") == "1"
    small = next(d for d in labels.findall(qn("c:dLbl")) if d.find(qn("c:idx")).get("val") == "2")
    # a 3.6 % slice of a three-slice donut keeps its share on the ring: a native legend lists names only
    assert small.find(qn("c:delete")) is None and small.find(qn("c:showPercent")).get("val") == "1"
    colours = [p.format.fill.fore_color.rgb for p in chart.plots[0].series[0].points]
    assert [str(c) for c in colours[:3]] == [c.lstrip("#") for c in theme_for().palette[:3]]
    assert chart.legend.position == XL_LEGEND_POSITION.RIGHT
    texts = [s.text_frame.text for s in Presentation(str(path)).slides[0].shapes if s.has_text_frame]
    assert texts == ["合计\n4,327.5万元"]


def test_a_donut_of_many_slices_leaves_small_ones_unlabelled(tmp_path):
    names = tuple(f"品类{i}" for i in range(8))
    spec = ChartSpec("donut", names, (monthly("GMV", (40.0, 20.0, 15.0, 10.0, 8.0, 4.0, 2.0, 1.0)),),
                     primary_axis=AxisFormat(kind="percent", decimals=1, suffix="%"))
    chart = only_chart(write_one(tmp_path / "many.pptx", spec))
    labels = plot_area(chart).find(qn("c:doughnutChart")).find(qn("c:ser")).find(qn("c:dLbls"))
    deleted = {d.find(qn("c:idx")).get("val") for d in labels.findall(qn("c:dLbl")) if d.find(qn("c:delete")) is not None}
    assert deleted == {"5", "6", "7"}  # under 5 %


def test_waterfall_stacks_on_an_invisible_base(tmp_path):
    steps = (47581182.19, 9326205.11, -3129824.18, 2632329.72, 56409892.85)
    spec = ChartSpec("waterfall", ("去年", "访客数", "转化率", "客单价", "今年"), (
        monthly("GMV", steps, labels=("4,758.1万", "+932.6万", "-313.0万", "+263.2万", "5,641.0万")),
    ), primary_axis=WAN, totals=(True, False, False, False, True), show_legend=False)
    path = write_one(tmp_path / "waterfall.pptx", spec)
    chart = only_chart(path)
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    base, visible = chart.plots[0].series
    assert base.name == "辅助" and visible.name == "GMV"
    assert base.values == pytest.approx((None, 4758.118219, 5377.756312, 5377.756312, None))
    assert visible.values == pytest.approx((4758.118219, 932.620511, 312.982418, 263.232972, 5640.989285))
    assert base.format.fill.type == 5  # MSO_FILL.BACKGROUND: no fill
    theme = theme_for()
    fills = [str(visible.points[i].format.fill.fore_color.rgb) for i in range(5)]
    assert fills == [c.lstrip("#") for c in (theme.primary, theme.good, theme.bad, theme.good, theme.primary)]
    # the labels are the chart's own texts, hung on a line with no line through each bar's outer end
    carrier = plot_area(chart).find(qn("c:lineChart")).find(qn("c:ser"))
    assert carrier.find(qn("c:val")).find(qn("c:numLit")) is not None
    texts = [t.text for t in carrier.iter(qn("a:t"))]
    assert texts == ["4,758.1万", "+932.6万", "-313.0万", "+263.2万", "5,641.0万"]
    sides = [d.find(qn("c:dLblPos")).get("val") for d in carrier.iter(qn("c:dLbl"))]
    assert sides == ["t", "t", "b", "t", "t"]
    assert not chart.has_legend
    assert_axis_ids_positive_and_paired(chart)


def test_waterfall_across_zero(tmp_path):
    spec = ChartSpec("waterfall", ("收入", "成本", "利润"), (monthly("利润", (100.0, -150.0, -50.0)),),
                     totals=(True, False, True))
    chart = only_chart(write_one(tmp_path / "loss.pptx", spec))
    base, above, below = chart.plots[0].series
    assert base.values == (None, None, None)  # every bar here stands on zero
    assert above.values == (100.0, 100.0, None)
    assert below.values == (None, -50.0, -50.0)  # the cost crosses zero: a part above, a part below


# ---------------------------------------------------------------------------------------------- details


def test_no_cell_of_the_workbook_is_a_formula(tmp_path):
    tricky = ("=SUM(A1)", "+1", "-2", "@x")
    spec = ChartSpec("combo", tricky, (
        monthly("=HYPERLINK(\"http://x\")", (1.0, 2.0, 3.0, 4.0)),
        monthly("+cmd", (0.1, 0.2, 0.3, 0.4), role="line", axis="secondary"),
    ), secondary_axis=PERCENT)
    path = write_one(tmp_path / "formula.pptx", spec)
    chart = only_chart(path)
    assert list(chart.plots[0].categories) == list(tricky)
    [blob] = workbooks(path)
    cells = sheet_cells(blob)
    assert not [c for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if c.data_type == "s"}
    assert texts >= {*tricky, "=HYPERLINK(\"http://x\")", "+cmd"}  # kept as text, exactly
    with zipfile.ZipFile(io.BytesIO(blob)) as workbook:
        sheet = workbook.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet


def test_single_series_has_no_legend_and_fonts_carry_the_east_asian_face(tmp_path):
    spec = ChartSpec("bar", ("A", "B"), (monthly("GMV", (1.0, 2.0)),))
    chart = only_chart(write_one(tmp_path / "one.pptx", spec))
    assert not chart.has_legend
    assert chart._chartSpace.find(qn("c:chart")).find(qn("c:autoTitleDeleted")).get("val") == "1"
    theme = theme_for()
    for rpr in chart._chartSpace.iter(qn("a:defRPr")):
        assert rpr.find(qn("a:ea")).get("typeface") == theme.fonts.east_asian
        assert rpr.find(qn("a:latin")).get("typeface") == theme.fonts.latin
        assert rpr.get("lang") == "zh-CN"
    sizes = {int(r.get("sz")) for r in chart._chartSpace.iter(qn("a:defRPr"))}
    assert sizes <= {round(theme.chart_pt * 100), round(max(9, theme.chart_pt - 1) * 100),
                     round(max(9, theme.chart_pt - 2) * 100)}


@pytest.mark.parametrize(("fmt", "value", "code", "text"), [
    (AxisFormat(divisor=1e6, decimals=1, suffix="M"), 4489348.31, '#,##0.0,,"M"', "4.5M"),
    (AxisFormat(divisor=1e9, decimals=2, suffix="mil M", decimal_sep=",", group_sep="."), 2.5e9,
     '#,##0.00,,,"mil M"', "2,50mil M"),
    (AxisFormat(divisor=1e4, decimals=1, suffix="万"), 12345678.9, '#,##0.0"万"', "1,234.6万"),
    (AxisFormat(divisor=1e8, decimals=2, suffix="亿"), 127000000.0, '#,##0.00"亿"', "1.27亿"),
    (AxisFormat(kind="percent", decimals=1, suffix="%"), 0.234, "#,##0.0%", "23.4%"),
    (AxisFormat(kind="percent", decimals=1, suffix="\u00a0%", decimal_sep=","), 0.234, '#,##0.0"\u00a0"%', "23,4\u00a0%"),
    (AxisFormat(decimals=0, suffix='"'), 5.0, '#,##0\\"', '5"'),
])
def test_number_formats_per_locale(fmt, value, code, text):
    style = NumberStyle(fmt)
    assert style.code(fmt.decimals) == code
    assert style.text(value, fmt.decimals) == text
    assert style.for_labels([value], [text]) == (style, fmt.decimals)


def test_labels_in_the_locale_spacing_keep_a_live_number_format():
    style = NumberStyle(AxisFormat(kind="percent", decimals=0, suffix="%", decimal_sep=","))
    found = style.for_labels([0.234, 0.5], ["23,4\u00a0%", "50,0\u00a0%"])
    assert found is not None and found[0].code(found[1]) == '#,##0.0"\u00a0"%'


def test_labels_no_format_reproduces_become_text(tmp_path):
    spec = ChartSpec("bar", ("A", "B"), (monthly("GMV", (1.0, 2.0), labels=("一", "二")),))
    chart = only_chart(write_one(tmp_path / "text.pptx", spec))
    texts = [t.text for t in chart._chartSpace.iter(qn("a:t"))]
    assert texts == ["一", "二"]


def test_unsupported_kind_is_a_picture(tmp_path):
    from PIL import Image

    spec = ChartSpec("timeline", ("a",), (monthly("x", (1.0,)),))
    assert not supports_native(spec)
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    key = picture_key(PictureShape("Chart", BOX, spec, native=True))
    path = write_one(tmp_path / "picture.pptx", spec, pictures={key: buffer.getvalue()})
    shapes = list(Presentation(str(path)).slides[0].shapes)
    assert [s.shape_type for s in shapes] == [13]  # MSO_SHAPE_TYPE.PICTURE


def test_same_chart_same_bytes(tmp_path):
    spec = ChartSpec("combo", MONTHS, (
        monthly("GMV", (1e6, 2e6, 3e6, 4e6)), monthly("率", (0.1, 0.2, 0.3, 0.4), role="line", axis="secondary"),
    ), primary_axis=WAN, secondary_axis=PERCENT)
    first = write_one(tmp_path / "a.pptx", spec).read_bytes()
    second = write_one(tmp_path / "b.pptx", spec).read_bytes()
    assert first == second
    [blob] = workbooks(tmp_path / "a.pptx")
    with zipfile.ZipFile(io.BytesIO(blob)) as workbook:
        core = workbook.read("docProps/core.xml").decode()
    assert re.search(r"<dcterms:created[^>]*>2000-01-01T00:00:00Z<", core)


# ---------------------------------------------------------------------------------------------- sample


def native_copy(outline: Path, folder: Path) -> Path:
    """A copy of a sample's outline with ``charts: native`` under ``deck:``, beside links to its files."""
    folder.mkdir(parents=True, exist_ok=True)
    for item in outline.parent.iterdir():
        if item.name != outline.name:
            (folder / item.name).symlink_to(item)
    lines = outline.read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if not re.match(r"^  charts:", line)]
    at = next(i for i, line in enumerate(lines) if line.rstrip() == "deck:")
    lines.insert(at + 1, "  charts: native")
    target = folder / outline.name
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def native_annual(tmp_path_factory) -> Path:
    from deckgen.pipeline import build

    outline = native_copy(SAMPLE / "outline.yaml", tmp_path_factory.mktemp("native") / "annual")
    out = outline.parent / "first.pptx"
    build(outline, out)
    return out


def test_annual_sample_in_native_mode_builds_and_reopens(native_annual):
    deck = Presentation(str(native_annual))
    charts = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert len(charts) >= 8
    kinds = {c.chart_type for c in charts}
    assert {XL_CHART_TYPE.DOUGHNUT, XL_CHART_TYPE.COLUMN_STACKED, XL_CHART_TYPE.LINE_MARKERS} <= kinds
    for chart in charts:
        assert_axis_ids_positive_and_paired(chart)
    for blob in workbooks(native_annual):
        assert not [c for c in sheet_cells(blob) if c.data_type == "f"]


def test_annual_sample_in_native_mode_draws_no_chart_as_a_picture_but_the_timeline(native_annual):
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    deck = Presentation(str(native_annual))
    pictures = [i for i, slide in enumerate(deck.slides) for s in slide.shapes
                if s.shape_type == MSO_SHAPE_TYPE.PICTURE and s.name == "Chart"]
    charts = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    kinds = {c.chart_type for c in charts}
    assert {XL_CHART_TYPE.BAR_STACKED, XL_CHART_TYPE.BAR_CLUSTERED} <= kinds  # the funnel and the targets
    paretos = [c for c in charts if len(plot_area(c).findall(qn("c:valAx"))) == 2
               and any(e.get("val") == "dash" for e in c._chartSpace.iter(qn("a:prstDash")))]
    assert len(paretos) == 1
    timelines = (SAMPLE / "outline.yaml").read_text(encoding="utf-8").count("- timeline:")
    assert timelines == 1 and len(pictures) == timelines  # a drawing, not a chart (docs/dev/chart-mode.md)


def test_annual_sample_in_native_mode_is_reproducible(native_annual):
    from deckgen.pipeline import build

    again = native_annual.parent / "second.pptx"
    build(native_annual.parent / "outline.yaml", again)
    assert again.read_bytes() == native_annual.read_bytes()


@pytest.mark.render
def test_annual_sample_in_native_mode_renders_one_page_per_slide(native_annual, tmp_path):
    from deckgen.preview.render import convert_to_pdf, pdf_page_count

    slides = len(Presentation(str(native_annual)).slides)
    pdf = convert_to_pdf(native_annual, tmp_path)
    assert pdf_page_count(pdf) == slides


def test_native_copy_keeps_the_sample_files(tmp_path):
    outline = native_copy(SAMPLE / "outline.yaml", tmp_path / "copy")
    text = outline.read_text(encoding="utf-8")
    assert "\n  charts: native\n" in text and text.count("charts: native") == 1
    assert (outline.parent / "data").resolve() == (SAMPLE / "data").resolve()


# ---------------------------------------------------------------------------------------------- parity with pictures


def test_a_long_day_axis_labels_every_kth_day_and_the_axis_ends_at_its_last_tick(tmp_path):
    days = tuple(f"10/{d}" for d in range(21, 32)) + tuple(f"11/{d}" for d in range(1, 12))
    values = tuple(float(40 + d) * 10_000 for d in range(len(days)))
    spec = ChartSpec("bar", days, (monthly("GMV", values),), primary_axis=AxisFormat(divisor=10_000, suffix="万"))
    chart = only_chart(write_one(tmp_path / "days.pptx", spec, box=Box(0.5, 1.4, 7.9, 4.5)))
    axis = chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea")).find(qn("c:catAx"))
    skip = int(axis.find(qn("c:tickLblSkip")).get("val"))
    assert skip >= 2 and axis.find(qn("c:tickMarkSkip")).get("val") == str(skip)
    assert axis.find(qn("c:txPr")).find(qn("a:bodyPr")).get("rot") is None  # LibreOffice hides overlaps itself
    scaling = value_axes(chart)[0].find(qn("c:scaling"))
    top = float(scaling.find(qn("c:max")).get("val"))
    unit = float(value_axes(chart)[0].find(qn("c:majorUnit")).get("val"))
    # the picture's last round tick, set: not left to the viewer, who adds up to a quarter of headroom
    assert max(values) / 10_000 <= top < max(values) / 10_000 + unit and (top / unit).is_integer()
    assert float(scaling.find(qn("c:min")).get("val")) == 0  # bars from zero


def test_few_categories_are_not_skipped(tmp_path):
    spec = ChartSpec("bar", MONTHS, (monthly("GMV", (1.0, 2.0, 3.0, 4.0)),), primary_axis=AxisFormat(decimals=0))
    chart = only_chart(write_one(tmp_path / "few.pptx", spec))
    assert chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea")).find(qn("c:catAx")).find(
        qn("c:tickLblSkip")) is None
