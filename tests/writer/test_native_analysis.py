"""Native Pareto, targets (progress) and funnel charts: written through the real writer from a literal
ChartSpec and reopened; chart type, axes, series count and values against the spec the picture draws."""

from __future__ import annotations

import pytest
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn
from test_native import (
    WAN,
    assert_axis_ids_positive_and_paired,
    monthly,
    only_chart,
    plot_area,
    theme_for,
    write_one,
)

from deckgen.charts.funnel import stage_widths
from deckgen.charts.spec import AxisFormat, ChartSpec, Series
from deckgen.writer.native import supports_native


def shown_labels(ser) -> list[int]:
    """The points whose data label is shown (the others are ``c:delete``d)."""
    labels = ser.find(qn("c:dLbls"))
    deleted = {int(d.find(qn("c:idx")).get("val")) for d in labels.findall(qn("c:dLbl"))
               if d.find(qn("c:delete")) is not None}
    count = int(next(ser.find(qn("c:val")).iter(qn("c:ptCount"))).get("val"))
    return [i for i in range(count) if i not in deleted]


PERCENT1 = AxisFormat(kind="percent", decimals=1, suffix="%")
ITEMS = ("床品四件套", "毛巾", "浴巾", "枕头", "被子")


def pareto_spec(reference: float | None = 0.8) -> ChartSpec:
    values = (5e6, 3e6, 1e6, 6e5, 4e5)
    total = sum(values)
    shares, running = [], 0.0
    for v in values:
        running += v
        shares.append(running / total)
    return ChartSpec("pareto", ITEMS, (
        monthly("商品 GMV", values, labels=("500万", "300万", "100万", "60万", "40万")),
        Series("累计占比", tuple(shares), role="line", axis="secondary"),
    ), primary_axis=WAN, secondary_axis=PERCENT1, reference=reference)


def test_the_analysis_charts_are_native_and_the_timeline_is_not():
    assert supports_native(pareto_spec())
    assert supports_native(ChartSpec("progress", ("a",), (monthly("x", (0.9,)),)))
    assert supports_native(ChartSpec("funnel", ("a", "b"), (monthly("x", (10.0, 5.0)),)))
    assert not supports_native(ChartSpec("timeline", ("a",), (monthly("x", (1.0,)),)))


def test_pareto_columns_and_the_cumulative_share_on_a_percent_axis(tmp_path):
    spec = pareto_spec()
    chart = only_chart(write_one(tmp_path / "pareto.pptx", spec))
    area = plot_area(chart)
    [bars] = area.findall(qn("c:barChart"))
    lines = area.findall(qn("c:lineChart"))
    assert len(lines) == 1 and len(area.findall(qn("c:valAx"))) == 2
    columns, = chart.plots[0].series
    assert columns.values == pytest.approx((500.0, 300.0, 100.0, 60.0, 40.0))  # stored in 万, as the labels
    cumulative, reference = chart.plots[1].series
    assert cumulative.values == pytest.approx(spec.series[1].values)
    assert reference.values == pytest.approx((0.8,) * 5)
    assert [c for c in chart.plots[0].categories] == list(ITEMS)
    # the right axis runs 0–100 % in quarters; the line and the reference are on it
    right = area.findall(qn("c:valAx"))[-1]
    scaling = right.find(qn("c:scaling"))
    assert float(scaling.find(qn("c:min")).get("val")) == 0.0
    assert float(scaling.find(qn("c:max")).get("val")) == 1.0
    assert float(right.find(qn("c:majorUnit")).get("val")) == 0.25
    assert right.find(qn("c:axPos")).get("val") == "r"
    assert lines[0].findall(qn("c:axId"))[1].get("val") == right.find(qn("c:axId")).get("val")
    # the reference: dashed, labelled "80%" at its right end only, not in the legend
    ser = lines[0].findall(qn("c:ser"))[-1]
    assert ser.find(qn("c:spPr")).find(qn("a:ln")).find(qn("a:prstDash")).get("val") == "dash"
    assert shown_labels(ser) == [4]
    assert {p.get("val") for p in ser.iter(qn("c:dLblPos"))} == {"b"}  # the line ends above 80 %: below it
    entry = chart._chartSpace.find(qn("c:chart")).find(qn("c:legend")).find(qn("c:legendEntry"))
    assert entry.find(qn("c:idx")).get("val") == "2" and entry.find(qn("c:delete")).get("val") == "1"
    # the vital few (80 % reached after two items) in the primary colour, the rest muted
    theme = theme_for()
    fills = [p.find(qn("c:spPr")).find(qn("a:solidFill"))[0].get("val") for p in bars.find(qn("c:ser"))
             .findall(qn("c:dPt"))]
    assert fills[:2] == [theme.primary.lstrip("#").upper()] * 2 and theme.primary.lstrip("#").upper() not in fills[2:]
    # the share where the line reaches the reference is labelled, as in the picture
    assert shown_labels(cumulative._element) == [1]
    assert_axis_ids_positive_and_paired(chart)


def test_pareto_without_a_reference_has_no_reference_line(tmp_path):
    chart = only_chart(write_one(tmp_path / "plain.pptx", pareto_spec(reference=None)))
    assert len(chart.plots[1].series) == 1 and not list(chart._chartSpace.iter(qn("a:prstDash")))
    assert chart._chartSpace.find(qn("c:chart")).find(qn("c:legend")).find(qn("c:legendEntry")) is None
    assert not list(plot_area(chart).find(qn("c:barChart")).iter(qn("c:dPt")))  # all in one colour


