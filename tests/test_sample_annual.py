"""The annual-review sample, end to end: structure, fonts, determinism, rendering, and every number
in its conclusions checked against a computation made here directly from the sample's data files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from sample_decks import shown

from deckgen.pipeline import build

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "annual-review"
DATA = SAMPLE / "data"


@pytest.fixture(scope="module")
def deck_path(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("annual") / "annual.pptx"
    result = build(SAMPLE / "outline.yaml", out)
    assert result.warnings == []
    return out


@pytest.fixture(scope="module")
def deck(deck_path):
    return Presentation(str(deck_path))


def shape_texts(slide, name: str) -> list[str]:
    return [shown(s.text_frame.text) for s in slide.shapes if s.name == name and s.has_text_frame]


def conclusions(deck) -> dict[str, str]:
    """Section name (from the breadcrumb) -> its highlighted conclusion."""
    found = {}
    for slide in deck.slides:
        for text in shape_texts(slide, "Conclusion"):
            section = shape_texts(slide, "Section")
            title = shape_texts(slide, "Title")
            found[(section or title)[0]] = text.removeprefix("小结").strip()
    return found


# ------------------------------------------------------------------ structure


def test_deck_has_the_annual_structure(deck):
    assert len(deck.slides) >= 25
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) >= 8
    dividers = [shape_texts(slide, "Title")[0] for slide in deck.slides if shape_texts(slide, "Section number")]
    assert dividers == ["计划", "总结"]  # one per part (deck.dividers: auto) but the first: the agenda opens it
    assert len(dividers) / len(deck.slides) <= 0.15
    agenda = [t for i in range(1, 12) for t in shape_texts(deck.slides[2], f"Agenda item {i}")]
    assert agenda == ["回顾", *dividers]  # the agenda lists what the dividers announce, in the same words
    titles = [shape_texts(slide, "Title")[0] for slide in deck.slides if shape_texts(slide, "Title")]
    assert titles[-2].startswith("A1 ") and "附录" not in titles  # one appendix slide needs no opening list
    assert conclusions(deck)["推广投放"].endswith("。详见附录 A1")
    assert "亮点与不足" in titles and "核心结论" not in titles  # the answer comes first, not at the end
    assert shape_texts(deck.slides[1], "Summary 1")  # the executive summary right after the cover


def test_every_section_has_a_highlighted_conclusion(deck):
    found = conclusions(deck)
    expected = {"年度经营总览", "平台与终端结构", "流量与转化", "商品分析", "推广投放", "大促活动复盘", "用户与服务",
                "投入产出", "2026 目标", "重点行动计划"}
    assert expected <= set(found)


def test_every_run_has_latin_east_asian_font_and_lang(deck):
    count = 0
    for slide in deck.slides:
        for run in slide.shapes._spTree.iter(qn("a:r")):
            props = run.find(qn("a:rPr"))
            assert props is not None and props.get("lang") == "zh-CN"
            assert props.find(qn("a:latin")).get("typeface")
            assert props.find(qn("a:ea")).get("typeface") == "Microsoft YaHei"
            count += 1
    assert count > 300


def test_every_shape_is_inside_the_slide(deck):
    width, height = deck.slide_width, deck.slide_height
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= width + 1 and shape.top + shape.height <= height + 1, (number, shape.name)


def test_speaker_notes_say_where_numbers_come_from(deck):
    kpi_slide = deck.slides[4]  # cover, executive summary, agenda, divider, KPIs
    notes = kpi_slide.notes_slide.notes_text_frame.text
    assert "sum(gmv) of daily [data/shop_daily.csv (UTF-8)]" in notes
    assert "buyers / uv (ratio of period totals)" in notes


def test_same_inputs_give_the_same_bytes(deck_path, tmp_path):
    again = tmp_path / "again.pptx"
    build(SAMPLE / "outline.yaml", again)
    assert again.read_bytes() == deck_path.read_bytes()


@pytest.mark.render
def test_every_slide_renders_in_libreoffice(deck_path, deck, tmp_path):
    from deckgen.preview import convert_to_pdf, pdf_page_count

    pdf = convert_to_pdf(deck_path, tmp_path)
    assert pdf_page_count(pdf) == len(deck.slides)


# ------------------------------------------------------------------ numbers, computed independently


def wan(value: float) -> str:
    text = f"{value / 1e4:,.1f}"
    return f"{text.removesuffix('.0')}万元"  # no trailing ".0" on a figure of its own


def pct(ratio: float, places: int = 1) -> str:
    return f"{ratio * 100:.{places}f}%"


def growth(ratio: float) -> str:
    return ("同比增长" if ratio > 0 else "同比下降") + pct(abs(ratio))


def points(difference: float, places: int = 1) -> str:
    return f"{difference * 100:+.{places}f}个百分点"


@pytest.fixture(scope="module")
def facts() -> dict[str, float]:
    daily = pd.read_csv(DATA / "shop_daily.csv", parse_dates=["date"])
    this, last = daily[daily.date.dt.year == 2025], daily[daily.date.dt.year == 2024]
    db = sqlite3.connect(DATA / "shop.db")
    targets = pd.read_sql("select * from targets", db)
    campaigns = pd.read_sql("select * from campaigns", db)
    ads = pd.read_excel(DATA / "ads.xlsx", sheet_name="渠道", parse_dates=["date"])
    ads_this, ads_last = ads[ads.date.dt.year == 2025], ads[ads.date.dt.year == 2024]
    costs = pd.read_csv(DATA / "costs_monthly.csv", encoding="utf-8-sig", parse_dates=["date"])
    products = pd.read_parquet(DATA / "products.parquet")
    customers = pd.read_csv(DATA / "customers_monthly.csv", parse_dates=["date"])
    cust = customers[customers.date.dt.year == 2025]

    def target(metric: str, period: str) -> float:
        row = targets[(targets.metric == metric) & (targets.period == period) & (targets.scope == "shop")]
        return float(row.target_value.sum())

    def roi(frame: pd.DataFrame, channel: str | None = None) -> float:
        part = frame if channel is None else frame[frame.channel == channel]
        return part.guided_gmv.sum() / part.spend.sum()

    def campaign_target(name: str, year: int) -> float:
        rows = campaigns[(campaigns.campaign == name) & campaigns.main_start.str.startswith(str(year))]
        return float(rows.target_gmv.sum())

    gmv, gmv_ly = this.gmv.sum(), last.gmv.sum()
    costs_total = costs[costs.date.dt.year == 2025].amount.sum()
    costs_ly = costs[costs.date.dt.year == 2024].amount.sum()
    products["year"] = pd.to_datetime(products.date).dt.year
    p25 = products[products.year == 2025]
    return {
        "gmv": gmv, "gmv_yoy": gmv / gmv_ly - 1, "attainment": gmv / target("gmv", "2025"),
        "cvr": this.buyers.sum() / this.uv.sum(), "cvr_ly": last.buyers.sum() / last.uv.sum(),
        "aov_yoy": (gmv / this.buyers.sum()) / (gmv_ly / last.buyers.sum()) - 1,
        "uv_yoy": this.uv.sum() / last.uv.sum() - 1, "cvr_target": target("cvr", "2025"),
        "jd": this[this.platform == "京东"].gmv.sum(),
        "jd_yoy": this[this.platform == "京东"].gmv.sum() / last[last.platform == "京东"].gmv.sum() - 1,
        "tmall_yoy": this[this.platform == "天猫"].gmv.sum() / last[last.platform == "天猫"].gmv.sum() - 1,
        "mobile_share": this[this.device == "mobile"].gmv.sum() / gmv,
        "new_product_gmv": p25[p25.is_new].gmv.sum(), "new_product_share": p25[p25.is_new].gmv.sum() / p25.gmv.sum(),
        "spend": ads_this.spend.sum(), "spend_yoy": ads_this.spend.sum() / ads_last.spend.sum() - 1,
        "cost_ratio": ads_this.spend.sum() / gmv, "cost_ratio_ly": ads_last.spend.sum() / gmv_ly,
        "roi": roi(ads_this), "ztc_roi": roi(ads_this, "直通车"), "ztc_roi_ly": roi(ads_last, "直通车"),
        "campaign_gmv": this[this.campaign.notna()].gmv.sum(),
        "campaign_yoy": this[this.campaign.notna()].gmv.sum() / last[last.campaign.notna()].gmv.sum() - 1,
        "d11": this[this.campaign == "双十一"].gmv.sum(),
        "d11_attainment": this[this.campaign == "双十一"].gmv.sum() / campaign_target("双十一", 2025),
        "att_618": this[this.campaign == "618"].gmv.sum() / campaign_target("618", 2025),
        "returning_share": cust.returning_gmv.sum() / gmv,
        "returning_share_ly": customers[customers.date.dt.year == 2024].returning_gmv.sum() / gmv_ly,
        "dsr": cust.dsr_desc.mean(), "industry_dsr": cust.industry_dsr_desc.mean(),
        "complaint_rate": cust.complaints.sum() / this.orders.sum(),
        "costs": costs_total, "profit": gmv - costs_total, "margin": (gmv - costs_total) / gmv,
        "margin_ly": (gmv_ly - costs_ly) / gmv_ly,
        "target_2026": target("gmv", "2026"), "uv_2026": target("uv", "2026"), "cvr_2026": target("cvr", "2026"),
        "aov_2026": target("aov", "2026"),
    }


def unjoined(text: str) -> str:
    return text.replace("\u2060", "")


def lmdi(before: float, after: float, total_before: float, total_after: float) -> float:
    """A factor's LMDI-I effect on a total, computed here from its definition."""
    import math

    weight = (total_after - total_before) / (math.log(total_after) - math.log(total_before))
    return weight * math.log(after / before)


