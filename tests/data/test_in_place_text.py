"""Segment names from a table read in place (Parquet, scanned by the query engine) reach charts and tables
without control characters, as names from loaded tables do: a tab or a vertical tab in a product name."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "annual-review"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")


def test_a_product_name_with_control_characters_is_shown_cleaned(tmp_path):
    import pandas as pd

    from deckgen.pipeline import lay_out

    folder = tmp_path / "annual"
    shutil.copytree(SAMPLE, folder)
    products = pd.read_parquet(folder / "data" / "products.parquet")
    top = products.groupby("product_name")["gmv"].sum().idxmax()
    products["product_name"] = products["product_name"].replace({top: top[:3] + "\x0b\t" + top[3:]})
    products.to_parquet(folder / "data" / "products.parquet", index=False)

    placed = lay_out(folder / "outline.yaml").placed
    categories = [c for slide in placed.slides for shape in slide.shapes
                  if getattr(shape, "chart", None) is not None for c in shape.chart.categories]
    assert top[:3] + "  " + top[3:] in categories  # the controls shown as spaces, the name still readable
    assert not [c for c in categories if CONTROL.search(str(c))]
