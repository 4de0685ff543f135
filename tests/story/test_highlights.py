"""Automatic highlights and shortfalls: direction-aware, with numbers, never vague."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.pipeline import _facts, check_outline, load_data
from deckgen.story.highlights import Picker

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "annual-review" / "outline.yaml"
VAGUE = ("基本完成", "将要完成", "预计达到", "比较", "依然")


@pytest.fixture(scope="module")
def picked():
    checked = check_outline(SAMPLE)
    facts, _, _ = _facts(checked, load_data(checked))
    return Picker(facts).pick(checked.outline, top=4), facts


def test_targets_and_changes_become_sentences_with_numbers(picked):
    (highlights, shortfalls), _ = picked
    assert highlights and shortfalls
    assert any("目标达成率 97.4%" in s and "差额" in s for s in shortfalls)  # GMV missed its target
    assert "访客数 1,290.6万，同比增长19.7%" in highlights
    assert any(s.startswith("转化率 2.25%，目标达成率 93.7%，差额 0.16个百分点") for s in shortfalls)
    for sentence in highlights + shortfalls:
        assert any(ch.isdigit() for ch in sentence), sentence
        assert not any(word in sentence for word in VAGUE), sentence


def test_a_lower_is_better_metric_falling_is_a_highlight(picked):
    (_highlights, shortfalls), facts = picked
    assert facts.change("refund_rate") < 0
    assert not any(s.startswith("退款率") for s in shortfalls)


def test_one_sentence_per_metric_and_at_most_top(picked):
    (highlights, shortfalls), _ = picked
    assert len(highlights) <= 4 and len(shortfalls) <= 4
    firsts = [s.split(" ")[0] for s in highlights]
    assert len(firsts) == len(set(firsts))


def test_a_campaign_band_does_not_judge_an_annual_deck(picked):
    """The presale band (50–70 % of a campaign's GMV) fits campaign decks of a few weeks, not a year."""
    from deckgen.outline.schema import Deck

    _, facts = picked
    checked = check_outline(SAMPLE)
    band = {"metric": "gmv", "low": 0.5, "high": 0.7, "kinds": ["campaign"], "max_days": 92}
    picker = Picker(facts, {**facts_rules(), "bands": [band]})
    annual = checked.outline
    campaign = annual.model_copy(update={"deck": Deck.model_validate(
        {**annual.deck.model_dump(exclude_none=True), "kind": "campaign"})})
    assert not picker.fits(band, annual)  # an annual deck
    assert not picker.fits(band, campaign)  # a campaign deck, but over a whole year (365 days)
    assert picker.fits({**band, "max_days": 400}, campaign)


def facts_rules() -> dict:
    from deckgen.resources import load_config

    return dict(load_config("highlights.yaml"))
