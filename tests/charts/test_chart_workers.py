"""The chart cache: a second build of the same chart is read back, not drawn again."""

from __future__ import annotations

from deckgen.charts import batch
from deckgen.charts.spec import ChartSpec, Series
from deckgen.theme import load_theme

THEME = load_theme("default", {"latin": "Arial", "east_asian": "Microsoft YaHei", "chart": ["Noto Sans CJK SC"]},
                   red_is_good=True)
SPEC = ChartSpec(kind="bar", categories=("天猫", "京东"), series=(Series("GMV", (3.0, 1.0)),))


def test_second_render_comes_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path))
    first = batch.render_all({"a": (SPEC, 4.0, 3.0)}, THEME)
    assert len(list(tmp_path.glob("*.png"))) == 1
    monkeypatch.setattr(batch, "_render", lambda job, theme: (_ for _ in ()).throw(AssertionError("drawn again")))
    again = batch.render_all({"b": (SPEC, 4.0, 3.0)}, THEME)
    assert again["b"] == first["a"]


def test_a_different_size_is_a_different_picture(tmp_path, monkeypatch):
    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path))
    pictures = batch.render_all({"small": (SPEC, 4.0, 3.0), "large": (SPEC, 6.0, 3.0)}, THEME, workers=2)
    assert pictures["small"] != pictures["large"]
    assert len(list(tmp_path.glob("*.png"))) == 2


def test_cache_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("DECKGEN_CACHE_DIR", "off")
    assert batch.cache_dir() is None
