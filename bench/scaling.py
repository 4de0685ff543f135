"""The four ratios of issue #10, measured in one run (absolute seconds are printed for context only):

    python bench/scaling.py [--shops 200] [--slides 1000]

1. deck size: 2×SLIDES slides ÷ SLIDES slides, CPU time (linear: 2.0; goal ≤ 2.1);
2. rebuild after editing one section conclusion of the annual sample ÷ its cold build, in one process
   (goal ≤ 0.15);
3. cold annual build ÷ bench/naive_annual.py on the same data (goal ≤ 0.6);
4. a batch of SHOPS shop decks with 2 processes ÷ the same batch built one after the other (goal ≤ 0.55).

Each build starts from an empty chart cache unless it is the rebuild. Ratios 2–4 are wall-clock times: they
are about using both cores, so they only mean something on a machine that is otherwise idle.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def deck_size(slides: int, folder: Path) -> tuple[str, float]:
    from deck_size import build_seconds

    build_seconds(20, folder)
    small, small_count = build_seconds(slides, folder)
    large, large_count = build_seconds(2 * slides, folder)
    return (f"{large_count} slides {large:.1f} s ÷ {small_count} slides {small:.1f} s (CPU)", large / small)


def rebuild(folder: Path) -> tuple[str, float]:
    from deckgen.data import cache
    from deckgen.pipeline import build

    shutil.copytree(ROOT / "samples" / "annual-review", folder / "annual")
    outline = folder / "annual" / "outline.yaml"
    os.environ["DECKGEN_CACHE_DIR"] = str(folder / "charts")
    cache.clear()
    cold = _timed(lambda: build(outline, folder / "cold.pptx"))
    text = outline.read_text(encoding="utf-8")
    edited = text.replace("    conclusion: ", "    conclusion: 好于预期，", 1)  # the first section's conclusion
    assert edited != text
    outline.write_text(edited, encoding="utf-8")
    warm = _timed(lambda: build(outline, folder / "warm.pptx"))
    return f"rebuild {warm:.2f} s ÷ cold {cold:.2f} s", warm / cold


def cold_vs_naive(folder: Path) -> tuple[str, float]:
    import naive_annual

    from deckgen.data import cache
    from deckgen.pipeline import build

    naive = _timed(lambda: naive_annual.build(folder / "naive.pptx"))
    os.environ["DECKGEN_CACHE_DIR"] = str(folder / "charts-cold")
    cache.clear()
    cold = _timed(lambda: build(ROOT / "samples" / "annual-review" / "outline.yaml", folder / "deckgen.pptx"))
    return f"deckgen {cold:.2f} s ÷ naive {naive:.2f} s", cold / naive


def batch(shops: int, folder: Path) -> tuple[str, float]:
    from deckgen.batch import run_batch
    from deckgen.data import cache
    from deckgen.starters.engine import generate_sample

    generate_sample("shops-batch", folder / "shops" / "data", count=shops)
    shutil.copy(ROOT / "samples" / "shops-batch" / "outline.yaml", folder / "shops" / "outline.yaml")
    outline = folder / "shops" / "outline.yaml"
    os.environ["DECKGEN_CACHE_DIR"] = "off"
    cache.clear()
    sequential = _timed(lambda: _all_built(run_batch(outline, folder / "one", jobs=1)))
    cache.clear()
    parallel = _timed(lambda: _all_built(run_batch(outline, folder / "two", jobs=2)))
    return f"{shops} decks: 2 processes {parallel:.1f} s ÷ one after the other {sequential:.1f} s", \
        parallel / sequential


def _all_built(result) -> None:
    assert not result.failed, [outcome.message for outcome in result.failed]


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shops", type=int, default=200)
    parser.add_argument("--slides", type=int, default=1000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for name, goal, measure in (
            ("2× slides ÷ slides", 2.1, lambda: deck_size(args.slides, folder)),
            ("rebuild ÷ cold", 0.15, lambda: rebuild(folder)),
            ("cold ÷ naive", 0.6, lambda: cold_vs_naive(folder)),
            ("batch 2 processes ÷ 1", 0.55, lambda: batch(args.shops, folder)),
        ):
            detail, ratio = measure()
            rows.append((name, ratio, goal, detail))
            print(f"{name:24} {ratio:5.2f}  (goal ≤ {goal})  {detail}", flush=True)
    print(f"cpu: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
