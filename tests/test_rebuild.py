"""A rebuild after editing one sentence reads no table again, computes no metric again and draws no chart again,
and writes the deck a cold build writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deckgen.data import cache
from deckgen.pipeline import build

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "monthly-report"


def test_editing_a_conclusion_reuses_tables_metrics_and_charts(tmp_path: Path, monkeypatch) -> None:
    charts = tmp_path / "charts"
    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(charts))
    monkeypatch.setenv("DECKGEN_JOBS", "1")
    shutil.copytree(SAMPLE, tmp_path / "deck")
    outline = tmp_path / "deck" / "outline.yaml"
    cache.clear()
    build(outline, tmp_path / "first.pptx")
    parsed, drawn = cache.stats["parsed"], len(list(charts.iterdir()))
    engines = dict(cache._engines)
    text = outline.read_text(encoding="utf-8")
    longer = "conclusion: 大促期（1–14 日）日均销售额 {{ d11_daily }}，明显高于日常日，"
    outline.write_text(text.replace("conclusion: 大促期（1–14 日）日均销售额 {{ d11_daily }}，", longer, 1), encoding="utf-8")
    build(outline, tmp_path / "second.pptx")
    assert cache.stats["parsed"] == parsed  # no table read again
    assert dict(cache._engines) == engines  # the same metric engine, with its computed series
    assert len(list(charts.iterdir())) == drawn  # every chart from the cache: no box changed size
    shutil.rmtree(charts)
    cache.clear()
    build(outline, tmp_path / "cold.pptx")
    assert (tmp_path / "second.pptx").read_bytes() == (tmp_path / "cold.pptx").read_bytes()
    assert (tmp_path / "second.pptx").read_bytes() != (tmp_path / "first.pptx").read_bytes()


def test_a_changed_data_file_is_read_again(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DECKGEN_CACHE_DIR", "off")
    shutil.copytree(SAMPLE, tmp_path / "deck")
    outline = tmp_path / "deck" / "outline.yaml"
    cache.clear()
    first = build(outline, tmp_path / "first.pptx")
    service = tmp_path / "deck" / "data" / "service_monthly.csv"
    service.write_text(service.read_text(encoding="utf-8").replace(",23,41,", ",29,41,", 1), encoding="utf-8")
    parsed = cache.stats["parsed"]
    second = build(outline, tmp_path / "second.pptx")
    assert cache.stats["parsed"] == parsed + 1  # that table only
    assert first.slides == second.slides
    assert (tmp_path / "second.pptx").read_bytes() != (tmp_path / "first.pptx").read_bytes()


ANNUAL = SAMPLE.parent / "annual-review"  # a Parquet file and SQLite queries opened in place


def test_tables_opened_in_place_keep_the_metrics_until_their_file_changes(tmp_path: Path, monkeypatch) -> None:
    import pandas as pd

    monkeypatch.setenv("DECKGEN_CACHE_DIR", "off")
    shutil.copytree(ANNUAL, tmp_path / "deck")
    outline = tmp_path / "deck" / "outline.yaml"
    cache.clear()
    build(outline, tmp_path / "first.pptx")
    [engine] = [engine for _, engine in cache._engines.values()]
    text = outline.read_text(encoding="utf-8")
    outline.write_text(text.replace("    conclusion: ", "    conclusion: 好于预期，", 1), encoding="utf-8")
    build(outline, tmp_path / "second.pptx")
    assert [engine] == [kept for _, kept in cache._engines.values()]  # no metric computed again

    products = tmp_path / "deck" / "data" / "products.parquet"
    frame = pd.read_parquet(products)
    frame["gmv"] *= 1.5
    frame.to_parquet(products)
    build(outline, tmp_path / "third.pptx")
    fresh = [kept for _, kept in cache._engines.values() if kept is not engine]
    assert len(fresh) == 1  # the changed file: computed again, never the last build's numbers
    year = engine.current
    assert fresh[0].value("product_gmv", year) == pytest.approx(engine.value("product_gmv", year) * 1.5)
