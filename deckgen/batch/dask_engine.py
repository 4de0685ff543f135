"""The Dask engine: the same decks on a Dask distributed cluster, or on a LocalCluster of this machine.

Each task builds one whole deck. Tables stay in the worker process between tasks (``data.cache``), so a
worker reads each data file at most once however many decks it builds. Decks are written by the workers to
``output`` (which must then be a folder every worker and the client see, e.g. a network share) or, with
``collect``, returned to the client and written there.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator

from ..errors import Diagnostic, EnvironmentProblem, SourceSpan
from ..output import atomic_write
from .deck import DeckOutcome, build_deck
from .plan import PlannedDeck

_one_at_a_time = threading.Lock()  # matplotlib's rc_context is process-wide: one deck per process at a time


def run_dask(outline: str, decks: list[PlannedDeck], jobs: int | None, strict: bool, scheduler: str | None,
             collect: bool, processes: bool = True) -> Iterator[DeckOutcome]:
    distributed = _import_distributed()
    client, cluster = _connect(distributed, scheduler, jobs, processes)
    try:
        run = uuid.uuid4().hex[:12]  # keys are the cluster's: another batch on it must not share them
        futures = [client.submit(_task, outline, deck, strict, collect, pure=False, key=f"deckgen-{run}-{i}")
                   for i, deck in enumerate(decks)]
        index = dict(zip(futures, decks, strict=True))
        for future in distributed.as_completed(futures):
            yield _received(future, index[future])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _task(outline: str, deck: PlannedDeck, strict: bool, collect: bool) -> DeckOutcome:
    with _one_at_a_time:
        return build_deck(outline, deck, strict, collect)


def _received(future, deck: PlannedDeck) -> DeckOutcome:
    from dataclasses import replace

    try:
        outcome = future.result()
    except Exception as error:  # noqa: BLE001 - a lost worker fails its deck, not the batch
        return DeckOutcome(deck.key, deck.output, False, 0.0, message=f"worker failed: {type(error).__name__}: "
                           f"{error}", exit_code=3)
    if outcome.payload is not None:
        atomic_write(deck.output, outcome.payload)
        outcome = replace(outcome, payload=None)
    return outcome


def _connect(distributed, scheduler: str | None, jobs: int | None, processes: bool):
    if scheduler:
        try:
            return distributed.Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as error:
            raise EnvironmentProblem([Diagnostic(
                "environment.scheduler", f"cannot reach the Dask scheduler at {scheduler}: {error}",
                SourceSpan("deckgen"), "start it with 'dask scheduler' and workers with 'dask worker "
                f"{scheduler} --nthreads 1', or leave out --scheduler for a cluster on this machine")]) from None
    import os

    workers = jobs or os.cpu_count() or 1
    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                                       dashboard_address=None)
    return distributed.Client(cluster), cluster


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise EnvironmentProblem([Diagnostic(
            "environment.dask", "the dask engine needs Dask distributed, which is not installed", SourceSpan("deckgen"),
            "pip install 'deckgen[dask]' (on the client and on every worker)")]) from None
    return distributed
