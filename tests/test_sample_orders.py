"""The orders-review sample: buyers, new and returning buyers, repeat buyers, purchase frequency and order-value
bands from order history. The sample is built once; its numbers are compared with a pandas computation on the
sample's order file, written here without deckgen's number code."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from sample_decks import card_rows

from deckgen.pipeline import build

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "orders-review"


@pytest.fixture(scope="module")
def slides(tmp_path_factory) -> list[list[str]]:
    """Every slide's texts: comparison cards as rows, then text boxes, then table cells row by row."""
    out = tmp_path_factory.mktemp("orders") / "deck.pptx"
    build(SAMPLE / "outline.yaml", out)
    found = []
    for slide in Presentation(str(out)).slides:
        texts = ["|".join(row) for row in card_rows(slide)]  # a two-row table drawn as comparison cards
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += ["|".join(cell.text for cell in row.cells) for row in shape.table.rows]
        found.append(texts)
    return found


@pytest.fixture(scope="module")
def orders() -> pd.DataFrame:
    frame = pd.read_csv(SAMPLE / "data" / "orders.csv", parse_dates=["date"])
    frame["first"] = frame.groupby("buyer_id")["date"].transform("min")
    return frame


def year(frame: pd.DataFrame, number: int) -> pd.DataFrame:
    return frame[frame["date"].dt.year == number]


def counts(frame: pd.DataFrame) -> dict[str, float]:
    """The year's buyers split as the outline defines them, computed the plain way."""
    start = pd.Timestamp(frame["date"].dt.year.iloc[0], 1, 1)
    per_buyer = frame.groupby("buyer_id").size()
    new = frame[frame["first"] >= start]["buyer_id"].nunique()
    return {"buyers": frame["buyer_id"].nunique(), "orders": len(frame), "gmv": frame["amount"].sum(),
            "new": new, "returning": frame["buyer_id"].nunique() - new, "repeat": int((per_buyer >= 2).sum()),
            "once": int((per_buyer == 1).sum()), "twice": int((per_buyer == 2).sum()),
            "three_four": int(per_buyer.between(3, 4).sum()), "five": int((per_buyer >= 5).sum()),
            "big": int((frame["amount"] >= 100).sum())}


def percent(value: float) -> str:
    return f"{value * 100:+.1f}%"


def row(slides: list[list[str]], first_cell: str) -> list[str]:
    return next(text.split("|") for texts in slides for text in texts if text.split("|")[0] == first_cell)


def test_kpi_title_counts_buyers_orders_and_gmv(slides, orders) -> None:
    now, before = counts(year(orders, 2025)), counts(year(orders, 2024))
    title = (f"{now['buyers']:,} buyers placed {now['orders']:,} orders: GMV ${now['gmv']:,.0f}, up "
             f"{(now['gmv'] / before['gmv'] - 1) * 100:.1f}% YoY")
    assert title in [text for texts in slides for text in texts]


def test_new_and_returning_buyers(slides, orders) -> None:
    now, before = counts(year(orders, 2025)), counts(year(orders, 2024))
    title = (f"Returning buyers {now['returning']:,} ({percent(now['returning'] / before['returning'] - 1)}), "
             f"new buyers {now['new']:,} ({percent(now['new'] / before['new'] - 1)})")
    assert title in [text for texts in slides for text in texts]
    assert row(slides, "New")[1:3] == [f"{now['new']:,}", percent(now["new"] / before["new"] - 1)]
    assert row(slides, "Returning")[1] == f"{now['returning']:,}"


def test_purchase_frequency_bands_in_order(slides, orders) -> None:
    now = counts(year(orders, 2025))
    table = next(texts for texts in slides if any(text.startswith("Orders in the year|") for text in texts))
    firsts = [text.split("|")[0] for text in table if "|" in text]
    assert firsts == ["Orders in the year", "1 order", "2 orders", "3–4 orders", "5 or more"]
    assert [row(slides, name)[1] for name in ("1 order", "2 orders", "3–4 orders", "5 or more")] == [
        f"{now[key]:,}" for key in ("once", "twice", "three_four", "five")]
    assert f"Purchase frequency: {now['repeat']:,} buyers ordered twice or more" in " ".join(table)
    cards = next(texts for texts in slides if "Orders per buyer" in texts)  # the KPI cards
    assert f"{now['repeat'] / now['buyers'] * 100:.1f}%" in cards  # the repeat purchase rate's value


def test_order_value_bands_keep_their_order(slides, orders) -> None:
    # The automatic title: the fastest-growing band with at least 10 % of orders, against the largest band.
    edges = [(0, 25, "Under $25"), (25, 50, "$25–49"), (50, 100, "$50–99"), (100, 200, "$100–199"),
             (200, float("inf"), "$200 and over")]
    now = {name: year(orders, 2025)["amount"].between(low, high, inclusive="left").sum() for low, high, name in edges}
    before = {name: year(orders, 2024)["amount"].between(low, high, inclusive="left").sum() for low, high, name in edges}
    total = sum(now.values())
    growth = {name: now[name] / before[name] - 1 for name in now if now[name] / total >= 0.1}
    largest, fastest = max(now, key=now.get), max(growth, key=growth.get)
    gap = (growth[fastest] - growth[largest]) * 100
    title = f"{fastest} orders {growth[fastest] * 100:+.1f}% YoY, {gap:.1f} pp faster than {largest}"
    assert title in [text.replace("\n", " ") for texts in slides for text in texts]
    from deckgen.pipeline import lay_out

    charts = [shape.chart for slide in lay_out(SAMPLE / "outline.yaml").placed.slides for shape in slide.shapes
              if getattr(shape, "chart", None) is not None]
    bands = next(chart for chart in charts if "Under $25" in chart.categories)
    assert bands.categories == ("Under $25", "$25–49", "$50–99", "$100–199", "$200 and over")
    in_band = year(orders, 2025)["amount"].between(50, 100, inclusive="left").sum()
    assert bands.series[0].values[2] == in_band
