"""Starter decks for ``deckgen init``: an outline in the kind's standard structure plus realistic,
deterministic sample data, in the user's language.

Each kind's data come from the sample-data engine (``engine.generate``: a model here run on its parameters in
``configs/starters/<kind>.yaml``, see docs/dev/starters.md), and its outlines are
``configs/starters/<kind>/outline.<locale>.yaml``, copied as they are, which read them from ``data/``.
"""

from __future__ import annotations

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
    from .engine import generate

    generate(kind, folder / "data", locale)
    outline = folder / "outline.yaml"
    shutil.copyfile(source, outline)
    readme = source.with_name(f"README.{locale}.md")
    if readme.is_file():
        shutil.copyfile(readme, folder / "README.md")
    return outline
