"""Sample data for the annual starter (``deckgen init --kind annual``) and the annual-review samples.

The shop, 云杉家居旗舰店 (Yunshan Home), is a mid-size Tmall + JD home-goods flagship (bedding, towels,
storage, kitchen, decor). Two full calendar years of daily data are produced (2024-01-01 .. 2025-12-31)
so that every 2025 metric has a 2024 comparison. The story baked into the numbers:

* 2025 GMV grows ~+19% YoY (to ~5,640万) but misses the annual target slightly (~97.4%);
* traffic grows strongly, conversion slips a little, AOV rises a little;
* conversion dips in Q3 2025 and August 2025 is the one month below last year;
* JD grows much faster than Tmall; 直通车 (search ads) ROI improves while 信息流 (feed ads) ROI worsens;
* 双十一 2025 beats its target, 618 2025 misses it; DSR dips after 双十一.

Files written by :func:`generate` (formats are deliberately mixed):

=========================  =====================================================
shop_daily.csv             UTF-8, date x platform x device
traffic_sources.csv        zh-CN: GBK with Chinese headers; en-US / es-ES: UTF-8 with English /
                           Spanish headers; date x device x source
ads.xlsx                   sheets 说明 + 渠道 (Notes + Channels, Notas + Canales), date x channel
products.parquet           month x SKU
shop.db                    SQLite: tables campaigns, targets
costs_monthly.csv          UTF-8 with BOM, month x cost type
customers_monthly.csv      UTF-8, month
=========================  =====================================================

The parameters are data: ``configs/starters/annual.yaml`` (and ``annual.labels.yaml`` for the
words of other locales); ``annual_model`` and ``annual_tables`` build the tables. Everything is derived from one ``numpy.random.default_rng(SEED)`` that is passed explicitly to each
builder in a fixed order, so two runs give byte-identical files. The model works with the Chinese
labels throughout; other locales translate the labels (platforms, campaigns, sources, channels,
products, categories, cost types) only when the files are written, so every locale has exactly the
same numbers. Money is carried as integer cents internally, which makes every "sums to the cent" rule
exact. ``samples/annual-review/data/README.md`` documents the columns and the consistency rules.
"""

from __future__ import annotations

import io
import sqlite3
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from openpyxl import Workbook
from openpyxl.styles import Font

from .annual_model import build_ads, build_calendar, build_shop_daily, build_traffic_sources
from .annual_params import LOCALES, WORDS, P, Words, node_name
from .annual_tables import build_campaigns, build_costs, build_customers, build_products, build_targets
from .common import cents_to_str, month_start, normalise_zip, write_csv, write_parquet

__all__ = ["LOCALES", "generate"]

CAMPAIGNS_DDL = """
CREATE TABLE campaigns (
    campaign_id   TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    campaign      TEXT NOT NULL,
    node_type     TEXT NOT NULL,
    purpose       TEXT NOT NULL,
    presale_start TEXT,
    presale_end   TEXT,
    main_start    TEXT NOT NULL,
    main_end      TEXT NOT NULL,
    target_gmv    REAL NOT NULL,
    budget        REAL NOT NULL
)"""
TARGETS_DDL = """
CREATE TABLE targets (
    period       TEXT NOT NULL,
    metric       TEXT NOT NULL,
    scope        TEXT NOT NULL,
    target_value REAL NOT NULL,
    PRIMARY KEY (period, metric, scope)
)"""


def shop_daily_output(shop: pd.DataFrame, words: Words) -> pd.DataFrame:
    return pd.DataFrame({
        "date": shop["date"].dt.strftime("%Y-%m-%d"),
        "platform": words.labels(shop["platform"]),
        "device": words.labels(shop["device"]),
        "uv": shop["uv"],
        "pv": shop["pv"],
        "ordered_amount": cents_to_str(shop["ordered_c"]),
        "gmv": cents_to_str(shop["gmv_c"]),
        "orders": shop["orders"],
        "buyers": shop["buyers"],
        "units": shop["units"],
        "new_buyers": shop["new_buyers"],
        "refund_amount": cents_to_str(shop["refund_c"]),
        "inquiry_users": shop["inquiry_users"],
        "inquiry_buyers": shop["inquiry_buyers"],
        "campaign_id": shop["campaign_id"],
        "campaign": words.labels(shop["campaign_id"].map(node_name)),
    })


