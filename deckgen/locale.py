"""Locale tables (``configs/locales``) and number formatting: 万/亿, 个百分点, "23,4 %", "¥58.26M"."""

from __future__ import annotations

import datetime as dt
import decimal
import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from .charts.spec import AxisFormat
from .resources import load_config

MISSING = "—"


@dataclass(frozen=True)
class Locale:
    code: str
    babel: str
    language_tag: str
    fonts: dict[str, Any]
    red_is_good: bool
    currency: str
    numbers: dict[str, Any]
    words: dict[str, Any]
    phrases: dict[str, str]
    currencies: dict[str, dict[str, str]]  # code -> money_prefix / money_suffix / money_suffix_unscaled
    foreign_currency: str  # how a currency not listed in currencies reads: "name" (万英镑) or "symbol" (£56.41M)
    months: tuple[str, ...]
    quarters: tuple[str, ...]
    day_format: str
    hour_format: str

    @property
    def is_cjk(self) -> bool:
        return self.code.startswith("zh")

    def word(self, key: str) -> str:
        return self.words[key]


@cache
def get_locale(code: str) -> Locale:
    raw = load_config(f"locales/{code}.yaml")
    return Locale(
        code=raw["locale"], babel=raw["babel"], language_tag=raw["language_tag"], fonts=raw["fonts"],
        red_is_good=raw["red_is_good"], currency=raw["currency"], numbers=raw["numbers"], words=raw["words"],
        phrases=raw["phrases"], currencies=raw.get("currencies", {}), foreign_currency=raw.get("foreign_currency", "symbol"),
        months=tuple(raw["months"]), quarters=tuple(raw["quarters"]),
        day_format=raw["day_format"], hour_format=raw["hour_format"],
    )


def currency_style(locale: Locale, code: str) -> dict[str, str]:
    """money_prefix, money_suffix and money_suffix_unscaled for an ISO 4217 code: the locale's own entry, else
    Babel's name (zh: 5,641.0万英镑) or its symbol on the side the locale's currency pattern puts it
    ($56.41M; es: 56,41 M£)."""
    if code in locale.currencies:
        return locale.currencies[code]
    from babel import Locale as BabelLocale
    from babel.numbers import get_currency_name, get_currency_symbol

    if locale.foreign_currency == "name":
        name = get_currency_name(code, locale=locale.babel)
        return {"money_prefix": "", "money_suffix": name, "money_suffix_unscaled": name}
    symbol = get_currency_symbol(code, locale=locale.babel)
    if BabelLocale.parse(locale.babel).currency_formats["standard"].pattern.startswith("¤"):
        return {"money_prefix": symbol, "money_suffix": "", "money_suffix_unscaled": ""}
    spaced = f"\u00a0{symbol}" if symbol[:1].isalpha() else symbol  # 56,41 M GBP, but 56,41 M£
    return {"money_prefix": "", "money_suffix": spaced, "money_suffix_unscaled": f"\u00a0{symbol}"}


def _is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value)))


