"""A funnel names each stage once: labels that do not match its stages are an outline error at the block,
not a chart that cannot be drawn (found by the property test's mutations of the annual sample)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deckgen.errors import OutlineError
from deckgen.pipeline import check_outline

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "annual-review" / "outline.yaml"


def test_labels_must_match_the_stages(tmp_path):
    outline = tmp_path / "outline.yaml"
    shutil.copyfile(SAMPLE, outline)
    text = outline.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "funnel:" in row)
    outline.write_text(text.replace("stages: [uv, inquiry_users, inquiry_buyers]", "stages: [uv, inquiry_buyers]"),
                       encoding="utf-8")
    with pytest.raises(OutlineError) as raised:
        check_outline(outline)
    [problem] = raised.value.diagnostics
    assert problem.span.line == line
    assert problem.message.endswith("'labels' needs 2 labels: one per stage, in the order of 'stages'")
