"""The campaign model: the calendar of campaign nodes and phases, and every table of the campaign sample
before it is labelled and written. Parameters: ``configs/starters/campaign.yaml``, read once into ``P``."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import numpy as np
import pandas as pd

from .engine import config

LOCALES = ("zh-CN", "en-US", "es-ES")


def _parameters() -> SimpleNamespace:
    """The YAML's pairs back as the model's keys: (year, kind) shares, (year, stage) DSR, (month, day) profiles."""
    raw = dict(config("campaign"))
    for key in ("source_shares", "dsr_values"):
        raw[key] = {(year, inner): value for year, row in raw[key].items() for inner, value in row.items()}
    raw["d11_profile"] = {year: {tuple(int(part) for part in day.split("-")): lift for day, lift in days.items()}
                          for year, days in raw["d11_profile"].items()}
    return SimpleNamespace(**raw)


P = _parameters()


def label(labels: tuple[str, str, str], locale: str) -> str:
    return labels[LOCALES.index(locale)]


def _interp(path: tuple[float, float], day: dt.date) -> float:
    share = (day - P.first_day).days / (P.last_day - P.first_day).days
    return path[0] + (path[1] - path[0]) * share


def _in(day: dt.date, span: tuple[tuple[int, int], tuple[int, int]]) -> bool:
    return span[0] <= (day.month, day.day) <= span[1]


def _phase(day: dt.date) -> str | None:
    if _in(day, P.presale):
        return "presale"
    if _in(day, P.main):
        return "main"
    return None


def _days() -> list[dt.date]:
    return [P.first_day + dt.timedelta(days=n) for n in range((P.last_day - P.first_day).days + 1)]


def _node(day: dt.date) -> tuple[str | None, float, float, float]:
    """(campaign code, visitors ×, conversion ×, AOV ×) for a day."""
    profile = P.d11_profile[day.year].get((day.month, day.day))
    if profile:
        return ("d11", *profile)
    for code, first, last, peak, lift, peak_lift in P.other_nodes[day.year]:
        if first <= (day.month, day.day) <= last:
            if peak and (day.month, day.day) == peak:
                return code, peak_lift, *P.other_node_lift["peak"]
            return code, lift, *P.other_node_lift["days"]
    if _in(day, P.after):
        return None, P.after_dip, P.after_cvr, 1.0
    return None, 1.0, 1.0, 1.0


def _day_lift(day: dt.date) -> float:
    """The expected GMV of a campaign day against an ordinary day (visitors × conversion × AOV)."""
    uv_x, cvr_x, aov_x = P.d11_profile[day.year][(day.month, day.day)]
    return uv_x * cvr_x * aov_x


def _phase_lift(year: int, phase: str) -> float:
    """The mean lift of a phase's days, the peak day left out."""
    days = [dt.date(year, m, d) for m, d in P.d11_profile[year] if (m, d) != (11, 11)]
    return float(np.mean([_day_lift(day) for day in days if _phase(day) == phase]))


def _allocate(total: int, weights: np.ndarray) -> np.ndarray:
    """Split an integer total in proportion to weights (largest remainder); the parts add up exactly."""
    weights = np.asarray(weights, dtype=float)
    if total <= 0 or weights.sum() <= 0:
        return np.zeros(len(weights), dtype=np.int64)
    raw = total * weights / weights.sum()
    parts = np.floor(raw).astype(np.int64)
    rest = int(total - parts.sum())
    order = np.lexsort((np.arange(len(raw)), -(raw - parts)))  # largest remainder first, ties by position
    parts[order[:rest]] += 1
    return parts


def _whole(value: float) -> int:
    """Rounded to the nearest whole number (halves to even), as a Python int."""
    return int(np.rint(value))


def money(cents: np.ndarray | int) -> np.ndarray:
    return np.asarray(cents, dtype=np.int64) / 100.0


