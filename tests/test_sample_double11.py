"""The 双十一 campaign post-mortem sample and the campaign starters (deckgen init --kind campaign), end to end.

Structure (sections, order, a conclusion per section), and every number in every sentence the deck fills in
(titles, commentary, cards, section conclusions, the driver sentences, target lines, the Pareto sentence, the
automatic highlights and shortfalls) checked against numbers computed here directly from the data files with
pandas, formatted by the small locale helpers below. The outline supplies only the sentence templates and
each metric's display format; what every metric means is written out again in ``Numbers``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
import yaml
from pptx import Presentation
from sample_decks import shown

from deckgen.findings.wording import Wording
from deckgen.pipeline import build
from deckgen.starters import write_starter
from deckgen.starters.campaign import generate

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "double11-review"
DATA = SAMPLE / "data"
LOCALES = ("zh-CN", "en-US", "es-ES")

PERIODS = {  # inclusive days
    "current": ("2025-10-21", "2025-11-11"),
    "previous": ("2024-10-21", "2024-11-11"),
    "baseline": ("2025-09-15", "2025-10-14"),
    "ytd": ("2025-01-01", "2025-11-11"),
}
DAYS = {"current": 22, "previous": 22, "baseline": 30}
ZH_SECTIONS = ["活动目标与目的", "目标完成情况", "对比基准", "预售与正式期", "销售公式拆解", "流量来源与推广", "转化分析",
               "客单价", "峰值日分时", "服务与 DSR", "货品与库存", "用户分析", "问题与原因"]  # diagnosis before the plan
ZH_PLAN = ["优化方向", "余货处理与售后", "下一节点目标"]

# The data's labels in each locale (the values the outline filters on).
LABELS = {
    "zh-CN": {"presale": "预售期", "main": "正式期", "tmall": "天猫", "jd": "京东", "mobile": "无线端", "paid": "付费",
              "live": "直播", "feed": "信息流", "hero": "主推款", "clearance": "清仓款", "before": "活动前", "after": "活动后",
              "desc": "描述相符", "ship": "物流服务"},
    "en-US": {"presale": "Presale", "main": "Main event", "tmall": "Tmall", "jd": "JD", "mobile": "Mobile", "paid": "Paid",
              "live": "Live streaming", "feed": "In-feed ads", "hero": "Hero", "clearance": "Clearance",
              "before": "Before", "after": "After", "desc": "Item as described", "ship": "Shipping"},
    "es-ES": {"presale": "Preventa", "main": "Evento principal", "tmall": "Tmall", "jd": "JD", "mobile": "Móvil",
              "paid": "De pago", "live": "Directos", "feed": "Anuncios in-feed", "hero": "Estrella",
              "clearance": "Liquidación", "before": "Antes", "after": "Después", "desc": "Descripción", "ship": "Envío"},
}


# ---------------------------------------------------------------------------------------- number formats


NBSP = "\u00a0"
STYLE = {
    "zh-CN": {"group": ",", "point": ".", "scales": ((1e8, "亿", 2), (1e4, "万", 1)), "money": ("", "元", "元"),
              "percent": "%", "points": "个百分点", "multiple": "倍"},
    "en-US": {"group": ",", "point": ".", "scales": ((1e9, "B", 2), (1e6, "M", 2)), "money": ("¥", "", ""),
              "percent": "%", "points": " pp", "multiple": "×"},
    "es-ES": {"group": ".", "point": ",", "scales": ((1e9, NBSP + "mil" + NBSP + "M", 2), (1e6, NBSP + "M", 2)), "money": ("", "¥", NBSP + "¥"),
              "percent": NBSP + "%", "points": NBSP + "p." + NBSP + "p.", "multiple": "×"},
}
WORDS = {
    "zh-CN": {"sep": "：", "brackets": "（{}）", "up": "同比增长{}", "down": "同比下降{}", "conclusion": "小结", "actual": "实际", "target": "目标",
              "hit": "{label} {value}，目标达成率 {ratio}", "miss": "{label} {value}，目标达成率 {ratio}，差额 {gap}",
              "change": "{label} {value}，{phrase}", "band_out": "{label} {value}，不在 {low}–{high} 的理想区间",
              "band_in": "{label} {value}，处于 {low}–{high} 的理想区间",
              "drivers": "{metric}{direction}{change}，主要由{driver}拉动（贡献{contribution}）", "rose": "增长", "fell": "下降",
              "pareto": "前 {items} 的{by}（{count} 个）贡献{metric}的 {share}", "highlights": "亮点", "shortfalls": "不足"},
    "en-US": {"sep": ": ", "brackets": " ({})", "up": "up {} YoY", "down": "down {} YoY", "conclusion": "Takeaway", "actual": "Actual", "target": "Target",
              "hit": "{label} {value}, {ratio} of target", "miss": "{label} {value}, {ratio} of target ({gap} short)",
              "change": "{label} {value}, {phrase}", "band_out": "{label} {value}, outside the ideal {low}–{high} band",
              "band_in": "{label} {value}, inside the ideal {low}–{high} band",
              "drivers": "{metric} {direction} {change}, driven mainly by {driver} ({contribution})", "rose": "rose",
              "fell": "fell", "pareto": "The top {items} of {by} ({count}) make {share} of {metric}",
              "highlights": "Highlights", "shortfalls": "Shortfalls"},
    "es-ES": {"sep": ": ", "brackets": " ({})", "up": "+{} interanual", "down": "-{} interanual", "conclusion": "Conclusión", "actual": "Real",
              "target": "Objetivo", "hit": "{label}: {value}, {ratio} del objetivo",
              "miss": "{label}: {value}, {ratio} del objetivo (faltan {gap})", "change": "{label}: {value}, {phrase}",
              "band_out": "{label}: {value}, fuera de la banda ideal {low}–{high}",
              "band_in": "{label}: {value}, dentro de la banda ideal {low}–{high}",
              "drivers": "{metric}: {direction} {change}, impulsado sobre todo por {driver} ({contribution})",
              "rose": "sube", "fell": "baja", "pareto": "El {items} superior de {by} ({count}) aporta el {share} de {the_metric}",
              "highlights": "Puntos fuertes", "shortfalls": "Puntos débiles"},
}


def fixed(value: float, places: int, locale: str) -> str:
    """Rounded half up (as a reader checking by hand would), grouped, in the locale's separators."""
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{exact:,.{places}f}"
    style = STYLE[locale]
    return text.replace(",", "\0").replace(".", style["point"]).replace("\0", style["group"])


def scaled(value: float, locale: str, decimals: int | None) -> tuple[str, str] | None:
    """A scaled figure; without asked-for decimals, all-zero decimals are dropped ("5,641万", not "5,641.0万")."""
    for size, word, places in STYLE[locale]["scales"]:
        if abs(value) >= size:
            text = fixed(value / size, places if decimals is None else decimals, locale)
            point = STYLE[locale]["point"]
            if decimals is None and point in text and not text.rpartition(point)[2].strip("0"):
                text = text.rpartition(point)[0]
            return text, word
    return None


