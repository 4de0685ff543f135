"""The outline's shape, as pydantic models; also the source of ``deckgen schema``.

Every model forbids unknown keys, so a misspelt key is reported (with a suggestion) rather than
ignored. Text fields take scalars exactly as written (``0123`` stays ``0123``).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from difflib import get_close_matches
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .read import RawFloat, RawInt, raw_text


def _as_text(value: Any) -> Any:
    if isinstance(value, (bool, RawInt, RawFloat, int, float)):
        return raw_text(value)
    return value


# Text as written: an unquoted 2025 or 0123 is text too, so editors must not flag it.
Text = Annotated[str, BeforeValidator(_as_text), WithJsonSchema({"type": ["string", "number", "boolean"]})]
# Text that names something (a file, a formula): empty is a mistake, not "nothing".
Name = Annotated[str, StringConstraints(min_length=1), BeforeValidator(_as_text),
                 WithJsonSchema({"type": ["string", "number", "boolean"], "minLength": 1})]
MetricName = Annotated[str, BeforeValidator(_as_text), Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]
# A reference to a metric, optionally with a comparison: gmv, gmv.previous, gmv.yoy, gmv.mom,
# gmv.share, gmv.vs(gmv_target).
MetricRef = Annotated[str, BeforeValidator(_as_text), WithJsonSchema({"type": "string"})]
OneOrMany = MetricRef | list[MetricRef]

LOCALES = ("zh-CN", "zh-TW", "en-US", "es-ES")
GRAINS = ("hour", "day", "week", "month", "quarter", "year")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


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
    template: Text | None = Field(None, description="a company .pptx/.potx whose masters, layouts, colours and "
                                  "fonts the deck uses; relative to the outline")
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


Scalar = bool | int | float | Text  # order matters: true stays a bool, 0123 stays text


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
    from ..data.read.dates import strftime_format

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


# ---------------------------------------------------------------- slides


class SlideBase(Model):
    title: Text | None = Field(None, description="slide title; may use {{ metric }} placeholders; omitted or auto: "
                               "a title that states what the slide's visual shows, with a number and a comparison")
    commentary: Text | list[Text] | None = Field(None, description="text beside the content; placeholders allowed")
    notes: Text | None = Field(None, description="extra speaker notes")
    appendix: bool = Field(False, description="move this slide to the appendix at the end of the deck; the section's "
                                              "conclusion points to it (详见附录 A1)")


class KpiItem(Model):
    metric: MetricRef
    target: MetricName | None = Field(None, description="a metric holding the target, for attainment")
    label: Text | None = None


class KpiSlide(SlideBase):
    kpis: list[MetricRef | KpiItem] = Field(min_length=1, max_length=8)
    compare: list[Literal["yoy", "mom", "previous"]] | None = Field(
        None, description="what each card compares with; default from the deck kind (annual and campaign: yoy; "
                          "monthly: mom and yoy)")


class ChartBlock(Model):
    type: Literal["line", "bar", "barh", "combo", "donut", "waterfall"]
    x: Text | None = Field(None, description="a time grain (day, week, month, quarter, year) or a column")
    y: OneOrMany | None = Field(None, description="metric(s) to plot")
    bars: OneOrMany | None = Field(None, description="combo: metric(s) drawn as columns")
    line: OneOrMany | None = Field(None, description="combo: metric(s) drawn as lines on the right axis")
    by: Text | None = Field(None, description="split into one series (or slice) per value of this column")
    stacked: bool = False
    percent: bool = Field(False, description="100% stacked")
    top: int | None = Field(None, ge=1, le=50, description="keep the largest N categories")
    labels: bool = Field(True, description="show data labels")
    steps: list[MetricRef] | None = Field(None, description="waterfall: metrics, '-name' subtracts")
    start: MetricRef | None = Field(None, description="waterfall: the starting total")
    subtract: MetricName | None = Field(None, description="waterfall: a metric subtracted once per value of 'by'")
    end: Text | None = Field(None, description="waterfall: label of the final total")
    render: Literal["image", "native"] | None = Field(None, description="override deck.charts for this chart")
    period: Text | None = Field(None, description="this chart's own period, e.g. the peak day 2025-11-11..2025-11-11 "
                                "with x: hour")
    phases: Text | None = Field(None, description="x a time grain: a column of the data naming each row's phase "
                                "(e.g. sale_phase); each run of days in one phase is shaded and named")


class ChartSlide(SlideBase):
    chart: ChartBlock


class TableBlock(Model):
    by: Text | None = Field(None, description="rows: one per value of this column or time grain")
    columns: list[MetricRef] | None = Field(None, description="metric columns, e.g. [gmv, gmv.share, gmv.yoy]")
    sort: Text | None = Field(None, description="a column to sort by; '-gmv' sorts descending")
    top: int | None = Field(None, ge=1, le=100)
    header: list[Text] | None = Field(None, description="the header row; for a data table, one label for the "
                                      "row column and one per metric column, replacing the defaults")
    rows: list[list[Scalar]] | None = Field(None, description="literal table: the rows")

    @model_validator(mode="after")
    def _data_or_literal(self) -> TableBlock:
        if bool(self.rows) == bool(self.columns):
            raise ValueError("a table needs either 'by' + 'columns' (from data) or 'header' + 'rows' (literal)")
        if self.columns and not self.by:
            raise ValueError("'columns' needs 'by' (what each row is, e.g. product_name or month)")
        if self.columns and self.header and len(self.header) != len(self.columns) + 1:
            raise ValueError(f"'header' needs {len(self.columns) + 1} labels: one for the rows, one per column")
        return self


class TableSlide(SlideBase):
    table: TableBlock


class Card(Model):
    title: Text
    text: Text | list[Text] = Field(description="body; placeholders allowed")
    metric: MetricRef | None = Field(None, description="optional headline number on the card")


class CardsSlide(SlideBase):
    cards: list[Card] = Field(min_length=1, max_length=4)


class DriversBlock(Model):
    metric: MetricName = Field(description="the metric whose change is explained, e.g. gmv")
    into: list[MetricName] = Field(min_length=2, max_length=4,
                                   description="factors whose product is the metric, e.g. [uv, cvr, aov]")
    compare: Literal["yoy", "mom"] = "yoy"


class DriversSlide(SlideBase):
    drivers: DriversBlock


class BulletsSlide(SlideBase):
    bullets: list[Text] = Field(min_length=1)


class ActionItem(Model):
    what: Text
    when: Text
    owner: Text | None = None
    target: Text
    budget: Text | None = None


class ActionsSlide(SlideBase):
    actions: list[ActionItem] = Field(min_length=1)


class TargetItem(Model):
    metric: MetricName
    target: MetricName
    label: Text | None = None


class TargetsSlide(SlideBase):
    """Target vs actual: attainment bars, one per metric."""

    targets: list[TargetItem] = Field(min_length=1, max_length=10)


class LadderBlock(Model):
    metric: MetricName = Field(description="the metric compared against every benchmark")
    previous: bool = Field(True, description="against the same period last year (deck.period.previous)")
    baseline: bool = Field(False, description="against ordinary days (deck.period.baseline): the uplift")
    target: MetricName | None = Field(None, description="a metric holding this period's target")
    plan: MetricName | None = Field(None, description="an annual plan: year-to-date completion")
    industry: MetricName | None = Field(None, description="the industry's (or a competitor's) same metric: "
                                        "growth compared with ours")


class LadderSlide(SlideBase):
    """The benchmark ladder: one metric against last year, ordinary days, target, plan and industry."""

    ladder: LadderBlock


class FunnelBlock(Model):
    stages: list[MetricName] = Field(min_length=2, max_length=6, description="e.g. [uv, inquiry_users, buyers]")
    labels: list[Text] | None = Field(None, description="stage names; default: the metrics' labels")

    @model_validator(mode="after")
    def _a_label_per_stage(self) -> FunnelBlock:
        if self.labels is not None and len(self.labels) != len(self.stages):
            raise ValueError(f"'labels' needs {len(self.stages)} labels: one per stage, in the order of 'stages'")
        return self


class FunnelSlide(SlideBase):
    funnel: FunnelBlock


class ParetoBlock(Model):
    metric: MetricName
    by: Text = Field(description="the column whose values are ranked, e.g. product_name")
    top: int = Field(20, ge=3, le=50, description="how many bars to show")
    reference: float = Field(0.8, gt=0, lt=1, description="the share line drawn (80/20)")
    label: Text | None = Field(None, description="what the items are called in the sentence, e.g. 商品")


class ParetoSlide(SlideBase):
    pareto: ParetoBlock


class TimelineBlock(Model):
    table: Text = Field(description="a table with one row per node (campaign)")
    name: Text = Field(description="the column naming each node, e.g. campaign")
    date: Text = Field(description="the column with each node's date, e.g. main_end")
    metric: MetricName | None = Field(None, description="its value per node (grouped by the name column)")
    target: MetricName | None = Field(None, description="its target per node: colours hits and misses")
    year: Literal["current", "next"] = Field("current", description="next: next year's nodes, as a plan calendar")


class TimelineSlide(SlideBase):
    timeline: TimelineBlock


class TargetTreeBlock(Model):
    target: MetricName = Field(description="the goal, e.g. gmv_target_2026")
    factors: list[MetricName] = Field(min_length=2, max_length=4,
                                      description="actual metrics whose product is the goal's metric, "
                                                  "e.g. [uv, cvr, aov]")
    given: dict[MetricName, MetricName] = Field(description="factor: the metric holding its target; all but one "
                                                "factor, the remaining one is solved for")


class TargetTreeSlide(SlideBase):
    target_tree: TargetTreeBlock


class InputOutputBlock(Model):
    output: MetricName = Field(description="what was produced, e.g. gmv")
    cost: MetricName = Field(description="the cost metric, split by 'by'")
    by: Text = Field(description="the column naming the cost type")


class InputOutputSlide(SlideBase):
    input_output: InputOutputBlock


class ProblemItem(Model):
    problem: Text
    cause: Text
    action: Text
    owner: Text | None = None


class ProblemsSlide(SlideBase):
    """Problem → cause → action."""

    problems: list[ProblemItem] = Field(min_length=1)


SLIDE_KINDS = {
    "kpis": KpiSlide, "chart": ChartSlide, "table": TableSlide, "cards": CardsSlide,
    "drivers": DriversSlide, "bullets": BulletsSlide, "actions": ActionsSlide, "targets": TargetsSlide,
    "ladder": LadderSlide, "funnel": FunnelSlide, "pareto": ParetoSlide, "timeline": TimelineSlide,
    "target_tree": TargetTreeSlide, "input_output": InputOutputSlide, "problems": ProblemsSlide,
}


def _slide_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        found = [key for key in SLIDE_KINDS if key in value]
        return found[0] if len(found) == 1 else None
    return next((k for k, model in SLIDE_KINDS.items() if isinstance(value, model)), None)


Slide = Annotated[
    Annotated[KpiSlide, Tag("kpis")] | Annotated[ChartSlide, Tag("chart")] | Annotated[TableSlide, Tag("table")]
    | Annotated[CardsSlide, Tag("cards")] | Annotated[DriversSlide, Tag("drivers")]
    | Annotated[BulletsSlide, Tag("bullets")] | Annotated[ActionsSlide, Tag("actions")]
    | Annotated[TargetsSlide, Tag("targets")] | Annotated[LadderSlide, Tag("ladder")]
    | Annotated[FunnelSlide, Tag("funnel")] | Annotated[ParetoSlide, Tag("pareto")]
    | Annotated[TimelineSlide, Tag("timeline")] | Annotated[TargetTreeSlide, Tag("target_tree")]
    | Annotated[InputOutputSlide, Tag("input_output")] | Annotated[ProblemsSlide, Tag("problems")],
    Discriminator(
        _slide_kind,
        custom_error_type="slide_kind",
        custom_error_message="a slide needs exactly one of: " + ", ".join(SLIDE_KINDS),
    ),
]


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
