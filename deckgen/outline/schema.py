"""The outline's shape, as pydantic models; also the source of ``deckgen schema``.

Every model forbids unknown keys, so a misspelt key is reported (with a suggestion) rather than
ignored. Text fields take scalars exactly as written (``0123`` stays ``0123``). The shared field types are
in ``fields.py``, the slides in ``slides.py``; their names are importable from here.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from difflib import get_close_matches
from functools import cache
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from .fields import GRAINS, LOCALES, MetricName, Model, Name, Scalar, Text, strftime_format
from .slides import (
    SLIDE_KINDS,
    ActionItem,
    ActionsSlide,
    BulletsSlide,
    Card,
    CardsSlide,
    ChartBlock,
    ChartSlide,
    DriversBlock,
    DriversSlide,
    FunnelBlock,
    FunnelSlide,
    InputOutputBlock,
    InputOutputSlide,
    KpiItem,
    KpiSlide,
    LadderBlock,
    LadderSlide,
    ParetoBlock,
    ParetoSlide,
    ProblemItem,
    ProblemsSlide,
    Slide,
    SlideBase,
    TableBlock,
    TableSlide,
    TargetItem,
    TargetsSlide,
    TargetTreeBlock,
    TargetTreeSlide,
    TimelineBlock,
    TimelineSlide,
)

__all__ = [
    "AGGREGATES",
    "GRAINS",
    "LOCALES",
    "SLIDE_KINDS",
    "ActionItem",
    "ActionsSlide",
    "BandSpec",
    "BulletsSlide",
    "Card",
    "CardsSlide",
    "ChartBlock",
    "ChartSlide",
    "Deck",
    "DriversBlock",
    "DriversSlide",
    "Each",
    "FunnelBlock",
    "FunnelSlide",
    "InputOutputBlock",
    "InputOutputSlide",
    "KpiItem",
    "KpiSlide",
    "LadderBlock",
    "LadderSlide",
    "MetricSpec",
    "Outline",
    "ParetoBlock",
    "ParetoSlide",
    "Period",
    "ProblemItem",
    "ProblemsSlide",
    "Section",
    "Slide",
    "SlideBase",
    "Summary",
    "TableBlock",
    "TableSlide",
    "TableSpec",
    "TargetItem",
    "TargetTreeBlock",
    "TargetTreeSlide",
    "TargetsSlide",
    "TemplateLayouts",
    "TimelineBlock",
    "TimelineSlide",
    "json_schema",
]


# ---------------------------------------------------------------- deck


class Period(Model):
    """The period the deck reports on, and the one it is compared with."""

    current: Text = Field(description="2025 · 2025-Q3 · 2025-11 · 2025-10-21..2025-11-11")
    previous: Text | None = Field(None, description="the comparison base for yoy; default: the same period a year earlier")
    baseline: Text | None = Field(None, description="ordinary days to compare a campaign with (uplift), e.g. "
                                  "2025-09-15..2025-10-14")


class TemplateLayouts(Model):
    """Which layout of the company template (deck.template) each kind of slide uses, by its name there."""

    cover: Text | None = Field(None, description="the cover, e.g. Company Title")
    agenda: Text | None = Field(None, description="the agenda; default: the content layout")
    section: Text | None = Field(None, description="section dividers, e.g. Company Section")
    content: Text | None = Field(None, description="every content slide (KPI cards, charts, tables …), e.g. Title Only")
    closing: Text | None = Field(None, description="the closing slide; default: the cover's layout")


class Each(Model):
    """One deck per value: ``{{ each.COLUMN }}`` in any text, filter or path of the outline is replaced by
    the value (and the other columns of its row) for each deck ``deckgen batch`` builds."""

    table: Text | None = Field(None, description="a table of the outline's data that lists the values, e.g. shops")
    column: Text = Field(description="the column whose distinct values each get a deck, e.g. shop")
    values: list[Text] | None = Field(None, description="the values, written out (instead of table)")
    output: Text | None = Field(None, description="where each deck is written, relative to the outline (or to "
                                "batch -o), e.g. decks/{{ each.shop }}.pptx; default: decks/{{ each.COLUMN }}.pptx")

    @model_validator(mode="after")
    def _one_list(self) -> Each:
        if bool(self.table) == (self.values is not None):
            raise ValueError("each needs either 'table' (a data table listing the values) or 'values', not both")
        return self


class Deck(Model):
    title: Text
    subtitle: Text | None = None
    presenter: Text | None = None
    date: dt.date | None = Field(None, description="shown on the cover, e.g. 2026-01-12")
    kind: Literal["annual", "campaign", "monthly"] = "annual"
    locale: Literal["zh-CN", "zh-TW", "en-US", "es-ES"] = "zh-CN"
    theme: Text = Field("default", description="a theme in configs/themes, or a path to a theme .yaml")
    period: Period
    currency: Text | None = Field(None, description="ISO 4217 currency code, e.g. CNY, USD, EUR, GBP; default from "
                                  "the locale", json_schema_extra={"pattern": "^[A-Z]{3}$"})
    footer: Text | None = Field(None, description="small text at the bottom of content slides, e.g. the data source")
    closing: Text | None = Field(None, description="text of the closing slide; default: the locale's 'thank you'")
    charts: Literal["image", "native"] = Field("image", description="image: pictures drawn at their box size; "
                                               "native: editable PowerPoint charts (Edit Data)")
    template: Text | None = Field(None, description="a company .pptx/.potx (or a macro-enabled .potm/.pptm, read "
                                  "without its macros) whose masters, layouts, colours and fonts the deck uses; "
                                  "relative to the outline")
    layouts: TemplateLayouts | None = Field(None, description="names of deck.template's layouts for our slides; "
                                            "default: found by the names in layouts/template-map.yaml")
    dividers: Literal["auto", "parts", "sections", "none"] = Field(
        "auto", description="divider slides: parts (回顾 / 计划 / 总结), sections (one per section), none; auto: "
        "parts when the deck has two or more, else before sections of three or more slides")
    favourable: Literal["red", "green", "locale"] | None = Field(
        None, description="colour of a favourable change (red or green); locale: red in zh, green in en/es; "
        "default: the theme's choice, which is locale unless the theme says otherwise")
    each: Each | None = Field(None, description="make one deck per value of a column (deckgen batch); "
                              "{{ each.COLUMN }} stands for the value")

    @field_validator("currency")
    @classmethod
    def _iso_currency(cls, code: str | None) -> str | None:
        from babel.numbers import list_currencies

        if code is None or code in list_currencies():
            return code
        guess = _currency_guess(code, list_currencies())
        hint = f"; did you mean '{guess}'?" if guess else "; e.g. CNY, USD, EUR, GBP, JPY"
        raise ValueError(f"'{code}' is not an ISO 4217 currency code{hint}")


def _currency_guess(code: str, known: set[str]) -> str | None:
    """The code meant: the same letters (usd, GPB), a usual alias (RMB), else a close common code."""
    from ..resources import load_config

    config = load_config("currencies.yaml")
    letters = sorted(code.upper())
    common = list(config["common"])
    same = [option for option in [*common, *sorted(known)] if sorted(option) == letters]
    if same:
        return same[0]
    if code.upper() in config["aliases"]:
        return config["aliases"][code.upper()]
    close = get_close_matches(code.upper(), common, 1, 0.6) or get_close_matches(code.upper(), sorted(known), 1, 0.6)
    return close[0] if close else None


# ---------------------------------------------------------------- data


class BandSpec(Model):
    """Bands of a number column, as a text column to group and filter by (order-value bands)."""

    column: Text = Field(description="the number column to band, e.g. amount, or buyer_orders")
    edges: list[float] = Field(min_length=1, max_length=20, description="where each band ends and the next "
                               "begins, increasing, e.g. [50, 100, 200]: under 50, 50 to under 100, …")
    labels: list[Text] | None = Field(None, description="one label per band (one more than edges); default: "
                                      "'< 50', '50–100', …, '≥ 200'")

    @model_validator(mode="after")
    def _increasing(self) -> BandSpec:
        if any(later <= earlier for earlier, later in zip(self.edges, self.edges[1:], strict=False)):
            raise ValueError("band 'edges' must increase, e.g. [50, 100, 200]")
        if self.labels is not None and len(self.labels) != len(self.edges) + 1:
            raise ValueError(f"'labels' needs {len(self.edges) + 1} labels: one more than 'edges'")
        return self


class TableSpec(Model):
    """A named table: a file (CSV, Excel, Parquet) or a SQL query."""

    path: Text | None = Field(None, description="file path, relative to the outline")
    sheet: Text | None = Field(None, description="Excel sheet name")
    sql: Text | None = Field(None, description="SELECT query, with url")
    url: Text | None = Field(None, description="SQLAlchemy URL, e.g. sqlite:///data/shop.db")
    encoding: Text | None = Field(None, description="force a CSV encoding (default: detected)")
    date: Text | None = Field(None, description="the date column (default: 'date' or '日期' when present)")
    where: dict[Text, Scalar | list[Scalar]] = Field(
        default_factory=dict, description="keep only the rows where each column has the value (or one of the "
        "values), e.g. {shop: \"{{ each.shop }}\"}: every metric of the table sees those rows only")
    delimiter: Literal[",", ";", "\t", "|"] | None = Field(None, description="CSV field delimiter (default: "
                                                          "detected from the first lines)")
    decimal: Literal[".", ","] | None = Field(None, description="decimal mark in a CSV (default: detected from "
                                              "the numbers, else the deck locale's)")
    thousands: Literal[",", ".", " ", "'", ""] | None = Field(None, description="thousands separator in a CSV; "
                                                              "'' for none (default: the other mark)")
    date_format: Text | None = Field(None, description="how the date column is written, e.g. DD/MM/YYYY, "
                                     "MM/DD/YY, YYYY-MM-DD HH:mm (default: detected; asked for when the data "
                                     "cannot tell)")
    non_numeric: Literal["error", "drop"] = Field("error", description="text in a column a metric adds up or "
                                                  "averages: error, or drop the cell with a warning")
    buyer: Text | None = Field(None, description="orders (one row per order): the column naming the buyer; "
                               "adds the columns buyer_type (new or returning) and buyer_orders")
    bands: dict[Text, BandSpec] = Field(default_factory=dict, description="new text columns made of bands of "
                                        "a number column, e.g. order_value: {column: amount, edges: [50, 100]}")

    @model_validator(mode="after")
    def _one_source(self) -> TableSpec:
        if bool(self.path) == bool(self.sql):
            raise ValueError("a table needs either 'path' or 'sql' (with 'url'), not both or neither")
        if self.sql and not self.url:
            raise ValueError("'sql' needs 'url', e.g. url: sqlite:///data/shop.db")
        if "sheet" in self.model_fields_set and not self.sheet:
            raise ValueError("'sheet' is empty: name the sheet to read, or leave sheet out to read the first sheet")
        if self.decimal and self.decimal == self.thousands:
            raise ValueError(f"decimal and thousands are both '{self.decimal}'")
        if self.date_format and not _full_date(self.date_format):
            raise ValueError(f"date_format '{self.date_format}' needs a year, a month and a day, e.g. DD/MM/YYYY")
        return self


def _full_date(date_format: str) -> bool:
    codes = strftime_format(date_format)
    return all(any(code in codes for code in group) for group in (("%Y", "%y"), ("%m", "%b", "%B"), ("%d",)))


# ---------------------------------------------------------------- metrics

AGGREGATES = ("sum", "count", "distinct", "mean", "ratio", "value", "expr")


class MetricSpec(Model):
    """A named number: an aggregate of a table column, a ratio of two metrics, a constant or an expression."""

    table: Text | None = None
    sum: Text | None = Field(None, description="column to add up")
    count: Text | None = Field(None, description="column whose non-empty values are counted, or '*' for rows")
    distinct: Text | None = Field(None, description="column whose distinct values are counted")
    mean: Text | None = Field(None, description="column to average (use ratio for rates)")
    ratio: list[MetricName] | None = Field(None, min_length=2, max_length=2,
                                           description="[numerator, denominator] metrics; a ratio of sums")
    value: float | None = Field(None, description="a constant, such as a target")
    expr: Name | None = Field(None, description="arithmetic over other metrics: + - * / and parentheses")
    where: dict[Text, Scalar | list[Scalar]] = Field(default_factory=dict,
                                                           description="column: value (or a list of values)")
    format: Literal["money", "number", "percent", "multiple", "decimal"] = "number"
    decimals: int | None = Field(None, ge=0, le=6)
    unit: Text | None = Field(None, description="unit word after the number, e.g. 件, 人, units")
    label: Text | None = Field(None, description="display name; default: the metric's name")
    better: Literal["higher", "lower"] = Field("higher", description="which direction is good (colours, verdicts)")
    change: Literal["relative", "difference", "before_after"] | None = Field(
        None, description="how a change reads: relative (+23.4%), difference (+0.01; rates in points) or "
                          "before_after (3.57 → 3.20); default by format, see docs/outline.md")

    @model_validator(mode="after")
    def _one_aggregate(self) -> MetricSpec:
        given = [name for name in AGGREGATES if getattr(self, name) is not None]
        if len(given) != 1:
            listed = ", ".join(AGGREGATES)
            found = ", ".join(given) or "none"
            raise ValueError(f"a metric needs exactly one of {listed} (found: {found})")
        needs_table = given[0] in ("sum", "count", "distinct", "mean")
        if needs_table and not self.table:
            raise ValueError(f"'{given[0]}' needs 'table' (the data table to read)")
        return self

    @property
    def aggregate(self) -> str:
        return next(name for name in AGGREGATES if getattr(self, name) is not None)


# ---------------------------------------------------------------- parts


class Section(Model):
    section: Text = Field(description="section title, shown in the agenda")
    slides: list[Slide] = Field(default_factory=list)
    conclusion: Text | None = Field(None, description="the section's highlighted conclusion; placeholders allowed")


class Summary(Model):
    section: Text | None = Field(None, description="title of the summary part; default from the locale")
    executive: bool = Field(True, description="the executive summary right after the cover: the answer and the "
                            "strongest findings, each with the slide of its evidence")
    highlights: list[Text] | Literal["auto"] = Field(
        default_factory=list, description="亮点: sentences (placeholders allowed), or auto: chosen by the rules in "
                                          "configs/highlights.yaml")
    shortfalls: list[Text] | Literal["auto"] = Field(
        default_factory=list, description="不足: sentences, or auto")
    top: int | None = Field(None, ge=1, le=8, description="with auto: how many of each (default from the rules)")
    slides: list[Slide] = Field(default_factory=list)
    conclusion: Text | None = None


class Outline(Model):
    deck: Deck
    data: dict[Text, Name | TableSpec] = Field(description="named tables: a path, or a table spec")
    metrics: dict[MetricName, MetricSpec] = Field(
        default_factory=dict, json_schema_extra={"propertyNames": {"pattern": r"^[A-Za-z_][A-Za-z0-9_]*$"}})
    review: list[Section] = Field(min_length=1)
    plan: list[Section] = Field(default_factory=list)
    summary: Summary | None = None

    def slides_with_paths(self) -> Iterator[tuple[Any, tuple[str | int, ...]]]:
        """Every slide of review, plan and summary, with its path in the outline (for positions)."""
        for part in ("review", "plan"):
            for s_index, section in enumerate(getattr(self, part)):
                for index, slide in enumerate(section.slides):
                    yield slide, (part, s_index, "slides", index)
        if self.summary:
            for index, slide in enumerate(self.summary.slides):
                yield slide, ("summary", "slides", index)


def json_schema() -> dict[str, Any]:
    """The outline's JSON Schema (a fresh copy; callers may modify it)."""
    return copy.deepcopy(_schema())


@cache
def _schema() -> dict[str, Any]:
    schema = Outline.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "deckgen outline"
    return schema
