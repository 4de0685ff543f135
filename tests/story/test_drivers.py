"""LMDI driver effects add up to the change exactly and match a direct computation."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deckgen.findings.drivers import decompose, log_mean

positive = st.floats(min_value=0.01, max_value=1e7, allow_nan=False, allow_infinity=False)


@given(st.lists(st.tuples(positive, positive), min_size=2, max_size=4))
def test_effects_sum_to_the_change(pairs):
    before = {f"x{i}": a for i, (a, _) in enumerate(pairs)}
    after = {f"x{i}": b for i, (_, b) in enumerate(pairs)}
    result = decompose(before, after)
    total = sum(e.effect for e in result.effects)
    assert total == pytest.approx(result.change, rel=1e-9, abs=1e-6 * max(1.0, abs(result.total_after)))


def test_matches_hand_computation():
    before = {"uv": 10_000.0, "cvr": 0.02, "aov": 150.0}
    after = {"uv": 12_000.0, "cvr": 0.019, "aov": 160.0}
    g0, g1 = 10_000 * 0.02 * 150, 12_000 * 0.019 * 160
    weight = (g1 - g0) / (math.log(g1) - math.log(g0))
    result = decompose(before, after)
    effects = {e.name: e.effect for e in result.effects}
    assert effects["uv"] == pytest.approx(weight * math.log(1.2))
    assert effects["cvr"] == pytest.approx(weight * math.log(0.95))
    assert round(sum(effects.values()), 2) == round(g1 - g0, 2)
    assert result.dominant().name == "uv"


def test_log_mean_of_equal_values():
    assert log_mean(5.0, 5.0) == 5.0


def test_non_positive_factor_is_refused():
    with pytest.raises(ValueError):
        decompose({"a": 0.0, "b": 1.0}, {"a": 1.0, "b": 1.0})
