"""The local engine: a pool of processes, each building whole decks (and keeping the tables it read)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed

from .deck import DeckOutcome, build_deck, warm_up
from .plan import PlannedDeck


def run_local(outline: str, decks: list[PlannedDeck], jobs: int | None, strict: bool) -> Iterator[DeckOutcome]:
    """Outcomes as decks finish. One job (or one deck) builds in this process, without a pool."""
    workers = min(jobs or os.cpu_count() or 1, len(decks))
    if workers <= 1:
        for deck in decks:
            yield build_deck(outline, deck, strict)
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_worker_processes(), initializer=warm_up,
                               initargs=(os.getpid(),))
    try:
        futures = [pool.submit(build_deck, outline, deck, strict) for deck in decks]
        yield from _finished(futures, decks, lambda future: future.result())
    finally:  # on Ctrl-C too: decks not started are dropped, not waited for
        pool.shutdown(wait=True, cancel_futures=True)


def _finished(futures: list, decks: list[PlannedDeck], result: Callable) -> Iterator[DeckOutcome]:
    index = {future: deck for future, deck in zip(futures, decks, strict=True)}
    for future in as_completed(futures):
        try:
            yield result(future)
        except Exception as error:  # noqa: BLE001 - a worker that died takes only its own deck with it
            deck = index[future]
            yield DeckOutcome(deck.key, deck.output, False, 0.0, message=f"worker failed: {type(error).__name__}: "
                              f"{error}", exit_code=3)


def _worker_processes():
    """How batch workers start: forked from a fork server where there is one (Linux, macOS), else as the
    platform does. A worker forked from a process that has built decks would inherit its table cache, whose
    tables live in the parent's DuckDB database, and DuckDB does not survive a fork: the worker crashes on
    its first query. The server is a fresh process that imports nothing (it starts at once and ends with the
    batch); each worker imports what it needs."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([])  # not even the main module: a script without a main guard stays unrun there
    return context
