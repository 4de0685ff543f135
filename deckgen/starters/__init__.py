"""Starter decks for ``deckgen init``: an outline in the kind's standard structure plus realistic,
deterministic sample data, in the user's language.

Each kind has a generator module here (``annual``, ``campaign``, ``monthly``) with
``generate(folder: Path, locale: str) -> None`` writing the data files, and outlines in
``configs/starters/<kind>/outline.<locale>.yaml`` that read them from ``data/``.
"""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

from ..errors import Diagnostic, OutlineError, SourceSpan
from ..resources import data_dir

KINDS = ("annual", "campaign", "monthly")
LOCALES = ("zh-CN", "en-US", "es-ES")


def starter_outline(kind: str, locale: str) -> Path:
    return data_dir("configs") / "starters" / kind / f"outline.{locale}.yaml"


def write_starter(kind: str, locale: str, folder: Path) -> Path:
    """Write outline.yaml, data/ and README.md into ``folder`` (new or empty); return the outline."""
    if folder.exists() and any(folder.iterdir()):
        raise OutlineError([Diagnostic("init.not_empty", f"{folder} already exists and is not empty",
                                       SourceSpan(str(folder)), "choose a new folder, e.g. deckgen init --kind "
                                       f"{kind} {folder.name}-2")])
    source = starter_outline(kind, locale)
    if not source.is_file():
        raise OutlineError([Diagnostic("init.unknown", f"no {kind} starter in {locale}", SourceSpan(str(source)),
                                       f"kinds: {', '.join(KINDS)}; locales: {', '.join(LOCALES)}")])
    folder.mkdir(parents=True, exist_ok=True)
    generator = importlib.import_module(f"{__name__}.{kind}")
    generator.generate(folder / "data", locale)
    outline = folder / "outline.yaml"
    shutil.copyfile(source, outline)
    readme = source.with_name(f"README.{locale}.md")
    if readme.is_file():
        shutil.copyfile(readme, folder / "README.md")
    return outline
