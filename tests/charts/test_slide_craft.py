"""Charts a reader can trust at slide scale: type sizes, zero-based and zero-aligned axes, markers over
unordered categories, stack totals, a colour legend on waterfalls, funnels that admit a broken scale, and
no two visible labels on top of each other on a deliberately crowded chart."""

from __future__ import annotations

from itertools import combinations

import pytest
from test_new_kinds import MAIN_COLUMN, PERCENT, WAN, drawn_figure

from deckgen.charts.spec import AxisFormat, ChartSpec, Series
from deckgen.charts.ticks import zero_aligned_ticks
from deckgen.theme import CHART_LABEL_FLOOR_PT, CHART_TEXT_FLOOR_PT, load_theme

MONTHS = tuple(f"{m}月" for m in range(1, 13))


@pytest.fixture(scope="module")
def zh():
    """The default theme of a zh deck, charts in Noto Sans CJK SC."""
    return load_theme("default", {"latin": "Arial", "east_asian": "Microsoft YaHei", "chart": ["Noto Sans CJK SC"]},
                      red_is_good=True)


def visible_texts(figure) -> list:
    renderer = figure.canvas.get_renderer()
    texts = [t for t in figure.findobj(lambda o: hasattr(o, "get_text") and hasattr(o, "get_fontsize"))
             if t.get_visible() and t.get_text().strip()]
    return [(t, t.get_window_extent(renderer)) for t in texts]


def test_chart_text_is_never_below_the_floors(zh):
    spec = ChartSpec("combo", MONTHS, (
        Series("GMV", tuple(4e6 + 1e5 * i for i in range(12))),
        Series("GMV 同比", tuple(0.05 * (i - 3) for i in range(12)), role="line", axis="secondary",
               labels=tuple(f"{5 * (i - 3)}%" for i in range(12))),
    ), primary_axis=WAN, secondary_axis=PERCENT)
    figure, _, _ = drawn_figure(spec, zh, *MAIN_COLUMN)
    sizes = [text.get_fontsize() for text, _ in visible_texts(figure)]
    assert min(sizes) >= CHART_LABEL_FLOOR_PT
    legend = figure.axes[0].get_legend()
    assert all(t.get_fontsize() >= CHART_TEXT_FLOOR_PT for t in legend.get_texts())


@pytest.mark.parametrize("primary, secondary", [
    ((0.0, 2000.0), (-2.2, 36.2)),
    ((0.0, 800.0), (1.3, 4.3)),
    ((-300.0, 2000.0), (-75.0, 35.0)),
    ((0.0, 100.0), (4.76, 4.84)),
])
def test_two_axes_put_zero_at_the_same_height_and_fit_their_data(primary, secondary):
    left, right = zero_aligned_ticks(primary, secondary)
    assert len(left) == len(right)
    assert left.index(0.0) == right.index(0.0)
    assert left[0] <= min(primary[0], 0) and left[-1] >= primary[1]
    assert right[0] <= min(secondary[0], 0) and right[-1] >= secondary[1]
    # fitted: the right axis runs below zero only as far as a step needs, never to -75 % for room
    step = right[1] - right[0]
    assert right[0] > min(secondary[0], 0) - step


def test_the_dsr_axis_starts_at_zero_so_a_change_of_001_looks_small(zh):
    spec = ChartSpec("combo", ("活动前", "活动后", "行业"), (
        Series("订单", (120.0, 130.0, 125.0)),
        Series("DSR", (4.83, 4.82, 4.81), role="line", axis="secondary"),
    ), secondary_axis=AxisFormat(decimals=2), ordered=False)
    _, _, drawn = drawn_figure(spec, zh, *MAIN_COLUMN)
    right = drawn.value_axes[1].ax
    assert right.get_ylim()[0] == 0.0


