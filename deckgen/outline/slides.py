"""The slides of an outline, one model per kind, and ``Slide``: the union told apart by the kind's key."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from .fields import MetricName, MetricRef, Model, OneOrMany, Scalar, Text


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
    show: Literal["auto", "table", "cards"] = Field(
        "auto", description="auto: two rows of a name and figures are shown as two comparison cards, other tables "
                            "as tables; table: always a table; cards: one card per row (2 to 4 rows)")

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
