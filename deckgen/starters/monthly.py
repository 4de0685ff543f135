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
every run writes byte-identical files. The parameters are data: ``configs/starters/monthly.yaml``.

The story in the numbers: 双十一 2025 opens on 15 October and peaks on 11 November, so November
grows strongly on October and moderately on November 2024, but misses its monthly GMV target; paid
traffic rises yet stays far below the 60% of the "六四原则" plan; the shipping DSR falls below the
industry after the peak, and complaints and response times rise with the volume.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

from .engine import config

P = SimpleNamespace(**config("monthly"))
FILES = P.files


def _lift_table() -> dict[date, tuple[float, float, float]]:
    """Multipliers (uv, cvr, aov) per campaign day; days not listed are 1.0 (``lift_spans``)."""
    lift: dict[date, tuple[float, float, float]] = {}
    for first, last, factors in P.lift_spans:
        day = first
        while day <= last:
            lift[day] = factors
            day += timedelta(days=1)
    return lift


# ------------------------------------------------------------------------------------------------ public


def generate(folder: Path, locale: str = "zh-CN") -> None:
    """Write the monthly report's data files into ``folder`` (created if missing)."""
    if locale not in P.labels:
        raise ValueError(f"no monthly sample data in {locale}; locales: {', '.join(P.labels)}")
    labels = P.labels[locale]
    rng = np.random.default_rng(P.seed)
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
    return [P.start + timedelta(days=i) for i in range((P.end - P.start).days + 1)]


def _progress(day: date) -> float:
    """0 on the first day, 1 on the last."""
    return (day - P.start).days / (P.end - P.start).days


def _campaign_of(day: date) -> str:
    for key, first, last in P.campaigns:
        if first <= day <= last:
            return key
    return ""


def _shop_daily(rng: np.random.Generator) -> pd.DataFrame:
    lift = _lift_table()
    rows = []
    for day in _days():
        years = (day - P.start).days / 365.0
        uv_lift, cvr_lift, aov_lift = lift.get(day, (1.0, 1.0, 1.0))
        campaign = _campaign_of(day)
        busy = uv_lift >= 1.3  # a campaign wave: more pages, more questions, more multi-buys
        total_uv = (P.uv_start * (1 + P.uv_growth) ** years * P.weekday_uv[day.weekday()] * P.month_uv[day.month - 1]
                    * uv_lift * math.exp(rng.normal(0.0, 0.05)))
        mobile_share = _lerp(P.devices["mobile"]["share"], _progress(day)) + (0.02 if busy else 0.0)
        for device in ("pc", "mobile"):
            d = P.devices[device]
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
        years = (day - P.start).days / 365.0
        campaign_bump = P.paid_share[2] if lift.get(day, (1.0,))[0] >= 1.1 else 0.0
        paid = P.paid_share[0] + P.paid_share[1] * years + campaign_bump + rng.normal(0.0, 0.012)
        paid += 0.03 if record.device == "pc" else 0.0  # search ads weigh more on PC
        source_uv_total = record.uv * P.multi_touch
        uvs, weights = [], []
        for _, group, share, relative in P.sources:
            group_share = paid if group == "paid" else 1.0 - paid
            uv = round(source_uv_total * group_share * share * math.exp(rng.normal(0.0, 0.06)))
            uvs.append(max(uv, 1))
            weights.append(uvs[-1] * relative)
        weights = np.array(weights) / sum(weights)
        buyers = rng.multinomial(record.buyers, weights)
        cents = _split_cents(round(record.gmv * 100), buyers * np.exp(rng.normal(0.0, 0.05, len(P.sources))))
        depth = record.pv / record.uv if record.uv else 1.0
        for (key, group, _, _), uv, buyer_count, cent in zip(P.sources, uvs, buyers, cents):
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
    months, year, month = [], P.start.year, P.start.month
    while (year, month) <= (P.end.year, P.end.month):
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
    rows = []
    for month in _months():
        for key, (shop_score, industry) in P.dsr_base.items():
            score = shop_score + rng.normal(0.0, 0.006)
            if key == "ship" and month.endswith("-11"):
                score -= 0.025 if month == "2024-11" else 0.055
            rows.append({"date": f"{month}-01", "dimension": key, "score": round(score, 2),
                         "industry_score": round(industry + rng.normal(0.0, 0.004), 2)})
    return pd.DataFrame(rows)


def _targets() -> pd.DataFrame:
    rows = []
    for month, gmv in P.gmv_targets.items():
        year = int(month[:4])
        cvr = P.cvr_targets.get(month, P.cvr_target_default)
        aov = P.aov_targets.get(month, P.aov_target_default[year - 2024])
        uv = int(round(gmv / (cvr * aov), -2))
        for metric, value in (("gmv", gmv), ("uv", uv), ("cvr", cvr), ("aov", aov), ("paid_share", P.paid_share_plan)):
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
