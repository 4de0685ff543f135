"""Hand-written claims that can go stale: numbers with a unit and direction words (增长, 快于, rose, sube …)
in sentences that no placeholder produced and no claim guards; and hand-written titles that name a metric
the slide's visual does not show. Word lists per locale are in ``configs/claims.yaml``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..errors import Diagnostic, SourceSpan
from ..grammar.claims import has_claim, shown_names
from .read import LoadedYaml
from .references import outline_texts, visual_metrics
from .schema import MetricSpec, Outline

_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_HINT = ("let the data say it ({{ gmv.yoy.phrase }}), state it as a claim the build checks "
         "({{ gmv_jd.yoy > gmv_tmall.yoy }}), or mark the sentence deliberate with '# {mark}' at the end of its line")


def check_wording(outline: Outline, loaded: LoadedYaml) -> list[Diagnostic]:
    """Warnings for unguarded hand-written numbers and direction words, and for titles about metrics the
    slide does not show."""
    return [*_unguarded(outline, loaded), *_title_metrics(outline, loaded)]


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


def _title_metrics(outline: Outline, loaded: LoadedYaml) -> Iterator[Diagnostic]:
    """A hand-written title that names a metric (by placeholder or by its label) the visual does not show."""
    shown = visual_metrics(outline, loaded)
    specs = _specs(outline, loaded)
    labels = sorted(((spec.label, name) for name, spec in specs.items() if spec.label and len(spec.label) > 1),
                    key=lambda pair: len(pair[0]), reverse=True)
    for slide, where in outline.slides_with_paths():
        visual = shown.get(where, set())
        title = slide.title
        if not title or not visual:
            continue
        named = shown_names(title) | _labelled(_PLACEHOLDER.sub(" ", title), labels)
        for name in sorted(n for n in named if not _shows(specs, visual, n)):
            label = specs[name].label if name in specs else name
            yield Diagnostic("title.metric", f"the title names {label or name} ({name}), which the slide does not show "
                             f"(it shows {', '.join(sorted(visual))})", loaded.span((*where, "title")),
                             "make the title about what the slide shows, or show the metric on it", severity="warning")


def _specs(outline: Outline, loaded: LoadedYaml) -> dict[str, MetricSpec]:
    """The outline's metrics and the catalogue's that it uses (labels in the deck's locale)."""
    from ..data.catalogue import catalogue
    from .references import metric_uses

    cat, locale = catalogue(), outline.deck.locale
    used = [name for name in metric_uses(outline, loaded) if name in cat and name not in outline.metrics]
    # the table is resolved with the data; only the label, aggregate and column matter here
    return {**{name: cat.metrics[name].spec("catalogue", locale) for name in used}, **outline.metrics}


def _column(specs: dict[str, MetricSpec], spec: MetricSpec) -> tuple:
    """What a metric reads, filters aside: a column and its aggregate, or a ratio of such."""
    if spec.aggregate == "ratio":
        return ("ratio", *(_column(specs, specs[p]) if p in specs else p for p in spec.ratio or []))
    if spec.aggregate in ("sum", "count", "mean", "distinct"):
        return spec.aggregate, spec.sum or spec.count or spec.mean or spec.distinct
    if spec.aggregate == "expr" and spec.expr:  # the same formula over slices of the same columns
        return ("expr", re.sub(r"[A-Za-z_]\w*", lambda m: str(_column(specs, specs[m[0]])) if m[0] in specs
                               else m[0], spec.expr))
    return (id(spec),)  # constants: only themselves


def _shows(specs: dict[str, MetricSpec], visual: set[str], name: str) -> bool:
    """Whether the visual shows the metric: itself, all its parts (a ratio of shown metrics), a slice of a
    shown metric (the same column, filtered), or a shown metric whose label contains its label (GMV in
    2026 GMV 目标)."""
    spec = specs.get(name)
    if name in visual or spec is None:
        return name in visual or spec is None
    parts = _parts(spec)
    # a distinct count (days, SKUs) divides what is shown without being a finding of its own
    counts = {part for part in parts if part in specs and specs[part].aggregate == "distinct"}
    if parts and all(_shows(specs, visual, part) for part in parts if part not in counts):
        return True
    shown = [specs[v] for v in visual if v in specs]
    same_column = any(_column(specs, s) == _column(specs, spec) for s in shown)  # a slice of a shown metric
    return same_column or any(spec.label and s.label and spec.label in s.label for s in shown)


def _labelled(text: str, labels: list[tuple[str, str]]) -> set[str]:
    """Metrics whose label appears in the text; a longer label wins over one it contains (天猫 GMV, GMV)."""
    found = set()
    for label, name in labels:
        if label in text:
            found.add(name)
            text = text.replace(label, " ")
    return found


def _parts(spec: MetricSpec) -> list[str]:
    from ..data.expr import ExprError, names_in, parse_expr

    parts = list(spec.ratio or [])
    if spec.expr:
        try:
            parts += names_in(parse_expr(spec.expr))
        except ExprError:
            pass
    return parts


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
