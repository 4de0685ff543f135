"""Comparisons: YoY, MoM, uplift over ordinary days, year to date, tiny bases, missing bases."""

from __future__ import annotations

import pandas as pd
import pytest

from deckgen.data.load import LoadedTable
from deckgen.data.metrics import MetricEngine
from deckgen.data.periods import parse_period, period_before, year_before
from deckgen.locale import get_locale
from deckgen.outline.schema import MetricSpec
from deckgen.story.facts import Facts, MetricView, Periods

DAYS = pd.date_range("2024-01-01", "2025-12-31", freq="D")


def facts_for(current: str, baseline: str | None = None, gmv=lambda d: 100.0) -> Facts:
    frame = pd.DataFrame({"date": DAYS, "gmv": [gmv(d) for d in DAYS], "uv": 1000, "buyers": 20})
    specs = {
        "gmv": MetricSpec(table="t", sum="gmv", format="money"),
        "cvr": MetricSpec(ratio=["buyers", "uv"], format="percent", decimals=2),
        "buyers": MetricSpec(table="t", sum="buyers"), "uv": MetricSpec(table="t", sum="uv"),
        "target": MetricSpec(value=50_000.0, format="money"),
    }
    period = parse_period(current)
    periods = Periods(period, year_before(period), period_before(period),
                      parse_period(baseline) if baseline else None)
    engine = MetricEngine(specs, {"t": LoadedTable("t", frame, "test", None, "date")}, period)
    return Facts(engine, periods, get_locale("zh-CN"))


def test_uplift_is_per_day_against_ordinary_days():
    campaign = lambda d: 1200.0 if (d.month, d.day) == (11, 11) else 100.0
    facts = facts_for("2025-11-11..2025-11-11", baseline="2025-10-01..2025-10-31", gmv=campaign)
    view = MetricView(facts, "gmv")
    assert facts.uplift("gmv") == pytest.approx(12.0)
    assert view.uplift == "12.0倍"
    assert view.baseline == "100.0元"
    assert facts.uplift("cvr") == pytest.approx(0.0)  # a rate: difference in points


def test_year_to_date_and_plan_completion():
    facts = facts_for("2025-03")
    view = MetricView(facts, "gmv")
    assert str(view.ytd) == f"{100 * 90:,.0f}元"  # 1 January to 31 March 2025: 90 days
    assert view.ytd.vs(MetricView(facts, "target")) == "18.0%"


def test_month_on_month_uses_the_adjacent_month():
    facts = facts_for("2025-03")
    assert facts.change("gmv", "mom") == pytest.approx(31 / 28 - 1)
    assert MetricView(facts, "gmv").mom.phrase == "环比增长10.7%"


def test_growth_on_a_tiny_base_is_flagged():
    facts = facts_for("2025", gmv=lambda d: 1.0 if d.year == 2024 else 100.0)
    assert facts.change("gmv") == pytest.approx(100 * 365 / 366 - 1)
    assert ("gmv", "yoy") in facts.warnings


def test_missing_base_is_a_dash():
    facts = facts_for("2024")  # no 2023 data
    view = MetricView(facts, "gmv")
    assert str(view.yoy) == "—" and view.yoy.phrase == "—" and view.previous == "—" and view.change == "—"
    assert view.uplift == "—"  # no baseline given


def test_a_month_without_rows_in_the_comparison_period_is_missing_not_zero():
    """Last year's export lacks March: the monthly table shows "—" for it, and no change, rather than 0.0元."""
    from deckgen.data.metrics import Grouping
    from deckgen.grammar.refs import parse_ref
    from deckgen.story.charts import ChartBuilder

    facts = facts_for("2025", gmv=lambda d: 100.0)
    frame = facts.engine.tables["t"].frame
    facts.engine.tables["t"] = LoadedTable("t", frame[~((frame.date.dt.year == 2024) & (frame.date.dt.month == 3))],
                                           "test", None, "date")
    builder = ChartBuilder(facts)
    by_month = Grouping(grain="month")
    previous = builder.values(parse_ref("gmv.previous"), by_month)
    growth = builder.values(parse_ref("gmv.yoy"), by_month)
    assert pd.isna(previous.iloc[2]) and pd.isna(growth.iloc[2])
    assert facts.value_text("gmv", previous.iloc[2]) == "—"
    assert previous.iloc[3] == pytest.approx(100 * 30)  # April is there
