"""build(): the stages in order. Reading and writing files happens only at the two ends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import DataError, DeckgenError, Diagnostic, OutlineError
from .outline.each import Binding, bind
from .outline.paths import path_problems
from .outline.read import LoadedYaml, read_yaml
from .outline.references import check_references
from .outline.schema import Outline, TableSpec
from .outline.validate import parse_outline
from .template_file import check_look
from .theme import TemplateInfo

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


@dataclass(frozen=True)
class CheckedOutline:
    outline: Outline
    loaded: LoadedYaml
    template: TemplateInfo | None = None  # deck.template, read once by the check
    warnings: tuple[Diagnostic, ...] = ()  # e.g. a layout the template lacks


@dataclass
class BuildResult:
    output: Path
    slides: int
    charts: int
    warnings: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was read, e.g. detected encodings


def check_outline(path: Path, each: Binding | None = None) -> CheckedOutline:
    """Read and validate the outline itself (no data): every problem at once. ``each``: the values of
    ``{{ each.NAME }}`` for one deck of a parameterised outline."""
    loaded = bind(read_yaml(path), each)
    try:
        outline = parse_outline(loaded)
    except OutlineError as error:
        from .outline.references import check_templates_only

        problems = error.diagnostics + check_templates_only(loaded)
        raise OutlineError(sorted(problems, key=lambda d: (d.span.line, d.span.col))) from None
    problems = check_references(outline, loaded)
    too_long = path_problems(outline, loaded)
    if too_long:
        raise OutlineError(sorted([*problems, *too_long], key=lambda d: (d.span.line, d.span.col)))
    look = check_look(outline, loaded)  # the theme exists, the template opens and has the layouts
    problems = [*problems, *look.problems]
    if problems:
        raise OutlineError(sorted(problems, key=lambda d: (d.span.line, d.span.col)))
    from .outline.wording import check_wording

    return CheckedOutline(outline, loaded, look.template, (*look.warnings, *check_wording(outline, loaded)))


def table_sources(checked: CheckedOutline):
    from babel.numbers import get_decimal_symbol

    from .data.load import TableSource
    from .locale import get_locale

    locale_decimal = get_decimal_symbol(get_locale(checked.outline.deck.locale).babel)
    sources = []
    for name, entry in checked.outline.data.items():
        spec = entry if isinstance(entry, TableSpec) else TableSpec(path=entry)
        sources.append(TableSource(name=name, path=spec.path, sheet=spec.sheet, sql=spec.sql, url=spec.url,
                                   encoding=spec.encoding, date_column=spec.date,
                                   span=checked.loaded.span(("data", name)), delimiter=spec.delimiter,
                                   decimal=spec.decimal, thousands=spec.thousands, date_format=spec.date_format,
                                   non_numeric=spec.non_numeric, locale_decimal=locale_decimal))
    return sources


def _table_filters(checked: CheckedOutline) -> dict[str, tuple[dict, object]]:
    """Tables whose rows are filtered (``where`` under the table): name -> (filter, its position)."""
    return {name: (entry.where, checked.loaded.span(("data", name, "where")))
            for name, entry in checked.outline.data.items() if isinstance(entry, TableSpec) and entry.where}


def load_data(checked: CheckedOutline):
    """Load every table (export headers renamed by the catalogue's aliases), resolve the catalogue metrics
    the outline uses, and check the columns the outline names."""
    from .data.cache import filtered, load_tables_cached
    from .data.catalogue import catalogue, resolve_metrics
    from .data.checks import check_columns
    from .data.coverage import empty_periods
    from .data.guards import number_columns
    from .data.numbers import number_problems
    from .data.periods import parse_period
    from .data.query_derived import derive_tables
    from .data.query_guards import out_of_range_in_place, with_in_place_warnings
    from .data.query_sources import DuckStore, opener

    store = DuckStore()
    tables = load_tables_cached(table_sources(checked), checked.loaded.path.parent, catalogue().aliases,
                                opener(store))
    tables = with_in_place_warnings(tables)
    problems = []
    for name, (where, span) in _table_filters(checked).items():
        try:
            tables[name] = filtered(tables[name], where, span)
        except DataError as error:
            problems += error.diagnostics
    if problems:
        raise DataError(problems)
    tables = derive_tables(tables, checked.outline.data, checked.loaded, store)
    specs, problems = resolve_metrics(checked.outline, tables, checked.loaded)
    problems += check_columns(checked.outline, tables, checked.loaded, specs)
    tables, text_in_numbers = number_columns(tables, specs)  # text cells first: dropped ones become numbers
    problems += text_in_numbers
    problems += number_problems(specs, tables, checked.loaded)
    problems += out_of_range_in_place(specs, tables, checked.loaded)
    period = checked.outline.deck.period.current
    problems += empty_periods(tables, parse_period(period), period)
    if problems:
        raise DataError(sorted(problems, key=lambda d: (d.span.line, d.span.col)))
    return tables


@dataclass(frozen=True)
class LaidOut:
    """Everything up to the drawing of charts: what ``check`` inspects and ``build`` writes."""

    checked: CheckedOutline
    tables: dict
    placed: object  # PlacedDeck
    theme: object  # Theme
    warnings: list[Diagnostic]


def input_files(checked: CheckedOutline) -> dict[str, Path]:
    """What the build reads, by what it is: a deck written over any of these would destroy it."""
    folder = checked.loaded.path.parent
    found = {"the outline": checked.loaded.path}
    for source in table_sources(checked):
        written = source.path or _sqlite_file(source.url)
        if written:
            found[f"the data of table '{source.name}'"] = folder / Path(written).expanduser()
    deck = checked.outline.deck
    if deck.theme.endswith((".yaml", ".yml")):
        found["the theme"] = folder / deck.theme
    if deck.template:
        found["the template"] = folder / deck.template
    return found


def _sqlite_file(url: str | None) -> str | None:
    if not url or not url.startswith("sqlite:///"):
        return None
    return url.removeprefix("sqlite:///").split("?", 1)[0].removeprefix("file:") or None


def lay_out(path: Path, progress: Progress = _quiet, writes_to: Path | None = None,
            each: Binding | None = None, checked_hook: Callable[[CheckedOutline], None] | None = None) -> LaidOut:
    """Read, load, compute, tell and lay out; collect the warnings. No charts are drawn. With ``writes_to``,
    first make sure a deck can be written there without replacing an input. ``each``: one deck of a
    parameterised outline. ``checked_hook``: called with the checked outline before the data is loaded."""
    progress("reading outline")
    checked = check_outline(path, each)
    if writes_to is not None:
        from .output import check_target

        check_target(writes_to, input_files(checked))
    if checked_hook is not None:
        checked_hook(checked)
    progress("loading data")
    tables = load_data(checked)
    progress("computing metrics")
    facts, theme, locale = _facts(checked, tables)
    progress("writing the story")
    from .layout.inspect import inspect_layout
    from .layout.place import plan_layout
    from .story.build import build_story
    from .story.claims import check_claims
    from .story.selectors import check_selectors

    wrong = check_selectors(checked.loaded, facts)
    if wrong:
        raise DataError(wrong)
    story = build_story(checked.outline, facts, checked.loaded)
    progress("laying out slides")
    placed = plan_layout(story, theme, locale.language_tag, checked.template, locale.word("continued"))
    from .story.title_check import title_warnings

    data_warnings = [warning for table in tables.values() for warning in table.warnings]
    data_warnings += _base_gaps(tables, facts)
    warnings = [*checked.warnings, *data_warnings, *inspect_layout(placed, str(path)),
                *_number_warnings(facts, checked.loaded),
                *title_warnings(checked.outline, facts.engine.specs, checked.loaded), *check_claims(checked.loaded, facts)]
    return LaidOut(checked, tables, placed, theme, warnings)


_BUILT: set[tuple[Path, Path | None]] = set()  # (outline, chart cache) built in this process


def build(path: Path, out: Path | None = None, progress: Progress = _quiet, strict: bool = False,
          each: Binding | None = None, jobs: int | None = None) -> BuildResult:
    """Outline in, deck out. Nothing is written unless every stage succeeded (and, with ``strict``,
    nothing produced a warning). ``each``: one deck of a parameterised outline (``deckgen batch`` builds
    them all); ``jobs``: processes for drawing charts (default: ``$DECKGEN_JOBS``, else one per core)."""
    target = out or output_of(path, each)
    from .charts.batch import ChartPool, cache_dir

    pool = ChartPool(1)  # replaced by running workers once the outline shows charts to draw
    built_key = (path.resolve(), cache_dir())
    first_build = built_key not in _BUILT

    def start_workers(checked: CheckedOutline) -> None:
        nonlocal pool
        # started now, they get ready while the data loads. Not on a rebuild in this process: its tables
        # come from the cache, so there is no loading to hide them behind, and most often no chart to draw
        if first_build and may_draw_charts(checked.outline):
            pool = ChartPool(jobs)

    try:
        laid = lay_out(path, progress, writes_to=target, each=each, checked_hook=start_workers)
        checked, tables, placed, theme, warnings = laid.checked, laid.tables, laid.placed, laid.theme, laid.warnings
        if strict and warnings:
            raise DeckgenError([replace(w, severity="error") for w in warnings], exit_code=5)
        from .layout.inspect import format_problems

        beyond = format_problems(placed, str(path))
        if beyond:  # never write a deck PowerPoint would have to repair
            raise OutlineError(beyond)
        progress("drawing charts")
        pictures = _render_charts(placed, theme, pool, jobs)
        _BUILT.add(built_key)
    finally:
        pool.close()
    progress("writing deck")
    _write(placed, pictures, theme, target, checked.outline.deck.date, checked.template)
    notes = [f"{t.name}: {t.described()}" + _renamed_note(t) for t in tables.values()]
    return BuildResult(target, len(placed.slides), len(pictures), warnings, notes)


def _renamed_note(table) -> str:
    """' (renamed 访客数→uv, 支付金额→gmv)' when export headers were read as base columns."""
    if not table.renamed:
        return ""
    return " (renamed " + ", ".join(f"{header}→{column}" for header, column in table.renamed) + ")"


def default_output(outline: Path) -> Path:
    """FOLDER.pptx beside the outline, named after its folder (outline.yaml is the usual name)."""
    folder = outline.resolve().parent
    name = folder.name if outline.stem == "outline" else outline.stem
    return outline.parent / f"{name or 'deck'}.pptx"


def output_of(path: Path, each: Binding | None) -> Path:
    """Where a deck goes by default: ``deck.each.output`` for one deck of a batch, else beside the outline."""
    from .outline.each import default_output as each_default
    from .outline.each import each_spec, output_name

    spec = each_spec(read_yaml(path)) if each is not None else None
    if spec is None:
        return default_output(path)
    return path.parent / output_name(str(spec.get("output") or each_default(str(spec.get("column")))), each)


def _facts(checked: CheckedOutline, tables):
    from .data.cache import metric_engine
    from .data.catalogue import resolve_metrics
    from .data.periods import parse_period, period_before, year_before
    from .locale import get_locale
    from .story.facts import Facts, Periods
    from .template_file import names_theme
    from .template_theme import apply_template
    from .theme import load_theme

    deck = checked.outline.deck
    current = parse_period(deck.period.current)
    previous = parse_period(deck.period.previous) if deck.period.previous else year_before(current)
    baseline = parse_period(deck.period.baseline) if deck.period.baseline else None
    periods = Periods(current, previous, period_before(current), baseline)
    locale = get_locale(deck.locale)
    theme_path = deck.theme
    if theme_path.endswith((".yaml", ".yml")):
        theme_path = str((checked.loaded.path.parent / theme_path).resolve())
    theme = load_theme(theme_path, locale.fonts, locale.red_is_good, locale=deck.locale, favourable=deck.favourable)
    if checked.template is not None:
        theme = apply_template(theme, checked.template, keep_colours=names_theme(deck))
    specs, _ = resolve_metrics(checked.outline, tables)  # the outline's metrics and the catalogue's it can feed
    from .outline.references import metric_uses

    # the last build's engine when metrics and tables are unchanged
    engine = metric_engine(specs, tables, current, used=metric_uses(checked.outline, checked.loaded))
    return Facts(engine, periods, locale, deck.currency), theme, locale


def may_draw_charts(outline: Outline) -> bool:
    """Whether any slide may show a chart drawn as a picture: bullets, KPI cards and tables never do, nor
    charts written as native PowerPoint charts (every kind a chart slide names has a native form)."""
    from .outline.schema import BulletsSlide, ChartSlide, KpiSlide, TableSlide

    def draws(slide) -> bool:
        if isinstance(slide, ChartSlide):
            return (slide.chart.render or outline.deck.charts) != "native"
        return not isinstance(slide, (BulletsSlide, KpiSlide, TableSlide))

    return any(draws(slide) for slide, _ in outline.slides_with_paths())


def _render_charts(placed, theme, pool=None, jobs: int | None = None) -> dict[str, bytes]:
    from .charts.batch import chart_dpi, render_all
    from .layout.spec import PictureShape
    from .writer.native import supports_native
    from .writer.parts import picture_key

    pictures = {  # every picture, including native charts of kinds PowerPoint has no chart type for
        picture_key(shape): (shape.chart, shape.box.width_in, shape.box.height_in)
        for slide in placed.slides for shape in slide.shapes
        if isinstance(shape, PictureShape) and not (shape.native and supports_native(shape.chart))
    }
    return render_all(pictures, theme, jobs, dpi=chart_dpi(placed.width_in), pool=pool)


def _write(placed, pictures, theme, target: Path, date: dt.date | None, template=None) -> None:
    from .writer.pptx import write_deck

    tones = {"good": theme.good, "bad": theme.bad, "neutral": theme.text, "text": theme.text,
             "header": theme.primary, "stripe": theme.panel}
    created = dt.datetime(date.year, date.month, date.day) if date else None
    write_deck(placed, pictures, tones, target, created, theme=theme, template=template)


def _base_gaps(tables, facts) -> list[Diagnostic]:
    """Warnings for comparison bases with days missing: the year-on-year base, and the month-on-month one
    when it is another period."""
    from .data.coverage import base_gaps

    periods = facts.periods
    bases = [("yoy", periods.previous)]
    if periods.prior != periods.previous:
        bases.append(("mom", periods.prior))
    return base_gaps(tables, periods.current, bases, facts.engine.specs)


def _number_warnings(facts, loaded: LoadedYaml) -> list[Diagnostic]:
    """Numbers that are right but misleading, such as growth on a tiny base."""
    return [
        Diagnostic("metric.tiny_base", message, loaded.span(("metrics", name)),
                   "a growth rate on a tiny base overstates the change", severity="warning")
        for (name, _), message in sorted(facts.warnings.items())
    ]


