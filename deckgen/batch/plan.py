"""Which decks a parameterised outline makes: one per distinct value of ``deck.each``'s column, with the
whole row of that value for ``{{ each.NAME }}``, and where each deck is written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError, Diagnostic, OutlineError
from ..outline.each import PLACEHOLDER, as_value, default_output, each_spec, output_name
from ..outline.read import LoadedYaml, read_yaml


@dataclass(frozen=True)
class PlannedDeck:
    key: str  # the value of the each column, e.g. the shop
    binding: dict[str, str]  # every column of its row: what {{ each.NAME }} stands for
    output: Path


@dataclass(frozen=True)
class EachOverride:
    """``--each COLUMN=SOURCE``: the values from a data file's column, or written out (comma-separated)."""

    column: str
    source: str


def plan_batch(outline: Path, out_dir: Path | None = None, override: EachOverride | None = None,
               only: tuple[str, ...] = ()) -> list[PlannedDeck]:
    """Every deck of the batch, in the order of the deck list. Raises OutlineError (no ``deck.each``, an
    unknown value in ``only``, two decks with one file name) or DataError (the deck list cannot be read)."""
    loaded = read_yaml(outline)
    spec = _each(loaded, override)
    column = override.column if override else str(spec["column"])
    first: dict[str, dict[str, str]] = {}  # a value listed again is the same deck: its first row counts
    for row in _rows(loaded, spec, override, column):
        first.setdefault(row[column], row)
    rows = list(first.values())
    pattern = str(spec.get("output") or default_output(column)) if spec else default_output(column)
    base = out_dir if out_dir is not None else outline.parent
    decks = [PlannedDeck(row[column], row, base / output_name(pattern, row)) for row in rows]
    if only:
        decks = _only(decks, only, loaded, column)
    _check_unique(decks, loaded)
    return decks


def _each(loaded: LoadedYaml, override: EachOverride | None) -> dict[str, Any]:
    spec = each_spec(loaded)
    if spec is None and override is None:
        raise OutlineError([Diagnostic(
            "outline.no_each", "this outline makes one deck; a batch needs a list of values",
            loaded.span(("deck",)), "add e.g. 'each: {table: shops, column: shop}' under deck:, or run "
            "'deckgen batch OUTLINE --each shop=data/shops.csv'")])
    if spec is not None:
        _validate(spec, loaded)
    return spec or {}


def _validate(spec: dict[str, Any], loaded: LoadedYaml) -> None:
    from pydantic import ValidationError

    from ..outline.schema import Each

    try:
        Each.model_validate(spec)
    except ValidationError as error:
        first = error.errors()[0]
        where = ("deck", "each", *first["loc"])
        raise OutlineError([Diagnostic("outline.schema", f"deck.each: {first['msg']}", loaded.span(where),
                                       "see 'deck.each' in docs/outline.md")]) from None


def _rows(loaded: LoadedYaml, spec: dict[str, Any], override: EachOverride | None, column: str) -> list[dict]:
    if override is not None:
        if _is_data_file(override.source, loaded.path.parent):
            return _table_rows(loaded, {"path": override.source}, column, ("deck",))
        return [{column: value.strip()} for value in override.source.split(",") if value.strip()]
    if spec.get("values") is not None:
        return [{column: as_value(value)} for value in spec["values"]]
    table = str(spec["table"])
    data = loaded.data.get("data") or {}
    if table not in data:
        known = ", ".join(sorted(map(str, data))) or "none"
        raise OutlineError([Diagnostic("outline.unknown_table", f"deck.each names table '{table}', which is not "
                                       "under data:", loaded.span(("deck", "each", "table")), f"tables: {known}")])
    entry = data[table]
    return _table_rows(loaded, entry if isinstance(entry, dict) else {"path": entry}, column, ("data", table))


def _is_data_file(source: str, base: Path) -> bool:
    from ..data.read import SUFFIXES

    return source.lower().endswith(tuple(SUFFIXES)) or (base / source).is_file()


def _table_rows(loaded: LoadedYaml, entry: dict, column: str, where: tuple) -> list[dict[str, str]]:
    """The distinct values of ``column`` in their first row's order, each with its row."""
    from ..data.cache import load_table_cached
    from ..data.load import TableSource, require_columns

    span = loaded.span(where)
    if any(PLACEHOLDER.search(str(value)) for value in entry.values()):
        raise OutlineError([Diagnostic("outline.each_cycle", "the deck list's own table cannot use {{ each.… }}",
                                       span, "list the values in a table whose path is fixed")])
    source = TableSource(name=str(where[-1]), path=entry.get("path"), sheet=entry.get("sheet"),
                         encoding=entry.get("encoding"), date_column=entry.get("date"), span=span)
    if source.path is None:
        raise DataError([Diagnostic("data.unsupported", "the deck list must be a data file", span)])
    table = load_table_cached(source, loaded.path.parent)
    require_columns(table, [column], span)
    rows = table.frame.drop_duplicates(subset=[column], keep="first")
    columns = [str(name) for name in rows.columns]
    return [{name: as_value(cell) for name, cell in zip(columns, values, strict=True)}
            for values in rows.itertuples(index=False, name=None)]


def _only(decks: list[PlannedDeck], only: tuple[str, ...], loaded: LoadedYaml, column: str) -> list[PlannedDeck]:
    known = {deck.key for deck in decks}
    unknown = [value for value in only if value not in known]
    if unknown:
        sample = ", ".join(sorted(known)[:8])
        raise OutlineError([Diagnostic("outline.each_value", f"no deck for {column} = {', '.join(unknown)}",
                                       loaded.span(("deck", "each")), f"values include: {sample}")])
    return [deck for deck in decks if deck.key in only]


def _check_unique(decks: list[PlannedDeck], loaded: LoadedYaml) -> None:
    seen: dict[Path, str] = {}
    for deck in decks:
        if deck.output in seen:
            raise OutlineError([Diagnostic(
                "outline.each_output", f"decks for '{seen[deck.output]}' and '{deck.key}' would both be written "
                f"to {deck.output}", loaded.span(("deck", "each")),
                "put a column that differs per deck into each.output, e.g. decks/{{ each.shop }}.pptx")])
        seen[deck.output] = deck.key
