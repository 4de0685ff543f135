"""Sample data for the campaign post-mortem (活动复盘): 双十一 of 青禾家纺旗舰店, 2024 and 2025.

A mid-size Tmall + JD home-goods flagship shop (bedding, towels, storage, kitchen, decor). The same
campaign runs in both years, so every 2025 number has last year's campaign to compare with:

* presale phase 10-21 … 10-30, main phase 10-31 … 11-11 (the peak day), both years;
* ordinary days before it (the baseline window 09-15 … 10-14) and the whole year to date (for the
  annual plan), plus nine days after it;
* the peak day 11-11 hour by hour.

The story in the numbers: campaign GMV grows about 19% and beats its target by a little, but only
because the main phase over-delivers; the presale phase misses its target and its share of the
campaign (about 47%) falls just below the ideal 50–70% band, after presale ad spend was cut. Growth is
traffic-driven: visitors and AOV (bundles lift items per buyer) are up, conversion slips. Live streaming
more than doubles, in-feed ads lose money, hero SKUs sell out while clearance SKUs are left over, and DSR falls
below the industry after the campaign.

The parameters are data (``configs/starters/campaign.yaml``); ``campaign_model`` builds the tables.
``generate(folder, locale)`` writes the files below into ``folder``. Everything comes from one
``numpy.random.default_rng(SEED)`` drawn in a fixed order that does not depend on the locale, so the
three locales hold the same numbers and every run writes byte-identical files. Money is carried in
integer cents, which keeps every "sums to the cent" rule exact. Column names are English snake_case,
except the zh-CN traffic-source export (GBK, Chinese headers, as platforms export it).

======================  ==========================================================================
shop_daily.csv          UTF-8; date × platform × device, 2024-01-01 … 2025-11-20
traffic_sources.csv     zh-CN: GBK with Chinese headers; else UTF-8; date × device × source
ads.csv                 UTF-8 with BOM; date × channel
campaign_hourly.csv     UTF-8; the peak day 11-11 of both years, hour by hour
inventory.parquet       one row per SKU of the 2025 campaign: prepared stock, sold, left
service_daily.csv       UTF-8; date × platform: complaints, reviews, response time
industry_daily.csv      UTF-8; date: the category's GMV on the platforms
dsr.csv                 DSR before and after the campaign, shop and industry, both years
targets.csv             campaign targets by phase, the annual plan, next year's campaign targets
campaigns.csv           one row per campaign: phases, purpose, target, budget
======================  ==========================================================================
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from .campaign_model import (
    LOCALES,
    P,
    build_ads,
    build_dsr,
    build_hourly,
    build_industry,
    build_inventory,
    build_service,
    build_shop_daily,
    build_targets,
    build_traffic,
    label,
    money,
    round_to,
)
from .common import write_csv

__all__ = ["LOCALES", "generate"]


def _cents_text(values: pd.Series) -> pd.Series:
    return values.map(lambda c: f"{int(c) // 100}.{int(c) % 100:02d}")


def _labelled(values: pd.Series, table: dict, locale: str) -> pd.Series:
    return values.map(lambda code: "" if code is None or pd.isna(code) else label(table[code], locale))


def generate(folder: Path, locale: str = "zh-CN") -> None:
    """Write the campaign sample data (see the module docstring) into ``folder``, labelled in ``locale``."""
    if locale not in LOCALES:
        raise ValueError(f"unknown locale {locale!r}; choose one of {', '.join(LOCALES)}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(P.seed)
    daily = build_shop_daily(rng)
    traffic = build_traffic(daily, rng)
    ads = build_ads(daily, rng)
    hourly = build_hourly(daily)
    inventory = build_inventory(daily, rng)
    service = build_service(daily, rng)
    industry = build_industry(rng)
    dsr = build_dsr(rng)
    targets = build_targets(daily, ads)
    zh = locale == "zh-CN"

    out = pd.DataFrame({
        "date": daily.date.map(dt.date.isoformat),
        "platform": _labelled(daily.platform, P.platforms, locale),
        "device": _labelled(daily.device, P.devices, locale),
        "campaign": _labelled(daily.campaign, P.campaign_names, locale),
        "sale_phase": _labelled(daily.sale_phase, P.phases, locale),
        "uv": daily.uv, "pv": daily.pv,
        "ordered_amount": _cents_text(daily.ordered_cents), "gmv": _cents_text(daily.gmv_cents),
        "orders": daily.orders, "buyers": daily.buyers, "units": daily.units, "new_buyers": daily.new_buyers,
        "returning_buyers": daily.returning_buyers, "returning_gmv": _cents_text(daily.returning_cents),
        "inquiry_users": daily.inquiry_users, "inquiry_buyers": daily.inquiry_buyers,
        "refund_amount": _cents_text(daily.refund_cents),
    })
    write_csv(out, folder / "shop_daily.csv", "utf-8")

    source_labels = {code: spec[0] for code, spec in P.sources.items()}
    group_of = {code: spec[1] for code, spec in P.sources.items()}
    columns = (("日期", "终端", "来源分组", "来源", "访客数", "支付买家数", "支付金额") if zh else
               ("date", "device", "source_group", "source", "uv", "buyers", "gmv"))
    out = pd.DataFrame(dict(zip(columns, (
        traffic.date.map(dt.date.isoformat), _labelled(traffic.device, P.devices, locale),
        _labelled(traffic.source.map(group_of), P.source_groups, locale),
        _labelled(traffic.source, source_labels, locale), traffic.uv, traffic.buyers,
        _cents_text(traffic.gmv_cents)))))
    write_csv(out, folder / "traffic_sources.csv", "gbk" if zh else "utf-8")

    out = pd.DataFrame({
        "date": ads.date.map(dt.date.isoformat),
        "channel": _labelled(ads.channel, {c: spec[0] for c, spec in P.channels.items()}, locale),
        "sale_phase": _labelled(ads.sale_phase, P.phases, locale),
        "spend": _cents_text(ads.spend_cents), "impressions": ads.impressions, "clicks": ads.clicks,
        "guided_orders": ads.guided_orders, "guided_gmv": _cents_text(ads.guided_cents),
    })
    write_csv(out, folder / "ads.csv", "utf-8-sig")

    out = pd.DataFrame({
        "datetime": hourly.datetime.map(lambda t: t.strftime("%Y-%m-%d %H:%M")), "hour": hourly.hour,
        "time_slot": hourly.hour.map(lambda h: f"{h:02d}:00"),
        "uv": hourly.uv, "buyers": hourly.buyers, "orders": hourly.orders, "gmv": _cents_text(hourly.gmv_cents),
    })
    write_csv(out, folder / "campaign_hourly.csv", "utf-8")

    _write_inventory(inventory, folder / "inventory.parquet", locale)

    out = pd.DataFrame({"date": service.date.map(dt.date.isoformat),
                        "platform": _labelled(service.platform, P.platforms, locale),
                        **{c: service[c] for c in service.columns[2:]}})
    write_csv(out, folder / "service_daily.csv", "utf-8")

    out = pd.DataFrame({"date": industry.date.map(dt.date.isoformat),
                        "category": [label(P.category_label, locale)] * len(industry),
                        "industry_gmv": _cents_text(industry.industry_cents)})
    write_csv(out, folder / "industry_daily.csv", "utf-8")

    out = pd.DataFrame({"campaign_id": dsr.campaign_id, "stage": _labelled(dsr.stage, P.dsr_stages, locale),
                        "snapshot_day": dsr.snapshot_day,
                        "dimension": _labelled(dsr.dimension, P.dsr_dimensions, locale),
                        "shop_score": dsr.shop_score.map(lambda v: f"{v:.5f}"),
                        "industry_score": dsr.industry_score.map(lambda v: f"{v:.5f}")})
    write_csv(out, folder / "dsr.csv", "utf-8")

    out = pd.DataFrame({"plan": targets.plan, "metric": targets.metric,
                        "sale_phase": _labelled(targets.sale_phase, P.phases, locale),
                        "target_value": targets.target_value.map(lambda v: f"{v:.4f}".rstrip("0").rstrip("."))})
    write_csv(out, folder / "targets.csv", "utf-8")

    _write_campaigns(targets, ads, folder / "campaigns.csv", locale)


def _write_inventory(inventory: pd.DataFrame, path: Path, locale: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({
        "sku": pa.array(inventory.sku.tolist(), pa.string()),
        "product_name": pa.array([label(n, locale) for n in inventory.names], pa.string()),
        "category": pa.array([label(P.categories[c], locale) for c in inventory.category], pa.string()),
        "role": pa.array([label(P.roles[r], locale) for r in inventory.role], pa.string()),
        "is_new": pa.array(inventory.is_new.tolist(), pa.bool_()),
        "list_price": pa.array(inventory.list_price.tolist(), pa.float64()),
        "campaign_price": pa.array(inventory.campaign_price.tolist(), pa.float64()),
        "unit_cost": pa.array(inventory.unit_cost.tolist(), pa.float64()),
        "opening_stock": pa.array(inventory.opening_stock.tolist(), pa.int64()),
        "received": pa.array(inventory.received.tolist(), pa.int64()),
        "units": pa.array(inventory.units.tolist(), pa.int64()),
        "gmv": pa.array(money(inventory.gmv_cents.to_numpy()).tolist(), pa.float64()),
        "stock_end": pa.array(inventory.stock_end.tolist(), pa.int64()),
        "prepared_value": pa.array(money(inventory.prepared_cents.to_numpy()).tolist(), pa.float64()),
        "stock_end_value": pa.array(money(inventory.leftover_cents.to_numpy()).tolist(), pa.float64()),
    })
    pq.write_table(table, path, compression="snappy")


def _write_campaigns(targets: pd.DataFrame, ads: pd.DataFrame, path: Path, locale: str) -> None:
    gmv_target = targets[(targets.plan == "d11-2025") & (targets.metric == "gmv")].target_value.sum()
    budget = float(targets[(targets.plan == "d11-2025") & (targets.metric == "spend")].target_value.sum())
    ad_dates = pd.to_datetime(ads.date)
    spent_2024 = ads[(ad_dates >= pd.Timestamp(2024, 10, 21)) & (ad_dates <= pd.Timestamp(2024, 11, 11))]
    name = label(P.campaign_names["d11"], locale)
    rows = []
    for year, target, spend in ((2024, round_to(gmv_target / 1.19, 100_000), spent_2024.spend_cents.sum() / 100),
                                (2025, gmv_target, budget)):
        rows.append((f"d11-{year}", f"{name} {year}", f"{year}-10-21", f"{year}-10-30", f"{year}-10-31",
                     f"{year}-11-11", label(P.campaign_purpose, locale), f"{target:.0f}",
                     f"{round_to(spend, 10_000):.0f}"))
    frame = pd.DataFrame(rows, columns=["campaign_id", "name", "presale_start", "presale_end", "main_start",
                                        "main_end", "purpose", "target_gmv", "budget"])
    write_csv(frame, path, "utf-8")
