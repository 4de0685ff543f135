"""The English annual-review sample, end to end: its structure, and every number in every sentence it
writes (titles, commentary, takeaways, cards, highlights and shortfalls, the closing line) checked
against a computation made here directly from the sample's data files with pandas."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from sample_decks import shown

from deckgen.pipeline import build

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "annual-review-en"
DATA = SAMPLE / "data"
REVIEW = ["Annual overview", "Platforms and devices", "Traffic and conversion", "Products", "Advertising",
          "Campaigns", "Customers and service", "Input and output"]
PLAN = ["2026 targets", "Key actions"]


@pytest.fixture(scope="module")
def deck_path(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("annual-en") / "annual.pptx"
    result = build(SAMPLE / "outline.yaml", out)
    assert result.warnings == []
    return out


@pytest.fixture(scope="module")
def deck(deck_path):
    return Presentation(str(deck_path))


def texts(slide, name: str) -> list[str]:
    return [shown(s.text_frame.text) for s in slide.shapes if s.name == name and s.has_text_frame]


def lines(slide, name: str) -> list[str]:
    """The paragraphs of the named shape (one bullet per line)."""
    found = texts(slide, name)
    return found[0].split("\n") if found else []


def slide_titled(deck, title: str):
    matches = [slide for slide in deck.slides if texts(slide, "Title") == [title]]
    assert len(matches) == 1, f"no single slide titled {title!r}; titles: {titles(deck)}"
    return matches[0]


def titles(deck) -> list[str]:
    return [texts(slide, "Title")[0] for slide in deck.slides if texts(slide, "Title")]


def conclusions(deck) -> dict[str, str]:
    """Section name (from the breadcrumb) -> its highlighted takeaway."""
    found = {}
    for slide in deck.slides:
        for text in texts(slide, "Conclusion"):
            found[(texts(slide, "Section") or texts(slide, "Title"))[0]] = text.removeprefix("Takeaway").strip()
    return found


def table_cells(slide) -> list[list[str]]:
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    return [[cell.text for cell in row.cells] for row in table.rows]


# ------------------------------------------------------------------ English number formats (en-US)


def money(value: float) -> str:
    """¥56.41M, ¥945,411, ¥193.9."""
    if abs(value) >= 1e9:
        return f"¥{value / 1e9:.2f}".removesuffix(".00") + "B"
    if abs(value) >= 1e6:
        return f"¥{value / 1e6:.2f}".removesuffix(".00") + "M"
    return f"¥{value:,.0f}" if abs(value) >= 1000 else f"¥{value:.1f}"


def count(value: float) -> str:
    """12.91M, 304,605."""
    return f"{value / 1e6:.2f}M" if abs(value) >= 1e6 else f"{value:,.0f}"


def pct(ratio: float, places: int = 1) -> str:
    return f"{ratio * 100:.{places}f}%"


def change(ratio: float) -> str:
    """A relative change: +18.6%."""
    return f"{ratio * 100:+.1f}%"


def pp(difference: float, places: int = 1) -> str:
    """A change of a rate in percentage points: -0.14 pp."""
    return f"{difference * 100:+.{places}f} pp"


def phrase(ratio: float) -> str:
    """{{ x.yoy.phrase }}: up 18.6% YoY."""
    return f"{'up' if ratio > 0 else 'down'} {abs(ratio) * 100:.1f}% YoY"


def dec(value: float) -> str:
    return f"{value:.2f}"


def test_formats_match_the_documented_examples():
    """docs/outline.md's en-US column, so the helpers above are the locale's rules and not guesses."""
    assert money(58_263_000) == "¥58.26M" and money(127_000_000) == "¥127M" and money(2_350_000_000) == "¥2.35B"
    assert money(8_650) == "¥8,650" and money(236.5) == "¥236.5"
    assert count(12_906_000) == "12.91M" and count(9_876) == "9,876"
    assert pct(0.234) == "23.4%" and pct(0.0225, 2) == "2.25%" and change(0.234) == "+23.4%"
    assert pp(0.004) == "+0.4 pp" and pp(-0.0014, 2) == "-0.14 pp" and phrase(0.186) == "up 18.6% YoY"


# ------------------------------------------------------------------ facts, computed independently


@pytest.fixture(scope="module")
def facts() -> dict[str, float]:
    daily = pd.read_csv(DATA / "shop_daily.csv", parse_dates=["date"])
    this, last = daily[daily.date.dt.year == 2025], daily[daily.date.dt.year == 2024]
    sources = pd.read_csv(DATA / "traffic_sources.csv", parse_dates=["date"])
    src_this, src_last = sources[sources.date.dt.year == 2025], sources[sources.date.dt.year == 2024]
    db = sqlite3.connect(DATA / "shop.db")
    targets = pd.read_sql("select * from targets where scope = 'shop'", db)
    campaigns = pd.read_sql("select * from campaigns", db)
    ads = pd.read_excel(DATA / "ads.xlsx", sheet_name="Channels", parse_dates=["date"])
    ads_this, ads_last = ads[ads.date.dt.year == 2025], ads[ads.date.dt.year == 2024]
    costs = pd.read_csv(DATA / "costs_monthly.csv", encoding="utf-8-sig", parse_dates=["date"])
    products = pd.read_parquet(DATA / "products.parquet")
    p25 = products[pd.to_datetime(products.date).dt.year == 2025]
    customers = pd.read_csv(DATA / "customers_monthly.csv", parse_dates=["date"])
    cust, cust_ly = customers[customers.date.dt.year == 2025], customers[customers.date.dt.year == 2024]

    def target(metric: str, period: str) -> float:
        return float(targets[(targets.metric == metric) & (targets.period == period)].target_value.sum())

    def roi(frame: pd.DataFrame, channel: str | None = None) -> float:
        part = frame if channel is None else frame[frame.channel == channel]
        return part.guided_gmv.sum() / part.spend.sum()

    def campaign_target(name: str) -> float:
        rows = campaigns[(campaigns.campaign == name) & campaigns.main_start.str.startswith("2025")]
        return float(rows.target_gmv.sum())

    def gmv(frame: pd.DataFrame, **where: str) -> float:
        for column, value in where.items():
            frame = frame[frame[column] == value]
        return frame.gmv.sum()

    def paid_share(frame: pd.DataFrame) -> float:
        return frame[frame.source_group == "Paid"].gmv.sum() / frame.gmv.sum()

    f = {"gmv": gmv(this), "gmv_ly": gmv(last), "uv": this.uv.sum(), "uv_ly": last.uv.sum(),
         "buyers": this.buyers.sum(), "buyers_ly": last.buyers.sum(), "orders": this.orders.sum()}
    f |= {"gmv_yoy": f["gmv"] / f["gmv_ly"] - 1, "uv_yoy": f["uv"] / f["uv_ly"] - 1,
          "cvr": f["buyers"] / f["uv"], "cvr_ly": f["buyers_ly"] / f["uv_ly"],
          "aov": f["gmv"] / f["buyers"], "aov_ly": f["gmv_ly"] / f["buyers_ly"]}
    f["aov_yoy"] = f["aov"] / f["aov_ly"] - 1
    f |= {"target": target("gmv", "2025"), "uv_target": target("uv", "2025"), "orders_target": target("orders", "2025"),
          "cvr_target": target("cvr", "2025"), "aov_target": target("aov", "2025"),
          "target_2026": target("gmv", "2026"), "uv_2026": target("uv", "2026"), "cvr_2026": target("cvr", "2026"),
          "aov_2026": target("aov", "2026")}
    f["attainment"] = f["gmv"] / f["target"]
    f |= {"tmall": gmv(this, platform="Tmall"), "tmall_yoy": gmv(this, platform="Tmall") / gmv(last, platform="Tmall") - 1,
          "jd": gmv(this, platform="JD"), "jd_yoy": gmv(this, platform="JD") / gmv(last, platform="JD") - 1,
          "jd_share_ly": gmv(last, platform="JD") / f["gmv_ly"],
          "mobile_share": gmv(this, device="Mobile") / f["gmv"],
          "inquiry_cvr": this.inquiry_buyers.sum() / this.inquiry_users.sum(),
          "paid_share": paid_share(src_this), "paid_share_ly": paid_share(src_last)}
    f |= {"campaign": this[this.campaign.notna()].gmv.sum(),
          "campaign_yoy": this[this.campaign.notna()].gmv.sum() / last[last.campaign.notna()].gmv.sum() - 1,
          "d11": gmv(this, campaign="Double 11"), "d11_yoy": gmv(this, campaign="Double 11") / gmv(last, campaign="Double 11") - 1,
          "d11_attainment": gmv(this, campaign="Double 11") / campaign_target("Double 11"),
          "g618": gmv(this, campaign="618"), "att_618": gmv(this, campaign="618") / campaign_target("618"),
          "g618_yoy": gmv(this, campaign="618") / gmv(last, campaign="618") - 1}
    f |= {"spend": ads_this.spend.sum(), "spend_yoy": ads_this.spend.sum() / ads_last.spend.sum() - 1,
          "cost_ratio": ads_this.spend.sum() / f["gmv"], "cost_ratio_ly": ads_last.spend.sum() / f["gmv_ly"],
          "roi": roi(ads_this), "roi_ly": roi(ads_last), "ztc_roi": roi(ads_this, "Search ads"),
          "ztc_roi_ly": roi(ads_last, "Search ads"), "feed_roi": roi(ads_this, "Feed ads"),
          "feed_roi_ly": roi(ads_last, "Feed ads")}
    by_product = p25.groupby("product_name").gmv.sum().sort_values(ascending=False)
    top = round(len(by_product) * 0.2)
    f |= {"new_products": p25[p25.is_new].gmv.sum(), "new_share": p25[p25.is_new].gmv.sum() / p25.gmv.sum(),
          "products": len(by_product), "top_products": top, "top_share": by_product.iloc[:top].sum() / by_product.sum(),
          "categories": p25.groupby("category").gmv.sum().sort_values(ascending=False).index.tolist()}
    f["costs"] = costs[costs.date.dt.year == 2025].amount.sum()
    costs_ly = costs[costs.date.dt.year == 2024].amount.sum()
    f |= {"profit": f["gmv"] - f["costs"], "profit_yoy": (f["gmv"] - f["costs"]) / (f["gmv_ly"] - costs_ly) - 1,
          "margin": (f["gmv"] - f["costs"]) / f["gmv"], "margin_ly": (f["gmv_ly"] - costs_ly) / f["gmv_ly"],
          "io": f["gmv"] / f["costs"], "costs_yoy": f["costs"] / costs_ly - 1}
    f |= {"returning_share": cust.returning_gmv.sum() / f["gmv"],
          "returning_share_ly": cust_ly.returning_gmv.sum() / f["gmv_ly"],
          "dsr": cust.dsr_desc.mean(), "industry_dsr": cust.industry_dsr_desc.mean(),
          "complaint_rate": cust.complaints.sum() / f["orders"]}
    monthly = daily.groupby([daily.date.dt.year, daily.date.dt.month]).gmv.sum()
    f["monthly_yoy"] = (monthly.loc[2025] / monthly.loc[2024] - 1).to_dict()
    f["peak_month"] = int(monthly.loc[2025].idxmax())
    this_year = daily[daily.date.dt.year == 2025]
    by_month = this_year.groupby(this_year.date.dt.month)[["buyers", "uv"]].sum()
    f["monthly_cvr"] = (by_month.buyers / by_month.uv).to_dict()
    return f


# ------------------------------------------------------------------ structure


def test_deck_has_the_annual_structure(deck):
    assert len(deck.slides) >= 25
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) >= 8
    dividers = [texts(slide, "Title")[0] for slide in deck.slides if texts(slide, "Section number")]
    assert dividers == ["Plan", "Summary"]  # one per part (deck.dividers: auto) but the first: the agenda opens it
    agenda = [t for i in range(1, 12) for t in texts(deck.slides[2], f"Agenda item {i}")]
    assert agenda == ["Review", *dividers]  # the agenda lists what the dividers announce, in the same words
    assert texts(deck.slides[1], "Summary 1")  # the executive summary right after the cover
    assert texts(deck.slides[2], "Title") == ["Agenda"]
    assert {"Highlights and shortfalls", "Problems and fixes"} <= set(titles(deck))
    assert "Key takeaways" not in titles(deck)  # the takeaways are not read out again at the end
    assert texts(deck.slides[-1], "Title") == ["Thank you"]


def test_every_section_has_a_takeaway(deck):
    assert set(REVIEW + PLAN) <= set(conclusions(deck))


def test_every_run_is_tagged_english_with_latin_and_east_asian_fonts(deck):
    count_runs = 0
    for slide in deck.slides:
        for run in slide.shapes._spTree.iter(qn("a:r")):
            props = run.find(qn("a:rPr"))
            assert props is not None and props.get("lang") == "en-US"
            assert props.find(qn("a:latin")).get("typeface")
            assert props.find(qn("a:ea")).get("typeface")
            count_runs += 1
    assert count_runs > 300


def test_no_sentence_has_a_missing_value_or_a_raw_placeholder(deck):
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            text = shown(shape.text_frame.text) if shape.has_text_frame else ""
            if shape.has_table:
                text = " ".join(cell.text for row in shape.table.rows for cell in row.cells)
            assert "{{" not in text and "}}" not in text, (number, shape.name, text)
            assert not re.search(r"\b(nan|NaN|None|inf)\b", text), (number, shape.name, text)
            if shape.name in ("Title", "Commentary", "Conclusion", "Highlights items", "Shortfalls items"):
                assert "—" not in text, (number, shape.name, text)


def test_every_shape_is_inside_the_slide(deck):
    width, height = deck.slide_width, deck.slide_height
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= width + 1 and shape.top + shape.height <= height + 1, (number, shape.name)


def test_same_inputs_give_the_same_bytes(deck_path, tmp_path):
    again = tmp_path / "again.pptx"
    build(SAMPLE / "outline.yaml", again)
    assert again.read_bytes() == deck_path.read_bytes()


@pytest.mark.render
def test_every_slide_renders_in_libreoffice(deck_path, deck, tmp_path):
    from deckgen.preview import convert_to_pdf, pdf_page_count

    pdf = convert_to_pdf(deck_path, tmp_path)
    assert pdf_page_count(pdf) == len(deck.slides)


# ------------------------------------------------------------------ titles


def lmdi(before: float, after: float, total_before: float, total_after: float) -> float:
    """A factor's LMDI-I effect on a total, from its definition."""
    import math

    return (total_after - total_before) / (math.log(total_after) - math.log(total_before)) * math.log(after / before)


