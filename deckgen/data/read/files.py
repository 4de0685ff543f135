"""Finding a table's file: the path as the outline writes it, resolved against the outline's folder."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import NoReturn

from deckgen.errors import SourceSpan

from ..tables import fail, shorten


def resolve_file(written: str, base_dir: Path, span: SourceSpan) -> Path:
    path = resolve(written, base_dir)
    try:
        if path.is_file():
            return path
    except OSError as error:  # a name longer than the file system allows
        fail("data.unreadable", f"data file {shorten(written)} cannot be opened: {error.strerror}", span,
             "check the path in the outline")
    if path.is_dir():
        fail("data.unreadable", f"{written} is a folder, not a data file", span)
    fail("data.missing_file", f"data file not found: {written}", span, similar_files_hint(path, written))


def resolve(written: str, base_dir: Path) -> Path:
    path = Path(written).expanduser()
    return path if path.is_absolute() else base_dir / path


def similar_files_hint(path: Path, written: str | None = None) -> str:
    """Files with a similar name, written the way the outline writes paths (folder included)."""
    if not path.parent.is_dir():
        return f"folder not found: {path.parent}"
    names = sorted(entry.name for entry in path.parent.iterdir() if entry.is_file())
    close = difflib.get_close_matches(path.name, names, n=3, cutoff=0.6)
    folder = str(Path(written or path.name).parent)
    shown = [name if folder in ("", ".") else f"{folder}/{name}" for name in close]
    if shown:
        return "did you mean " + " or ".join(f"'{name}'" for name in shown) + "?"
    return f"looked for {path}"


def read_bytes(path: Path, written: str, span: SourceSpan) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        _unreadable(written, error, span)


def _unreadable(written: str, error: OSError, span: SourceSpan) -> NoReturn:
    fail("data.unreadable", f"cannot read {written}: {error.strerror or error}", span)
