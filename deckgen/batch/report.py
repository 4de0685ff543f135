"""The batch's words: a progress line per deck and the closing summary table, as text (cli.py prints)."""

from __future__ import annotations

from collections.abc import Sequence

from .deck import DeckOutcome


def progress_line(outcome: DeckOutcome, done: int, total: int) -> str:
    width = len(str(total))
    if outcome.ok:
        return (f"[{done:>{width}}/{total}] built  {outcome.key}: {outcome.output} ({outcome.slides} slides, "
                f"{outcome.seconds:.1f} s)")
    return f"[{done:>{width}}/{total}] FAILED {outcome.key}: {_first_line(outcome.message)}"


def summary(outcomes: Sequence[DeckOutcome], seconds: float) -> list[str]:
    """A table of every deck (built, or failed with the first line of its message), then each failure's
    full message, then one line of totals."""
    rows = [("deck", "result", "slides", "seconds", "output / problem")]
    for outcome in outcomes:
        rows.append((outcome.key, "built" if outcome.ok else "FAILED", str(outcome.slides) if outcome.ok else "",
                     f"{outcome.seconds:.1f}",
                     f"{outcome.output}{_warned(outcome)}" if outcome.ok else _first_line(outcome.message)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)) + "  " + row[4]
             for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths) + "  " + "-" * 16)
    failed = [outcome for outcome in outcomes if not outcome.ok]
    for outcome in failed:
        lines += ["", f"{outcome.key} failed:", *("  " + line for line in outcome.message.splitlines())]
    built = len(outcomes) - len(failed)
    lines += ["", f"{built} built, {len(failed)} failed, {len(outcomes)} decks in {seconds:.1f} s"]
    return lines


def _warned(outcome: DeckOutcome) -> str:
    count = len(outcome.warnings)
    return f" ({count} warning{'s' if count != 1 else ''}: deckgen check --each …)" if count else ""


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else "failed"
