"""A peak-day chart hour by hour: x: hour with the chart's own period, against the same day last year."""

from __future__ import annotations

import pandas as pd

from deckgen.data.load import LoadedTable
from deckgen.data.metrics import MetricEngine
from deckgen.data.periods import parse_period, period_before, year_before
from deckgen.locale import get_locale
from deckgen.outline.schema import ChartBlock, MetricSpec
from deckgen.story.charts import ChartBuilder
from deckgen.story.facts import Facts, Periods


def test_hour_by_hour_against_the_same_day_last_year():
    hours = list(pd.date_range("2024-11-11", periods=24, freq="h")) + list(pd.date_range("2025-11-11", periods=24,
                                                                                          freq="h"))
    frame = pd.DataFrame({"datetime": hours, "gmv": [float(h.hour + (100 if h.year == 2025 else 0)) for h in hours]})
    table = LoadedTable("hourly", frame, "test", None, "datetime")
    current = parse_period("2025-10-21..2025-11-11")
    engine = MetricEngine({"gmv": MetricSpec(table="hourly", sum="gmv", format="money")}, {"hourly": table}, current)
    facts = Facts(engine, Periods(current, year_before(current), period_before(current)), get_locale("zh-CN"))
    spec = ChartBuilder(facts).build(ChartBlock(type="line", x="hour", y=["gmv", "gmv.previous"],
                                                period="2025-11-11..2025-11-11"))
    assert spec.categories[:3] == ("0时", "1时", "2时") and len(spec.categories) == 24
    assert spec.series[0].values[5] == 105.0 and spec.series[1].values[5] == 5.0
