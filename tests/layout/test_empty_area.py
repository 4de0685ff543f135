"""The empty-area measure behind check's layout.empty warning, on literal boxes."""

from __future__ import annotations

import pytest

from deckgen.layout.coverage import covered_share, ink_box
from deckgen.layout.inspect import inspect_layout
from deckgen.layout.spec import Box, Para, PlacedDeck, PlacedSlide, RectShape, Run, TextShape

AREA = Box(1.0, 1.0, 10.0, 5.0)  # 50 square inches


def test_one_box_covers_its_share():
    assert covered_share([Box(1, 1, 5, 5)], AREA) == pytest.approx(0.5)


def test_overlapping_boxes_count_once():
    """The union, not the sum: two boxes sharing half their area cover 1.5 boxes."""
    boxes = [Box(1, 1, 4, 5), Box(3, 1, 4, 5)]  # 20 + 20, 10 shared
    assert covered_share(boxes, AREA) == pytest.approx(30 / 50)
    assert covered_share([Box(2, 2, 2, 2)] * 3, AREA) == pytest.approx(4 / 50)


def test_boxes_are_clipped_to_the_area():
    assert covered_share([Box(0, 0, 3, 3)], AREA) == pytest.approx(4 / 50)  # only 2 x 2 lies inside
    assert covered_share([Box(20, 20, 1, 1)], AREA) == 0.0
    assert covered_share([Box(0, 0, 20, 20)], AREA) == pytest.approx(1.0)


def test_nested_and_side_by_side_boxes():
    boxes = [Box(1, 1, 10, 2), Box(2, 1.5, 1, 1), Box(1, 3, 5, 3)]  # a band, a box inside it, a box below
    assert covered_share(boxes, AREA) == pytest.approx((20 + 15) / 50)


def test_text_without_fill_covers_its_lines_only():
    para = Para((Run("one\x0btwo"),), 18.0, "#000000")  # two lines of 18 pt: 2 x 18 x 1.3 / 72 = 0.65 in
    top = TextShape("T", Box(1, 1, 10, 5), (para,), inset_in=0.0)
    assert ink_box(top) == Box(1, 1, 10, pytest.approx(0.65))
    bottom = TextShape("T", Box(1, 1, 10, 5), (para,), anchor="bottom", inset_in=0.0)
    assert ink_box(bottom).bottom_in == pytest.approx(6.0)
    filled = TextShape("T", Box(1, 1, 10, 5), (para,), fill="#EEEEEE")
    assert ink_box(filled) == filled.box


def test_check_warns_about_a_slide_more_than_40_percent_empty():
    def slide(height: float) -> PlacedSlide:
        return PlacedSlide("table", (RectShape("Panel", Box(1, 1, 10, height), "#EEEEEE"),), content=AREA)

    deck = PlacedDeck((slide(2.9), slide(3.1), PlacedSlide("cover", ())), 13.333, 7.5, "t", "zh-CN", "Arial",
                      "Microsoft YaHei")
    warnings = inspect_layout(deck, "outline.yaml")
    assert [(w.code, w.severity) for w in warnings] == [("layout.empty", "warning")]
    assert warnings[0].message.startswith("slide 1: the table slide's content area is 42% empty")
