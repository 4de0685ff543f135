"""Sample data for the monthly report (月度运营简报): a small-to-mid Tmall pet-supplies shop.

``generate(folder, locale)`` writes five CSV files (UTF-8, comma-separated, ISO dates) covering
2024-10-01 … 2025-11-30, so that November 2025 compares with October 2025 (month on month) and with
November 2024 (year on year), and the year to date runs from January 2025:

=======================  =====================================================================
shop_daily.csv           店铺日报: date × device (uv, pv, orders, buyers, units, gmv, refunds,
                         customer-service inquiries, campaign, day_type)
traffic_sources.csv      流量来源: date × device × source, grouped paid / free
service_monthly.csv      服务月报: complaints, negative and positive reviews, returns, response time
dsr_monthly.csv          DSR: month × dimension (as described / service / shipping), shop vs industry
targets.csv              目标: month × metric (gmv, uv, cvr, aov monthly; paid_share plan = 60%)
=======================  =====================================================================

The numbers do not depend on the locale: only the labels (device, traffic source and group,
campaign, day type, DSR dimension) are written in the locale's language; column names are English
snake_case. Everything is drawn from one ``numpy.random.default_rng(SEED)`` in a fixed order, so
every run writes byte-identical files.

The story in the numbers: 双十一 2025 opens on 15 October and peaks on 11 November, so November
grows strongly on October and moderately on November 2024, but misses its monthly GMV target; paid
traffic rises yet stays far below the 60% of the "六四原则" plan; the shipping DSR falls below the
industry after the peak, and complaints and response times rise with the volume.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20251130
START = date(2024, 10, 1)
END = date(2025, 11, 30)

FILES = ("shop_daily.csv", "traffic_sources.csv", "service_monthly.csv", "dsr_monthly.csv", "targets.csv")

# ------------------------------------------------------------------------------------------------ labels

LABELS: dict[str, dict[str, object]] = {
    "zh-CN": {
        "device": {"pc": "PC端", "mobile": "无线端"},
        "group": {"paid": "付费流量", "free": "免费流量"},
        "source": {"search": "手淘搜索", "recommend": "手淘推荐", "direct": "直接访问", "cart": "收藏加购",
                   "content": "内容与直播", "search_ads": "直通车", "display_ads": "引力魔方",
                   "smart_ads": "万相台", "affiliate": "淘宝客"},
        "campaign": {"d11": "双十一", "d12": "双十二", "nhj": "年货节", "618": "618"},
        "day_type": {"campaign": "大促", "baseline": "日常"},
        "dsr": {"desc": "描述相符", "service": "服务态度", "ship": "物流服务"},
    },
    "es-ES": {
        "device": {"pc": "PC", "mobile": "Móvil"},
        "group": {"paid": "Tráfico de pago", "free": "Tráfico gratuito"},
        "source": {"search": "Búsqueda", "recommend": "Recomendaciones", "direct": "Acceso directo",
                   "cart": "Favoritos y carrito", "content": "Contenido y directos",
                   "search_ads": "Anuncios de búsqueda", "display_ads": "Anuncios display",
                   "smart_ads": "Campañas automáticas", "affiliate": "Afiliados"},
        "campaign": {"d11": "Doble 11", "d12": "Doble 12", "nhj": "Fiesta de Año Nuevo", "618": "618"},
        "day_type": {"campaign": "campaña", "baseline": "habitual"},
        "dsr": {"desc": "Descripción", "service": "Atención", "ship": "Envío"},
    },
    "en-US": {
        "device": {"pc": "PC", "mobile": "Mobile"},
        "group": {"paid": "Paid traffic", "free": "Free traffic"},
        "source": {"search": "Search", "recommend": "Recommendations", "direct": "Direct", "cart": "Favourites & cart",
                   "content": "Content & live", "search_ads": "Search ads", "display_ads": "Display ads",
                   "smart_ads": "Smart campaigns", "affiliate": "Affiliates"},
        "campaign": {"d11": "Double 11", "d12": "Double 12", "nhj": "New Year Festival", "618": "618"},
        "day_type": {"campaign": "campaign", "baseline": "baseline"},
        "dsr": {"desc": "Item as described", "service": "Service", "ship": "Shipping"},
    },
}

# ------------------------------------------------------------------------------------------------ model

#: Shop UV (both devices) on an ordinary Tuesday at START, and its yearly growth.
UV_START = 5_000
UV_GROWTH = 0.12
#: Weekday effect (Mon..Sun) on UV; pet owners shop more on Sundays and Mondays.
WEEKDAY_UV = (1.03, 1.00, 0.98, 0.97, 0.96, 1.02, 1.06)
#: Month effect (Jan..Dec) on UV.
MONTH_UV = (1.00, 0.93, 1.00, 1.00, 1.02, 1.00, 0.95, 0.95, 1.00, 1.00, 1.00, 1.03)
#: Spring Festival 2025 (29 January): couriers stop, traffic and conversion drop.
SPRING_FESTIVAL = (date(2025, 1, 24), date(2025, 2, 5))

#: Per device: (UV share at START, at END), base CVR, base AOV at START, at END, pages per visitor,
#: inquiry rate (咨询用户 / UV).
DEVICES = {
    "pc": {"share": (0.125, 0.105), "cvr": 0.0190, "aov": (182.0, 188.0), "depth": 4.2, "callin": 0.038},
    "mobile": {"share": (0.875, 0.895), "cvr": 0.0262, "aov": (147.0, 155.0), "depth": 3.4, "callin": 0.028},
}

#: Campaign windows: (key, first day, last day).
CAMPAIGNS = (
    ("d11", date(2024, 10, 14), date(2024, 11, 11)),
    ("d12", date(2024, 12, 9), date(2024, 12, 12)),
    ("nhj", date(2025, 1, 6), date(2025, 1, 19)),
    ("618", date(2025, 5, 13), date(2025, 6, 20)),
    ("d11", date(2025, 10, 15), date(2025, 11, 14)),
)


def _lift_table() -> dict[date, tuple[float, float, float]]:
    """Multipliers (uv, cvr, aov) per campaign day; days not listed are 1.0."""
    lift: dict[date, tuple[float, float, float]] = {}

    def span(first: date, last: date, factors: tuple[float, float, float]) -> None:
        day = first
        while day <= last:
            lift[day] = factors
            day += timedelta(days=1)

    # 双十一 2024: presale deposits from 14 Oct, first payment wave on 21 Oct, peak on 11 Nov.
    span(date(2024, 10, 14), date(2024, 10, 20), (1.30, 0.80, 1.02))
    span(date(2024, 10, 21), date(2024, 10, 21), (3.10, 2.10, 1.14))
    span(date(2024, 10, 22), date(2024, 10, 31), (1.25, 1.10, 1.05))
    span(date(2024, 11, 1), date(2024, 11, 3), (1.70, 1.35, 1.06))
    span(date(2024, 11, 4), date(2024, 11, 9), (1.15, 1.00, 1.03))
    span(date(2024, 11, 10), date(2024, 11, 10), (2.00, 1.50, 1.10))
    span(date(2024, 11, 11), date(2024, 11, 11), (4.70, 2.45, 1.19))
    span(date(2024, 11, 12), date(2024, 11, 24), (0.92, 0.90, 0.99))  # after the peak: demand pulled forward
    # 双十二 2024
    span(date(2024, 12, 9), date(2024, 12, 11), (1.20, 1.10, 1.03))
    span(date(2024, 12, 12), date(2024, 12, 12), (1.90, 1.50, 1.08))
    # 年货节 2025
    span(date(2025, 1, 6), date(2025, 1, 19), (1.15, 1.08, 1.04))
    span(SPRING_FESTIVAL[0], SPRING_FESTIVAL[1], (0.80, 0.78, 0.97))
    # 618 2025: opening wave 13–20 May, second wave 31 May – 3 June, peak on 18 June.
    span(date(2025, 5, 13), date(2025, 5, 13), (2.40, 1.80, 1.10))
    span(date(2025, 5, 14), date(2025, 5, 20), (1.35, 1.15, 1.05))
    span(date(2025, 5, 21), date(2025, 5, 30), (1.10, 1.00, 1.02))
    span(date(2025, 5, 31), date(2025, 6, 3), (1.45, 1.25, 1.06))
    span(date(2025, 6, 4), date(2025, 6, 17), (1.10, 1.00, 1.02))
    span(date(2025, 6, 18), date(2025, 6, 18), (3.00, 2.00, 1.12))
    span(date(2025, 6, 19), date(2025, 6, 20), (1.20, 1.05, 1.03))
    # 双十一 2025: on sale from 15 Oct (no deposits), second wave from 1 Nov, peak on 11 Nov, tail to 14 Nov.
    span(date(2025, 10, 15), date(2025, 10, 15), (2.60, 1.80, 1.10))
    span(date(2025, 10, 16), date(2025, 10, 20), (1.30, 1.15, 1.05))
    span(date(2025, 10, 21), date(2025, 10, 31), (1.08, 1.00, 1.02))
    span(date(2025, 11, 1), date(2025, 11, 3), (1.70, 1.35, 1.07))
    span(date(2025, 11, 4), date(2025, 11, 8), (1.15, 1.02, 1.04))
    span(date(2025, 11, 9), date(2025, 11, 10), (1.90, 1.45, 1.09))
    span(date(2025, 11, 11), date(2025, 11, 11), (5.00, 2.55, 1.21))
    span(date(2025, 11, 12), date(2025, 11, 14), (1.40, 1.20, 1.05))
    span(date(2025, 11, 15), date(2025, 11, 25), (0.92, 0.90, 0.99))
    return lift


#: Traffic sources: (key, group, share of the group's UV, buyers per UV relative to the shop).
SOURCES = (
    ("search", "free", 0.40, 1.20),
    ("recommend", "free", 0.25, 0.55),
    ("direct", "free", 0.12, 1.55),
    ("cart", "free", 0.13, 2.10),
    ("content", "free", 0.10, 0.80),
    ("search_ads", "paid", 0.40, 1.00),
    ("display_ads", "paid", 0.20, 0.45),
    ("smart_ads", "paid", 0.30, 0.85),
    ("affiliate", "paid", 0.10, 1.70),
)
#: Σ source UV / shop UV: one visitor can arrive through several sources on a day.
MULTI_TOUCH = 1.12
#: Paid share of source UV at START, its yearly rise, and the extra share on campaign days.
PAID_SHARE = (0.300, 0.035, 0.060)

#: Monthly GMV targets (元), set with the yearly plan; 2025 sums to the annual target.
GMV_TARGETS = {
    "2024-10": 800_000, "2024-11": 1_000_000, "2024-12": 700_000,
    "2025-01": 640_000, "2025-02": 500_000, "2025-03": 620_000, "2025-04": 620_000, "2025-05": 820_000,
    "2025-06": 880_000, "2025-07": 620_000, "2025-08": 640_000, "2025-09": 660_000, "2025-10": 840_000,
    "2025-11": 1_200_000, "2025-12": 760_000,
}
#: Planned conversion rate and AOV per month (campaign months higher); UV target = GMV / (CVR × AOV).
CVR_TARGETS = {"2024-10": 0.0270, "2024-11": 0.0300, "2025-05": 0.0270, "2025-06": 0.0270, "2025-10": 0.0265,
               "2025-11": 0.0305, "2025-12": 0.0265}
AOV_TARGETS = {"2024-10": 156.0, "2024-11": 162.0, "2025-05": 158.0, "2025-06": 160.0, "2025-10": 160.0,
               "2025-11": 168.0, "2025-12": 160.0}
CVR_TARGET_DEFAULT = 0.0255
AOV_TARGET_DEFAULT = (150.0, 158.0)  # 2024, 2025
PAID_SHARE_PLAN = 0.60  # 六四原则: six parts paid, four parts free


# ------------------------------------------------------------------------------------------------ public


def generate(folder: Path, locale: str = "zh-CN") -> None:
    """Write the monthly report's data files into ``folder`` (created if missing)."""
    if locale not in LABELS:
        raise ValueError(f"no monthly sample data in {locale}; locales: {', '.join(LABELS)}")
    labels = LABELS[locale]
    rng = np.random.default_rng(SEED)
    shop = _shop_daily(rng)
    sources = _traffic_sources(rng, shop)
    service = _service_monthly(rng, shop)
    dsr = _dsr_monthly(rng)
    targets = _targets()

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _write(_localise_shop(shop, labels), folder / "shop_daily.csv")
    _write(_localise_sources(sources, labels), folder / "traffic_sources.csv")
    _write(service, folder / "service_monthly.csv")
    _write(_localise_dsr(dsr, labels), folder / "dsr_monthly.csv")
    _write(targets, folder / "targets.csv")


