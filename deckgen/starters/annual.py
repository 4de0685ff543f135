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

Everything is derived from one ``numpy.random.default_rng(SEED)`` that is passed explicitly to each
builder in a fixed order, so two runs give byte-identical files. The model works with the Chinese
labels throughout; other locales translate the labels (platforms, campaigns, sources, channels,
products, categories, cost types) only when the files are written, so every locale has exactly the
same numbers. Money is carried as integer cents internally, which makes every "sums to the cent" rule
exact. ``samples/annual-review/data/README.md`` documents the columns and the consistency rules.
"""

from __future__ import annotations

import io
import re
import sqlite3
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook
from openpyxl.styles import Font

SEED = 20251231
SHOP_NAME = "云杉家居旗舰店"
START = date(2024, 1, 1)
END = date(2025, 12, 31)
YEARS = (2024, 2025)

PLATFORMS = ("天猫", "京东")
DEVICES = ("pc", "mobile")
OUTPUT_FILES = ("shop_daily.csv", "traffic_sources.csv", "ads.xlsx", "products.parquet", "shop.db",
                "costs_monthly.csv", "customers_monthly.csv")
FIXED_TIMESTAMP = datetime(2026, 1, 1, 0, 0, 0)  # stamped into the xlsx so the file is reproducible

# --------------------------------------------------------------------------------------------------
# Model parameters (constants only; nothing here is mutated)
# --------------------------------------------------------------------------------------------------

#: Shop UV on an ordinary day at 2024-01-01; grows by UV_GROWTH per year (compounded daily).
UV_START = 24_800
UV_GROWTH = 0.20
#: Base conversion rate and AOV drift linearly from the first to the last day of the two years.
CVR_PATH = (0.0236, 0.0221)
AOV_PATH = (176.0, 188.0)
#: How much of the product-mix price level shows in AOV (the rest moves items per buyer).
MIX_AOV_ELASTICITY = 0.4
#: JD's share of UV drifts from .. to ..; mobile share of UV likewise.
JD_UV_SHARE_PATH = (0.20, 0.29)
MOBILE_UV_SHARE_PATH = (0.885, 0.915)

#: Monthly seasonality of traffic for home goods (Jan..Dec), interpolated between mid-months.
SEASON_UV = (1.00, 0.92, 1.06, 1.00, 0.97, 1.00, 0.90, 0.90, 1.03, 1.04, 1.06, 1.04)
#: Mild weekday effect (Mon..Sun) on UV and CVR.
WEEKDAY_UV = (1.02, 1.00, 0.99, 0.98, 0.96, 1.02, 1.04)
WEEKDAY_CVR = (1.01, 1.00, 1.00, 0.99, 0.98, 1.01, 1.02)

#: Spring Festival dates: a logistics stop around them depresses traffic and conversion.
SPRING_FESTIVAL = (date(2024, 2, 10), date(2025, 1, 29))

#: Q3 2025 conversion dip, as (mid-month date, factor) anchors; 1.0 outside.
Q3_2025_CVR_DIP = (
    (date(2025, 6, 15), 1.00),
    (date(2025, 7, 15), 0.88),
    (date(2025, 8, 15), 0.76),
    (date(2025, 9, 15), 0.91),
    (date(2025, 10, 15), 1.00),
)

#: Device factors: (cvr, aov, pages per visit, items per buyer, inquiry rate per UV)
DEVICE_FACTORS = {
    "pc": (0.78, 1.27, 4.6, 1.52, 0.030),
    "mobile": (1.02, 0.97, 3.3, 1.38, 0.020),
}
#: Platform factors: (cvr, aov, new-buyer share, refund-rate factor)
PLATFORM_FACTORS = {
    "天猫": (1.00, 1.00, 0.69, 1.00),
    "京东": (1.06, 1.07, 0.78, 0.92),
}


@dataclass(frozen=True)
class Campaign:
    """One platform campaign node; ``kind`` selects the shape of its daily lift."""

    campaign_id: str
    name: str
    kind: str
    purpose: str
    presale_start: date | None
    presale_end: date | None
    main_start: date
    main_end: date
    intensity: float  # scales every lift: 1 + (lift - 1) * intensity
    target_attainment: float  # actual GMV / target GMV, used to set the target
    budget_usage: float  # ads spend in the window / budget


CAMPAIGNS = (
    Campaign("nhj-2024", "年货节 2024", "nhj", "traffic", None, None,
             date(2024, 1, 15), date(2024, 1, 26), 1.00, 1.01, 0.97),
    Campaign("38-2024", "3.8女王节 2024", "38", "launch", None, None,
             date(2024, 3, 1), date(2024, 3, 8), 1.00, 0.88, 1.04),
    Campaign("618-2024", "618 2024", "618", "ranking", date(2024, 5, 20), date(2024, 5, 30),
             date(2024, 5, 31), date(2024, 6, 18), 1.00, 1.03, 0.98),
    Campaign("99-2024", "99划算节 2024", "99", "clearance", None, None,
             date(2024, 9, 5), date(2024, 9, 9), 1.00, 1.05, 0.95),
    Campaign("d11-2024", "双十一 2024", "d11", "ranking", date(2024, 10, 21), date(2024, 10, 30),
             date(2024, 10, 31), date(2024, 11, 11), 1.00, 0.96, 1.06),
    Campaign("d12-2024", "双十二 2024", "d12", "clearance", None, None,
             date(2024, 12, 8), date(2024, 12, 12), 1.00, 0.97, 0.99),
    Campaign("nhj-2025", "年货节 2025", "nhj", "traffic", None, None,
             date(2025, 1, 5), date(2025, 1, 16), 1.05, 1.04, 0.96),
    Campaign("38-2025", "3.8女王节 2025", "38", "launch", None, None,
             date(2025, 3, 1), date(2025, 3, 8), 1.10, 1.12, 0.93),
    Campaign("618-2025", "618 2025", "618", "ranking", date(2025, 5, 20), date(2025, 5, 30),
             date(2025, 5, 31), date(2025, 6, 18), 0.92, 0.92, 1.07),
    Campaign("99-2025", "99划算节 2025", "99", "clearance", None, None,
             date(2025, 9, 5), date(2025, 9, 9), 0.95, 0.94, 1.02),
    Campaign("d11-2025", "双十一 2025", "d11", "ranking", date(2025, 10, 21), date(2025, 10, 30),
             date(2025, 10, 31), date(2025, 11, 11), 1.04, 1.10, 0.98),
    Campaign("d12-2025", "双十二 2025", "d12", "clearance", None, None,
             date(2025, 12, 8), date(2025, 12, 12), 1.00, 1.01, 0.97),
)

#: Lift per campaign kind and phase: (uv, cvr, aov). "first" = first day of the main window,
#: "peak" = last day of the main window (6/18, 11/11, 3/8, 9/9, 12/12).
CAMPAIGN_LIFT = {
    "nhj": {"main": (1.30, 1.10, 1.05)},
    "38": {"main": (1.25, 1.08, 1.03), "peak": (2.00, 1.30, 1.06)},
    "618": {"presale": (1.25, 0.90, 1.04), "first": (2.10, 1.30, 1.12),
            "main": (1.25, 1.04, 1.04), "peak": (3.30, 1.70, 1.12)},
    "99": {"main": (1.30, 1.10, 1.03), "peak": (2.20, 1.35, 1.05)},
    "d11": {"presale": (1.40, 0.85, 1.05), "first": (2.60, 1.35, 1.15),
            "main": (1.45, 1.10, 1.08), "peak": (3.50, 2.10, 1.18)},
    "d12": {"main": (1.30, 1.10, 1.03), "peak": (2.40, 1.45, 1.08)},
}
#: JD runs its own 618; Tmall dominates 双十一. Multiplies the UV lift excess on JD rows.
JD_CAMPAIGN_UV_BOOST = {"618": 1.40, "d11": 0.80}
#: Extra (unpaid) ordered amount on presale days, as a multiple of that day's paid GMV.
PRESALE_PENDING = {"618": 0.80, "d11": 1.30}

#: Traffic sources: (source group, source, uv share, buyer share, AOV factor) for mobile / pc.
SOURCES = (
    ("自然", "手淘搜索", 0.27, 0.29, 1.00),
    ("自然", "手淘推荐", 0.19, 0.10, 0.92),
    ("付费", "直通车", 0.10, 0.10, 1.00),
    ("付费", "引力魔方", 0.08, 0.05, 0.95),
    ("付费", "淘宝客", 0.04, 0.05, 0.85),
    ("付费", "信息流", 0.07, 0.03, 0.90),
    ("活动", "官方活动", 0.05, 0.04, 1.08),
    ("活动", "直播", 0.05, 0.06, 0.90),
    ("会员", "收藏加购", 0.05, 0.12, 1.12),
    ("会员", "会员营销", 0.02, 0.04, 1.20),
    ("其他", "直接访问", 0.04, 0.08, 1.05),
    ("其他", "站外", 0.04, 0.04, 0.95),
)
#: On PC the mix is different: (source -> multiplier on the buyer share).
PC_SOURCE_TILT = {"手淘推荐": 0.4, "直播": 0.2, "手淘搜索": 1.3, "直接访问": 1.6, "站外": 1.4}
#: Campaign days: multiplier on buyer share (activity and cart traffic convert).
CAMPAIGN_SOURCE_TILT = {"官方活动": 4.0, "直播": 1.5, "收藏加购": 1.6, "会员营销": 1.3}
#: 2025 vs 2024 shift in buyer share (live streaming and feed ads grow, search shrinks).
YEAR_SOURCE_TILT_2025 = {"直播": 1.45, "信息流": 1.35, "手淘搜索": 0.93, "手淘推荐": 1.05}
UV_MULTI_TOUCH = 1.18  # Σ source UV / shop UV (visitors touch several sources)

#: Ad channels: platform served, spend share within that platform by year, ROI by year,
#: cost per click, click-through rate.
AD_CHANNELS = (
    # channel,   platform, share24, share25, roi24, roi25, cpc,  ctr
    ("直通车", "天猫", 0.45, 0.42, 1.80, 2.60, 1.25, 0.026),
    ("引力魔方", "天猫", 0.24, 0.22, 1.90, 2.20, 0.62, 0.006),
    ("淘宝客", "天猫", 0.17, 0.19, 4.50, 4.30, 0.85, 0.015),
    ("信息流", "天猫", 0.14, 0.17, 1.90, 1.30, 0.48, 0.009),
    ("京东快车", "京东", 0.75, 0.75, 2.30, 2.70, 1.40, 0.022),
    ("信息流", "京东", 0.25, 0.25, 1.90, 1.30, 0.48, 0.009),
)
AD_CHANNEL_ORDER = ("直通车", "引力魔方", "淘宝客", "京东快车", "信息流")
#: Marketing 费比 (ads spend / GMV) by year.
AD_FEE_RATIO = {2024: 0.130, 2025: 0.125}
#: Spend and ROI factors by campaign phase (presale builds audiences, the peak harvests them).
AD_PHASE = {"none": (1.00, 1.00), "presale": (1.50, 0.70), "first": (1.10, 1.30),
            "main": (1.05, 1.10), "peak": (0.75, 1.60)}

# Product catalogue --------------------------------------------------------------------------------
# (name, list price, role, season, launch month in 2025 or None)
CATALOG = {
    ("BD", "床品"): (
        ("60支长绒棉四件套 1.8m", 899, "hero", None, None),
        ("60支长绒棉四件套 1.5m", 799, "hero", None, None),
        ("40支全棉磨毛四件套 1.8m", 499, "traffic", "winter", None),
        ("40支全棉四件套 1.5m", 429, "traffic", None, None),
        ("100支天丝四件套 1.8m", 1149, "image", "summer", None),
        ("水洗棉三件套 1.2m", 339, "traffic", None, None),
        ("大豆纤维冬被 200×230 6斤", 599, "hero", "winter", None),
        ("新疆棉花被 200×230 5斤", 699, "profit", "winter", None),
        ("桑蚕丝被 200×230 2斤", 1699, "image", None, None),
        ("95白鹅绒被 200×230", 2099, "image", "winter", None),
        ("水洗棉夏凉被 200×230", 259, "traffic", "summer", None),
        ("A类针织棉空调被 150×200", 219, "profit", "summer", None),
        ("泰国乳胶枕 单只装", 209, "hero", None, None),
        ("羽丝绒枕芯 一对装", 129, "traffic", None, None),
        ("荞麦枕 单只装", 119, "profit", None, None),
        ("记忆棉护颈枕", 259, "profit", None, None),
        ("全棉床笠 1.8m", 169, "profit", None, None),
        ("全棉床笠 1.5m", 149, "profit", None, None),
        ("防水隔尿床笠 1.8m", 189, "profit", None, None),
        ("大豆纤维床垫 1.8m 7cm", 799, "profit", None, None),
        ("加厚床褥 1.5m", 389, "profit", "winter", None),
        ("全棉被套 200×230", 299, "profit", None, None),
        ("全棉枕套 一对装", 59, "traffic", None, None),
        ("珊瑚绒毛毯 150×200", 169, "profit", "winter", None),
        ("牛奶绒四件套 1.8m", 469, "profit", "winter", None),
        ("儿童A类全棉三件套 1.2m", 389, "profit", None, None),
        ("冰丝凉席三件套 1.8m", 259, "profit", "summer", None),
        ("藤席 1.5m", 339, "clearance", "summer", None),
        ("提花贡缎四件套 1.8m", 1049, "image", None, None),
        ("法兰绒四件套 1.5m", 389, "clearance", "winter", None),
        ("纯棉午睡毯", 89, "clearance", None, None),
        ("婴儿豆豆绒毯", 129, "profit", None, None),
        ("120支埃及棉四件套 1.8m", 1299, "image", None, 3),
        ("石墨烯抗菌冬被 200×230", 899, "hero", "winter", 9),
        ("云朵棉夏被 200×230", 339, "traffic", "summer", 4),
    ),
    ("TW", "毛巾浴巾"): (
        ("A类纯棉毛巾 3条装", 99, "hero", None, None),
        ("长绒棉加厚浴巾 70×140", 169, "hero", None, None),
        ("纯棉毛巾浴巾套装", 209, "traffic", "gift", None),
        ("竹纤维毛巾 2条装", 79, "traffic", None, None),
        ("新疆棉方巾 5条装", 49, "traffic", None, None),
        ("儿童卡通毛巾 3条装", 59, "profit", None, None),
        ("珊瑚绒干发帽 2只装", 39, "traffic", None, None),
        ("纯棉华夫格浴袍", 259, "profit", "winter", None),
        ("酒店款浴巾 80×160", 219, "profit", None, None),
        ("一次性洗脸巾 3卷", 49, "traffic", None, None),
        ("6层纱布毛巾 2条装", 89, "profit", None, None),
        ("运动速干毛巾", 59, "profit", "summer", None),
        ("吸水浴室地巾 2条装", 79, "profit", None, None),
        ("毛巾礼盒 4件套", 179, "image", "gift", None),
        ("纯棉手帕 10条装", 49, "clearance", None, None),
        ("防水浴帽 3只装", 19, "clearance", None, None),
        ("长绒棉面巾 2条装", 79, "profit", None, None),
        ("婴儿纱布浴巾", 119, "profit", None, None),
        ("宠物吸水浴巾", 49, "clearance", None, None),
        ("挂式擦手巾 4条装", 39, "clearance", None, None),
        ("银离子抗菌毛巾 3条装", 129, "hero", None, 3),
        ("加大浴巾 90×180", 249, "profit", None, 5),
        ("冰感速干浴巾", 129, "traffic", "summer", 6),
        ("新中式毛巾礼盒", 259, "image", "gift", 9),
        ("零捻纱毛巾 2条装", 89, "profit", None, 4),
    ),
    ("ST", "收纳"): (
        ("衣物收纳箱 66L 3只装", 169, "hero", None, None),
        ("桌面化妆品收纳盒", 59, "traffic", None, None),
        ("抽屉式收纳柜 5层", 389, "profit", None, None),
        ("真空压缩袋 8件套", 79, "traffic", "winter", None),
        ("内衣收纳盒 3件套", 49, "traffic", None, None),
        ("透明鞋盒 10只装", 119, "traffic", None, None),
        ("带轮床底收纳箱 2只装", 149, "profit", None, None),
        ("衣柜分层隔板", 59, "profit", None, None),
        ("棉麻收纳筐", 49, "profit", None, None),
        ("冰箱收纳盒 6件套", 99, "profit", "summer", None),
        ("桌面文件收纳架", 79, "profit", None, None),
        ("防尘挂衣袋 5只装", 49, "clearance", None, None),
        ("折叠收纳凳", 119, "profit", None, None),
        ("儿童玩具收纳柜", 339, "profit", None, None),
        ("亚克力化妆品收纳柜", 209, "image", None, None),
        ("免打孔浴室置物架", 99, "traffic", None, None),
        ("门后挂钩 6钩", 19, "clearance", None, None),
        ("袜子收纳格", 39, "profit", None, None),
        ("车载收纳箱", 89, "clearance", None, None),
        ("搬家收纳袋 4只装", 49, "clearance", None, None),
        ("抽拉式衣柜收纳篮", 119, "hero", None, 3),
        ("可折叠收纳箱 45L 2只装", 129, "traffic", None, 4),
        ("书桌收纳架", 99, "profit", None, 8),
        ("竹制收纳盒 三件套", 149, "image", None, 10),
        ("旅行收纳袋 7件套", 79, "profit", "summer", 5),
    ),
    ("KT", "厨房"): (
        ("304不锈钢保鲜盒 5件套", 219, "hero", None, None),
        ("玻璃保鲜盒 10件套", 169, "traffic", None, None),
        ("双面竹木砧板", 119, "profit", None, None),
        ("不粘炒锅 32cm", 389, "profit", None, None),
        ("刀具套装 6件", 339, "profit", None, None),
        ("玻璃密封罐 6只装", 89, "traffic", None, None),
        ("落地厨房置物架 3层", 259, "profit", None, None),
        ("硅胶厨具 5件套", 129, "profit", None, None),
        ("吸水抹布 10条装", 19, "traffic", None, None),
        ("陶瓷餐具 20头", 499, "image", "gift", None),
        ("合金筷子 10双", 49, "traffic", None, None),
        ("保温饭盒", 129, "profit", "winter", None),
        ("沥水碗架", 169, "profit", None, None),
        ("一次性保鲜膜套 300只", 19, "clearance", None, None),
        ("烘焙工具 8件套", 99, "clearance", None, None),
        ("玻璃水杯 6只装", 79, "clearance", None, None),
        ("珐琅铸铁锅 24cm", 599, "image", "gift", 9),
        ("食品级硅胶保鲜袋", 59, "traffic", None, 5),
        ("分格保鲜饭盒", 89, "profit", None, 6),
        ("双层沥水篮", 59, "profit", None, 7),
    ),
    ("DC", "家饰"): (
        ("棉麻抱枕套 45×45 2只装", 79, "traffic", None, None),
        ("遮光窗帘 定制", 259, "profit", None, None),
        ("北欧地毯 160×230", 389, "profit", "winter", None),
        ("香薰蜡烛礼盒", 169, "image", "gift", None),
        ("棉麻桌布", 89, "profit", None, None),
        ("沙发盖巾", 169, "profit", None, None),
        ("三联装饰挂画", 339, "image", None, None),
        ("仿真绿植", 59, "clearance", None, None),
        ("入户门垫", 49, "traffic", None, None),
        ("陶瓷花瓶", 119, "image", None, None),
        ("圣诞装饰套装", 129, "clearance", "gift", None),
        ("客厅纱帘", 119, "profit", None, None),
        ("新中式抱枕", 99, "profit", None, 9),
        ("奶油风地毯 160×230", 339, "profit", None, 3),
        ("氛围灯", 169, "image", "gift", 11),
    ),
}
#: Relative GMV weight of each category.
CATEGORY_WEIGHT = {"床品": 1.60, "毛巾浴巾": 0.70, "收纳": 0.60, "厨房": 0.60, "家饰": 0.45}
#: Per role: (popularity base, popularity decay within category, base discount, cost / list price,
#:            product-page CVR)
ROLE_PARAMS = {
    "hero": (18.0, 0.70, 0.17, 0.420, 0.050),
    "traffic": (2.5, 0.78, 0.22, 0.460, 0.040),
    "profit": (1.3, 0.86, 0.12, 0.370, 0.030),
    "image": (0.9, 0.80, 0.08, 0.330, 0.012),
    "clearance": (0.7, 0.85, 0.35, 0.450, 0.045),
}
#: Category monthly seasonality (Jan..Dec) on GMV share.
CATEGORY_SEASON = {
    "床品": (1.10, 0.90, 1.02, 0.95, 0.92, 1.00, 0.88, 0.88, 1.05, 1.12, 1.20, 1.18),
    "毛巾浴巾": (1.08, 1.00, 1.00, 1.00, 1.02, 1.05, 1.05, 1.03, 0.98, 0.97, 0.98, 1.05),
    "收纳": (0.95, 1.00, 1.20, 1.05, 1.00, 1.10, 1.00, 1.05, 1.20, 1.00, 0.95, 0.90),
    "厨房": (1.00, 0.95, 1.00, 1.00, 1.05, 1.20, 1.00, 1.00, 1.00, 1.00, 1.10, 1.00),
    "家饰": (1.30, 1.05, 1.00, 0.95, 0.95, 0.90, 0.80, 0.85, 0.95, 1.00, 1.05, 1.35),
}
#: Per-SKU season tags: monthly multiplier (Jan..Dec).
SKU_SEASON = {
    "summer": (0.25, 0.25, 0.40, 0.90, 1.70, 2.40, 2.60, 2.20, 1.00, 0.40, 0.25, 0.25),
    "winter": (1.80, 1.10, 0.70, 0.50, 0.35, 0.30, 0.30, 0.40, 0.80, 1.60, 2.30, 2.20),
    "gift": (1.80, 1.20, 0.80, 0.70, 0.80, 0.90, 0.70, 0.70, 0.90, 1.00, 1.30, 1.90),
}
#: Extra discount depth by month (campaign months discount more).
MONTH_DISCOUNT = (0.03, 0.00, 0.02, 0.00, 0.02, 0.08, 0.00, 0.00, 0.02, 0.04, 0.12, 0.04)
#: Units per SKU buyer by category.
UNITS_PER_BUYER = {"床品": 1.05, "毛巾浴巾": 1.45, "收纳": 1.35, "厨房": 1.20, "家饰": 1.15}
#: 2025 unit cost vs 2024 (cotton and packaging prices rose).
UNIT_COST_2025 = 1.02


# --------------------------------------------------------------------------------------------------
# Labels in other languages. The model above keeps the Chinese labels; these are applied on output.
# --------------------------------------------------------------------------------------------------

#: Every label of the data other than product names: Chinese -> (en-US, es-ES).
LABELS = {
    # platforms
    "天猫": ("Tmall", "Tmall"),
    "京东": ("JD", "JD"),
    # campaign nodes
    "年货节": ("New Year Sale", "Año Nuevo"),
    "3.8女王节": ("Queen's Day", "Día de la Mujer"),
    "618": ("618", "618"),
    "99划算节": ("99 Sale", "Rebajas 9.9"),
    "双十一": ("Double 11", "Doble 11"),
    "双十二": ("Double 12", "Doble 12"),
    # traffic source groups and sources ("信息流" and "其他" are also a channel and a cost type)
    "自然": ("Organic", "Orgánico"),
    "付费": ("Paid", "De pago"),
    "活动": ("Events", "Eventos"),
    "会员": ("Members", "Socios"),
    "其他": ("Other", "Otros"),
    "手淘搜索": ("Taobao search", "Búsqueda Taobao"),
    "手淘推荐": ("Recommendations", "Recomendaciones"),
    "直通车": ("Search ads", "Anuncios de búsqueda"),
    "引力魔方": ("Display ads", "Anuncios display"),
    "淘宝客": ("Affiliates", "Afiliados"),
    "信息流": ("Feed ads", "Anuncios en feed"),
    "官方活动": ("Platform events", "Eventos de plataforma"),
    "直播": ("Live streaming", "Directos"),
    "收藏加购": ("Favourites & cart", "Favoritos y carrito"),
    "会员营销": ("Member marketing", "Marketing a socios"),
    "直接访问": ("Direct", "Acceso directo"),
    "站外": ("Off-site", "Externo"),
    # ad channels
    "京东快车": ("JD search ads", "Búsqueda JD"),
    # product categories
    "床品": ("Bedding", "Ropa de cama"),
    "毛巾浴巾": ("Towels", "Toallas"),
    "收纳": ("Storage", "Almacenaje"),
    "厨房": ("Kitchen", "Cocina"),
    "家饰": ("Home decor", "Decoración"),
    # cost types
    "人力": ("Staff", "Personal"),
    "商品成本": ("Cost of goods", "Coste de producto"),
    "平台佣金": ("Commission", "Comisiones"),
    "营销推广": ("Marketing", "Marketing"),
    "物流": ("Logistics", "Logística"),
    "售后": ("After-sales", "Posventa"),
    # devices (the Chinese data keeps the platforms' codes pc / mobile)
    "pc": ("PC", "PC"),
    "mobile": ("Mobile", "Móvil"),
}

#: Product names: Chinese -> (en-US, es-ES), in catalogue order.
PRODUCT_NAMES = {
    "60支长绒棉四件套 1.8m": ("60s long-staple cotton bed set 1.8m", "Juego de cama algodón 60 hilos 1,8 m"),
    "60支长绒棉四件套 1.5m": ("60s long-staple cotton bed set 1.5m", "Juego de cama algodón 60 hilos 1,5 m"),
    "40支全棉磨毛四件套 1.8m": ("40s brushed cotton bed set 1.8m", "Juego de cama algodón perchado 1,8 m"),
    "40支全棉四件套 1.5m": ("40s cotton bed set 1.5m", "Juego de cama algodón 40 hilos 1,5 m"),
    "100支天丝四件套 1.8m": ("100s Tencel bed set 1.8m", "Juego de cama Tencel 1,8 m"),
    "水洗棉三件套 1.2m": ("Washed cotton 3-piece set 1.2m", "Juego algodón lavado 3 piezas 1,2 m"),
    "大豆纤维冬被 200×230 6斤": ("Soy fibre winter duvet 200×230", "Edredón de soja invierno 200×230"),
    "新疆棉花被 200×230 5斤": ("Xinjiang cotton quilt 200×230", "Edredón algodón Xinjiang 200×230"),
    "桑蚕丝被 200×230 2斤": ("Mulberry silk duvet 200×230", "Edredón de seda 200×230"),
    "95白鹅绒被 200×230": ("Goose down duvet 200×230", "Edredón plumón de oca 200×230"),
    "水洗棉夏凉被 200×230": ("Washed cotton summer quilt", "Edredón de verano algodón lavado"),
    "A类针织棉空调被 150×200": ("Knitted cotton light quilt 150×200", "Colcha de punto 150×200"),
    "泰国乳胶枕 单只装": ("Thai latex pillow", "Almohada de látex"),
    "羽丝绒枕芯 一对装": ("Microfibre pillows, pair", "Almohadas de microfibra, pareja"),
    "荞麦枕 单只装": ("Buckwheat pillow", "Almohada de trigo sarraceno"),
    "记忆棉护颈枕": ("Memory foam neck pillow", "Almohada cervical viscoelástica"),
    "全棉床笠 1.8m": ("Cotton fitted sheet 1.8m", "Bajera de algodón 1,8 m"),
    "全棉床笠 1.5m": ("Cotton fitted sheet 1.5m", "Bajera de algodón 1,5 m"),
    "防水隔尿床笠 1.8m": ("Waterproof fitted sheet 1.8m", "Bajera impermeable 1,8 m"),
    "大豆纤维床垫 1.8m 7cm": ("Soy fibre mattress 1.8m", "Colchón de fibra de soja 1,8 m"),
    "加厚床褥 1.5m": ("Thick mattress topper 1.5m", "Cubrecolchón grueso 1,5 m"),
    "全棉被套 200×230": ("Cotton duvet cover 200×230", "Funda nórdica algodón 200×230"),
    "全棉枕套 一对装": ("Cotton pillowcases, pair", "Fundas de almohada, pareja"),
    "珊瑚绒毛毯 150×200": ("Coral fleece blanket 150×200", "Manta coralina 150×200"),
    "牛奶绒四件套 1.8m": ("Milk velvet bed set 1.8m", "Juego de cama terciopelo 1,8 m"),
    "儿童A类全棉三件套 1.2m": ("Kids' cotton 3-piece set 1.2m", "Juego infantil de algodón 1,2 m"),
    "冰丝凉席三件套 1.8m": ("Ice silk cooling mat set 1.8m", "Esterilla de seda fría 1,8 m"),
    "藤席 1.5m": ("Rattan mat 1.5m", "Esterilla de ratán 1,5 m"),
    "提花贡缎四件套 1.8m": ("Jacquard sateen bed set 1.8m", "Juego de cama satén jacquard 1,8 m"),
    "法兰绒四件套 1.5m": ("Flannel bed set 1.5m", "Juego de cama de franela 1,5 m"),
    "纯棉午睡毯": ("Cotton nap blanket", "Manta de siesta de algodón"),
    "婴儿豆豆绒毯": ("Baby minky blanket", "Manta de bebé minky"),
    "120支埃及棉四件套 1.8m": ("120s Egyptian cotton bed set 1.8m", "Juego algodón egipcio 120 hilos 1,8 m"),
    "石墨烯抗菌冬被 200×230": ("Graphene antibacterial duvet", "Edredón antibacteriano de grafeno"),
    "云朵棉夏被 200×230": ("Cloud cotton summer quilt", "Edredón de verano nube"),
    "A类纯棉毛巾 3条装": ("Cotton face towels, 3-pack", "Toallas de algodón, pack de 3"),
    "长绒棉加厚浴巾 70×140": ("Thick cotton bath towel 70×140", "Toalla de baño gruesa 70×140"),
    "纯棉毛巾浴巾套装": ("Cotton towel set", "Set de toallas de algodón"),
    "竹纤维毛巾 2条装": ("Bamboo fibre towels, 2-pack", "Toallas de bambú, pack de 2"),
    "新疆棉方巾 5条装": ("Cotton washcloths, 5-pack", "Toallitas de algodón, pack de 5"),
    "儿童卡通毛巾 3条装": ("Kids' cartoon towels, 3-pack", "Toallas infantiles, pack de 3"),
    "珊瑚绒干发帽 2只装": ("Hair-drying caps, 2-pack", "Turbantes de secado, pack de 2"),
    "纯棉华夫格浴袍": ("Cotton waffle bathrobe", "Albornoz de algodón gofrado"),
    "酒店款浴巾 80×160": ("Hotel bath towel 80×160", "Toalla de hotel 80×160"),
    "一次性洗脸巾 3卷": ("Disposable face towels, 3 rolls", "Toallitas desechables, 3 rollos"),
    "6层纱布毛巾 2条装": ("6-layer gauze towels, 2-pack", "Toallas de gasa, pack de 2"),
    "运动速干毛巾": ("Quick-dry sports towel", "Toalla deportiva de secado rápido"),
    "吸水浴室地巾 2条装": ("Bath mats, 2-pack", "Alfombrillas de baño, pack de 2"),
    "毛巾礼盒 4件套": ("Towel gift box, 4 pieces", "Caja regalo de toallas, 4 piezas"),
    "纯棉手帕 10条装": ("Cotton handkerchiefs, 10-pack", "Pañuelos de algodón, pack de 10"),
    "防水浴帽 3只装": ("Shower caps, 3-pack", "Gorros de ducha, pack de 3"),
    "长绒棉面巾 2条装": ("Long-staple face towels, 2-pack", "Toallas faciales, pack de 2"),
    "婴儿纱布浴巾": ("Baby gauze bath towel", "Toalla de gasa para bebé"),
    "宠物吸水浴巾": ("Pet drying towel", "Toalla para mascotas"),
    "挂式擦手巾 4条装": ("Hanging hand towels, 4-pack", "Toallas de manos, pack de 4"),
    "银离子抗菌毛巾 3条装": ("Silver-ion towels, 3-pack", "Toallas con iones de plata, pack de 3"),
    "加大浴巾 90×180": ("Large bath towel 90×180", "Toalla de baño grande 90×180"),
    "冰感速干浴巾": ("Cooling quick-dry bath towel", "Toalla de baño refrescante"),
    "新中式毛巾礼盒": ("Chinese-style towel gift box", "Caja regalo de toallas estilo chino"),
    "零捻纱毛巾 2条装": ("Zero-twist towels, 2-pack", "Toallas sin torsión, pack de 2"),
    "衣物收纳箱 66L 3只装": ("Storage boxes 66L, 3-pack", "Cajas de almacenaje 66 L, pack de 3"),
    "桌面化妆品收纳盒": ("Desktop cosmetics organiser", "Organizador de cosméticos"),
    "抽屉式收纳柜 5层": ("5-drawer storage cabinet", "Cajonera de 5 cajones"),
    "真空压缩袋 8件套": ("Vacuum storage bags, 8-pack", "Bolsas de vacío, pack de 8"),
    "内衣收纳盒 3件套": ("Underwear organisers, 3-pack", "Organizadores de ropa interior, 3"),
    "透明鞋盒 10只装": ("Clear shoe boxes, 10-pack", "Cajas de zapatos, pack de 10"),
    "带轮床底收纳箱 2只装": ("Under-bed boxes on wheels, 2", "Cajas bajo cama con ruedas, 2"),
    "衣柜分层隔板": ("Wardrobe shelf dividers", "Separadores de armario"),
    "棉麻收纳筐": ("Cotton-linen storage basket", "Cesta de algodón y lino"),
    "冰箱收纳盒 6件套": ("Fridge organisers, 6-pack", "Organizadores de nevera, pack de 6"),
    "桌面文件收纳架": ("Desktop file rack", "Archivador de escritorio"),
    "防尘挂衣袋 5只装": ("Garment dust covers, 5-pack", "Fundas para ropa, pack de 5"),
    "折叠收纳凳": ("Folding storage stool", "Taburete plegable con almacenaje"),
    "儿童玩具收纳柜": ("Kids' toy storage unit", "Mueble juguetero infantil"),
    "亚克力化妆品收纳柜": ("Acrylic cosmetics cabinet", "Organizador acrílico de cosméticos"),
    "免打孔浴室置物架": ("No-drill bathroom shelf", "Estante de baño sin taladro"),
    "门后挂钩 6钩": ("Over-door hooks, 6", "Colgador de puerta, 6 ganchos"),
    "袜子收纳格": ("Sock organiser", "Organizador de calcetines"),
    "车载收纳箱": ("Car boot organiser", "Organizador de maletero"),
    "搬家收纳袋 4只装": ("Moving bags, 4-pack", "Bolsas de mudanza, pack de 4"),
    "抽拉式衣柜收纳篮": ("Pull-out wardrobe baskets", "Cestas extraíbles de armario"),
    "可折叠收纳箱 45L 2只装": ("Foldable boxes 45L, 2-pack", "Cajas plegables 45 L, pack de 2"),
    "书桌收纳架": ("Desk organiser shelf", "Estante organizador de escritorio"),
    "竹制收纳盒 三件套": ("Bamboo storage boxes, set of 3", "Cajas de bambú, set de 3"),
    "旅行收纳袋 7件套": ("Travel pouches, set of 7", "Bolsas de viaje, set de 7"),
    "304不锈钢保鲜盒 5件套": ("Steel food containers, 5-piece", "Táperes de acero inoxidable, 5"),
    "玻璃保鲜盒 10件套": ("Glass food containers, 10-piece", "Táperes de vidrio, 10"),
    "双面竹木砧板": ("Bamboo chopping board", "Tabla de cortar de bambú"),
    "不粘炒锅 32cm": ("Non-stick wok 32cm", "Wok antiadherente 32 cm"),
    "刀具套装 6件": ("Knife set, 6 pieces", "Juego de cuchillos, 6 piezas"),
    "玻璃密封罐 6只装": ("Glass storage jars, 6-pack", "Tarros de vidrio, pack de 6"),
    "落地厨房置物架 3层": ("Kitchen rack, 3 tiers", "Estantería de cocina, 3 baldas"),
    "硅胶厨具 5件套": ("Silicone utensils, 5 pieces", "Utensilios de silicona, 5 piezas"),
    "吸水抹布 10条装": ("Absorbent cloths, 10-pack", "Bayetas absorbentes, pack de 10"),
    "陶瓷餐具 20头": ("Ceramic dinner set, 20 pieces", "Vajilla de cerámica, 20 piezas"),
    "合金筷子 10双": ("Alloy chopsticks, 10 pairs", "Palillos de aleación, 10 pares"),
    "保温饭盒": ("Insulated lunch box", "Fiambrera térmica"),
    "沥水碗架": ("Dish drying rack", "Escurreplatos"),
    "一次性保鲜膜套 300只": ("Food cover bags, 300", "Cubiertas para alimentos, 300"),
    "烘焙工具 8件套": ("Baking tools, 8 pieces", "Utensilios de repostería, 8 piezas"),
    "玻璃水杯 6只装": ("Glass tumblers, 6-pack", "Vasos de vidrio, pack de 6"),
    "珐琅铸铁锅 24cm": ("Enamel cast-iron pot 24cm", "Cocotte de hierro esmaltado 24 cm"),
    "食品级硅胶保鲜袋": ("Silicone food bags", "Bolsas de silicona para alimentos"),
    "分格保鲜饭盒": ("Divided lunch box", "Fiambrera con compartimentos"),
    "双层沥水篮": ("Double colander basket", "Escurridor doble"),
    "棉麻抱枕套 45×45 2只装": ("Linen cushion covers, 2-pack", "Fundas de cojín de lino, pack de 2"),
    "遮光窗帘 定制": ("Blackout curtains, made to measure", "Cortinas opacas a medida"),
    "北欧地毯 160×230": ("Nordic rug 160×230", "Alfombra nórdica 160×230"),
    "香薰蜡烛礼盒": ("Scented candle gift box", "Caja regalo de velas aromáticas"),
    "棉麻桌布": ("Cotton-linen tablecloth", "Mantel de algodón y lino"),
    "沙发盖巾": ("Sofa throw", "Cubresofá"),
    "三联装饰挂画": ("Triptych wall art", "Tríptico decorativo"),
    "仿真绿植": ("Artificial plants", "Plantas artificiales"),
    "入户门垫": ("Entrance door mat", "Felpudo de entrada"),
    "陶瓷花瓶": ("Ceramic vase", "Jarrón de cerámica"),
    "圣诞装饰套装": ("Christmas decoration set", "Set de decoración navideña"),
    "客厅纱帘": ("Living-room sheer curtain", "Visillo para salón"),
    "新中式抱枕": ("Chinese-style cushion", "Cojín estilo chino"),
    "奶油风地毯 160×230": ("Cream-style rug 160×230", "Alfombra estilo crema 160×230"),
    "氛围灯": ("Ambient lamp", "Lámpara ambiental"),
}

LOCALES = ("zh-CN", "en-US", "es-ES")


@dataclass(frozen=True)
class Words:
    """What differs between the locales' files: labels, one export's headers and encoding, the notes."""

    locale: str
    shop_name: str
    #: traffic_sources.csv: encoding and the header of each column (keys are the model's names)
    traffic_encoding: str
    traffic_headers: dict[str, str]
    notes_sheet: str
    data_sheet: str
    ads_notes: tuple[tuple[str, str, str], ...]

    def label(self, value: str) -> str:
        """A data label (platform, campaign, source, channel, category, cost type, device) in this locale."""
        if self.locale == "zh-CN" or value == "":
            return value
        return LABELS[value][LOCALES.index(self.locale) - 1]

    def labels(self, values: pd.Series | np.ndarray) -> pd.Series | np.ndarray:
        if self.locale == "zh-CN":
            return values
        if isinstance(values, pd.Series):
            return values.map(self.label)
        return np.array([self.label(v) for v in values], dtype=object)

    def product(self, name: str) -> str:
        return name if self.locale == "zh-CN" else PRODUCT_NAMES[name][LOCALES.index(self.locale) - 1]

    def campaign_name(self, name: str) -> str:
        """'双十一 2025' -> 'Double 11 2025'."""
        node, year = name.rsplit(" ", 1)
        return f"{self.label(node)} {year}"


def _ads_notes(headers: tuple[str, str, str], meanings: tuple[str, ...], units: tuple[str, ...],
               data_label: str, data_text: str) -> tuple[tuple[str, str, str], ...]:
    columns = ("date", "channel", "spend", "impressions", "clicks", "guided_orders", "guided_gmv")
    rows = [headers, *zip(columns, meanings, units, strict=True), ("", "", ""), (data_label, data_text, "")]
    return tuple(rows)


WORDS = {
    "zh-CN": Words(
        "zh-CN", SHOP_NAME, "gbk",
        {"date": "日期", "device": "终端", "group": "来源分组", "source": "来源", "uv": "访客数",
         "buyers": "支付买家数", "gmv": "支付金额"},
        "说明", "渠道",
        _ads_notes(("列名", "含义", "单位"),
                   ("日期", "推广渠道:直通车 / 引力魔方 / 淘宝客 / 京东快车 / 信息流", "花费", "展现量", "点击量",
                    "引导成交订单数(渠道归因,各渠道之间可能重复)", "引导成交金额(ROI = guided_gmv / spend)"),
                   ("YYYY-MM-DD", "—", "元", "次", "次", "单", "元"),
                   "数据", f"{SHOP_NAME} 推广日报,{START.isoformat()} 至 {END.isoformat()};数据在工作表“渠道”。"),
    ),
    "en-US": Words(
        "en-US", "Yunshan Home Flagship Store", "utf-8",
        {"date": "date", "device": "device", "group": "source_group", "source": "source", "uv": "uv",
         "buyers": "buyers", "gmv": "gmv"},
        "Notes", "Channels",
        _ads_notes(("Column", "Meaning", "Unit"),
                   ("Date", "Ad channel: Search ads / Display ads / Affiliates / JD search ads / Feed ads",
                    "Spend", "Impressions", "Clicks",
                    "Orders attributed by the ad platform (channels may overlap)",
                    "GMV attributed by the ad platform (ROI = guided_gmv / spend)"),
                   ("YYYY-MM-DD", "—", "CNY", "count", "count", "orders", "CNY"),
                   "Data", f"Yunshan Home Flagship Store daily ad report, {START.isoformat()} to "
                   f"{END.isoformat()}; the data is on the sheet “Channels”."),
    ),
    "es-ES": Words(
        "es-ES", "Yunshan Home Tienda Oficial", "utf-8",
        {"date": "fecha", "device": "dispositivo", "group": "grupo de fuente", "source": "fuente",
         "uv": "visitantes", "buyers": "compradores", "gmv": "ventas"},
        "Notas", "Canales",
        _ads_notes(("Columna", "Significado", "Unidad"),
                   ("Fecha", ("Canal: Anuncios de búsqueda / Anuncios display / Afiliados / Búsqueda JD / "
                              "Anuncios en feed"), "Inversión", "Impresiones", "Clics",
                    "Pedidos atribuidos por la plataforma de anuncios (los canales pueden solaparse)",
                    "Ventas atribuidas por la plataforma de anuncios (ROI = guided_gmv / spend)"),
                   ("AAAA-MM-DD", "—", "CNY", "veces", "veces", "pedidos", "CNY"),
                   "Datos", f"Informe diario de publicidad de Yunshan Home Tienda Oficial, del "
                   f"{START.isoformat()} al {END.isoformat()}; los datos están en la hoja «Canales»."),
    ),
}


# --------------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------------


def lognormal(rng: np.random.Generator, sigma: float, size) -> np.ndarray:
    """Multiplicative noise with mean 1."""
    return np.exp(rng.normal(-sigma * sigma / 2.0, sigma, size))


def allocate_rows(totals: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Split each integer total over the columns of ``weights`` (largest remainder, exact sums).

    ``totals`` has shape (n,), ``weights`` shape (n, k) with a positive row sum wherever total > 0.
    Ties are broken by column order, so the result is deterministic.
    """
    totals = np.asarray(totals, dtype=np.int64)
    w = np.asarray(weights, dtype=float)
    n, k = w.shape
    row_sum = w.sum(axis=1, keepdims=True)
    share = np.divide(w, row_sum, out=np.zeros_like(w), where=row_sum > 0)
    raw = totals[:, None] * share
    base = np.floor(raw).astype(np.int64)
    rest = totals - base.sum(axis=1)
    if (rest < 0).any() or (rest > k).any():
        raise ValueError("allocation failed: weights do not cover the totals")
    order = np.argsort(-(raw - base), axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.broadcast_to(np.arange(k), (n, k)).copy(), axis=1)
    return base + (rank < rest[:, None])


