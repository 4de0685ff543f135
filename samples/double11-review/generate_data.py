"""Write the sample data of the 双十一 campaign post-mortem into ./data next to this script.

The data come from ``deckgen.starters.campaign`` (the same generator as ``deckgen init --kind campaign``),
labelled in Simplified Chinese. The run is deterministic: a second run writes byte-identical files. See
``data/README.md`` for the tables, their columns and the rules the numbers follow.

Run from anywhere::

    .venv/bin/python samples/double11-review/generate_data.py
"""

from __future__ import annotations

from pathlib import Path

from deckgen.starters.campaign import generate

OUT_DIR = Path(__file__).resolve().parent / "data"

if __name__ == "__main__":
    generate(OUT_DIR, "zh-CN")
    print(f"wrote {OUT_DIR}")