def auto_titles(f: dict) -> dict[str, str]:
    """The automatic titles, each computed here from the data."""
    visitors = lmdi(f["uv_ly"], f["uv"], f["gmv_ly"], f["gmv"])
    conversion = lmdi(f["cvr_ly"], f["cvr"], f["gmv_ly"], f["gmv"])
    slump = " / ".join(change(f["monthly_yoy"][m]) for m in (7, 8, 9))
    return {
        # slide 2 answers GMV: the cards' title says what moved behind it, for better and for worse
        "kpis": f"Operating profit {change(f['profit_yoy'])} YoY, conversion rate {pp(f['cvr'] - f['cvr_ly'], 2)}",
        "targets": f"2 of 5 targets met: visitors at {pct(f['uv'] / f['uv_target'])}, "
                   f"conversion rate at {pct(f['cvr'] / f['cvr_target'])}",
        "trend": f"GMV {change(f['gmv_yoy'])} YoY, but only {slump} in Jul–Sep",
        "platforms": f"Tmall has {pct(1 - f['jd'] / f['gmv'])} of GMV, JD {pct(f['jd'] / f['gmv'])}",  # a donut: shares
        "drivers": f"GMV {change(f['gmv_yoy'])} YoY: visitors +{money(visitors)}, conversion rate -{money(-conversion)}",
        "traffic": f"Visitors {change(f['uv_yoy'])} YoY, conversion rate {pp(f['cvr'] - f['cvr_ly'], 2)}",
        "pareto": f"The top 20% of products ({f['top_products']}) make {pct(f['top_share'])} of GMV",
        "input_output": f"Input {money(f['costs'])} produced {money(f['gmv'])}: an input-output ratio of 1:{dec(f['io'])}",
        "profit": f"Operating profit {money(f['profit'])}, {pct(f['margin'])} of GMV",
        "plan": f"2026 target: GMV {money(f['target_2026'])}",
    }


