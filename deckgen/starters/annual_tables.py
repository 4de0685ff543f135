"""The annual model, part 2: the monthly tables derived from the daily ones: products per SKU, campaigns,
targets, costs and customers. Parameters: ``annual_params.P``."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from .annual_params import CAMPAIGNS, CATALOG, P, node_name
from .common import lognormal, month_start


def build_catalog() -> pd.DataFrame:
    rows = []
    for (prefix, category), items in CATALOG.items():
        cat_weight = P.category_weight[category]
        role_rank: dict[str, int] = {}
        for i, (name, price, role, season, launch) in enumerate(items, start=1):
            base, decay, disc, cost_ratio, sku_cvr = P.role_params[role]
            rank = role_rank.get(role, 0)
            role_rank[role] = rank + 1
            rows.append({
                "sku": f"YS-{prefix}-{i:03d}", "product_name": name, "category": category,
                "role": role, "season": season or "",
                "launch": date(2025, launch, 1) if launch else None,
                "is_new": launch is not None, "list_price": float(price),
                "popularity": cat_weight * base * decay ** rank * (0.8 if launch else 1.0),
                "discount": disc, "cost_ratio": cost_ratio, "sku_cvr": sku_cvr,
            })
    return pd.DataFrame(rows)


def sku_month_weights(catalog: pd.DataFrame, month: date) -> np.ndarray:
    """GMV weight of every SKU in a month (0 before launch)."""
    m = month.month - 1
    w = catalog["popularity"].to_numpy().copy()
    w *= catalog["category"].map(lambda c: P.category_season[c][m]).to_numpy()
    w *= catalog["season"].map(lambda s: P.sku_season[s][m] if s else 1.0).to_numpy()
    if month.year == 2025:
        w *= catalog["role"].map({"hero": 1.08, "clearance": 0.65}).fillna(1.0).to_numpy()
    for i, launch in enumerate(catalog["launch"]):
        if launch is None:
            continue
        age = (month.year - launch.year) * 12 + month.month - launch.month
        w[i] *= 0.0 if age < 0 else (0.4, 0.7)[age] if age < 2 else 1.0
    return w


def build_products(rng: np.random.Generator, shop: pd.DataFrame) -> pd.DataFrame:
    """month x SKU; GMV and units sum exactly to the shop's monthly totals."""
    catalog = build_catalog()
    monthly = (shop.assign(month=month_start(shop["date"]))
               .groupby("month").agg(gmv_c=("gmv_c", "sum"), units=("units", "sum")))
    parts = []
    for month_ts, tot in monthly.iterrows():
        month = month_ts.date()
        w = sku_month_weights(catalog, month) * lognormal(rng, 0.12, len(catalog))
        active = w > 0
        cat = catalog[active].reset_index(drop=True)
        w = w[active]
        gmv_c = np.rint(tot["gmv_c"] * w / w.sum()).astype(np.int64)
        gmv_c[np.argmax(gmv_c)] += int(tot["gmv_c"]) - gmv_c.sum()

        disc = np.clip(cat["discount"].to_numpy() + P.month_discount[month.month - 1]
                       + rng.normal(0, 0.015, len(cat)), 0.0, 0.6)
        price = cat["list_price"].to_numpy() * (1 - disc)
        unit_w = gmv_c / price
        list_c = np.rint(cat["list_price"].to_numpy() * 100).astype(np.int64)
        min_units = np.maximum(-(-gmv_c // list_c), 1)  # never sell above list price
        units = np.maximum(np.rint(tot["units"] * unit_w / unit_w.sum()).astype(np.int64), min_units)
        units[np.argmax(units)] += int(tot["units"]) - units.sum()

        upb = cat["category"].map(P.units_per_buyer).to_numpy() * lognormal(rng, 0.04, len(cat))
        buyers = np.clip(np.rint(units / upb).astype(np.int64), 1, units)
        uv = np.maximum(np.rint(buyers / (cat["sku_cvr"].to_numpy() * lognormal(rng, 0.10, len(cat))))
                        .astype(np.int64), buyers)
        cost_factor = P.unit_cost_2025 if month.year == 2025 else 1.0
        unit_cost_c = np.rint(list_c * cat["cost_ratio"].to_numpy() * cost_factor).astype(np.int64)
        parts.append(pd.DataFrame({
            "date": month, "sku": cat["sku"], "product_name": cat["product_name"],
            "category": cat["category"], "is_new": cat["is_new"], "role": cat["role"],
            "list_price_c": list_c, "uv": uv, "buyers": buyers, "units": units, "gmv_c": gmv_c,
            "discount_c": list_c * units - gmv_c, "unit_cost_c": unit_cost_c,
        }))
    return pd.concat(parts, ignore_index=True)


def build_campaigns(shop: pd.DataFrame, ads: pd.DataFrame) -> pd.DataFrame:
    gmv = shop[shop["campaign_id"] != ""].groupby("campaign_id")["gmv_c"].sum() / 100
    rows = []
    for c in CAMPAIGNS:
        start = c.presale_start or c.main_start
        window = (ads["date"].dt.date >= start) & (ads["date"].dt.date <= c.main_end)
        spend = ads.loc[window, "spend_c"].sum() / 100
        rows.append({
            "campaign_id": c.campaign_id, "name": c.name, "campaign": node_name(c.campaign_id),
            "node_type": "platform", "purpose": c.purpose,
            "presale_start": c.presale_start.isoformat() if c.presale_start else None,
            "presale_end": c.presale_end.isoformat() if c.presale_end else None,
            "main_start": c.main_start.isoformat(), "main_end": c.main_end.isoformat(),
            "target_gmv": float(round(gmv[c.campaign_id] / c.target_attainment, -4)),
            "budget": float(round(spend / c.budget_usage, -3)),
        })
    return pd.DataFrame(rows)


def period_actuals(shop: pd.DataFrame, ads: pd.DataFrame) -> pd.DataFrame:
    """Monthly actuals (gmv in yuan, uv, buyers, orders, spend, guided gmv)."""
    m = (shop.assign(month=month_start(shop["date"]))
         .groupby("month").agg(gmv_c=("gmv_c", "sum"), uv=("uv", "sum"), buyers=("buyers", "sum"),
                               orders=("orders", "sum")))
    a = ads.assign(month=month_start(ads["date"])).groupby("month").agg(spend_c=("spend_c", "sum"),
                                                                        guided_c=("guided_gmv_c", "sum"))
    return m.join(a)


def target_rows(period: str, gmv: float, uv: float, aov: float, orders_per_buyer: float,
                roi: float | None) -> list[dict]:
    """Consistent target set: cvr = gmv / (uv x aov), orders from buyers."""
    uv = round(uv)
    aov = round(aov, 2)
    cvr = round(gmv / (uv * aov), 5)
    rows = [("gmv", gmv), ("uv", float(uv)), ("cvr", cvr), ("aov", aov),
            ("orders", float(round(gmv / aov * orders_per_buyer)))]
    if roi is not None:
        rows.append(("roi", roi))
    return [{"period": period, "metric": m, "scope": "shop", "target_value": v} for m, v in rows]


def build_targets(shop: pd.DataFrame, ads: pd.DataFrame) -> pd.DataFrame:
    act = period_actuals(shop, ads)
    y24 = act[act.index.year == 2024]
    y25 = act[act.index.year == 2025]
    gmv25 = y25["gmv_c"].sum() / 100
    annual_target = float(round(gmv25 / P.plan_2025["gmv_attainment"], -5))

    # Monthly GMV targets: 2024 seasonality x planned growth, in 万, summing to the annual target.
    share = (y24["gmv_c"] / y24["gmv_c"].sum()).to_numpy()
    monthly_gmv = np.rint(annual_target * share / 1e4) * 1e4
    monthly_gmv[-1] += annual_target - monthly_gmv.sum()
    opb24 = y24["orders"].sum() / y24["buyers"].sum()

    rows: list[dict] = []
    monthly = []
    for i, (ts, r) in enumerate(y24.iterrows()):
        uv_t = r["uv"] * (1 + P.plan_2025["uv_growth"])
        aov_t = r["gmv_c"] / 100 / r["buyers"] * (1 + P.plan_2025["aov_growth"])
        monthly.append((f"2025-{ts.month:02d}", float(monthly_gmv[i]), uv_t, aov_t))

    def combine(label: str, months: list[tuple[str, float, float, float]], roi: float | None) -> None:
        gmv = sum(m[1] for m in months)
        uv = sum(m[2] for m in months)
        buyers = sum(m[1] / m[3] for m in months)
        rows.extend(target_rows(label, gmv, uv, gmv / buyers, opb24, roi))

    combine("2025", monthly, P.plan_2025_roi["2025"])
    for q in range(4):
        combine(f"2025-Q{q + 1}", monthly[3 * q:3 * q + 3], P.plan_2025_roi[f"2025-Q{q + 1}"])
    for m in monthly:
        combine(m[0], [m], None)

    gmv26 = float(round(gmv25 * (1 + P.plan_2026["gmv_growth"]), -5))
    uv26 = y25["uv"].sum() * (1 + P.plan_2026["uv_growth"])
    aov26 = gmv25 / y25["buyers"].sum() * (1 + P.plan_2026["aov_growth"])
    opb25 = y25["orders"].sum() / y25["buyers"].sum()
    rows.extend(target_rows("2026", gmv26, uv26, aov26, opb25, P.plan_2026["roi"]))
    return pd.DataFrame(rows)


def build_costs(rng: np.random.Generator, shop: pd.DataFrame, ads: pd.DataFrame,
                prod: pd.DataFrame) -> pd.DataFrame:
    s = shop.assign(month=month_start(shop["date"]),
                    commission_c=shop["gmv_c"] * shop["platform"].map(P.commission))
    m = s.groupby("month").agg(gmv_c=("gmv_c", "sum"), orders=("orders", "sum"),
                               refund_c=("refund_c", "sum"), commission_c=("commission_c", "sum"))
    spend = ads.assign(month=month_start(ads["date"])).groupby("month")["spend_c"].sum()
    cogs = (prod.assign(cost=prod["unit_cost_c"] * prod["units"])
            .groupby(pd.to_datetime(prod["date"]))["cost"].sum())
    rows = []
    for month, r in m.iterrows():
        y, mo = month.year, month.month
        labor = P.labor_monthly[y] + (P.year_end_bonus if mo == 1 else 0) + (P.d11_temp_staff if mo == 11 else 0)
        per_order = P.logistics_per_order[y] + (0.4 if mo in (11, 12) else 0.0)
        amounts = {
            "人力": labor * 100 * lognormal(rng, 0.01, 1)[0],
            "商品成本": cogs[month],
            "平台佣金": r["commission_c"],
            "营销推广": spend[month],
            "物流": r["orders"] * per_order * 100,
            "售后": r["refund_c"] * P.after_sales_per_refund,
            "其他": (P.other_fixed * 100 + r["gmv_c"] * 0.012) * lognormal(rng, 0.03, 1)[0],
        }
        for cost_type in P.cost_types:
            rows.append({"date": month.date(), "cost_type": cost_type,
                         "amount_c": int(np.rint(amounts[cost_type]))})
    return pd.DataFrame(rows)


def build_customers(rng: np.random.Generator, shop: pd.DataFrame) -> pd.DataFrame:
    m = (shop.assign(month=month_start(shop["date"]))
         .groupby("month").agg(buyers=("buyers", "sum"), new_buyers=("new_buyers", "sum"),
                               gmv_c=("gmv_c", "sum"), orders=("orders", "sum"),
                               refund_c=("refund_c", "sum")))
    n = len(m)
    months = m.index.month.to_numpy()
    is_2025 = (m.index.year == 2025).astype(float)
    after_d11 = np.isin(months, [11, 12]).astype(float)
    dip = np.where(months == 11, 1.0, np.where(months == 12, 0.7, np.where(months == 6, 0.3, 0.0)))

    out = pd.DataFrame({"date": m.index.date})
    out["buyers"] = m["buyers"].to_numpy()
    out["new_buyers"] = m["new_buyers"].to_numpy()
    out["returning_buyers"] = out["buyers"] - out["new_buyers"]
    r = out["returning_buyers"] / out["buyers"]
    gmv_share = r * 1.12 / (r * 1.12 + (1 - r))
    out["returning_gmv_c"] = np.rint(m["gmv_c"].to_numpy() * gmv_share).astype(np.int64)
    t = np.arange(n)
    out["repurchase_rate"] = np.round((0.195 + 0.04 * t / (n - 1)) * lognormal(rng, 0.02, n), 4)
    orders = m["orders"].to_numpy()
    out["complaints"] = np.rint(orders * (0.0018 + 0.0012 * after_d11) * lognormal(rng, 0.1, n)).astype(int)
    out["disputes"] = np.rint(orders * (0.0005 + 0.0003 * after_d11) * lognormal(rng, 0.12, n)).astype(int)
    refund_ratio = m["refund_c"].to_numpy() / m["gmv_c"].to_numpy()
    out["refunds"] = np.rint(orders * refund_ratio * 0.92 * lognormal(rng, 0.03, n)).astype(int)
    out["positive_reviews"] = np.rint(orders * 0.32 * lognormal(rng, 0.05, n)).astype(int)
    out["negative_reviews"] = np.rint(orders * (0.0045 + 0.0025 * after_d11)
                                      * lognormal(rng, 0.08, n)).astype(int)
    for col, base, drop in (("dsr_desc", 4.815, 0.045), ("dsr_service", 4.835, 0.035),
                            ("dsr_ship", 4.790, 0.070)):
        out[col] = np.round(base + 0.012 * is_2025 - drop * dip + rng.normal(0, 0.004, n), 3)
    for col, base in (("industry_dsr_desc", 4.786), ("industry_dsr_service", 4.803),
                      ("industry_dsr_ship", 4.781)):
        out[col] = np.round(base - 0.01 * dip + rng.normal(0, 0.003, n), 3)
    resp = 19.5 - 2.0 * is_2025 + 13.0 * dip + 3.0 * (months == 1) + rng.normal(0, 0.6, n)
    out["avg_response_seconds"] = np.round(resp, 1)
    return out
