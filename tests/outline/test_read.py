"""YAML reading: YAML 1.2 scalars, positions, duplicate keys and bounded expansion."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import OutlineError
from deckgen.outline.read import raw_text, read_yaml


def load(tmp_path: Path, text: str):
    path = tmp_path / "outline.yaml"
    path.write_text(text, encoding="utf-8")
    return read_yaml(path)


def test_yaml_1_2_scalars_keep_text_as_written(tmp_path):
    data = load(tmp_path, "a: NO\nb: 0123\nc: yes\nd: 2026-01-12\ne: 12\nf: 1.50\ng: true\nh: ~\n").data
    assert data["a"] == "NO" and data["b"] == "0123" and data["c"] == "yes" and data["d"] == "2026-01-12"
    assert data["e"] == 12 and raw_text(data["e"]) == "12"
    assert data["f"] == 1.5 and raw_text(data["f"]) == "1.50"
    assert data["g"] is True and data["h"] is None


def test_positions_are_one_based_line_and_column(tmp_path):
    loaded = load(tmp_path, "deck:\n  title: hi\n  period: {current: '2025'}\n")
    assert loaded.span(("deck", "title")).line == 2 and loaded.span(("deck", "title")).col == 10
    assert loaded.key_span(("deck", "period")).col == 3
    assert loaded.span(("deck", "period", "current")).line == 3


def test_duplicate_key_is_an_error_naming_both_lines(tmp_path):
    with pytest.raises(OutlineError) as caught:
        load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert str(caught.value.diagnostics[0].span).endswith("outline.yaml:3:1")
    assert "duplicate key 'a' (first defined at line 1)" in caught.value.diagnostics[0].message


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, "
                     f"*{previous}, *{previous}, *{previous}, *{previous}, *{previous}]")
    with pytest.raises(OutlineError) as caught:
        load(tmp_path, "\n".join(lines) + "\n")
    assert caught.value.diagnostics[0].code == "outline.too_large"


def test_tags_are_refused(tmp_path):
    with pytest.raises(OutlineError) as caught:
        load(tmp_path, "a: !!python/object:os.system ls\n")
    assert caught.value.diagnostics[0].code == "outline.tag"


def test_syntax_error_has_position(tmp_path):
    with pytest.raises(OutlineError) as caught:
        load(tmp_path, "a: [1, 2\nb: 3\n")
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.code == "outline.yaml" and diagnostic.span.line == 2


def test_missing_file_is_a_user_error(tmp_path):
    with pytest.raises(OutlineError) as caught:
        read_yaml(tmp_path / "nope.yaml")
    assert caught.value.diagnostics[0].code == "outline.missing"
