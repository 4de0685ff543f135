"""File names in the outline that no file system accepts: refused before anything is opened."""

from __future__ import annotations

import os

from ..errors import Diagnostic
from .read import LoadedYaml
from .schema import Outline, TableSpec

MAX_NAME_BYTES = 255  # one folder or file name (ext4, APFS, NTFS)
MAX_PATH_BYTES = 4_000  # a whole path (Linux allows 4,096; Windows far less without long-path support)


def path_problems(outline: Outline, loaded: LoadedYaml) -> list[Diagnostic]:
    """Data files, the theme file and the template, each checked for length."""
    written: list[tuple[str, tuple]] = []
    for name, entry in outline.data.items():
        path = entry.path if isinstance(entry, TableSpec) else entry
        if path:
            written.append((path, ("data", name, "path") if isinstance(entry, TableSpec) else ("data", name)))
    if outline.deck.theme.endswith((".yaml", ".yml")):
        written.append((outline.deck.theme, ("deck", "theme")))
    if outline.deck.template:
        written.append((outline.deck.template, ("deck", "template")))
    return [problem for path, where in written if (problem := _too_long(path, loaded, where))]


def _too_long(path: str, loaded: LoadedYaml, where: tuple) -> Diagnostic | None:
    full = os.fsencode(path)
    longest = max((len(part) for part in full.replace(b"\\", b"/").split(b"/")), default=0)
    if len(full) <= MAX_PATH_BYTES and longest <= MAX_NAME_BYTES:
        return None
    shown = path if len(path) <= 60 else path[:57] + "…"
    limit = (f"a file or folder name may have at most {MAX_NAME_BYTES} bytes" if longest > MAX_NAME_BYTES
             else f"a path may have at most {MAX_PATH_BYTES:,} bytes")
    return Diagnostic("outline.path_too_long", f"{'.'.join(map(str, where))}: the path '{shown}' is too long; "
                      f"{limit}", loaded.span(where), "check the path; it is relative to the outline")
