"""A Pareto sentence and its chart follow one rule: the items the sentence counts are the highlighted bars, all
of them on the chart, and the share it states is where the cumulative line stands on the last of them."""

from __future__ import annotations

import re
from pathlib import Path

from deckgen.pipeline import _facts, check_outline, load_data
from deckgen.story.build import build_story
from deckgen.story.spec import GOOD

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "annual-review" / "outline.yaml"


def test_the_sentence_names_exactly_the_highlighted_bars():
    checked = check_outline(SAMPLE)
    facts, _, _ = _facts(checked, load_data(checked))
    story = build_story(checked.outline, facts, checked.loaded)
    [slide] = [s for s in story.slides if getattr(getattr(s.body, "chart", None), "kind", "") == "pareto"]
    chart, sentence = slide.body.chart, " ".join((slide.title, *slide.body.commentary))  # the title states it
    count = int(re.search(r"（(\d+) 个）", sentence).group(1))
    share = re.search(r"的 ([\d.]+)%", sentence).group(1)
    assert chart.tones.count(GOOD) == count and chart.tones[:count] == (GOOD,) * count
    assert len(chart.categories) >= max(count, 20)  # top: 20, and never fewer than the sentence names
    cumulative = chart.series[1].values[count - 1]
    assert f"{cumulative * 100:.1f}" == share