# ------------------------------------------------------------------------------------------------ tables


def _days() -> list[date]:
    return [START + timedelta(days=i) for i in range((END - START).days + 1)]


def _progress(day: date) -> float:
    """0 at START, 1 at END."""
    return (day - START).days / (END - START).days


def _campaign_of(day: date) -> str:
    for key, first, last in CAMPAIGNS:
        if first <= day <= last:
            return key
    return ""


def _shop_daily(rng: np.random.Generator) -> pd.DataFrame:
    lift = _lift_table()
    rows = []
    for day in _days():
        years = (day - START).days / 365.0
        uv_lift, cvr_lift, aov_lift = lift.get(day, (1.0, 1.0, 1.0))
        campaign = _campaign_of(day)
        busy = uv_lift >= 1.3  # a campaign wave: more pages, more questions, more multi-buys
        total_uv = (UV_START * (1 + UV_GROWTH) ** years * WEEKDAY_UV[day.weekday()] * MONTH_UV[day.month - 1]
                    * uv_lift * math.exp(rng.normal(0.0, 0.05)))
        mobile_share = _lerp(DEVICES["mobile"]["share"], _progress(day)) + (0.02 if busy else 0.0)
        for device in ("pc", "mobile"):
            d = DEVICES[device]
            share = mobile_share if device == "mobile" else 1.0 - mobile_share
            uv = round(total_uv * share * math.exp(rng.normal(0.0, 0.03)))
            depth = d["depth"] * (1.12 if busy else 1.0) * math.exp(rng.normal(0.0, 0.04))
            pv = round(uv * depth)
            cvr = d["cvr"] * cvr_lift * (1.0 - 0.03 * years) * math.exp(rng.normal(0.0, 0.06))
            buyers = round(uv * cvr)
            orders = buyers + int(rng.binomial(buyers, 0.09 if busy else 0.05))
            units = orders + int(rng.poisson(orders * (0.75 if busy else 0.55)))
            aov = _lerp(d["aov"], _progress(day)) * aov_lift * math.exp(rng.normal(0.0, 0.035))
            gmv = round(buyers * aov, 2)
            refund_rate = (0.075 if busy else 0.045) * math.exp(rng.normal(0.0, 0.15))
            refund = round(gmv * refund_rate, 2)
            inquiry_users = round(uv * d["callin"] * (1.25 if busy else 1.0) * math.exp(rng.normal(0.0, 0.05)))
            inquiry_rate = (0.45 if busy else 0.40) * math.exp(rng.normal(0.0, 0.05))
            inquiry_buyers = min(round(inquiry_users * inquiry_rate), buyers)
            rows.append({
                "date": day.isoformat(), "device": device, "uv": uv, "pv": pv, "orders": orders, "buyers": buyers,
                "units": units, "gmv": gmv, "refund_amount": refund, "inquiry_users": inquiry_users,
                "inquiry_buyers": inquiry_buyers, "campaign": campaign,
                "day_type": "campaign" if campaign else "baseline",
            })
    return pd.DataFrame(rows)