def test_executive_summary_answers_first(deck, facts):
    f = facts
    slide = deck.slides[1]
    gap = f["gmv"] / f["attainment"] - f["gmv"]  # target minus actual
    assert unjoined(shape_texts(slide, "Title")[0]) == (
        f"GMV {wan(f['gmv'])}，同比 +{pct(f['gmv_yoy'])}，目标达成率 {pct(f['attainment'])}（差 {wan(gap)}）")
    findings = [unjoined(shape_texts(slide, f"Summary {n}")[0]) for n in (1, 2, 3)]
    # conversion's cost, and what the year would have been with last year's conversion
    gmv_ly = f["gmv"] / (1 + f["gmv_yoy"])
    cost = lmdi(f["cvr_ly"], f["cvr"], gmv_ly, f["gmv"])
    assert findings[1].startswith(f"转化率从去年同期的 {pct(f['cvr_ly'], 2)} 降至 {pct(f['cvr'], 2)}，"
                                  f"GMV 因此少 {wan(-cost)}：若保持去年同期水平，将超出目标 {wan(-cost - gap)}")
    visitors = lmdi(1.0, 1 + f["uv_yoy"], gmv_ly, f["gmv"])
    assert f"为 GMV 增加 {wan(visitors)}" in findings[0]
    drivers = next(n for n, s in enumerate(deck.slides, 1) if unjoined(shape_texts(s, "Title")[0]).startswith(
        "GMV 同比") and "拉动" in shape_texts(s, "Title")[0])
    assert findings[0].endswith(f"（见第\u00a0{drivers}\u00a0页）") and findings[1].endswith(f"（见第\u00a0{drivers}\u00a0页）")


