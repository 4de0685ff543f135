"""Write the data of the monthly-report sample in Spanish (the YueChong pet-supplies shop, November 2025) into ./data.

The generator lives in the package (``deckgen.starters.monthly``, also used by ``deckgen init --kind
monthly``); this script only calls it with the sample's locale. The output is deterministic: a second run
gives byte-identical files. See data/README.md for the columns and the rules the numbers follow.

Run from anywhere::

    .venv/bin/python samples/monthly-report-es/generate_data.py
"""

from __future__ import annotations

from pathlib import Path

from deckgen.starters.monthly import generate

LOCALE = "es-ES"
OUT_DIR = Path(__file__).resolve().parent / "data"

if __name__ == "__main__":
    generate(OUT_DIR, LOCALE)
    print(f"wrote {OUT_DIR}")
