"""The metric catalogue (``configs/metrics.yaml``): metrics an outline may use without defining them.

A catalogue metric is written like an outline's metric, without ``table``. When an outline uses one it does
not define, it is resolved against the loaded tables: the first table in the outline's ``data`` order that
has every column the metric reads (after export headers are renamed by the catalogue's aliases); ratios and
expressions resolve their parts the same way. The outline's own metrics always win, and the catalogue gives
labels in the deck's locale.

Nothing here imports pandas: the outline-only checks (``deckgen check --no-data``) use the catalogue's names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from ..errors import Diagnostic
from ..outline.schema import AGGREGATES, LOCALES, MetricSpec

if TYPE_CHECKING:
    from ..outline.read import LoadedYaml
    from ..outline.schema import Outline
    from .tables import LoadedTable

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
            from .expr import names_in, parse_expr

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
    from ..outline.read import raw_text

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

    from .expr import ExprError, names_in, parse_expr

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


# ----------------------------------------------------------------------------------------- resolution


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
        from ..outline.references import metric_uses

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


# ------------------------------------------------------------------------------------------- listings


_INTRO = """\
# Metric catalogue

<!-- Generated from configs/metrics.yaml by `deckgen metrics --markdown > docs/metrics.md`; edit the YAML,
then regenerate. -->

An outline may use every metric below by name (`kpis: [gmv, cvr, aov, refund_rate]`, `{{ roi }}`) without
defining it under `metrics:`. `deckgen metrics` lists them; `deckgen metrics --locale en-US` shows the English
names.

## How a catalogue metric is computed

- **Which table.** A metric that reads a column (`sum`, `count`, `distinct`, `mean`) reads the first table, in
  the order of the outline's `data:`, that has every column it needs: the column itself, the columns of its
  filter (`where`), and any column named after "in the table with". A ratio or an expression resolves each of
  its parts the same way, so `cvr` may divide the buyers of one table by the visitors of another.
- **Export headers.** Columns are matched after the export headers listed at the end of this page are renamed
  (访客数 → `uv`, 支付金额 → `gmv` …). A header is renamed only when the table has no column of that name yet;
  the outline may still use the header as written. `deckgen build` lists the renames.
- **Ratios are ratios of sums.** `cvr` is the period's total buyers divided by its total visitors, for the
  year, for each month of a chart and for each row of a table; never the mean of daily rates. A supplied
  客单价 (`aov`) or 转化率 (`cvr`) column is never read: `aov` and `cvr` are computed from the base counts.
- **ROI = GMV / spend.** `roi` is the GMV the ads brought (`guided_gmv`, 引导成交金额) divided by the ad spend:
  ROAS, as Chinese shop platforms use the word ROI (投入产出比, 投产比). It is not a profit-based return.
  `cost_ratio` (费比) is spend / the shop's GMV.
- **UV adds up.** `uv` is the sum of the table's visitors (访客数, 日累加): a visitor who comes on two days
  counts twice, as in platform reports summed by day.
- **Your definition wins.** A metric defined under `metrics:` replaces the catalogue's metric of the same name
  everywhere, including inside the catalogue's ratios (define `buyers` on another table and `cvr` and `aov` use
  it).
- **Labels.** A catalogue metric is labelled with its name in the deck's locale (the columns below); a
  `label:` in the outline wins.
- **Missing data.** A catalogue metric that the outline uses but no table can feed is a data error at the
  place it is used, e.g. `metric 'refund_rate' (catalogue: refund_amount / gmv) needs a column refund_amount;
  no table has it`.
- **Direction.** `better: lower` metrics (refund, complaint and dispute rates, CPC, CPM, cost ratio, response
  time) are coloured good when they fall.
"""


def render_markdown(cat: Catalogue, locale: str | None = None) -> str:
    """docs/metrics.md: ``deckgen metrics --markdown > docs/metrics.md``."""
    locales = [locale] if locale else list(LOCALES)
    lines = [_INTRO]
    name_headers = " | ".join(locales)
    for group, title in cat.groups.items():
        entries = [entry for entry in cat.metrics.values() if entry.group == group]
        if not entries:
            continue
        lines += [f"## {title}", "", f"| metric | formula | format | better | {name_headers} |",
                  "|---|---|---|---|" + "---|" * len(locales)]
        for entry in entries:
            names = " | ".join(_cell(entry.label(code)) for code in locales)
            lines.append(f"| `{entry.name}` | {_cell(entry.formula())} | {_format_text(entry)} | "
                         f"{entry.fields.get('better') or 'higher'} | {names} |")
        notes = [entry for entry in entries if entry.note]
        if notes:
            lines += ["", "Notes:", ""] + [f"- `{entry.name}`: {entry.note}" for entry in notes]
        lines.append("")
    lines += [
        "## Export headers read as columns",
        "",
        "Matching ignores case, spaces and a trailing unit in brackets (`支付金额（元）`, `UV`).",
        "",
        "| column | headers |",
        "|---|---|",
    ]
    lines += [f"| `{column}` | {_cell(', '.join(headers))} |" for column, headers in cat.headers.items()]
    return "\n".join(lines) + "\n"


def render_text(cat: Catalogue, locale: str = "zh-CN") -> str:
    """The plain listing of ``deckgen metrics``: name, label, formula, format, direction."""
    rows = [("metric", locale, "formula", "format", "better")]
    rows += [(entry.name, entry.label(locale), entry.formula(full=False), _format_text(entry),
              entry.fields.get("better") or "higher") for entry in cat.metrics.values()]
    widths = [max(_width(row[index]) for row in rows) for index in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [text + " " * (width - _width(text)) for text, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]))
    return "\n".join(lines) + "\n"


def _format_text(entry: CatalogueMetric) -> str:
    text = str(entry.fields.get("format") or "number")
    if entry.fields.get("decimals") is not None:
        text += f", {entry.fields['decimals']} dp"
    return text


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