def test_titles_with_numbers(deck, facts):
    expected = set(auto_titles(facts).values())
    assert expected <= set(titles(deck)), expected - set(titles(deck))


def test_executive_summary_answers_first(deck, facts):
    f = facts
    slide = deck.slides[1]
    assert texts(slide, "Title") == [
        (f"GMV {money(f['gmv'])}, {change(f['gmv_yoy'])} YoY, {pct(f['attainment'])} of target "
        f"({money(f['target'] - f['gmv'])} short)")]
    cost = -lmdi(f["cvr_ly"], f["cvr"], f["gmv_ly"], f["gmv"])
    drivers = titles(deck).index(auto_titles(f)["drivers"]) + 1
    assert texts(slide, "Summary 2") == [
        (f"Conversion rate fell from {pct(f['cvr_ly'], 2)} (last year) to {pct(f['cvr'], 2)}, costing {money(cost)}: "
        f"had it held, GMV would have beaten the target by {money(cost - (f['target'] - f['gmv']))} (slide\u00a0{drivers})")]
    assert texts(slide, "Summary 1")[0].endswith(f"(slide\u00a0{drivers})")


def test_what_the_titles_claim_is_true(facts):
    f = facts
    low = [m for m, growth in f["monthly_yoy"].items() if growth - f["gmv_yoy"] <= -0.10]
    assert low == [7, 8, 9]  # the run of months 10 points or more below the year's growth
    assert f["jd_yoy"] > f["tmall_yoy"] and f["jd"] / f["gmv"] > f["jd_share_ly"]  # JD grows faster, gains share
    assert f["peak_month"] == 11  # November is the peak month
    assert [month for month, growth in f["monthly_yoy"].items() if growth < 0] == [8]  # only August is down
    assert f["categories"][:2] == ["Bedding", "Towels"]
    assert f["ztc_roi"] > f["ztc_roi_ly"] and f["feed_roi"] < f["feed_roi_ly"]
    assert f["att_618"] < 1 < f["d11_attainment"] and f["dsr"] > f["industry_dsr"]