def build_shop_daily(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for day in _days():
        code, uv_x, cvr_x, aov_x = _node(day)
        season = P.month_season[day.month - 1] * (P.weekday[day.weekday()] if code is None else 1.0)
        uv_day = _interp(P.uv_path, day) * season * uv_x * float(np.exp(rng.normal(0, 0.035)))
        cvr_day = _interp(P.cvr_path, day) * cvr_x * float(np.exp(rng.normal(0, 0.02)))
        aov_day = _interp(P.aov_path, day) * aov_x * float(np.exp(rng.normal(0, 0.015)))
        campaign_day = code == "d11"
        jd_share = _interp(P.jd_uv_share, day) - (0.02 if campaign_day else 0.0)
        mobile_share = _interp(P.mobile_uv_share, day)
        items = (1.45 if day.year == 2024 else 1.48) * (
            (1.10 if day.year == 2024 else 1.17) if campaign_day else 1.0)
        new_share = 0.70 if not campaign_day else (0.70 if day.year == 2024 else 0.665)
        callin = 0.046 if campaign_day else 0.032
        inquiry_cvr = (0.48 if day.year == 2024 else 0.45) if campaign_day else 0.42
        refund_rate = 0.095 if campaign_day else 0.07
        pay_rate = 0.90 if campaign_day else 0.93
        for platform in P.platforms:
            for device in P.devices:
                share = (jd_share if platform == "jd" else 1 - jd_share) * (
                    mobile_share if device == "mobile" else 1 - mobile_share)
                uv = _whole(uv_day * share * float(np.exp(rng.normal(0, 0.02))))
                cvr = cvr_day * P.device_cvr[device] * P.platform_cvr[platform]
                buyers = _whole(uv * cvr)
                aov = aov_day * P.device_aov[device] * P.platform_aov[platform]
                gmv_cents = _whole(buyers * aov * 100)
                orders = buyers + _whole(buyers * float(rng.uniform(0.04, 0.09)))
                units = max(orders, _whole(buyers * items * float(rng.uniform(0.98, 1.02))))
                new = _whole(buyers * new_share * float(rng.uniform(0.97, 1.03)))
                returning = buyers - new
                weight = returning * 1.25
                returning_cents = _whole(gmv_cents * weight / (weight + new)) if buyers else 0
                inquiry_users = _whole(uv * callin * float(rng.uniform(0.95, 1.05)))
                inquiry_buyers = min(buyers, inquiry_users, _whole(inquiry_users * inquiry_cvr))
                refund_cents = _whole(gmv_cents * refund_rate * float(rng.uniform(0.85, 1.15)))
                ordered_cents = _whole(gmv_cents / pay_rate)
                rows.append((day, platform, device, code, _phase(day) if code == "d11" else None, uv,
                             _whole(uv * (3.3 if campaign_day else 2.8) * float(rng.uniform(0.97, 1.03))),
                             ordered_cents, gmv_cents, orders, buyers, units, new, returning, returning_cents,
                             inquiry_users, inquiry_buyers, refund_cents))
    return pd.DataFrame(rows, columns=[
        "date", "platform", "device", "campaign", "sale_phase", "uv", "pv", "ordered_cents", "gmv_cents",
        "orders", "buyers", "units", "new_buyers", "returning_buyers", "returning_cents", "inquiry_users",
        "inquiry_buyers", "refund_cents"])


def _window_days(year: int) -> list[dt.date]:
    first, last = dt.date(year, *P.window[0]), dt.date(year, *P.window[1])
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _day_kind(day: dt.date) -> str:
    return _phase(day) or "ordinary"


def build_traffic(daily: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    codes = list(P.sources)
    relative_cvr = np.array([P.sources[c][2] for c in codes])
    relative_aov = np.array([P.sources[c][3] for c in codes])
    shop = daily.groupby(["date", "device"], sort=True)[["uv", "buyers", "gmv_cents"]].sum()
    rows = []
    for year in P.years:
        for day in _window_days(year):
            kind = "ordinary" if _day_kind(day) == "ordinary" else _day_kind(day)
            shares = np.array(P.source_shares[(year, kind)], dtype=float)
            for device in P.devices:
                uv, buyers, gmv_cents = (int(v) for v in shop.loc[(day, device)])
                noisy = shares * np.exp(rng.normal(0, 0.05, len(codes)))
                source_buyers = _allocate(buyers, noisy)
                source_cents = _allocate(gmv_cents, source_buyers * relative_aov)
                visits = noisy / relative_cvr
                source_uv = np.round(uv * 1.15 * visits / visits.sum()).astype(np.int64)
                source_uv = np.maximum(source_uv, source_buyers)
                for i, code in enumerate(codes):
                    rows.append((day, device, code, int(source_uv[i]), int(source_buyers[i]), int(source_cents[i])))
    return pd.DataFrame(rows, columns=["date", "device", "source", "uv", "buyers", "gmv_cents"])


def build_ads(daily: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    per_day = daily.groupby("date", sort=True)["gmv_cents"].sum()
    rows = []
    for year in P.years:
        baseline = [d for d in _window_days(year) if _day_kind(d) == "ordinary" and d.month < 11]
        ordinary_cents = float(np.mean([per_day[d] for d in baseline]))
        for day in _window_days(year):
            phase = _phase(day)
            mult = P.ad_phase_mult[year]
            if (day.month, day.day) == (11, 11):
                factor, lift = mult["peak"], 1.25
            elif phase:  # spend follows the day's expected sales within the phase
                factor, lift = mult[phase] * _day_lift(day) / _phase_lift(year, phase), 1.12
            elif day.month == 11:
                factor, lift = mult["after"], 0.95
            else:
                factor, lift = 1.0, 1.0
            day_spend = ordinary_cents * P.ad_share_of_gmv[year] * factor * float(np.exp(rng.normal(0, 0.05)))
            for code, (_, share, cpc, ctr, roi_2024, roi_2025) in P.channels.items():
                spend_cents = _whole(day_spend * share * float(np.exp(rng.normal(0, 0.06))))
                roi = (roi_2024 if year == 2024 else roi_2025) * lift * float(np.exp(rng.normal(0, 0.06)))
                guided_cents = _whole(spend_cents * roi)
                clicks = _whole(spend_cents / 100 / (cpc * float(np.exp(rng.normal(0, 0.04)))))
                impressions = _whole(clicks / (ctr * float(np.exp(rng.normal(0, 0.05)))))
                guided_orders = min(clicks, _whole(guided_cents / 100 / 205.0))
                rows.append((day, code, _phase(day), spend_cents, impressions, clicks, guided_orders, guided_cents))
    return pd.DataFrame(rows, columns=["date", "channel", "sale_phase", "spend_cents", "impressions", "clicks",
                                       "guided_orders", "guided_cents"])


def build_hourly(daily: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for year in P.years:
        day = dt.date(year, 11, 11)
        totals = daily[daily.date == day][["uv", "buyers", "orders", "gmv_cents"]].sum()
        buyers = _allocate(int(totals.buyers), np.array(P.hourly_buyers[year]))
        uv = _allocate(int(totals.uv), np.array(P.hourly_uv))
        orders = _allocate(int(totals.orders), buyers.astype(float))
        cents = _allocate(int(totals.gmv_cents), buyers * np.array(P.hourly_aov))
        for hour in range(24):
            rows.append((dt.datetime(year, 11, 11, hour), hour, int(uv[hour]), int(buyers[hour]), int(orders[hour]),
                         int(cents[hour])))
    return pd.DataFrame(rows, columns=["datetime", "hour", "uv", "buyers", "orders", "gmv_cents"])


def build_inventory(daily: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    dates = pd.to_datetime(daily.date)
    window = daily[(dates >= pd.Timestamp(2025, 10, 21)) & (dates <= pd.Timestamp(2025, 11, 11))]
    units_total, cents_total = int(window.units.sum()), int(window.gmv_cents.sum())
    weights = np.array([p[7] for p in P.products]) * np.exp(rng.normal(0, 0.08, len(P.products)))
    units = _allocate(units_total, weights)
    campaign_price = np.array([p[5] for p in P.products], dtype=float)
    cents = _allocate(cents_total, units * campaign_price)
    rows = []
    for i, (sku, names, category, role, list_price, price, cost, _, is_new) in enumerate(P.products):
        low, high = P.stock_cover[role]
        cover = float(rng.uniform(low, high))
        available = int(np.ceil(units[i] * cover))
        if sku == "BD-001":  # the best seller sold out on the peak day
            available = int(units[i])
        received = _whole(available * (0.25 if role == "hero" else 0.0))
        opening = available - received
        stock_end = available - int(units[i])
        rows.append((sku, names, category, role, bool(is_new), float(list_price), float(price), cost, opening,
                     received, int(units[i]), int(cents[i]), stock_end,
                     _whole(available * price * 100), _whole(stock_end * cost * 100)))
    return pd.DataFrame(rows, columns=[
        "sku", "names", "category", "role", "is_new", "list_price", "campaign_price", "unit_cost", "opening_stock",
        "received", "units", "gmv_cents", "stock_end", "prepared_cents", "leftover_cents"])


def build_service(daily: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    orders = daily.groupby(["date", "platform"], sort=True)["orders"].sum()
    rows = []
    for year in P.years:
        for day in _window_days(year):
            kind = _day_kind(day)
            campaign = kind != "ordinary"
            for platform in P.platforms:
                n = int(orders.loc[(day, platform)])
                complaint = (0.0024 if not campaign else (0.0028 if year == 2024 else 0.0033))
                response = 18.0 if not campaign else (31.0 if year == 2024 else 25.5)
                if (day.month, day.day) == (11, 11):
                    response *= 1.5
                reviews = _whole(n * 0.42)
                negative_share = 0.012 if not campaign else (0.016 if year == 2024 else 0.019)
                negative = int(rng.binomial(reviews, negative_share))
                rows.append((day, platform, int(rng.poisson(n * complaint)), int(rng.poisson(n * 0.0009)),
                             reviews - negative, negative,
                             round(response * float(np.exp(rng.normal(0, 0.08))), 1)))
    return pd.DataFrame(rows, columns=["date", "platform", "complaints", "disputes", "positive_reviews",
                                       "negative_reviews", "avg_response_seconds"])


def build_industry(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for year in P.years:
        for day in _window_days(year):
            uv_x, cvr_x, aov_x = P.d11_profile[2024].get((day.month, day.day), (1.0, 1.0, 1.0))
            lift = uv_x * cvr_x * aov_x
            if year == 2025 and _phase(day):
                lift *= P.industry_campaign_growth * P.industry_daily[2024] / P.industry_daily[2025]
            if _in(day, P.after):
                lift *= P.after_dip
            value = P.industry_daily[year] * lift * float(np.exp(rng.normal(0, 0.02)))
            rows.append((day, _whole(value * 100)))
    return pd.DataFrame(rows, columns=["date", "industry_cents"])


def build_dsr(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for (year, stage), (shop, industry) in P.dsr_values.items():
        snapshot = dt.date(year, 10, 20) if stage == "before" else dt.date(year, 11, 18)
        for i, dimension in enumerate(P.dsr_dimensions):
            rows.append((f"d11-{year}", stage, snapshot.isoformat(), dimension,
                         round(shop[i] + float(rng.uniform(-0.0004, 0.0004)), 5),
                         round(industry[i] + float(rng.uniform(-0.0004, 0.0004)), 5)))
    return pd.DataFrame(rows, columns=["campaign_id", "stage", "snapshot_day", "dimension", "shop_score",
                                       "industry_score"])


def round_to(value: float, step: float) -> float:
    return float(round(value / step) * step)


def build_targets(daily: pd.DataFrame, ads: pd.DataFrame) -> pd.DataFrame:
    """Targets set before the campaign; the attainments they give are part of the story."""
    dates = pd.to_datetime(daily.date)
    this = daily[(dates >= pd.Timestamp(2025, 10, 21)) & (dates <= pd.Timestamp(2025, 11, 11))]
    ytd = daily[(dates >= pd.Timestamp(2025, 1, 1)) & (dates <= pd.Timestamp(2025, 11, 11))]
    ad_dates = pd.to_datetime(ads.date)
    ads_this = ads[(ad_dates >= pd.Timestamp(2025, 10, 21)) & (ad_dates <= pd.Timestamp(2025, 11, 11))]
    presale = this[this.sale_phase == "presale"].gmv_cents.sum() / 100
    main = this[this.sale_phase == "main"].gmv_cents.sum() / 100
    uv, buyers, gmv = this.uv.sum(), this.buyers.sum(), this.gmv_cents.sum() / 100
    rows = [
        ("d11-2025", "gmv", "presale", round_to(presale / 0.915, 100_000)),
        ("d11-2025", "gmv", "main", round_to(main / 1.125, 100_000)),
        ("d11-2025", "uv", None, round_to(uv / 1.04, 10_000)),
        ("d11-2025", "cvr", None, round(buyers / uv + 0.0017, 4)),
        ("d11-2025", "aov", None, round_to(gmv / buyers / 1.025, 1)),
        ("d11-2025", "new_buyers", None, round_to(this.new_buyers.sum() / 0.94, 1_000)),
        ("d11-2025", "roi", None, 3.3),
        ("d11-2025", "spend", None, round_to(ads_this.spend_cents.sum() / 100 / 0.97, 10_000)),
        ("fy-2025", "gmv", None, round_to(ytd.gmv_cents.sum() / 100 / 0.85, 1_000_000)),
    ]
    next_gmv = round_to(gmv * 1.2, 1_000_000)
    next_uv = round_to(uv * 1.12, 10_000)
    rows += [("d11-2026", "gmv", None, next_gmv), ("d11-2026", "uv", None, next_uv),
             ("d11-2026", "cvr", None, round(buyers / uv + 0.001, 4))]
    return pd.DataFrame(rows, columns=["plan", "metric", "sale_phase", "target_value"])
