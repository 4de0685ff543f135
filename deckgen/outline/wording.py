"""Hand-written claims that can go stale: numbers with a unit and direction words (增长, 快于, rose, sube …)
in sentences that no placeholder produced and no claim guards. Word lists per locale are in
``configs/claims.yaml``. (Titles that name a metric their slide does not show: ``story/title_check.py``.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..errors import Diagnostic, SourceSpan
from ..grammar.claims import has_claim
from .read import LoadedYaml
from .references import outline_texts
from .schema import Outline

_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_HINT = ("let the data say it ({{ gmv.yoy.phrase }}), state it as a claim the build checks "
         "({{ gmv_jd.yoy > gmv_tmall.yoy }}), or mark the sentence deliberate with '# {mark}' at the end of its line")


def check_wording(outline: Outline, loaded: LoadedYaml) -> list[Diagnostic]:
    """Warnings for unguarded hand-written numbers and direction words."""
    return list(_unguarded(outline, loaded))


@cache
def _rules(locale: str) -> tuple[_Without, re.Pattern[str], frozenset[str], str]:
    from ..resources import load_config

    config = load_config("claims.yaml")
    words = config["locales"].get(locale) or config["locales"]["en-US"]
    latin = not locale.startswith("zh")
    directions = sorted(words["directions"], key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in directions)
    direction = re.compile(rf"(?i)(?<![\w])({alternatives})(?![\w])" if latin else f"({alternatives})")
    units = "|".join(re.escape(u) for u in sorted(words["units"], key=len, reverse=True))
    currency = r"[$¥€]\s?\d"
    signed = r"(?<![\w/.-])[+\-−±]\d[\d,.]*"  # +5, −0.3; not the dashes of 2025-11-01
    number = re.compile(rf"({currency}|{signed}|\d[\d,.]*\s?(?:{units})(?![A-Za-z]))")
    phrases = "|".join(re.escape(p) for p in sorted(words.get("not_directions", []), key=len, reverse=True))
    direction = _Without(direction, re.compile(rf"(?i)(?<![\w])({phrases})(?![\w])" if phrases else r"(?!)"))
    return direction, number, frozenset(config["sentence_keys"]), config["deliberate"]


class _Without:
    """A pattern that skips its matches inside phrases that only look like them ("adds up")."""

    def __init__(self, pattern: re.Pattern[str], phrases: re.Pattern[str]):
        self.pattern, self.phrases = pattern, phrases

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(self.phrases.sub(lambda m: "\0" * len(m[0]), text))


def _unguarded(outline: Outline, loaded: LoadedYaml) -> Iterator[Diagnostic]:
    direction, number, keys, mark = _rules(outline.deck.locale)
    lines = _source_lines(loaded)
    for where, text in outline_texts(loaded):
        key = next((k for k in reversed(where) if isinstance(k, str)), "")
        if key not in keys or has_claim(text):
            continue
        span = loaded.span(where)
        if _is_deliberate(lines, span, mark):
            continue
        written = _PLACEHOLDER.sub(" ", text)
        for pattern, what in ((direction, "direction word"), (number, "number")):
            found = pattern.search(written)
            if found:
                yield Diagnostic("claim.unguarded", f"hand-written {what} '{found.group(1).strip()}' in a sentence "
                                 "no placeholder produced; it goes stale when the data changes",
                                 _column_of(lines, span, found.group(1)), _HINT.replace("{mark}", mark),
                                 severity="warning")
                break


def _source_lines(loaded: LoadedYaml) -> list[str]:
    try:
        return loaded.path.read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return []


def _is_deliberate(lines: list[str], span: SourceSpan, mark: str) -> bool:
    """'# deliberate' after the sentence on its first line (a YAML comment: not part of the text)."""
    line = lines[span.line - 1] if 0 < span.line <= len(lines) else ""
    return re.search(rf"\s#.*\b{re.escape(mark)}\b", line) is not None


def _column_of(lines: list[str], span: SourceSpan, word: str) -> SourceSpan:
    line = lines[span.line - 1] if 0 < span.line <= len(lines) else ""
    column = line.find(word, max(span.col - 1, 0))
    return SourceSpan(span.path, span.line, column + 1) if column >= 0 else span
