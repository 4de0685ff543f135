"""The orders-review sample: buyers, new and returning buyers, repeat buyers, purchase frequency and order-value
bands from order history. The sample is built once; its numbers are compared with a pandas computation on the
sample's order file, written here without deckgen's number code."""

from __future__ import annotations

import re
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


def test_kpi_title_counts_buyers_orders_and_order_value(slides, orders) -> None:
    """The executive summary states GMV and its growth; the KPI slide says what it is made of."""
    now, before = counts(year(orders, 2025)), counts(year(orders, 2024))
    aov, aov_before = now["gmv"] / now["orders"], before["gmv"] / before["orders"]
    title = (f"{now['buyers']:,} buyers ({percent(now['buyers'] / before['buyers'] - 1)}) placed {now['orders']:,} "
             f"orders ({percent(now['orders'] / before['orders'] - 1)}) of ${aov:.1f} on average "
             f"({percent(aov / aov_before - 1)})")
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
    before = counts(year(orders, 2024))
    assert (f"{now['repeat']:,} buyers ordered twice or more ({percent(now['repeat'] / before['repeat'] - 1)}), "
            f"{now['repeat'] / now['buyers'] * 100:.1f}% of all buyers") in " ".join(table)
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


def test_executive_summary_has_three_findings_each_on_its_evidence_slide(slides, orders) -> None:
    """Buyers and order value from the GMV bridge, and the repeat rate's mix from the new/returning table: each
    "slide N" is a slide that shows what the finding cites."""
    summary = " ".join(slides[1]).replace("\u2060", "")
    pages = [int(n) for n in re.findall(r"\(slide\xa0(\d+)\)", summary)]
    assert len(pages) == 3
    now, before = counts(year(orders, 2025)), counts(year(orders, 2024))
    assert f"Buyers rose from {before['buyers']:,} to {now['buyers']:,}" in summary
    bridge, split = slides[pages[0] - 1], slides[pages[2] - 1]
    assert any(text.startswith("Buyers: ") for text in bridge)  # the GMV bridge's driver list
    assert "from buyers shifting to Returning" in summary and "within New, Returning" not in summary
    assert "New" in split and "Returning" in split and any("Repeat rate" in text for text in split)
