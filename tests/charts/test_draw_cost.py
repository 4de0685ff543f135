"""What a chart costs to draw: pixels drawn once, at the resolution the slide needs, by workers started
before the data is loaded."""

from __future__ import annotations

import io
from pathlib import Path

from matplotlib.figure import Figure
from PIL import Image

from deckgen import pipeline
from deckgen.charts import batch
from deckgen.charts.render import render_chart
from deckgen.charts.spec import ChartSpec, Series
from deckgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
THEME = load_theme("default", {"latin": "Arial", "east_asian": "Microsoft YaHei", "chart": ["Noto Sans CJK SC"]},
                   red_is_good=True)
MONTHS = tuple(f"{month}月" for month in range(1, 13))
SPECS = [
    ChartSpec(kind="bar", categories=MONTHS, series=(Series("GMV", tuple(float(m * 7 % 11 + 3) for m in range(12))),
                                                     Series("去年", tuple(float(m % 5 + 2) for m in range(12))))),
    ChartSpec(kind="line", categories=MONTHS, series=(Series("访客", tuple(float(m * m) for m in range(12))),)),
    ChartSpec(kind="donut", categories=("天猫", "京东", "抖音"), series=(Series("GMV", (5.0, 3.0, 2.0)),)),
]


def test_each_chart_is_rasterised_once(monkeypatch):
    """Laying out and measuring labels draws no pixels (matplotlib's disabled renderer); saving draws them."""
    original = Figure.draw
    passes = {"pixels": 0, "layout": 0}

    def counting(self, renderer):
        passes["layout" if "draw_path" in vars(renderer) else "pixels"] += 1  # no-op draw methods: layout only
        return original(self, renderer)

    monkeypatch.setattr(Figure, "draw", counting)
    for spec in SPECS:
        passes.update(pixels=0, layout=0)
        render_chart(spec, THEME, 6.0, 3.5, dpi=144)
        assert passes["pixels"] == 1, spec.kind
        assert 1 <= passes["layout"] <= 3, spec.kind


def test_resolution_follows_the_slide_width():
    """A 1080p screen shows 1,920 pixels across the slide: 144 per inch of a 16:9 slide, 192 of a 4:3 one."""
    assert batch.chart_dpi(13.333) == 144
    assert batch.chart_dpi(10.0) == 192
    png = batch.render_all({"a": (SPECS[0], 6.0, 3.5)}, THEME, dpi=batch.chart_dpi(13.333))["a"]
    assert Image.open(io.BytesIO(png)).size == (864, 504)


def test_chart_workers_start_before_the_data_loads(monkeypatch, tmp_path):
    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path / "cache"))
    events = []

    class Recording(batch.ChartPool):
        def __init__(self, workers=None):
            super().__init__(workers)
            if self.running:
                events.append(("workers", len(self._executor._processes)))

        def render(self, jobs, theme, dpi):
            events.append(("draw", len(jobs)))
            return super().render(jobs, theme, dpi)

    loading = pipeline.load_data
    monkeypatch.setattr(batch, "ChartPool", Recording)
    monkeypatch.setattr(pipeline, "load_data", lambda checked: (events.append(("load", 0)), loading(checked))[1])
    result = pipeline.build(ROOT / "samples" / "monthly-report" / "outline.yaml", tmp_path / "deck.pptx", jobs=2)
    assert events == [("workers", 2), ("load", 0), ("draw", result.charts)]


def test_no_workers_for_a_deck_without_charts(tmp_path):
    """Bullets and KPI cards draw nothing: no processes are started for them."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from deck_size import outline_text

    outline = tmp_path / "outline.yaml"
    outline.write_text(outline_text(20), encoding="utf-8")
    assert not pipeline.may_draw_charts(pipeline.check_outline(outline).outline)
    assert pipeline.may_draw_charts(pipeline.check_outline(ROOT / "samples" / "monthly-report" / "outline.yaml").outline)


def test_a_rebuild_starts_no_workers_early(monkeypatch, tmp_path):
    """A rebuild in the same process loads its tables from the cache, so there is nothing to hide worker
    start-up behind, and after an edited sentence no chart to draw: no processes compete with it."""
    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path / "cache"))
    started = []

    class Recording(batch.ChartPool):
        def __init__(self, workers=None):
            super().__init__(workers)
            started.append(self.running)

    monkeypatch.setattr(batch, "ChartPool", Recording)
    outline = ROOT / "samples" / "monthly-report" / "outline.yaml"
    runs = []
    for _ in range(2):  # cold, then the rebuild
        started.clear()
        pipeline.build(outline, tmp_path / "deck.pptx", jobs=2)
        runs.append(any(started))
    assert runs == [True, False]


def test_charts_are_drawn_here_when_a_worker_dies(tmp_path):
    """A worker killed from outside (out of memory, an operator's kill) breaks the pool; the build draws the
    charts itself instead of failing."""
    import os
    import signal

    with batch.ChartPool(2) as pool:
        victim = next(iter(pool._executor._processes))
        os.kill(victim, signal.SIGKILL)
        pictures = pool.render([(spec, 6.0, 3.5) for spec in SPECS], THEME, 72)
        assert len(pictures) == len(SPECS) and all(png.startswith(b"\x89PNG") for png in pictures)
        assert not pool.running