def cents_to_str(cents: pd.Series | np.ndarray) -> pd.Series:
    """Format non-negative integer cents as '1234.50' without going through floats."""
    c = pd.Series(np.asarray(cents, dtype=np.int64))
    if (c < 0).any():
        raise ValueError("negative money amount")
    return (c // 100).astype(str) + "." + (c % 100).astype(str).str.zfill(2)


def interp_path(t: np.ndarray, path: tuple[float, float]) -> np.ndarray:
    """Linear drift from path[0] on day 0 to path[1] on the last day."""
    span = (END - START).days
    return path[0] + (path[1] - path[0]) * t / span


def month_start(d: pd.Series) -> pd.Series:
    return d.dt.to_period("M").dt.to_timestamp()


def campaign_for(campaign_id: str) -> Campaign:
    return next(c for c in CAMPAIGNS if c.campaign_id == campaign_id)


def node_name(campaign_id: str) -> str:
    """The campaign node without its year ("双十一"), so the same node can be compared across years."""
    return campaign_for(campaign_id).name.rsplit(" ", 1)[0] if campaign_id else ""


# --------------------------------------------------------------------------------------------------
# Calendar: per-date factors shared by every table
# --------------------------------------------------------------------------------------------------


def seasonal_factor(dates: pd.DatetimeIndex) -> np.ndarray:
    """Monthly factors anchored at mid-month and interpolated day by day."""
    anchors_x, anchors_y = [], []
    for year in (YEARS[0] - 1, *YEARS, YEARS[-1] + 1):
        for m in range(12):
            anchors_x.append(date(year, m + 1, 15).toordinal())
            anchors_y.append(SEASON_UV[m])
    x = np.array([d.toordinal() for d in dates.date])
    return np.interp(x, anchors_x, anchors_y)


def spring_festival_factors(dates: pd.DatetimeIndex) -> tuple[np.ndarray, np.ndarray]:
    """UV and CVR factors around the Spring Festival logistics stop."""
    uv = np.ones(len(dates))
    cvr = np.ones(len(dates))
    for sf in SPRING_FESTIVAL:
        offset = np.array([(d - sf).days for d in dates.date])
        uv = np.where((offset >= -8) & (offset <= -6), uv * 0.88, uv)
        uv = np.where((offset >= -5) & (offset <= 5), uv * 0.70, uv)
        uv = np.where((offset >= 6) & (offset <= 9), uv * 0.90, uv)
        cvr = np.where((offset >= -5) & (offset <= 5), cvr * 0.88, cvr)
    return uv, cvr


def q3_dip_factor(dates: pd.DatetimeIndex) -> np.ndarray:
    x = np.array([d.toordinal() for d in dates.date])
    ax = [d.toordinal() for d, _ in Q3_2025_CVR_DIP]
    ay = [f for _, f in Q3_2025_CVR_DIP]
    return np.interp(x, ax, ay, left=1.0, right=1.0)


def catalog_mix_index() -> dict[tuple[int, int], float]:
    """Relative list-price level of what sells in each (year, month), mean 1.

    Bedding-heavy winter months sell fewer, dearer items; the shop-level basket (AOV and items per
    buyer) follows this index so that SKU deal prices stay plausible all year.
    """
    catalog = build_catalog()
    prices = catalog["list_price"].to_numpy()
    level = {}
    for year in YEARS:
        for month in range(1, 13):
            w = sku_month_weights(catalog, date(year, month, 1))
            level[(year, month)] = w.sum() / (w / prices).sum()
    mean = float(np.mean(list(level.values())))
    return {key: value / mean for key, value in level.items()}


def build_calendar(rng: np.random.Generator) -> pd.DataFrame:
    """One row per date with the shop-level drivers (before the platform/device split)."""
    dates = pd.date_range(START, END, freq="D")
    t = np.arange(len(dates), dtype=float)
    cal = pd.DataFrame({"date": dates})
    cal["year"] = dates.year
    cal["t"] = t
    weekday = dates.day_of_week.to_numpy()
    sf_uv, sf_cvr = spring_festival_factors(dates)

    cal["uv_base"] = (UV_START * (1 + UV_GROWTH) ** (t / 365.25) * seasonal_factor(dates)
                      * np.take(WEEKDAY_UV, weekday) * sf_uv * lognormal(rng, 0.035, len(dates)))
    cal["cvr_base"] = (interp_path(t, CVR_PATH) * np.take(WEEKDAY_CVR, weekday) * sf_cvr
                       * q3_dip_factor(dates) * lognormal(rng, 0.025, len(dates)))
    mix_index = catalog_mix_index()
    mix = np.array([mix_index[(y, m)] for y, m in zip(dates.year, dates.month, strict=True)])
    cal["aov_base"] = interp_path(t, AOV_PATH) * mix ** MIX_AOV_ELASTICITY * lognormal(rng, 0.02, len(dates))
    cal["ipb_mix"] = mix ** (MIX_AOV_ELASTICITY - 1)
    cal["jd_share"] = interp_path(t, JD_UV_SHARE_PATH)
    cal["mobile_share"] = interp_path(t, MOBILE_UV_SHARE_PATH)

    # Quiet days before big presales (shoppers wait) and the hangover after the peaks.
    cal["cvr_base"] *= calendar_side_effects(dates)
    national_day = (dates.month == 10) & (dates.day <= 7)
    cal.loc[national_day, "uv_base"] *= 0.92

    cal["campaign_id"] = ""
    cal["kind"] = ""
    cal["phase"] = "none"
    for c in CAMPAIGNS:
        if c.presale_start is not None:
            in_presale = (cal["date"].dt.date >= c.presale_start) & (cal["date"].dt.date <= c.presale_end)
            cal.loc[in_presale, ["campaign_id", "kind", "phase"]] = [c.campaign_id, c.kind, "presale"]
        in_main = (cal["date"].dt.date >= c.main_start) & (cal["date"].dt.date <= c.main_end)
        cal.loc[in_main, ["campaign_id", "kind", "phase"]] = [c.campaign_id, c.kind, "main"]
        phases = CAMPAIGN_LIFT[c.kind]
        if "first" in phases:
            cal.loc[cal["date"].dt.date == c.main_start, "phase"] = "first"
        if "peak" in phases:
            cal.loc[cal["date"].dt.date == c.main_end, "phase"] = "peak"

    lifts = np.ones((len(cal), 3))
    for i, (cid, kind, phase) in enumerate(zip(cal["campaign_id"], cal["kind"], cal["phase"], strict=True)):
        if cid:
            lift = np.array(CAMPAIGN_LIFT[kind][phase])
            lifts[i] = 1 + (lift - 1) * campaign_for(cid).intensity
    cal["uv_lift"], cal["cvr_lift"], cal["aov_lift"] = lifts[:, 0], lifts[:, 1], lifts[:, 2]
    return cal


def calendar_side_effects(dates: pd.DatetimeIndex) -> np.ndarray:
    """CVR factor: a wait-for-the-sale lull before big presales and a hangover after the peaks."""
    f = np.ones(len(dates))
    d = dates.date
    for c in CAMPAIGNS:
        if c.kind in ("618", "d11") and c.presale_start is not None:
            lull = np.array([0 < (c.presale_start - x).days <= 6 for x in d])
            f = np.where(lull, f * 0.90, f)
            after = np.array([0 < (x - c.main_end).days <= (7 if c.kind == "d11" else 4) for x in d])
            f = np.where(after, f * (0.82 if c.kind == "d11" else 0.90), f)
    return f


# --------------------------------------------------------------------------------------------------
# T1 shop_daily
# --------------------------------------------------------------------------------------------------


def build_shop_daily(rng: np.random.Generator, cal: pd.DataFrame) -> pd.DataFrame:
    """date x platform x device; base counts first, money in integer cents."""
    parts = [build_shop_cell(rng, cal, platform, device) for platform in PLATFORMS for device in DEVICES]
    shop = pd.concat(parts, ignore_index=True)
    shop = shop.assign(_p=shop["platform"].map({p: i for i, p in enumerate(PLATFORMS)}),
                       _d=shop["device"].map({d: i for i, d in enumerate(DEVICES)}))
    shop = shop.sort_values(["date", "_p", "_d"], kind="stable").drop(columns=["_p", "_d"])
    return shop.reset_index(drop=True)


def build_shop_cell(rng: np.random.Generator, cal: pd.DataFrame, platform: str, device: str) -> pd.DataFrame:
    """All dates for one platform and device: uv -> buyers -> gmv, then the dependent counts."""
    p_cvr, p_aov, p_new, p_refund = PLATFORM_FACTORS[platform]
    d_cvr, d_aov, d_ppv, d_ipb, d_inq = DEVICE_FACTORS[device]
    p_share = cal["jd_share"] if platform == "京东" else 1 - cal["jd_share"]
    d_share = cal["mobile_share"] if device == "mobile" else 1 - cal["mobile_share"]
    uv_lift = cal["uv_lift"].to_numpy()
    if platform == "京东":
        uv_lift = 1 + (uv_lift - 1) * cal["kind"].map(JD_CAMPAIGN_UV_BOOST).fillna(1.0).to_numpy()
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

    pending = cal["kind"].map(PRESALE_PENDING).fillna(0.0).to_numpy() * (cal["phase"] == "presale")
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


# --------------------------------------------------------------------------------------------------
# T2 traffic_sources
# --------------------------------------------------------------------------------------------------


def build_traffic_sources(rng: np.random.Generator, shop: pd.DataFrame) -> pd.DataFrame:
    """date x device x source; buyers and GMV split exactly from the shop totals (over platforms)."""
    by_dd = (shop.groupby(["date", "device"], sort=False)
             .agg(uv=("uv", "sum"), buyers=("buyers", "sum"), gmv_c=("gmv_c", "sum"),
                  campaign_id=("campaign_id", "first"), year=("year", "first"))
             .reset_index())
    by_dd["_d"] = by_dd["device"].map({d: i for i, d in enumerate(DEVICES)})
    by_dd = by_dd.sort_values(["date", "_d"], kind="stable").reset_index(drop=True)
    n, k = len(by_dd), len(SOURCES)
    names = [s[1] for s in SOURCES]

    buyer_w = np.tile(np.array([s[3] for s in SOURCES]), (n, 1))
    is_pc = (by_dd["device"] == "pc").to_numpy()
    on_campaign = by_dd["campaign_id"].ne("").to_numpy()
    is_2025 = (by_dd["year"] == 2025).to_numpy()
    for j, name in enumerate(names):
        buyer_w[is_pc, j] *= PC_SOURCE_TILT.get(name, 1.0)
        buyer_w[on_campaign, j] *= CAMPAIGN_SOURCE_TILT.get(name, 1.0)
        buyer_w[is_2025, j] *= YEAR_SOURCE_TILT_2025.get(name, 1.0)
    buyer_w *= lognormal(rng, 0.10, (n, k))
    buyers = allocate_rows(by_dd["buyers"].to_numpy(), buyer_w)

    aov_f = np.array([s[4] for s in SOURCES])
    gmv_w = buyers * aov_f * lognormal(rng, 0.05, (n, k))
    gmv_c = allocate_rows(by_dd["gmv_c"].to_numpy(), gmv_w)

    uv_w = np.array([s[2] for s in SOURCES]) * lognormal(rng, 0.08, (n, k))
    uv_w = uv_w / uv_w.sum(axis=1, keepdims=True)
    uv = np.rint(by_dd["uv"].to_numpy()[:, None] * uv_w * UV_MULTI_TOUCH).astype(np.int64)
    uv = np.maximum(uv, np.ceil(buyers / 0.30).astype(np.int64))  # source CVR at most 30%

    out = pd.DataFrame({
        "日期": np.repeat(by_dd["date"].dt.strftime("%Y-%m-%d").to_numpy(), k),
        "终端": np.repeat(by_dd["device"].to_numpy(), k),
        "来源分组": np.tile([s[0] for s in SOURCES], n),
        "来源": np.tile(names, n),
        "访客数": uv.ravel(),
        "支付买家数": buyers.ravel(),
        "支付金额_c": gmv_c.ravel(),
    })
    return out


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


# --------------------------------------------------------------------------------------------------
# T3 ads
# --------------------------------------------------------------------------------------------------


def build_ads(rng: np.random.Generator, shop: pd.DataFrame, cal: pd.DataFrame) -> pd.DataFrame:
    """date x channel. Spend follows each platform's GMV; ROI by channel and year, calibrated."""
    by_dp = shop.pivot_table(index="date", columns="platform", values="gmv_c", aggfunc="sum")
    aov = (shop.groupby("date")["gmv_c"].sum() / shop.groupby("date")["buyers"].sum() / 100).to_numpy()
    phase = cal["phase"].to_numpy()
    year = cal["year"].to_numpy()
    spend_f = np.array([AD_PHASE[p][0] for p in phase])
    roi_f = np.array([AD_PHASE[p][1] for p in phase])
    n = len(cal)

    rows = []
    for channel, platform, sh24, sh25, roi24, roi25, cpc, ctr in AD_CHANNELS:
        share = np.where(year == 2024, sh24, sh25)
        fee = np.where(year == 2024, AD_FEE_RATIO[2024], AD_FEE_RATIO[2025])
        spend = by_dp[platform].to_numpy() / 100 * fee * share * spend_f * lognormal(rng, 0.10, n)
        roi = np.where(year == 2024, roi24, roi25) * roi_f * lognormal(rng, 0.08, n)
        rows.append(pd.DataFrame({"date": cal["date"], "channel": channel, "platform": platform,
                                  "year": year, "spend": spend, "roi": roi, "cpc": cpc, "ctr": ctr,
                                  "aov": aov}))
    ads = pd.concat(rows, ignore_index=True)

    # Calibrate: annual 费比 per year and annual ROI per channel-platform-year hit the design values.
    gmv_year = shop.groupby("year")["gmv_c"].sum() / 100
    spend_year = ads.groupby("year")["spend"].sum()
    ads["spend"] *= ads["year"].map(lambda y: AD_FEE_RATIO[y] * gmv_year[y] / spend_year[y])
    ads["guided"] = ads["spend"] * ads["roi"]
    design_roi = {(c, p, 2024): r24 for c, p, _, _, r24, _, _, _ in AD_CHANNELS}
    design_roi |= {(c, p, 2025): r25 for c, p, _, _, _, r25, _, _ in AD_CHANNELS}
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
    ads["_c"] = ads["channel"].map({c: i for i, c in enumerate(AD_CHANNEL_ORDER)})
    ads = ads.sort_values(["date", "_c"], kind="stable").reset_index(drop=True)
    return ads[["date", "channel", "spend_c", "impressions", "clicks", "guided_orders", "guided_gmv_c"]]


# --------------------------------------------------------------------------------------------------
# T4 products (monthly per SKU)
# --------------------------------------------------------------------------------------------------


def build_catalog() -> pd.DataFrame:
    rows = []
    for (prefix, category), items in CATALOG.items():
        cat_weight = CATEGORY_WEIGHT[category]
        role_rank: dict[str, int] = {}
        for i, (name, price, role, season, launch) in enumerate(items, start=1):
            base, decay, disc, cost_ratio, sku_cvr = ROLE_PARAMS[role]
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
    w *= catalog["category"].map(lambda c: CATEGORY_SEASON[c][m]).to_numpy()
    w *= catalog["season"].map(lambda s: SKU_SEASON[s][m] if s else 1.0).to_numpy()
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

        disc = np.clip(cat["discount"].to_numpy() + MONTH_DISCOUNT[month.month - 1]
                       + rng.normal(0, 0.015, len(cat)), 0.0, 0.6)
        price = cat["list_price"].to_numpy() * (1 - disc)
        unit_w = gmv_c / price
        list_c = np.rint(cat["list_price"].to_numpy() * 100).astype(np.int64)
        min_units = np.maximum(-(-gmv_c // list_c), 1)  # never sell above list price
        units = np.maximum(np.rint(tot["units"] * unit_w / unit_w.sum()).astype(np.int64), min_units)
        units[np.argmax(units)] += int(tot["units"]) - units.sum()

        upb = cat["category"].map(UNITS_PER_BUYER).to_numpy() * lognormal(rng, 0.04, len(cat))
        buyers = np.clip(np.rint(units / upb).astype(np.int64), 1, units)
        uv = np.maximum(np.rint(buyers / (cat["sku_cvr"].to_numpy() * lognormal(rng, 0.10, len(cat))))
                        .astype(np.int64), buyers)
        cost_factor = UNIT_COST_2025 if month.year == 2025 else 1.0
        unit_cost_c = np.rint(list_c * cat["cost_ratio"].to_numpy() * cost_factor).astype(np.int64)
        parts.append(pd.DataFrame({
            "date": month, "sku": cat["sku"], "product_name": cat["product_name"],
            "category": cat["category"], "is_new": cat["is_new"], "role": cat["role"],
            "list_price_c": list_c, "uv": uv, "buyers": buyers, "units": units, "gmv_c": gmv_c,
            "discount_c": list_c * units - gmv_c, "unit_cost_c": unit_cost_c,
        }))
    return pd.concat(parts, ignore_index=True)


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


# --------------------------------------------------------------------------------------------------
# T5 campaigns, T6 targets
# --------------------------------------------------------------------------------------------------


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


#: Planned 2025 growth used to set monthly targets from 2024 actuals.
PLAN_2025 = {"gmv_attainment": 0.975, "uv_growth": 0.17, "aov_growth": 0.035}
PLAN_2025_ROI = {"2025": 2.8, "2025-Q1": 2.6, "2025-Q2": 2.7, "2025-Q3": 2.8, "2025-Q4": 3.0}
PLAN_2026 = {"gmv_growth": 0.20, "uv_growth": 0.12, "aov_growth": 0.035, "roi": 3.0}


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
    annual_target = float(round(gmv25 / PLAN_2025["gmv_attainment"], -5))

    # Monthly GMV targets: 2024 seasonality x planned growth, in 万, summing to the annual target.
    share = (y24["gmv_c"] / y24["gmv_c"].sum()).to_numpy()
    monthly_gmv = np.rint(annual_target * share / 1e4) * 1e4
    monthly_gmv[-1] += annual_target - monthly_gmv.sum()
    opb24 = y24["orders"].sum() / y24["buyers"].sum()

    rows: list[dict] = []
    monthly = []
    for i, (ts, r) in enumerate(y24.iterrows()):
        uv_t = r["uv"] * (1 + PLAN_2025["uv_growth"])
        aov_t = r["gmv_c"] / 100 / r["buyers"] * (1 + PLAN_2025["aov_growth"])
        monthly.append((f"2025-{ts.month:02d}", float(monthly_gmv[i]), uv_t, aov_t))

    def combine(label: str, months: list[tuple[str, float, float, float]], roi: float | None) -> None:
        gmv = sum(m[1] for m in months)
        uv = sum(m[2] for m in months)
        buyers = sum(m[1] / m[3] for m in months)
        rows.extend(target_rows(label, gmv, uv, gmv / buyers, opb24, roi))

    combine("2025", monthly, PLAN_2025_ROI["2025"])
    for q in range(4):
        combine(f"2025-Q{q + 1}", monthly[3 * q:3 * q + 3], PLAN_2025_ROI[f"2025-Q{q + 1}"])
    for m in monthly:
        combine(m[0], [m], None)

    gmv26 = float(round(gmv25 * (1 + PLAN_2026["gmv_growth"]), -5))
    uv26 = y25["uv"].sum() * (1 + PLAN_2026["uv_growth"])
    aov26 = gmv25 / y25["buyers"].sum() * (1 + PLAN_2026["aov_growth"])
    opb25 = y25["orders"].sum() / y25["buyers"].sum()
    rows.extend(target_rows("2026", gmv26, uv26, aov26, opb25, PLAN_2026["roi"]))
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------------
# T8 costs_monthly, T7 customers_monthly
# --------------------------------------------------------------------------------------------------

COST_TYPES = ("人力", "商品成本", "平台佣金", "营销推广", "物流", "售后", "其他")
COMMISSION = {"天猫": 0.030, "京东": 0.032}  # share of GMV
LABOR_MONTHLY = {2024: 335_000, 2025: 368_000}  # salaries, yuan per month
YEAR_END_BONUS = 260_000  # paid in January
D11_TEMP_STAFF = 60_000  # extra customer-service staff in November
LOGISTICS_PER_ORDER = {2024: 8.0, 2025: 7.8}  # yuan; +0.4 peak surcharge in Nov/Dec
AFTER_SALES_PER_REFUND = 0.18  # return shipping, damaged goods, compensation per refunded yuan
OTHER_FIXED = 45_000  # rent, software, consumables: yuan per month, plus 1.2% of GMV


def build_costs(rng: np.random.Generator, shop: pd.DataFrame, ads: pd.DataFrame,
                prod: pd.DataFrame) -> pd.DataFrame:
    s = shop.assign(month=month_start(shop["date"]),
                    commission_c=shop["gmv_c"] * shop["platform"].map(COMMISSION))
    m = s.groupby("month").agg(gmv_c=("gmv_c", "sum"), orders=("orders", "sum"),
                               refund_c=("refund_c", "sum"), commission_c=("commission_c", "sum"))
    spend = ads.assign(month=month_start(ads["date"])).groupby("month")["spend_c"].sum()
    cogs = (prod.assign(cost=prod["unit_cost_c"] * prod["units"])
            .groupby(pd.to_datetime(prod["date"]))["cost"].sum())
    rows = []
    for month, r in m.iterrows():
        y, mo = month.year, month.month
        labor = LABOR_MONTHLY[y] + (YEAR_END_BONUS if mo == 1 else 0) + (D11_TEMP_STAFF if mo == 11 else 0)
        per_order = LOGISTICS_PER_ORDER[y] + (0.4 if mo in (11, 12) else 0.0)
        amounts = {
            "人力": labor * 100 * lognormal(rng, 0.01, 1)[0],
            "商品成本": cogs[month],
            "平台佣金": r["commission_c"],
            "营销推广": spend[month],
            "物流": r["orders"] * per_order * 100,
            "售后": r["refund_c"] * AFTER_SALES_PER_REFUND,
            "其他": (OTHER_FIXED * 100 + r["gmv_c"] * 0.012) * lognormal(rng, 0.03, 1)[0],
        }
        for cost_type in COST_TYPES:
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


def costs_output(costs: pd.DataFrame, words: Words) -> pd.DataFrame:
    return pd.DataFrame({"date": costs["date"].map(date.isoformat), "cost_type": words.labels(costs["cost_type"]),
                         "amount": cents_to_str(costs["amount_c"])})


def customers_output(customers: pd.DataFrame) -> pd.DataFrame:
    out = customers.drop(columns=["returning_gmv_c"])
    out.insert(4, "returning_gmv", cents_to_str(customers["returning_gmv_c"]))
    out["date"] = customers["date"].map(date.isoformat)
    return out


# --------------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------------


def write_csv(df: pd.DataFrame, path: Path, encoding: str) -> None:
    data = df.to_csv(index=False, lineterminator="\n")
    path.write_bytes(data.encode(encoding))


def ads_output(ads: pd.DataFrame, words: Words) -> pd.DataFrame:
    return pd.DataFrame({
        "date": ads["date"].dt.date, "channel": words.labels(ads["channel"]), "spend": ads["spend_c"] / 100,
        "impressions": ads["impressions"], "clicks": ads["clicks"],
        "guided_orders": ads["guided_orders"], "guided_gmv": ads["guided_gmv_c"] / 100,
    })


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
    wb.properties.created = FIXED_TIMESTAMP
    wb.properties.modified = FIXED_TIMESTAMP
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(normalise_zip(buf.getvalue()))


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps (openpyxl stamps the current time)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = normalise_core_props(content)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, content)
    return out.getvalue()


def normalise_core_props(xml: bytes) -> bytes:
    """openpyxl overwrites 'modified' with the save time; pin it to the fixed timestamp."""
    stamp = FIXED_TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>", xml)


def write_parquet(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path, compression="snappy")


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


def campaigns_output(campaigns: pd.DataFrame, words: Words) -> pd.DataFrame:
    return campaigns.assign(name=campaigns["name"].map(words.campaign_name),
                            campaign=words.labels(campaigns["campaign"]))


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


# --------------------------------------------------------------------------------------------------
# Invariants checked before anything is written
# --------------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------------


def generate(folder: Path, locale: str = "zh-CN") -> None:
    """Write the seven data files into ``folder`` (created if needed), with the labels of ``locale``.

    Every locale gets the same numbers; only labels, sheet names and the traffic export's headers and
    encoding differ. Two calls give byte-identical files.
    """
    if locale not in WORDS:
        raise ValueError(f"unknown locale {locale!r}; expected one of {', '.join(WORDS)}")
    words = WORDS[locale]
    rng = np.random.default_rng(SEED)
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
