"""Sample data for the campaign post-mortem (活动复盘): 双十一 of 云杉家居旗舰店, 2024 and 2025.

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

SEED = 20251111
LOCALES = ("zh-CN", "en-US", "es-ES")
YEARS = (2024, 2025)
FIRST_DAY = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2025, 11, 20)
WINDOW = ((9, 15), (11, 20))  # month/day span of the detail tables (baseline, campaign, after) each year
PRESALE = ((10, 21), (10, 30))
MAIN = ((10, 31), (11, 11))

# ---------------------------------------------------------------------------------------- labels
# Every label in three languages: (zh-CN, en-US, es-ES). Codes never reach the files.

PLATFORMS = {"tmall": ("天猫", "Tmall", "Tmall"), "jd": ("京东", "JD", "JD")}
DEVICES = {"pc": ("PC端", "PC", "PC"), "mobile": ("无线端", "Mobile", "Móvil")}
PHASES = {"presale": ("预售期", "Presale", "Preventa"), "main": ("正式期", "Main event", "Evento principal")}
CAMPAIGN_NAMES = {
    "cny": ("年货节", "CNY sale", "Feria de Año Nuevo"),
    "women": ("3.8女王节", "Women's Day 3.8", "Día de la Mujer 3.8"),
    "618": ("618", "618", "618"),
    "99": ("99划算节", "9.9 sale", "Rebajas 9.9"),
    "d11": ("双十一", "Double 11", "Doble 11"),
    "d12": ("双十二", "Double 12", "Doble 12"),
}
SOURCE_GROUPS = {
    "organic": ("自然", "Organic", "Orgánico"),
    "paid": ("付费", "Paid", "De pago"),
    "campaign": ("活动", "Campaign", "Campaña"),
    "members": ("会员", "Members", "Socios"),
    "other": ("其他", "Other", "Otros"),
}
# code: (labels, group, buyers per visitor relative to search, AOV relative to the shop)
SOURCES = {
    "search": (("自然搜索", "Search", "Búsqueda"), "organic", 1.0, 1.00),
    "recommend": (("猜你喜欢", "Recommendations", "Recomendaciones"), "organic", 0.45, 0.90),
    "paid_search": (("直通车/快车", "Paid search", "Búsqueda de pago"), "paid", 1.1, 1.00),
    "display": (("引力魔方", "Display ads", "Anuncios de display"), "paid", 0.6, 0.95),
    "affiliate": (("淘宝客", "Affiliates", "Afiliados"), "paid", 1.6, 0.85),
    "venue": (("大促会场", "Campaign venue", "Página de la campaña"), "campaign", 0.9, 1.05),
    "live": (("直播", "Live streaming", "Directos"), "campaign", 1.3, 0.85),
    "cart": (("收藏加购", "Cart & favourites", "Carrito y favoritos"), "members", 3.0, 1.10),
    "member": (("会员营销", "Member marketing", "Marketing a socios"), "members", 1.8, 1.15),
    "direct": (("直接访问", "Direct", "Acceso directo"), "other", 1.4, 1.00),
}
# Buyer shares by source: ordinary days, presale phase, main phase, per year (normalised when used).
SOURCE_SHARES = {
    (2024, "ordinary"): (30, 12, 14, 5, 5, 2, 5, 13, 4, 10),
    (2024, "presale"): (20, 8, 15, 7, 6, 14, 6, 14, 5, 5),
    (2024, "main"): (18, 7, 12, 5, 6, 14, 6, 22, 5, 5),
    (2025, "ordinary"): (28, 13, 13, 5, 5, 2, 8, 12, 4, 10),
    (2025, "presale"): (21, 9, 11, 5, 6, 13, 12, 12, 5, 6),
    (2025, "main"): (16, 8, 11, 4, 6, 13, 13, 19, 5, 5),
}
# code: (labels, share of spend, cost per click, click-through rate, ROI 2024, ROI 2025)
CHANNELS = {
    "ztc": (("直通车", "Tmall search ads", "Búsqueda Tmall"), 0.36, 1.35, 0.026, 3.7, 3.0),
    "ylmf": (("引力魔方", "Tmall display ads", "Display Tmall"), 0.17, 0.85, 0.009, 2.5, 2.2),
    "tbk": (("淘宝客", "Affiliates", "Afiliados"), 0.14, 2.10, 0.018, 4.6, 4.9),
    "jdkc": (("京东快车", "JD search ads", "Búsqueda JD"), 0.15, 1.15, 0.022, 2.9, 3.2),
    "feed": (("信息流", "In-feed ads", "Anuncios in-feed"), 0.18, 0.65, 0.011, 1.7, 1.2),
}
DSR_DIMENSIONS = {"desc": ("描述相符", "Item as described", "Descripción"),
                  "service": ("服务态度", "Service", "Atención"),
                  "ship": ("物流服务", "Shipping", "Envío")}
DSR_STAGES = {"before": ("活动前", "Before", "Antes"), "after": ("活动后", "After", "Después")}
# (year, stage): shop desc/service/ship, industry desc/service/ship
DSR_VALUES = {
    (2024, "before"): ((4.842, 4.861, 4.823), (4.803, 4.822, 4.801)),
    (2024, "after"): ((4.817, 4.836, 4.792), (4.795, 4.815, 4.786)),
    (2025, "before"): ((4.861, 4.853, 4.834), (4.806, 4.819, 4.804)),
    (2025, "after"): ((4.793, 4.831, 4.762), (4.811, 4.812, 4.781)),
}
CATEGORY_LABEL = ("家居家纺", "Home & textiles", "Hogar y textil")
CATEGORIES = {"bedding": ("床品", "Bedding", "Ropa de cama"), "towels": ("毛巾浴巾", "Towels", "Toallas"),
              "storage": ("收纳", "Storage", "Almacenaje"), "kitchen": ("厨房", "Kitchen", "Cocina"),
              "decor": ("家饰", "Home decor", "Decoración")}
ROLES = {"hero": ("主推款", "Hero", "Estrella"), "traffic": ("引流款", "Traffic driver", "Gancho"),
         "profit": ("利润款", "Profit", "Margen"), "clearance": ("清仓款", "Clearance", "Liquidación")}
# Prepared stock as a multiple of what sold, by role (the spread makes sell-through differ).
STOCK_COVER = {"hero": (1.01, 1.08), "traffic": (1.10, 1.25), "profit": (1.25, 1.60), "clearance": (2.2, 3.0)}
# sku, (zh, en, es), category, role, list price, campaign price, unit cost, demand weight, new in 2025
PRODUCTS = (
    ("BD-001", ("长绒棉四件套 1.8m", "Cotton bed set 1.8 m", "Juego de cama algodón 1,8 m"),
     "bedding", "hero", 699, 459, 198.0, 6.6, False),
    ("BD-002", ("天丝四件套 1.5m", "Tencel bed set 1.5 m", "Juego de cama Tencel 1,5 m"),
     "bedding", "hero", 799, 539, 236.0, 4.6, False),
    ("BD-003", ("大豆纤维夏被", "Soy-fibre quilt", "Edredón de soja"), "bedding", "profit", 399, 259, 98.0, 2.5, False),
    ("BD-004", ("95白鸭绒羽绒被", "Down duvet 95%", "Edredón de plumón 95 %"),
     "bedding", "hero", 1299, 859, 402.0, 2.1, False),
    ("BD-005", ("乳胶枕（对）", "Latex pillows (pair)", "Almohadas de látex (par)"),
     "bedding", "profit", 299, 199, 72.0, 3.5, False),
    ("BD-006", ("纯棉床笠 1.8m", "Cotton fitted sheet", "Sábana bajera algodón"),
     "bedding", "traffic", 129, 79, 31.0, 10.0, False),
    ("BD-007", ("水洗棉枕套（对）", "Pillowcases (pair)", "Fundas de almohada (par)"),
     "bedding", "traffic", 59, 35, 13.5, 13.6, False),
    ("BD-008", ("法兰绒毛毯", "Flannel blanket", "Manta de franela"), "bedding", "clearance", 259, 129, 61.0, 2.5, False),
    ("BD-009", ("加厚冬被", "Winter quilt", "Edredón de invierno"), "bedding", "profit", 499, 329, 131.0, 2.7, False),
    ("BD-010", ("石墨烯发热被", "Heated quilt", "Edredón térmico"), "bedding", "hero", 899, 599, 262.0, 1.5, True),
    ("TW-001", ("新疆棉毛巾 3 条装", "Towels, 3-pack", "Toallas (3 uds.)"),
     "towels", "traffic", 69, 39, 14.8, 19.3, False),
    ("TW-002", ("长绒棉浴巾", "Bath towel", "Toalla de baño"), "towels", "hero", 129, 79, 27.5, 12.6, False),
    ("TW-003", ("儿童纱布浴巾", "Kids' gauze towel", "Toalla de gasa infantil"),
     "towels", "profit", 99, 69, 21.0, 4.8, False),
    ("TW-004", ("酒店款浴袍", "Hotel bathrobe", "Albornoz de hotel"), "towels", "clearance", 299, 159, 78.0, 1.6, False),
    ("TW-005", ("速干毛巾礼盒", "Towel gift box", "Caja regalo de toallas"), "towels", "profit", 159, 99, 36.0, 3.5, False),
    ("TW-006", ("珊瑚绒睡袍", "Fleece robe", "Bata polar"), "towels", "profit", 239, 149, 52.0, 2.3, True),
    ("ST-001", ("折叠收纳箱 3 只装", "Foldable boxes, 3-pack", "Cajas plegables (3 uds.)"),
     "storage", "hero", 129, 79, 24.0, 13.1, False),
    ("ST-002", ("真空压缩袋 8 件套", "Vacuum bags, 8-piece", "Bolsas al vacío (8 uds.)"),
     "storage", "traffic", 59, 35, 10.5, 14.8, False),
    ("ST-003", ("衣柜分层架", "Wardrobe organiser", "Organizador de armario"),
     "storage", "profit", 89, 59, 19.0, 5.6, False),
    ("ST-004", ("抽屉式收纳柜", "Drawer cabinet", "Cajonera"), "storage", "profit", 299, 199, 74.0, 2.1, False),
    ("ST-005", ("桌面收纳盒", "Desk organiser", "Organizador de escritorio"),
     "storage", "clearance", 49, 25, 11.0, 5.5, False),
    ("KT-001", ("不粘锅三件套", "Non-stick pan set", "Sartenes antiadherentes"),
     "kitchen", "hero", 499, 329, 118.0, 3.8, False),
    ("KT-002", ("玻璃保鲜盒 10 件套", "Glass food boxes (10)", "Táperes de vidrio (10)"),
     "kitchen", "traffic", 99, 59, 22.0, 8.9, False),
    ("KT-003", ("陶瓷餐具套装", "Ceramic dinner set", "Vajilla de cerámica"),
     "kitchen", "profit", 399, 259, 96.0, 2.1, False),
    ("KT-004", ("厨房置物架", "Kitchen rack", "Estante de cocina"), "kitchen", "profit", 159, 99, 38.0, 4.0, False),
    ("KT-005", ("硅胶厨具 6 件套", "Silicone utensils (6)", "Utensilios de silicona (6)"),
     "kitchen", "clearance", 129, 59, 33.0, 2.8, False),
    ("DC-001", ("北欧风地毯", "Nordic rug", "Alfombra nórdica"), "decor", "profit", 599, 389, 142.0, 1.5, False),
    ("DC-002", ("遮光窗帘（对）", "Blackout curtains", "Cortinas opacas"), "decor", "profit", 359, 229, 85.0, 2.4, False),
    ("DC-003", ("香薰蜡烛礼盒", "Candle gift box", "Velas aromáticas"), "decor", "clearance", 159, 79, 41.0, 2.3, False),
    ("DC-004", ("抱枕套 2 只装", "Cushion covers, 2-pack", "Fundas de cojín (2 uds.)"),
     "decor", "traffic", 59, 35, 12.0, 8.6, False),
    ("DC-005", ("落地灯", "Floor lamp", "Lámpara de pie"), "decor", "clearance", 399, 199, 118.0, 1.0, False),
    ("DC-006", ("圣诞装饰套装", "Christmas decor set", "Set navideño"), "decor", "profit", 199, 129, 46.0, 2.3, True),
)
CAMPAIGN_PURPOSE = (
    "冲刺全年销售，主推款冲类目排名，拉新蓄客，清理秋冬尾货",
    "Close the year's sales gap, push hero SKUs up the category ranking, win new buyers, clear old stock",
    "Cerrar la brecha de ventas del año, subir las estrellas en el ranking, captar clientes y liquidar stock",
)

# ------------------------------------------------------------------------------------- the model

# Ordinary days: visitors, conversion and AOV at the first and the last day, drifting in between.
UV_PATH = (27_400.0, 35_200.0)
CVR_PATH = (0.0264, 0.0251)
AOV_PATH = (173.0, 184.0)
MONTH_SEASON = (0.96, 0.82, 1.00, 0.98, 1.00, 1.02, 0.95, 0.95, 1.00, 1.03, 1.04, 1.00)
WEEKDAY = (1.03, 1.00, 0.99, 0.98, 0.96, 1.02, 1.05)  # Monday … Sunday
JD_UV_SHARE = (0.235, 0.29)
MOBILE_UV_SHARE = (0.895, 0.925)
DEVICE_CVR = {"pc": 0.72, "mobile": 1.02}
DEVICE_AOV = {"pc": 1.24, "mobile": 0.98}
PLATFORM_CVR = {"tmall": 1.0, "jd": 1.07}
PLATFORM_AOV = {"tmall": 1.0, "jd": 1.05}
# 双十一 day by day: (visitors, conversion, AOV) against an ordinary day of the same year.
D11_PROFILE = {
    2024: {
        (10, 21): (3.8, 2.05, 1.12), (10, 22): (2.6, 1.65, 1.10), (10, 23): (2.6, 1.65, 1.10),
        **{(10, d): (2.1, 1.50, 1.08) for d in range(24, 30)}, (10, 30): (2.3, 1.55, 1.10),
        (10, 31): (2.6, 1.90, 1.12), **{(11, d): (1.7, 1.40, 1.06) for d in (1, 2, 3)},
        **{(11, d): (1.25, 1.10, 1.03) for d in range(4, 10)}, (11, 10): (2.3, 1.55, 1.10),
        (11, 11): (4.4, 2.45, 1.16),
    },
    2025: {
        (10, 21): (3.8, 1.90, 1.15), (10, 22): (2.6, 1.50, 1.12), (10, 23): (2.6, 1.50, 1.12),
        **{(10, d): (2.1, 1.37, 1.10) for d in range(24, 30)}, (10, 30): (2.3, 1.43, 1.12),
        (10, 31): (3.0, 2.00, 1.15), **{(11, d): (1.8, 1.40, 1.08) for d in (1, 2, 3)},
        **{(11, d): (1.3, 1.10, 1.04) for d in range(4, 10)}, (11, 10): (2.6, 1.60, 1.12),
        (11, 11): (4.8, 2.52, 1.21),
    },
}
# Other nodes of the year: (first day, last day, peak day, visitors × on ordinary days, on the peak day)
OTHER_NODES = {
    2024: (("cny", (1, 15), (1, 28), None, 1.25, 0), ("women", (3, 1), (3, 8), (3, 8), 1.35, 2.6),
           ("618", (5, 31), (6, 18), (6, 18), 1.35, 4.2), ("99", (9, 5), (9, 9), (9, 9), 1.2, 2.0),
           ("d12", (12, 10), (12, 12), (12, 12), 1.4, 3.0)),
    2025: (("cny", (1, 6), (1, 20), None, 1.25, 0), ("women", (3, 1), (3, 8), (3, 8), 1.35, 2.7),
           ("618", (5, 31), (6, 18), (6, 18), 1.35, 4.4), ("99", (9, 5), (9, 9), (9, 9), 1.2, 2.1)),
}
# After the campaign demand has been pulled forward for a few days.
AFTER_DIP = 0.88
# Hour-of-day shares of the peak day's buyers (0:00 … 23:00), and AOV by hour against the day's.
HOURLY_BUYERS = {
    2024: (17.5, 4.6, 1.6, 0.8, 0.5, 0.4, 0.6, 1.0, 1.8, 2.7, 3.4, 3.6, 3.3, 3.4, 3.6, 3.5, 3.3, 3.2, 3.5,
           4.3, 7.4, 7.0, 6.0, 9.0),
    2025: (12.6, 4.0, 1.5, 0.8, 0.5, 0.4, 0.6, 1.1, 2.0, 3.0, 3.8, 4.0, 3.7, 3.8, 4.0, 3.9, 3.7, 3.6, 3.9,
           5.0, 9.2, 8.6, 6.9, 8.0),
}
HOURLY_UV = (7.5, 3.5, 1.6, 0.9, 0.6, 0.5, 0.8, 1.6, 2.8, 4.0, 4.8, 5.0, 4.8, 4.8, 5.0, 4.9, 4.7, 4.6, 4.9,
             5.6, 7.2, 7.0, 5.9, 6.4)
HOURLY_AOV = (1.12, 1.05, 1.0, 0.98, 0.96, 0.96, 0.97, 0.98, 0.98, 0.99, 1.0, 1.0, 0.99, 0.99, 1.0, 1.0, 0.99,
              0.98, 0.99, 1.0, 1.03, 1.02, 1.0, 1.02)
# Ads: spend per day against an ordinary day's, by phase; ordinary spend as a share of ordinary GMV.
AD_SHARE_OF_GMV = {2024: 0.085, 2025: 0.088}
AD_PHASE_MULT = {2024: {"presale": 3.4, "main": 2.6, "peak": 5.5, "after": 0.8},
                 2025: {"presale": 2.5, "main": 3.7, "peak": 8.5, "after": 0.8}}
INDUSTRY_DAILY = {2024: 24_600_000.0, 2025: 25_500_000.0}  # the category's GMV on an ordinary day
INDUSTRY_CAMPAIGN_GROWTH = 1.058  # this year's campaign days against last year's, before noise


def label(labels: tuple[str, str, str], locale: str) -> str:
    return labels[LOCALES.index(locale)]


def _interp(path: tuple[float, float], day: dt.date) -> float:
    share = (day - FIRST_DAY).days / (LAST_DAY - FIRST_DAY).days
    return path[0] + (path[1] - path[0]) * share


def _in(day: dt.date, span: tuple[tuple[int, int], tuple[int, int]]) -> bool:
    return span[0] <= (day.month, day.day) <= span[1]


def _phase(day: dt.date) -> str | None:
    if _in(day, PRESALE):
        return "presale"
    if _in(day, MAIN):
        return "main"
    return None


def _days() -> list[dt.date]:
    return [FIRST_DAY + dt.timedelta(days=n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]


def _node(day: dt.date) -> tuple[str | None, float, float, float]:
    """(campaign code, visitors ×, conversion ×, AOV ×) for a day."""
    profile = D11_PROFILE[day.year].get((day.month, day.day))
    if profile:
        return ("d11", *profile)
    for code, first, last, peak, lift, peak_lift in OTHER_NODES[day.year]:
        if first <= (day.month, day.day) <= last:
            if peak and (day.month, day.day) == peak:
                return code, peak_lift, 1.6, 1.08
            return code, lift, 1.15, 1.03
    if (11, 12) <= (day.month, day.day) <= (11, 16):
        return None, AFTER_DIP, 0.95, 1.0
    return None, 1.0, 1.0, 1.0


def _day_lift(day: dt.date) -> float:
    """The expected GMV of a campaign day against an ordinary day (visitors × conversion × AOV)."""
    uv_x, cvr_x, aov_x = D11_PROFILE[day.year][(day.month, day.day)]
    return uv_x * cvr_x * aov_x


def _phase_lift(year: int, phase: str) -> float:
    """The mean lift of a phase's days, the peak day left out."""
    days = [dt.date(year, m, d) for m, d in D11_PROFILE[year] if (m, d) != (11, 11)]
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


