"""Catalogue metrics resolved against the loaded tables.

When an outline uses a catalogue metric it does not define, it is resolved against the loaded tables: the
first table in the outline's ``data`` order that has every column the metric reads (after export headers are
renamed by the catalogue's aliases); ratios and expressions resolve their parts the same way. The outline's
own metrics always win, and the catalogue gives labels in the deck's locale.

The catalogue itself (its entries and export headers) sits below, in ``outline/catalogue.py``, as the outline
checks use it before any data is read; ``catalogue`` and ``header_key`` are importable from here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import Diagnostic
from ..outline.catalogue import Catalogue, CatalogueMetric, catalogue, header_key

if TYPE_CHECKING:
    from ..outline.read import LoadedYaml
    from ..outline.schema import MetricSpec, Outline
    from .tables import LoadedTable

__all__ = ["Unresolved", "catalogue", "header_key", "resolve_metrics"]


@dataclass(frozen=True)
class Unresolved:
    """Why a catalogue metric cannot be computed from the loaded tables."""

    name: str
    message: str  # "metric 'refund_rate' (catalogue: refund_amount / gmv) needs a column refund_amount; …"
    needs: str  # "needs a column refund_amount; no table has it"
    column: str | None  # a column to add, for the hint


def resolve_metrics(outline: Outline, tables: Mapping[str, LoadedTable],
                    loaded: LoadedYaml | None = None) -> tuple[dict[str, MetricSpec], list[Diagnostic]]:
    """The metrics the engine computes: the outline's own, then every catalogue metric the tables can feed.

    With ``loaded``, every catalogue metric the outline uses but the tables cannot feed is reported at its
    first use."""
    cat = catalogue()
    resolver = _Resolver(cat, outline, tables)
    for name in cat.metrics:
        resolver.resolve(name)
    problems: list[Diagnostic] = []
    if loaded is not None:
        from ..outline.references import metric_uses  # brings jinja2: not for the loader's header matching

        for name, where in metric_uses(outline, loaded).items():
            failure = resolver.failures.get(name)
            if failure is not None and name not in outline.metrics:
                problems.append(Diagnostic("data.missing_column", failure.message, loaded.span(where),
                                           _hint(failure, cat)))
    return resolver.specs, problems


def _hint(failure: Unresolved, cat: Catalogue) -> str:
    define = f"or define {failure.name} under metrics:"
    if failure.column is None:
        return f"add the columns to one table under data:, {define}"
    headers = cat.headers.get(failure.column, ())
    export = f" (or {headers[0]})" if headers else ""
    return f"add a column {failure.column}{export} to a table under data:, {define}"


class _Resolver:
    def __init__(self, cat: Catalogue, outline: Outline, tables: Mapping[str, LoadedTable]):
        self.cat = cat
        self.locale = outline.deck.locale
        self.tables = tables
        self.columns = {name: {str(column) for column in table.frame.columns} for name, table in tables.items()}
        self.specs: dict[str, MetricSpec] = {}
        self.failures: dict[str, Unresolved] = {}
        for name, spec in outline.metrics.items():  # the outline's own metrics win; labels default to the locale's
            if spec.label is None and name in cat.metrics:
                spec = spec.model_copy(update={"label": cat.metrics[name].label(self.locale)})
            self.specs[name] = spec

    def resolve(self, name: str, trail: tuple[str, ...] = ()) -> Unresolved | None:
        if name in self.specs:
            return None
        if name in self.failures:
            return self.failures[name]
        entry = self.cat.metrics.get(name)
        if entry is None or name in trail:
            return Unresolved(name, f"metric '{name}' is not defined", "is not defined", None)
        if entry.reads_columns:
            table, needs, column = self._table_for(entry)
            if table is not None:
                self.specs[name] = entry.spec(table, self.locale)
                return None
        else:
            for part in entry.parts():
                failure = self.resolve(part, (*trail, name))
                if failure is not None:
                    needs, column = failure.needs, failure.column
                    break
            else:
                self.specs[name] = entry.spec(None, self.locale)
                return None
        failure = Unresolved(name, f"metric '{name}' (catalogue: {entry.formula(full=False)}) {needs}", needs, column)
        self.failures[name] = failure
        return failure

    def _table_for(self, entry: CatalogueMetric) -> tuple[str | None, str, str | None]:
        """The first table (in the outline's order) with every column; else why none fits."""
        wanted = entry.columns()
        for name, table in self.tables.items():
            if set(wanted) <= self.columns[name] and (not entry.dated or table.date_column):
                return name, "", None
        absent = [column for column in wanted if not any(column in present for present in self.columns.values())]
        if absent:
            if len(absent) == 1:
                return None, f"needs a column {absent[0]}; no table has it", absent[0]
            return None, f"needs the columns {', '.join(absent)}; no table has them", absent[0]
        listed = f"a column {wanted[0]}" if len(wanted) == 1 else f"the columns {', '.join(wanted)}"
        if entry.dated and any(set(wanted) <= present for present in self.columns.values()):
            pronoun = "it" if len(wanted) == 1 else "them"
            return None, f"needs {listed} in a table with a date column; no dated table has {pronoun}", None
        return None, f"needs {listed} in one table; no table has all of them", None