class NumberFormatter:
    """Formats values for one locale. Formats: money, number, percent, multiple, decimal."""

    def __init__(self, locale: Locale, currency: str | None = None):
        self.locale = locale
        self.n = {**locale.numbers, **currency_style(locale, currency or locale.currency)}

    # ---------------------------------------------------------------- basics

    def decimal(self, value: float, decimals: int, grouping: bool = True) -> str:
        """Round half up, as a reader checking by hand would (Babel's default is half even)."""
        from babel.numbers import format_decimal

        pattern = ("#,##0" if grouping else "0") + ("." + "0" * decimals if decimals else "")
        with decimal.localcontext() as context:
            context.rounding = decimal.ROUND_HALF_UP
            return format_decimal(decimal.Decimal(repr(float(value))), format=pattern, locale=self.locale.babel)

    def _scaled(self, value: float, decimals: int | None) -> tuple[str, str]:
        """The number divided by the largest fitting scale (万, M …) and that scale's word."""
        for size, word in self.n["scales"]:
            if abs(value) >= size:
                places = self.n["scale_decimals"][word] if decimals is None else decimals
                return self.decimal(value / size, places), word
        return "", ""

    # ---------------------------------------------------------------- values

    def format(self, value: float | None, fmt: str = "number", decimals: int | None = None, unit: str | None = None) -> str:
        if _is_missing(value):
            return self.n.get("missing", MISSING)
        text = getattr(self, f"_format_{fmt}")(float(value), decimals)
        return f"{text}{unit}" if unit and fmt in ("number", "decimal") else text

    def _format_money(self, value: float, decimals: int | None) -> str:
        number, word = self._scaled(value, decimals)
        if word:
            return f"{self.n['money_prefix']}{number}{word}{self.n['money_suffix']}"
        places = decimals if decimals is not None else (1 if abs(value) < 1000 else 0)
        return f"{self.n['money_prefix']}{self.decimal(value, places)}{self.n['money_suffix_unscaled']}"

    def _format_number(self, value: float, decimals: int | None) -> str:
        number, word = self._scaled(value, decimals)
        if word:
            return f"{number}{word}"
        places = decimals if decimals is not None else (0 if float(value).is_integer() or abs(value) >= 100 else 1)
        return self.decimal(value, places)

    def _format_percent(self, value: float, decimals: int | None) -> str:
        places = 1 if decimals is None else decimals
        return f"{self.decimal(value * 100, places)}{self.n['percent_suffix']}"

    def _format_multiple(self, value: float, decimals: int | None) -> str:
        places = 1 if decimals is None else decimals
        return f"{self.decimal(value, places)}{self.n['multiple_suffix']}"

    def _format_decimal(self, value: float, decimals: int | None) -> str:
        return self.decimal(value, 2 if decimals is None else decimals)

    # ---------------------------------------------------------------- changes

    def signed(self, text: str, value: float) -> str:
        if value > 0:
            return f"+{text}"
        if value < 0:
            return f"-{text}"
        return text

    def change_percent(self, ratio: float | None, decimals: int = 1) -> str:
        """A relative change: 0.234 -> '+23.4%'."""
        if _is_missing(ratio):
            return self.n.get("missing", MISSING)
        shown = self._format_percent(abs(ratio), decimals)
        return shown if round(abs(ratio) * 100, decimals) == 0 else self.signed(shown, ratio)

    def change_points(self, difference: float | None, decimals: int = 1) -> str:
        """A difference of two rates: 0.004 -> '+0.4个百分点'."""
        if _is_missing(difference):
            return self.n.get("missing", MISSING)
        text = f"{self.decimal(abs(difference) * 100, decimals)}{self.n['points_suffix']}"
        return text if round(abs(difference) * 100, decimals) == 0 else self.signed(text, difference)

    # ---------------------------------------------------------------- axes and dates

    def axis(self, fmt: str, max_abs: float) -> AxisFormat:
        """An axis format with a scale that suits the largest value."""
        separators = {"decimal_sep": self.decimal(1.5, 1)[1], "group_sep": self.decimal(10000, 0)[2:-3] or ","}
        if fmt == "percent":
            return AxisFormat(kind="percent", decimals=0 if max_abs >= 0.1 else 1, suffix=self.n["percent_suffix"],
                              **separators)
        for size, word in self.n["scales"]:
            if max_abs >= size:
                return AxisFormat(divisor=float(size), decimals=0, suffix=word.strip(), **separators)
        decimals = 0 if max_abs >= 10 else 1
        return AxisFormat(decimals=decimals, **separators)

    def date(self, day: dt.date) -> str:
        from babel.dates import format_date

        return format_date(day, format="long", locale=self.locale.babel)

    def bucket_label(self, start: dt.datetime, grain: str) -> str:
        if grain == "month":
            return self.locale.months[start.month - 1]
        if grain == "quarter":
            return self.locale.quarters[(start.month - 1) // 3]
        if grain == "year":
            return str(start.year)
        if grain == "hour":
            return self.locale.hour_format.format(hour=start.hour)
        if grain == "week":
            return f"W{start.isocalendar()[1]:02d}"
        return self.locale.day_format.format(month=start.month, day=start.day)