# ------------------------------------------------------------------ commentary


def test_commentary(deck, facts):
    f = facts
    expected = {
        "Monthly GMV and YoY growth": [
            (f"June GMV {change(f['monthly_yoy'][6])} YoY, below May's {change(f['monthly_yoy'][5])}; "
             "618 did not lift the month"),
            f"Campaign GMV {money(f['campaign'])}, {pct(f['campaign'] / f['gmv'])} of the year",
        ],
        "JD grows faster than Tmall, gains share": [
            f"Tmall GMV {money(f['tmall'])}, {phrase(f['tmall_yoy'])}",
            f"JD GMV {money(f['jd'])}, {phrase(f['jd_yoy'])}",
        ],
        "Monthly visitors and conversion rate": [
            (f"Conversion fell to {pct(f['monthly_cvr'][7], 2)} in July and {pct(f['monthly_cvr'][8], 2)} in August "
             f"(June {pct(f['monthly_cvr'][6], 2)}), the months GMV growth slumped"),
        ],
        "Traffic sources by quarter (share of GMV)": [
            f"Paid traffic brings {pct(f['paid_share'])} of GMV ({pp(f['paid_share'] - f['paid_share_ly'])} YoY)",
        ],
        "Spend and ROI by channel": [
            f"Ad spend {money(f['spend'])}, {phrase(f['spend_yoy'])}",
            f"Overall ROI {dec(f['roi'])} (last year {dec(f['roi_ly'])})",
            f"Search-ads ROI rose from {dec(f['ztc_roi_ly'])} to {dec(f['ztc_roi'])}",
        ],
        "Campaign GMV vs last year": [
            f"Campaign GMV {money(f['campaign'])}, {pct(f['campaign'] / f['gmv'])} of the year",
            f"Double 11 GMV {money(f['d11'])}, {phrase(f['d11_yoy'])}",
        ],
        "From GMV to operating profit": [f"Total cost {phrase(f['costs_yoy'])}, slower than GMV ({change(f['gmv_yoy'])})"],
    }
    shown = [lines(slide, "Commentary") for slide in deck.slides]
    for topic, bullets in expected.items():
        assert bullets in shown, topic


