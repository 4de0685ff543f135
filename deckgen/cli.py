"""The command line: the only place that prints or exits.

Exit codes: 0 success · 1 outline error · 2 data error · 3 internal error (a bug) ·
4 a needed program is missing (LibreOffice for previews) · 5 warnings under --strict ·
6 the deck cannot be written where asked · 130 Ctrl-C · 143 terminated (SIGTERM).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .errors import DeckgenError, Diagnostic

EXIT_OK, EXIT_OUTLINE, EXIT_DATA, EXIT_BUG, EXIT_ENVIRONMENT, EXIT_STRICT = 0, 1, 2, 3, 4, 5
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143


class Terminated(BaseException):
    """SIGTERM, turned into an exception so that the build stops the way Ctrl-C stops it."""


def _terminate(_signum, _frame) -> None:
    raise Terminated

EPILOG = """\b
Examples:
  deckgen build samples/annual-review/outline.yaml -o annual.pptx
  deckgen batch samples/shops-batch/outline.yaml -o decks/
  deckgen check outline.yaml
  deckgen init --kind campaign --locale zh-CN double11
  deckgen preview annual.pptx
  deckgen schema > deckgen.schema.json
"""


def _stderr(text: str) -> None:
    click.echo(text, err=True)


def _report(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        prefix = "warning: " if diagnostic.severity == "warning" else ""
        _stderr(prefix + diagnostic.render())


def _run(action: Callable[[], int], debug: bool, writes: bool = True) -> None:
    """Run a command, turning user errors into messages and bugs into exit code 3."""
    with _terminate_like_interrupt():
        code = _outcome(action, debug, writes)
    sys.exit(code)


def _outcome(action: Callable[[], int], debug: bool, writes: bool) -> int:
    try:
        return action()
    except DeckgenError as error:
        if not error.diagnostics:  # a failure must name its problem; one that cannot is a bug
            return _bug(RuntimeError("a failure reported no problem"), debug)
        _report(error.diagnostics)
        count = len(error.diagnostics)
        found = f"{count} problem{'s' if count != 1 else ''} found"
        _stderr(f"{found}; nothing was written." if writes else f"{found}.")
        return error.exit_code
    except KeyboardInterrupt:
        _stderr("interrupted; nothing was written." if writes else "interrupted.")
        return EXIT_INTERRUPTED
    except Terminated:
        _stderr("terminated; nothing was written." if writes else "terminated.")
        return EXIT_TERMINATED
    except Exception as error:  # noqa: BLE001 - anything else is a bug: report it as one
        return _bug(error, debug)


def _bug(error: Exception, debug: bool) -> int:
    if debug:
        traceback.print_exc()
    else:
        _stderr(f"internal error: {type(error).__name__}: {error}")
        _stderr("This is a bug in deckgen. Run again with --debug for the full traceback and report it.")
    return EXIT_BUG


@contextmanager
def _terminate_like_interrupt():
    """SIGTERM stops a command as Ctrl-C does (nothing half-written, a message); the old handler is put back."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckgen")
def main() -> None:
    """Turn a YAML outline plus a shop's data into a management-ready PowerPoint deck."""


debug_option = click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")


def _column_value(_ctx, param, text: str | None) -> tuple[str, str] | None:
    if text is None:
        return None
    column, _, value = text.partition("=")
    if not column.strip() or not value.strip():
        raise click.BadParameter(f"'{text}' is not COLUMN=VALUE, e.g. shop=S002", param=param)
    return column.strip(), value.strip()


def _progress_printer():
    """A live progress display on a terminal; plain lines otherwise."""
    if sys.stderr.isatty():
        from rich.console import Console

        console = Console(stderr=True)
        status = console.status("starting")
        status.start()
        return (lambda stage: status.update(f"[bold]{stage}…")), status.stop
    return (lambda stage: _stderr(f"deckgen: {stage}")), (lambda: None)


