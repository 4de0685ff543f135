"""Build one deck of a batch, wherever it runs: a failure becomes a value, never an exception, so one
bad shop does not stop the rest."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DeckgenError
from .plan import PlannedDeck

EXIT_BUG = 3


@dataclass(frozen=True)
class DeckOutcome:
    key: str  # the value of the each column
    output: Path
    ok: bool
    seconds: float
    slides: int = 0
    charts: int = 0
    message: str = ""  # why it failed: the diagnostics as file:line:col lines with hints
    exit_code: int = 0  # what `deckgen build` would have exited with
    warnings: tuple[str, ...] = ()
    payload: bytes | None = field(default=None, repr=False)  # the deck, when it travels back to the client


def build_deck(outline: str, deck: PlannedDeck, strict: bool = False, collect: bool = False) -> DeckOutcome:
    """Build ``deck``; with ``collect``, into memory (the caller writes ``payload`` to ``deck.output``).
    Charts are drawn in this process: the batch's workers already use every core."""
    from ..pipeline import build

    start = time.perf_counter()
    try:
        if collect:
            with tempfile.TemporaryDirectory(prefix="deckgen-") as folder:
                target = Path(folder) / deck.output.name
                result = build(Path(outline), target, strict=strict, each=deck.binding, jobs=1)
                payload = target.read_bytes()
        else:
            result = build(Path(outline), deck.output, strict=strict, each=deck.binding, jobs=1)
            payload = None
    except DeckgenError as error:
        return DeckOutcome(deck.key, deck.output, False, time.perf_counter() - start, message=error.render(),
                           exit_code=error.exit_code)
    except Exception as error:  # noqa: BLE001 - a bug in one deck is reported with the others, not raised
        return DeckOutcome(deck.key, deck.output, False, time.perf_counter() - start,
                           message=f"internal error: {type(error).__name__}: {error}", exit_code=EXIT_BUG)
    return DeckOutcome(deck.key, deck.output, True, time.perf_counter() - start, result.slides, result.charts,
                       warnings=tuple(w.render() for w in result.warnings), payload=payload)


def warm_up(batch: int) -> None:
    """A worker ends with the batch (Ctrl-C is the batch's to handle) and imports what every deck needs once,
    so its first deck does not pay for it."""
    from ..charts.batch import follow_parent

    follow_parent(batch)
    import matplotlib.backends.backend_agg  # noqa: F401
    import pandas  # noqa: F401
    import pptx  # noqa: F401

    from .. import pipeline  # noqa: F401