def test_sentences_deckgen_writes_itself(deck, facts):
    """Target bars, the growth bridge, the 80/20 and the input-output sentences."""
    f = facts
    targets = slide_titled(deck, auto_titles(f)["targets"])
    assert lines(targets, "Commentary") == [
        f"GMV: Actual {money(f['gmv'])} / Target {money(f['target'])}",
        f"Orders: Actual {count(f['orders'])} / Target {count(f['orders_target'])}",
        f"Visitors: Actual {count(f['uv'])} / Target {count(f['uv_target'])}",
        f"Conversion rate: Actual {pct(f['cvr'], 2)} / Target {pct(f['cvr_target'], 2)}",
        f"AOV: Actual {money(f['aov'])} / Target {money(f['aov_target'])}",
    ]
    bridge = lines(slide_titled(deck, auto_titles(f)["drivers"]), "Commentary")
    assert bridge == [  # the automatic title states the change and its drivers: beside the chart, the factors
        f"Visitors: {count(f['uv_ly'])} → {count(f['uv'])} ({change(f['uv_yoy'])})",
        f"Conversion rate: {pct(f['cvr_ly'], 2)} → {pct(f['cvr'], 2)} ({pp(f['cvr'] - f['cvr_ly'], 2)})",
        f"AOV: {money(f['aov_ly'])} → {money(f['aov'])} ({change(f['aov_yoy'])})",
    ]
    # the 80/20 and input-output sentences are now the titles, and not repeated beside the chart
    assert lines(slide_titled(deck, auto_titles(f)["pareto"]), "Commentary") == []
    assert lines(slide_titled(deck, auto_titles(f)["input_output"]), "Commentary") == []


