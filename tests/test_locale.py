"""Number formatting per locale: 万/亿, 个百分点, Spanish separators, missing values."""

from __future__ import annotations

import pytest

from deckgen.locale import NumberFormatter, get_locale

NBSP = "\u00a0"


@pytest.fixture(params=["zh-CN", "zh-TW", "en-US", "es-ES"])
def any_formatter(request):
    return NumberFormatter(get_locale(request.param))


@pytest.mark.parametrize("code, value, fmt, expected", [
    ("zh-CN", 58_263_000, "money", "5,826.3万元"),
    ("zh-CN", 127_000_000, "money", "1.27亿元"),
    ("zh-CN", 9225.3, "money", "9,225元"),
    ("zh-CN", 190.456, "money", "190.5元"),
    ("zh-CN", 8341, "number", "8,341"),
    ("zh-CN", 0.02534, "percent", "2.5%"),
    ("zh-CN", 14.63, "multiple", "14.6倍"),
    ("zh-TW", 58_263_000, "money", "5,826.3萬元"),
    ("en-US", 58_263_000, "money", "¥58.26M"),
    ("en-US", 10_000, "number", "10,000"),
    ("es-ES", 58_263_000, "money", f"58,26{NBSP}M¥"),
    ("es-ES", 10_000, "number", "10.000"),
    ("es-ES", 0.234, "percent", f"23,4{NBSP}%"),
])
def test_formats(code, value, fmt, expected):
    assert NumberFormatter(get_locale(code)).format(value, fmt) == expected


def test_changes():
    zh = NumberFormatter(get_locale("zh-CN"))
    assert zh.change_percent(0.234) == "+23.4%"
    assert zh.change_percent(-0.052) == "-5.2%"
    assert zh.change_points(-0.004) == "-0.4个百分点"
    en = NumberFormatter(get_locale("en-US"))
    assert en.change_points(0.016) == "+1.6 pp"


@pytest.mark.parametrize("missing", [None, float("nan"), float("inf")])
def test_missing_is_a_dash_never_zero_or_inf(any_formatter, missing):
    assert any_formatter.format(missing, "money") == "—"
    assert any_formatter.change_percent(missing) == "—"
    assert any_formatter.change_points(missing) == "—"


def test_axis_scale_follows_the_largest_value():
    zh = NumberFormatter(get_locale("zh-CN"))
    assert zh.axis("number", 6e6).suffix == "万"
    assert zh.axis("number", 3e8).suffix == "亿"
    assert zh.axis("percent", 0.3).kind == "percent"


@pytest.mark.parametrize("code, currency, value, expected", [
    ("zh-CN", "GBP", 56_410_000, "5,641万英镑"),  # a currency the locale does not list: Babel's name
    ("zh-TW", "JPY", 733_215, "73.3萬日圓"),
    ("en-US", "GBP", 733_215, "£733,215"),  # Babel's symbol, before the number as en-US writes money
    ("en-US", "GBP", 56_410_000, "£56.41M"),
    ("es-ES", "GBP", 56_410_000, f"56,41{NBSP}M{NBSP}GBP"),  # after the number, as es-ES writes money
    ("es-ES", "GBP", 733_215, f"733.215{NBSP}GBP"),
    ("en-US", "USD", 56_410_000, "$56.41M"),  # a listed currency keeps the locale's own style
])
def test_any_iso_currency_reads_the_locale_way(code, currency, value, expected):
    assert NumberFormatter(get_locale(code), currency).format(value, "money") == expected


@pytest.mark.parametrize("written, message", [
    ("usd", "'usd' is not an ISO 4217 currency code; did you mean 'USD'?"),
    ("GPB", "'GPB' is not an ISO 4217 currency code; did you mean 'GBP'?"),
    ("RMB", "'RMB' is not an ISO 4217 currency code; did you mean 'CNY'?"),
    ("EUROS", "'EUROS' is not an ISO 4217 currency code; did you mean 'EUR'?"),
    ("元", "'元' is not an ISO 4217 currency code; e.g. CNY, USD, EUR, GBP, JPY"),
])
def test_unknown_currencies_are_refused_with_a_suggestion(written, message):
    from pydantic import ValidationError

    from deckgen.outline.schema import Deck

    with pytest.raises(ValidationError) as error:
        Deck.model_validate({"title": "t", "period": {"current": "2025"}, "currency": written})
    assert message in str(error.value)
