"""Which sections get a divider: never the first, which the agenda just before it already announces."""

from deckgen.story.structure import Part, dividers

PARTS = {"review": "回顾", "plan": "计划", "summary": "总结"}
SECTIONS = [Part("成交概况", "review", 4), Part("流量", "review", 1), Part("下月计划", "plan", 3),
            Part("运营总结", "summary", 2)]


def test_parts_get_a_divider_after_the_first_part():
    items, before = dividers("auto", SECTIONS, PARTS)
    assert items == ("回顾", "计划", "总结")  # the agenda still lists every part
    assert {i: title for i, (title, _) in before.items()} == {2: "计划", 3: "总结"}
    assert before[2][1].items == items and before[2][1].current == 1  # the list with the plan highlighted


def test_sections_mode_leaves_the_first_section_to_the_agenda():
    items, before = dividers("sections", SECTIONS, PARTS)
    assert items == ("成交概况", "流量", "下月计划", "运营总结")
    assert sorted(before) == [1, 2, 3]


def test_a_single_part_divides_only_long_sections_after_the_first():
    review = [Part("成交概况", "review", 4), Part("流量", "review", 1), Part("服务", "review", 3)]
    assert sorted(dividers("auto", review, PARTS)[1]) == [2]
    assert dividers("none", review, PARTS)[1] == {}
