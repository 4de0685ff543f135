"""Golden comparison: every number every sample deck shows (text, table cells, chart categories, values and
labels) equals the record in tests/golden/sample_numbers.json, number by number and in slide order; a batch
sample is recorded by its first deck.

The record was taken before the query engine replaced the per-metric pandas filtering, so this test holds the
engine to the numbers the decks showed before. A change that means to alter a sample's numbers regenerates the
record (``python bench/sample_text.py --numbers tests/golden/sample_numbers.json``) and says why in its commit.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RECORD = json.loads((ROOT / "tests" / "golden" / "sample_numbers.json").read_text(encoding="utf-8"))


def _script():
    spec = importlib.util.spec_from_file_location("sample_text", ROOT / "bench" / "sample_text.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()


def test_every_sample_has_a_record() -> None:
    assert sorted(RECORD) == sorted(outline.parent.name for outline in SCRIPT.sample_outlines())


@pytest.mark.parametrize("outline", SCRIPT.sample_outlines(), ids=lambda path: path.parent.name)
def test_sample_numbers_are_unchanged(outline: Path) -> None:
    found = SCRIPT.numbers(SCRIPT.deck_lines(outline))
    expected = RECORD[outline.parent.name]
    if found != expected:
        delta = "\n".join(list(difflib.unified_diff(expected, found, "record", "now", lineterm="", n=2))[:30])
        pytest.fail(f"{outline.parent.name}: the numbers differ from the record\n{delta}")
