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
    values: dict[str, str]  # codes in data columns and their names in this language: mobile -> 无线端

    def value_name(self, value: object) -> str:
        """A category value as the deck shows it: a known code (any case) in the locale's words."""
        text = str(value)
        return self.values.get(text.strip().lower(), text)

    @property
    def is_cjk(self) -> bool:
        return self.code.startswith("zh")

    def word(self, key: str) -> str:
        return self.words[key]

    def labelled(self, label: str, text: str) -> str:
        """"访客数：21.8万" / "Visitors: 218,000": the colon the language uses between a label and its value."""
        return f"{label}{self.words['label_sep']}{text}"

    def bracketed(self, text: str) -> str:
        """"（+19.7%）" in Chinese, " (+19.7%)" in Latin scripts."""
        return self.words["brackets"].format(text=text)


@cache
def get_locale(code: str) -> Locale:
    raw = load_config(f"locales/{code}.yaml")
    return Locale(
        code=raw["locale"], babel=raw["babel"], language_tag=raw["language_tag"], fonts=raw["fonts"],
        red_is_good=raw["red_is_good"], currency=raw["currency"], numbers=raw["numbers"], words=raw["words"],
        phrases=raw["phrases"], currencies=raw.get("currencies", {}), foreign_currency=raw.get("foreign_currency", "symbol"),
        months=tuple(raw["months"]), quarters=tuple(raw["quarters"]),
        day_format=raw["day_format"], hour_format=raw["hour_format"],
        values={str(k).lower(): str(v) for k, v in (raw.get("values") or {}).items()},
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


def _held_unit(unit: str | None) -> str | None:
    """A unit written with a space before it (" s") keeps to its number: the space becomes a no-break space."""
    return "\u00a0" + unit[1:] if unit and unit[0] == " " else unit


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
        """The number divided by the largest fitting scale (万, M …) and that scale's word; "5,641.0" loses
        its ".0" unless the decimals were asked for."""
        for size, word in self.n["scales"]:
            if abs(value) >= size:
                places = self.n["scale_decimals"][word] if decimals is None else decimals
                text = self.decimal(value / size, places)
                return (self._trimmed([text])[0] if decimals is None else text), word
        return "", ""

    @property
    def decimal_sep(self) -> str:
        return self.decimal(1.5, 1)[1]

    def _trimmed(self, texts: list[str]) -> list[str]:
        """Numbers without their decimals when every one of them has only zeros there ("9,137.0" -> "9,137");
        a column keeps them when one number needs them."""
        sep = self.decimal_sep
        tails = [t.rpartition(sep)[2] for t in texts if sep in t]
        if not tails or len(tails) < len(texts) or any(tail.strip("0") for tail in tails):
            return texts
        return [t.rpartition(sep)[0] for t in texts]

    def scale_for(self, values: list[float | None], largest: bool = False) -> tuple[float, str]:
        """One scale for a column, axis or card group: the largest that the typical (median) size reaches, so
        "9,137" does not stand beside "1.2万"; a chart's labels take its axis's scale (the largest value's)."""
        known = sorted(abs(v) for v in values if not _is_missing(v))
        if not known:
            return 1.0, ""
        typical = known[-1] if largest else known[(len(known) - 1) // 2]
        return next(((float(size), word) for size, word in self.n["scales"] if typical >= size), (1.0, ""))

    def column(self, values: list[float | None], fmt: str = "number", decimals: int | None = None,
               unit: str | None = None, chart: bool = False,
               scale: tuple[float, str] | None = None) -> tuple[str, ...]:
        """Values of one column (or one chart's labels) in one scale and one number of decimals: money and
        numbers share the scale of their typical value; trailing zeros go only when no value needs them.
        ``chart``: labels on a chart, in its axis's scale, money without its currency (the axis says it).
        ``scale``: a (size, word) chosen for a wider group (KPI cards of several units), instead of these values'."""
        if fmt not in ("money", "number"):
            return tuple(self.format(v, fmt, decimals, unit) for v in values)
        size, word = scale or self.scale_for(values, largest=chart)
        unit = _held_unit(unit)
        known = [v for v in values if not _is_missing(v)]
        if word:
            places = self.n["scale_decimals"][word] if decimals is None else decimals
        elif decimals is not None:
            places = decimals
        else:
            largest = max((abs(v) for v in known), default=0.0)
            if fmt == "money":  # as a single amount: ¥193.9, ¥9,137
                places = 0 if largest >= 1000 else 1
            else:
                places = 0 if all(float(v).is_integer() for v in known) or largest >= 100 else 1
        numbers = [self.decimal(v / size, places) for v in known]
        if decimals is None:
            numbers = self._trimmed(numbers)
        shown = iter(numbers)
        texts = []
        for v in values:
            if _is_missing(v):
                texts.append(self.n.get("missing", MISSING))
                continue
            number = next(shown)
            if fmt == "money" and chart:
                texts.append(f"{number}{word}")
            elif fmt == "money":
                after = f"{word}{self.n['money_suffix']}" if word else self.n["money_suffix_unscaled"]
                texts.append(f"{self.n['money_prefix']}{number}{after}")
            else:
                texts.append(f"{number}{word}{unit or ''}")
        return tuple(texts)

    def step(self, value: float, fmt: str = "number", decimals: int | None = None) -> float:
        """The size of the last digit ``format`` shows for a value: 1,000 for "149.3万", 0.0001 for "2.25%"."""
        if fmt in ("money", "number"):
            for size, word in self.n["scales"]:
                if abs(value) >= size:
                    return size / 10 ** (self.n["scale_decimals"][word] if decimals is None else decimals)
            if decimals is None:
                small = abs(value) < 1000 if fmt == "money" else abs(value) < 100 and not float(value).is_integer()
                decimals = 1 if small else 0
            return 10.0 ** -decimals
        places = decimals if decimals is not None else (2 if fmt == "decimal" else 1)
        return 10.0 ** -(places + 2) if fmt == "percent" else 10.0 ** -places

    def difference(self, after: float, before: float, fmt: str = "number", decimals: int | None = None) -> float:
        """``after - before`` from the two figures as shown at the difference's own precision, so that a reader
        who subtracts the figures on the slide gets the difference the slide states (5,790.0 − 5,640.6 is
        149.4, even when the unrounded gap is 149.35)."""
        step = self.step(after - before, fmt, decimals)

        def shown(value: float) -> float:
            exact = decimal.Decimal(repr(float(value))) / decimal.Decimal(repr(step))
            return float(exact.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP)) * step

        return shown(after) - shown(before)

    # ---------------------------------------------------------------- values

    def format(self, value: float | None, fmt: str = "number", decimals: int | None = None, unit: str | None = None) -> str:
        if _is_missing(value):
            return self.n.get("missing", MISSING)
        unit = _held_unit(unit)
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

    def change_difference(self, difference: float | None, decimals: int = 2) -> str:
        """A difference of two scores in their own units: a DSR of 4.80 against 4.79 -> '+0.01'."""
        if _is_missing(difference):
            return self.n.get("missing", MISSING)
        text = self.decimal(abs(difference), decimals)
        return text if round(abs(difference), decimals) == 0 else self.signed(text, difference)

    def signed_column(self, values: list[float | None], signed: list[bool], fmt: str = "number",
                      decimals: int | None = None, unit: str | None = None, chart: bool = True) -> tuple[str, ...]:
        """:meth:`column` of the sizes, with a sign where ``signed`` says (a waterfall's steps between its totals)."""
        sizes = [None if _is_missing(v) else abs(v) for v in values]
        texts = self.column(sizes, fmt, decimals, unit, chart)
        return tuple(self.signed(text, v) if sign and not _is_missing(v) else
                     (f"-{text}" if not _is_missing(v) and v < 0 else text)
                     for text, v, sign in zip(texts, values, signed))

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
