"""The metric engine on small literal tables: ratios of sums, periods, groupings, missing bases."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from deckgen.data.expr import ExprError, parse_expr
from deckgen.data.load import LoadedTable
from deckgen.data.metrics import Grouping, MetricEngine
from deckgen.data.periods import parse_period, year_before
from deckgen.outline.schema import MetricSpec

CURRENT = parse_period("2025")
PREVIOUS = year_before(CURRENT)


def table(rows: list[dict]) -> LoadedTable:
    frame = pd.DataFrame(rows)
    frame["date"] = pd.to_datetime(frame["date"])
    return LoadedTable("daily", frame, "test", None, "date")


DAILY = table([
    {"date": "2024-06-01", "platform": "天猫", "uv": 1000, "buyers": 10, "gmv": 1000.0},
    {"date": "2025-01-01", "platform": "天猫", "uv": 100, "buyers": 10, "gmv": 2000.0},
    {"date": "2025-01-02", "platform": "京东", "uv": 900, "buyers": 9, "gmv": 900.0},
    {"date": "2025-02-01", "platform": "天猫", "uv": 1000, "buyers": 20, "gmv": 3000.0},
])

SPECS = {
    "gmv": MetricSpec(table="daily", sum="gmv", format="money"),
    "uv": MetricSpec(table="daily", sum="uv"),
    "buyers": MetricSpec(table="daily", sum="buyers"),
    "cvr": MetricSpec(ratio=["buyers", "uv"], format="percent"),
    "tmall": MetricSpec(table="daily", sum="gmv", where={"platform": "天猫"}),
    "days": MetricSpec(table="daily", count="*"),
    "platforms": MetricSpec(table="daily", distinct="platform"),
    "target": MetricSpec(value=10000.0),
    "gap": MetricSpec(expr="target - gmv"),
}


@pytest.fixture
def engine() -> MetricEngine:
    return MetricEngine(SPECS, {"daily": DAILY}, CURRENT)


def test_ratio_is_a_ratio_of_sums_not_a_mean_of_daily_rates(engine):
    assert engine.value("cvr", CURRENT) == pytest.approx(39 / 2000)
    daily_mean = (10 / 100 + 9 / 900 + 20 / 1000) / 3
    assert engine.value("cvr", CURRENT) != pytest.approx(daily_mean)


def test_period_filters_and_previous(engine):
    assert engine.value("gmv", CURRENT) == 5900.0
    assert engine.value("gmv", PREVIOUS) == 1000.0
    assert engine.value("gmv", year_before(PREVIOUS)) is None  # no data at all: missing, not 0


def test_where_count_distinct_constant_and_expression(engine):
    assert engine.value("tmall", CURRENT) == 5000.0
    assert engine.value("days", CURRENT) == 3
    assert engine.value("platforms", CURRENT) == 2
    assert engine.value("target", CURRENT) == 10000.0
    assert engine.value("target", PREVIOUS) is None  # a constant belongs to the reporting period
    assert engine.value("gap", CURRENT) == 4100.0


def test_monthly_grouping_covers_the_whole_period(engine):
    monthly = engine.series("gmv", CURRENT, Grouping(grain="month"))
    assert len(monthly) == 12
    assert list(monthly.iloc[:2]) == [2900.0, 3000.0]
    assert math.isnan(monthly.iloc[2])  # March has no rows at all: unknown ("—"), never 0
    ratio = engine.series("cvr", CURRENT, Grouping(grain="month"))
    assert ratio.iloc[0] == pytest.approx(19 / 1000) and math.isnan(ratio.iloc[2])


def test_a_month_with_rows_but_none_matching_is_zero(engine):
    tmall = engine.series("tmall", CURRENT, Grouping(grain="day"))
    assert tmall[pd.Timestamp("2025-01-02")] == 0.0  # the day has a row, 京东's: 天猫 sold nothing
    assert math.isnan(tmall[pd.Timestamp("2025-01-03")])  # no row that day


def test_grouping_by_column(engine):
    by_platform = engine.series("gmv", CURRENT, Grouping(column="platform"))
    assert by_platform.to_dict() == {"京东": 900.0, "天猫": 5000.0}


def test_shares_sum_to_one(engine):
    by_platform = engine.series("gmv", CURRENT, Grouping(column="platform"))
    assert (by_platform / by_platform.sum()).sum() == pytest.approx(1.0)


def test_inputs_are_not_mutated(engine):
    before = DAILY.frame.copy()
    engine.series("gmv", CURRENT, Grouping(grain="week"))
    pd.testing.assert_frame_equal(DAILY.frame, before)


@pytest.mark.parametrize("text", ["__import__('os')", "gmv.__class__", "gmv ** 2", "[gmv]", "gmv if uv else 0",
                                  "'text'", "lambda: 1"])
def test_expressions_cannot_run_code(text):
    with pytest.raises(ExprError):
        parse_expr(text)
