"""`deckgen init`, run as a user runs it: every kind of starter in every language writes a folder that
builds as it is, refuses to touch a folder that is not empty, and writes the same data every time."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.starters import KINDS, LOCALES

REPO = Path(__file__).resolve().parent.parent
STARTERS = [pytest.param(kind, locale, id=f"{kind}-{locale}") for kind in KINDS for locale in LOCALES]


def deckgen(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command line, in a fresh interpreter, from ``cwd``."""
    return subprocess.run([sys.executable, "-m", "deckgen.cli", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=600, check=False)


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``folder``."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def data_files(folder: Path) -> dict[str, str]:
    return {name: digest for name, digest in snapshot(folder).items() if name.startswith("data")}


@pytest.fixture(scope="module")
def starter(tmp_path_factory):
    """``starter(kind, locale)``: a folder written by ``deckgen init``, made on first use and shared."""
    made: dict[tuple[str, str], Path] = {}

    def get(kind: str, locale: str) -> Path:
        if (kind, locale) not in made:
            base = tmp_path_factory.mktemp(f"init-{kind}-{locale}")
            result = deckgen("init", "--kind", kind, "--locale", locale, "deck", cwd=base)
            assert result.returncode == 0, result.stderr
            assert "wrote deck/outline.yaml" in result.stdout
            assert "next: deckgen build deck/outline.yaml" in result.stdout
            made[kind, locale] = base / "deck"
        return made[kind, locale]

    return get


# ------------------------------------------------------------------ every starter builds


@pytest.mark.parametrize(("kind", "locale"), STARTERS)
def test_starter_builds_without_warnings(kind, locale, starter):
    folder = starter(kind, locale)
    assert (folder / "outline.yaml").is_file()
    assert (folder / "README.md").is_file() and (folder / "README.md").stat().st_size > 200
    assert [path for path in (folder / "data").iterdir() if path.is_file()], "no sample data written"

    deck = folder.parent / "deck.pptx"
    result = deckgen("build", folder / "outline.yaml", "-o", deck, cwd=folder.parent)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
    slides = int(re.search(r"\((\d+) slides", result.stdout).group(1))
    assert slides >= 15

    presentation = Presentation(str(deck))
    assert len(presentation.slides) == slides
    languages = {run.find(qn("a:rPr")).get("lang") for slide in presentation.slides
                 for run in slide.shapes._spTree.iter(qn("a:r"))}
    assert languages == {locale}, f"{kind}: text tagged {languages}, expected {locale}"


@pytest.mark.parametrize(("kind", "locale"), STARTERS)
def test_starter_data_is_the_same_every_time(kind, locale, starter, tmp_path_factory):
    first = starter(kind, locale)
    second = tmp_path_factory.mktemp(f"again-{kind}-{locale}") / "other"
    result = deckgen("init", "--kind", kind, "--locale", locale, second, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert data_files(second) == data_files(first)
    assert (second / "outline.yaml").read_bytes() == (first / "outline.yaml").read_bytes()


# ------------------------------------------------------------------ folders


@pytest.mark.parametrize("kind", KINDS)
def test_init_never_touches_a_folder_that_is_not_empty(kind, tmp_path):
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "notes.txt").write_text("my own notes\n", encoding="utf-8")
    before = snapshot(folder)

    result = deckgen("init", "--kind", kind, folder, cwd=tmp_path)
    assert result.returncode == 1
    assert f"{folder} already exists and is not empty" in result.stderr
    assert f"choose a new folder, e.g. deckgen init --kind {kind} deck-2" in result.stderr
    assert "nothing was written" in result.stderr
    assert snapshot(folder) == before


def test_init_twice_into_the_same_folder_fails_and_changes_nothing(tmp_path):
    first = deckgen("init", "--kind", "annual", "--locale", "en-US", "deck", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = snapshot(tmp_path / "deck")
    (tmp_path / "deck" / "outline.yaml").write_text("# edited by hand\n", encoding="utf-8")
    edited = snapshot(tmp_path / "deck")

    again = deckgen("init", "--kind", "annual", "--locale", "en-US", "deck", cwd=tmp_path)
    assert again.returncode == 1
    assert "deck already exists and is not empty" in again.stderr
    assert edited != before
    assert snapshot(tmp_path / "deck") == edited


@pytest.mark.parametrize("kind", KINDS)
def test_default_folder_is_named_after_the_kind(kind, tmp_path):
    result = deckgen("init", "--kind", kind, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / f"{kind}-deck"
    assert (folder / "outline.yaml").is_file() and (folder / "data").is_dir()
    assert f"wrote {kind}-deck/outline.yaml" in result.stdout
    assert [path.name for path in tmp_path.iterdir()] == [f"{kind}-deck"]


def test_an_empty_folder_is_fine(tmp_path):
    (tmp_path / "deck").mkdir()
    result = deckgen("init", "--kind", "annual", "--locale", "es-ES", "deck", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "deck" / "outline.yaml").is_file()


def test_help_names_the_kinds_and_locales(tmp_path):
    result = deckgen("init", "--help", cwd=tmp_path)
    assert result.returncode == 0
    for word in (*KINDS, *LOCALES, "FOLDER"):
        assert word in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_kind_is_refused(tmp_path):
    result = deckgen("init", "--kind", "weekly", cwd=tmp_path)
    assert result.returncode == 2
    assert "weekly" in result.stderr and "annual" in result.stderr
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ the annual starter is the samples' data


@pytest.mark.parametrize(("locale", "sample"), [("zh-CN", "annual-review"), ("en-US", "annual-review-en")])
def test_annual_starter_writes_the_samples_data(locale, sample, starter):
    """samples/annual-review(-en)/data are checked in; the generator must still reproduce them byte for byte."""
    folder = starter("annual", locale)
    checked_in = {f"data/{name}": digest for name, digest in snapshot(REPO / "samples" / sample / "data").items()
                  if name != "README.md"}
    assert data_files(folder) == checked_in


def test_annual_locales_have_the_same_numbers(starter):
    """Only the labels differ between the languages of the annual starter."""
    import pandas as pd

    frames = {}
    for locale in LOCALES:
        folder = starter("annual", locale) / "data"
        daily = pd.read_csv(folder / "shop_daily.csv")
        products = pd.read_parquet(folder / "products.parquet")
        costs = pd.read_csv(folder / "costs_monthly.csv", encoding="utf-8-sig")
        frames[locale] = (daily.select_dtypes("number"), products.select_dtypes("number"), costs["amount"])
    for locale in LOCALES[1:]:
        for mine, chinese in zip(frames[locale], frames["zh-CN"], strict=True):
            pd.testing.assert_frame_equal(pd.DataFrame(mine), pd.DataFrame(chinese))
