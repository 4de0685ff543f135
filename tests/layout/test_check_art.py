"""check's covered-template-art warning, and the content area giving way to a logo."""

from __future__ import annotations

from deckgen.errors import SourceSpan
from deckgen.layout.inspect_template import covered_art
from deckgen.layout.spec import Box, Para, PlacedDeck, PlacedSlide, RectShape, Run, TextShape
from deckgen.layout.template import clear_of
from deckgen.theme import Art, Rect

LOGO = Box(10.9, 1.5, 1.9, 0.9)
NUMBER = Box(11.8, 7.0, 0.9, 0.4)


def deck(*shapes) -> PlacedDeck:
    slide = PlacedSlide("kpis", tuple(shapes), source=SourceSpan("o.yaml", 46, 9),
                        art=(("Logo", LOGO), ("slide number placeholder", NUMBER)))
    return PlacedDeck((slide,), 13.333, 7.5, "t", "zh-CN", "Arial", "Noto Sans CJK SC")


def test_a_card_over_the_logo_is_warned_with_slide_shape_art_and_line():
    [warning] = covered_art(deck(RectShape("KPI 4 card", Box(9.5, 1.45, 3.0, 3.0), "#F2F4F7")), "o.yaml")
    assert warning.code == "layout.covered_art" and warning.severity == "warning"
    assert warning.message == "slide 1: 'KPI 4 card' covers template art ('Logo' of the template's master or layout)"
    assert (warning.span.line, warning.span.col) == (46, 9)


def test_the_page_number_in_its_placeholder_is_not_a_cover():
    number = TextShape("Page number", NUMBER, (Para((Run("5"),), 9, "#6B7280"),))
    assert covered_art(deck(number), "o.yaml") == []
    panel = RectShape("Factor 3 card", Box(9.0, 5.0, 3.4, 2.4), "#F2F4F7")  # a card in the footer row
    assert [w.message for w in covered_art(deck(panel), "o.yaml")] == [
        "slide 1: 'Factor 3 card' covers template art ('slide number placeholder' of the template's master or layout)"]


def test_the_content_area_gives_way_keeping_its_height():
    area = Rect(0.67, 1.75, 12.0, 4.95)
    cleared = clear_of(area, (Art("Logo", Rect(10.9, 1.5, 1.9, 0.9)),))
    assert cleared.right <= 10.9 - 0.1 and cleared.height == area.height  # narrower, as tall
    band = clear_of(area, (Art("Band logo", Rect(0.5, 6.5, 12.3, 0.4)),))  # a wide strip: cut above it
    assert band.bottom <= 6.5 - 0.1 and band.width == area.width
    assert clear_of(area, (Art("Far", Rect(0.1, 7.1, 0.3, 0.3)),)) == area
