"""Automatic highlights and shortfalls (亮点与不足): deterministic rules over the deck's numbers.

Rules and thresholds live in ``configs/highlights.yaml``; sentences in the locale's phrases. Every
sentence states a number and a comparison; none uses vague words. Candidates are the metrics the
deck already shows (KPI cards, target-vs-actual and ladder slides), so the summary never brings up
a number the audience has not seen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..outline.schema import KpiItem, KpiSlide, LadderSlide, Outline, TargetsSlide
from ..resources import load_config
from .facts import Facts
from .repeats import times_said


@dataclass(frozen=True)
class Finding:
    sentence: str
    good: bool
    strength: float  # how far past its threshold; the strongest are kept
    metric: str


def candidates(outline: Outline) -> list[tuple[str, str | None]]:
    """(metric, its target or None) for every metric on a KPI, target or ladder slide, in deck order."""
    found: dict[tuple[str, str | None], None] = {}
    for slide in _slides(outline):
        if isinstance(slide, KpiSlide):
            for item in slide.kpis:
                item = item if isinstance(item, KpiItem) else KpiItem(metric=item)
                found[(item.metric, item.target)] = None
        elif isinstance(slide, TargetsSlide):
            for target in slide.targets:
                found[(target.metric, target.target)] = None
        elif isinstance(slide, LadderSlide):
            found[(slide.ladder.metric, slide.ladder.target)] = None
    return list(found)


def _slides(outline: Outline) -> Iterator[object]:
    for section in (*outline.review, *outline.plan):
        yield from section.slides


class Picker:
    def __init__(self, facts: Facts, rules: dict | None = None, comparison: str = "yoy"):
        self.facts = facts
        self.rules = rules or load_config("highlights.yaml")
        self.phrases = facts.locale.phrases
        self.comparison = comparison  # a monthly report judges changes month on month

    def pick(self, outline: Outline, top: int | None = None, said: tuple[str, ...] = (),
             answered: str = "") -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The strongest findings, leaving out the metric the executive summary answers (slide 2 and the
        closing say it) and any finding the deck has already said twice."""
        findings = [f for f in self.findings(outline) if f.metric != answered and times_said(f.sentence, said) < 2]
        keep = top or self.rules["top"]
        good = sorted((f for f in findings if f.good), key=lambda f: -f.strength)
        bad = sorted((f for f in findings if not f.good), key=lambda f: -f.strength)
        return _first_per_metric(good, keep), _first_per_metric(bad, keep)

    def findings(self, outline: Outline) -> Iterator[Finding]:
        seen: set[str] = set()
        for metric, target in candidates(outline):
            if metric not in self.facts.engine.specs:
                continue
            if target:
                yield from self.attainment(metric, target)
            if metric not in seen:
                seen.add(metric)
                yield from self.change(metric)
        for band in self.rules.get("bands", []):
            if band["metric"] in self.facts.engine.specs and self.fits(band, outline):
                yield from self.band(band)

    def fits(self, rule: dict, outline: Outline) -> bool:
        """A rule written for some kinds of deck and periods (a campaign's presale band) judges only those."""
        kinds, max_days = rule.get("kinds"), rule.get("max_days")
        if kinds and outline.deck.kind not in kinds:
            return False
        return not max_days or self.facts.periods.current.days <= max_days

    # ------------------------------------------------------------------ rules

    def attainment(self, metric: str, target: str) -> Iterator[Finding]:
        f, rule = self.facts, self.rules["attainment"]
        ratio = f.ratio(metric, target)
        if ratio is None:
            return
        lower_is_better = f.spec(metric).better == "lower"
        reached = ratio <= 1 if lower_is_better else ratio >= rule["highlight_at"]
        missed = ratio > 1 if lower_is_better else ratio < rule["shortfall_below"]
        values = {"label": f.label(metric), "value": f.value_text(metric, f.current(metric)),
                  "ratio": f.ratio_text(metric, target)}
        strength = 0.1 + abs(ratio - 1)  # a target met or missed by a margin outranks a small change
        if reached:
            yield Finding(self.phrases["attainment_hit"].format(**values), True, strength, metric)
        elif missed:
            gap = f.signed_value_text(target, abs(f.gap(target, f.current(target), f.current(metric)))).lstrip("+")
            yield Finding(self.phrases["attainment_miss"].format(**values, gap=gap), False, strength, metric)

    def change(self, metric: str) -> Iterator[Finding]:
        f, rule = self.facts, self.rules["yoy"]
        delta = f.change(metric, self.comparison)
        if delta is None:
            return
        towards_good = delta if f.spec(metric).better == "higher" else -delta
        rate = f.is_rate(metric)
        good_at = rule["highlight_points_at"] if rate else rule["highlight_at"]
        bad_at = rule["shortfall_points_at"] if rate else rule["shortfall_at"]
        values = {"label": f.label(metric), "value": f.value_text(metric, f.current(metric)),
                  "phrase": f.phrase(metric, self.comparison)}
        scale = 10.0 if rate else 1.0  # a point of conversion weighs like ten percent of growth
        if towards_good >= good_at:
            yield Finding(self.phrases["change_good"].format(**values), True, towards_good * scale, metric)
        elif -towards_good >= bad_at:
            yield Finding(self.phrases["change_bad"].format(**values), False, -towards_good * scale, metric)

    def band(self, band: dict) -> Iterator[Finding]:
        f, metric = self.facts, band["metric"]
        value = f.current(metric)
        if value is None:
            return
        low, high = band["low"], band["high"]
        values = {"label": f.label(metric), "value": f.value_text(metric, value),
                  "low": f.fmt.format(low, "percent", 0), "high": f.fmt.format(high, "percent", 0)}
        if low <= value <= high:
            yield Finding(self.phrases["band_in"].format(**values), True, 0.5, metric)
        else:
            distance = low - value if value < low else value - high
            yield Finding(self.phrases["band_out"].format(**values), False, 0.5 + distance, metric)


def _first_per_metric(findings: list[Finding], keep: int) -> tuple[str, ...]:
    """The strongest finding of each metric, strongest first, at most ``keep``."""
    chosen: dict[str, str] = {}
    for finding in findings:
        chosen.setdefault(finding.metric, finding.sentence)
    return tuple(chosen.values())[:keep]