def test_pareto_items_are_numbered_when_their_names_do_not_fit(tmp_path):
    long = tuple(f"60支长绒棉四件套 1.8m 款式{i}" for i in range(20))
    spec = ChartSpec("pareto", long, (
        monthly("GMV", tuple(float(20 - i) for i in range(20))),
        Series("累计占比", tuple((i + 1) / 20 for i in range(20)), role="line", axis="secondary"),
    ), primary_axis=AxisFormat(), secondary_axis=PERCENT1, reference=0.8)
    chart = only_chart(write_one(tmp_path / "ranked.pptx", spec))
    assert list(chart.plots[0].categories) == [str(i) for i in range(1, 21)]


def test_targets_are_bars_on_a_track_to_the_target_one_series_per_tone(tmp_path):
    ratios = (0.974, 1.023, 0.937, 1.016)
    spec = ChartSpec("progress", ("GMV", "访客数", "转化率", "客单价"), (
        monthly("目标达成率", ratios, labels=("97.4%", "102.3%", "93.7%", "101.6%")),
    ), primary_axis=PERCENT1, tones=("bad", "good", "bad", "good"), reference=1.0, show_legend=False)
    chart = only_chart(write_one(tmp_path / "targets.pptx", spec))
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    track, good, bad = chart.plots[0].series
    assert track.values == pytest.approx((1.0,) * 4)
    assert good.values == (None, pytest.approx(1.023), None, pytest.approx(1.016))
    assert bad.values == (pytest.approx(0.974), None, pytest.approx(0.937), None)
    assert (good.name, bad.name) == ("目标达成率 ≥ 100%", "目标达成率 < 100%")
    theme = theme_for()
    assert str(good.format.fill.fore_color.rgb) == theme.good.lstrip("#").upper()
    assert str(bad.format.fill.fore_color.rgb) == theme.bad.lstrip("#").upper()
    assert chart.plots[0].overlap == 100 and chart.has_legend  # the legend says what the colours mean
    assert chart.category_axis.reverse_order  # the first target on top
    axis = plot_area(chart).find(qn("c:valAx"))
    assert float(axis.find(qn("c:scaling")).find(qn("c:min")).get("val")) == 0.0
    assert float(axis.find(qn("c:scaling")).find(qn("c:max")).get("val")) >= 1.2
    assert shown_labels(good._element) == [1, 3] and shown_labels(bad._element) == [0, 2]
    assert track._element.find(qn("c:dLbls")) is None  # the track is not labelled
    assert_axis_ids_positive_and_paired(chart)


def test_targets_on_target_are_named_apart_from_those_above(tmp_path):
    spec = ChartSpec("progress", ("a", "b"), (monthly("达成率", (1.024, 1.0)),), primary_axis=PERCENT1,
                     tones=("good", "neutral"), reference=1.0)
    chart = only_chart(write_one(tmp_path / "neutral.pptx", spec))
    names = [s.name for s in chart.plots[0].series]
    assert names == ["100%", "达成率 ≥ 100%", "达成率 = 100%"]


@pytest.mark.parametrize("values, stepped", [((1000.0, 600.0, 300.0), False), ((1.29e7, 2.58e5, 1.16e5), True)])
def test_funnel_is_a_centred_stacked_bar_on_an_invisible_offset(tmp_path, values, stepped):
    spec = ChartSpec("funnel", ("访客", "咨询用户", "询单成交"), (
        Series("访客", values, labels=("a", "b", "c")),
    ), notes=("转化 60.0%", "转化 50.0%"), show_legend=False, key=("宽度未按比例",))
    chart = only_chart(write_one(tmp_path / "funnel.pptx", spec))
    assert chart.chart_type == XL_CHART_TYPE.BAR_STACKED
    offset, visible, pad = chart.plots[0].series
    widths = stage_widths(list(values), max(values))
    assert visible.values == pytest.approx(tuple(w * max(values) for w in widths))
    if not stepped:
        assert visible.values == pytest.approx(values)  # to scale: the stage sizes themselves
    for o, v, p in zip(offset.values, visible.values, pad.values):
        assert o == pytest.approx(p) and o + v + p == pytest.approx(max(values))  # centred
    assert offset.format.fill.type == 5 and pad.format.fill.type == 5  # invisible
    assert chart.category_axis.reverse_order  # stages top-down
    assert list(chart.plots[0].categories) == ["访客", "咨询用户", "询单成交"]
    assert [t.text for t in visible._element.iter(qn("a:t"))] == ["a", "b", "c"]
    assert [t.text for t in pad._element.iter(qn("a:t"))] == ["转化 60.0%", "转化 50.0%"]  # beside the next stage
    title = chart._chartSpace.find(qn("c:chart")).find(qn("c:title"))
    assert (title is not None) == stepped  # "not to scale" only when the widths step down evenly
    assert not chart.has_legend
    axis_line = plot_area(chart).find(qn("c:catAx")).find(qn("c:spPr")).find(qn("a:ln"))
    assert axis_line.find(qn("a:noFill")) is not None  # no axis line beside the stages, as the picture
