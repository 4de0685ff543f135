"""Which decks a parameterised outline makes, and what {{ each.NAME }} becomes (no deck is built here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.batch import EachOverride, plan_batch
from deckgen.errors import OutlineError
from deckgen.outline.each import bind, output_name
from deckgen.outline.read import read_yaml

OUTLINE = """\
deck:
  title: "{{ each.region }} 月报"
  period: {current: 2025-11}
  each: {column: region, values: [华东, "华南/港澳", 华东], output: "out/{{ each.region }}.pptx"}
data:
  daily: {path: "data/{{ each.region }}.csv", where: {region: "{{each.region}}"}}
review:
  - section: 概况
    slides:
      - title: "{{ each.region }}：{{ gmv }}"
        kpis: [gmv]
"""


def write(tmp_path: Path, text: str = OUTLINE) -> Path:
    path = tmp_path / "outline.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_values_give_one_deck_each_with_safe_file_names(tmp_path: Path) -> None:
    decks = plan_batch(write(tmp_path))
    assert [deck.key for deck in decks] == ["华东", "华南/港澳"]  # a value listed again is one deck
    assert [deck.output for deck in decks] == [tmp_path / "out" / "华东.pptx", tmp_path / "out" / "华南_港澳.pptx"]


def test_two_decks_with_one_file_name_are_an_error(tmp_path: Path) -> None:
    text = OUTLINE.replace('output: "out/{{ each.region }}.pptx"', 'output: "out/deck.pptx"')
    with pytest.raises(OutlineError, match="would both be written to"):
        plan_batch(write(tmp_path, text))


def test_placeholders_are_bound_everywhere_and_keep_their_positions(tmp_path: Path) -> None:
    loaded = bind(read_yaml(write(tmp_path)), {"region": "华东"})
    assert loaded.data["deck"]["title"] == "华东 月报"
    assert loaded.data["data"]["daily"] == {"path": "data/华东.csv", "where": {"region": "华东"}}
    assert loaded.data["review"][0]["slides"][0]["title"] == "华东：{{ gmv }}"  # metrics stay for the story
    assert loaded.data["deck"]["each"]["output"] == "out/{{ each.region }}.pptx"  # the pattern, for the batch
    assert loaded.span(("deck", "title")).line == 2


def test_an_unknown_name_is_reported_where_it_is_written(tmp_path: Path) -> None:
    with pytest.raises(OutlineError) as raised:
        bind(read_yaml(write(tmp_path, OUTLINE.replace("{{ each.region }} 月报", "{{ each.shop }} 月报"))),
             {"region": "华东"})
    (problem,) = raised.value.diagnostics
    assert (problem.span.line, problem.code) == (2, "outline.each_unknown") and "each.region" in problem.hint


def test_the_command_line_list_replaces_deck_each(tmp_path: Path) -> None:
    decks = plan_batch(write(tmp_path), tmp_path / "elsewhere", EachOverride("region", "西南, 西北"))
    assert [(deck.key, deck.output) for deck in decks] == [("西南", tmp_path / "elsewhere" / "out" / "西南.pptx"),
                                                          ("西北", tmp_path / "elsewhere" / "out" / "西北.pptx")]


def test_an_outline_without_each_says_how_to_add_it(tmp_path: Path) -> None:
    text = OUTLINE.replace('  each: {column: region, values: [华东, "华南/港澳", 华东], output: "out/{{ each.region }}.pptx"}\n',
                           "")
    with pytest.raises(OutlineError, match="a batch needs a list of values"):
        plan_batch(write(tmp_path, text))


def test_output_names_lose_what_a_file_name_cannot_hold() -> None:
    assert output_name("decks/{{ each.shop }}.pptx", {"shop": 'A/B:C*"D"'}) == "decks/A_B_C__D_.pptx"