def test_kpi_cards(deck, facts):
    f = facts
    slide = slide_titled(deck, auto_titles(f)["kpis"])
    values = {texts(slide, f"KPI {i} label")[0]: texts(slide, f"KPI {i} value")[0] for i in range(1, 9)}
    # counts on one slide share the visitors' scale (one unit scale per card group)
    in_millions = {name: f"{f[key] / 1e6:.2f}M" for name, key in (("Orders", "orders"), ("Buyers", "buyers"))}
    assert values == {"GMV": money(f["gmv"]), "Orders": in_millions["Orders"], "Buyers": in_millions["Buyers"],
                      "AOV": money(f["aov"]), "Visitors": count(f["uv"]), "Conversion rate": pct(f["cvr"], 2),
                      "Refund rate": values["Refund rate"], "Operating profit": money(f["profit"])}
    assert texts(slide, "KPI 1 deltas")[0].split("\n") == [f"YoY  {change(f['gmv_yoy'])}",
                                                         f"Target attainment  {pct(f['attainment'])}"]


def test_plan_cards(deck, facts):
    f = facts
    slide = slide_titled(deck, f"2026 target: GMV {money(f['target_2026'])}")
    assert [texts(slide, f"Card {i} figure")[0] for i in range(1, 5)] == [
        money(f["target_2026"]), count(f["uv_2026"]), pct(f["cvr_2026"], 2), money(f["aov_2026"])]
    assert lines(slide, "Card 1 text") == [f"2025 actual {money(f['gmv'])}",
                                           f"{pct(f['target_2026'] / f['gmv'])} of 2025 actual",
                                           "Focus: conversion and repeat purchase"]
    assert lines(slide, "Card 2 text")[:2] == [f"2025 actual {count(f['uv'])}", f"{pct(f['uv_2026'] / f['uv'])} of 2025 actual"]
    assert lines(slide, "Card 3 text")[0] == f"2025 actual {pct(f['cvr'], 2)}"
    assert lines(slide, "Card 4 text")[:2] == [f"2025 actual {money(f['aov'])}", f"{pct(f['aov_2026'] / f['aov'])} of 2025 actual"]


def test_problems_table_matches_the_data(deck, facts):
    rows = table_cells(slide_titled(deck, "Problems and fixes"))
    assert rows[0] == ["Problem", "Cause", "Action", "Owner"]
    assert rows[1][0] == f"Conversion down {abs(facts['cvr'] - facts['cvr_ly']) * 100:.2f} pp YoY"


# ------------------------------------------------------------------ takeaways


