"""Build-speed benchmark: reports ratios measured in one run (machines here are noisy, so absolute
seconds are printed for context only and never asserted).

    python bench/build_speed.py [OUTLINE]

- cold / serial: every chart drawn in this process, no cache;
- cold / parallel: charts drawn in one process per core;
- warm: a rebuild with the chart cache filled (what "edit one sentence, rebuild" costs).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "samples" / "annual-review" / "outline.yaml"


def timed_build(outline: Path, out: Path, **environment: str) -> float:
    from deckgen.pipeline import build

    saved = {key: os.environ.get(key) for key in environment}
    os.environ.update(environment)
    try:
        start = time.perf_counter()
        build(outline, out)
        return time.perf_counter() - start
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def main() -> None:
    outline = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "deck.pptx"
        cache = str(Path(folder) / "cache")
        timed_build(outline, out, DECKGEN_CACHE_DIR="off", DECKGEN_JOBS="1")  # imports and file caches warm
        serial = timed_build(outline, out, DECKGEN_CACHE_DIR="off", DECKGEN_JOBS="1")
        parallel = timed_build(outline, out, DECKGEN_CACHE_DIR=cache, DECKGEN_JOBS="0")
        warm = timed_build(outline, out, DECKGEN_CACHE_DIR=cache, DECKGEN_JOBS="0")
    print(f"outline: {outline}")
    print(f"cold, serial charts:   {serial:6.2f} s")
    print(f"cold, parallel charts: {parallel:6.2f} s   ratio to serial {parallel / serial:.2f}")
    print(f"warm chart cache:      {warm:6.2f} s   ratio to serial {warm / serial:.2f}")


if __name__ == "__main__":
    main()
