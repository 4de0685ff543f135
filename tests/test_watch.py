"""build --watch rebuilds after an edit and keeps going after a mistake."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "bad_outlines" / "_base"


def _wait_for(predicate, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_watch_rebuilds_after_an_edit(tmp_path):
    folder = tmp_path / "deck"
    shutil.copytree(BASE, folder)
    deck = tmp_path / "out.pptx"
    process = subprocess.Popen([sys.executable, "-m", "deckgen.cli", "build", "outline.yaml", "-o", str(deck),
                                "--watch"], cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert _wait_for(deck.exists, 60)
        first = deck.stat().st_mtime_ns
        outline = folder / "outline.yaml"
        text = outline.read_text(encoding="utf-8")
        outline.write_text(text.replace("titel", "title") + "\n# edited\n", encoding="utf-8")
        assert _wait_for(lambda: deck.stat().st_mtime_ns != first, 60)
        outline.write_text(text.replace("deck:", "deck:\n  titel: oops", 1), encoding="utf-8")
        time.sleep(3)
        assert process.poll() is None  # a mistake is reported, the watch goes on
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=30)
    assert "unknown key 'titel'" in errors and "not rebuilt" in errors
    assert "Traceback" not in errors
