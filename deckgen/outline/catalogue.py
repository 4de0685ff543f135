"""The metric catalogue (``configs/metrics.yaml``): metrics an outline may use without defining them.

A catalogue metric is written like an outline's metric, without ``table``. This module holds what the outline
checks need, below the data stage: the entries, their names in each locale, their formulas, and the export
headers the loader renames to columns. Resolving the metrics against the loaded tables is the data stage's
(``data/catalogue.py``); the listing of ``deckgen metrics`` is ``catalogue_listing.py``.

Nothing here imports pandas: the outline-only checks (``deckgen check --no-data``) use the catalogue's names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .read import raw_text
from .schema import AGGREGATES, LOCALES, MetricSpec

CONFIG = "metrics.yaml"
COLUMN_AGGREGATES = ("sum", "count", "distinct", "mean")
EXTRA_KEYS = ("group", "names", "unit", "needs", "dated", "note")
SPEC_KEYS = tuple(name for name in MetricSpec.model_fields if name not in ("table", "label", "unit"))
_PLACEHOLDER_TABLE = "_"  # lets a catalogue entry be checked as a MetricSpec before it has a table
_UNIT_SUFFIX = re.compile(r"\([^()]*\)$")  # 支付金额(元) after NFKC turns （） into ()


# ---------------------------------------------------------------------------------------------- model


@dataclass(frozen=True)
class CatalogueMetric:
    name: str
    group: str
    fields: Mapping[str, Any]  # MetricSpec fields: the aggregate, where, format, decimals, better
    names: Mapping[str, str]  # locale -> label
    units: Mapping[str, str] = field(default_factory=dict)  # locale -> unit word
    needs: tuple[str, ...] = ()  # columns the table must also have
    dated: bool = False  # the table must have a date column
    note: str = ""

    @property
    def aggregate(self) -> str:
        return next(name for name in AGGREGATES if self.fields.get(name) is not None)

    @property
    def reads_columns(self) -> bool:
        return self.aggregate in COLUMN_AGGREGATES

    def parts(self) -> list[str]:
        """The metrics this one is computed from (ratio and expr)."""
        if self.aggregate == "ratio":
            return list(self.fields["ratio"])
        if self.aggregate == "expr":
            from ..data.expr import names_in, parse_expr

            return names_in(parse_expr(self.fields["expr"]))
        return []

    def columns(self) -> list[str]:
        """Every column a table needs to feed this metric: the one it reads, its filters, ``needs``."""
        if not self.reads_columns:
            return []
        read = str(self.fields[self.aggregate])
        columns = [] if read == "*" else [read]
        return list(dict.fromkeys([*columns, *map(str, self.fields.get("where") or {}), *self.needs]))

    def formula(self, full: bool = True) -> str:
        """``refund_amount / gmv``, ``sum(gmv) where device = mobile, …``; ``full`` lists every value."""
        kind = self.aggregate
        if kind == "ratio":
            return " / ".join(self.fields["ratio"])
        if kind == "expr":
            return str(self.fields["expr"])
        text = f"{kind}({self.fields[kind]})"
        conditions = [_condition(column, wanted, full) for column, wanted in (self.fields.get("where") or {}).items()]
        if conditions:
            text += " where " + " and ".join(conditions)
        if self.needs:
            text += " in the table with " + ", ".join(self.needs)
        if self.dated:
            text += " (dated table)"
        return text

    def label(self, locale: str) -> str:
        return self.names.get(locale) or self.name

    def spec(self, table: str | None, locale: str) -> MetricSpec:
        data = {key: value for key, value in self.fields.items() if value is not None}
        if self.reads_columns:
            data["table"] = table
        data["label"] = self.label(locale)
        if locale in self.units:
            data["unit"] = self.units[locale]
        return MetricSpec.model_validate(data)


@dataclass(frozen=True)
class Catalogue:
    metrics: Mapping[str, CatalogueMetric]
    groups: Mapping[str, str]  # group key -> title, in the order of docs/metrics.md
    headers: Mapping[str, tuple[str, ...]]  # column -> export headers that are renamed to it

    def __contains__(self, name: object) -> bool:
        return name in self.metrics

    def names(self) -> list[str]:
        return list(self.metrics)

    @property
    def aliases(self) -> dict[str, str]:
        """Normalised header -> column name (the columns themselves included, so ``UV`` finds ``uv``)."""
        return _alias_map(self.headers)


def _condition(column: str, wanted: Any, full: bool) -> str:
    values = [raw_text(value) if not isinstance(value, str) else value
              for value in (wanted if isinstance(wanted, list) else [wanted])]
    if len(values) == 1:
        return f"{column} = {values[0]}"
    if full:
        return f"{column} in {{{', '.join(values)}}}"
    return f"{column} = {values[0]}, …"


# -------------------------------------------------------------------------------------------- loading


@cache
def catalogue() -> Catalogue:
    """The shipped catalogue, read once per process."""
    from ..resources import load_config

    raw = load_config(CONFIG)
    problems = catalogue_problems(raw)
    if problems:  # the shipped file is part of deckgen: a problem here is a bug, not a user error
        raise ValueError(f"configs/{CONFIG}: " + "; ".join(problems))
    return parse_catalogue(raw)


def parse_catalogue(raw: Mapping[str, Any]) -> Catalogue:
    metrics = {}
    for name, entry in (raw.get("metrics") or {}).items():
        metrics[name] = CatalogueMetric(
            name=name, group=entry.get("group", ""),
            fields={key: entry[key] for key in SPEC_KEYS if key in entry},
            names=dict(entry.get("names") or {}), units=dict(entry.get("unit") or {}),
            needs=tuple(entry.get("needs") or ()), dated=bool(entry.get("dated", False)),
            note=" ".join(str(entry.get("note") or "").split()),
        )
    headers = {column: tuple(str(header) for header in listed or ())
               for column, listed in (raw.get("aliases") or {}).items()}
    return Catalogue(metrics, dict(raw.get("groups") or {}), headers)


def catalogue_problems(raw: Mapping[str, Any]) -> list[str]:
    """What is wrong with a catalogue file: each entry must be a valid metric with four names, refer only
    to catalogue metrics, take part in no loop; no export header may name two columns."""
    from pydantic import ValidationError

    from ..data.expr import ExprError, names_in, parse_expr

    problems: list[str] = []
    entries = raw.get("metrics") or {}
    groups = raw.get("groups") or {}
    graph: dict[str, list[str]] = {}
    for name, entry in entries.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(name)):
            problems.append(f"'{name}' is not a valid metric name")
        if not isinstance(entry, dict):
            problems.append(f"{name}: expected a mapping")
            continue
        unknown = sorted(set(entry) - set(SPEC_KEYS) - set(EXTRA_KEYS))
        if unknown:
            problems.append(f"{name}: unknown keys {', '.join(unknown)}")
        fields = {key: entry[key] for key in SPEC_KEYS if key in entry}
        kinds = [kind for kind in AGGREGATES if fields.get(kind) is not None]
        if "value" in kinds:
            problems.append(f"{name}: a constant is not a catalogue metric")
        try:
            table = {"table": _PLACEHOLDER_TABLE} if set(kinds) & set(COLUMN_AGGREGATES) else {}
            MetricSpec.model_validate({**fields, **table})
        except ValidationError as error:
            problems.append(f"{name}: {error.errors()[0]['msg'].removeprefix('Value error, ')}")
            continue
        names = entry.get("names") or {}
        missing = [locale for locale in LOCALES if not str(names.get(locale) or "").strip()]
        if missing:
            problems.append(f"{name}: no name in {', '.join(missing)}")
        if set(names) - set(LOCALES) or set(entry.get("unit") or {}) - set(LOCALES):
            problems.append(f"{name}: names and unit take the locales {', '.join(LOCALES)}")
        if entry.get("group") not in groups:
            problems.append(f"{name}: group '{entry.get('group')}' is not listed under groups")
        if (entry.get("needs") or entry.get("dated")) and not set(kinds) & set(COLUMN_AGGREGATES):
            problems.append(f"{name}: needs and dated apply to metrics that read a column")
        parts: list[str] = list(fields.get("ratio") or [])
        if fields.get("expr"):
            try:
                parts = names_in(parse_expr(str(fields["expr"])))
            except ExprError as error:
                problems.append(f"{name}: {error}")
        for part in parts:
            if part not in entries:
                problems.append(f"{name} uses '{part}', which is not in the catalogue")
        graph[name] = [part for part in parts if part in entries]
    problems += [f"metrics refer to each other in a loop: {' → '.join(loop)}" for loop in _loops(graph)]
    seen: dict[str, str] = {}
    for column, listed in (raw.get("aliases") or {}).items():
        for header in [column, *(listed or [])]:
            key = header_key(str(header))
            if seen.get(key, column) != column:
                problems.append(f"alias '{header}' names both {seen[key]} and {column}")
            seen.setdefault(key, column)
    return problems


def _loops(graph: Mapping[str, list[str]]) -> list[list[str]]:
    loops: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for child in graph.get(node, []):
            if state.get(child) == 1:
                loops.append([*trail[trail.index(child):], child])
            elif not state.get(child):
                visit(child, [*trail, child])
        state[node] = 2

    for name in graph:
        if not state.get(name):
            visit(name, [name])
    return loops


# -------------------------------------------------------------------------------------------- aliases


def header_key(header: str) -> str:
    """How headers are matched: full-width forms folded, a trailing (unit) dropped, no spaces, any case."""
    text = unicodedata.normalize("NFKC", header).strip()
    text = _UNIT_SUFFIX.sub("", text)
    return "".join(text.split()).casefold()


def _alias_map(headers: Mapping[str, Iterable[str]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for column, listed in headers.items():
        for header in [column, *listed]:
            found.setdefault(header_key(header), column)
    return found


def canonical_column(header: str, aliases: Mapping[str, str]) -> str | None:
    """The base column an export header stands for, or None."""
    return aliases.get(header_key(header))
