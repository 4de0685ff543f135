"""Bad input (BRIEF §7): every user mistake is reported as ``path:line:col: message`` (and an optional
``  hint: ...`` line), with exit code 1 (outline) or 2 (data), never a traceback, and a failed build
writes nothing.

Each folder ``tests/bad_outlines/<case>/`` holds one broken ``outline.yaml`` (derived from
``tests/bad_outlines/_base/`` by one mistake, plus a tiny ``data/`` folder when the case needs data),
``expected.txt`` (the exact stderr of ``deckgen check outline.yaml`` run inside that folder) and
``exit_code``. Valid outlines live in ``_base/`` and ``_good/<case>/`` and must build.

The cases run inside the test process (tests/inprocess.py); the few in ``SUBPROCESS`` also run as a real
``python -m deckgen.cli``, which must print exactly the same.

To regenerate the expected files after a deliberate change of wording, run

    DECKGEN_UPDATE_EXPECTED=1 .venv/bin/pytest tests/test_bad_outlines.py

and then read every changed ``expected.txt``: does it point at the right line and column, is the
message clear, is the hint helpful? Cases listed in ``XFAIL`` hold the message a user should see,
which deckgen does not print yet; the update leaves them alone. When deckgen is fixed they pass,
strict xfail turns that into a failure, and the case is removed from ``XFAIL``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from inprocess import Run, deckgen

ROOT = Path(__file__).parent / "bad_outlines"
UPDATE = os.environ.get("DECKGEN_UPDATE_EXPECTED") == "1"
TIMEOUT = 60  # seconds; an alias bomb must fail fast, not hang
SUBPROCESS = ("yaml_tab_indent", "missing_column", "placeholder_unknown_metric")  # also run as a real process
EXISTING_DECK = b"PK\x03\x04 an existing deck that a failed build must not touch \x00\xff"

# Cases whose expected.txt is the message deckgen should print but does not yet: case -> what is wrong.
XFAIL = {
    "alias_bomb": "points at a string inside the innocent anchor on line 2, not at the value that expands",
}

# Valid outlines: the texts that must appear on the cover slide of the built deck.
GOOD_COVER = {
    "_base": ["2025 Annual Review", "Spruce Home flagship store", "Operations team"],
    "text_like_numbers": ["2025", "NO", "0123"],  # YAML 1.1 would give 2025, False and 83
}

DIAGNOSTIC = re.compile(r"^outline\.yaml:\d+:\d+: \S")
SUMMARY = re.compile(r"^\d+ problems? found(; nothing was written)?\.$")  # check writes nothing anyway


def _bad_cases() -> list[str]:
    return sorted(p.name for p in ROOT.iterdir() if p.is_dir() and p.name[0] not in "_.")


def _good_cases() -> dict[str, Path]:
    folders = {"_base": ROOT / "_base"}
    folders.update({p.name: p for p in sorted((ROOT / "_good").iterdir()) if p.is_dir()})
    return folders


def _params(names: list[str]) -> list:
    def param(name: str):
        if name in XFAIL:
            return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=XFAIL[name]))
        return name

    return [param(name) for name in names]


def _deckgen(case_dir: Path, *args: str) -> Run:
    return deckgen(case_dir, *args)


def _subprocess(case_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-m", "deckgen.cli", *args], cwd=case_dir, capture_output=True,
                          text=True, timeout=TIMEOUT, env=env, check=False)


def _normalise(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines())


def _assert_no_crash(result: Run | subprocess.CompletedProcess[str]) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert "internal error" not in output, output


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_there_are_cases() -> None:
    assert len(_bad_cases()) >= 20
    assert not set(XFAIL) - set(_bad_cases()), "XFAIL names a case folder that does not exist"
    for name in _bad_cases():
        assert (ROOT / name / "outline.yaml").is_file(), name


@pytest.mark.parametrize("case", _params(_bad_cases()))
def test_check_reports_the_mistake(case: str) -> None:
    case_dir = ROOT / case
    result = _deckgen(case_dir, "check", "outline.yaml")
    actual = _normalise(result.stderr)
    if UPDATE and case not in XFAIL:
        (case_dir / "expected.txt").write_text(actual + "\n", encoding="utf-8")
        (case_dir / "exit_code").write_text(f"{result.returncode}\n", encoding="utf-8")
    _assert_no_crash(result)
    assert result.stdout == ""
    expected = _normalise((case_dir / "expected.txt").read_text(encoding="utf-8"))
    assert actual == expected
    assert result.returncode == int((case_dir / "exit_code").read_text())
    assert result.returncode in (1, 2)
    lines = actual.splitlines()
    assert lines and SUMMARY.match(lines[-1]), lines
    for line in lines[:-1]:
        assert DIAGNOSTIC.match(line) or line.startswith("  hint: "), line


@pytest.mark.parametrize("case", _params(_bad_cases()))
def test_failed_build_writes_nothing(case: str, tmp_path: Path) -> None:
    case_dir = ROOT / case
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    deck = out_dir / "deck.pptx"
    deck.write_bytes(EXISTING_DECK)
    before = _snapshot(case_dir)

    result = _deckgen(case_dir, "build", "outline.yaml", "-o", str(deck))

    _assert_no_crash(result)
    assert result.returncode == int((case_dir / "exit_code").read_text())
    # build reports the same problems as check (after its progress lines), and says nothing was written
    expected = _normalise((case_dir / "expected.txt").read_text(encoding="utf-8"))
    expected = re.sub(r"found\.$", "found; nothing was written.", expected)
    assert expected in _normalise(result.stderr)
    assert deck.read_bytes() == EXISTING_DECK
    assert [p.name for p in out_dir.iterdir()] == ["deck.pptx"]
    assert _snapshot(case_dir) == before


@pytest.mark.parametrize("case", sorted(_good_cases()))
def test_valid_outline_passes(case: str, tmp_path: Path) -> None:
    from pptx import Presentation

    case_dir = _good_cases()[case]
    checked = _deckgen(case_dir, "check", "outline.yaml")
    _assert_no_crash(checked)
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "outline.yaml: ok\n", "")

    deck = tmp_path / "deck.pptx"
    built = _deckgen(case_dir, "build", "outline.yaml", "-o", str(deck))
    _assert_no_crash(built)
    assert built.returncode == 0, built.stderr
    cover = Presentation(str(deck)).slides[0]
    texts = [shape.text_frame.text for shape in cover.shapes if shape.has_text_frame]
    for wanted in GOOD_COVER[case]:
        assert wanted in texts, texts


@pytest.mark.parametrize("case", SUBPROCESS)
def test_a_real_process_prints_the_same(case: str) -> None:
    case_dir = ROOT / case
    inside = _deckgen(case_dir, "check", "outline.yaml")
    real = _subprocess(case_dir, "check", "outline.yaml")
    _assert_no_crash(real)
    assert (real.returncode, real.stdout, real.stderr) == (inside.returncode, inside.stdout, inside.stderr)