def test_section_takeaways(deck, facts):
    f = facts
    expected = {
        "Annual overview":  # not the answer a third time: where the gap lies
            f"GMV fell {money(f['target'] - f['gmv'])} short of target, and conversion is where the gap lies at "
            f"{pct(f['cvr'], 2)} against a {pct(f['cvr_target'], 2)} target; visitors and AOV both beat theirs.",
        "Platforms and devices":
            f"JD GMV {money(f['jd'])}, {change(f['jd_yoy'])} YoY, growing faster than Tmall ({change(f['tmall_yoy'])}); "
            f"mobile delivers {pct(f['mobile_share'])} of GMV.",
        "Traffic and conversion":
            f"Visitors {phrase(f['uv_yoy'])} while conversion was {pct(f['cvr'], 2)} ({pp(f['cvr'] - f['cvr_ly'], 2)} YoY); "
            "growth came from traffic, so conversion is the priority for next year.",
        "Products":
            f"New products brought {money(f['new_products'])}, {pct(f['new_share'])} of GMV; "
            "sales are concentrated in bedding and towels.",
        "Advertising":
            f"Ad spend {money(f['spend'])} ({change(f['spend_yoy'])} YoY) grew more slowly than GMV "
            f"({change(f['gmv_yoy'])}), so the cost ratio fell to {pct(f['cost_ratio'])} "
            f"({pp(f['cost_ratio'] - f['cost_ratio_ly'])} YoY).",
        "Campaigns":
            f"Campaign GMV {money(f['campaign'])}, {change(f['campaign_yoy'])} YoY, faster than GMV as a whole "
            f"({change(f['gmv_yoy'])}); Double 11 GMV {money(f['d11'])}, {pct(f['d11_attainment'])} of target.",
        "Customers and service":
            f"Returning customers bring {pct(f['returning_share'])} of GMV "
            f"({pp(f['returning_share'] - f['returning_share_ly'])} YoY); DSR (as described) {dec(f['dsr'])}, "
            f"above the industry's {dec(f['industry_dsr'])}; complaint rate {pct(f['complaint_rate'], 2)}.",
        "Input and output":
            f"Margin {pct(f['margin'])} ({pp(f['margin'] - f['margin_ly'])} YoY) as costs grew more slowly than GMV, "
            "so the extra revenue stayed in profit.",
        "2026 targets":
            f"The 2026 GMV target of {money(f['target_2026'])} is {pct(f['target_2026'] / f['gmv'])} of 2025 actual; "
            f"it needs {count(f['uv_2026'])} visitors, a {pct(f['cvr_2026'], 2)} conversion rate and an AOV of "
            f"{money(f['aov_2026'])}.",
        "Key actions":
            "Five key actions cover traffic, conversion, repeat purchase and campaigns, each with an owner, "
            "a target and a budget.",
    }
    found = conclusions(deck)
    for section, sentence in expected.items():
        assert found[section] == sentence, section


def test_highlights_shortfalls_and_closing(deck, facts):
    f = facts
    slide = slide_titled(deck, "Highlights and shortfalls")
    assert lines(slide, "Highlights items") == [
        f"Operating profit {money(f['profit'])}, {phrase(f['profit_yoy'])}, faster than GMV ({change(f['gmv_yoy'])})",
        (f"JD GMV {phrase(f['jd_yoy'])}, faster than Tmall ({change(f['tmall_yoy'])}); its share rose to "
         f"{pct(f['jd'] / f['gmv'])}"),
        f"Search-ads ROI up from {dec(f['ztc_roi_ly'])} to {dec(f['ztc_roi'])}; the shop's ad cost ratio down to {pct(f['cost_ratio'])}",
        f"Double 11 GMV {money(f['d11'])}, {pct(f['d11_attainment'])} of target",
    ]
    assert lines(slide, "Shortfalls items") == [
        f"Annual GMV at {pct(f['attainment'])} of target, {money(f['target'] - f['gmv'])} short",
        f"Conversion {pct(f['cvr'], 2)}, {pp(f['cvr'] - f['cvr_ly'], 2)} YoY; traffic growth did not fully convert",
        f"618 at {pct(f['att_618'])} of target, below Double 11's {pct(f['d11_attainment'])}",
        f"Feed-ads ROI fell from {dec(f['feed_roi_ly'])} to {dec(f['feed_roi'])}",
    ]
    closing = [text for slide in deck.slides for text in texts(slide, "Callout text")]
    assert closing == [
        f"2025 GMV {money(f['gmv'])}, {change(f['gmv_yoy'])} YoY; the 2026 target is {money(f['target_2026'])}, "
        + "to be reached mainly through better conversion and more repeat purchases."]