@main.command(epilog="Example: deckgen build samples/annual-review/outline.yaml -o annual.pptx")
@click.argument("outline", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Where to write the deck (default: "
              "FOLDER.pptx beside the outline, named after its folder).")
@click.option("--strict", is_flag=True, help="Treat warnings (such as text that does not fit) as errors: "
              "exit 5 and write nothing.")
@click.option("--watch", is_flag=True, help="Rebuild whenever the outline or a file beside it changes (Ctrl-C stops).")
@click.option("--each", metavar="COLUMN=VALUE", callback=_column_value, help="Build one deck of a parameterised "
              "outline (deck.each), e.g. --each shop=S002.")
@debug_option
def build(outline: Path, output: Path | None, strict: bool, watch: bool, each: tuple[str, str] | None,
          debug: bool) -> None:
    """Build the deck described by OUTLINE."""

    def once() -> int:
        from .pipeline import build as build_deck

        binding, target = _one_of_batch(outline, each, output)
        update, stop = _progress_printer()
        try:
            result = build_deck(outline, target, progress=update, strict=strict, each=binding)
        finally:
            stop()
        for note in result.notes:
            _stderr(f"read {note}")
        _report(result.warnings)
        click.echo(f"wrote {result.output} ({result.slides} slides, {result.charts} charts)")
        return EXIT_OK

    if not watch:
        _run(once, debug)
    _run(lambda: _watch(outline, once), debug)


def _one_of_batch(outline: Path, each: tuple[str, str] | None, output: Path | None):
    """``--each shop=S002``: that shop's row of the deck list, and its output unless -o says otherwise."""
    if each is None:
        return None, output
    from .batch import plan_batch

    column, value = each
    (deck,) = plan_batch(outline, only=(value,))
    if deck.binding.get(column) != value:
        from .errors import OutlineError, SourceSpan

        listed = next(name for name, cell in deck.binding.items() if cell == deck.key)
        raise OutlineError([Diagnostic("outline.each_column", f"the decks are listed by '{listed}', not '{column}'",
                                       SourceSpan(str(outline)), f"--each {listed}={value}")])
    return deck.binding, output or deck.output


def _watch(outline: Path, rebuild: Callable[[], int]) -> int:
    """Build, then rebuild on every change to the outline's folder (decks and temporary files aside).
    A failed rebuild is reported and the watch goes on; only Ctrl-C ends it."""
    from watchfiles import watch

    def attempt() -> None:
        try:
            rebuild()
        except DeckgenError as error:
            _report(error.diagnostics)
            _stderr("the deck was not rebuilt; fix the outline and save again.")

    def relevant(_change, path: str) -> bool:
        hidden = any(part.startswith(".") and part not in (".", "..") for part in Path(path).parts)
        return not hidden and not path.endswith((".pptx", ".tmp", ".pdf", ".png", "~"))

    folder = outline.parent.resolve()
    try:
        attempt()
        # Said inside the try: a Ctrl-C that follows the line at once still stops the watch cleanly.
        _stderr(f"watching {folder} (Ctrl-C stops)")
        for _ in watch(folder, watch_filter=relevant):
            attempt()
    except (KeyboardInterrupt, Terminated):  # Ctrl-C or SIGTERM, while waiting or rebuilding
        _stderr("stopped watching.")
    return EXIT_OK


@main.command(epilog="Example: deckgen batch samples/shops-batch/outline.yaml -o decks/ --jobs 2")
@click.argument("outline", type=click.Path(path_type=Path))
@click.option("-o", "--output-dir", type=click.Path(path_type=Path), help="Folder the decks' names (deck.each.output) "
              "are relative to (default: the outline's folder).")
@click.option("--each", metavar="COLUMN=SOURCE", callback=_column_value, help="The deck list instead of deck.each: a "
              "data file's column (shop=data/shops.csv) or values (shop=S001,S002).")
@click.option("--only", multiple=True, metavar="VALUE", help="Build only the deck for VALUE (repeatable).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a process pool on this machine; dask: Dask distributed workers.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes (local) or LocalCluster workers (dask); "
              "default: one per core.")
@click.option("--scheduler", metavar="ADDRESS", help="With --engine dask: the scheduler, e.g. tcp://10.0.0.5:8786 "
              "(default: a LocalCluster on this machine).")
@click.option("--collect", is_flag=True, help="With --engine dask: workers send each deck back and it is written "
              "here (default: workers write into the output folder, which they must share).")
@click.option("--strict", is_flag=True, help="A deck with warnings fails (exit 5 for it); the others go on.")
@debug_option
def batch(outline: Path, output_dir: Path | None, each: tuple[str, str] | None, only: tuple[str, ...], engine: str,
          jobs: int | None, scheduler: str | None, collect: bool, strict: bool, debug: bool) -> None:
    """Build one deck per value of OUTLINE's deck.each (e.g. per shop); report what was built and what failed."""

    def action() -> int:
        import time

        from .batch import run_batch
        from .batch.report import summary

        start = time.perf_counter()
        update, stop = _batch_progress()
        try:
            result = run_batch(outline, output_dir, engine=engine, jobs=jobs, scheduler=scheduler, collect=collect,
                               each=_override(each), only=only, strict=strict,
                               progress=update)
        finally:
            stop()
        for line in summary(result.outcomes, time.perf_counter() - start):
            click.echo(line)
        return result.exit_code

    _run(action, debug, writes=False)  # interrupted, the decks built so far stay


def _override(each: tuple[str, str] | None):
    """--each COLUMN=SOURCE, a data file relative to the current folder (not the outline's)."""
    if each is None:
        return None
    from .batch import EachOverride

    column, source = each
    return EachOverride(column, str(Path(source).resolve()) if Path(source).is_file() else source)


def _batch_progress():
    """A progress bar on a terminal; a plain line per finished deck otherwise."""
    from .batch.report import progress_line

    if not sys.stderr.isatty():
        return (lambda outcome, done, total: _stderr(progress_line(outcome, done, total))), (lambda: None)
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True), transient=True)
    task = bar.add_task("building decks", total=None)
    bar.start()

    def update(outcome, done: int, total: int) -> None:
        bar.update(task, completed=done, total=total, description=f"built {outcome.key}" if outcome.ok
                   else f"[red]{outcome.key} failed")
        if not outcome.ok:
            bar.console.print(progress_line(outcome, done, total))

    return update, bar.stop


