"""check's mixed-unit warning: one column, card group or chart series printing numbers in different scales."""

from __future__ import annotations

from deckgen.charts.spec import ChartSpec, Series
from deckgen.errors import SourceSpan
from deckgen.layout.inspect_units import mixed, mixed_units, scale_of
from deckgen.layout.spec import Box, Para, PictureShape, PlacedDeck, PlacedSlide, Run, TableShape, TextShape
from deckgen.story.spec import Cell

BOX = Box(1.0, 1.0, 4.0, 3.0)


def deck(*shapes) -> PlacedDeck:
    slide = PlacedSlide("table", tuple(shapes), source=SourceSpan("outline.yaml", 12, 9))
    return PlacedDeck((slide,), 13.333, 7.5, "t", "zh-CN", "Arial", "Noto Sans CJK SC")


def table(column: list[str]) -> TableShape:
    rows = tuple((Cell(f"商品 {i}"), Cell(text, numeric=True)) for i, text in enumerate(column))
    return TableShape("Table", BOX, ("商品", "访客数"), rows, (2.0, 2.0), (0.3,) * (len(rows) + 1), 14, 12)


def test_scales_are_read_in_every_locale():
    assert scale_of("1.2\u2060万") == (False, "万") and scale_of("9,137") == (False, "")
    assert scale_of("¥2.07M") == (True, "M") and scale_of("1,15 M¥") == (True, "M") and scale_of("931.029 ¥") == (True, "")
    assert scale_of("5,641\u2060万\u2060元") == (True, "万")
    for not_a_scale in ("12.4%", "+0.35 个百分点", "3.20", "207.9 元", "—"):
        assert scale_of(not_a_scale) is None, not_a_scale


def test_a_mixed_column_is_warned_with_slide_shape_and_line():
    [warning] = mixed_units(deck(table(["1.2\u2060万", "9,137", "8,020"])), "outline.yaml")
    assert warning.code == "numbers.mixed_units" and warning.severity == "warning"
    assert warning.message == "slide 1: 'Table' mixes unit scales in column '访客数' ('1.2万' beside '9,137')"
    assert (warning.span.line, warning.span.col) == (12, 9)


def test_one_scale_per_column_is_quiet():
    assert mixed_units(deck(table(["1.2\u2060万", "0.9\u2060万", "0.4\u2060万"])), "o") == []
    assert mixed_units(deck(table(["12,000", "9,137", "820"])), "o") == []  # small numbers read in units too


def test_money_and_counts_are_compared_apart():
    assert mixed(["¥945,411", "¥2.07M"]) == ("¥945,411", "¥2.07M")
    assert mixed(["¥2.07M", "9,137"]) is None  # an amount and a count are different things


def test_kpi_cards_and_chart_labels_are_groups():
    def value(i: int, text: str) -> TextShape:
        return TextShape(f"KPI {i} value", BOX, (Para((Run(text),), 30, "#000000"),))

    [cards] = mixed_units(deck(value(1, "1.2\u2060万"), value(2, "9,137")), "o")
    assert "the values of the KPI cards" in cards.message
    chart = ChartSpec("bar", ("一月", "二月"), (Series("销售额", (12000.0, 9137.0), labels=("1.2万", "9,137")),))
    [labels] = mixed_units(deck(PictureShape("Chart", BOX, chart)), "o")
    assert "the data labels of series '销售额'" in labels.message