def money(value: float, locale: str, decimals: int | None = None) -> str:
    prefix, suffix, plain_suffix = STYLE[locale]["money"]
    big = scaled(value, locale, decimals)
    if big:
        return f"{prefix}{big[0]}{big[1]}{suffix}"
    places = decimals if decimals is not None else (1 if abs(value) < 1000 else 0)
    return f"{prefix}{fixed(value, places, locale)}{plain_suffix}"


def money_column(values: list[float], locale: str) -> list[str]:
    """Amounts shown one above the other: one scale, that of the lower median, and shared decimals
    (docs/outline.md, "One scale per group")."""
    prefix, suffix, plain_suffix = STYLE[locale]["money"]
    typical = sorted(abs(v) for v in values)[(len(values) - 1) // 2]
    for size, word, places in STYLE[locale]["scales"]:
        if typical >= size:
            texts = [fixed(v / size, places, locale) for v in values]
            point = STYLE[locale]["point"]
            if all(not t.rpartition(point)[2].strip("0") for t in texts):
                texts = [t.rpartition(point)[0] for t in texts]
            return [f"{prefix}{t}{word}{suffix}" for t in texts]
    places = 0 if max(abs(v) for v in values) >= 1000 else 1
    return [f"{prefix}{fixed(v, places, locale)}{plain_suffix}" for v in values]


def card_texts(writer, metrics: list[str], locale: str) -> dict[str, str]:
    """KPI cards' figures: the money cards of a slide share one scale, and so do its count cards, that of their
    lower median; figures under 1,000 keep their own format (docs/outline.md, "One scale per group")."""
    shown = {m: writer.text(m, writer.numbers.value(m)) for m in metrics}
    for kind in ("money", "number"):
        group = [m for m in metrics if writer.spec(m).get("format", "number") == kind and not writer.spec(m).get("unit")
                 and not missing(writer.numbers.value(m)) and abs(writer.numbers.value(m)) >= 1000]
        if len(group) < 2:
            continue
        values = sorted(abs(writer.numbers.value(m)) for m in group)
        typical = values[(len(values) - 1) // 2]
        scale = next(((size, word, places) for size, word, places in STYLE[locale]["scales"] if typical >= size), None)
        for m in group:
            value = writer.numbers.value(m)
            if scale is None:
                text, word = fixed(value, 0, locale), ""
            else:
                text, word = fixed(value / scale[0], scale[2], locale), scale[1]
                point = STYLE[locale]["point"]
                if point in text and not text.rpartition(point)[2].strip("0"):
                    text = text.rpartition(point)[0]
            if kind == "money":
                prefix, suffix, plain_suffix = STYLE[locale]["money"]
                shown[m] = f"{prefix}{text}{word}{suffix if word else plain_suffix}"
            else:
                shown[m] = text + word
    return shown


def number(value: float, locale: str, decimals: int | None = None) -> str:
    big = scaled(value, locale, decimals)
    if big:
        return big[0] + big[1]
    places = decimals if decimals is not None else (0 if float(value).is_integer() or abs(value) >= 100 else 1)
    return fixed(value, places, locale)


def percent(ratio: float, locale: str, places: int = 1) -> str:
    return fixed(ratio * 100, places, locale) + STYLE[locale]["percent"]


def signed(text: str, value: float) -> str:
    return ("+" if value > 0 else "-" if value < 0 else "") + text


def change_percent(ratio: float, locale: str) -> str:
    return signed(percent(abs(ratio), locale), ratio)


def points(difference: float, locale: str, places: int) -> str:
    return signed(fixed(abs(difference) * 100, places, locale) + STYLE[locale]["points"], difference)


def shown_difference(after: float, before: float, places: int) -> float:
    """A change in points as a reader gets it from the two rates shown: each rounded half up, then subtracted."""
    step = Decimal(1).scaleb(-places)
    return float(Decimal(repr(float(after) * 100)).quantize(step, ROUND_HALF_UP)
                 - Decimal(repr(float(before) * 100)).quantize(step, ROUND_HALF_UP)) / 100


def missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


# ---------------------------------------------------------------------------------------- the numbers


def _between(frame: pd.DataFrame, period: str, column: str = "date") -> pd.DataFrame:
    start, end = PERIODS[period]
    moments = frame[column]
    return frame[(moments >= pd.Timestamp(start)) & (moments < pd.Timestamp(end) + pd.Timedelta(days=1))]


class Numbers:
    """Every metric of the campaign outlines, for a period ('current', 'previous', 'baseline', 'ytd'), computed
    from one locale's data folder. None where there is nothing to compute (no rows, a table without dates
    outside the current period, a division by zero)."""

    def __init__(self, folder: Path, locale: str):
        lab = LABELS[locale]
        self.daily = pd.read_csv(folder / "shop_daily.csv", parse_dates=["date"])
        if locale == "zh-CN":  # the platform's own export: GBK, Chinese headers
            sources = pd.read_csv(folder / "traffic_sources.csv", encoding="gbk")
            sources.columns = ["date", "device", "source_group", "source", "uv", "buyers", "gmv"]
        else:
            sources = pd.read_csv(folder / "traffic_sources.csv")
        sources["date"] = pd.to_datetime(sources.date)
        self.sources = sources
        self.ads = pd.read_csv(folder / "ads.csv", encoding="utf-8-sig", parse_dates=["date"])
        self.hourly = pd.read_csv(folder / "campaign_hourly.csv", parse_dates=["datetime"], dtype={"time_slot": str})
        self.inventory = pd.read_parquet(folder / "inventory.parquet")
        self.service = pd.read_csv(folder / "service_daily.csv", parse_dates=["date"])
        self.industry = pd.read_csv(folder / "industry_daily.csv", parse_dates=["date"])
        self.dsr = pd.read_csv(folder / "dsr.csv")
        self.targets = pd.read_csv(folder / "targets.csv")
        self.campaigns = pd.read_csv(folder / "campaigns.csv")
        d, src, ads, hours = self.daily, self.sources, self.ads, self.hourly
        inv = self.inventory

        def dated(frame, column="sum", field="gmv", date="date", **where):
            def compute(period: str) -> float | None:
                rows = _between(frame, period, date)
                for key, value in where.items():
                    rows = rows[rows[key].isin(value if isinstance(value, list) else [value])]
                if rows.empty:
                    return None
                return float(rows[field].sum() if column == "sum" else rows[field].mean())
            return compute

        def static(value: Callable[[], float]):
            return lambda period: value() if period == "current" else None

        def target(plan: str, metric: str, phase: str | None = None):
            rows = self.targets[(self.targets.plan == plan) & (self.targets.metric == metric)]
            if phase:
                rows = rows[rows.sale_phase == phase]
            return static(lambda: float(rows.target_value.sum()))

        def dsr(stage: str, column: str, dimension: str | None = None):
            rows = self.dsr[(self.dsr.campaign_id == "d11-2025") & (self.dsr.stage == lab[stage])]
            if dimension:
                rows = rows[rows.dimension == lab[dimension]]
            return static(lambda: float(rows[column].mean()))

        def inventory(column: str, role: str | None = None):
            rows = inv if role is None else inv[inv.role == lab[role]]
            return static(lambda: float(rows[column].sum()))

        def ratio(top: str, bottom: str):
            def compute(period: str) -> float | None:
                a, b = self.value(top, period), self.value(bottom, period)
                return None if a is None or not b else a / b
            return compute

        def minus(left: str, right: str, plus: bool = False):
            def compute(period: str) -> float | None:
                a, b = self.value(left, period), self.value(right, period)
                return None if a is None or b is None else (a + b if plus else a - b)
            return compute

        self.metrics: dict[str, Callable[[str], float | None]] = {
            # shop daily report
            "gmv": dated(d), "uv": dated(d, field="uv"), "buyers": dated(d, field="buyers"),
            "orders": dated(d, field="orders"), "units": dated(d, field="units"),
            "cvr": ratio("buyers", "uv"), "aov": ratio("gmv", "buyers"), "unit_price": ratio("gmv", "units"),
            "items_per_buyer": ratio("units", "buyers"),
            "gmv_tmall": dated(d, platform=lab["tmall"]), "gmv_jd": dated(d, platform=lab["jd"]),
            "gmv_mobile": dated(d, device=lab["mobile"]),
            "presale_gmv": dated(d, sale_phase=lab["presale"]), "main_gmv": dated(d, sale_phase=lab["main"]),
            "presale_share": ratio("presale_gmv", "gmv"),
            "presale_uv": dated(d, field="uv", sale_phase=lab["presale"]),
            "presale_buyers": dated(d, field="buyers", sale_phase=lab["presale"]),
            "presale_cvr": ratio("presale_buyers", "presale_uv"),
            "main_uv": dated(d, field="uv", sale_phase=lab["main"]),
            "main_buyers": dated(d, field="buyers", sale_phase=lab["main"]),
            "main_cvr": ratio("main_buyers", "main_uv"),
            # customers
            "new_buyers": dated(d, field="new_buyers"), "returning_buyers": dated(d, field="returning_buyers"),
            "returning_gmv": dated(d, field="returning_gmv"), "returning_share": ratio("returning_gmv", "gmv"),
            "new_gmv": minus("gmv", "returning_gmv"), "new_aov": ratio("new_gmv", "new_buyers"),
            "returning_aov": ratio("returning_gmv", "returning_buyers"), "cost_per_new": ratio("spend", "new_buyers"),
            # customer service
            "inquiry_users": dated(d, field="inquiry_users"), "inquiry_buyers": dated(d, field="inquiry_buyers"),
            "inquiry_cvr": ratio("inquiry_buyers", "inquiry_users"), "callin_rate": ratio("inquiry_users", "uv"),
            "silent_buyers": minus("buyers", "inquiry_buyers"), "silent_rate": ratio("silent_buyers", "buyers"),
            "refund_amount": dated(d, field="refund_amount"), "refund_rate": ratio("refund_amount", "gmv"),
            "complaints": dated(self.service, field="complaints"), "complaint_rate": ratio("complaints", "orders"),
            "response_seconds": dated(self.service, column="mean", field="avg_response_seconds"),
            "positive_reviews": dated(self.service, field="positive_reviews"),
            "negative_reviews": dated(self.service, field="negative_reviews"),
            "reviews": minus("positive_reviews", "negative_reviews", plus=True),
            "positive_rate": ratio("positive_reviews", "reviews"),
            # DSR snapshots
            "dsr_before": dsr("before", "shop_score"), "dsr_after": dsr("after", "shop_score"),
            "industry_after": dsr("after", "industry_score"),
            "dsr_change": minus("dsr_after", "dsr_before"), "dsr_gap": minus("dsr_after", "industry_after"),
            "desc_before": dsr("before", "shop_score", "desc"), "desc_after": dsr("after", "shop_score", "desc"),
            "desc_industry": dsr("after", "industry_score", "desc"), "ship_after": dsr("after", "shop_score", "ship"),
            "ship_industry": dsr("after", "industry_score", "ship"),
            # targets
            "gmv_target": target("d11-2025", "gmv"), "presale_target": target("d11-2025", "gmv", lab["presale"]),
            "main_target": target("d11-2025", "gmv", lab["main"]), "uv_target": target("d11-2025", "uv"),
            "cvr_target": target("d11-2025", "cvr"), "aov_target": target("d11-2025", "aov"),
            "new_buyers_target": target("d11-2025", "new_buyers"), "roi_target": target("d11-2025", "roi"),
            "annual_plan": target("fy-2025", "gmv"), "gmv_target_2026": target("d11-2026", "gmv"),
            "uv_target_2026": target("d11-2026", "uv"), "cvr_target_2026": target("d11-2026", "cvr"),
            "budget": static(lambda: float(self.campaigns[self.campaigns.campaign_id == "d11-2025"].budget.sum())),
            # industry
            "industry_gmv": dated(self.industry, field="industry_gmv"), "market_share": ratio("gmv", "industry_gmv"),
            # traffic sources
            "src_uv": dated(src, field="uv"), "src_buyers": dated(src, field="buyers"), "src_gmv": dated(src),
            "src_cvr": ratio("src_buyers", "src_uv"), "src_uv_value": ratio("src_gmv", "src_uv"),
            "paid_gmv": dated(src, source_group=lab["paid"]), "paid_share": ratio("paid_gmv", "src_gmv"),
            "live_gmv": dated(src, source=lab["live"]),
            # advertising
            "spend": dated(ads, field="spend"), "guided_gmv": dated(ads, field="guided_gmv"),
            "roi": ratio("guided_gmv", "spend"), "clicks": dated(ads, field="clicks"),
            "impressions": dated(ads, field="impressions"), "ctr": ratio("clicks", "impressions"),
            "cost_ratio": ratio("spend", "gmv"),
            "presale_spend": dated(ads, field="spend", sale_phase=lab["presale"]),
            "presale_spend_share": ratio("presale_spend", "spend"),
            "feed_spend": dated(ads, field="spend", channel=lab["feed"]),
            "feed_gmv": dated(ads, field="guided_gmv", channel=lab["feed"]), "feed_roi": ratio("feed_gmv", "feed_spend"),
            # the peak day, hour by hour
            "peak_gmv": dated(hours, date="datetime"),
            "peak_h0": dated(hours, date="datetime", time_slot="00:00"),
            "peak_evening": dated(hours, date="datetime", time_slot=["20:00", "21:00", "22:00"]),
            "h0_share": ratio("peak_h0", "peak_gmv"), "evening_share": ratio("peak_evening", "peak_gmv"),
            # goods and stock
            "product_gmv": inventory("gmv"), "sold_units": inventory("units"), "opening_units": inventory("opening_stock"),
            "received_units": inventory("received"), "left_units": inventory("stock_end"),
            "available_units": minus("opening_units", "received_units", plus=True),
            "sell_through": ratio("sold_units", "available_units"), "prepared_value": inventory("prepared_value"),
            "leftover_value": inventory("stock_end_value"),
            "hero_sold": inventory("units", "hero"),
            "hero_available": static(lambda: float((inv.opening_stock + inv.received)[inv.role == lab["hero"]].sum())),
            "hero_sell_through": ratio("hero_sold", "hero_available"),
            "clearance_sold": inventory("units", "clearance"),
            "clearance_available": static(
                lambda: float((inv.opening_stock + inv.received)[inv.role == lab["clearance"]].sum())),
            "clearance_sell_through": ratio("clearance_sold", "clearance_available"),
            "clearance_left_value": inventory("stock_end_value", "clearance"),
        }

    def value(self, name: str, period: str = "current") -> float | None:
        result = self.metrics[name](period)
        return None if missing(result) else result


# ---------------------------------------------------------------------------------------- sentences


PLACEHOLDER = re.compile(r"\{\{\s*(.+?)\s*\}\}")
CONDITION = re.compile(r"^\s*([\w.()]+) ([<>]=?) ([\w.()]+)\s*$")
CHOICE = re.compile(r"^'([^']*)' if (.+) else '([^']*)'$")
REFERENCE = re.compile(r"^(\w+)(\.ytd)?(?:\.(previous|yoy|uplift|baseline|daily|change|label)|\.vs\((\w+)\))?"
                       r"(?:\.(phrase|abs))?$")


class Writer:
    """Fills an outline's sentence templates with ``Numbers``, formatted the locale's way."""

    def __init__(self, outline: dict, numbers: Numbers, locale: str):
        self.specs = outline["metrics"]
        self.numbers = numbers
        self.locale = locale
        self.words = WORDS[locale]

    def spec(self, name: str) -> dict:
        return self.specs[name]

    def label(self, name: str) -> str:
        """The metric's name as a caption: a capital first letter in Latin scripts."""
        label = self.spec(name)["label"]
        return label if self.locale.startswith("zh") else label[:1].upper() + label[1:]

    def is_rate(self, name: str) -> bool:
        return self.spec(name).get("format") == "percent"

    def points_places(self, name: str) -> int:
        return 2 if (self.spec(name).get("decimals") or 1) >= 2 else 1

    def text(self, name: str, value: float | None) -> str:
        if missing(value):
            return "—"
        spec, loc = self.spec(name), self.locale
        kind, decimals, unit = spec.get("format", "number"), spec.get("decimals"), spec.get("unit") or ""
        unit = "\u00a0" + unit[1:] if unit.startswith(" ") else unit  # " s" keeps to its number
        if kind == "money":
            return money(value, loc, decimals)
        if kind == "percent":
            return percent(value, loc, 1 if decimals is None else decimals)
        if kind == "multiple":
            return fixed(value, 1 if decimals is None else decimals, loc) + STYLE[loc]["multiple"]
        if kind == "decimal":
            return fixed(value, 2 if decimals is None else decimals, loc) + unit
        return number(value, loc, decimals) + unit

    def change(self, name: str) -> float | None:
        now, then = self.numbers.value(name), self.numbers.value(name, "previous")
        if now is None or then is None:
            return None
        if self.is_rate(name):  # the difference of the two rates as shown
            return shown_difference(now, then, self.points_places(name))
        if self.is_score(name):  # the difference of the two scores as shown
            places = self.spec(name).get("decimals") or 2
            return shown_difference(now / 100, then / 100, places) * 100
        return (now - then) / abs(then)

    def is_score(self, name: str) -> bool:
        """docs/outline.md: a decimal mean without a unit (DSR) changes by a plain difference."""
        spec = self.spec(name)
        return spec.get("format") == "decimal" and "mean" in spec and not spec.get("unit")

    def is_ratio(self, name: str) -> bool:
        """docs/outline.md: a decimal ratio (ROI) reads before and after, "3.57 → 3.20"."""
        spec = self.spec(name)
        return spec.get("format") == "decimal" and "ratio" in spec

    def change_text(self, name: str) -> str:
        if self.is_ratio(name):
            before, now = self.numbers.value(name, "previous"), self.numbers.value(name)
            return f"{self.text(name, before)} → {self.text(name, now)}"
        delta = self.change(name)
        if delta is None:
            return "—"
        if self.is_score(name):
            sign = "+" if delta > 0 else "-" if delta < 0 else ""
            return sign + fixed(abs(delta), self.spec(name).get("decimals") or 2, self.locale)
        return points(delta, self.locale, self.points_places(name)) if self.is_rate(name) else \
            change_percent(delta, self.locale)

    def phrase(self, name: str) -> str:
        delta = self.change(name)
        return self.words["up" if delta > 0 else "down"].format(self.change_text(name).lstrip("+-"))

    def ratio_text(self, name: str, other: str, period: str = "current") -> str:
        now, base = self.numbers.value(name, period), self.numbers.value(other)
        return "—" if now is None or not base else percent(now / base, self.locale)

    def per_day(self, name: str, period: str) -> float | None:
        value = self.numbers.value(name, period)
        return value / DAYS[period] if value is not None and "sum" in self.spec(name) else value

    def reference(self, expression: str) -> str:
        match = REFERENCE.match(expression)
        assert match, f"the test cannot read the placeholder {expression!r}"
        name, ytd, attribute, other, tail = match.groups()
        if ytd:
            return self.ratio_text(name, other, "ytd") if other else self.text(name, self.numbers.value(name, "ytd"))
        if other:
            return self.ratio_text(name, other)
        if attribute is None:
            return self.text(name, self.numbers.value(name))
        if attribute == "previous":
            return self.text(name, self.numbers.value(name, "previous"))
        if attribute == "yoy":
            text = self.phrase(name) if tail == "phrase" else self.change_text(name)
            return text.lstrip("+-") if tail == "abs" else text
        if attribute == "daily":
            return self.text(name, self.per_day(name, "current"))
        if attribute == "baseline":
            return self.text(name, self.per_day(name, "baseline"))
        if attribute == "uplift":
            now, usual = self.per_day(name, "current"), self.per_day(name, "baseline")
            if self.is_rate(name):
                return points(now - usual, self.locale, self.points_places(name))
            return fixed(now / usual, 1, self.locale) + STYLE[self.locale]["multiple"]
        raise AssertionError(f"placeholder {expression!r} is not covered by the test")

    def number(self, expression: str) -> float:
        """The raw value behind a reference in a claim: fractions for rates and changes."""
        if expression.replace(".", "").isdigit():
            return float(expression)
        name, _, attribute, other, _ = REFERENCE.match(expression).groups()
        if other:
            return self.numbers.value(name) / self.numbers.value(other)
        if attribute == "yoy":
            return self.change(name)
        if attribute == "uplift":
            now, usual = self.per_day(name, "current"), self.per_day(name, "baseline")
            return now - usual if self.is_rate(name) else now / usual
        return self.numbers.value(name, "previous" if attribute == "previous" else "current")

    def holds(self, condition: str) -> bool:
        """``a < b and c > d``, judged here on the independently computed numbers."""
        result = True
        for part in condition.split(" and "):
            left, operator, right = CONDITION.match(part.strip()).groups()
            a, b = self.number(left), self.number(right)
            result &= {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[operator]
        return result

    def fill(self, template: str) -> str:
        """Placeholders filled; a claim must hold and shows nothing; a choice shows the wording that is true."""
        def one(match: re.Match) -> str:
            inner = match.group(1)
            choice = CHOICE.match(inner)
            if choice:
                first, condition, second = choice.groups()
                return first if self.holds(condition) else second
            if CONDITION.match(inner.split(" and ")[0]):
                assert self.holds(inner), f"the claim {inner!r} does not hold on the data"
                return "\0"
            return self.reference(inner)

        return re.sub(r" *\0", "", PLACEHOLDER.sub(one, template))


def placeholders(outline: dict) -> set[str]:
    """Every metric name a sentence of the outline refers to."""
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            for expression in PLACEHOLDER.findall(node):
                choice = CHOICE.match(expression)
                condition = choice.group(2) if choice else expression
                conditions = [CONDITION.match(part) for part in condition.split(" and ")]
                references = [side for c in conditions if c for side in (c.group(1), c.group(3))] or [expression]
                for reference in (r for r in references if not r.replace(".", "").isdigit()):  # numbers: 0.5
                    match = REFERENCE.match(reference)
                    assert match, expression
                    found.update(n for n in (match.group(1), match.group(4)) if n)

    walk({k: v for k, v in outline.items() if k != "metrics"})
    return found


# ---------------------------------------------------------------------------------------- reading the deck


def shape_text(slide, name: str) -> str | None:
    for shape in slide.shapes:
        if shape.name == name and shape.has_text_frame:
            return shown(shape.text_frame.text)
    return None


def lines(slide, name: str) -> list[str]:
    text = shape_text(slide, name)
    return [] if text is None else text.split("\n")


def as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def placed(outline: dict) -> list[tuple[int, str, dict, bool]]:
    """(slide index in the deck, section, slide, is the section's last slide) for every outline slide, in the order
    deckgen builds them: cover, executive summary, agenda, the review's sections' slides, then the plan's divider
    and its sections' slides."""
    index, found = 3, []
    firsts = [p["section"] for p in outline.get("plan", [])[:1]]  # the agenda opens the review: no divider there
    for section in [*outline["review"], *outline.get("plan", [])]:
        index += section["section"] in firsts
        slides = section.get("slides", [])
        for number, slide in enumerate(slides):
            found.append((index, section["section"], slide, number == len(slides) - 1))
            index += 1
    return found


def load_outline(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------- the checks


def check_sentences(deck, outline: dict, writer: Writer, locale: str) -> int:
    """Every title, commentary line, card and conclusion the outline templates, filled independently; returns how
    many texts were compared."""
    compared = 0
    words = writer.words
    for index, section, slide, last in placed(outline):
        page = deck.slides[index]
        where = f"slide {index + 1} ({section})"
        if "title" in slide:
            assert shape_text(page, "Title") == writer.fill(slide["title"]), where
            compared += 1
        expected = [writer.fill(t) for t in as_list(slide.get("commentary"))]
        if expected:
            assert lines(page, "Commentary")[-len(expected):] == expected, where
            compared += len(expected)
        for number, card in enumerate(slide.get("cards", []), start=1):
            assert shape_text(page, f"Card {number} title") == writer.fill(card["title"]), where
            assert lines(page, f"Card {number} text") == [writer.fill(t) for t in as_list(card["text"])], where
            if "metric" in card:
                assert shape_text(page, f"Card {number} figure") == writer.fill("{{ " + card["metric"] + " }}"), where
            compared += 2
        if last:
            conclusion = next(s for s in [*outline["review"], *outline.get("plan", [])]
                              if s["section"] == section)["conclusion"]
            text = shape_text(page, "Conclusion")
            assert text is not None and text.startswith(words["conclusion"]), where
            assert text.removeprefix(words["conclusion"]).strip() == writer.fill(conclusion), where
            compared += 1
    sections = [*outline["review"], *outline.get("plan", [])]
    summaries = [shape_text(s, f"Summary {i}") for s in deck.slides for i in range(1, len(sections) + 1)
                 if shape_text(s, f"Summary {i}") is not None]
    assert len(summaries) == 3 and summaries == [shape_text(deck.slides[1], f"Summary {i}") for i in (1, 2, 3)]
    assert not set(summaries) & {writer.fill(s["conclusion"]) for s in sections}  # conclusions are not re-read
    callout = shape_text(deck.slides[len(deck.slides) - 2], "Callout text")
    assert callout == writer.fill(outline["summary"]["conclusion"])
    return compared + 1


def log_mean(a: float, b: float) -> float:
    return a if a == b else (a - b) / (math.log(a) - math.log(b))


def driver_lines(writer: Writer, metric: str, factors: list[str]) -> list[str]:
    """The drivers slide's sentence and factor lines, from an LMDI split of the change into the factors."""
    n = writer.numbers
    before = {f: n.value(f, "previous") for f in factors}
    after = {f: n.value(f) for f in factors}
    total_before, total_after = math.prod(before.values()), math.prod(after.values())
    weight = log_mean(total_after, total_before)
    effects = {f: weight * math.log(after[f] / before[f]) for f in factors}
    rising = total_after >= total_before
    dominant = max(factors, key=lambda f: effects[f] if rising else -effects[f])
    contribution = signed(writer.text(metric, abs(effects[dominant])), effects[dominant])
    # the sentence's grammar (articles, agreement, spacing) is deckgen's own wording; its numbers are computed here
    wording = Wording(writer.locale, not writer.locale.startswith("zh"))
    label, driver = writer.label(metric), writer.label(dominant)
    direction = "up" if rising else "down"
    sentence = wording.say(f"drivers_{direction}", label, metric=label, the_metric=wording.the(label),
                           driver=driver, the_driver=wording.the(driver),
                           change=writer.change_text(metric).lstrip("+-"), contribution=contribution)
    sep, brackets = writer.words["sep"], writer.words["brackets"]
    factor_lines = [f"{writer.spec(f)['label']}{sep}{writer.text(f, before[f])} → {writer.text(f, after[f])}"
                    + ("" if writer.is_ratio(f) else brackets.format(writer.change_text(f))) for f in factors]
    return [sentence, *factor_lines]


RULES = yaml.safe_load((ROOT / "configs" / "highlights.yaml").read_text(encoding="utf-8"))


def candidate_findings(outline: dict, writer: Writer) -> list[tuple[str, bool, str]]:
    """Every highlight (True) or shortfall (False) the rules of configs/highlights.yaml can draw from the metrics on
    the deck's KPI, target and ladder slides, as (sentence, good, metric), from independent numbers. Which of
    them make the summary is a ranking the rules may tune; every sentence shown must be one of these."""
    n, w, loc = writer.numbers, writer.words, writer.locale
    pairs: dict[tuple[str, str | None], None] = {}
    for _, _, slide, _ in placed(outline):
        for item in slide.get("kpis", []):
            item = item if isinstance(item, dict) else {"metric": item}
            pairs[(item["metric"], item.get("target"))] = None
        for item in slide.get("targets", []):
            pairs[(item["metric"], item["target"])] = None
        if "ladder" in slide:
            pairs[(slide["ladder"]["metric"], slide["ladder"].get("target"))] = None
    found: list[tuple[str, bool, str]] = []
    for metric, target in pairs:
        label = writer.spec(metric)["label"]
        value = writer.text(metric, n.value(metric))
        lower = writer.spec(metric).get("better") == "lower"
        if target:
            ratio = n.value(metric) / n.value(target)
            if (ratio <= 1) if lower else (ratio >= RULES["attainment"]["highlight_at"]):
                found.append((w["hit"].format(label=label, value=value, ratio=percent(ratio, loc)), True, metric))
            elif (ratio > 1) if lower else (ratio < RULES["attainment"]["shortfall_below"]):
                gap = abs(n.value(target) - n.value(metric))
                if writer.is_rate(target):  # the difference of the two rates as shown
                    gap = abs(shown_difference(n.value(target), n.value(metric), writer.points_places(target)))
                gap_text = points(gap, loc, writer.points_places(target)).lstrip("+") if writer.is_rate(target) \
                    else writer.text(target, gap)
                found.append((w["miss"].format(label=label, value=value, ratio=percent(ratio, loc), gap=gap_text),
                              False, metric))
        delta = writer.change(metric)
        if delta is None:
            continue
        towards_good = -delta if lower else delta
        rule = RULES["yoy"]
        good_at, bad_at = ((rule["highlight_points_at"], rule["shortfall_points_at"]) if writer.is_rate(metric)
                           else (rule["highlight_at"], rule["shortfall_at"]))
        sentence = w["change"].format(label=label, value=value, phrase=writer.phrase(metric))
        if towards_good >= good_at:
            found.append((sentence, True, metric))
        elif -towards_good >= bad_at:
            found.append((sentence, False, metric))
    for band in RULES.get("bands", []):
        share = n.value(band["metric"])
        values = {"label": writer.spec(band["metric"])["label"], "value": writer.text(band["metric"], share),
                  "low": percent(band["low"], loc, 0), "high": percent(band["high"], loc, 0)}
        inside = band["low"] <= share <= band["high"]
        found.append((w["band_in" if inside else "band_out"].format(**values), inside, band["metric"]))
    return found


def check_findings(shown: list[str], candidates: list[tuple[str, bool, str]], good: bool, top: int) -> list[str]:
    """The shown sentences are candidates of the right kind, one per metric, as many as the rules allow."""
    metric_of = {sentence: metric for sentence, kind, metric in candidates if kind == good}
    assert shown and set(shown) <= set(metric_of), set(shown) - set(metric_of)
    metrics = [metric_of[s] for s in shown]
    assert len(set(metrics)) == len(metrics)
    # at most as many as the rules allow; the headline metric (slide 2 and the closing say it) and any finding
    # the deck has already said twice are left out
    assert len(shown) <= min(top, len(set(metric_of.values()))) and "gmv" not in metrics
    return metrics


def check_ladder(page, ladder: dict, writer: Writer) -> None:
    """The benchmark ladder: last year, ordinary days, target, annual plan (year to date), industry."""
    n, name = writer.numbers, ladder["metric"]
    table = next(shape.table for shape in page.shapes if shape.has_table)
    rows = [[cell.text for cell in row.cells][1:] for row in list(table.rows)[1:]]
    amounts = [(n.value(name, "previous"), n.value(name), writer.change_text(name))]
    if ladder.get("baseline"):
        amounts.append((writer.per_day(name, "baseline"), writer.per_day(name, "current"),
                        writer.reference(f"{name}.uplift")))
    if ladder.get("target"):
        amounts.append((n.value(ladder["target"]), n.value(name), writer.ratio_text(name, ladder["target"])))
    if ladder.get("plan"):
        amounts.append((n.value(ladder["plan"]), n.value(name, "ytd"), writer.ratio_text(name, ladder["plan"], "ytd")))
    if ladder.get("industry"):
        amounts.append((n.value(ladder["industry"]), n.value(name), ""))
    assert writer.spec(name).get("format") == "money"
    # one scale per column: the references, then this period's values
    references = money_column([a[0] for a in amounts], writer.locale)
    values = money_column([a[1] for a in amounts], writer.locale)
    expected = [[ref, value, result] for ref, value, (_, _, result) in zip(references, values, amounts)]
    if ladder.get("industry"):
        expected, (industry_row,) = expected[:-1], expected[-1:]
    assert rows[: len(expected)] == expected
    if ladder.get("industry"):
        industry = ladder["industry"]
        assert rows[len(expected)][:2] == industry_row[:2]
        result = rows[len(expected)][2]
        assert writer.change_text(name) in result and writer.change_text(industry) in result, result


def check_generated(deck, outline: dict, writer: Writer, locale: str) -> None:
    """The sentences deckgen writes itself: drivers, target lines, the Pareto sentence, the target tree, the
    headline KPI cards, and the automatic highlights and shortfalls."""
    n, w = writer.numbers, writer.words
    for index, section, slide, _ in placed(outline):
        page = deck.slides[index]
        if "drivers" in slide:
            block = slide["drivers"]
            got = lines(page, "Commentary")
            expected = driver_lines(writer, block["metric"], block["into"])
            if slide.get("title", "auto") == "auto":  # the automatic title states the change: only the factors
                expected = expected[1:]
            assert got[: len(expected)] == expected, section
        if "targets" in slide:
            expected = [f"{item.get('label') or writer.spec(item['metric'])['label']}{w['sep']}{w['actual']} "
                        f"{writer.text(item['metric'], n.value(item['metric']))} / {w['target']} "
                        f"{writer.text(item['target'], n.value(item['target']))}" for item in slide["targets"]]
            assert lines(page, "Commentary")[: len(expected)] == expected, section
        if "pareto" in slide:
            block = slide["pareto"]
            ranked = n.inventory.groupby(block["by"]).gmv.sum().sort_values(ascending=False)
            count = math.ceil(len(ranked) * 0.2)
            wording = Wording(locale, not locale.startswith("zh"))  # "of product GMV", "de las ventas"
            label = writer.label(block["metric"])
            sentence = w["pareto"].format(items=percent(0.2, locale, 0), by=block.get("label", block["by"]),
                                          count=count, metric=wording.inline(label), the_metric=wording.the(label),
                                          share=percent(ranked.iloc[:count].sum() / ranked.sum(), locale))
            assert "".join(shape_text(page, "Title").replace("\u2060", "").split()) == "".join(sentence.split()), section
        if "target_tree" in slide:
            tree = slide["target_tree"]
            given = tree["given"]
            need = {f: n.value(t) for f, t in given.items()}
            solved = next(f for f in tree["factors"] if f not in given)
            need[solved] = n.value(tree["target"]) / math.prod(need.values())
            for number, factor in enumerate(tree["factors"], start=1):
                assert shape_text(page, f"Factor {number} needed").endswith(writer.text(factor, need[factor])), factor
                now = n.value(factor)
                change = points(need[factor] - now, locale, 2) if writer.is_rate(factor) else \
                    change_percent(need[factor] / now - 1, locale)
                assert shape_text(page, f"Factor {number} change") == change, factor
        if slide.get("kpis"):
            metrics = [item["metric"] if isinstance(item, dict) else item for item in slide["kpis"]]
            shown = card_texts(writer, metrics, locale)
            for number, (item, metric) in enumerate(zip(slide["kpis"], metrics), start=1):
                deltas = lines(page, f"KPI {number} deltas")
                assert shape_text(page, f"KPI {number} value") == shown[metric], metric
                assert deltas[0].endswith(writer.change_text(metric)), metric
                if "previous" in slide.get("compare", []):
                    assert deltas[1].endswith(writer.text(metric, n.value(metric, "previous"))), metric
                if isinstance(item, dict) and item.get("target"):
                    assert deltas[-1].endswith(writer.ratio_text(metric, item["target"])), metric
        if "ladder" in slide:
            check_ladder(page, slide["ladder"], writer)
    highlights_page = next(p for p in deck.slides if shape_text(p, f"{w['highlights']} items") is not None)
    candidates = candidate_findings(outline, writer)
    top = outline["summary"].get("top", RULES["top"])
    check_findings(lines(highlights_page, f"{w['highlights']} items"), candidates, True, top)
    shortfalls = check_findings(lines(highlights_page, f"{w['shortfalls']} items"), candidates, False, top)
    assert "presale_share" in shortfalls  # the sample's story: the presale share fell below the 50–70% band


# ---------------------------------------------------------------------------------------- the sample


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("double11") / "double11.pptx"
    result = build(SAMPLE / "outline.yaml", out)
    assert result.warnings == []
    return out


@pytest.fixture(scope="module")
def deck(built):
    return Presentation(str(built))


@pytest.fixture(scope="module")
def outline():
    return load_outline(SAMPLE / "outline.yaml")


@pytest.fixture(scope="module")
def writer(outline):
    return Writer(outline, Numbers(DATA, "zh-CN"), "zh-CN")


def dividers(deck) -> list[str]:
    return [shape_text(s, "Title") for s in deck.slides if shape_text(s, "Section number") is not None]


def conclusions(deck, word: str) -> dict[str, str]:
    found = {}
    for slide in deck.slides:
        text = shape_text(slide, "Conclusion")
        if text is not None:
            found[shape_text(slide, "Section")] = text.removeprefix(word).strip()
    return found


def test_sample_has_the_campaign_structure(deck, outline):
    assert outline["deck"]["kind"] == "campaign"
    assert len(deck.slides) >= 20
    # cover, summary, agenda, the slides, 2 part dividers, highlights, the closing sentence, thank you
    assert len(deck.slides) == 3 + len(placed(outline)) + 2 + 1 + 1 + 1  # no table spilled over
    assert dividers(deck) == ["计划", "总结"]  # review (opened by the agenda) → plan → summary
    assert len(dividers(deck)) / len(deck.slides) <= 0.15
    titles = [shape_text(s, "Title") for s in deck.slides]
    assert "核心结论" not in titles and "亮点与不足" in titles  # the answer is slide 2, not re-read at the end
    assert shape_text(deck.slides[1], "Summary 1") is not None


def test_every_section_has_a_conclusion(deck):
    assert set(conclusions(deck, "小结")) == {*ZH_SECTIONS, *ZH_PLAN}


def test_the_outline_uses_the_campaign_features(outline):
    slides = [slide for _, _, slide, _ in placed(outline)]
    kinds = {key for slide in slides for key in slide if key not in ("title", "commentary", "notes")}
    assert {"kpis", "targets", "ladder", "funnel", "pareto", "drivers", "target_tree", "actions", "cards",
            "chart", "table"} <= kinds
    ladder = next(s["ladder"] for s in slides if "ladder" in s)
    assert ladder["baseline"] and {"target", "plan", "industry"} <= set(ladder)
    assert "presale_share" in outline["metrics"]
    assert outline["deck"]["period"]["baseline"] and outline["deck"]["period"]["previous"]
    assert any(s.get("chart", {}).get("period") == "2025-11-11..2025-11-11" for s in slides)
    assert outline["summary"]["highlights"] == "auto" and outline["summary"]["shortfalls"] == "auto"


def test_every_placeholder_metric_is_computed_here(outline, writer):
    assert placeholders(outline) <= set(writer.numbers.metrics)


def test_every_sentence_matches_independent_numbers(deck, outline, writer):
    assert check_sentences(deck, outline, writer, "zh-CN") > 60  # content titles are automatic: checked below


def test_executive_summary_and_automatic_titles_match_independent_numbers(deck, writer):
    n = writer.numbers

    def title(page) -> str:
        return shape_text(page, "Title").replace("\u2060", "")

    gmv, target = n.value("gmv"), n.value("gmv_target")
    assert title(deck.slides[1]) == (f"GMV {writer.text('gmv', gmv)}，同比 {writer.change_text('gmv')}，"
                                     f"目标达成率 {writer.ratio_text('gmv', 'gmv_target')}"
                                     f"（超出 {writer.text('gmv', gmv - target)}）")
    titles = [title(page) for page in deck.slides]
    kpis = f"GMV {writer.text('gmv', gmv)}，同比 {writer.change_text('gmv')}，目标达成率 {writer.ratio_text('gmv', 'gmv_target')}"
    assert kpis not in titles  # slide 2 said it: the KPI cards' title says what moved behind it
    uplift = writer.reference("gmv.uplift")
    assert f"GMV 同比 {writer.change_text('gmv')}，行业 {writer.change_text('industry_gmv')}，日均为日常的 {uplift}" in titles


def test_generated_sentences_match_independent_numbers(deck, outline, writer):
    check_generated(deck, outline, writer, "zh-CN")


def test_the_story_the_sample_tells(writer):
    """The findings the sample is built around, so a change to the generator cannot quietly remove them."""
    n = writer.numbers
    assert 1.0 <= n.value("gmv") / n.value("gmv_target") < 1.05  # on target, just
    assert n.value("presale_gmv") / n.value("presale_target") < 0.95
    assert n.value("main_gmv") / n.value("main_target") > 1.05
    assert 0.45 < n.value("presale_share") < 0.5 < n.value("presale_share", "previous")  # just below the band
    assert n.value("cvr") < n.value("cvr", "previous") and n.value("cvr") < n.value("cvr_target")
    assert n.value("roi") < n.value("roi_target") and n.value("feed_roi") < 1.5
    peak = n.daily[n.daily.date == "2025-11-11"].gmv.sum()
    assert 8 <= peak / (n.value("gmv", "baseline") / 30) <= 20  # the peak day against an ordinary day
    assert n.value("hero_sell_through") > 0.9
    assert n.value("clearance_sell_through") < 0.5
    assert n.value("desc_after") < n.value("desc_industry") < n.value("desc_before")


def test_data_is_consistent(writer):
    n = writer.numbers
    d = n.daily
    assert (d.buyers <= d.uv).all() and (d.orders >= d.buyers).all() and (d.units >= d.orders).all()
    assert (d.new_buyers + d.returning_buyers == d.buyers).all() and (d.ordered_amount >= d.gmv).all()
    shop = d.groupby(["date", "device"])[["buyers", "gmv"]].sum()
    by_source = n.sources.groupby(["date", "device"])[["buyers", "gmv"]].sum()
    assert (by_source.buyers == shop.loc[by_source.index].buyers).all()
    assert (by_source.gmv - shop.loc[by_source.index].gmv).abs().max() < 0.005
    campaign = d[(d.date >= "2025-10-21") & (d.date <= "2025-11-11")]
    assert n.inventory.units.sum() == campaign.units.sum()
    assert abs(n.inventory.gmv.sum() - campaign.gmv.sum()) < 0.01
    for year in (2024, 2025):
        hours = n.hourly[n.hourly.datetime.dt.year == year]
        day = d[d.date == f"{year}-11-11"]
        assert hours.buyers.sum() == day.buyers.sum() and abs(hours.gmv.sum() - day.gmv.sum()) < 0.005
    assert sum(p.stat().st_size for p in DATA.iterdir() if p.name != "README.md") < 1.5e6


def test_generator_writes_the_checked_in_data_byte_for_byte(tmp_path):
    generate(tmp_path / "a", "zh-CN")
    generate(tmp_path / "b", "zh-CN")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in DATA.iterdir() if p.name != "README.md")
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
        assert (tmp_path / "a" / name).read_bytes() == (DATA / name).read_bytes(), name


def test_generator_labels_by_locale_with_the_same_numbers(tmp_path):
    generate(tmp_path / "en", "en-US")
    generate(tmp_path / "es", "es-ES")
    zh = pd.read_csv(DATA / "shop_daily.csv")
    for folder, platform in (("en", "Tmall"), ("es", "Tmall")):
        other = pd.read_csv(tmp_path / folder / "shop_daily.csv")
        assert other.gmv.equals(zh.gmv) and other.uv.equals(zh.uv)
        assert platform in set(other.platform) and "天猫" not in set(other.platform)
    assert "Paid search" in set(pd.read_csv(tmp_path / "en" / "traffic_sources.csv").source)
    assert "Búsqueda" in set(pd.read_csv(tmp_path / "es" / "traffic_sources.csv").source)
    with pytest.raises(ValueError):
        generate(tmp_path / "xx", "fr-FR")


# ---------------------------------------------------------------------------------------- deckgen init


@pytest.fixture(scope="module", params=LOCALES)
def starter(request, tmp_path_factory):
    locale = request.param
    folder = tmp_path_factory.mktemp(f"campaign-{locale}") / "double11"
    outline_path = write_starter("campaign", locale, folder)
    result = build(outline_path, folder / "deck.pptx")
    return locale, folder, outline_path, result


def test_starter_builds_without_warnings(starter):
    locale, folder, outline_path, result = starter
    assert result.warnings == []
    assert result.slides >= 20
    assert (folder / "README.md").is_file() and (folder / "data" / "inventory.parquet").is_file()
    outline = load_outline(outline_path)
    assert outline["deck"]["locale"] == locale and outline["deck"]["kind"] == "campaign"


def test_starter_conclusions_match_independent_numbers(starter):
    locale, folder, outline_path, result = starter
    outline = load_outline(outline_path)
    writer = Writer(outline, Numbers(folder / "data", locale), locale)
    assert placeholders(outline) <= set(writer.numbers.metrics)
    deck = Presentation(str(result.output))
    found = conclusions(deck, WORDS[locale]["conclusion"])
    sections = [*outline["review"], *outline["plan"]]
    assert set(found) == {s["section"] for s in sections}
    for section in sections:
        assert found[section["section"]] == writer.fill(section["conclusion"]), section["section"]
    # e.g. "GMV reached 100.9% of target, but new buyers only 94.5% of theirs …", numbers written out here
    n = writer.numbers
    gmv, target = n.value("gmv"), n.value("gmv_target")
    new = n.value("new_buyers") / n.value("new_buyers_target")
    expected = {"zh-CN": f"GMV 达成目标的 {percent(gmv / target, locale)}，但新客只达成 {percent(new, locale)}",
                "en-US": f"GMV reached {percent(gmv / target, locale)} of target, but new buyers only "
                         f"{percent(new, locale)} of theirs",
                "es-ES": f"Las ventas alcanzaron el {percent(gmv / target, locale)} del objetivo, pero los compradores "
                         f"nuevos solo el {percent(new, locale)} del suyo"}
    second = found[sections[1]["section"]]
    assert second.startswith(expected[locale])  # not the answer a third time: what fell short behind it


def test_starter_sentences_and_findings_match_independent_numbers(starter):
    locale, folder, outline_path, result = starter
    outline = load_outline(outline_path)
    writer = Writer(outline, Numbers(folder / "data", locale), locale)
    deck = Presentation(str(result.output))
    check_sentences(deck, outline, writer, locale)
    check_generated(deck, outline, writer, locale)


def test_zh_starter_is_the_sample(starter):
    locale, folder, outline_path, _ = starter
    if locale != "zh-CN":
        pytest.skip("the zh-CN starter is the sample; the others are its translations")
    assert load_outline(outline_path) == load_outline(SAMPLE / "outline.yaml")
    for path in DATA.iterdir():
        if path.name != "README.md":
            assert (folder / "data" / path.name).read_bytes() == path.read_bytes(), path.name
