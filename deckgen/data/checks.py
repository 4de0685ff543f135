"""Checks that need the loaded tables: every column a metric, chart or table names must exist."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..errors import DataError, Diagnostic, unique
from ..outline.read import LoadedYaml, Path_
from ..outline.refs import parse_ref
from ..outline.schema import (
    GRAINS,
    ChartSlide,
    InputOutputSlide,
    MetricSpec,
    Outline,
    ParetoSlide,
    TableSlide,
    TimelineSlide,
)
from .load import LoadedTable, require_columns


def check_columns(outline: Outline, tables: Mapping[str, LoadedTable], loaded: LoadedYaml,
                  specs: Mapping[str, MetricSpec] | None = None) -> list[Diagnostic]:
    """``specs``: every metric the engine will compute (the outline's and the catalogue's, resolved);
    default: the outline's own."""
    specs = outline.metrics if specs is None else specs
    problems: list[Diagnostic] = []
    for name, spec in outline.metrics.items():
        table = tables.get(spec.table) if spec.table else None
        if table is None:
            continue
        where: Path_ = ("metrics", name)
        for column, place in _metric_columns(spec, where):
            problems += _missing(table, [column], loaded, place)
    problems += _timeline_columns(outline, tables, loaded)
    for by, refs, where in _groupings(outline):
        for metric in refs:
            for table_name in _tables_of(specs, metric):
                table = tables.get(table_name)
                if table is None:
                    continue
                if by in GRAINS:
                    if table.date_column is None:
                        problems.append(Diagnostic(
                            "data.no_date", f"cannot group by {by}: table '{table_name}' ({table.origin}) has no date "
                            "column", loaded.span(where), "name it with date: under the table in data:"))
                else:
                    problems += _missing(table, [by], loaded, where)
    return unique(problems)


def _timeline_columns(outline: Outline, tables: Mapping[str, LoadedTable], loaded: LoadedYaml) -> list[Diagnostic]:
    """A timeline's own table must exist and hold its name and date columns."""
    problems: list[Diagnostic] = []
    for slide, where in outline.slides_with_paths():
        if not isinstance(slide, TimelineSlide):
            continue
        block = slide.timeline
        table = tables.get(block.table)
        place = (*where, "timeline", "table")
        if table is None:
            problems.append(Diagnostic("data.unknown_table", f"timeline reads table '{block.table}', which is not "
                                       "under data:", loaded.span(place), f"tables: {', '.join(tables)}"))
            continue
        problems += _missing(table, [block.name, block.date], loaded, place)
    return problems


def _metric_columns(spec: MetricSpec, where: Path_) -> list[tuple[str, Path_]]:
    """Each column a metric reads, with the outline place that names it."""
    columns = [(getattr(spec, kind), (*where, kind)) for kind in ("sum", "mean", "distinct") if getattr(spec, kind)]
    if spec.count and spec.count != "*":
        columns.append((spec.count, (*where, "count")))
    return columns + [(column, (*where, "where")) for column in spec.where]


def _missing(table: LoadedTable, columns: list[str], loaded: LoadedYaml, where: Path_) -> list[Diagnostic]:
    try:
        require_columns(table, columns, loaded.span(where))
    except DataError as error:
        return error.diagnostics
    return []


def _groupings(outline: Outline) -> Iterator[tuple[str, list[str], Path_]]:
    """(column or grain, metric names, where) for every chart and table that groups."""
    for slide, where in outline.slides_with_paths():
        yield from _slide_groupings(slide, where)


def _slide_groupings(slide, where: Path_) -> Iterator[tuple[str, list[str], Path_]]:
    if isinstance(slide, ChartSlide):
        block = slide.chart
        refs = [r for key in ("y", "bars", "line") for r in _listed(getattr(block, key))]
        names = [p.name for p in map(parse_ref, refs) if p]
        if block.x:
            yield block.x, names, (*where, "chart", "x")
        if block.by:
            targets = [block.subtract] if block.subtract else names
            yield block.by, targets, (*where, "chart", "by")
    elif isinstance(slide, TableSlide) and slide.table.by:
        names = [p.name for p in map(parse_ref, slide.table.columns or []) if p]
        yield slide.table.by, names, (*where, "table", "by")
    elif isinstance(slide, ParetoSlide):
        yield slide.pareto.by, [slide.pareto.metric], (*where, "pareto", "by")
    elif isinstance(slide, InputOutputSlide):
        yield slide.input_output.by, [slide.input_output.cost], (*where, "input_output", "by")
    elif isinstance(slide, TimelineSlide):
        block = slide.timeline
        named = [n for n in (block.metric, block.target) if n]
        yield block.name, named, (*where, "timeline", "name")


def _listed(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _tables_of(specs: Mapping[str, MetricSpec], metric: str, seen: frozenset = frozenset()) -> list[str]:
    spec = specs.get(metric)
    if spec is None or metric in seen:
        return []
    if spec.table:
        return [spec.table]
    from .expr import names_in, parse_expr

    parts = list(spec.ratio or []) + (names_in(parse_expr(spec.expr)) if spec.expr else [])
    return [t for part in parts for t in _tables_of(specs, part, seen | {metric})]


