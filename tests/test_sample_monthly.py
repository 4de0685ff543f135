"""The monthly-report samples (zh-CN and es-ES) and the ``deckgen init --kind monthly`` starters.

Each sample is built once. Besides structure, every sentence on the slides that holds a number (titles,
commentary, conclusions, bullets, cards, highlights and shortfalls, the closing message, and the sentences the
analysis slides write) is compared, whole, with a sentence made here from a pandas computation on the sample's
data files, formatted by the small locale helpers below; nothing is taken from deckgen's own number code.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from sample_decks import card_rows, shown

from deckgen.pipeline import build
from deckgen.starters import write_starter
from deckgen.starters.monthly import FILES, generate

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = {"zh-CN": ROOT / "samples" / "monthly-report", "es-ES": ROOT / "samples" / "monthly-report-es"}
STARTERS = ROOT / "configs" / "starters" / "monthly"
NBSP = "\u00a0"

NOW, PRIOR, LAST_YEAR = "2025-11", "2025-10", "2024-11"

# The labels the outlines filter on, per locale (they are the sample data's values).
LABELS = {
    "zh-CN": {"mobile": "无线端", "pc": "PC端", "paid": "付费流量", "search": "手淘搜索", "d11": "双十一",
              "baseline": "日常", "desc": "描述相符", "service": "服务态度", "ship": "物流服务"},
    "es-ES": {"mobile": "Móvil", "pc": "PC", "paid": "Tráfico de pago", "search": "Búsqueda", "d11": "Doble 11",
              "baseline": "habitual", "desc": "Descripción", "service": "Atención", "ship": "Envío"},
    "en-US": {"mobile": "Mobile", "pc": "PC", "paid": "Paid traffic", "search": "Search", "d11": "Double 11",
              "baseline": "baseline", "desc": "Item as described", "service": "Service", "ship": "Shipping"},
}


# ------------------------------------------------------------------ number formats, written for the test


def rounded(value: float, places: int) -> Decimal:
    """Half up, as a reader rounds by hand."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def sign(value: float) -> str:
    return "+" if value > 0 else "-" if value < 0 else ""


def shared_decimals(numbers: list[str], zeros: str, unit: str) -> list[str]:
    """Trailing zero decimals dropped only when every number of the column has them."""
    if all(n.endswith(zeros) for n in numbers):
        numbers = [n.removesuffix(zeros) for n in numbers]
    return [n + unit for n in numbers]


