"""Render many charts: from a content-addressed cache when possible, in parallel processes otherwise.

A chart's PNG depends only on its spec, its box size, its resolution, the theme and the versions of deckgen
and matplotlib, so that is its cache key; a rebuild after editing one sentence draws nothing again.

Resolution: a chart has as many pixels as a 1080p screen shows of its box when the slide fills the screen's
width (1,920 pixels across the slide: 144 dpi on a 13.33-inch wide slide). More pixels would not be seen on
such a screen and cost drawing and compressing time; at PowerPoint's 100 % zoom the picture is shown smaller
still, so it stays sharp there too.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path
from typing import Self

from .. import __version__
from ..resources import fonts_dir
from ..theme import Theme
from .spec import ChartSpec

SCREEN_WIDTH_PX = 1920  # a 1080p screen, the slide shown full width
Job = tuple[ChartSpec, float, float]  # spec, width_in, height_in


def chart_dpi(slide_width_in: float) -> int:
    """Pixels per inch of the charts on a slide ``slide_width_in`` wide (see the module's notes)."""
    return max(72, round(SCREEN_WIDTH_PX / slide_width_in))


def cache_dir() -> Path | None:
    """``$DECKGEN_CACHE_DIR``, else the user's cache folder; ``DECKGEN_CACHE_DIR=off`` disables it."""
    configured = os.environ.get("DECKGEN_CACHE_DIR")
    if configured is not None:
        return None if configured.lower() in ("", "0", "off", "none") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "deckgen" / "charts"


def cache_key(job: Job, theme: Theme, dpi: int) -> str:
    import matplotlib

    spec, width_in, height_in = job
    content = repr((spec, round(width_in, 4), round(height_in, 4), theme, dpi, __version__, matplotlib.__version__,
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


def render_all(jobs: Mapping[str, Job], theme: Theme, workers: int | None = None, *, dpi: int = 144,
               pool: ChartPool | None = None) -> dict[str, bytes]:
    """PNG bytes for every job, keyed as given, at ``dpi``. ``pool``: workers started earlier (by
    :class:`ChartPool`); without one, a pool of ``workers`` is started here when more than one chart is drawn."""
    folder = cache_dir()
    keys = {name: cache_key(job, theme, dpi) for name, job in jobs.items()}
    pictures: dict[str, bytes] = {}
    missing = []
    for name, key in keys.items():
        cached = _read(folder, key)
        if cached is None:
            missing.append(name)
        else:
            pictures[name] = cached
    work = [jobs[name] for name in missing]
    if pool is not None and pool.running:
        drawn = pool.render(work, theme, dpi)
    else:
        with ChartPool(workers if len(work) > 1 else 1) as fresh:
            drawn = fresh.render(work, theme, dpi)
    for name, png in zip(missing, drawn, strict=True):
        pictures[name] = png
        _write(folder, keys[name], png)
    return pictures


class ChartPool:
    """Processes that draw charts, started before they are needed: a build starts them first thing, so that
    their start-up (forking, importing matplotlib, reading the fonts) happens while it loads its data.

    ``workers``: ``$DECKGEN_JOBS`` processes at most (default: one per core); with one, charts are drawn in
    this process and nothing is started. Use as a context manager: leaving it stops the workers."""

    def __init__(self, workers: int | None = None):
        count = workers or int(os.environ.get("DECKGEN_JOBS", "0") or 0) or os.cpu_count() or 1
        self._executor = None
        if count > 1:
            # forked where the platform forks: a worker then has what the build imported, and it never
            # touches the build's DuckDB database (the reason batch workers come from a fork server)
            self._executor = ProcessPoolExecutor(max_workers=count, initializer=warm_worker,
                                                 initargs=(os.getpid(),))
            for _ in range(count):  # the pool starts its processes on the first submission
                self._executor.submit(int)

    @property
    def running(self) -> bool:
        return self._executor is not None

    def render(self, jobs: list[Job], theme: Theme, dpi: int) -> list[bytes]:
        """PNGs in the order of ``jobs``; one job is drawn here (sending it would cost more than drawing)."""
        if self._executor is None or len(jobs) <= 1:
            return [_render(job, theme, dpi) for job in jobs]
        from concurrent.futures.process import BrokenProcessPool

        try:
            return list(self._executor.map(_render, jobs, [theme] * len(jobs), [dpi] * len(jobs)))
        except BrokenProcessPool:  # a worker killed from outside (out of memory): the build still finishes
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
            return [_render(job, theme, dpi) for job in jobs]

    def close(self) -> None:
        """Stop the workers; on Ctrl-C too: queued drawings are dropped, not waited for."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def warm_worker(build: int) -> None:
    """A drawing worker follows its build (below) and imports the drawing code before its first chart."""
    follow_parent(build)
    from matplotlib import font_manager

    from . import render  # noqa: F401  (matplotlib, its Agg canvas and the chart modules)
    from .fonts import BUNDLED_FILES, register_bundled_fonts

    register_bundled_fonts()
    for name in BUNDLED_FILES:  # opened once per process (kept by matplotlib), so open them now
        font_manager.get_font(str(fonts_dir() / name))


def follow_parent(build: int) -> None:
    """A drawing worker ends with the build (process ``build``): Ctrl-C is the build's to handle (the terminal
    sends it to the whole process group), and when the build is killed the worker exits instead of
    lingering. The build is watched by its process id: a worker's parent may be the fork server, which
    itself lives as long as its workers do."""
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()

    def watch() -> None:
        while _alive(build):
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="deckgen-parent-watch").start()


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a killed build no longer does, even before it is reaped)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:  # no /proc (macOS): ask the kernel whether the id is taken
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


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


def _render(job: Job, theme: Theme, dpi: int) -> bytes:
    from .render import render_chart

    spec, width_in, height_in = job
    return render_chart(spec, theme, width_in, height_in, dpi=dpi)


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
