"""check flags hand-written numbers and direction words that no placeholder produced and no claim guards,
unless marked deliberate."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deckgen.pipeline import check_outline

BASE = Path(__file__).resolve().parents[1] / "bad_outlines" / "_base"


def warnings_for(tmp_path: Path, slides: str, locale: str = "en-US") -> list[tuple[int, int, str, str]]:
    """(line, column, code, message) of each wording warning for an outline whose first section has these slides."""
    shutil.copytree(BASE / "data", tmp_path / "data")
    text = (BASE / "outline.yaml").read_text(encoding="utf-8").replace("locale: en-US", f"locale: {locale}")
    head = text[: text.index("review:")]
    outline = tmp_path / "outline.yaml"
    outline.write_text(head + "review:\n  - section: Overview\n    slides:\n" + slides, encoding="utf-8")
    return [(w.span.line, w.span.col, w.code, w.message) for w in check_outline(outline).warnings
            if w.code == "claim.unguarded"]


def line_of(tmp_path: Path, needle: str) -> int:
    lines = (tmp_path / "outline.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_hand_written_direction_words_and_numbers_are_flagged_where_they_are(tmp_path):
    found = warnings_for(tmp_path, (
        "      - title: GMV by month\n"
        "        chart: {type: line, x: month, y: gmv}\n"
        "        commentary:\n"
        "          - GMV {{ gmv }}, {{ gmv.yoy.phrase }}\n"          # computed: fine
        "          - November sales rose after the campaign\n"      # a direction word
        "          - Conversion reached 2.4% in Q4\n"              # a number with a unit
        "          - The 618 and 11.11 campaigns from 2025-10-21\n"))  # labels and dates, not quantities
    rose, percent = line_of(tmp_path, "rose after"), line_of(tmp_path, "reached 2.4%")
    assert [(line, col, code) for line, col, code, _ in found] == [
        (rose, 28, "claim.unguarded"), (percent, 32, "claim.unguarded")]
    assert "direction word 'rose'" in found[0][3] and "number '2.4%'" in found[1][3]


def test_claims_and_the_deliberate_mark_guard_a_sentence(tmp_path):
    found = warnings_for(tmp_path, (
        "      - title: GMV by month\n"
        "        chart: {type: line, x: month, y: gmv}\n"
        "        commentary:\n"
        "          - Sales rose {{ gmv.yoy > 0 }} in 2025\n"
        "          - GMV {{ 'rose' if gmv.yoy > 0 else 'fell' }} in 2025\n"
        "          - Prices fell 5% in March  # deliberate: from the price list\n"))
    assert found == []


def test_chinese_direction_words_match_inside_sentences(tmp_path):
    found = warnings_for(tmp_path, (
        "      - title: 月度 GMV\n"
        "        chart: {type: line, x: month, y: gmv}\n"
        "        commentary: 618 带动 6 月同比提升\n"), locale="zh-CN")
    assert [(code, message.split("'")[1]) for _, _, code, message in found] == [("claim.unguarded", "带动")]


# one deck per outline (a batch outline, deck.each, needs a value for each of its placeholders to be checked)
SAMPLES = sorted(p for p in (BASE.parents[2] / "samples").glob("*/outline.yaml")
                 if "{{ each." not in p.read_text(encoding="utf-8"))
STARTERS = sorted((BASE.parents[2] / "configs" / "starters").glob("*/outline.*.yaml"))


@pytest.mark.parametrize("outline", SAMPLES + STARTERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_samples_and_starters_have_no_unguarded_claims(outline):
    """Every hand-written number and direction word in the shipped outlines is computed, guarded or deliberate."""
    problems = [f"{w.span.line}: {w.message}" for w in check_outline(outline).warnings if w.code == "claim.unguarded"]
    assert problems == []
