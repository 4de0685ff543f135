"""A line's value axis cut far from zero still spans 5 % of the values' level, so a change of a hundredth in a
shop score (DSR 4.78–4.83) does not fill the plot; bars and lines near zero keep zero on the axis."""

from __future__ import annotations

import pandas as pd
import pytest

from deckgen.charts.style import data_range
from deckgen.story.analysis import _largest_and_other


def test_a_score_near_five_spans_a_twentieth_of_its_level():
    low, high = data_range([4.78, 4.83, 4.80, 4.79], include_zero=False)
    assert high - low == pytest.approx(0.05 * 4.83)
    assert (low + high) / 2 == pytest.approx((4.78 + 4.83) / 2)


def test_a_line_that_already_moves_keeps_its_span():
    assert data_range([1.83, 2.52, 2.40], include_zero=False) == (1.83, 2.52)


def test_bars_and_lines_near_zero_start_at_zero():
    assert data_range([4.78, 4.83], include_zero=True) == (0.0, 4.83)
    assert data_range([12.0, 30.0], include_zero=False) == (0.0, 30.0)


def test_input_output_costs_keep_four_parts_and_other():
    costs = pd.Series({"商品成本": 3117.7, "营销推广": 705.1, "人力": 472.2, "物流": 240.2,
                       "平台佣金": 172.6, "其他": 121.0, "售后": 111.0})
    kept = _largest_and_other(costs, "其他")
    assert list(kept.index) == ["商品成本", "营销推广", "人力", "物流", "其他"]
    assert kept["其他"] == pytest.approx(172.6 + 121.0 + 111.0)
    assert kept.sum() == pytest.approx(costs.sum())
    few = costs.iloc[:5]
    assert _largest_and_other(few, "其他") is few