class Zh:
    """zh-CN: 万 from ten thousand, 元 after money, 个百分点 for differences of rates."""

    label = "小结"

    @staticmethod
    def num(value: float, places: int) -> str:
        return f"{rounded(value, places):,.{places}f}"

    def money(self, value: float) -> str:
        if abs(value) >= 1e4:
            return self.num(value / 1e4, 1).removesuffix(".0") + "万元"
        return self.num(value, 0 if abs(value) >= 1000 else 1) + "元"

    def number(self, value: float) -> str:
        return self.num(value / 1e4, 1).removesuffix(".0") + "万" if abs(value) >= 1e4 else self.num(value, 0)

    def column(self, values: list[float], money: bool) -> list[str]:
        """One table column: the scale of its typical (lower median) value, its decimals shared."""
        typical = sorted(abs(v) for v in values)[(len(values) - 1) // 2]
        if typical >= 1e4:
            return shared_decimals([self.num(v / 1e4, 1) for v in values], ".0", "万元" if money else "万")
        places = (0 if max(map(abs, values)) >= 1000 else 1) if money else 0
        return [self.num(v, places) + ("元" if money else "") for v in values]

    def pct(self, ratio: float, places: int = 1) -> str:
        return self.num(ratio * 100, places) + "%"

    def change(self, ratio: float) -> str:
        return sign(ratio) + self.pct(abs(ratio))

    def points(self, difference: float, places: int = 1) -> str:
        return sign(difference) + self.num(abs(difference) * 100, places) + "个百分点"

    def phrase(self, ratio: float, base: str) -> str:
        return ("同比" if base == "yoy" else "环比") + ("增长" if ratio > 0 else "下降") + self.pct(abs(ratio))

    def dec(self, value: float, places: int = 2) -> str:
        return self.num(value, places)

    def multiple(self, value: float) -> str:
        return self.num(value, 1) + "倍"

    def plain_points(self, difference: float) -> str:  # paid_gap: a decimal with its unit
        return self.num(difference * 100, 1) + "个百分点"

    def seconds(self, value: float) -> str:
        return self.num(value, 1) + "秒"


class Es:
    """es-ES: "218.482", "1,15 M¥", "23,4 %" and "+0,4 p. p.", every space non-breaking."""

    label = "Conclusión"

    @staticmethod
    def num(value: float, places: int) -> str:
        text = f"{rounded(value, places):,.{places}f}"
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")

    def money(self, value: float) -> str:
        if abs(value) >= 1e6:
            return self.num(value / 1e6, 2).removesuffix(",00") + NBSP + "M¥"
        return self.num(value, 0 if abs(value) >= 1000 else 1) + NBSP + "¥"

    def number(self, value: float) -> str:
        return self.num(value / 1e6, 2).removesuffix(",00") + NBSP + "M" if abs(value) >= 1e6 else self.num(value, 0)

    def column(self, values: list[float], money: bool) -> list[str]:
        typical = sorted(abs(v) for v in values)[(len(values) - 1) // 2]
        if typical >= 1e6:
            return shared_decimals([self.num(v / 1e6, 2) for v in values], ",00", NBSP + ("M¥" if money else "M"))
        places = (0 if max(map(abs, values)) >= 1000 else 1) if money else 0
        return [self.num(v, places) + (NBSP + "¥" if money else "") for v in values]

    def pct(self, ratio: float, places: int = 1) -> str:
        return self.num(ratio * 100, places) + NBSP + "%"

    def change(self, ratio: float) -> str:
        return sign(ratio) + self.pct(abs(ratio))

    def points(self, difference: float, places: int = 1) -> str:
        return sign(difference) + self.num(abs(difference) * 100, places) + f"{NBSP}p.{NBSP}p."

    def phrase(self, ratio: float, base: str) -> str:
        return self.change(ratio) + (" interanual" if base == "yoy" else " intermensual")

    def dec(self, value: float, places: int = 2) -> str:
        return self.num(value, places)

    def multiple(self, value: float) -> str:
        return self.num(value, 1) + "×"

    def plain_points(self, difference: float) -> str:
        return self.num(difference * 100, 1) + f"{NBSP}p.{NBSP}p."

    def seconds(self, value: float) -> str:
        return self.num(value, 1) + NBSP + "s"


class En:
    """en-US: "¥1.15M", "95.6%", "up 32.3% MoM"."""

    label = "Takeaway"

    @staticmethod
    def num(value: float, places: int) -> str:
        return f"{rounded(value, places):,.{places}f}"

    def money(self, value: float) -> str:
        if abs(value) >= 1e6:
            return "¥" + self.num(value / 1e6, 2).removesuffix(".00") + "M"
        return "¥" + self.num(value, 0 if abs(value) >= 1000 else 1)

    def pct(self, ratio: float, places: int = 1) -> str:
        return self.num(ratio * 100, places) + "%"

    def phrase(self, ratio: float, base: str) -> str:
        return ("up " if ratio > 0 else "down ") + self.pct(abs(ratio)) + (" YoY" if base == "yoy" else " MoM")


# ------------------------------------------------------------------ the numbers, computed from the data files


def shown_difference(after: float, before: float, places: int) -> float:
    """A change in points as a reader gets it from the two rates shown: each rounded half up, then subtracted."""
    step = Decimal(1).scaleb(-places)
    return float(Decimal(repr(float(after) * 100)).quantize(step, ROUND_HALF_UP)
                 - Decimal(repr(float(before) * 100)).quantize(step, ROUND_HALF_UP)) / 100


def month(frame: pd.DataFrame, ym: str, column: str = "date") -> pd.DataFrame:
    return frame[frame[column].dt.strftime("%Y-%m") == ym]


def compute_facts(folder: Path, locale: str) -> dict[str, float]:
    lab = LABELS[locale]
    daily = pd.read_csv(folder / "shop_daily.csv", parse_dates=["date"])
    sources = pd.read_csv(folder / "traffic_sources.csv", parse_dates=["date"])
    service = pd.read_csv(folder / "service_monthly.csv", parse_dates=["date"])
    dsr = pd.read_csv(folder / "dsr_monthly.csv", parse_dates=["date"])
    targets = pd.read_csv(folder / "targets.csv", parse_dates=["month"])

    def shop(ym: str, device: str | None = None) -> dict[str, float]:
        rows = month(daily, ym)
        if device:
            rows = rows[rows.device == lab[device]]
        sums = rows[["uv", "pv", "orders", "buyers", "units", "gmv", "refund_amount", "inquiry_users",
                     "inquiry_buyers"]].sum()
        values = {k: float(v) for k, v in sums.items()}
        values.update(cvr=values["buyers"] / values["uv"], aov=values["gmv"] / values["buyers"],
                      depth=values["pv"] / values["uv"], refund_rate=values["refund_amount"] / values["gmv"],
                      inquiry_cvr=values["inquiry_buyers"] / values["inquiry_users"])
        return values

    def paid_share(ym: str) -> float:
        rows = month(sources, ym)
        return rows[rows.source_group == lab["paid"]].uv.sum() / rows.uv.sum()

    def target(metric: str, ym: str) -> float:
        rows = month(targets, ym, "month")
        return float(rows[rows.metric == metric].target_value.sum())

    def score(ym: str, dimension: str, column: str = "score") -> float:
        rows = month(dsr, ym)
        return float(rows[rows.dimension == lab[dimension]][column].mean())

    def serv(ym: str) -> pd.Series:
        return month(service, ym).iloc[0]

    now, prior, last = shop(NOW), shop(PRIOR), shop(LAST_YEAR)
    mobile_now, mobile_prior, mobile_last = shop(NOW, "mobile"), shop(PRIOR, "mobile"), shop(LAST_YEAR, "mobile")
    pc_now, _pc_prior = shop(NOW, "pc"), shop(PRIOR, "pc")
    src_now = month(sources, NOW)
    paid_now = src_now[src_now.source_group == lab["paid"]]
    paid_prior = month(sources, PRIOR)[month(sources, PRIOR).source_group == lab["paid"]]
    nov = month(daily, NOW)
    d11 = nov[nov.campaign == lab["d11"]]
    ordinary = nov[nov.day_type == lab["baseline"]]
    ytd = daily[(daily.date >= "2025-01-01") & (daily.date <= "2025-11-30")]
    year_targets = targets[(targets.metric == "gmv") & (targets.month.dt.year == 2025)]
    ytd_targets = year_targets[year_targets.month <= "2025-11-01"]
    by_day = nov.groupby("date").agg(gmv=("gmv", "sum"), buyers=("buyers", "sum"), uv=("uv", "sum"))

    # LMDI, year on year: G = uv × cvr × aov, effect of x = L(G1, G0) · ln(x1 / x0)
    factors = {"uv": (last["uv"], now["uv"]), "cvr": (last["cvr"], now["cvr"]), "aov": (last["aov"], now["aov"])}
    g0, g1 = math.prod(v[0] for v in factors.values()), math.prod(v[1] for v in factors.values())
    weight = (g1 - g0) / (math.log(g1) - math.log(g0))
    effects = {k: weight * math.log(v[1] / v[0]) for k, v in factors.items()}
    dominant = max(effects, key=effects.get)

    s_now, s_prior = serv(NOW), serv(PRIOR)
    f = {
        "uv": now["uv"], "uv_mom": now["uv"] / prior["uv"] - 1, "uv_yoy": now["uv"] / last["uv"] - 1,
        "uv_ly": last["uv"],
        "pv": now["pv"], "pv_mom": now["pv"] / prior["pv"] - 1, "pv_yoy": now["pv"] / last["pv"] - 1,
        "depth": now["depth"], "depth_mom": now["depth"] / prior["depth"] - 1,
        "depth_yoy": now["depth"] / last["depth"] - 1,
        "mobile_uv_share": mobile_now["uv"] / now["uv"],
        "mobile_uv_share_mom": mobile_now["uv"] / now["uv"] - mobile_prior["uv"] / prior["uv"],
        "mobile_uv_share_yoy": mobile_now["uv"] / now["uv"] - mobile_last["uv"] / last["uv"],
        "paid_uv": float(paid_now.uv.sum()), "paid_uv_mom": paid_now.uv.sum() / paid_prior.uv.sum() - 1,
        "paid_share": paid_share(NOW), "paid_share_mom": paid_share(NOW) - paid_share(PRIOR),
        "paid_share_yoy": shown_difference(paid_share(NOW), paid_share(LAST_YEAR), 1), "paid_plan": target("paid_share", NOW),
        "search_share": src_now[src_now.source == lab["search"]].gmv.sum() / src_now.gmv.sum(),
        "gmv": now["gmv"], "gmv_mom": now["gmv"] / prior["gmv"] - 1, "gmv_yoy": now["gmv"] / last["gmv"] - 1,
        "gmv_ly": last["gmv"], "gmv_target": target("gmv", NOW), "uv_target": target("uv", NOW),
        "cvr_target": target("cvr", NOW), "aov_target": target("aov", NOW),
        "orders": now["orders"], "orders_mom": now["orders"] / prior["orders"] - 1,
        "orders_yoy": now["orders"] / last["orders"] - 1,
        "buyers": now["buyers"], "buyers_mom": now["buyers"] / prior["buyers"] - 1,
        "buyers_yoy": now["buyers"] / last["buyers"] - 1,
        "units": now["units"], "units_mom": now["units"] / prior["units"] - 1,
        "units_yoy": now["units"] / last["units"] - 1,
        "cvr": now["cvr"], "cvr_mom": now["cvr"] - prior["cvr"], "cvr_yoy": now["cvr"] - last["cvr"],
        "cvr_ly": last["cvr"],
        "aov": now["aov"], "aov_mom": now["aov"] / prior["aov"] - 1, "aov_yoy": now["aov"] / last["aov"] - 1,
        "aov_ly": last["aov"],
        "refund_rate": now["refund_rate"], "refund_rate_mom": now["refund_rate"] - prior["refund_rate"],
        "refund_rate_yoy": now["refund_rate"] - last["refund_rate"],
        "inquiry_cvr": now["inquiry_cvr"], "inquiry_cvr_mom": now["inquiry_cvr"] - prior["inquiry_cvr"],
        "inquiry_cvr_yoy": now["inquiry_cvr"] - last["inquiry_cvr"],
        "mobile_gmv_share": mobile_now["gmv"] / now["gmv"],
        "pc_aov": pc_now["aov"],
        "gmv_ytd": float(ytd.gmv.sum()), "annual_target": float(year_targets.target_value.sum()),
        "gmv_target_ytd": float(ytd_targets.target_value.sum()),
        "dec_gmv": target("gmv", "2025-12"), "dec_uv": target("uv", "2025-12"),
        "dec_cvr": target("cvr", "2025-12"), "dec_aov": target("aov", "2025-12"),
        "effect_uv": effects["uv"], "effect_cvr": effects["cvr"], "effect_aov": effects["aov"],
        "dominant": ["uv", "cvr", "aov"].index(dominant),
        "dsr_desc": score(NOW, "desc"), "dsr_service": score(NOW, "service"), "dsr_ship": score(NOW, "ship"),
        "industry_desc": score(NOW, "desc", "industry_score"),
        "industry_service": score(NOW, "service", "industry_score"),
        "industry_ship": score(NOW, "ship", "industry_score"),
        "dsr_ship_change": score(NOW, "ship") - score(LAST_YEAR, "ship"),
        "complaints": float(s_now.complaints), "complaints_mom": s_now.complaints / s_prior.complaints - 1,
        "response": float(s_now.avg_response_seconds),
        "response_mom": s_now.avg_response_seconds / s_prior.avg_response_seconds - 1,
        "response_prior": float(s_prior.avg_response_seconds),
        "gmv_d11": float(d11.gmv.sum()), "d11_daily": d11.gmv.sum() / d11.date.nunique(),
        "normal_daily": ordinary.gmv.sum() / ordinary.date.nunique(),
        "peak_day": float(by_day.gmv.idxmax().day),
        "campaign_cvr": d11.buyers.sum() / d11.uv.sum(), "ordinary_cvr": ordinary.buyers.sum() / ordinary.uv.sum(),
        "d11_first": float(d11.date.min().day), "d11_last": float(d11.date.max().day),
        "ordinary_first": float(ordinary.date.min().day), "ordinary_last": float(ordinary.date.max().day),
    }
    f["d11_multiple"] = f["d11_daily"] / f["normal_daily"]
    f["paid_gap"] = f["paid_plan"] - f["paid_share"]
    f |= title_facts(f, nov, by_day, sources, service, mobile_now, mobile_prior, lab)
    return f


def title_facts(f, nov, by_day, sources, service, mobile_now, mobile_prior, lab) -> dict:
    """What the automatic titles and the executive summary state, computed here from the data."""

    def faster(column: str) -> tuple[str, float, str, float]:
        """By a column of the sources: the fastest-growing segment of 10%+ share against the largest one."""
        now = month(sources, NOW).groupby(column).uv.sum()
        prior = month(sources, PRIOR).groupby(column).uv.sum()
        growth = (now / prior - 1)[now / now.sum() >= 0.1]
        top, fast = (now / now.sum()).idxmax(), growth.idxmax()
        return fast, float(growth[fast]), top, float(growth[fast] - growth[top])

    g1, g0 = f["gmv"], f["gmv"] / (1 + f["gmv_mom"])
    weight = (g1 - g0) / (math.log(g1) - math.log(g0))  # LMDI, month on month
    cvr_prior = f["cvr"] - f["cvr_mom"]
    planned = f["uv_target"] * f["cvr_target"] * f["aov_target"]  # LMDI against the targets of the factors
    target_weight = (g1 - planned) / (math.log(g1) - math.log(planned))
    uv_prior = f["uv"] / (1 + f["uv_mom"])
    daily_gmv = by_day.gmv
    daily_cvr = by_day.buyers / by_day.uv
    s_now, s_prior = month(service, NOW).iloc[0], month(service, PRIOR).iloc[0]
    return {
        "source_fast": faster("source"), "group_fast": faster("source_group"),
        "mobile_uv_mom": mobile_now["uv"] / mobile_prior["uv"] - 1,
        "mobile_gmv_mom": mobile_now["gmv"] / mobile_prior["gmv"] - 1,
        "uv_prior": uv_prior, "cvr_prior": cvr_prior, "aov_prior": f["aov"] / (1 + f["aov_mom"]),
        "mom_effect_uv": weight * math.log(f["uv"] / uv_prior),
        "mom_effect_cvr": weight * math.log(f["cvr"] / cvr_prior),
        "target_effect_uv": target_weight * math.log(f["uv"] / f["uv_target"]),
        "peak_gmv": float(daily_gmv.max()), "median_gmv": float(daily_gmv.median()),
        "peak_cvr": float(daily_cvr.max()), "peak_cvr_day": float(daily_cvr.idxmax().day),
        "complaints_prior": float(s_prior.complaints),
        "negative": float(s_now.negative_reviews), "negative_prior": float(s_prior.negative_reviews),
    }


# ------------------------------------------------------------------ the sentences each outline must produce


def zh_sentences(f: dict[str, float]) -> list[str]:
    z = Zh()
    money, number, pct, change, points, phrase, dec = z.money, z.number, z.pct, z.change, z.points, z.phrase, z.dec
    gap = z.plain_points(f["paid_gap"])
    att, uv_att = pct(f["gmv"] / f["gmv_target"]), pct(f["uv"] / f["uv_target"])
    ytd_att = pct(f["gmv_ytd"] / f["annual_target"])
    conclusions = [
        (f"11 月访客数 {number(f['uv'])}，{phrase(f['uv_mom'], 'mom')}、{phrase(f['uv_yoy'], 'yoy')}，"
        f"无线端占 {pct(f['mobile_uv_share'])}；付费流量占比 {pct(f['paid_share'])}（环比 {points(f['paid_share_mom'])}），"
        f"比“六四原则”计划的 {pct(f['paid_plan'])} 低 {gap}。"),
        (f"缺口在流量：访客数只达成目标的 {uv_att}，转化率达成 {pct(f['cvr'] / f['cvr_target'])}；"
        f"1–11 月累计完成全年目标的 {ytd_att}。"),
        (f"描述相符 {dec(f['dsr_desc'])}、服务态度 {dec(f['dsr_service'])} 高于行业，物流服务 {dec(f['dsr_ship'])} "
        f"低于行业的 {dec(f['industry_ship'])}；投诉 {number(f['complaints'])} 起（环比 {change(f['complaints_mom'])}），"
        f"客服平均响应 {z.seconds(f['response'])}（环比 {change(f['response_mom'])}）。"),
        (f"双十一大促期销售额 {money(f['gmv_d11'])}，占全月 {pct(f['gmv_d11'] / f['gmv'])}；付费流量访客"
        f"{phrase(f['paid_uv_mom'], 'mom')}，询单转化率 {pct(f['inquiry_cvr'])}（环比 {points(f['inquiry_cvr_mom'])}）。"),
        (f"大促期（1–14 日）日均销售额 {money(f['d11_daily'])}，为日常日（15–30 日）日均 {money(f['normal_daily'])} "
        f"的 {z.multiple(f['d11_multiple'])}。"),
        (f"12 月销售额目标 {money(f['dec_gmv'])}（访客 {number(f['dec_uv'])}、转化率 {pct(f['dec_cvr'], 2)}、"
        f"客单价 {money(f['dec_aov'])}），双十二与付费引流是完成目标的关键。"),
    ]
    return conclusions + zh_titles(f) + [
        # 流量与来源
        "访客数为每日访客累加（日累加）；双十一 1–14 日为流量高峰。",
        f"付费流量访客 {number(f['paid_uv'])}，{phrase(f['paid_uv_mom'], 'mom')}",
        f"付费占比环比 {points(f['paid_share_mom'])}，同比 {points(f['paid_share_yoy'])}",
        f"比计划低 {gap}",
        # 成交概况
        f"访客数：{number(f['uv_ly'])} → {number(f['uv'])}（{change(f['uv_yoy'])}）",
        # the month-on-month bridge (sales first, then the month's change by its drivers)
        f"销售额环比 {change(f['gmv_mom'])}，主要由转化率拉动（+{money(f['mom_effect_cvr'])}）",
        f"访客数：{number(f['uv_prior'])} → {number(f['uv'])}（{change(f['uv_mom'])}）",
        f"转化率：{pct(f['cvr_prior'], 2)} → {pct(f['cvr'], 2)}（{points(f['cvr_mom'], 2)}）",
        f"客单价：{money(f['aov_prior'])} → {money(f['aov'])}（{change(f['aov_mom'])}）",
        f"转化率：{pct(f['cvr_ly'], 2)} → {pct(f['cvr'], 2)}（{points(f['cvr_yoy'], 2)}）",
        f"客单价：{money(f['aov_ly'])} → {money(f['aov'])}（{change(f['aov_yoy'])}）",
        f"销售额：实际 {money(f['gmv'])} / 目标 {money(f['gmv_target'])}",
        f"访客数：实际 {number(f['uv'])} / 目标 {number(f['uv_target'])}",
        f"转化率：实际 {pct(f['cvr'], 2)} / 目标 {pct(f['cvr_target'], 2)}",
        f"客单价：实际 {money(f['aov'])} / 目标 {money(f['aov_target'])}",
        f"1–11 月累计销售额 {money(f['gmv_ytd'])}，全年目标 {money(f['annual_target'])}",
        f"1–11 月月度目标合计 {money(f['gmv_target_ytd'])}",
        f"12 月目标 {money(f['dec_gmv'])}",
        # 服务情况
        f"DSR 对比行业：物流服务 {dec(f['dsr_ship'])}，低于行业的 {dec(f['industry_ship'])}",
        f"描述相符 {dec(f['dsr_desc'])}、服务态度 {dec(f['dsr_service'])}，均高于行业",
        f"物流服务较去年同期 {sign(f['dsr_ship_change'])}{dec(abs(f['dsr_ship_change']))}：11 日后单量集中，快递揽收延迟",
        # 本月工作
        (f"双十一：10 月 15 日开售、11 月 11 日爆发，本月大促期（1–14 日）销售额 {money(f['gmv_d11'])}，"
        f"占全月 {pct(f['gmv_d11'] / f['gmv'])}"),
        f"推广：直通车与万相台在大促期加投，付费流量访客 {number(f['paid_uv'])}，{phrase(f['paid_uv_mom'], 'mom')}",
        "商品：上新冬季冻干与除臭猫砂 6 款，主推款按去年双十一销量的 1.3 倍备货",
        f"客服：大促期增配 2 名临时客服，询单转化率 {pct(f['inquiry_cvr'])}（环比 {points(f['inquiry_cvr_mom'])}）",
        "会员：12–14 日返场期向已购会员发放 72 小时复购券",
        # 每日趋势
        f"大促期（1–14 日）日均 {money(f['d11_daily'])}",
        f"日常日（15–30 日）日均 {money(f['normal_daily'])}",
        f"同比 {points(f['cvr_yoy'], 2)}（去年同期 {pct(f['cvr_ly'], 2)}）",  # the title states the month and MoM
        # 下月计划
        f"12 月目标：销售额 {money(f['dec_gmv'])}",
        money(f["dec_gmv"]), number(f["dec_uv"]), pct(f["dec_cvr"], 2), money(f["dec_aov"]),
        f"11 月实际 {money(f['gmv'])}", f"全年目标 {money(f['annual_target'])}", f"11 月实际 {number(f['uv'])}",
        f"11 月实际 {pct(f['cvr'], 2)}", f"11 月实际 {money(f['aov'])}",
        # 运营总结
        f"销售额{phrase(f['gmv_yoy'], 'yoy')}，快于访客数（{change(f['uv_yoy'])}）",
        f"转化率达成目标的 {pct(f['cvr'] / f['cvr_target'])}（{pct(f['cvr'], 2)}，目标 {pct(f['cvr_target'], 2)}）",
        f"大促期日均销售额为日常日的 {z.multiple(f['d11_multiple'])}，无线端贡献 {pct(f['mobile_gmv_share'])} 的销售额",
        f"月度目标达成 {att}，访客数达成仅 {uv_att}",
        f"付费流量占比 {pct(f['paid_share'])}，比计划低 {gap}",
        (f"物流服务 {dec(f['dsr_ship'])}，低于行业的 {dec(f['industry_ship'])}；投诉 {number(f['complaints'])} 起"
        f"（环比 {change(f['complaints_mom'])}）"),
        f"退款率 {pct(f['refund_rate'])}（环比 {points(f['refund_rate_mom'])}）",
        f"分波次节奏有效：1–3 日、9–11 日两波集中投放，大促期日均为日常日的 {z.multiple(f['d11_multiple'])}",
        f"组合装拉高客单价：本月客单价 {money(f['aov'])}，{phrase(f['aov_mom'], 'mom')}",
        "返场复购券（12–14 日）保留，下次大促提前在详情页预告",
        "需要的支持：12 月推广预算增加 6 万元；年货节前增配 1 名仓储临时工",
        (f"11 月销售额 {money(f['gmv'])}，{phrase(f['gmv_mom'], 'mom')}、{phrase(f['gmv_yoy'], 'yoy')}，"
        f"月度目标达成 {att}；12 月以 {money(f['dec_gmv'])} 为目标，重点补齐付费流量与物流服务。"),
    ]


def zh_titles(f: dict[str, float]) -> list[str]:
    """The automatic titles and the executive summary (numbers and units never split: no word joiner here)."""
    z = Zh()
    money, number, pct, change, points = z.money, z.number, z.pct, z.change, z.points
    source, source_growth, source_top, source_gap = f["source_fast"]
    group, group_growth, group_top, group_gap = f["group_fast"]
    attainment = pct(f["gmv"] / f["gmv_target"])
    return [
        f"销售额 {money(f['gmv'])}，环比 {change(f['gmv_mom'])}，目标达成率 {attainment}（差 {money(f['gmv_target'] - f['gmv'])}）",
        (f"转化率从 {pct(f['cvr_prior'], 2)} 升至 {pct(f['cvr'], 2)}（{points(f['cvr_mom'], 2)}），"
        f"为销售额增加 {money(f['mom_effect_cvr'])}（见第\u00a07\u00a0页）"),  # the month-on-month bridge
        (f"访客数 {number(f['uv'])}，低于目标 {number(f['uv_target'])}，使销售额比目标少 "
         f"{money(-f['target_effect_uv'])}（见第\u00a05\u00a0页）"),  # the shortfall, pointing to the target bars
        (f"11/11 销售额 {money(f['peak_gmv'])}，为期内中位数（{money(f['median_gmv'])}）的 "
        f"{z.multiple(f['peak_gmv'] / f['median_gmv'])}（见第\u00a017\u00a0页）"),
        f"访客数 {number(f['uv'])}，环比 {change(f['uv_mom'])}；浏览量 {change(f['pv_mom'])}",
        f"无线端占访客数的 {pct(f['mobile_uv_share'])}，环比 {change(f['mobile_uv_mom'])}",
        f"{group}来源访客数环比 {change(group_growth)}，快于{group_top} {points(group_gap).lstrip('+')}",
        f"{source}来源访客数环比 {change(source_growth)}，快于{source_top} {points(source_gap).lstrip('+')}",
        # slide 2 answers sales: the KPI cards say what moved behind it, for better and for worse
        f"销售件数环比 {change(f['units_mom'])}，退款率环比 {points(f['refund_rate_mom'])}",
        f"无线端占销售额的 {pct(f['mobile_gmv_share'])}，环比 {change(f['mobile_gmv_mom'])}",
        f"销售额同比 {change(f['gmv_yoy'])}，主要由访客数拉动（+{money(f['effect_uv'])}）",
        f"4 项目标达成 2 项：转化率 {pct(f['cvr'] / f['cvr_target'])}，访客数仅 {pct(f['uv'] / f['uv_target'])}",
        (f"销售额同比 {change(f['gmv_yoy'])}，年度计划累计完成 {pct(f['gmv_ytd'] / f['annual_target'])}，"
        f"目标达成率 {attainment}"),
        (f"投诉数 {f['complaints_prior']:.0f} → {f['complaints']:.0f}（环比）；"
        f"差评数 {f['negative_prior']:.0f} → {f['negative']:.0f}"),
        f"11/11 销售额最高（{money(f['peak_gmv'])}），占全期销售额的 {pct(f['peak_gmv'] / f['gmv'])}",
        f"转化率 {pct(f['cvr'], 2)}，环比 {points(f['cvr_mom'], 2)}，11/{f['peak_cvr_day']:.0f}最高（{pct(f['peak_cvr'], 2)}）",
        f"12 月重点行动：销售额目标为 11 月实际的 {pct(f['dec_gmv'] / f['gmv'])}",
    ]


def es_titles(f: dict[str, float]) -> list[str]:
    e = Es()
    money, number, pct, change, points = e.money, e.number, e.pct, e.change, e.points
    source, source_growth, source_top, source_gap = f["source_fast"]
    group, group_growth, group_top, group_gap = f["group_fast"]
    attainment = pct(f["gmv"] / f["gmv_target"])
    return [
        (f"Ventas: {money(f['gmv'])}, {change(f['gmv_mom'])} intermensual, un {attainment} del objetivo "
        f"(faltan {money(f['gmv_target'] - f['gmv'])})"),
        (f"La tasa de conversión subió de {pct(f['cvr_prior'], 2)} a {pct(f['cvr'], 2)} ({points(f['cvr_mom'], 2)}) "
        f"y aportó {money(f['mom_effect_cvr'])} a las ventas (diapositiva\u00a07)"),
        (f"Visitantes únicos: {number(f['uv'])} frente a un objetivo de {number(f['uv_target'])}, "
         f"{money(-f['target_effect_uv'])} menos de ventas (diapositiva\u00a05)"),
        (f"11/11: ventas {money(f['peak_gmv'])}, {e.multiple(f['peak_gmv'] / f['median_gmv'])} la mediana del periodo "
        f"({money(f['median_gmv'])}) (diapositiva\u00a017)"),
        f"Visitantes únicos: {number(f['uv'])}, {change(f['uv_mom'])} intermensual; páginas vistas: {change(f['pv_mom'])}",
        f"Móvil concentra el {pct(f['mobile_uv_share'])} de los visitantes únicos, {change(f['mobile_uv_mom'])} intermensual",
        f"{group}: visitantes por fuente {change(group_growth)} intermensual, {points(group_gap).lstrip('+')} más que {group_top}",
        f"{source}: visitantes por fuente {change(source_growth)} intermensual, {points(source_gap).lstrip('+')} más que {source_top}",
        (f"Unidades vendidas: {change(f['units_mom'])} intermensual; tasa de reembolso: "
         f"{points(f['refund_rate_mom'])}"),
        f"Móvil concentra el {pct(f['mobile_gmv_share'])} de las ventas, {change(f['mobile_gmv_mom'])} intermensual",
        f"Ventas: {change(f['gmv_yoy'])} interanual; la mayor aportación, visitantes únicos (+{money(f['effect_uv'])})",
        (f"2 de 4 objetivos cumplidos: tasa de conversión, {pct(f['cvr'] / f['cvr_target'])}; "
        f"visitantes únicos, {pct(f['uv'] / f['uv_target'])}"),
        (f"Ventas: {change(f['gmv_yoy'])} interanual; {pct(f['gmv_ytd'] / f['annual_target'])} del plan anual acumulado; "
        f"un {attainment} del objetivo"),
        (f"Reclamaciones: {f['complaints_prior']:.0f} → {f['complaints']:.0f} (intermensual); "
        f"valoraciones negativas: {f['negative_prior']:.0f} → {f['negative']:.0f}"),
        f"Máximo de las ventas en 11/11 ({money(f['peak_gmv'])}): el {pct(f['peak_gmv'] / f['gmv'])} del total del periodo",
        (f"Tasa de conversión: {pct(f['cvr'], 2)}, {points(f['cvr_mom'], 2)} intermensual; "
         f"máximo en 11/{f['peak_cvr_day']:.0f} ({pct(f['peak_cvr'], 2)})"),
        f"Acciones clave de diciembre: objetivo de ventas del {pct(f['dec_gmv'] / f['gmv'])} de noviembre",
    ]


def es_sentences(f: dict[str, float]) -> list[str]:
    e = Es()
    money, number, pct, change, points, phrase, dec = e.money, e.number, e.pct, e.change, e.points, e.phrase, e.dec
    gap = e.plain_points(f["paid_gap"])
    att, uv_att = pct(f["gmv"] / f["gmv_target"]), pct(f["uv"] / f["uv_target"])
    ytd_att = pct(f["gmv_ytd"] / f["annual_target"])
    conclusions = [
        (f"Noviembre sumó {number(f['uv'])} visitantes únicos ({phrase(f['uv_mom'], 'mom')}, "
        f"{phrase(f['uv_yoy'], 'yoy')}), el {pct(f['mobile_uv_share'])} en móvil; el tráfico de pago fue el "
        f"{pct(f['paid_share'])} ({points(f['paid_share_mom'])} intermensual), {gap} por debajo del "
        f"{pct(f['paid_plan'])} previsto."),
        (f"La brecha está en el tráfico: los visitantes cumplen solo el {uv_att} de su objetivo y la conversión, el "
        f"{pct(f['cvr'] / f['cvr_target'])}; de enero a noviembre se acumula el {ytd_att} del objetivo anual."),
        (f"Descripción ({dec(f['dsr_desc'])}) y atención ({dec(f['dsr_service'])}) superan al sector, pero el envío "
        f"({dec(f['dsr_ship'])}) queda por debajo de {dec(f['industry_ship'])}; {number(f['complaints'])} reclamaciones "
        f"({change(f['complaints_mom'])} intermensual) y respuesta media de {e.seconds(f['response'])} "
        f"({change(f['response_mom'])} intermensual)."),
        (f"Del 1 al 14 de noviembre el Doble 11 generó {money(f['gmv_d11'])}, el {pct(f['gmv_d11'] / f['gmv'])} del mes; "
        f"visitantes de pago {phrase(f['paid_uv_mom'], 'mom')} y conversión de consultas del {pct(f['inquiry_cvr'])} "
        f"({points(f['inquiry_cvr_mom'])} intermensual)."),
        (f"En campaña (días 1 a 14) la venta media diaria fue de {money(f['d11_daily'])}, "
        f"{e.multiple(f['d11_multiple'])} la de un día habitual (días 15 a 30: {money(f['normal_daily'])})."),
        (f"Objetivo de diciembre: {money(f['dec_gmv'])} ({number(f['dec_uv'])} visitantes, conversión del "
        f"{pct(f['dec_cvr'], 2)} y ticket medio de {money(f['dec_aov'])}); el Doble 12 y el tráfico de pago son la clave."),
    ]
    return conclusions + es_titles(f) + [
        # Tráfico y fuentes
        "Los visitantes se suman día a día; el Doble 11 concentra el tráfico entre el 1 y el 14 de noviembre.",
        f"Visitantes de pago: {number(f['paid_uv'])}, {phrase(f['paid_uv_mom'], 'mom')}",
        f"Cuota de pago: {points(f['paid_share_mom'])} intermensual y {points(f['paid_share_yoy'])} interanual",
        f"Plan «seis-cuatro» de la tienda (60 % de pago, 40 % gratuito): {pct(f['paid_plan'])}; {gap} por debajo",
        # Ventas y pedidos
        f"Visitantes únicos: {number(f['uv_ly'])} → {number(f['uv'])} ({change(f['uv_yoy'])})",
        (f"Ventas: {change(f['gmv_mom'])} intermensual; la mayor aportación, tasa de conversión "
         f"(+{money(f['mom_effect_cvr'])})"),
        f"Visitantes únicos: {number(f['uv_prior'])} → {number(f['uv'])} ({change(f['uv_mom'])})",
        f"Tasa de conversión: {pct(f['cvr_prior'], 2)} → {pct(f['cvr'], 2)} ({points(f['cvr_mom'], 2)})",
        f"Ticket medio: {money(f['aov_prior'])} → {money(f['aov'])} ({change(f['aov_mom'])})",
        f"Tasa de conversión: {pct(f['cvr_ly'], 2)} → {pct(f['cvr'], 2)} ({points(f['cvr_yoy'], 2)})",
        f"Ticket medio: {money(f['aov_ly'])} → {money(f['aov'])} ({change(f['aov_yoy'])})",
        f"Ventas: Real {money(f['gmv'])} / Objetivo {money(f['gmv_target'])}",
        f"Visitantes únicos: Real {number(f['uv'])} / Objetivo {number(f['uv_target'])}",
        f"Tasa de conversión: Real {pct(f['cvr'], 2)} / Objetivo {pct(f['cvr_target'], 2)}",
        f"Ticket medio: Real {money(f['aov'])} / Objetivo {money(f['aov_target'])}",
        f"Acumulado enero–noviembre: {money(f['gmv_ytd'])}",
        f"Objetivo anual: {money(f['annual_target'])}",
        f"Objetivos mensuales enero–noviembre: {money(f['gmv_target_ytd'])}",
        f"Objetivo de diciembre: {money(f['dec_gmv'])}",
        # Servicio al cliente
        f"DSR frente al sector: envío {dec(f['dsr_ship'])}, por debajo de la media de {dec(f['industry_ship'])}",
        f"Descripción {dec(f['dsr_desc'])} y atención {dec(f['dsr_service'])}, por encima del sector",
        (f"Envío: {sign(f['dsr_ship_change'])}{dec(abs(f['dsr_ship_change']))} frente a noviembre de 2024; tras el día 11 "
        f"se acumularon pedidos y la recogida se retrasó"),
        # Trabajo del mes
        (f"Doble 11: a la venta desde el 15 de octubre y día grande el 11 de noviembre; del 1 al 14 de noviembre, ventas de "
        f"{money(f['gmv_d11'])}, el {pct(f['gmv_d11'] / f['gmv'])} del mes"),
        (f"Publicidad: más inversión en anuncios de búsqueda y campañas automáticas; {number(f['paid_uv'])} visitantes de "
        f"pago, {phrase(f['paid_uv_mom'], 'mom')}"),
        ("Producto: 6 novedades de invierno (liofilizados y arena antiolor); stock de los productos estrella a 1,3 veces "
        "las ventas del Doble 11 de 2024"),
        (f"Atención al cliente: 2 personas de refuerzo durante la campaña; conversión de consultas del "
        f"{pct(f['inquiry_cvr'])} ({points(f['inquiry_cvr_mom'])} intermensual)"),
        "Fidelización: cupón de recompra de 72 horas para los compradores del 12 al 14 de noviembre",
        # Evolución diaria
        f"Media diaria en campaña (días 1 a 14): {money(f['d11_daily'])}",
        f"Media diaria habitual (días 15 a 30): {money(f['normal_daily'])}",
        f"Interanual: {points(f['cvr_yoy'], 2)} (hace un año, {pct(f['cvr_ly'], 2)})",
        # Plan para diciembre
        f"Objetivo de diciembre: ventas de {money(f['dec_gmv'])}",
        money(f["dec_gmv"]), number(f["dec_uv"]), pct(f["dec_cvr"], 2), money(f["dec_aov"]),
        f"Noviembre: {money(f['gmv'])}", f"Objetivo anual: {money(f['annual_target'])}", f"Noviembre: {number(f['uv'])}",
        f"Noviembre: {pct(f['cvr'], 2)}", f"Noviembre: {money(f['aov'])}",
        # Resumen del mes
        f"Ventas {phrase(f['gmv_yoy'], 'yoy')}, por encima de los visitantes ({change(f['uv_yoy'])})",
        (f"Conversión al {pct(f['cvr'] / f['cvr_target'])} de su objetivo ({pct(f['cvr'], 2)} frente a "
         f"{pct(f['cvr_target'], 2)})"),
        (f"Venta diaria en campaña {e.multiple(f['d11_multiple'])} la de un día habitual; el móvil aporta el "
        f"{pct(f['mobile_gmv_share'])} de las ventas"),
        f"Objetivo mensual cumplido al {att}; visitantes, solo al {uv_att}",
        f"Tráfico de pago del {pct(f['paid_share'])}, {gap} por debajo del plan",
        (f"DSR de envío {dec(f['dsr_ship'])}, por debajo del sector ({dec(f['industry_ship'])}); "
        f"{number(f['complaints'])} reclamaciones ({change(f['complaints_mom'])} intermensual)"),
        f"Tasa de reembolso del {pct(f['refund_rate'])} ({points(f['refund_rate_mom'])} intermensual)",
        (f"Funciona la campaña por oleadas (inversión en los días 1–3 y 9–11): la venta diaria en campaña es "
         f"{e.multiple(f['d11_multiple'])} la habitual"),
        f"Los packs suben el ticket medio: {money(f['aov'])} en noviembre, {phrase(f['aov_mom'], 'mom')}",
        ("El cupón de recompra (días 12 a 14) se mantiene; en la próxima campaña se anunciará antes en la ficha "
        "de producto"),
        ("Apoyo necesario: 60.000 ¥ más de publicidad en diciembre y 1 persona temporal en el almacén antes del "
        "Festival de Año Nuevo Chino"),
        (f"Noviembre cerró con ventas de {money(f['gmv'])} ({phrase(f['gmv_mom'], 'mom')}, {phrase(f['gmv_yoy'], 'yoy')}) "
        f"y el {att} del objetivo mensual; el objetivo de diciembre es {money(f['dec_gmv'])}, con foco en el tráfico "
        f"de pago y el envío."),
    ]


EXPECTED: dict[str, Callable[[dict[str, float]], list[str]]] = {"zh-CN": zh_sentences, "es-ES": es_sentences}
FORMAT = {"zh-CN": Zh(), "es-ES": Es()}


# ------------------------------------------------------------------ the decks


@pytest.fixture(scope="module", params=list(SAMPLES))
def sample(request, tmp_path_factory):
    locale = request.param
    out = tmp_path_factory.mktemp("monthly") / f"monthly-{locale}.pptx"
    result = build(SAMPLES[locale] / "outline.yaml", out)
    assert result.warnings == []
    return locale, Presentation(str(out))


@pytest.fixture(scope="module")
def facts() -> dict[str, dict[str, float]]:
    return {locale: compute_facts(folder / "data", locale) for locale, folder in SAMPLES.items()}


def texts(slide, name: str) -> list[str]:
    return [shown(s.text_frame.text) for s in slide.shapes if s.name == name and s.has_text_frame]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[\n\v]", text) if p.strip()]


SENTENCE_SHAPES = re.compile(r"^(Title|Commentary|Bullets|Callout text|Summary \d+|Bullet \d+|Card \d+ (text|figure)|.+ items)$")


def sentences(deck, conclusion_label: str) -> list[str]:
    """Every sentence of the content slides (those with a section breadcrumb, and the closing message)."""
    found = []
    for slide in deck.slides:
        names = {s.name for s in slide.shapes}
        if "Section" not in names and "Callout text" not in names:
            continue
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            if shape.name == "Conclusion":
                found.append(shown(shape.text_frame.text).strip().removeprefix(conclusion_label).strip())
            elif SENTENCE_SHAPES.match(shape.name):  # titles keep a number and its unit together with a word joiner
                found += paragraphs(shown(shape.text_frame.text).replace("\u2060", ""))
    return found


def conclusions(deck, conclusion_label: str) -> dict[str, str]:
    return {texts(slide, "Section")[0]: texts(slide, "Conclusion")[0].removeprefix(conclusion_label).strip()
            for slide in deck.slides if texts(slide, "Conclusion")}


def dividers(deck) -> list[str]:
    return [texts(slide, "Title")[0] for slide in deck.slides if texts(slide, "Section number")]


# ------------------------------------------------------------------ structure

# sales against target first, then the month-on-month change and its drivers, then traffic, service and work
SECTIONS = {
    "zh-CN": ["成交概况", "流量与来源", "服务情况", "本月工作", "每日趋势", "下月计划", "运营总结"],
    "es-ES": ["Ventas y pedidos", "Tráfico y fuentes", "Servicio al cliente", "Trabajo del mes", "Evolución diaria",
              "Plan para diciembre", "Resumen del mes"],
}
PARTS = {"zh-CN": ["回顾", "计划", "总结"], "es-ES": ["Revisión", "Plan", "Resumen"]}
SUMMARY_TITLES = {"zh-CN": ("亮点与不足",), "es-ES": ("Puntos fuertes y débiles",)}
OLD_SUMMARY = {"zh-CN": "核心结论", "es-ES": "Conclusiones clave"}  # section conclusions are no longer re-read


def test_the_deck_has_the_monthly_structure(sample):
    locale, deck = sample
    assert len(deck.slides) == 27
    assert dividers(deck) == PARTS[locale][1:]  # one divider per part but the first, which the agenda opens
    # the agenda lists what the dividers announce, in the same words
    assert [t for i in range(1, 8) for t in texts(deck.slides[2], f"Agenda item {i}")] == PARTS[locale]
    assert len(dividers(deck)) / len(deck.slides) <= 0.15
    titles = [t for slide in deck.slides for t in texts(slide, "Title")]
    assert set(SUMMARY_TITLES[locale]) <= set(titles) and OLD_SUMMARY[locale] not in titles
    assert texts(deck.slides[1], "Summary 1")  # the executive summary right after the cover
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 6  # the month-on-month bridge too
    tables = [s for slide in deck.slides for s in slide.shapes if s.has_table]
    assert len(tables) == 5  # and the two two-row tables (by device) as comparison cards


def test_every_section_has_a_conclusion_with_numbers(sample):
    locale, deck = sample
    found = conclusions(deck, FORMAT[locale].label)
    assert list(found) == SECTIONS[locale][:-1]
    assert all(re.search(r"\d", text) for text in found.values())


def test_every_run_is_tagged_with_the_locale(sample):
    locale, deck = sample
    for slide in deck.slides:
        for run in slide.shapes._spTree.iter(qn("a:r")):
            props = run.find(qn("a:rPr"))
            assert props is not None and props.get("lang") == locale
            assert props.find(qn("a:latin")).get("typeface") and props.find(qn("a:ea")).get("typeface")


def test_every_shape_is_inside_the_slide(sample):
    _, deck = sample
    width, height = deck.slide_width, deck.slide_height
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= width + 1 and shape.top + shape.height <= height + 1, (number, shape.name)


def test_sample_data_is_what_the_generator_writes(tmp_path):
    for locale, folder in SAMPLES.items():
        generate(tmp_path / locale, locale)
        again = tmp_path / f"{locale}-again"
        generate(again, locale)
        for name in FILES:
            written = (tmp_path / locale / name).read_bytes()
            assert written == (again / name).read_bytes(), (locale, name)
            assert written == (folder / "data" / name).read_bytes(), (locale, name)


def test_sample_data_is_consistent():
    folder = SAMPLES["zh-CN"] / "data"
    daily = pd.read_csv(folder / "shop_daily.csv")
    sources = pd.read_csv(folder / "traffic_sources.csv")
    assert daily.date.min() == "2024-10-01" and daily.date.max() == "2025-11-30" and len(daily) == 426 * 2
    assert (daily.pv >= daily.uv).all() and (daily.buyers <= daily.uv).all()
    assert (daily.orders >= daily.buyers).all() and (daily.units >= daily.orders).all()
    assert (daily.inquiry_buyers <= daily[["inquiry_users", "buyers"]].min(axis=1)).all()
    assert (daily.refund_amount <= daily.gmv).all()
    per_day = sources.groupby(["date", "device"])[["buyers", "gmv"]].sum()
    shop = daily.set_index(["date", "device"]).loc[per_day.index]
    assert (per_day.buyers == shop.buyers).all()
    assert ((per_day.gmv * 100).round() == (shop.gmv * 100).round()).all()
    assert (sources.uv >= sources.buyers).all()


# ------------------------------------------------------------------ every number in every sentence


def test_every_sentence_with_a_number_is_computed_from_the_data(sample, facts):
    locale, deck = sample
    expected = {s for s in EXPECTED[locale](facts[locale]) if re.search(r"\d", s)}
    found = {s for s in sentences(deck, FORMAT[locale].label) if re.search(r"\d", s)}
    assert sorted(found - expected) == [], "sentences on the slides that the data does not give"
    assert sorted(expected - found) == [], "expected sentences missing from the slides"


def test_sentences_that_state_a_fact_in_words_are_true(facts):
    for f in facts.values():
        assert f["peak_day"] == 11  # 11 日单日峰值 / pico el día 11
        assert f["normal_daily"] < f["d11_daily"]  # 15 日后回落
        assert (f["d11_first"], f["d11_last"], f["ordinary_first"], f["ordinary_last"]) == (1, 14, 15, 30)
        assert f["campaign_cvr"] > f["ordinary_cvr"]  # 大促日转化率抬升
        assert f["paid_share"] < f["paid_plan"]  # 远低于计划
        assert f["dsr_desc"] > f["industry_desc"] and f["dsr_service"] > f["industry_service"]
        assert f["dsr_ship"] < f["industry_ship"]
        assert f["complaints_mom"] > 0 and f["response_mom"] > 0  # 投诉与响应时长上升
        assert f["gmv"] < f["gmv_target"] and f["uv"] / f["uv_target"] < f["gmv"] / f["gmv_target"]  # 访客缺口最大
        assert f["pc_aov"] > f["aov"]


def test_sales_kpi_cards(sample, facts):
    locale, deck = sample
    fmt, f = FORMAT[locale], facts[locale]
    mom, yoy, att = {"zh-CN": ("环比", "同比", "目标达成率"),
                     "es-ES": ("intermensual", "interanual", "Cumplimiento del objetivo")}[locale]
    slide = next(s for s in deck.slides if texts(s, "KPI 1 value") and texts(s, "KPI 8 value"))
    cards = [(texts(slide, f"KPI {i} value")[0], " ".join(texts(slide, f"KPI {i} deltas")[0].split()))
             for i in range(1, 9)]

    def amount(key: str) -> str:
        return f"{mom} {fmt.change(f[key + '_mom'])} {yoy} {fmt.change(f[key + '_yoy'])}"

    def rate(key: str, places: int = 1) -> str:
        return f"{mom} {fmt.points(f[key + '_mom'], places)} {yoy} {fmt.points(f[key + '_yoy'], places)}"

    norm = " ".join
    assert cards == [
        (fmt.money(f["gmv"]), norm((amount("gmv") + f" {att} " + fmt.pct(f["gmv"] / f["gmv_target"])).split())),
        *zip(fmt.column([f["orders"], f["buyers"], f["units"]], money=False),  # one card group, one scale
             [norm(amount(key).split()) for key in ("orders", "buyers", "units")]),
        (fmt.pct(f["cvr"], 2), norm(rate("cvr", 2).split())),
        (fmt.money(f["aov"]), norm(amount("aov").split())),
        (fmt.pct(f["refund_rate"]), norm(rate("refund_rate").split())),
        (fmt.pct(f["inquiry_cvr"]), norm(rate("inquiry_cvr").split())),
    ]


def test_orders_by_device_table(sample):
    locale, deck = sample
    fmt, lab = FORMAT[locale], LABELS[locale]
    data = SAMPLES[locale] / "data"
    daily = pd.read_csv(data / "shop_daily.csv", parse_dates=["date"])
    # two devices: a two-row table, drawn as comparison cards
    rows = next(rows for slide in deck.slides if (rows := card_rows(slide)) and rows[0][0] == lab["mobile"]
                and len(rows[0]) == 9)
    columns = []
    for device in (lab["mobile"], lab["pc"]):  # sorted by GMV, largest first
        now, prior = (month(daily, ym)[month(daily, ym).device == device].sum(numeric_only=True) for ym in (NOW, PRIOR))
        cvr, cvr0 = now.buyers / now.uv, prior.buyers / prior.uv
        aov, aov0 = now.gmv / now.buyers, prior.gmv / prior.buyers
        columns.append([device, now.gmv, fmt.change(now.gmv / prior.gmv - 1), now.orders, now.buyers, fmt.pct(cvr, 2),
                        fmt.points(cvr - cvr0, 2), aov, fmt.change(aov / aov0 - 1)])
    expected = [list(row) for row in zip(*[  # amounts: one scale and one set of decimals per column
        fmt.column(list(values), money=index in (1, 7)) if index in (1, 3, 4, 7) else list(values)
        for index, values in enumerate(zip(*columns))
    ])]
    assert rows == expected


# ------------------------------------------------------------------ deckgen init --kind monthly


def test_starter_outlines_are_the_samples(tmp_path):
    for locale, folder in SAMPLES.items():
        sample = (folder / "outline.yaml").read_text(encoding="utf-8")
        starter = (STARTERS / f"outline.{locale}.yaml").read_text(encoding="utf-8")
        body = sample[sample.index("\ndeck:\n"):]
        assert starter[starter.index("\ndeck:\n"):] == body


STARTER_CONCLUSION = {  # not the answer a third time: where the gap to target lies
    "zh-CN": lambda f, z: (f"缺口在流量：访客数只达成目标的 {z.pct(f['uv'] / f['uv_target'])}，转化率达成 "
                           f"{z.pct(f['cvr'] / f['cvr_target'])}；1–11 月累计完成全年目标的 "
                           f"{z.pct(f['gmv_ytd'] / f['annual_target'])}。"),
    "es-ES": lambda f, e: (f"La brecha está en el tráfico: los visitantes cumplen solo el {e.pct(f['uv'] / f['uv_target'])} "
                           f"de su objetivo y la conversión, el {e.pct(f['cvr'] / f['cvr_target'])}; de enero a noviembre "
                           f"se acumula el {e.pct(f['gmv_ytd'] / f['annual_target'])} del objetivo anual."),
    "en-US": lambda f, n: (f"The gap is traffic: visitors reached only {n.pct(f['uv'] / f['uv_target'])} of target while "
                           f"conversion reached {n.pct(f['cvr'] / f['cvr_target'])}; January–November adds up to "
                           f"{n.pct(f['gmv_ytd'] / f['annual_target'])} of the annual target."),
}
STARTER_SECTION = {"zh-CN": "成交概况", "es-ES": "Ventas y pedidos", "en-US": "Sales and orders"}
STARTER_FORMAT = {"zh-CN": Zh(), "es-ES": Es(), "en-US": En()}


@pytest.mark.parametrize("locale", ["zh-CN", "en-US", "es-ES"])
def test_init_monthly_builds_without_warnings(locale, tmp_path):
    outline = write_starter("monthly", locale, tmp_path / "report")
    assert sorted(p.name for p in (tmp_path / "report" / "data").iterdir()) == sorted(FILES)
    assert (tmp_path / "report" / "README.md").read_text(encoding="utf-8").startswith("# ")
    result = build(outline, tmp_path / "report.pptx")
    assert result.warnings == []
    deck = Presentation(str(tmp_path / "report.pptx"))
    assert len(deck.slides) == 27
    fmt = STARTER_FORMAT[locale]
    f = compute_facts(tmp_path / "report" / "data", locale)
    assert conclusions(deck, fmt.label)[STARTER_SECTION[locale]] == STARTER_CONCLUSION[locale](f, fmt)
