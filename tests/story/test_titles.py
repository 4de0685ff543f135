"""Automatic titles on small literal data, each number checked against a computation made here."""

from __future__ import annotations

import pandas as pd

from deckgen.data.load import LoadedTable
from deckgen.data.metrics import MetricEngine
from deckgen.data.periods import parse_period, period_before, year_before
from deckgen.findings.run import Findings
from deckgen.locale import get_locale
from deckgen.outline.schema import ChartBlock, ChartSlide, KpiSlide, MetricSpec, TableBlock, TableSlide
from deckgen.story.charts import ChartBuilder
from deckgen.story.facts import Facts, Periods
from deckgen.story.titles import Titler, is_auto

ROWS = [  # platform, year, gmv, complaints
    ("天猫", 2024, 800.0, 7), ("京东", 2024, 200.0, 0), ("天猫", 2025, 880.0, 15), ("京东", 2025, 320.0, 0),
]


def titler(locale: str = "zh-CN", labels: dict | None = None) -> Titler:
    frame = pd.DataFrame({"date": pd.to_datetime([f"{y}-06-01" for _, y, _, _ in ROWS]),
                          "platform": [p for p, _, _, _ in ROWS], "gmv": [g for _, _, g, _ in ROWS],
                          "complaints": [c for _, _, _, c in ROWS]})
    labels = labels or {}
    specs = {"gmv": MetricSpec(table="t", sum="gmv", format="money", label=labels.get("gmv", "GMV")),
             "complaints": MetricSpec(table="t", sum="complaints", label=labels.get("complaints", "投诉数"),
                                      better="lower")}
    period = parse_period("2025")
    engine = MetricEngine(specs, {"t": LoadedTable("t", frame, "test", None, "date")}, period)
    facts = Facts(engine, Periods(period, year_before(period), period_before(period)), get_locale(locale))
    return Titler(facts, ChartBuilder(facts), Findings("", ()), "yoy")


def test_a_split_states_the_faster_segment_against_the_largest():
    jd, tmall = 320 / 200 - 1, 880 / 800 - 1  # +60.0% and +10.0%: 50 points apart
    slide = ChartSlide(chart=ChartBlock(type="bar", x="platform", y=["gmv", "gmv.previous"]))
    title = titler().title(slide, None).replace("\u2060", "")
    assert title == f"京东 GMV 同比 +{jd * 100:.1f}%，快于天猫 {(jd - tmall) * 100:.1f}个百分点"


def test_a_visual_of_shares_gets_a_share_title_not_a_growth_title():
    tmall, jd = 880 / 1200, 320 / 1200  # this year's shares; the donut shows nothing of last year
    for block in (ChartBlock(type="donut", y="gmv", by="platform"), ChartBlock(type="bar", x="platform", y="gmv")):
        title = titler().title(ChartSlide(chart=block), None).replace("\u2060", "")
        assert title == f"天猫占 GMV 的 {tmall * 100:.1f}%，京东占 {jd * 100:.1f}%"
    table = titler().title(TableSlide(table=TableBlock(by="platform", columns=["gmv", "gmv.share"])), None)
    assert "同比" not in table


def test_a_gap_between_two_growths_is_the_gap_between_the_figures_shown():
    # +10.05% and +4.049% read +10.1% and +4.0%: the title says 6.1 points, not the unrounded 6.0
    from deckgen.locale import NumberFormatter

    fmt = NumberFormatter(get_locale("zh-CN"))
    assert round(fmt.difference(0.1005, 0.04049, "percent", 1), 6) == 0.061
    assert fmt.change_points(fmt.difference(0.1005, 0.04049, "percent", 1), 1).replace("\u2060", "") == "+6.1个百分点"


def test_a_table_beside_a_chart_of_the_same_metric_says_something_else():
    t = titler()
    chart = t.title(ChartSlide(chart=ChartBlock(type="donut", y="gmv", by="platform")), None)
    table = t.title(TableSlide(table=TableBlock(by="platform", columns=["gmv", "complaints"])), None)
    assert table != chart and "投诉数" in table


def test_a_count_on_a_tiny_base_is_said_as_counts():
    title = titler().title(KpiSlide(kpis=["complaints"]), None).replace("\u2060", "")
    assert title == "投诉数 7 → 15（同比）"  # not +114.3%


def test_spanish_titles_write_labels_in_lower_case_with_their_article():
    t = titler("es-ES", {"gmv": "Ventas", "complaints": "Reclamaciones"})
    title = t.title(TableSlide(table=TableBlock(by="platform", columns=["gmv", "gmv.yoy"])), None)
    assert title == "京东: ventas +60,0\u00a0% interanual, 50,0\u00a0p.\u00a0p. más que 天猫"


def test_auto_and_omitted_titles_are_automatic():
    assert is_auto(None) and is_auto("auto") and is_auto(" auto ") and not is_auto("渠道明细")