def _traffic_sources(rng: np.random.Generator, shop: pd.DataFrame) -> pd.DataFrame:
    """Per date × device × source; buyers and GMV add up to the shop's exactly (GMV to the cent)."""
    rows = []
    lift = _lift_table()
    for record in shop.itertuples(index=False):
        day = date.fromisoformat(record.date)
        years = (day - START).days / 365.0
        campaign_bump = PAID_SHARE[2] if lift.get(day, (1.0,))[0] >= 1.1 else 0.0
        paid = PAID_SHARE[0] + PAID_SHARE[1] * years + campaign_bump + rng.normal(0.0, 0.012)
        paid += 0.03 if record.device == "pc" else 0.0  # search ads weigh more on PC
        source_uv_total = record.uv * MULTI_TOUCH
        uvs, weights = [], []
        for _, group, share, relative in SOURCES:
            group_share = paid if group == "paid" else 1.0 - paid
            uv = round(source_uv_total * group_share * share * math.exp(rng.normal(0.0, 0.06)))
            uvs.append(max(uv, 1))
            weights.append(uvs[-1] * relative)
        weights = np.array(weights) / sum(weights)
        buyers = rng.multinomial(record.buyers, weights)
        cents = _split_cents(round(record.gmv * 100), buyers * np.exp(rng.normal(0.0, 0.05, len(SOURCES))))
        depth = record.pv / record.uv if record.uv else 1.0
        for (key, group, _, _), uv, buyer_count, cent in zip(SOURCES, uvs, buyers, cents):
            uv = max(uv, int(buyer_count))
            rows.append({
                "date": record.date, "device": record.device, "source_group": group, "source": key, "uv": uv,
                "pv": round(uv * depth * math.exp(rng.normal(0.0, 0.05))), "buyers": int(buyer_count),
                "gmv": cent / 100,
            })
    return pd.DataFrame(rows)


