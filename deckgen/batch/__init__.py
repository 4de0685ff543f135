"""One outline, many decks: ``deckgen batch`` as a Python API.

    from deckgen.batch import run_batch
    result = run_batch(Path("samples/shops-batch/outline.yaml"), jobs=2)
    for outcome in result.failed:
        print(outcome.key, outcome.message)

Decks are built in a local process pool (``engine="local"``) or on Dask distributed (``engine="dask"``, with
``scheduler`` an address such as ``tcp://10.0.0.5:8786``, or a LocalCluster when none is given).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from .deck import DeckOutcome
from .plan import EachOverride, PlannedDeck, plan_batch

__all__ = ["BatchResult", "DeckOutcome", "EachOverride", "PlannedDeck", "plan_batch", "run_batch"]

Progress = Callable[[DeckOutcome, int, int], None]  # an outcome, how many are done, how many in all


@dataclass(frozen=True)
class BatchResult:
    outcomes: tuple[DeckOutcome, ...]  # in the order of the deck list

    @property
    def built(self) -> tuple[DeckOutcome, ...]:
        return tuple(outcome for outcome in self.outcomes if outcome.ok)

    @property
    def failed(self) -> tuple[DeckOutcome, ...]:
        return tuple(outcome for outcome in self.outcomes if not outcome.ok)

    @property
    def exit_code(self) -> int:
        """0 when every deck was built; else the highest exit code among the failed decks."""
        return max((outcome.exit_code for outcome in self.failed), default=0)


def run_batch(outline: Path, out_dir: Path | None = None, *, engine: str = "local", jobs: int | None = None,
              scheduler: str | None = None, collect: bool = False, each: EachOverride | None = None,
              only: tuple[str, ...] = (), strict: bool = False, progress: Progress | None = None,
              local_processes: bool = True) -> BatchResult:
    """Build every deck of ``outline``. A deck that fails is reported in the result; the others are built.

    ``jobs``: processes (local) or LocalCluster workers (dask); default one per core. ``collect`` (dask):
    workers return each deck to this process, which writes it; otherwise workers write to ``out_dir``
    themselves. ``local_processes=False`` runs a LocalCluster's workers as threads of this process."""
    decks = plan_batch(outline, out_dir, each, only)
    if engine == "dask":  # workers elsewhere know no current folder: absolute paths (the messages say so too)
        from .dask_engine import run_dask

        sent = decks if collect else [replace(deck, output=deck.output.resolve()) for deck in decks]
        finished = run_dask(str(outline.resolve()), sent, jobs, strict, scheduler, collect, local_processes)
    elif engine == "local":
        from .local import run_local

        finished = run_local(str(outline), decks, jobs, strict)
    else:
        raise ValueError(f"unknown engine {engine!r}: local or dask")
    outcomes: dict[str, DeckOutcome] = {}
    for outcome in finished:
        outcomes[outcome.key] = outcome
        if progress is not None:
            progress(outcome, len(outcomes), len(decks))
    return BatchResult(tuple(outcomes[deck.key] for deck in decks))
