"""Write the data of the English annual-review sample (Yunshan Home, en-US) into ./data beside this script.

The generator is deckgen's annual starter, ``deckgen/starters/annual.py`` (the same data that
``deckgen init --kind annual --locale en-US`` writes): the numbers of the Chinese sample in
samples/annual-review, with English labels. See ``data/README.md`` for the columns. Two runs give
byte-identical files. Run from anywhere::

    .venv/bin/python samples/annual-review-en/generate_data.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOCALE = "en-US"
FILES = ("shop_daily.csv", "traffic_sources.csv", "ads.xlsx", "products.parquet", "shop.db",
         "costs_monthly.csv", "customers_monthly.csv")


def main() -> None:
    try:
        from deckgen.starters.annual import generate
    except ImportError:  # deckgen not installed: use the checkout this sample lives in
        sys.path.insert(0, str(HERE.parent.parent))
        from deckgen.starters.annual import generate

    out = HERE / "data"
    generate(out, LOCALE)
    for name in FILES:
        print(f"{out / name}  {(out / name).stat().st_size / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
