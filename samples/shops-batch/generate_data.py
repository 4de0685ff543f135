"""Write the data of the shops-batch sample into ./data: one daily table for many shops, the list of shops,
and one target file per shop. Deterministic: a second run gives byte-identical files.

    .venv/bin/python samples/shops-batch/generate_data.py [SHOPS] [FOLDER]

SHOPS (default 6) shops; the benchmark writes 200 into a temporary folder with the same code.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pandas as pd

FIRST_DAY, LAST_DAY = dt.date(2024, 10, 1), dt.date(2025, 11, 30)
BRANDS = ("悦宠", "禾木", "青柚", "栖山", "半糖", "北屿", "拾光", "木间", "云朵", "小满")
CATEGORIES = (("宠物用品", 95), ("家居", 160), ("茶叶", 210), ("零食", 58), ("母婴", 130), ("户外", 320))
PLATFORMS = ("天猫", "京东", "抖音")
DEVICES = (("无线端", 0.86), ("PC端", 0.14))
CAMPAIGN = (dt.date(2025, 11, 1), dt.date(2025, 11, 11), dt.date(2024, 11, 1), dt.date(2024, 11, 11))


def shops(count: int) -> pd.DataFrame:
    """Shop S001 … with a name, a platform and a size; the same count always gives the same shops."""
    rng = np.random.default_rng(7)
    rows = []
    for index in range(count):
        category, aov = CATEGORIES[index % len(CATEGORIES)]
        brand = BRANDS[index % len(BRANDS)]
        suffix = "" if index < 30 else f"{index // 30 + 1}号"  # brand × category repeats every 30 shops
        rows.append({"shop": f"S{index + 1:03d}", "name": f"{brand}{category}{suffix}旗舰店",
                     "platform": PLATFORMS[index % len(PLATFORMS)], "category": category,
                     "daily_uv": int(rng.integers(1500, 9000)), "aov": aov, "cvr": round(float(rng.uniform(0.018, 0.045)), 4),
                     "growth": round(float(rng.normal(0.12, 0.15)), 3)})
    return pd.DataFrame(rows)


def daily(profile: pd.DataFrame) -> pd.DataFrame:
    """Date × shop × device: visitors, page views, buyers, orders, units and sales."""
    rng = np.random.default_rng(11)
    days = pd.date_range(FIRST_DAY, LAST_DAY, freq="D")
    age = (days - days[0]).days.to_numpy() / 365.0
    weekday = np.where(days.day_of_week >= 5, 1.12, 1.0)
    campaign = np.ones(len(days))
    for start, peak in ((CAMPAIGN[0], CAMPAIGN[1]), (CAMPAIGN[2], CAMPAIGN[3])):
        inside = (days.date >= start) & (days.date <= peak)
        campaign[inside] = 1.6
        campaign[days.date == peak] = 4.5
    frames = []
    for shop in profile.itertuples():
        trend = (1 + shop.growth) ** age * weekday * campaign
        for device, share in DEVICES:
            uv = np.round(shop.daily_uv * share * trend * rng.lognormal(0, 0.08, len(days))).astype(int)
            buyers = np.round(uv * shop.cvr * (1.15 if device == "无线端" else 0.8) * rng.lognormal(0, 0.1, len(days)))
            orders = np.round(buyers * 1.06).astype(int)
            gmv = np.round(orders * shop.aov * rng.lognormal(0, 0.05, len(days)), 2)
            frames.append(pd.DataFrame({
                "date": days.strftime("%Y-%m-%d"), "shop": shop.shop, "device": device, "uv": uv,
                "pv": np.round(uv * 3.4).astype(int), "orders": orders, "buyers": buyers.astype(int),
                "units": np.round(orders * 1.4).astype(int), "gmv": gmv}))
    return pd.concat(frames, ignore_index=True).sort_values(["date", "shop", "device"], kind="stable")


def targets(profile: pd.DataFrame, table: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per shop: monthly targets for sales and visitors, a little above last year's month plus its growth."""
    table = table.assign(month=table["date"].str.slice(0, 7) + "-01")
    monthly = table.groupby(["shop", "month"])[["gmv", "uv"]].sum()
    out = {}
    for shop in profile.itertuples():
        rows = []
        for month in ("2025-10-01", "2025-11-01", "2025-12-01"):
            last_year = f"{int(month[:4]) - 1}{month[4:]}"
            base = monthly.loc[(shop.shop, last_year)]
            lift = 1 + shop.growth + 0.08
            rows += [{"month": month, "metric": "gmv", "target_value": int(round(base["gmv"] * lift, -3))},
                     {"month": month, "metric": "uv", "target_value": int(round(base["uv"] * lift, -2))}]
        out[shop.shop] = pd.DataFrame(rows)
    return out


def generate(folder: Path, count: int = 6) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    profile = shops(count)
    table = daily(profile)
    profile[["shop", "name", "platform", "category"]].to_csv(folder / "shops.csv", index=False)
    table.to_csv(folder / "shop_daily.csv", index=False)
    (folder / "targets").mkdir(exist_ok=True)
    for shop, frame in targets(profile, table).items():
        frame.to_csv(folder / "targets" / f"{shop}.csv", index=False)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parent / "data"
    generate(out, count)
    print(f"wrote {count} shops to {out}")
