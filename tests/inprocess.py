"""Run the command line inside the test process with click's CliRunner: a hundred cases take seconds rather
than a hundred interpreters taking minutes. Tests that need a real process (signals, the exit of the
interpreter, the terminal) start one themselves."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


def deckgen(cwd: Path, *args: str) -> Run:
    """``deckgen ARGS`` run in ``cwd``; an exception that escapes the command line is re-raised."""
    from click.testing import CliRunner

    from deckgen.cli import main

    previous = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)
