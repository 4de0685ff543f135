"""Where the shipped data lives: ``deckgen/_data`` in a wheel, the repository root in a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder ``layouts`` or ``configs``, wherever this installation keeps it."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"deckgen's {name}/ folder is missing from this installation")


def fonts_dir() -> Path:
    return _PACKAGE / "fonts"


@cache
def load_config(relative: str) -> dict:
    """A YAML file under ``configs/``, parsed once per process."""
    with open(data_dir("configs") / relative, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def load_layout(relative: str) -> dict:
    with open(data_dir("layouts") / relative, encoding="utf-8") as handle:
        return yaml.safe_load(handle)
