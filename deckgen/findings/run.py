"""Run every analysis over what the deck shows, rank the findings and state the deck's answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..outline.schema import Outline
from ..resources import load_config
from ..story.facts import Facts
from .anomalies import anomalies
from .attribution import attributions
from .comparability import comparability
from .context import Context
from .mix import mixes
from .model import Finding
from .scope import scope_of
from .variance import against_comparison, against_target, variances
from .wording import Wording


@dataclass(frozen=True)
class Findings:
    answer: str  # the result against target and against the comparison, in one sentence
    ranked: tuple[Finding, ...]  # strongest first
    headline: str = ""  # the metric the answer is about

    def top(self, count: int, proven: Callable[[Finding], bool] = lambda _: True) -> tuple[Finding, ...]:
        """The strongest findings beyond the answer: one per subject, so three findings say three things, and
        only those that ``proven`` accepts (a finding the deck has no slide for cannot point to its evidence)."""
        candidates = [f for f in self.ranked if not self._is_answer(f) and proven(f)]
        chosen: dict[str, Finding] = {}
        for finding in candidates:
            chosen.setdefault(finding.subject, finding)
        top = list(chosen.values())[:count]
        shortfall = next((f for f in candidates if f.good is False), None)
        if top and shortfall is not None and not any(f.good is False for f in top):
            # a boss hears what went wrong too, not only good news: in place of the same subject, else the last
            same = next((i for i, f in enumerate(top) if f.subject == shortfall.subject), len(top) - 1)
            top[same] = shortfall
        return tuple(top)

    def _is_answer(self, finding: Finding) -> bool:
        return finding.kind == "variance" and finding.metric == self.ranked_headline

    @property
    def ranked_headline(self) -> str:
        return next((f.metric for f in self.ranked if f.kind == "variance"), "")

    def about(self, metric: str, kind: str | None = None) -> tuple[Finding, ...]:
        return tuple(f for f in self.ranked if metric in f.shows and (kind is None or f.kind == kind))


def context(outline: Outline, facts: Facts) -> Context:
    preset = load_config(f"kinds/{outline.deck.kind}.yaml")
    scope = scope_of(outline, facts.engine.specs, preset["kpi_compare"][0], preset["trend_grain"])
    return Context(facts, scope, load_config("findings.yaml"), Wording(facts.locale.code, not facts.locale.is_cjk))


def find_all(outline: Outline, facts: Facts) -> Findings:
    ctx = context(outline, facts)
    found: list[Finding] = [*variances(ctx), *attributions(ctx), *mixes(ctx), *anomalies(ctx)]
    caveat = comparability(ctx)
    if caveat:
        found.append(caveat)
    ranked = sorted(found, key=lambda f: -f.score)  # stable: ties keep the deck's order
    return Findings(answer(ctx, caveat), tuple(ranked), ctx.scope.headline or "")


def answer(ctx: Context, caveat: Finding | None) -> str:
    """'GMV 5,641.0万元，同比 +18.6%，目标达成率 97.4%（差 149.0万元）' (+ the like-for-like caveat)."""
    metric = ctx.scope.headline
    if not metric or metric not in ctx.facts.engine.specs:
        return ""
    parts = []
    target = ctx.scope.targets.get(metric)
    variance = against_target(ctx, metric, target) if target else None
    compared = against_comparison(ctx, metric, ctx.scope.comparison)
    f = ctx.facts
    values = {"metric": f.label(metric), "the_metric": ctx.the(metric), "value": ctx.value(metric, f.current(metric))}
    if compared:
        values["change"] = ctx.change(metric, compared.numbers["base"], compared.numbers["now"])
        values["base"] = ctx.base_word(ctx.scope.comparison)
        values["compare"] = f.locale.words[ctx.scope.comparison]
        parts.append("answer_change")
    if variance:
        values["ratio"] = f.fmt.format(variance.numbers["ratio"], "percent", 1)
        values["gap"] = ctx.amount(metric, f.gap(metric, variance.numbers["actual"], variance.numbers["target"]))
        parts.append("answer_hit" if variance.good else "answer_miss")
    key = "_".join(["answer", *(p.split("_", 1)[1] for p in parts)]) if parts else "answer"
    text = ctx.words.say(key, f.spec(metric).label, **values)
    if caveat:
        text += ctx.words.word("caveat_separator") + caveat.sentence
    return text