def traffic_sources_output(ts: pd.DataFrame, words: Words) -> pd.DataFrame:
    if words.locale == "zh-CN":
        out = ts.drop(columns=["支付金额_c"]).copy()
        out["支付金额"] = cents_to_str(ts["支付金额_c"]).to_numpy()
        return out
    h = words.traffic_headers
    return pd.DataFrame({
        h["date"]: ts["日期"], h["device"]: words.labels(ts["终端"]), h["group"]: words.labels(ts["来源分组"]),
        h["source"]: words.labels(ts["来源"]), h["uv"]: ts["访客数"], h["buyers"]: ts["支付买家数"],
        h["gmv"]: cents_to_str(ts["支付金额_c"]).to_numpy(),
    })


def products_output(prod: pd.DataFrame, words: Words) -> pa.Table:
    schema = pa.schema([
        ("date", pa.date32()), ("sku", pa.string()), ("product_name", pa.string()),
        ("category", pa.string()), ("is_new", pa.bool_()), ("role", pa.string()),
        ("list_price", pa.float64()), ("uv", pa.int64()), ("buyers", pa.int64()),
        ("units", pa.int64()), ("gmv", pa.float64()), ("discount_amount", pa.float64()),
        ("unit_cost", pa.float64()),
    ])
    cols = {
        "date": prod["date"].tolist(), "sku": prod["sku"].tolist(),
        "product_name": [words.product(name) for name in prod["product_name"]],
        "category": [words.label(category) for category in prod["category"]],
        "is_new": prod["is_new"].tolist(), "role": prod["role"].tolist(),
        "list_price": (prod["list_price_c"] / 100).tolist(), "uv": prod["uv"].tolist(),
        "buyers": prod["buyers"].tolist(), "units": prod["units"].tolist(),
        "gmv": (prod["gmv_c"] / 100).tolist(), "discount_amount": (prod["discount_c"] / 100).tolist(),
        "unit_cost": (prod["unit_cost_c"] / 100).tolist(),
    }
    return pa.table(cols, schema=schema)


def ads_output(ads: pd.DataFrame, words: Words) -> pd.DataFrame:
    return pd.DataFrame({
        "date": ads["date"].dt.date, "channel": words.labels(ads["channel"]), "spend": ads["spend_c"] / 100,
        "impressions": ads["impressions"], "clicks": ads["clicks"],
        "guided_orders": ads["guided_orders"], "guided_gmv": ads["guided_gmv_c"] / 100,
    })


def costs_output(costs: pd.DataFrame, words: Words) -> pd.DataFrame:
    return pd.DataFrame({"date": costs["date"].map(date.isoformat), "cost_type": words.labels(costs["cost_type"]),
                         "amount": cents_to_str(costs["amount_c"])})


def customers_output(customers: pd.DataFrame) -> pd.DataFrame:
    out = customers.drop(columns=["returning_gmv_c"])
    out.insert(4, "returning_gmv", cents_to_str(customers["returning_gmv_c"]))
    out["date"] = customers["date"].map(date.isoformat)
    return out


def campaigns_output(campaigns: pd.DataFrame, words: Words) -> pd.DataFrame:
    return campaigns.assign(name=campaigns["name"].map(words.campaign_name),
                            campaign=words.labels(campaigns["campaign"]))