def test_platform_donut_title_states_the_shares_it_shows(deck, facts):
    f = facts
    titles = [unjoined(t) for slide in deck.slides for t in shape_texts(slide, "Title")]
    jd = f["jd"] / f["gmv"]
    assert f"天猫占 GMV 的 {pct(1 - jd)}，京东占 {pct(jd)}" in titles  # the donut shows shares, not growth
    assert not any(t.startswith("京东 GMV 同比") for t in titles)


def test_overview_conclusion(deck, facts):
    f = facts
    gap = f["gmv"] / f["attainment"] - f["gmv"]  # target minus actual
    assert conclusions(deck)["年度经营总览"] == (  # not the answer a third time: where the gap lies
        f"GMV 距目标差 {wan(gap)}，缺口在转化率：{pct(f['cvr'], 2)}，目标 {pct(f['cvr_target'], 2)}；访客数与客单价均超目标。")


def test_platform_conclusion(deck, facts):
    f = facts
    assert conclusions(deck)["平台与终端结构"] == (
        f"京东 GMV {wan(f['jd'])}，{growth(f['jd_yoy'])}，快于天猫（+{pct(f['tmall_yoy'])}）；"
        f"无线端贡献 {pct(f['mobile_share'])} 的成交。"
    )


def test_traffic_conclusion(deck, facts):
    f = facts
    assert conclusions(deck)["流量与转化"].startswith(
        f"访客数 {growth(f['uv_yoy'])}，转化率 {pct(f['cvr'], 2)}（同比 {points(f['cvr'] - f['cvr_ly'], 2)}）")