def _split_cents(total: int, weights: np.ndarray) -> list[int]:
    """Split an amount in cents by weights, largest remainder first, so the parts add up exactly."""
    if total == 0 or weights.sum() <= 0:
        return [0] * len(weights)
    exact = weights / weights.sum() * total
    parts = np.floor(exact).astype(np.int64)
    order = np.argsort(-(exact - parts), kind="stable")
    for i in order[: total - int(parts.sum())]:
        parts[i] += 1
    return [int(p) for p in parts]


def _months() -> list[str]:
    months, year, month = [], START.year, START.month
    while (year, month) <= (END.year, END.month):
        months.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _service_monthly(rng: np.random.Generator, shop: pd.DataFrame) -> pd.DataFrame:
    """Customer service per month; busier months bring more complaints and slower answers."""
    orders = shop.assign(month=shop.date.str[:7]).groupby("month").orders.sum()
    rows = []
    for month in _months():
        count = int(orders[month])
        peak = month.endswith("-11")
        complaints = int(rng.poisson(count * (0.0026 if peak else 0.0017)))
        negative = int(rng.poisson(count * (0.0068 if peak else 0.0050)))
        positive = int(rng.binomial(count, 0.52))
        returns = int(rng.poisson(count * (0.031 if peak else 0.022)))
        seconds = (26.0 if peak else 17.0) + (1.5 if month == "2025-11" else 0.0) + rng.normal(0.0, 0.8)
        rows.append({"date": f"{month}-01", "complaints": complaints, "negative_reviews": negative,
                     "positive_reviews": positive, "returns": returns, "avg_response_seconds": round(seconds, 1)})
    return pd.DataFrame(rows)


