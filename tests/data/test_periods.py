import datetime as dt

import pytest

from deckgen.data.periods import PeriodSyntaxError, parse_period, period_before, year_before


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize("text, start, end, grain", [
    ("2025", "2025-01-01", "2025-12-31", "year"),
    ("2025-Q3", "2025-07-01", "2025-09-30", "quarter"),
    ("2024-02", "2024-02-01", "2024-02-29", "month"),
    ("2025-10-21..2025-11-11", "2025-10-21", "2025-11-11", "custom"),
])
def test_parse(text, start, end, grain):
    period = parse_period(text)
    assert (period.start, period.end, period.grain) == (d(start), d(end), grain)


def test_year_before_keeps_month_ends():
    assert year_before(parse_period("2024-02")).end == d("2023-02-28")
    assert year_before(parse_period("2025-10-21..2025-11-11")).start == d("2024-10-21")


def test_period_before_is_adjacent():
    assert period_before(parse_period("2025-03")) == parse_period("2025-02")
    assert period_before(parse_period("2025-Q1")) == parse_period("2024-Q4")
    custom = period_before(parse_period("2025-11-01..2025-11-10"))
    assert (custom.start, custom.end) == (d("2025-10-22"), d("2025-10-31"))


@pytest.mark.parametrize("text", ["2025-13", "25", "2025-11-11..2025-11-01", "last year"])
def test_bad_periods(text):
    with pytest.raises(PeriodSyntaxError):
        parse_period(text)
