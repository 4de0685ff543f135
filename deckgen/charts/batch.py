"""Render many charts: from a content-addressed cache when possible, in parallel processes otherwise.

A chart's PNG depends only on its spec, its box size, the theme and the versions of deckgen and
matplotlib, so that is its cache key; a rebuild after editing one sentence draws nothing again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

from .. import __version__
from ..theme import Theme
from .spec import ChartSpec

DPI = 200
Job = tuple[ChartSpec, float, float]  # spec, width_in, height_in


def cache_dir() -> Path | None:
    """``$DECKGEN_CACHE_DIR``, else the user's cache folder; ``DECKGEN_CACHE_DIR=off`` disables it."""
    configured = os.environ.get("DECKGEN_CACHE_DIR")
    if configured is not None:
        return None if configured.lower() in ("", "0", "off", "none") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "deckgen" / "charts"


def cache_key(job: Job, theme: Theme) -> str:
    import matplotlib

    spec, width_in, height_in = job
    content = repr((spec, round(width_in, 4), round(height_in, 4), theme, DPI, __version__, matplotlib.__version__,
                    _drawing_code()))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


@cache
def _drawing_code() -> str:
    """A digest of the chart code and fonts, so a changed drawer never serves an old picture."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in sorted(here.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def render_all(jobs: Mapping[str, Job], theme: Theme, workers: int | None = None) -> dict[str, bytes]:
    """PNG bytes for every job, keyed as given."""
    folder = cache_dir()
    keys = {name: cache_key(job, theme) for name, job in jobs.items()}
    pictures: dict[str, bytes] = {}
    missing = []
    for name, key in keys.items():
        cached = _read(folder, key)
        if cached is None:
            missing.append(name)
        else:
            pictures[name] = cached
    for name, png in zip(missing, _render_many([jobs[n] for n in missing], theme, workers)):
        pictures[name] = png
        _write(folder, keys[name], png)
    return pictures


def _render_many(jobs: list[Job], theme: Theme, workers: int | None) -> list[bytes]:
    """``$DECKGEN_JOBS`` processes at most (default: one per core); one job or one worker runs inline."""
    workers = workers or int(os.environ.get("DECKGEN_JOBS", "0") or 0) or os.cpu_count() or 1
    count = min(workers, len(jobs))
    if count <= 1:
        return [_render(job, theme) for job in jobs]
    pool = ProcessPoolExecutor(max_workers=count, initializer=follow_parent, initargs=(os.getpid(),))
    try:
        return list(pool.map(_render, jobs, [theme] * len(jobs)))
    finally:  # on Ctrl-C too: queued drawings are dropped, not waited for
        pool.shutdown(wait=True, cancel_futures=True)


def follow_parent(parent: int) -> None:
    """A drawing worker ends with the build: Ctrl-C is the build's to handle (the terminal sends it to the
    whole process group), and when the build is killed the worker exits instead of lingering."""
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="deckgen-parent-watch").start()


def _die_with_parent() -> None:
    """Linux: ask the kernel to end this process the moment its parent dies (elsewhere the watch thread does)."""
    import ctypes
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _render(job: Job, theme: Theme) -> bytes:
    from .render import render_chart

    spec, width_in, height_in = job
    return render_chart(spec, theme, width_in, height_in, dpi=DPI)


def _read(folder: Path | None, key: str) -> bytes | None:
    if folder is None:
        return None
    try:
        return (folder / f"{key}.png").read_bytes()
    except OSError:
        return None


def _write(folder: Path | None, key: str, png: bytes) -> None:
    """Best effort: a cache that cannot be written only costs time."""
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{key}.{os.getpid()}.tmp"
        temporary.write_bytes(png)
        temporary.replace(folder / f"{key}.png")
    except OSError:
        pass
