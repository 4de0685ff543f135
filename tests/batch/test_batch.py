"""deckgen batch: one outline, one deck per shop; a broken shop fails alone; Dask builds the same decks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from pptx import Presentation

from deckgen.batch import run_batch
from deckgen.cli import main
from deckgen.data import cache
from deckgen.locale import NumberFormatter, get_locale

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "shops-batch"
SHOPS = ("S001", "S002", "S003")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the sample, so decks and broken files stay out of the checkout."""
    shutil.copytree(SAMPLE, tmp_path / "shops", ignore=shutil.ignore_patterns("decks"))
    return tmp_path / "shops" / "outline.yaml"


def november_gmv(shop: str) -> str:
    """The shop's November sales from its own rows, as the deck writes them."""
    daily = pd.read_csv(SAMPLE / "data" / "shop_daily.csv")
    rows = daily[(daily["shop"] == shop) & daily["date"].str.startswith("2025-11")]
    return NumberFormatter(get_locale("zh-CN")).format(float(rows["gmv"].sum()), "money")


def deck_text(path: Path) -> str:
    prs = Presentation(str(path))
    return "\n".join(shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame)


def test_dask_local_cluster_builds_each_shop_with_its_own_numbers(sample: Path) -> None:
    pytest.importorskip("distributed")
    cache.clear()
    parsed = cache.stats["parsed"]
    result = run_batch(sample, engine="dask", jobs=2, only=SHOPS, local_processes=False)
    assert [outcome.key for outcome in result.built] == list(SHOPS), [o.message for o in result.failed]
    # the workers share this process: the shop list (for the plan, then for the decks), the daily table once
    # for all three decks, and each shop's target file
    assert cache.stats["parsed"] - parsed == 2 + 1 + len(SHOPS)
    names = pd.read_csv(SAMPLE / "data" / "shops.csv").set_index("shop")["name"]
    sales = {shop: november_gmv(shop) for shop in SHOPS}
    assert len(set(sales.values())) == len(SHOPS)  # the check below tells the shops apart
    for outcome in result.built:
        assert outcome.output == sample.parent / "decks" / f"{outcome.key}.pptx"
        text = deck_text(outcome.output)
        assert f"销售额 {sales[outcome.key]}" in text
        assert names[outcome.key] in text
        assert not [shop for shop in SHOPS if shop != outcome.key and f"销售额 {sales[shop]}" in text]


def test_dask_collect_writes_on_the_client_the_same_bytes_as_a_plain_build(sample: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    result = run_batch(sample, tmp_path / "out", engine="dask", jobs=1, only=("S002",), collect=True,
                       local_processes=False)
    (outcome,) = result.outcomes
    assert outcome.ok and outcome.payload is None
    runner = CliRunner()
    plain = tmp_path / "plain.pptx"
    built = runner.invoke(main, ["build", str(sample), "--each", "shop=S002", "-o", str(plain)])
    assert built.exit_code == 0, built.output
    assert (tmp_path / "out" / "decks" / "S002.pptx").read_bytes() == plain.read_bytes()


def test_a_broken_shop_fails_alone_and_the_summary_names_it(sample: Path) -> None:
    (sample.parent / "data" / "targets" / "S002.csv").write_text("month,metric,target_value\nsoon,gmv,1\n")
    result = CliRunner().invoke(main, ["batch", str(sample), "--only", "S001", "--only", "S002", "--only", "S003",
                                       "--jobs", "2"])
    assert result.exit_code == 2, result.output
    summary = result.stdout
    assert "2 built, 1 failed, 3 decks" in summary
    row = next(line for line in summary.splitlines() if line.startswith("S002"))
    assert "FAILED" in row and "date" in row
    assert "S002 failed:" in summary and "data/targets/S002.csv" in summary
    assert (sample.parent / "decks" / "S001.pptx").is_file() and (sample.parent / "decks" / "S003.pptx").is_file()
    assert not (sample.parent / "decks" / "S002.pptx").exists()


def test_build_without_a_value_says_how_to_give_one(sample: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(sample)])
    assert result.exit_code == 1
    assert f"{sample}:9:" in result.stderr and "deckgen batch" in result.stderr and "--each shop=VALUE" in result.stderr


def test_each_from_the_command_line_and_an_unknown_value(sample: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(main, ["batch", str(sample), "--each", f"shop={sample.parent / 'data' / 'shops.csv'}",
                                  "--only", "S003", "-o", str(sample.parent / "elsewhere")])
    assert listed.exit_code == 0, listed.output
    assert (sample.parent / "elsewhere" / "decks" / "S003.pptx").is_file()
    written = runner.invoke(main, ["batch", str(sample), "--each", "shop=S001,S404", "--jobs", "1"])
    assert written.exit_code == 1  # values alone have no name or platform for the title
    assert "0 built, 2 failed" in written.stdout and "'each.name' is not a column of the deck list" in written.stdout
    unknown = runner.invoke(main, ["build", str(sample), "--each", "shop=S404"])
    assert unknown.exit_code == 1 and "no deck for shop = S404" in unknown.stderr
    other = runner.invoke(main, ["check", str(sample), "--each", "platform=S001"])
    assert other.exit_code == 1 and "--each shop=S001" in other.stderr


def test_a_pool_after_decks_built_in_this_process_builds_the_same_decks(sample: Path, tmp_path: Path) -> None:
    """Decks built here leave tables in this process's DuckDB database; workers started afterwards do not
    inherit them (a forked worker crashed on its first query) and build the same bytes."""
    cache.clear()
    one = run_batch(sample, tmp_path / "one", jobs=1, only=SHOPS[:2])
    two = run_batch(sample, tmp_path / "two", jobs=2, only=SHOPS[:2])
    assert not one.failed and not two.failed, [outcome.message for outcome in (*one.failed, *two.failed)]
    for shop in SHOPS[:2]:
        assert (tmp_path / "one" / "decks" / f"{shop}.pptx").read_bytes() == \
            (tmp_path / "two" / "decks" / f"{shop}.pptx").read_bytes()
