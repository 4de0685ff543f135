"""Sample data for the batch sample (``samples/shops-batch``): many shops in one daily table, the list of
shops, and one target file per shop. ``count`` shops (default 6; the benchmark asks for 200), each with its
own size, conversion and growth. The parameters are data: ``configs/starters/shops.yaml``. The same count
always writes byte-identical files.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

from .engine import config

P = SimpleNamespace(**config("shops"))


def generate(folder: Path, locale: str = "zh-CN", count: int = 6) -> None:
    """Write shops.csv, shop_daily.csv and targets/<shop>.csv for ``count`` shops into ``folder``."""
    if locale not in P.locales:
        raise ValueError(f"no shops sample data in {locale}; locales: {', '.join(P.locales)}")
    folder.mkdir(parents=True, exist_ok=True)
    profile = shops(count)
    table = daily(profile)
    profile[["shop", "name", "platform", "category"]].to_csv(folder / "shops.csv", index=False)
    table.to_csv(folder / "shop_daily.csv", index=False)
    (folder / "targets").mkdir(exist_ok=True)
    for shop, frame in targets(profile, table).items():
        frame.to_csv(folder / "targets" / f"{shop}.csv", index=False)


def shops(count: int) -> pd.DataFrame:
    """Shop S001 … with a name, a platform and a size; the same count always gives the same shops."""
    rng = np.random.default_rng(P.profile_seed)
    rows = []
    for index in range(count):
        category, aov = P.categories[index % len(P.categories)]
        brand = P.brands[index % len(P.brands)]
        suffix = "" if index < P.name_round else f"{index // P.name_round + 1}号"
        rows.append({"shop": f"S{index + 1:03d}", "name": f"{brand}{category}{suffix}旗舰店",
                     "platform": P.platforms[index % len(P.platforms)], "category": category,
                     "daily_uv": int(rng.integers(*P.daily_uv)), "aov": aov,
                     "cvr": round(float(rng.uniform(*P.cvr)), 4), "growth": round(float(rng.normal(*P.growth)), 3)})
    return pd.DataFrame(rows)


def daily(profile: pd.DataFrame) -> pd.DataFrame:
    """Date × shop × device: visitors, page views, buyers, orders, units and sales."""
    rng = np.random.default_rng(P.daily_seed)
    days = pd.date_range(P.first_day, P.last_day, freq="D")
    age = (days - days[0]).days.to_numpy() / 365.0
    weekday = np.where(days.day_of_week >= 5, P.weekend_uv, 1.0)
    campaign = np.ones(len(days))
    for start, peak in P.campaigns:
        inside = (days.date >= start) & (days.date <= peak)
        campaign[inside] = P.campaign_uv["window"]
        campaign[days.date == peak] = P.campaign_uv["peak"]
    frames = []
    for shop in profile.itertuples():
        trend = (1 + shop.growth) ** age * weekday * campaign
        for device, share, conversion in P.devices:
            uv = np.round(shop.daily_uv * share * trend * rng.lognormal(0, 0.08, len(days))).astype(int)
            buyers = np.round(uv * shop.cvr * conversion * rng.lognormal(0, 0.1, len(days)))
            orders = np.round(buyers * P.orders_per_buyer).astype(int)
            gmv = np.round(orders * shop.aov * rng.lognormal(0, 0.05, len(days)), 2)
            frames.append(pd.DataFrame({
                "date": days.strftime("%Y-%m-%d"), "shop": shop.shop, "device": device, "uv": uv,
                "pv": np.round(uv * P.pages_per_visitor).astype(int), "orders": orders, "buyers": buyers.astype(int),
                "units": np.round(orders * P.units_per_order).astype(int), "gmv": gmv}))
    return pd.concat(frames, ignore_index=True).sort_values(["date", "shop", "device"], kind="stable")


def targets(profile: pd.DataFrame, table: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per shop: monthly targets for sales and visitors, a little above last year's month plus its growth."""
    table = table.assign(month=table["date"].str.slice(0, 7) + "-01")
    monthly = table.groupby(["shop", "month"])[["gmv", "uv"]].sum()
    out = {}
    for shop in profile.itertuples():
        rows = []
        for first in P.target_months:
            month = first.isoformat()
            last_year = f"{int(month[:4]) - 1}{month[4:]}"
            base = monthly.loc[(shop.shop, last_year)]
            lift = 1 + shop.growth + P.target_uplift
            rows += [{"month": month, "metric": "gmv", "target_value": int(round(base["gmv"] * lift, -3))},
                     {"month": month, "metric": "uv", "target_value": int(round(base["uv"] * lift, -2))}]
        out[shop.shop] = pd.DataFrame(rows)
    return out
