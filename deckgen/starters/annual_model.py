"""The annual model, part 1: the calendar of drivers (season, weekdays, Spring Festival, campaigns), the shop's
daily table (date × platform × device), traffic sources and ads. Parameters: ``annual_params.P``."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from .annual_params import CAMPAIGNS, P, campaign_for, interp_path
from .annual_tables import build_catalog, sku_month_weights
from .common import allocate_rows, lognormal


def seasonal_factor(dates: pd.DatetimeIndex) -> np.ndarray:
    """Monthly factors anchored at mid-month and interpolated day by day."""
    anchors_x, anchors_y = [], []
    for year in (P.years[0] - 1, *P.years, P.years[-1] + 1):
        for m in range(12):
            anchors_x.append(date(year, m + 1, 15).toordinal())
            anchors_y.append(P.season_uv[m])
    x = np.array([d.toordinal() for d in dates.date])
    return np.interp(x, anchors_x, anchors_y)


def spring_festival_factors(dates: pd.DatetimeIndex) -> tuple[np.ndarray, np.ndarray]:
    """UV and CVR factors around the Spring Festival logistics stop."""
    uv = np.ones(len(dates))
    cvr = np.ones(len(dates))
    for sf in P.spring_festival:
        offset = np.array([(d - sf).days for d in dates.date])
        for first, last, uv_factor, cvr_factor in P.spring_festival_effects:
            inside = (offset >= first) & (offset <= last)
            uv = np.where(inside, uv * uv_factor, uv)
            cvr = np.where(inside, cvr * cvr_factor, cvr)
    return uv, cvr


def q3_dip_factor(dates: pd.DatetimeIndex) -> np.ndarray:
    x = np.array([d.toordinal() for d in dates.date])
    ax = [d.toordinal() for d, _ in P.q3_2025_cvr_dip]
    ay = [f for _, f in P.q3_2025_cvr_dip]
    return np.interp(x, ax, ay, left=1.0, right=1.0)


def catalog_mix_index() -> dict[tuple[int, int], float]:
    """Relative list-price level of what sells in each (year, month), mean 1.

    Bedding-heavy winter months sell fewer, dearer items; the shop-level basket (AOV and items per
    buyer) follows this index so that SKU deal prices stay plausible all year.
    """
    catalog = build_catalog()
    prices = catalog["list_price"].to_numpy()
    level = {}
    for year in P.years:
        for month in range(1, 13):
            w = sku_month_weights(catalog, date(year, month, 1))
            level[(year, month)] = w.sum() / (w / prices).sum()
    mean = float(np.mean(list(level.values())))
    return {key: value / mean for key, value in level.items()}


def build_calendar(rng: np.random.Generator) -> pd.DataFrame:
    """One row per date with the shop-level drivers (before the platform/device split)."""
    dates = pd.date_range(P.start, P.end, freq="D")
    t = np.arange(len(dates), dtype=float)
    cal = pd.DataFrame({"date": dates})
    cal["year"] = dates.year
    cal["t"] = t
    weekday = dates.day_of_week.to_numpy()
    sf_uv, sf_cvr = spring_festival_factors(dates)

    cal["uv_base"] = (P.uv_start * (1 + P.uv_growth) ** (t / 365.25) * seasonal_factor(dates)
                      * np.take(P.weekday_uv, weekday) * sf_uv * lognormal(rng, 0.035, len(dates)))
    cal["cvr_base"] = (interp_path(t, P.cvr_path) * np.take(P.weekday_cvr, weekday) * sf_cvr
                       * q3_dip_factor(dates) * lognormal(rng, 0.025, len(dates)))
    mix_index = catalog_mix_index()
    mix = np.array([mix_index[(y, m)] for y, m in zip(dates.year, dates.month, strict=True)])
    cal["aov_base"] = interp_path(t, P.aov_path) * mix ** P.mix_aov_elasticity * lognormal(rng, 0.02, len(dates))
    cal["ipb_mix"] = mix ** (P.mix_aov_elasticity - 1)
    cal["jd_share"] = interp_path(t, P.jd_uv_share_path)
    cal["mobile_share"] = interp_path(t, P.mobile_uv_share_path)

    # Quiet days before big presales (shoppers wait) and the hangover after the peaks.
    cal["cvr_base"] *= calendar_side_effects(dates)
    national_day = (dates.month == P.national_day["month"]) & (dates.day <= P.national_day["last_day"])
    cal.loc[national_day, "uv_base"] *= P.national_day["uv"]

    cal["campaign_id"] = ""
    cal["kind"] = ""
    cal["phase"] = "none"
    for c in CAMPAIGNS:
        if c.presale_start is not None:
            in_presale = (cal["date"].dt.date >= c.presale_start) & (cal["date"].dt.date <= c.presale_end)
            cal.loc[in_presale, ["campaign_id", "kind", "phase"]] = [c.campaign_id, c.kind, "presale"]
        in_main = (cal["date"].dt.date >= c.main_start) & (cal["date"].dt.date <= c.main_end)
        cal.loc[in_main, ["campaign_id", "kind", "phase"]] = [c.campaign_id, c.kind, "main"]
        phases = P.campaign_lift[c.kind]
        if "first" in phases:
            cal.loc[cal["date"].dt.date == c.main_start, "phase"] = "first"
        if "peak" in phases:
            cal.loc[cal["date"].dt.date == c.main_end, "phase"] = "peak"

    lifts = np.ones((len(cal), 3))
    for i, (cid, kind, phase) in enumerate(zip(cal["campaign_id"], cal["kind"], cal["phase"], strict=True)):
        if cid:
            lift = np.array(P.campaign_lift[kind][phase])
            lifts[i] = 1 + (lift - 1) * campaign_for(cid).intensity
    cal["uv_lift"], cal["cvr_lift"], cal["aov_lift"] = lifts[:, 0], lifts[:, 1], lifts[:, 2]
    return cal


def calendar_side_effects(dates: pd.DatetimeIndex) -> np.ndarray:
    """CVR factor: a wait-for-the-sale lull before big presales and a hangover after the peaks."""
    f = np.ones(len(dates))
    d = dates.date
    for c in CAMPAIGNS:
        if c.kind in P.hangover and c.presale_start is not None:
            lull = np.array([0 < (c.presale_start - x).days <= P.presale_lull["days"] for x in d])
            f = np.where(lull, f * P.presale_lull["cvr"], f)
            days, factor = P.hangover[c.kind]
            after = np.array([0 < (x - c.main_end).days <= days for x in d])
            f = np.where(after, f * factor, f)
    return f


def build_shop_daily(rng: np.random.Generator, cal: pd.DataFrame) -> pd.DataFrame:
    """date x platform x device; base counts first, money in integer cents."""
    parts = [build_shop_cell(rng, cal, platform, device) for platform in P.platforms for device in P.devices]
    shop = pd.concat(parts, ignore_index=True)
    shop = shop.assign(_p=shop["platform"].map({p: i for i, p in enumerate(P.platforms)}),
                       _d=shop["device"].map({d: i for i, d in enumerate(P.devices)}))
    shop = shop.sort_values(["date", "_p", "_d"], kind="stable").drop(columns=["_p", "_d"])
    return shop.reset_index(drop=True)


def build_shop_cell(rng: np.random.Generator, cal: pd.DataFrame, platform: str, device: str) -> pd.DataFrame:
    """All dates for one platform and device: uv -> buyers -> gmv, then the dependent counts."""
    p_cvr, p_aov, p_new, p_refund = P.platform_factors[platform]
    d_cvr, d_aov, d_ppv, d_ipb, d_inq = P.device_factors[device]
    p_share = cal["jd_share"] if platform == "京东" else 1 - cal["jd_share"]
    d_share = cal["mobile_share"] if device == "mobile" else 1 - cal["mobile_share"]
    uv_lift = cal["uv_lift"].to_numpy()
    if platform == "京东":
        uv_lift = 1 + (uv_lift - 1) * cal["kind"].map(P.jd_campaign_uv_boost).fillna(1.0).to_numpy()
    on_campaign = cal["campaign_id"].ne("").to_numpy()
    peakish = cal["phase"].isin(["peak", "first"]).to_numpy()
    is_2025 = (cal["year"] == 2025).to_numpy()
    n = len(cal)

    df = pd.DataFrame({"date": cal["date"], "platform": platform, "device": device,
                       "campaign_id": cal["campaign_id"], "year": cal["year"]})
    uv = cal["uv_base"] * p_share * d_share * uv_lift * lognormal(rng, 0.03, n)
    cvr = cal["cvr_base"] * p_cvr * d_cvr * cal["cvr_lift"] * lognormal(rng, 0.03, n)
    aov = cal["aov_base"] * p_aov * d_aov * cal["aov_lift"] * lognormal(rng, 0.025, n)
    df["uv"] = np.rint(uv).astype(np.int64)
    df["buyers"] = np.rint(df["uv"] * cvr).astype(np.int64)
    df["gmv_c"] = np.rint(df["buyers"] * aov * 100).astype(np.int64)

    ppv = d_ppv * (1 + 0.15 * on_campaign) * lognormal(rng, 0.04, n)
    df["pv"] = np.maximum(np.rint(df["uv"] * ppv).astype(np.int64), df["uv"])
    extra_orders = (0.045 + 0.03 * peakish) * lognormal(rng, 0.2, n)
    df["orders"] = df["buyers"] + np.rint(df["buyers"] * extra_orders).astype(np.int64)
    ipb = d_ipb * cal["ipb_mix"] * (1 + 0.08 * on_campaign + 0.07 * peakish) * lognormal(rng, 0.03, n)
    df["units"] = np.maximum(np.rint(df["buyers"] * ipb).astype(np.int64), df["orders"])

    pending = cal["kind"].map(P.presale_pending).fillna(0.0).to_numpy() * (cal["phase"] == "presale")
    unpaid = rng.uniform(0.05, 0.09, n) + pending
    df["ordered_c"] = np.rint(df["gmv_c"] * (1 + unpaid)).astype(np.int64)

    new_share = (p_new - 0.02 * is_2025 + 0.03 * on_campaign) * lognormal(rng, 0.03, n)
    df["new_buyers"] = np.minimum(np.rint(df["buyers"] * new_share).astype(np.int64), df["buyers"])

    d11_peak = ((cal["phase"] == "peak") & (cal["kind"] == "d11")).to_numpy()
    refund_rate = (0.102 - 0.004 * is_2025 + 0.035 * on_campaign + 0.06 * d11_peak) * p_refund
    df["refund_c"] = np.rint(df["gmv_c"] * refund_rate * lognormal(rng, 0.08, n)).astype(np.int64)

    inquiry_rate = d_inq * (1 - 0.15 * on_campaign) * lognormal(rng, 0.06, n)
    df["inquiry_users"] = np.rint(df["uv"] * inquiry_rate).astype(np.int64)
    inq_buyers = np.rint(df["inquiry_users"] * 0.45 * lognormal(rng, 0.05, n)).astype(np.int64)
    df["inquiry_buyers"] = np.minimum(inq_buyers, np.minimum(df["inquiry_users"], df["buyers"]))
    return df


def build_traffic_sources(rng: np.random.Generator, shop: pd.DataFrame) -> pd.DataFrame:
    """date x device x source; buyers and GMV split exactly from the shop totals (over platforms)."""
    by_dd = (shop.groupby(["date", "device"], sort=False)
             .agg(uv=("uv", "sum"), buyers=("buyers", "sum"), gmv_c=("gmv_c", "sum"),
                  campaign_id=("campaign_id", "first"), year=("year", "first"))
             .reset_index())
    by_dd["_d"] = by_dd["device"].map({d: i for i, d in enumerate(P.devices)})
    by_dd = by_dd.sort_values(["date", "_d"], kind="stable").reset_index(drop=True)
    n, k = len(by_dd), len(P.sources)
    names = [s[1] for s in P.sources]

    buyer_w = np.tile(np.array([s[3] for s in P.sources]), (n, 1))
    is_pc = (by_dd["device"] == "pc").to_numpy()
    on_campaign = by_dd["campaign_id"].ne("").to_numpy()
    is_2025 = (by_dd["year"] == 2025).to_numpy()
    for j, name in enumerate(names):
        buyer_w[is_pc, j] *= P.pc_source_tilt.get(name, 1.0)
        buyer_w[on_campaign, j] *= P.campaign_source_tilt.get(name, 1.0)
        buyer_w[is_2025, j] *= P.year_source_tilt_2025.get(name, 1.0)
    buyer_w *= lognormal(rng, 0.10, (n, k))
    buyers = allocate_rows(by_dd["buyers"].to_numpy(), buyer_w)

    aov_f = np.array([s[4] for s in P.sources])
    gmv_w = buyers * aov_f * lognormal(rng, 0.05, (n, k))
    gmv_c = allocate_rows(by_dd["gmv_c"].to_numpy(), gmv_w)

    uv_w = np.array([s[2] for s in P.sources]) * lognormal(rng, 0.08, (n, k))
    uv_w = uv_w / uv_w.sum(axis=1, keepdims=True)
    uv = np.rint(by_dd["uv"].to_numpy()[:, None] * uv_w * P.uv_multi_touch).astype(np.int64)
    uv = np.maximum(uv, np.ceil(buyers / 0.30).astype(np.int64))  # source CVR at most 30%

    out = pd.DataFrame({
        "日期": np.repeat(by_dd["date"].dt.strftime("%Y-%m-%d").to_numpy(), k),
        "终端": np.repeat(by_dd["device"].to_numpy(), k),
        "来源分组": np.tile([s[0] for s in P.sources], n),
        "来源": np.tile(names, n),
        "访客数": uv.ravel(),
        "支付买家数": buyers.ravel(),
        "支付金额_c": gmv_c.ravel(),
    })
    return out


def build_ads(rng: np.random.Generator, shop: pd.DataFrame, cal: pd.DataFrame) -> pd.DataFrame:
    """date x channel. Spend follows each platform's GMV; ROI by channel and year, calibrated."""
    by_dp = shop.pivot_table(index="date", columns="platform", values="gmv_c", aggfunc="sum")
    aov = (shop.groupby("date")["gmv_c"].sum() / shop.groupby("date")["buyers"].sum() / 100).to_numpy()
    phase = cal["phase"].to_numpy()
    year = cal["year"].to_numpy()
    spend_f = np.array([P.ad_phase[p][0] for p in phase])
    roi_f = np.array([P.ad_phase[p][1] for p in phase])
    n = len(cal)

    rows = []
    for channel, platform, sh24, sh25, roi24, roi25, cpc, ctr in P.ad_channels:
        share = np.where(year == 2024, sh24, sh25)
        fee = np.where(year == 2024, P.ad_fee_ratio[2024], P.ad_fee_ratio[2025])
        spend = by_dp[platform].to_numpy() / 100 * fee * share * spend_f * lognormal(rng, 0.10, n)
        roi = np.where(year == 2024, roi24, roi25) * roi_f * lognormal(rng, 0.08, n)
        rows.append(pd.DataFrame({"date": cal["date"], "channel": channel, "platform": platform,
                                  "year": year, "spend": spend, "roi": roi, "cpc": cpc, "ctr": ctr,
                                  "aov": aov}))
    ads = pd.concat(rows, ignore_index=True)

    # Calibrate: annual 费比 per year and annual ROI per channel-platform-year hit the design values.
    gmv_year = shop.groupby("year")["gmv_c"].sum() / 100
    spend_year = ads.groupby("year")["spend"].sum()
    ads["spend"] *= ads["year"].map(lambda y: P.ad_fee_ratio[y] * gmv_year[y] / spend_year[y])
    ads["guided"] = ads["spend"] * ads["roi"]
    design_roi = {(c, p, 2024): r24 for c, p, _, _, r24, _, _, _ in P.ad_channels}
    design_roi |= {(c, p, 2025): r25 for c, p, _, _, _, r25, _, _ in P.ad_channels}
    grp = ads.groupby(["channel", "platform", "year"])
    actual_roi = grp["guided"].sum() / grp["spend"].sum()
    scale = {key: design_roi[key] / actual_roi[key] for key in actual_roi.index}
    ads["guided"] *= [scale[key] for key in zip(ads["channel"], ads["platform"], ads["year"], strict=True)]

    # Both platforms run 信息流: report one row per date x channel.
    ads = (ads.assign(clicks=ads["spend"] / ads["cpc"] * lognormal(rng, 0.06, len(ads)))
           .assign(impressions=lambda d: d["clicks"] / d["ctr"] * lognormal(rng, 0.06, len(d)))
           .groupby(["date", "channel"], sort=False)
           .agg(spend=("spend", "sum"), impressions=("impressions", "sum"), clicks=("clicks", "sum"),
                guided=("guided", "sum"), aov=("aov", "first"))
           .reset_index())
    ads["spend_c"] = np.rint(ads["spend"] * 100).astype(np.int64)
    ads["guided_gmv_c"] = np.rint(ads["guided"] * 100).astype(np.int64)
    ads["clicks"] = np.rint(ads["clicks"]).astype(np.int64)
    ads["impressions"] = np.rint(ads["impressions"]).astype(np.int64)
    ads["guided_orders"] = np.minimum(np.rint(ads["guided"] / ads["aov"] * 1.04).astype(np.int64),
                                      ads["clicks"])
    ads["_c"] = ads["channel"].map({c: i for i, c in enumerate(P.ad_channel_order)})
    ads = ads.sort_values(["date", "_c"], kind="stable").reset_index(drop=True)
    return ads[["date", "channel", "spend_c", "impressions", "clicks", "guided_orders", "guided_gmv_c"]]
