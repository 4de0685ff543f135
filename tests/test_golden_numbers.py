"""Every sample's numbers, compared with the numbers recorded in ``tests/golden/<sample>.json``.

Only the data-heavy parts are compared: the KPI cards, the numeric cells of tables and the values and labels
of charts, slide by slide. Titles and sentences are left to the sample tests, so rewording a sentence does
not touch these files; a change of a number does. After a deliberate change (a new slide, a new chart),
record the current numbers and review the diff:

    DECKGEN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden_numbers.py
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path

import pytest

from deckgen.layout.spec import PictureShape, TableShape, TextShape
from deckgen.pipeline import lay_out

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLES = sorted(path.parent.name for path in (ROOT / "samples").glob("*/outline.yaml"))
UPDATE = os.environ.get("DECKGEN_UPDATE_GOLDEN") == "1"
NUMBER = re.compile(r"[-+]?\d+(?:[.,\u00a0\u202f]\d+)*")


def numbers_in(text: str) -> list[str]:
    return NUMBER.findall(text)


def value(number: float | None) -> float | None:
    """Chart values to 9 significant digits: the same data, whatever the order of the additions."""
    if number is None or (isinstance(number, float) and math.isnan(number)):
        return None
    return float(f"{number:.9g}")


def shape_numbers(shape) -> dict | None:
    if isinstance(shape, TextShape) and shape.name.startswith("KPI"):
        text = " ".join("".join(run.text for run in para.runs) for para in shape.paras)
        return {"kpi": shape.name, "numbers": numbers_in(text)} if numbers_in(text) else None
    if isinstance(shape, TableShape):
        return {"table": [[cell.text for cell in row if cell.numeric] for row in shape.rows]}
    if isinstance(shape, PictureShape):
        chart = shape.chart
        return {"chart": chart.kind, "categories": list(chart.categories),
                "series": [{"values": [value(v) for v in series.values], "labels": list(series.labels)}
                           for series in chart.series]}
    return None


def deck_numbers(outline: Path) -> list[dict]:
    from conftest import first_deck

    laid = lay_out(outline, each=first_deck(outline))  # a batch sample: its first deck
    slides = []
    for index, slide in enumerate(laid.placed.slides, start=1):
        shapes = [found for shape in slide.shapes if (found := shape_numbers(shape))]
        if shapes:
            slides.append({"slide": index, "kind": slide.kind, "shapes": shapes})
    return slides


@pytest.mark.parametrize("sample", SAMPLES)
def test_sample_numbers_unchanged(sample: str) -> None:
    found = deck_numbers(ROOT / "samples" / sample / "outline.yaml")
    path = GOLDEN / f"{sample}.json"
    if UPDATE:
        lines = ",\n".join(json.dumps(slide, ensure_ascii=False) for slide in found)  # a slide per line
        path.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    assert path.exists(), f"no golden numbers for {sample}: DECKGEN_UPDATE_GOLDEN=1 pytest {Path(__file__).name}"
    assert found == json.loads(path.read_text(encoding="utf-8"))
