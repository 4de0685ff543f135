"""Errors the user can fix, carried as diagnostics with a source position.

Stages raise :class:`DeckgenError` subclasses; only ``cli.py`` prints them. Anything else that
escapes is a bug and is reported as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class SourceSpan:
    """Where a problem is: a file, and a 1-based line and column when known."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return self.path


@dataclass(frozen=True)
class Diagnostic:
    """One problem: a stable code, what is wrong, where, and how to fix it."""

    code: str
    message: str
    span: SourceSpan
    hint: str = ""
    severity: str = "error"  # "error" | "warning"

    def render(self) -> str:
        text = f"{self.span}: {_shortened(self.message)}"
        if self.hint:
            text += f"\n  hint: {_shortened(self.hint)}"
        return text


_QUOTED = re.compile(r"(?<!\w)'([^']*)'(?!\w)")  # not the apostrophe of "outline's"


def _shortened(text: str) -> str:
    """A quoted value stays on the message's line (line breaks shown as \\n), and one 10,000 characters long
    is shown by its start: the line and column point at the rest."""
    def shown(found: re.Match) -> str:
        value = found[1].replace("\r", "\\r").replace("\n", "\\n")
        return f"'{value[:60]}…'" if len(value) > 80 else f"'{value}'"

    return _QUOTED.sub(shown, text)


@dataclass
class DeckgenError(Exception):
    """A user error: the outline, the data or the environment needs fixing."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    exit_code: int = 1

    def __post_init__(self) -> None:
        super().__init__(self.render())

    def render(self) -> str:
        return "\n".join(d.render() for d in self.diagnostics)


class OutlineError(DeckgenError):
    """The outline is not valid YAML or does not match the schema."""


class DataError(DeckgenError):
    """A data table is missing, unreadable, or lacks what a metric needs."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(diagnostics, exit_code=2)


class EnvironmentProblem(DeckgenError):
    """Something outside the project is missing, such as LibreOffice for previews."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(diagnostics, exit_code=4)


class OutputProblem(DeckgenError):
    """The deck cannot be written where asked: a folder, a read-only place, a full disk, or an input file."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(diagnostics, exit_code=6)


def unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The same problem reported twice at the same place is said once (order kept)."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for diagnostic in diagnostics:
        key = (str(diagnostic.span), diagnostic.message)
        if key not in seen:
            seen.add(key)
            kept.append(diagnostic)
    return kept
