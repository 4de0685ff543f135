"""check's label-collision warning: native charts whose category names or data labels run into each other."""

from __future__ import annotations

from deckgen.charts.spec import ChartSpec, Series
from deckgen.errors import SourceSpan
from deckgen.layout.inspect_labels import category_collision, label_collision, label_collisions
from deckgen.layout.spec import Box, PictureShape, PlacedDeck, PlacedSlide

BOX = Box(0.6, 1.4, 7.5, 4.5)
DAYS = tuple(f"10/{day}" for day in range(21, 32)) + tuple(f"11/{day}" for day in range(1, 12))


def deck(chart: ChartSpec, native: bool = True) -> PlacedDeck:
    slide = PlacedSlide("chart", (PictureShape("Chart", BOX, chart, native),), source=SourceSpan("o.yaml", 40, 9))
    return PlacedDeck((slide,), 13.333, 7.5, "t", "zh-CN", "Arial", "Noto Sans CJK SC")


def daily(days: tuple[str, ...]) -> ChartSpec:
    values = tuple(float(100 + i) for i in range(len(days)))
    return ChartSpec("line", days, (Series("GMV", values, role="line"),))


def test_a_crowded_native_chart_is_detected_as_colliding():
    assert category_collision(daily(DAYS), BOX) == ("10/21", "10/22")  # 22 dates in 6 inches of plot
    [warning] = label_collisions(deck(daily(DAYS)), "o.yaml")
    assert warning.code == "chart.label_collision" and warning.severity == "warning"
    assert warning.message.startswith("slide 1: category names of 'Chart' run into each other ('10/21' and '10/22'")
    assert (warning.span.line, warning.span.col) == (40, 9)


def test_a_week_of_dates_has_room():
    assert label_collisions(deck(daily(DAYS[:7])), "o.yaml") == []


def test_pictures_resolve_their_own_collisions():
    assert label_collisions(deck(daily(DAYS), native=False), "o.yaml") == []  # skipped when drawn


def test_data_labels_of_neighbouring_bars_at_one_height_collide():
    labels = tuple(f"{1000 + i:,}.5万元" for i in range(12))
    crowded = ChartSpec("bar", tuple(f"{m}月" for m in range(1, 13)),
                        (Series("GMV", tuple(1000.0 + i for i in range(12)), labels=labels),))
    assert label_collision(crowded, BOX) == (labels[0], labels[1])
    steps = ChartSpec("bar", ("一月", "二月"), (Series("GMV", (100.0, 5.0), labels=("1,000.5万元", "50.5万元")),))
    assert label_collision(steps, BOX) is None  # far apart in height
