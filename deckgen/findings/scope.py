"""What the deck shows: the metrics, targets, driver formulas and segment columns its slides name.

Findings are only sought in these, so the summary never brings up a number the audience has not seen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..data.metrics import GRAIN_NAMES
from ..grammar.refs import parse_ref
from ..outline.schema import (
    ChartSlide,
    DriversSlide,
    FunnelSlide,
    KpiItem,
    KpiSlide,
    LadderSlide,
    Outline,
    ParetoSlide,
    TableSlide,
    TargetsSlide,
    TargetTreeSlide,
)


@dataclass(frozen=True)
class Scope:
    headline: str | None  # the metric the deck is about: the first KPI with a target, else the first KPI
    targets: dict[str, str]  # metric -> the metric holding its target
    drivers: tuple[tuple[str, tuple[str, ...]], ...]  # (metric, factors whose product it is)
    shown: tuple[str, ...]  # every metric on a slide, in deck order
    columns: tuple[str, ...]  # the columns the deck splits metrics by (platform, channel …)
    comparison: str  # the deck kind's comparison: yoy, or mom in a monthly report
    grain: str  # the trend grain of the deck kind: month or day
    driver_compares: tuple[str, ...] = ()  # the comparisons the deck's driver slides bridge (yoy, mom)


def scope_of(outline: Outline, specs: dict, comparison: str, grain: str) -> Scope:
    shown: dict[str, None] = {}
    targets: dict[str, str] = {}
    drivers: dict[tuple[str, tuple[str, ...]], None] = {}
    compares: dict[str, None] = {}
    columns: dict[str, None] = {}
    kpi_order: list[str] = []
    for slide, _ in outline.slides_with_paths():
        for name in slide_metrics(slide):
            shown.setdefault(name)
        for metric, target in slide_targets(slide):
            targets.setdefault(metric, target)
        if isinstance(slide, KpiSlide):
            kpi_order += [_name(k.metric if isinstance(k, KpiItem) else k) for k in slide.kpis]
        if isinstance(slide, DriversSlide):
            drivers.setdefault((slide.drivers.metric, tuple(slide.drivers.into)))
            compares.setdefault(slide.drivers.compare)
        for column in _columns(slide):
            columns.setdefault(column)
    headline = _headline(specs, kpi_order, targets)
    return Scope(headline, targets, tuple(drivers), tuple(shown), tuple(columns), comparison, grain, tuple(compares))


def _headline(specs: dict, kpi_order: list[str], targets: dict[str, str]) -> str | None:
    """Sales with a target, else any KPI with a target, else the first KPI: what the deck is judged on."""
    money = [m for m in kpi_order if m in targets and m in specs and specs[m].format == "money"]
    with_target = [m for m in kpi_order if m in targets]
    return (money or with_target or kpi_order or list(targets) or [None])[0]


def _name(ref: str) -> str:
    parts = parse_ref(ref)
    return parts.name if parts else ref


def slide_metrics(slide) -> Iterator[str]:
    """The metrics a slide's visual shows (its comparisons and targets by their own names)."""
    if isinstance(slide, KpiSlide):
        for item in slide.kpis:
            yield _name(item.metric if isinstance(item, KpiItem) else item)
    elif isinstance(slide, ChartSlide):
        block = slide.chart
        for value in (block.y, block.bars, block.line, block.steps, block.start, block.subtract):
            for ref in ([value] if isinstance(value, str) else value or []):
                yield _name(ref)
    elif isinstance(slide, TableSlide) and slide.table.columns:
        yield from (_name(ref) for ref in slide.table.columns)
    elif isinstance(slide, DriversSlide):
        yield from (slide.drivers.metric, *slide.drivers.into)
    elif isinstance(slide, TargetsSlide):
        yield from (t.metric for t in slide.targets)
    elif isinstance(slide, LadderSlide):
        yield slide.ladder.metric
    elif isinstance(slide, FunnelSlide):
        yield from slide.funnel.stages
    elif isinstance(slide, ParetoSlide):
        yield slide.pareto.metric
    elif isinstance(slide, TargetTreeSlide):
        yield from slide.target_tree.factors


def slide_targets(slide) -> Iterator[tuple[str, str]]:
    """(metric, its target) for every target a slide shows."""
    if isinstance(slide, KpiSlide):
        for item in slide.kpis:
            if isinstance(item, KpiItem) and item.target:
                yield _name(item.metric), item.target
    elif isinstance(slide, TargetsSlide):
        yield from ((t.metric, t.target) for t in slide.targets)
    elif isinstance(slide, LadderSlide) and slide.ladder.target:
        yield slide.ladder.metric, slide.ladder.target


def _columns(slide) -> Iterator[str]:
    by = None
    if isinstance(slide, ChartSlide):
        by = slide.chart.by or (slide.chart.x if slide.chart.x not in GRAIN_NAMES else None)
    elif isinstance(slide, TableSlide):
        by = slide.table.by
    if by and by not in GRAIN_NAMES:
        yield by
