"""Visual regression: every sample, rendered by LibreOffice at low resolution, against stored pictures.

    DECKGEN_UPDATE_VISUAL=1 pytest tests/test_visual.py    # store the current renders deliberately

A page whose pixels differ from the stored picture by more than the tolerance fails, and the
stored, new and difference images are written to tests/visual/failures/ for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from deckgen.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
STORED = ROOT / "tests" / "visual"
FAILURES = STORED / "failures"
DPI = 20
TOLERANCE = 6.0  # root-mean-square difference per channel, 0–255: text moving by a pixel stays well below
UPDATE = os.environ.get("DECKGEN_UPDATE_VISUAL") == "1"
SAMPLES = sorted(p.parent.name for p in (ROOT / "samples").glob("*/outline.yaml"))


def rms(first, second) -> float:
    from PIL import ImageChops, ImageStat

    difference = ImageChops.difference(first.convert("RGB"), second.convert("RGB"))
    return sum(ImageStat.Stat(difference).rms) / 3


@pytest.mark.render
@pytest.mark.parametrize("sample", SAMPLES)
def test_sample_looks_as_stored(sample, tmp_path):
    from PIL import Image, ImageChops
    from sample_decks import first_deck

    from deckgen.preview import preview_deck

    deck = tmp_path / f"{sample}.pptx"
    outline = ROOT / "samples" / sample / "outline.yaml"
    build(outline, deck, each=first_deck(outline))  # a batch sample: its first shop
    pages = preview_deck(deck, tmp_path / "png", dpi=DPI).pages
    folder = STORED / sample
    if UPDATE:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for page in pages:
            shutil.copyfile(page, folder / page.name)
        pytest.skip(f"stored {len(pages)} pictures for {sample}")
    stored = sorted(folder.glob("page-*.png"))
    assert [p.name for p in stored] == [p.name for p in pages], (
        f"{sample}: {len(pages)} pages rendered, {len(stored)} stored; if the change is intended, run "
        "DECKGEN_UPDATE_VISUAL=1 pytest tests/test_visual.py")
    failed = []
    for old_path, new_path in zip(stored, pages):
        old, new = Image.open(old_path), Image.open(new_path)
        if old.size != new.size or rms(old, new) > TOLERANCE:
            failed.append(old_path.name)
            target = FAILURES / sample
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(old_path, target / f"{old_path.stem}-stored.png")
            shutil.copyfile(new_path, target / f"{old_path.stem}-new.png")
            if old.size == new.size:
                ImageChops.difference(old.convert("RGB"), new.convert("RGB")).save(target / f"{old_path.stem}-diff.png")
    assert not failed, f"{sample}: pages differ from the stored pictures: {failed}; see {FAILURES / sample}"
