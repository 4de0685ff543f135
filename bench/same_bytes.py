"""Prove a change keeps every sample's deck byte-identical: build each sample and compare with decks built
before the change.

    python bench/same_bytes.py save DIR      # before the change: write every sample's deck into DIR
    python bench/same_bytes.py compare DIR   # after it: build again (twice, the second time from the
                                             # process's caches) and compare bytes with DIR

Exits 1 and names the decks that differ.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def samples() -> list[Path]:
    """Every sample outline that makes one deck (the batch sample is covered by its own test)."""
    return sorted(path for path in (ROOT / "samples").glob("*/outline.yaml") if "each:" not in path.read_text())


def build_all(folder: Path) -> dict[str, Path]:
    """Every sample as written, and with ``charts: native`` (an outline beside it for the moment of the build,
    so its relative paths hold)."""
    from deckgen.pipeline import build

    built = {}
    for outline in samples():
        target = folder / f"{outline.parent.name}.pptx"
        build(outline, target)
        built[outline.parent.name] = target
        native = outline.with_name(".same-bytes-native.yaml")
        text = outline.read_text(encoding="utf-8")
        native.write_text(re.sub(r"^deck:\n", "deck:\n  charts: native\n", re.sub(r"^  charts: .*\n", "", text,
                                 flags=re.MULTILINE), flags=re.MULTILINE), encoding="utf-8")
        try:
            target = folder / f"{outline.parent.name}-native.pptx"
            build(native, target)
            built[f"{outline.parent.name}-native"] = target
        finally:
            native.unlink()
    return built


def main() -> int:
    action, folder = sys.argv[1], Path(sys.argv[2])
    if action == "save":
        folder.mkdir(parents=True, exist_ok=True)
        for name in build_all(folder):
            print(f"saved {name}")
        return 0
    different = []
    with tempfile.TemporaryDirectory() as scratch:
        for round_ in ("cold", "warm"):
            for name, path in build_all(Path(scratch)).items():
                same = path.read_bytes() == (folder / f"{name}.pptx").read_bytes()
                print(f"{round_:4} {name}: {'identical' if same else 'DIFFERENT'}")
                if not same:
                    different.append(f"{name} ({round_})")
    if different:
        print("different: " + ", ".join(different))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
