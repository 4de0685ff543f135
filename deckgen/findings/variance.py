"""Variance: a metric against its target, and against the deck kind's comparison (YoY, MoM, ordinary days)."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context
from .model import Finding


def against_target(ctx: Context, metric: str, target: str) -> Finding | None:
    f = ctx.facts
    actual, goal = f.current(metric), f.current(target)
    if actual is None or not goal:
        return None
    gap = actual - goal
    ratio = actual / goal
    good = ctx.favourable(metric, gap)
    key = "target_hit" if good else "target_miss"
    sentence = ctx.words.say(key, f.spec(metric).label, metric=ctx.label(metric), the_metric=ctx.the(metric),
                             value=ctx.value(metric, actual), ratio=f.fmt.format(ratio, "percent", 1),
                             gap=ctx.amount(metric, f.gap(metric, actual, goal)), target=ctx.value(target, goal))
    return Finding("variance", metric, "target", sentence, {"actual": actual, "target": goal, "ratio": ratio},
                   impact=gap if ctx.is_money(metric) else None, good=good,
                   score=ctx.rules["weights"]["variance"] * abs(ratio - 1),
                   evidence=(ctx.evidence(metric, "target"), ctx.evidence(target, "target")),
                   shows=(metric,), subject=f.label(metric))


def against_comparison(ctx: Context, metric: str, comparison: str) -> Finding | None:
    f = ctx.facts
    now, then = f.current(metric), f.value(metric, ctx.base_period(comparison))
    if now is None or then is None or (then == 0 and not f.is_rate(metric)):
        return None
    difference = now - then
    size = abs(difference) * ctx.rules["points_weight"] if f.is_rate(metric) else abs(difference / then)
    sentence = ctx.words.say("change", f.spec(metric).label, metric=ctx.label(metric), the_metric=ctx.the(metric),
                             value=ctx.value(metric, now), change=ctx.change(metric, then, now),
                             base=ctx.base_word(comparison), before=ctx.value(metric, then))
    return Finding("variance", metric, comparison, sentence, {"now": now, "base": then},
                   impact=difference if ctx.is_money(metric) else None, good=ctx.favourable(metric, difference),
                   score=ctx.rules["weights"]["variance"] * size,
                   evidence=(ctx.evidence(metric, comparison),), shows=(metric,), subject=f.label(metric))


def variances(ctx: Context) -> Iterator[Finding]:
    for metric, target in ctx.scope.targets.items():
        if metric in ctx.facts.engine.specs and target in ctx.facts.engine.specs:
            found = against_target(ctx, metric, target)
            if found:
                yield found
    headline = ctx.scope.headline
    if headline and headline in ctx.facts.engine.specs:
        found = against_comparison(ctx, headline, ctx.scope.comparison)
        if found:
            yield found
