"""Reporting periods: '2025', '2025-Q3', '2025-11', '2025-10-21..2025-11-11', and their comparison bases."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class DateRange:
    """An inclusive range of days, with the grain it was written in. ``keep`` (like for like) limits it to the
    calendar days listed as (month, day), so that the same days are kept a year earlier."""

    start: dt.date
    end: dt.date
    grain: str  # year | quarter | month | custom
    keep: frozenset[tuple[int, int]] | None = None

    @property
    def days_spanned(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def days(self) -> int:
        """The days counted: those spanned, or only the kept ones."""
        if self.keep is None:
            return self.days_spanned
        spanned = (self.start + dt.timedelta(days=offset) for offset in range(self.days_spanned))
        return sum((day.month, day.day) in self.keep for day in spanned)

    def key(self) -> str:
        text = f"{self.start.isoformat()}..{self.end.isoformat()}"
        if self.keep is None:
            return text
        return text + " on " + ",".join(f"{month}-{day}" for month, day in sorted(self.keep))


class PeriodSyntaxError(ValueError):
    pass


def parse_period(text: str) -> DateRange:
    text = text.strip()
    if match := _YEAR.match(text):
        year = int(match[1])
        return DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if match := _QUARTER.match(text):
        year, quarter = int(match[1]), int(match[2])
        first = 3 * quarter - 2
        return DateRange(dt.date(year, first, 1), _month_end(year, first + 2), "quarter")
    if match := _MONTH.match(text):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise PeriodSyntaxError(f"'{text}' has no month {month}")
        return DateRange(dt.date(year, month, 1), _month_end(year, month), "month")
    if match := _RANGE.match(text):
        try:
            start, end = dt.date.fromisoformat(match[1]), dt.date.fromisoformat(match[2])
        except ValueError as exc:
            raise PeriodSyntaxError(f"'{text}': {exc}") from None
        if end < start:
            raise PeriodSyntaxError(f"'{text}' ends before it starts")
        return DateRange(start, end, "custom")
    raise PeriodSyntaxError(f"'{text}' is not a period")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_date(day: dt.date, years: int = 0, months: int = 0) -> dt.date:
    total = day.year * 12 + (day.month - 1) + years * 12 + months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def shift_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (earlier when negative); 29 February becomes the 28th."""
    return _shift_date(day, years=years)


def year_before(period: DateRange) -> DateRange:
    """The same period one year earlier (the base of a year-on-year comparison), on the same kept days."""
    start = _shift_date(period.start, years=-1)
    if period.grain in ("year", "quarter", "month"):
        end = _month_end(start.year, _shift_date(period.end, years=-1).month)
    else:
        end = _shift_date(period.end, years=-1)
    return DateRange(start, end, period.grain, period.keep)


def period_before(period: DateRange) -> DateRange:
    """The adjacent earlier period of the same length (the base of month-on-month)."""
    months = {"year": 12, "quarter": 3, "month": 1}.get(period.grain)
    if months:
        start = _shift_date(period.start, months=-months)
        end_month = _shift_date(period.end, months=-months)
        return DateRange(start, _month_end(end_month.year, end_month.month), period.grain)
    end = period.start - dt.timedelta(days=1)
    return DateRange(end - dt.timedelta(days=period.days_spanned - 1), end, "custom")