def test_unordered_categories_get_markers_not_a_line(zh):
    spec = ChartSpec("combo", ("京东快车", "信息流", "引力魔方", "淘宝客", "直通车"), (
        Series("花费", (157e4, 137e4, 109e4, 95e4, 208e4)),
        Series("ROI", (2.7, 1.3, 2.2, 4.3, 2.6), role="line", axis="secondary"),
    ), primary_axis=WAN, secondary_axis=AxisFormat(decimals=1), ordered=False)
    _, _, drawn = drawn_figure(spec, zh, *MAIN_COLUMN)
    (roi,) = drawn.lines
    assert roi.get_linestyle() == "None" and roi.get_marker() not in (None, "None", "")


def test_stacked_columns_carry_their_totals(zh):
    spec = ChartSpec("bar", ("Q1", "Q2", "Q3", "Q4"), (
        Series("天猫", (900e4, 950e4, 780e4, 1300e4)), Series("京东", (360e4, 420e4, 330e4, 690e4)),
    ), stacked=True, primary_axis=WAN)
    _, _, drawn = drawn_figure(spec, zh, *MAIN_COLUMN)
    shown = [label.text.get_text() for label in drawn.labels if label.text.get_visible()]
    assert {"1,260万", "1,370万", "1,110万", "1,990万"} <= set(shown)


def test_a_waterfall_says_what_its_colours_mean(zh):
    spec = ChartSpec("waterfall", ("去年", "访客数", "转化率", "客单价", "今年"), (
        Series("GMV", (4758e4, 933e4, -313e4, 263e4, 5641e4)),
    ), totals=(True, False, False, False, True), primary_axis=WAN, show_legend=False, key=("增加", "减少", "合计"))
    _, axes, _ = drawn_figure(spec, zh, *MAIN_COLUMN)
    legend = axes.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["增加", "减少", "合计"]


def test_a_funnel_not_to_scale_says_so(zh):
    spec = ChartSpec("funnel", ("访客", "咨询用户", "询单成交"), (
        Series("访客", (172e4, 7.9e4, 3.6e4), labels=("172万", "7.9万", "3.6万")),
    ), notes=("转化 4.6%", "转化 45.0%"), show_legend=False, key=("宽度未按比例",))
    figure, _, _ = drawn_figure(spec, zh, *MAIN_COLUMN)
    assert "宽度未按比例" in [text.get_text() for text, _ in visible_texts(figure)]


def test_a_funnel_to_scale_needs_no_note(zh):
    spec = ChartSpec("funnel", ("访客", "加购", "下单"), (Series("访客", (100.0, 60.0, 40.0)),),
                     notes=("60%", "67%"), show_legend=False, key=("宽度未按比例",))
    figure, _, _ = drawn_figure(spec, zh, *MAIN_COLUMN)
    assert "宽度未按比例" not in [text.get_text() for text, _ in visible_texts(figure)]


def test_labels_of_a_crowded_chart_never_collide(zh):
    """Thirty long category names and thirty labels of two series in a small box: whatever is shown is
    shown whole and apart (names skipped, labels hidden), never printed over each other."""
    names = tuple(f"第{i + 1}号 长绒棉加厚浴巾 70×140" for i in range(30))
    first = tuple(1000.0 + 37 * (i % 7) for i in range(30))
    second = tuple(980.0 + 41 * (i % 5) for i in range(30))
    spec = ChartSpec("bar", names, (
        Series("今年", first, labels=tuple(f"{v:,.0f}" for v in first)),
        Series("去年", second, labels=tuple(f"{v:,.0f}" for v in second)),
    ))
    figure, axes, drawn = drawn_figure(spec, zh, 6.0, 3.4)
    labels = [label.text for label in drawn.labels if label.text.get_visible()]
    renderer = figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert all(not a.overlaps(b) for a, b in combinations(boxes, 2))
    ticks = [t for t in axes.get_xticklabels() if t.get_text() and t.get_visible()]
    tick_boxes = [t.get_window_extent(renderer) for t in ticks]
    assert all(not a.overlaps(b) for a, b in combinations(tick_boxes, 2))
    assert len(ticks) < len(names)  # some names had to give way
