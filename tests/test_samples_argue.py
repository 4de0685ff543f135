"""Every sample argues: the executive summary comes right after the cover, content titles state a number or a
comparison, and no sentence is said more than twice in a deck."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from deckgen.pipeline import _facts, check_outline, load_data
from deckgen.story.build import build_story
from deckgen.story.spec import Bullets, Callout, Cards, Chart, Executive, Highlights, Kpis, Table, Tree

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
NAMES = sorted(p.parent.name for p in SAMPLES.glob("*/outline.yaml"))
NOT_CONTENT = {"cover", "agenda", "divider", "executive", "highlights", "callout", "closing"}


@pytest.fixture(scope="module", params=NAMES)
def story(request):
    from sample_decks import first_deck

    outline = SAMPLES / request.param / "outline.yaml"
    checked = check_outline(outline, first_deck(outline))  # a batch sample: its first shop
    facts, _, _ = _facts(checked, load_data(checked))
    return build_story(checked.outline, facts, checked.loaded)


def sentences(deck) -> list[str]:
    """What the deck says in words: titles, commentary, conclusions, summary items (not table cells)."""
    said = []
    for slide in deck.slides:
        if slide.kind in ("agenda", "divider", "cover", "closing"):
            continue  # navigation repeats section names by design
        body = slide.body
        texts = [slide.title, slide.conclusion, *getattr(body, "commentary", ())]
        if isinstance(body, Bullets):
            texts += body.items
        elif isinstance(body, Executive):
            texts += [text for _, _, text in body.items]
        elif isinstance(body, Highlights):
            texts += [*body.highlights, *body.shortfalls]
        elif isinstance(body, Callout):
            texts.append(body.text)
        elif isinstance(body, Cards):
            texts += [t for card in body.cards for t in card.text]
        for text in texts:
            said += [" ".join(part.replace("\u2060", "").split()) for part in re.split(r"[。；;\n]", text or "")]
    return [s for s in said if len(s) >= 6]


def test_the_slide_after_the_cover_is_the_executive_summary(story):
    assert story.slides[0].kind == "cover"
    summary = story.slides[1]
    assert summary.kind == "executive" and isinstance(summary.body, Executive)
    assert re.search(r"\d", summary.title)  # the answer: the result with its numbers
    assert 1 <= len(summary.body.items) <= 3
    assert all(re.search(r"\d", text) for _, _, text in summary.body.items)
    assert len(summary.body.evidence) == len(summary.body.items) and all(summary.body.evidence)


def test_content_titles_carry_a_number_or_a_comparison(story):
    content = [s for s in story.slides if s.kind not in NOT_CONTENT]
    with_number = [s for s in content if re.search(r"\d", s.title)]
    assert len(with_number) >= 0.8 * len(content), [s.title for s in content if s not in with_number]


def test_no_sentence_is_said_more_than_twice(story):
    repeated = {s: n for s, n in Counter(sentences(story)).items() if n > 2}
    assert repeated == {}


# Dates, names and pointers that carry digits but no finding: 11/11, 1–14 日, 2025 年, 618, Q4, 见第 7 页 …
_NOT_FIGURES = re.compile(
    r"\d+\s*/\s*\d+|\d+\s*[–-]\s*\d+\s*[月日]|\d+\s*[月日号]|\b(?:19|20)\d\d\b|\b(?:Double|Doble) 11\b|\b618\b"
    r"|\bQ\d\b|\bA\d+\b|第\s*\d+\s*页|(?:slides?|diapositivas?|días?|del?|al|a)\s+\d+\b(?![.,]\d)|\b\d+ de [a-z]+")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def figures(sentence: str) -> tuple[str, ...]:
    return tuple(_FIGURE.findall(_NOT_FIGURES.sub(" ", sentence)))


def test_no_finding_is_said_more_than_twice_in_other_words(story):
    """A near-duplicate states the same figures in the same order ("全年 GMV 5,641万元，同比增长18.6%" and
    "GMV 5,641万元，同比 +18.6%"): the same finding said again, whatever the wording."""
    said: dict[tuple[str, ...], list[str]] = {}
    for sentence in sentences(story):
        numbers = figures(sentence)
        if len(numbers) >= 2:
            said.setdefault(numbers[:2], []).append(sentence)
    assert {key: texts for key, texts in said.items() if len(texts) > 2} == {}


def test_the_answer_is_said_on_slide_two_and_at_most_once_more(story):
    answer = figures(story.slides[1].title)[:2]
    again = [s for s in sentences(story) if figures(s)[:2] == answer]
    assert len(again) <= 2, again


def test_bodies_are_typed(story):
    assert all(isinstance(s.body, (Kpis, Chart, Table, Cards, Bullets, Executive, Highlights, Tree, Callout))
               for s in story.slides if s.kind not in ("cover", "agenda", "divider", "closing"))


def test_dividers_are_at_most_a_seventh_of_the_deck(story):
    dividers = sum(slide.kind == "divider" for slide in story.slides)
    assert dividers / len(story.slides) <= 0.15, f"{dividers} dividers in {len(story.slides)} slides"


@pytest.mark.parametrize("name", NAMES)
def test_check_strict_finds_no_false_claim_and_no_unguarded_wording(name):
    from click.testing import CliRunner
    from sample_decks import first_deck

    from deckgen.cli import main

    outline = SAMPLES / name / "outline.yaml"
    each = first_deck(outline)  # a batch sample: its first shop's deck
    chosen = ["--each", "=".join(next(iter(each.items())))] if each else []  # the deck list's key column
    result = CliRunner().invoke(main, ["check", "--strict", *chosen, str(outline)])
    assert result.exit_code == 0, result.output