def _money(cents: np.ndarray | int) -> np.ndarray:
    return np.asarray(cents, dtype=np.int64) / 100.0


# ------------------------------------------------------------------------------------------ tables


def _shop_daily(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for day in _days():
        code, uv_x, cvr_x, aov_x = _node(day)
        season = MONTH_SEASON[day.month - 1] * (WEEKDAY[day.weekday()] if code is None else 1.0)
        uv_day = _interp(UV_PATH, day) * season * uv_x * float(np.exp(rng.normal(0, 0.035)))
        cvr_day = _interp(CVR_PATH, day) * cvr_x * float(np.exp(rng.normal(0, 0.02)))
        aov_day = _interp(AOV_PATH, day) * aov_x * float(np.exp(rng.normal(0, 0.015)))
        campaign_day = code == "d11"
        jd_share = _interp(JD_UV_SHARE, day) - (0.02 if campaign_day else 0.0)
        mobile_share = _interp(MOBILE_UV_SHARE, day)
        items = (1.45 if day.year == 2024 else 1.48) * (
            (1.10 if day.year == 2024 else 1.17) if campaign_day else 1.0)
        new_share = 0.70 if not campaign_day else (0.70 if day.year == 2024 else 0.665)
        callin = 0.046 if campaign_day else 0.032
        inquiry_cvr = (0.48 if day.year == 2024 else 0.45) if campaign_day else 0.42
        refund_rate = 0.095 if campaign_day else 0.07
        pay_rate = 0.90 if campaign_day else 0.93
        for platform in PLATFORMS:
            for device in DEVICES:
                share = (jd_share if platform == "jd" else 1 - jd_share) * (
                    mobile_share if device == "mobile" else 1 - mobile_share)
                uv = _whole(uv_day * share * float(np.exp(rng.normal(0, 0.02))))
                cvr = cvr_day * DEVICE_CVR[device] * PLATFORM_CVR[platform]
                buyers = _whole(uv * cvr)
                aov = aov_day * DEVICE_AOV[device] * PLATFORM_AOV[platform]
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
    first, last = dt.date(year, *WINDOW[0]), dt.date(year, *WINDOW[1])
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _day_kind(day: dt.date) -> str:
    return _phase(day) or "ordinary"


def _traffic(daily: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    codes = list(SOURCES)
    relative_cvr = np.array([SOURCES[c][2] for c in codes])
    relative_aov = np.array([SOURCES[c][3] for c in codes])
    shop = daily.groupby(["date", "device"], sort=True)[["uv", "buyers", "gmv_cents"]].sum()
    rows = []
    for year in YEARS:
        for day in _window_days(year):
            kind = "ordinary" if _day_kind(day) == "ordinary" else _day_kind(day)
            shares = np.array(SOURCE_SHARES[(year, kind)], dtype=float)
            for device in DEVICES:
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


def _ads(daily: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    per_day = daily.groupby("date", sort=True)["gmv_cents"].sum()
    rows = []
    for year in YEARS:
        baseline = [d for d in _window_days(year) if _day_kind(d) == "ordinary" and d.month < 11]
        ordinary_cents = float(np.mean([per_day[d] for d in baseline]))
        for day in _window_days(year):
            phase = _phase(day)
            mult = AD_PHASE_MULT[year]
            if (day.month, day.day) == (11, 11):
                factor, lift = mult["peak"], 1.25
            elif phase:  # spend follows the day's expected sales within the phase
                factor, lift = mult[phase] * _day_lift(day) / _phase_lift(year, phase), 1.12
            elif day.month == 11:
                factor, lift = mult["after"], 0.95
            else:
                factor, lift = 1.0, 1.0
            day_spend = ordinary_cents * AD_SHARE_OF_GMV[year] * factor * float(np.exp(rng.normal(0, 0.05)))
            for code, (_, share, cpc, ctr, roi_2024, roi_2025) in CHANNELS.items():
                spend_cents = _whole(day_spend * share * float(np.exp(rng.normal(0, 0.06))))
                roi = (roi_2024 if year == 2024 else roi_2025) * lift * float(np.exp(rng.normal(0, 0.06)))
                guided_cents = _whole(spend_cents * roi)
                clicks = _whole(spend_cents / 100 / (cpc * float(np.exp(rng.normal(0, 0.04)))))
                impressions = _whole(clicks / (ctr * float(np.exp(rng.normal(0, 0.05)))))
                guided_orders = min(clicks, _whole(guided_cents / 100 / 205.0))
                rows.append((day, code, _phase(day), spend_cents, impressions, clicks, guided_orders, guided_cents))
    return pd.DataFrame(rows, columns=["date", "channel", "sale_phase", "spend_cents", "impressions", "clicks",
                                       "guided_orders", "guided_cents"])


def _hourly(daily: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for year in YEARS:
        day = dt.date(year, 11, 11)
        totals = daily[daily.date == day][["uv", "buyers", "orders", "gmv_cents"]].sum()
        buyers = _allocate(int(totals.buyers), np.array(HOURLY_BUYERS[year]))
        uv = _allocate(int(totals.uv), np.array(HOURLY_UV))
        orders = _allocate(int(totals.orders), buyers.astype(float))
        cents = _allocate(int(totals.gmv_cents), buyers * np.array(HOURLY_AOV))
        for hour in range(24):
            rows.append((dt.datetime(year, 11, 11, hour), hour, int(uv[hour]), int(buyers[hour]), int(orders[hour]),
                         int(cents[hour])))
    return pd.DataFrame(rows, columns=["datetime", "hour", "uv", "buyers", "orders", "gmv_cents"])


def _inventory(daily: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    dates = pd.to_datetime(daily.date)
    window = daily[(dates >= pd.Timestamp(2025, 10, 21)) & (dates <= pd.Timestamp(2025, 11, 11))]
    units_total, cents_total = int(window.units.sum()), int(window.gmv_cents.sum())
    weights = np.array([p[7] for p in PRODUCTS]) * np.exp(rng.normal(0, 0.08, len(PRODUCTS)))
    units = _allocate(units_total, weights)
    campaign_price = np.array([p[5] for p in PRODUCTS], dtype=float)
    cents = _allocate(cents_total, units * campaign_price)
    rows = []
    for i, (sku, names, category, role, list_price, price, cost, _, is_new) in enumerate(PRODUCTS):
        low, high = STOCK_COVER[role]
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


def _service(daily: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    orders = daily.groupby(["date", "platform"], sort=True)["orders"].sum()
    rows = []
    for year in YEARS:
        for day in _window_days(year):
            kind = _day_kind(day)
            campaign = kind != "ordinary"
            for platform in PLATFORMS:
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


def _industry(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for year in YEARS:
        for day in _window_days(year):
            uv_x, cvr_x, aov_x = D11_PROFILE[2024].get((day.month, day.day), (1.0, 1.0, 1.0))
            lift = uv_x * cvr_x * aov_x
            if year == 2025 and _phase(day):
                lift *= INDUSTRY_CAMPAIGN_GROWTH * INDUSTRY_DAILY[2024] / INDUSTRY_DAILY[2025]
            if (11, 12) <= (day.month, day.day) <= (11, 16):
                lift *= AFTER_DIP
            value = INDUSTRY_DAILY[year] * lift * float(np.exp(rng.normal(0, 0.02)))
            rows.append((day, _whole(value * 100)))
    return pd.DataFrame(rows, columns=["date", "industry_cents"])


def _dsr(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for (year, stage), (shop, industry) in DSR_VALUES.items():
        snapshot = dt.date(year, 10, 20) if stage == "before" else dt.date(year, 11, 18)
        for i, dimension in enumerate(DSR_DIMENSIONS):
            rows.append((f"d11-{year}", stage, snapshot.isoformat(), dimension,
                         round(shop[i] + float(rng.uniform(-0.0004, 0.0004)), 5),
                         round(industry[i] + float(rng.uniform(-0.0004, 0.0004)), 5)))
    return pd.DataFrame(rows, columns=["campaign_id", "stage", "snapshot_day", "dimension", "shop_score",
                                       "industry_score"])


def _round_to(value: float, step: float) -> float:
    return float(round(value / step) * step)


def _targets(daily: pd.DataFrame, ads: pd.DataFrame) -> pd.DataFrame:
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
        ("d11-2025", "gmv", "presale", _round_to(presale / 0.915, 100_000)),
        ("d11-2025", "gmv", "main", _round_to(main / 1.125, 100_000)),
        ("d11-2025", "uv", None, _round_to(uv / 1.04, 10_000)),
        ("d11-2025", "cvr", None, round(buyers / uv + 0.0017, 4)),
        ("d11-2025", "aov", None, _round_to(gmv / buyers / 1.025, 1)),
        ("d11-2025", "new_buyers", None, _round_to(this.new_buyers.sum() / 0.94, 1_000)),
        ("d11-2025", "roi", None, 3.3),
        ("d11-2025", "spend", None, _round_to(ads_this.spend_cents.sum() / 100 / 0.97, 10_000)),
        ("fy-2025", "gmv", None, _round_to(ytd.gmv_cents.sum() / 100 / 0.85, 1_000_000)),
    ]
    next_gmv = _round_to(gmv * 1.2, 1_000_000)
    next_uv = _round_to(uv * 1.12, 10_000)
    rows += [("d11-2026", "gmv", None, next_gmv), ("d11-2026", "uv", None, next_uv),
             ("d11-2026", "cvr", None, round(buyers / uv + 0.001, 4))]
    return pd.DataFrame(rows, columns=["plan", "metric", "sale_phase", "target_value"])


# ------------------------------------------------------------------------------------------ writing


def _write_csv(frame: pd.DataFrame, path: Path, encoding: str = "utf-8") -> None:
    text = frame.to_csv(index=False, lineterminator="\n")
    path.write_bytes(text.encode(encoding))


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
    rng = np.random.default_rng(SEED)
    daily = _shop_daily(rng)
    traffic = _traffic(daily, rng)
    ads = _ads(daily, rng)
    hourly = _hourly(daily)
    inventory = _inventory(daily, rng)
    service = _service(daily, rng)
    industry = _industry(rng)
    dsr = _dsr(rng)
    targets = _targets(daily, ads)
    zh = locale == "zh-CN"

    out = pd.DataFrame({
        "date": daily.date.map(dt.date.isoformat),
        "platform": _labelled(daily.platform, PLATFORMS, locale),
        "device": _labelled(daily.device, DEVICES, locale),
        "campaign": _labelled(daily.campaign, CAMPAIGN_NAMES, locale),
        "sale_phase": _labelled(daily.sale_phase, PHASES, locale),
        "uv": daily.uv, "pv": daily.pv,
        "ordered_amount": _cents_text(daily.ordered_cents), "gmv": _cents_text(daily.gmv_cents),
        "orders": daily.orders, "buyers": daily.buyers, "units": daily.units, "new_buyers": daily.new_buyers,
        "returning_buyers": daily.returning_buyers, "returning_gmv": _cents_text(daily.returning_cents),
        "inquiry_users": daily.inquiry_users, "inquiry_buyers": daily.inquiry_buyers,
        "refund_amount": _cents_text(daily.refund_cents),
    })
    _write_csv(out, folder / "shop_daily.csv")

    source_labels = {code: spec[0] for code, spec in SOURCES.items()}
    group_of = {code: spec[1] for code, spec in SOURCES.items()}
    columns = (("日期", "终端", "来源分组", "来源", "访客数", "支付买家数", "支付金额") if zh else
               ("date", "device", "source_group", "source", "uv", "buyers", "gmv"))
    out = pd.DataFrame(dict(zip(columns, (
        traffic.date.map(dt.date.isoformat), _labelled(traffic.device, DEVICES, locale),
        _labelled(traffic.source.map(group_of), SOURCE_GROUPS, locale),
        _labelled(traffic.source, source_labels, locale), traffic.uv, traffic.buyers,
        _cents_text(traffic.gmv_cents)))))
    _write_csv(out, folder / "traffic_sources.csv", "gbk" if zh else "utf-8")

    out = pd.DataFrame({
        "date": ads.date.map(dt.date.isoformat),
        "channel": _labelled(ads.channel, {c: spec[0] for c, spec in CHANNELS.items()}, locale),
        "sale_phase": _labelled(ads.sale_phase, PHASES, locale),
        "spend": _cents_text(ads.spend_cents), "impressions": ads.impressions, "clicks": ads.clicks,
        "guided_orders": ads.guided_orders, "guided_gmv": _cents_text(ads.guided_cents),
    })
    _write_csv(out, folder / "ads.csv", "utf-8-sig")

    out = pd.DataFrame({
        "datetime": hourly.datetime.map(lambda t: t.strftime("%Y-%m-%d %H:%M")), "hour": hourly.hour,
        "time_slot": hourly.hour.map(lambda h: f"{h:02d}:00"),
        "uv": hourly.uv, "buyers": hourly.buyers, "orders": hourly.orders, "gmv": _cents_text(hourly.gmv_cents),
    })
    _write_csv(out, folder / "campaign_hourly.csv")

    _write_inventory(inventory, folder / "inventory.parquet", locale)

    out = pd.DataFrame({"date": service.date.map(dt.date.isoformat),
                        "platform": _labelled(service.platform, PLATFORMS, locale),
                        **{c: service[c] for c in service.columns[2:]}})
    _write_csv(out, folder / "service_daily.csv")

    out = pd.DataFrame({"date": industry.date.map(dt.date.isoformat),
                        "category": [label(CATEGORY_LABEL, locale)] * len(industry),
                        "industry_gmv": _cents_text(industry.industry_cents)})
    _write_csv(out, folder / "industry_daily.csv")

    out = pd.DataFrame({"campaign_id": dsr.campaign_id, "stage": _labelled(dsr.stage, DSR_STAGES, locale),
                        "snapshot_day": dsr.snapshot_day,
                        "dimension": _labelled(dsr.dimension, DSR_DIMENSIONS, locale),
                        "shop_score": dsr.shop_score.map(lambda v: f"{v:.5f}"),
                        "industry_score": dsr.industry_score.map(lambda v: f"{v:.5f}")})
    _write_csv(out, folder / "dsr.csv")

    out = pd.DataFrame({"plan": targets.plan, "metric": targets.metric,
                        "sale_phase": _labelled(targets.sale_phase, PHASES, locale),
                        "target_value": targets.target_value.map(lambda v: f"{v:.4f}".rstrip("0").rstrip("."))})
    _write_csv(out, folder / "targets.csv")

    _write_campaigns(targets, ads, folder / "campaigns.csv", locale)


def _write_inventory(inventory: pd.DataFrame, path: Path, locale: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({
        "sku": pa.array(inventory.sku.tolist(), pa.string()),
        "product_name": pa.array([label(n, locale) for n in inventory.names], pa.string()),
        "category": pa.array([label(CATEGORIES[c], locale) for c in inventory.category], pa.string()),
        "role": pa.array([label(ROLES[r], locale) for r in inventory.role], pa.string()),
        "is_new": pa.array(inventory.is_new.tolist(), pa.bool_()),
        "list_price": pa.array(inventory.list_price.tolist(), pa.float64()),
        "campaign_price": pa.array(inventory.campaign_price.tolist(), pa.float64()),
        "unit_cost": pa.array(inventory.unit_cost.tolist(), pa.float64()),
        "opening_stock": pa.array(inventory.opening_stock.tolist(), pa.int64()),
        "received": pa.array(inventory.received.tolist(), pa.int64()),
        "units": pa.array(inventory.units.tolist(), pa.int64()),
        "gmv": pa.array(_money(inventory.gmv_cents.to_numpy()).tolist(), pa.float64()),
        "stock_end": pa.array(inventory.stock_end.tolist(), pa.int64()),
        "prepared_value": pa.array(_money(inventory.prepared_cents.to_numpy()).tolist(), pa.float64()),
        "stock_end_value": pa.array(_money(inventory.leftover_cents.to_numpy()).tolist(), pa.float64()),
    })
    pq.write_table(table, path, compression="snappy")


def _write_campaigns(targets: pd.DataFrame, ads: pd.DataFrame, path: Path, locale: str) -> None:
    gmv_target = targets[(targets.plan == "d11-2025") & (targets.metric == "gmv")].target_value.sum()
    budget = float(targets[(targets.plan == "d11-2025") & (targets.metric == "spend")].target_value.sum())
    ad_dates = pd.to_datetime(ads.date)
    spent_2024 = ads[(ad_dates >= pd.Timestamp(2024, 10, 21)) & (ad_dates <= pd.Timestamp(2024, 11, 11))]
    name = label(CAMPAIGN_NAMES["d11"], locale)
    rows = []
    for year, target, spend in ((2024, _round_to(gmv_target / 1.19, 100_000), spent_2024.spend_cents.sum() / 100),
                                (2025, gmv_target, budget)):
        rows.append((f"d11-{year}", f"{name} {year}", f"{year}-10-21", f"{year}-10-30", f"{year}-10-31",
                     f"{year}-11-11", label(CAMPAIGN_PURPOSE, locale), f"{target:.0f}",
                     f"{_round_to(spend, 10_000):.0f}"))
    frame = pd.DataFrame(rows, columns=["campaign_id", "name", "presale_start", "presale_end", "main_start",
                                        "main_end", "purpose", "target_gmv", "budget"])
    _write_csv(frame, path)
