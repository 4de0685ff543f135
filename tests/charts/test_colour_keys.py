"""Colours that carry a meaning are named (progress bars and timeline dots: target met or missed), and a
combo chart's line labels read as the line's values among the columns."""

from __future__ import annotations

import pytest
from test_new_kinds import MAIN_COLUMN, PERCENT, WAN, drawn_figure

from deckgen.charts.combo import key_points
from deckgen.charts.spec import AxisFormat, ChartSpec, Series
from deckgen.theme import load_theme

KEY = ("达成目标", "未达成")


@pytest.fixture(scope="module")
def zh():
    return load_theme("default", {"latin": "Arial", "east_asian": "Microsoft YaHei", "chart": ["Noto Sans CJK SC"]},
                      red_is_good=True)


def _legend(figure) -> list[str]:
    legend = figure.axes[0].get_legend()
    return [] if legend is None else [t.get_text() for t in legend.get_texts()]


def test_progress_bars_say_what_their_colours_mean(zh):
    spec = ChartSpec("progress", ("GMV", "访客数", "转化率"), (Series("达成率", (0.97, 1.02, 0.94)),),
                     primary_axis=AxisFormat(kind="percent"), tones=("bad", "good", "bad"), reference=1.0,
                     show_legend=False, key=KEY)
    figure, _, _ = drawn_figure(spec, zh, *MAIN_COLUMN)
    assert _legend(figure) == list(KEY)
    handles = figure.axes[0].get_legend().legend_handles
    assert [h.get_facecolor()[:3] for h in handles] == [_rgb(zh.good), _rgb(zh.bad)]


def test_only_the_colours_used_are_named(zh):
    spec = ChartSpec("timeline", ("618", "双十一"), (Series("GMV", (5e6, 7e6), labels=("500万", "700万")),),
                     dates=("2025-06-18", "2025-11-11"), tones=("good", "good"), show_legend=False, key=KEY)
    figure, _, _ = drawn_figure(spec, zh, *MAIN_COLUMN)
    assert _legend(figure) == ["达成目标"]


def test_a_line_over_many_columns_is_labelled_at_its_ends_and_peaks():
    values = (0.1, 0.3, 0.2, 0.25, 0.05, 0.15, 0.2, 0.22, 0.18, 0.12, 0.2, 0.21, 0.19, 0.17)
    series = Series("同比", values, role="line", labels=tuple(f"{v:.0%}" for v in values))
    kept = [i for i, text in enumerate(key_points(series, len(values)).labels) if text]
    assert kept == [0, 1, 4, 13]  # first, highest, lowest, last
    assert key_points(series, 12) is series  # a year of months keeps every label


def test_line_labels_among_columns_are_tags(zh):
    spec = ChartSpec("combo", ("1月", "2月", "3月"), (
        Series("GMV", (4e6, 5e6, 6e6)),
        Series("同比", (0.1, 0.2, 0.15), role="line", axis="secondary", labels=("10%", "20%", "15%")),
    ), primary_axis=WAN, secondary_axis=PERCENT)
    _, _, drawn = drawn_figure(spec, zh, *MAIN_COLUMN)
    tags = [label.text for label in drawn.labels if label.text.get_text().endswith("%")]
    assert len(tags) == 3 and all(tag.get_bbox_patch() is not None for tag in tags)


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
