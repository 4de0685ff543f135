"""Generate the orders-review sample data (deterministic): three years of a coffee roaster's web shop.

    python samples/orders-review/generate_data.py

- data/orders.csv: one row per order: order_id, date, buyer_id, channel, amount (order value in USD),
  items. 2023 is history only: it makes the buyers of 2024 and 2025 new or returning.
- data/order_lines.parquet: one row per order line: order_id, date, sku, category, qty, line_amount.

The story: a subscription and loyalty programme launched in April 2025 brings buyers back: fewer new buyers
than 2024, more returning ones, more orders per buyer, and larger baskets in the top order-value bands.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20260105
CATEGORIES = {  # category: (SKUs, unit price range)
    "Single origin": (["SO-ETH", "SO-COL", "SO-KEN", "SO-GUA"], (14, 22)),
    "Blends": (["BL-HOUSE", "BL-ESPR", "BL-DECAF"], (11, 16)),
    "Brewing gear": (["GR-V60", "GR-KETTLE", "GR-GRIND", "GR-SCALE"], (25, 140)),
    "Gift boxes": (["GF-TRIO", "GF-ADVENT"], (38, 65)),
}
CHANNELS = (("Web", 0.55), ("App", 0.3), ("Marketplace", 0.15))
SEASON = [0.9, 0.8, 0.9, 0.95, 1.0, 0.95, 0.9, 0.9, 1.0, 1.05, 1.3, 1.6]  # gifts in November and December


def daily_orders(day: dt.date, rng: random.Random) -> int:
    base = {2023: 16, 2024: 20, 2025: 23}[day.year]
    weekend = 1.15 if day.weekday() >= 5 else 1.0
    return max(0, round(rng.gauss(base * SEASON[day.month - 1] * weekend, 3)))


def pick_buyer(day: dt.date, buyers: list[str], loyal: list[str], rng: random.Random) -> str:
    """Returning buyers come back more often once the loyalty programme starts (April 2025)."""
    programme = day >= dt.date(2025, 4, 1)
    back = 0.0 if not buyers else (0.56 if programme else 0.42)
    if rng.random() < back:
        pool = loyal if loyal and rng.random() < (0.45 if programme else 0.3) else buyers
        return rng.choice(pool)
    buyer = f"B{len(buyers) + 1:05d}"
    buyers.append(buyer)
    if rng.random() < 0.2:
        loyal.append(buyer)
    return buyer


def order_lines(rng: random.Random, programme: bool) -> list[tuple[str, str, int, float]]:
    lines = []
    for _ in range(1 + (rng.random() < (0.45 if programme else 0.35)) + (rng.random() < 0.15)):
        category = rng.choices(list(CATEGORIES), weights=[40, 35, 15, 10])[0]
        skus, (low, high) = CATEGORIES[category]
        qty = 1 + (rng.random() < 0.25) + (category in ("Single origin", "Blends") and rng.random() < 0.2)
        price = round(rng.uniform(low, high) * 2) / 2 - 0.01
        lines.append((rng.choice(skus), category, qty, round(price * qty, 2)))
    return lines


def generate() -> tuple[list[list], list[list]]:
    rng = random.Random(SEED)
    buyers: list[str] = []
    loyal: list[str] = []
    orders: list[list] = []
    lines: list[list] = []
    day = dt.date(2023, 1, 1)
    while day <= dt.date(2025, 12, 31):
        for _ in range(daily_orders(day, rng)):
            order_id = f"O{len(orders) + 1:06d}"
            buyer = pick_buyer(day, buyers, loyal, rng)
            channel = rng.choices([name for name, _ in CHANNELS], weights=[share for _, share in CHANNELS])[0]
            items = order_lines(rng, day >= dt.date(2025, 4, 1))
            amount = round(sum(line[3] for line in items), 2)
            orders.append([order_id, day.isoformat(), buyer, channel, f"{amount:.2f}", sum(line[2] for line in items)])
            lines += [[order_id, day.isoformat(), sku, category, qty, amount_] for sku, category, qty, amount_ in items]
        day += dt.timedelta(days=1)
    return orders, lines


def main() -> None:
    import pandas as pd

    orders, lines = generate()
    folder = HERE / "data"
    folder.mkdir(exist_ok=True)
    with (folder / "orders.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["order_id", "date", "buyer_id", "channel", "amount", "items"])
        writer.writerows(orders)
    frame = pd.DataFrame(lines, columns=["order_id", "date", "sku", "category", "qty", "line_amount"])
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    frame.to_parquet(folder / "order_lines.parquet", engine="pyarrow", index=False, compression="zstd")
    print(f"{len(orders)} orders, {len(lines)} order lines, {len({row[2] for row in orders})} buyers")


if __name__ == "__main__":
    main()