def _dsr_monthly(rng: np.random.Generator) -> pd.DataFrame:
    """Shop and industry DSR per month; shipping slips below the industry after 双十一 2025."""
    base = {"desc": (4.86, 4.81), "service": (4.87, 4.83), "ship": (4.82, 4.80)}
    rows = []
    for month in _months():
        for key, (shop_score, industry) in base.items():
            score = shop_score + rng.normal(0.0, 0.006)
            if key == "ship" and month.endswith("-11"):
                score -= 0.025 if month == "2024-11" else 0.055
            rows.append({"date": f"{month}-01", "dimension": key, "score": round(score, 2),
                         "industry_score": round(industry + rng.normal(0.0, 0.004), 2)})
    return pd.DataFrame(rows)


def _targets() -> pd.DataFrame:
    rows = []
    for month, gmv in GMV_TARGETS.items():
        year = int(month[:4])
        cvr = CVR_TARGETS.get(month, CVR_TARGET_DEFAULT)
        aov = AOV_TARGETS.get(month, AOV_TARGET_DEFAULT[year - 2024])
        uv = int(round(gmv / (cvr * aov), -2))
        for metric, value in (("gmv", gmv), ("uv", uv), ("cvr", cvr), ("aov", aov), ("paid_share", PAID_SHARE_PLAN)):
            rows.append({"month": f"{month}-01", "year": year, "metric": metric, "target_value": _number(value)})
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------------------------------ output


def _localise_shop(frame: pd.DataFrame, labels: dict) -> pd.DataFrame:
    return frame.assign(device=frame.device.map(labels["device"]),
                        campaign=frame.campaign.map(lambda key: labels["campaign"].get(key, "")),
                        day_type=frame.day_type.map(labels["day_type"]))


def _localise_sources(frame: pd.DataFrame, labels: dict) -> pd.DataFrame:
    return frame.assign(device=frame.device.map(labels["device"]), source_group=frame.source_group.map(labels["group"]),
                        source=frame.source.map(labels["source"]))


def _localise_dsr(frame: pd.DataFrame, labels: dict) -> pd.DataFrame:
    return frame.assign(dimension=frame.dimension.map(labels["dsr"]))


def _write(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def _number(value: float) -> str:
    """1200000 rather than 1200000.0; rates as they are (0.0305)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _lerp(ends: tuple[float, float], t: float) -> float:
    return ends[0] + (ends[1] - ends[0]) * t
