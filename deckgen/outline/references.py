"""Checks that need the whole outline: names that must exist, periods, formulas and placeholders."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from ..data.expr import ExprError, names_in, parse_expr
from ..data.periods import PeriodSyntaxError, parse_period
from ..errors import Diagnostic
from ..grammar.placeholders import check_template, placeholder_names
from ..grammar.refs import parse_ref
from .catalogue import catalogue
from .read import LoadedYaml, Path_
from .schema import (
    GRAINS,
    ActionsSlide,
    CardsSlide,
    ChartBlock,
    ChartSlide,
    DriversSlide,
    FunnelSlide,
    InputOutputSlide,
    KpiItem,
    KpiSlide,
    LadderSlide,
    Outline,
    ParetoSlide,
    TableSlide,
    TargetsSlide,
    TargetTreeSlide,
    TimelineSlide,
)

PARTS = ("review", "plan", "summary")
# Analysis slides: the key holding the block, and the block's fields that name metrics.
NAMED_METRICS = {
    TargetsSlide: ("targets", ("metric", "target")),
    LadderSlide: ("ladder", ("metric", "target", "plan", "industry")),
    FunnelSlide: ("funnel", ("stages",)),
    ParetoSlide: ("pareto", ("metric",)),
    TimelineSlide: ("timeline", ("metric", "target")),
    TargetTreeSlide: ("target_tree", ("target", "factors", "given")),
    InputOutputSlide: ("input_output", ("output", "cost")),
}
MONTH_WORDS = re.compile(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|dic|enero|febrero|"
                         r"marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|Q[1-4]|T[1-4])")
PLAIN: tuple[str | None, ...] = (None,)  # KPI cards show a metric with its own comparisons
AMOUNT: tuple[str | None, ...] = (None, "previous", "prior")  # waterfall steps are amounts
SENTENCE: tuple[str | None, ...] = (None, "previous", "prior", "yoy", "mom", "change", "vs")  # what a card can print


def check_references(outline: Outline, loaded: LoadedYaml) -> list[Diagnostic]:
    checker = _Checker(outline, loaded)
    checker.periods()
    checker.metrics()
    checker.slides()
    checker.templates()
    return checker.problems


def metric_uses(outline: Outline, loaded: LoadedYaml) -> dict[str, Path_]:
    """Every metric name the outline uses (in metrics, slides and placeholders), with its first place."""
    checker = _Checker(outline, loaded)
    checker.metrics()
    checker.slides()
    checker.template_uses()
    return checker.uses


def _suggest(word: str, choices: list[str], what: str) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"known {what}: {', '.join(choices[:12])}" if choices else f"no {what} are defined"


class _Checker:
    def __init__(self, outline: Outline, loaded: LoadedYaml):
        self.outline = outline
        self.loaded = loaded
        self.problems: list[Diagnostic] = []
        self.metric_names = sorted(outline.metrics)
        self.catalogue_names = sorted(set(catalogue().names()) - set(outline.metrics))
        self.table_names = sorted(outline.data)
        self.uses: dict[str, Path_] = {}  # metric name -> where it is first used

    def add(self, code: str, message: str, where: Path_, hint: str = "") -> None:
        self.problems.append(Diagnostic(code, message, self.loaded.span(where), hint))

    # ------------------------------------------------------------------ deck

    def periods(self) -> None:
        for key in ("current", "previous", "baseline"):
            text = getattr(self.outline.deck.period, key)
            if text is None:
                continue
            try:
                parse_period(text)
            except PeriodSyntaxError as exc:
                self.add("outline.period", f"deck.period.{key}: {exc}", ("deck", "period", key),
                         "write 2025, 2025-Q3, 2025-11 or 2025-10-21..2025-11-11")

    # ------------------------------------------------------------------ metrics

    def metrics(self) -> None:
        for name, spec in self.outline.metrics.items():
            where: Path_ = ("metrics", name)
            if spec.table and spec.table not in self.outline.data:
                self.add("metric.unknown_table", f"metric '{name}' reads table '{spec.table}', which is not under data:",
                         (*where, "table"), _suggest(spec.table, self.table_names, "tables"))
            for part in spec.ratio or []:
                self.metric_name(part, (*where, "ratio"), f"metric '{name}'")
            if spec.expr:
                self.expression(name, spec.expr, (*where, "expr"))
        self.cycles()

    def expression(self, name: str, text: str, where: Path_) -> None:
        try:
            tree = parse_expr(text)
        except ExprError as exc:
            self.add("metric.expr", f"metric '{name}': {exc}", where, "e.g. expr: gmv - refund_amount")
            return
        for part in names_in(tree):
            self.metric_name(part, where, f"metric '{name}'")

    def metric_name(self, name: str, where: Path_, owner: str) -> bool:
        """A metric the outline defines, or one of the catalogue's (configs/metrics.yaml)."""
        self.uses.setdefault(name, where)
        if name in self.outline.metrics or name in self.catalogue_names:
            return True
        self.add("metric.unknown", f"{owner} uses unknown metric '{name}'", where, self._unknown_metric_hint(name))
        return False

    def _unknown_metric_hint(self, name: str) -> str:
        close = (difflib.get_close_matches(name, self.metric_names, n=1, cutoff=0.6)
                 or difflib.get_close_matches(name, self.catalogue_names, n=1, cutoff=0.6))
        if close:
            return f"did you mean '{close[0]}'?"
        catalogue_note = "or a catalogue metric: `deckgen metrics` lists them"
        if self.metric_names:
            return f"known metrics: {', '.join(self.metric_names[:12])}; {catalogue_note}"
        return f"define it under metrics:, {catalogue_note}"

    def cycles(self) -> None:
        graph = {name: list(spec.ratio or []) + (self._expr_names(spec.expr) if spec.expr else [])
                 for name, spec in self.outline.metrics.items()}
        cat = catalogue()
        pending = [part for parts in graph.values() for part in parts]
        while pending:  # catalogue metrics used by the outline's own: a loop may pass through them
            part = pending.pop()
            if part not in graph and part in cat:
                graph[part] = cat.metrics[part].parts()
                pending += graph[part]
        state: dict[str, int] = {}

        def visit(node: str, trail: list[str]) -> None:
            state[node] = 1
            for child in graph.get(node, []):
                if state.get(child) == 1:
                    loop = " → ".join([*trail[trail.index(child):], child]) if child in trail else f"{node} → {child}"
                    owner = node if node in self.outline.metrics else next(
                        (n for n in reversed(trail) if n in self.outline.metrics), node)
                    self.add("metric.cycle", f"metrics refer to each other in a loop: {loop}", ("metrics", owner),
                             "a metric cannot be defined in terms of itself")
                elif child in graph and not state.get(child):
                    visit(child, [*trail, child])
            state[node] = 2

        for name in self.outline.metrics:
            if not state.get(name):
                visit(name, [name])

    @staticmethod
    def _expr_names(text: str) -> list[str]:
        try:
            return names_in(parse_expr(text))
        except ExprError:
            return []

    # ------------------------------------------------------------------ slides

    def ref(self, text: str, where: Path_, allowed: tuple[str | None, ...] | None = None,
            negate: bool = False) -> None:
        """A metric reference; ``allowed`` limits the comparisons that make sense in this place."""
        parts = parse_ref(text)
        if parts is None or (parts.negate and not negate):
            self.add("slide.bad_ref", f"'{text}' is not a metric reference", where,
                     "write a metric name, optionally with .previous, .yoy, .mom, .change, .share or .vs(other)")
            return
        self.metric_name(parts.name, where, "slide")
        if parts.other:
            self.metric_name(parts.other, where, "slide")
        if allowed is not None and parts.comparison not in allowed:
            shown = ", ".join("a plain metric" if a is None else f".{a}" for a in allowed)
            self.add("slide.bad_ref", f"'{text}': .{parts.comparison} is not available here", where,
                     f"use {shown}")

    def slides(self) -> None:
        for slide, where in self.outline.slides_with_paths():
            if isinstance(slide, KpiSlide):
                for i, item in enumerate(slide.kpis):
                    item_where = (*where, "kpis", i)
                    if isinstance(item, KpiItem):
                        self.ref(item.metric, (*item_where, "metric"), PLAIN)
                        if item.target:
                            self.metric_name(item.target, (*item_where, "target"), "slide")
                    else:
                        self.ref(item, item_where, PLAIN)
            elif isinstance(slide, ChartSlide):
                self.chart(slide.chart, (*where, "chart"))
            elif isinstance(slide, TableSlide) and slide.table.columns:
                for i, column in enumerate(slide.table.columns):
                    self.ref(column, (*where, "table", "columns", i))
                self.sort(slide.table.sort, slide.table.columns, (*where, "table", "sort"))
            elif isinstance(slide, CardsSlide):
                for i, card in enumerate(slide.cards):
                    if card.metric:
                        self.ref(card.metric, (*where, "cards", i, "metric"), SENTENCE)
            elif isinstance(slide, ActionsSlide):
                self.actions(slide, where)
            elif type(slide) in NAMED_METRICS:
                self.named_metrics(slide, where)
            elif isinstance(slide, DriversSlide):
                block = slide.drivers
                self.metric_name(block.metric, (*where, "drivers", "metric"), "slide")
                for i, factor in enumerate(block.into):
                    self.metric_name(factor, (*where, "drivers", "into", i), "slide")

    def actions(self, slide: ActionsSlide, where: Path_) -> None:
        """A plan item must say when (a year, quarter, month or date) and carry a measurable target."""
        for i, item in enumerate(slide.actions):
            if not (any(ch.isdigit() for ch in item.when) or MONTH_WORDS.search(item.when)):
                self.add("plan.no_date", f"action '{item.what}': 'when' has no date: '{item.when}'",
                         (*where, "actions", i, "when"), "write a date, month or quarter, e.g. 2026 Q1, 2026-03, 5 月")
            if not any(ch.isdigit() for ch in item.target):
                self.add("plan.no_target", f"action '{item.what}': the target has no number: '{item.target}'",
                         (*where, "actions", i, "target"), "a target states a number, e.g. 转化率 ≥ 2.4%")

    def named_metrics(self, slide, where: Path_) -> None:
        """Every metric-valued key of an analysis slide names a known metric."""
        key, fields = NAMED_METRICS[type(slide)]
        block = getattr(slide, key)
        items = block if isinstance(block, list) else [block]
        for index, item in enumerate(items):
            place = (*where, key, index) if isinstance(block, list) else (*where, key)
            for field in fields:
                value = getattr(item, field)
                names = value if isinstance(value, list) else list(value) if isinstance(value, dict) else [value]
                names += list(value.values()) if isinstance(value, dict) else []
                for name in names:
                    if name:
                        self.metric_name(name, (*place, field), "slide")
        if isinstance(slide, TargetTreeSlide):
            tree = slide.target_tree
            unknown = [n for n in tree.factors if n not in tree.given]
            if len(unknown) > 1 or any(n not in tree.factors for n in tree.given):
                self.add("slide.tree", "target_tree: 'given' must name targets for all factors but one",
                         (*where, "target_tree", "given"), f"factors: {', '.join(tree.factors)}")

    def chart(self, block: ChartBlock, where: Path_) -> None:
        needs = {"line": ("y",), "bar": ("y",), "barh": ("y",), "donut": ("y", "by"), "combo": ("bars",)}
        for key in needs.get(block.type, ()):
            if getattr(block, key) is None:
                self.add("chart.missing", f"a {block.type} chart needs '{key}'", where,
                         "see docs/outline.md, section Charts")
        if block.type in ("line", "bar", "barh", "combo") and block.x is None:
            self.add("chart.missing", f"a {block.type} chart needs 'x' (a time grain such as month, or a column)", where,
                     f"time grains: {', '.join(GRAINS)}")
        if block.type == "waterfall" and not (block.steps or block.start):
            self.add("chart.missing", "a waterfall needs 'steps', or 'start' with 'subtract' and 'by'", where)
        if block.period:
            try:
                parse_period(block.period)
            except PeriodSyntaxError as exc:
                self.add("outline.period", f"chart period: {exc}", (*where, "period"),
                         "write 2025-11-11..2025-11-11 for one day, or 2025-11, 2025-Q4")
        if block.subtract and not block.by:
            self.add("chart.missing", "'subtract' needs 'by' (one step per value of that column)", where)
        for key in ("y", "bars", "line", "steps"):
            value = getattr(block, key)
            items = [value] if isinstance(value, str) else list(value or [])
            for i, text in enumerate(items):
                place = (*where, key) if isinstance(value, str) else (*where, key, i)
                if key == "steps":
                    self.ref(text, place, AMOUNT, negate=True)
                else:
                    self.ref(text, place)
        if block.start:
            self.ref(block.start, (*where, "start"), AMOUNT)
        if block.subtract:
            self.metric_name(block.subtract, (*where, "subtract"), "slide")

    def sort(self, sort: str | None, columns: list[str], where: Path_) -> None:
        if sort and sort.lstrip("-") not in columns:
            self.add("slide.bad_sort", f"sort '{sort}' is not one of the table's columns", where,
                     "sort by a column as written in columns:, e.g. -gmv or gmv.yoy; - sorts descending")

    # ------------------------------------------------------------------ placeholders

    def templates(self) -> None:
        known = self.metric_names + self.catalogue_names
        for where, text in _strings(self.loaded.data, ()):
            if where and where[0] in PARTS and "{" in text:
                self.problems.extend(check_template(text, known, self.loaded.span(where)))

    def template_uses(self) -> None:
        """Record the metrics named in placeholders (templates with errors are reported elsewhere)."""
        for where, text in _strings(self.loaded.data, ()):
            if where and where[0] in PARTS and "{" in text:
                for name in sorted(placeholder_names(text)):
                    self.uses.setdefault(name, where)


def outline_texts(loaded: LoadedYaml) -> Iterator[tuple[Path_, str]]:
    """Every text of the deck's parts (review, plan, summary) with where it is."""
    for where, text in _strings(loaded.data, ()):
        if where and where[0] in PARTS:
            yield where, text


def _strings(node: Any, where: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*where, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*where, index))
    elif isinstance(node, str):
        yield where, node


def check_templates_only(loaded: LoadedYaml) -> list[Diagnostic]:
    """Placeholder problems from the raw outline, for when the schema already failed: every
    problem is reported at once, not one round at a time."""
    raw_metrics = loaded.data.get("metrics") if isinstance(loaded.data, dict) else None
    known = sorted({*(raw_metrics if isinstance(raw_metrics, dict) else {}), *catalogue().names()})
    problems: list[Diagnostic] = []
    for where, text in _strings(loaded.data, ()):
        if where and where[0] in PARTS and "{" in text:
            problems.extend(check_template(text, known, loaded.span(where)))
    return problems
