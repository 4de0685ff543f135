"""The sample-data engine writes every sample's committed data again, byte for byte: each sample listed in
configs/starters/samples.yaml is regenerated into a temporary folder and compared file by file with
samples/<name>/data (its hand-written README.md aside)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from deckgen.starters.engine import config, generate, generate_sample, samples

ROOT = Path(__file__).resolve().parent.parent


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and path.name != "README.md"}


@pytest.mark.parametrize("name", sorted(samples()))
def test_a_sample_is_regenerated_byte_for_byte(tmp_path: Path, name: str) -> None:
    generate_sample(name, tmp_path / name)
    written, committed = _files(tmp_path / name), _files(ROOT / "samples" / name / "data")
    assert sorted(written) == sorted(committed)
    assert [file for file in written if written[file] != committed[file]] == []


def test_every_sample_with_generated_data_is_listed() -> None:
    scripts = {path.parent.name for path in (ROOT / "samples").glob("*/generate_data.py")}
    assert scripts == set(samples())


def test_the_sample_script_writes_where_it_is_told(tmp_path: Path) -> None:
    script = ROOT / "samples" / "shops-batch" / "generate_data.py"
    run = subprocess.run([sys.executable, str(script), "2", str(tmp_path / "two")], capture_output=True, text=True,
                         check=True)
    assert run.stdout.strip() == f"wrote {tmp_path / 'two'}"
    assert sorted(path.name for path in (tmp_path / "two" / "targets").iterdir()) == ["S001.csv", "S002.csv"]
    shops = (tmp_path / "two" / "shops.csv").read_text(encoding="utf-8").splitlines()
    assert shops == (ROOT / "samples" / "shops-batch" / "data" / "shops.csv").read_text(encoding="utf-8").splitlines()[:3]


def test_parameters_are_read_as_tuples_and_dates() -> None:
    import datetime as dt

    annual = config("annual")
    assert annual["season_uv"][:2] == (1.0, 0.92) and annual["start"] == dt.date(2024, 1, 1)
    assert config("campaign")["d11_profile"][2025]["11-11"] == (4.8, 2.52, 1.21)


def test_an_unknown_model_or_locale_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown sample data 'weekly'; expected one of annual, campaign"):
        generate("weekly", tmp_path)
    with pytest.raises(ValueError, match="no orders sample data in zh-CN; locales: en-US"):
        generate("orders", tmp_path, "zh-CN")
