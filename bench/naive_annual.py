"""A naive annual deck, written the obvious way, on the annual-review sample's data: the baseline a cold
``deckgen build`` is compared with in bench/scaling.py.

pandas reads and aggregates; one matplotlib Figure per chart, saved as PNG at 150 dpi; python-pptx text boxes
and pictures; one process, no caches, no text fitting, no checks. 44 slides and 16 charts, like the sample.

    python bench/naive_annual.py OUT.pptx
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "samples" / "annual-review" / "data"


def load():
    import pandas as pd

    daily = pd.read_csv(DATA / "shop_daily.csv", parse_dates=["date"])
    sources = pd.read_csv(DATA / "traffic_sources.csv", encoding="gb18030", parse_dates=["日期"])
    ads = pd.read_excel(DATA / "ads.xlsx", sheet_name="渠道", engine="openpyxl", parse_dates=["date"])
    products = pd.read_parquet(DATA / "products.parquet")
    products["date"] = pd.to_datetime(products["date"])
    return daily, sources, ads, products


def figures(daily, sources, ads, products) -> list[tuple[str, bytes]]:
    """Sixteen charts: monthly trends, mixes, sources, promotion and products."""
    daily = daily.assign(year=daily["date"].dt.year, month=daily["date"].dt.month)
    monthly = daily.groupby(["year", "month"])[["gmv", "uv", "buyers", "orders", "refund_amount"]].sum()
    this, last = monthly.loc[2025], monthly.loc[2024]
    charts = [
        ("月度 GMV", lambda ax: (ax.bar(this.index - 0.2, this["gmv"], 0.4), ax.bar(last.index + 0.2, last["gmv"], 0.4))),
        ("GMV 同比", lambda ax: ax.plot(this.index, this["gmv"] / last["gmv"] - 1)),
        ("访客数", lambda ax: ax.plot(this.index, this["uv"])),
        ("转化率", lambda ax: ax.plot(this.index, this["buyers"] / this["uv"])),
        ("客单价", lambda ax: ax.plot(this.index, this["gmv"] / this["buyers"])),
        ("退款率", lambda ax: ax.plot(this.index, this["refund_amount"] / this["gmv"])),
    ]
    year = daily[daily["year"] == 2025]
    for column in ("platform", "device"):
        share = year.groupby(column)["gmv"].sum()
        charts.append((f"{column} 占比", lambda ax, share=share: ax.pie(share, labels=share.index)))
    by_source = sources[sources["日期"].dt.year == 2025].groupby("来源")["访客数"].sum().sort_values()
    charts.append(("来源访客", lambda ax: ax.barh(by_source.index, by_source)))
    group = sources[sources["日期"].dt.year == 2025].groupby("来源分组")["支付金额"].sum()
    charts.append(("来源分组成交", lambda ax: ax.bar(group.index, group)))
    spend = ads[ads["date"].dt.year == 2025].groupby("channel")[["spend", "guided_gmv"]].sum()
    charts.append(("渠道花费", lambda ax: ax.bar(spend.index, spend["spend"])))
    charts.append(("渠道 ROI", lambda ax: ax.bar(spend.index, spend["guided_gmv"] / spend["spend"])))
    ads_month = ads[ads["date"].dt.year == 2025].groupby(ads["date"].dt.month)["spend"].sum()
    charts.append(("月度花费", lambda ax: ax.plot(ads_month.index, ads_month)))
    top = products[products["date"].dt.year == 2025].groupby("product_name")["gmv"].sum().nlargest(10)
    charts.append(("TOP 10 商品", lambda ax: ax.barh(top.index[::-1], top[::-1])))
    pareto = top.cumsum() / products["gmv"].sum()
    charts.append(("累计占比", lambda ax: ax.plot(range(len(pareto)), pareto)))
    category = products.groupby("category")["gmv"].sum()
    charts.append(("品类", lambda ax: ax.pie(category, labels=category.index)))
    return [(title, _png(draw)) for title, draw in charts]


def _png(draw) -> bytes:
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font = ROOT / "deckgen" / "fonts" / "NotoSansCJKsc-Regular-subset.otf"  # Chinese labels need a CJK face
    font_manager.fontManager.addfont(str(font))
    with matplotlib.rc_context({"font.family": font_manager.FontProperties(fname=str(font)).get_name()}):
        figure = Figure(figsize=(8, 4.2))
        FigureCanvasAgg(figure)
        draw(figure.add_subplot())
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=150)
    return buffer.getvalue()


def write(pictures: list[tuple[str, bytes]], daily, out: Path) -> None:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    blank = prs.slide_layouts[6]
    total = daily[daily["date"].dt.year == 2025]["gmv"].sum()
    for index in range(44):
        slide = prs.slides.add_slide(blank)
        name, png = pictures[index] if index < len(pictures) else ("要点", None)
        title = slide.shapes.add_textbox(Inches(0.6), Inches(0.35), Inches(12), Inches(0.8)).text_frame
        title.text = f"{name}：全年 GMV {total / 1e4:,.1f} 万元"
        title.paragraphs[0].runs[0].font.size = Pt(26)
        if png is not None:
            slide.shapes.add_picture(io.BytesIO(png), Inches(0.6), Inches(1.4), Inches(8), Inches(4.2))
        body = slide.shapes.add_textbox(Inches(8.9), Inches(1.4), Inches(3.8), Inches(4.2)).text_frame
        body.word_wrap = True
        for line in ("同比增长，主要由访客拉动", "转化率略有下降", "客单价保持稳定"):
            paragraph = body.add_paragraph()
            paragraph.text = line
            paragraph.runs[0].font.size = Pt(14)
        slide.notes_slide.notes_text_frame.text = "数据来源：生意参谋"
    prs.save(out)


def build(out: Path) -> None:
    daily, sources, ads, products = load()
    write(figures(daily, sources, ads, products), daily, out)


if __name__ == "__main__":
    build(Path(sys.argv[1]))
