"""Kills and interrupts (issue 11), with real processes: SIGKILL at random moments never damages the deck at
the output path nor leaves temporary files for long; Ctrl-C and SIGTERM stop a build with a message and
exit codes 130 and 143; chart workers do not outlive their build; Ctrl-C ends ``build --watch``."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "bad_outlines" / "_base"
ANNUAL = ROOT / "samples" / "annual-review" / "outline.yaml"  # 20-odd charts: drawing takes a while


def _environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "DECKGEN_CACHE_DIR": "off", "PYTHONDONTWRITEBYTECODE": "1", **extra}


def _start(cwd: Path, *args: str, **extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "deckgen.cli", *args], cwd=cwd, env=_environment(**extra),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _wait_for_line(process: subprocess.Popen[str], wanted: str, seconds: float = 120) -> list[str]:
    """Read the standard error until a line contains ``wanted``; the lines read so far."""
    lines: list[str] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        line = process.stderr.readline()
        if not line:
            break
        lines.append(line)
        if wanted in line:
            return lines
    raise AssertionError(f"never printed {wanted!r}: {''.join(lines)}")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _temporary_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _valid(deck: bytes, folder: Path) -> bool:
    from pptx import Presentation

    probe = folder / "probe.pptx"
    probe.write_bytes(deck)
    try:
        with zipfile.ZipFile(probe) as archive:
            return archive.testzip() is None and len(Presentation(str(probe)).slides) > 0
    finally:
        probe.unlink()


pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")


def test_sigkill_at_random_moments_never_damages_the_deck(tmp_path):
    folder = tmp_path / "case"
    shutil.copytree(BASE, folder)
    out = tmp_path / "out"
    out.mkdir()
    deck = out / "deck.pptx"
    reference = tmp_path / "reference.pptx"
    started = time.monotonic()
    assert subprocess.run([sys.executable, "-m", "deckgen.cli", "build", "outline.yaml", "-o", str(reference)],
                          cwd=folder, env=_environment(), capture_output=True, check=False).returncode == 0
    duration = time.monotonic() - started
    old = (folder / "outline.yaml").read_text(encoding="utf-8")
    (folder / "outline.yaml").write_text(old.replace("2025 Annual Review", "Last year's deck"), encoding="utf-8")
    assert subprocess.run([sys.executable, "-m", "deckgen.cli", "build", "outline.yaml", "-o", str(deck)],
                          cwd=folder, env=_environment(), capture_output=True, check=False).returncode == 0
    (folder / "outline.yaml").write_text(old, encoding="utf-8")
    old_deck, new_deck = deck.read_bytes(), reference.read_bytes()
    assert old_deck != new_deck

    moments = random.Random(11).sample(range(5, 100), 8)  # per cent of a whole build, chart workers included
    for moment in sorted(moments):
        process = _start(folder, "build", "outline.yaml", "-o", str(deck), DECKGEN_JOBS="2")
        time.sleep(duration * moment / 100)
        workers = _children(process.pid)
        process.kill()
        process.wait(timeout=30)
        process.stderr.close()
        process.stdout.close()
        assert deck.read_bytes() in (old_deck, new_deck), f"deck damaged by a kill at {moment}%"
        assert _valid(deck.read_bytes(), tmp_path)
        assert _temporary_files(out) == [], f"a kill at {moment}% left a temporary file"  # it had no name yet
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers), f"chart workers outlived a kill at {moment}%"
        deck.write_bytes(old_deck)

    rebuilt = subprocess.run([sys.executable, "-m", "deckgen.cli", "build", "outline.yaml", "-o", str(deck)],
                             cwd=folder, env=_environment(), capture_output=True, text=True, check=False)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert deck.read_bytes() == new_deck
    assert _temporary_files(out) == []


def test_chart_workers_end_with_a_killed_build(tmp_path):
    process = _start(ANNUAL.parent, "build", "outline.yaml", "-o", str(tmp_path / "deck.pptx"), DECKGEN_JOBS="2")
    try:
        _wait_for_line(process, "drawing charts")
        deadline = time.monotonic() + 30
        workers = _children(process.pid)
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
            workers = _children(process.pid)
        assert workers, "no chart workers were started"
        process.kill()
        process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)
    assert _temporary_files(tmp_path) == [] and not (tmp_path / "deck.pptx").exists()


@pytest.mark.parametrize(("signum", "code", "message"), [
    (signal.SIGINT, 130, "interrupted; nothing was written."),
    (signal.SIGTERM, 143, "terminated; nothing was written."),
])
def test_an_interrupted_build_says_so(tmp_path, signum, code, message):
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(b"an existing deck")
    process = _start(ANNUAL.parent, "build", "outline.yaml", "-o", str(deck), DECKGEN_JOBS="2")
    _wait_for_line(process, "drawing charts")
    if signum == signal.SIGINT:
        os.killpg(process.pid, signum)  # as a terminal does: to the build and its workers
    else:
        os.kill(process.pid, signum)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == code, errors
    assert errors.rstrip().splitlines()[-1] == message
    assert "Traceback" not in errors
    assert deck.read_bytes() == b"an existing deck"
    assert _temporary_files(tmp_path) == []


def test_ctrl_c_stops_watching(tmp_path):
    folder = tmp_path / "case"
    shutil.copytree(BASE, folder)
    process = _start(folder, "build", "--watch", "outline.yaml", "-o", str(tmp_path / "deck.pptx"))
    _wait_for_line(process, "watching")
    os.killpg(process.pid, signal.SIGINT)
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 0, errors
    assert errors.rstrip().splitlines()[-1] == "stopped watching."
    assert "Traceback" not in errors
