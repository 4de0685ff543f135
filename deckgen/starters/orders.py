"""Sample data for the orders sample (``samples/orders-review``): order-level data with buyer ids.

- orders.csv: one row per order: order_id, date, buyer_id, channel, amount (order value), items;
- order_lines.parquet: one row per order line: order_id, date, sku, category, qty, line_amount.

The parameters are data (``configs/starters/orders.yaml``). Everything is drawn from one
``random.Random(seed)`` in a fixed order, so every run writes byte-identical files.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path
from types import SimpleNamespace

from .engine import config

P = SimpleNamespace(**config("orders"))


def generate(folder: Path, locale: str = "en-US") -> None:
    """Write orders.csv and order_lines.parquet into ``folder``."""
    import pandas as pd

    if locale not in P.locales:
        raise ValueError(f"no orders sample data in {locale}; locales: {', '.join(P.locales)}")
    orders, lines = order_rows()
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "orders.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["order_id", "date", "buyer_id", "channel", "amount", "items"])
        writer.writerows(orders)
    frame = pd.DataFrame(lines, columns=["order_id", "date", "sku", "category", "qty", "line_amount"])
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    frame.to_parquet(folder / "order_lines.parquet", engine="pyarrow", index=False, compression="zstd")


def order_rows() -> tuple[list[list], list[list]]:
    """Every order and every order line, day by day."""
    rng = random.Random(P.seed)
    buyers: list[str] = []
    loyal: list[str] = []
    orders: list[list] = []
    lines: list[list] = []
    channels = [name for name, _ in P.channels]
    shares = [share for _, share in P.channels]
    day = P.first_day
    while day <= P.last_day:
        for _ in range(_daily_orders(day, rng)):
            order_id = f"O{len(orders) + 1:06d}"
            buyer = _pick_buyer(day, buyers, loyal, rng)
            channel = rng.choices(channels, weights=shares)[0]
            items = _order_lines(rng, day >= P.programme_start)
            amount = round(sum(line[3] for line in items), 2)
            orders.append([order_id, day.isoformat(), buyer, channel, f"{amount:.2f}", sum(line[2] for line in items)])
            lines += [[order_id, day.isoformat(), sku, category, qty, amount_] for sku, category, qty, amount_ in items]
        day += dt.timedelta(days=1)
    return orders, lines


def _daily_orders(day: dt.date, rng: random.Random) -> int:
    weekend = P.weekend if day.weekday() >= 5 else 1.0
    return max(0, round(rng.gauss(P.orders_per_day[day.year] * P.season[day.month - 1] * weekend, P.noise)))


def _pick_buyer(day: dt.date, buyers: list[str], loyal: list[str], rng: random.Random) -> str:
    """Returning buyers come back more often once the loyalty programme starts."""
    programme = day >= P.programme_start
    back = 0.0 if not buyers else P.returning[programme]
    if rng.random() < back:
        pool = loyal if loyal and rng.random() < P.loyal_pick[programme] else buyers
        return rng.choice(pool)
    buyer = f"B{len(buyers) + 1:05d}"
    buyers.append(buyer)
    if rng.random() < P.loyal_share:
        loyal.append(buyer)
    return buyer


def _order_lines(rng: random.Random, programme: bool) -> list[tuple[str, str, int, float]]:
    lines = []
    for _ in range(1 + (rng.random() < P.second_line[programme]) + (rng.random() < P.third_line)):
        category = rng.choices(list(P.categories), weights=P.category_weights)[0]
        skus, (low, high) = P.categories[category]
        qty = 1 + (rng.random() < P.second_unit) + (category in P.coffee and rng.random() < P.coffee_unit)
        price = round(rng.uniform(low, high) * 2) / 2 - 0.01
        lines.append((rng.choice(skus), category, qty, round(price * qty, 2)))
    return lines