def test_goods_conclusion(deck, facts):
    f = facts
    assert conclusions(deck)["商品分析"].startswith(
        f"新品贡献 GMV {wan(f['new_product_gmv'])}，占比 {pct(f['new_product_share'])}")


def test_promotion_conclusion(deck, facts):
    f = facts
    assert conclusions(deck)["推广投放"] == (
        f"推广花费 {wan(f['spend'])}（+{pct(f['spend_yoy'])}），增速低于 GMV（+{pct(f['gmv_yoy'])}），"
        f"费比降至 {pct(f['cost_ratio'])}（同比 {points(f['cost_ratio'] - f['cost_ratio_ly'])}）。详见附录 A1"
    )


def test_campaign_conclusion(deck, facts):
    f = facts
    assert conclusions(deck)["大促活动复盘"] == (
        f"全年大促 GMV {wan(f['campaign_gmv'])}，{growth(f['campaign_yoy'])}，快于全年 GMV（+{pct(f['gmv_yoy'])}）；"
        f"双十一 GMV {wan(f['d11'])}，目标达成率 {pct(f['d11_attainment'])}。"
    )


def test_users_conclusion(deck, facts):
    f = facts
    assert conclusions(deck)["用户与服务"] == (
        f"老客成交占比 {pct(f['returning_share'])}（同比 {points(f['returning_share'] - f['returning_share_ly'])}），"
        f"DSR 描述相符 {f['dsr']:.2f}，高于行业 {f['industry_dsr']:.2f}；投诉率 {pct(f['complaint_rate'], 2)}。"
    )


def test_input_output_conclusion(deck, facts):
    f = facts
    assert conclusions(deck)["投入产出"] == (  # the title states the profit: the takeaway says why the margin rose
        f"利润率 {pct(f['margin'])}，同比 {points(f['margin'] - f['margin_ly'])}：成本增速慢于 GMV，多出的收入留在了利润里。"
    )


def test_plan_conclusion(deck, facts):
    f = facts
    assert conclusions(deck)["2026 目标"] == (
        f"2026 年 GMV 目标 {wan(f['target_2026'])}，为 2025 实际的 {pct(f['target_2026'] / f['gmv'])}，"
        f"需访客达到 {f['uv_2026'] / 1e4:,.1f}万、转化率 {pct(f['cvr_2026'], 2)}、客单价 {f['aov_2026']:.1f}元。"
    )