@main.command(epilog="Example: deckgen check outline.yaml")
@click.argument("outline", type=click.Path(path_type=Path))
@click.option("--no-data", is_flag=True, help="Check the outline only, without reading the data files.")
@click.option("--strict", is_flag=True, help="Treat warnings (text that does not fit, overlaps, a layout the "
              "template lacks) as errors: exit 5.")
@click.option("--each", metavar="COLUMN=VALUE", callback=_column_value, help="Check one deck of a parameterised "
              "outline (deck.each), e.g. --each shop=S002.")
@debug_option
def check(outline: Path, no_data: bool, strict: bool, each: tuple[str, str] | None, debug: bool) -> None:
    """Report every problem in OUTLINE, its data and its layout, as file:line:col messages."""

    def action() -> int:
        from .pipeline import check_outline, lay_out

        binding, _ = _one_of_batch(outline, each, None)
        warnings = list(check_outline(outline, binding).warnings) if no_data else lay_out(outline, each=binding).warnings
        _report(warnings)
        if warnings:
            click.echo(f"{outline}: {len(warnings)} warning{'s' if len(warnings) != 1 else ''}")
            return EXIT_STRICT if strict else EXIT_OK
        click.echo(f"{outline}: ok")
        return EXIT_OK

    _run(action, debug, writes=False)


@main.command(epilog="Example: deckgen init --kind campaign --locale zh-CN double11")
@click.option("--kind", type=click.Choice(["annual", "campaign", "monthly"]), default="annual", show_default=True,
              help="The kind of deck: annual review, campaign post-mortem or monthly report.")
@click.option("--locale", type=click.Choice(["zh-CN", "en-US", "es-ES"]), default="zh-CN", show_default=True,
              help="The language of the outline and the sample data.")
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@debug_option
def init(kind: str, locale: str, folder: Path | None, debug: bool) -> None:
    """Write a working outline, sample data and a README into FOLDER (default: KIND-deck)."""

    def action() -> int:
        from .starters import write_starter

        target = folder or Path(f"{kind}-deck")
        outline = write_starter(kind, locale, target)
        click.echo(f"wrote {outline} with sample data in {outline.parent / 'data'}")
        click.echo(f"next: deckgen build {outline}")
        return EXIT_OK

    _run(action, debug)


@main.command()
def schema() -> None:
    """Print the outline's JSON Schema (for editor autocompletion)."""
    import json

    from .outline.schema import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@main.command(epilog="Example: deckgen metrics --markdown > docs/metrics.md")
@click.option("--markdown", is_flag=True, help="Print the catalogue as Markdown (the text of docs/metrics.md).")
@click.option("--locale", type=click.Choice(["zh-CN", "zh-TW", "en-US", "es-ES"]), default=None,
              help="Show the metric names of this deck locale only (default: zh-CN; with --markdown, all four).")
def metrics(markdown: bool, locale: str | None) -> None:
    """List the metric catalogue: metrics an outline can use without defining them."""
    from .outline.catalogue import catalogue
    from .outline.catalogue_listing import render_markdown, render_text

    if markdown:
        click.echo(render_markdown(catalogue(), locale), nl=False)
    else:
        click.echo(render_text(catalogue(), locale or "zh-CN"), nl=False)


@main.command(epilog="Example: deckgen preview annual.pptx -o previews/")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), help="Folder for the PDF and PNGs "
              "(default: beside the deck).")
@click.option("--dpi", default=50, show_default=True, help="Resolution of the PNG pages.")
@debug_option
def preview(source: Path, out_dir: Path | None, dpi: int, debug: bool) -> None:
    """Render a deck (or build OUTLINE first) to PDF, PNG pages and a contact sheet via LibreOffice."""

    def action() -> int:
        from .preview import preview_deck

        deck = source
        if source.suffix.lower() in (".yaml", ".yml"):
            from .pipeline import build as build_deck

            deck = build_deck(source).output
        result = preview_deck(deck, out_dir or deck.parent, dpi=dpi)
        click.echo(f"wrote {result.pdf}")
        click.echo(f"wrote {len(result.pages)} pages in {result.pages[0].parent}" if result.pages else "no pages")
        if result.contact_sheet:
            click.echo(f"wrote {result.contact_sheet}")
        return EXIT_OK

    _run(action, debug)


if __name__ == "__main__":  # pragma: no cover
    main()