def write_xlsx(ads: pd.DataFrame, path: Path, words: Words) -> None:
    """Notes sheet (说明) first, data sheet (渠道) second, so reading by sheet name matters. Reproducible bytes."""
    wb = Workbook()
    notes = wb.active
    notes.title = words.notes_sheet
    for row in words.ads_notes:
        notes.append(list(row))
    for cell in notes[1]:
        cell.font = Font(bold=True)
    notes.column_dimensions["A"].width = 16
    notes.column_dimensions["B"].width = 60

    sheet = wb.create_sheet(words.data_sheet)
    out = ads_output(ads, words)
    sheet.append(list(out.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for rec in out.itertuples(index=False):
        sheet.append([rec.date, rec.channel, float(rec.spend), int(rec.impressions), int(rec.clicks),
                      int(rec.guided_orders), float(rec.guided_gmv)])
    for row in sheet.iter_rows(min_row=2, min_col=1, max_col=1):
        row[0].number_format = "yyyy-mm-dd"
    for col in ("C", "G"):
        for row in sheet[f"{col}2:{col}{sheet.max_row}"]:
            row[0].number_format = "0.00"
    sheet.column_dimensions["A"].width = 12
    sheet.freeze_panes = "A2"

    wb.properties.creator = words.shop_name
    wb.properties.created = P.fixed_timestamp
    wb.properties.modified = P.fixed_timestamp
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(normalise_zip(buf.getvalue(), P.fixed_timestamp))


def write_sqlite(campaigns: pd.DataFrame, targets: pd.DataFrame, path: Path) -> None:
    if path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    try:
        con.execute(CAMPAIGNS_DDL)
        con.execute(TARGETS_DDL)
        con.executemany(f"INSERT INTO campaigns VALUES ({','.join('?' * 11)})",
                        [tuple(None if pd.isna(v) else v for v in rec)
                         for rec in campaigns.itertuples(index=False)])
        con.executemany("INSERT INTO targets VALUES (?,?,?,?)",
                        [tuple(rec) for rec in targets.itertuples(index=False)])
        con.commit()
    finally:
        con.close()


def check_invariants(shop: pd.DataFrame, ts: pd.DataFrame, ads: pd.DataFrame, prod: pd.DataFrame,
                     costs: pd.DataFrame, customers: pd.DataFrame) -> None:
    assert (shop["pv"] >= shop["uv"]).all()
    assert (shop["buyers"] <= shop["uv"]).all()
    assert (shop["orders"] >= shop["buyers"]).all()
    assert (shop["units"] >= shop["orders"]).all()
    assert (shop["ordered_c"] >= shop["gmv_c"]).all()
    assert (shop["new_buyers"] <= shop["buyers"]).all()
    assert (shop["inquiry_buyers"] <= np.minimum(shop["inquiry_users"], shop["buyers"])).all()

    sd = (shop.assign(d=shop["date"].dt.strftime("%Y-%m-%d"))
          .groupby(["d", "device"])[["buyers", "gmv_c", "uv"]].sum())
    tsum = ts.groupby(["日期", "终端"])[["支付买家数", "支付金额_c", "访客数"]].sum()
    assert (sd["buyers"].to_numpy() == tsum.loc[sd.index, "支付买家数"].to_numpy()).all()
    assert (sd["gmv_c"].to_numpy() == tsum.loc[sd.index, "支付金额_c"].to_numpy()).all()
    assert (tsum.loc[sd.index, "访客数"].to_numpy() >= sd["uv"].to_numpy()).all()

    monthly = shop.assign(m=month_start(shop["date"]).dt.date).groupby("m")[["gmv_c", "units"]].sum()
    pm = prod.groupby("date")[["gmv_c", "units"]].sum()
    assert (monthly["gmv_c"] == pm.loc[monthly.index, "gmv_c"]).all()
    assert (monthly["units"] == pm.loc[monthly.index, "units"]).all()
    assert (prod["discount_c"] >= 0).all()

    daily_gmv = shop.groupby("date")["gmv_c"].sum()
    daily_guided = ads.groupby("date")["guided_gmv_c"].sum()
    assert (daily_guided < 0.6 * daily_gmv.loc[daily_guided.index]).all()

    mk = costs[costs["cost_type"] == "营销推广"].set_index("date")["amount_c"]
    spend = ads.assign(m=month_start(ads["date"]).dt.date).groupby("m")["spend_c"].sum()
    assert (mk.loc[spend.index] == spend).all()
    assert (customers["returning_buyers"] >= 0).all()


def generate(folder: Path, locale: str = "zh-CN") -> None:
    """Write the seven data files into ``folder`` (created if needed), with the labels of ``locale``.

    Every locale gets the same numbers; only labels, sheet names and the traffic export's headers and
    encoding differ. Two calls give byte-identical files.
    """
    if locale not in WORDS:
        raise ValueError(f"unknown locale {locale!r}; expected one of {', '.join(WORDS)}")
    words = WORDS[locale]
    rng = np.random.default_rng(P.seed)
    cal = build_calendar(rng)
    shop = build_shop_daily(rng, cal)
    traffic = build_traffic_sources(rng, shop)
    ads = build_ads(rng, shop, cal)
    products = build_products(rng, shop)
    campaigns = build_campaigns(shop, ads)
    targets = build_targets(shop, ads)
    costs = build_costs(rng, shop, ads, products)
    customers = build_customers(rng, shop)
    check_invariants(shop, traffic, ads, products, costs, customers)

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(shop_daily_output(shop, words), folder / "shop_daily.csv", "utf-8")
    write_csv(traffic_sources_output(traffic, words), folder / "traffic_sources.csv", words.traffic_encoding)
    write_xlsx(ads, folder / "ads.xlsx", words)
    write_parquet(products_output(products, words), folder / "products.parquet")
    write_sqlite(campaigns_output(campaigns, words), targets, folder / "shop.db")
    write_csv(costs_output(costs, words), folder / "costs_monthly.csv", "utf-8-sig")
    write_csv(customers_output(customers), folder / "customers_monthly.csv", "utf-8")
