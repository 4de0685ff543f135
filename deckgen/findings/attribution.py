"""The change of a metric, and its gap to target, attributed to its drivers in money.

For G = x1 · … · xn the LMDI effects (``drivers.decompose``) add up to G1 − G0 exactly, so "had xi held at
its base" is G1 − effect_i: the effect is what the driver added to (or cost) the metric. With a target T,
that counterfactual is set against T: the driver that cost more than the gap is why the target was missed.
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context
from .drivers import DriverEffect, decompose
from .model import Finding


def attributions(ctx: Context) -> Iterator[Finding]:
    for metric, factors in ctx.scope.drivers:
        names = (metric, *factors)
        if not all(n in ctx.facts.engine.specs for n in names):
            continue
        for comparison in dict.fromkeys((ctx.scope.comparison, *ctx.scope.driver_compares)):
            yield from attribute(ctx, metric, factors, comparison)
        targets = [ctx.scope.targets.get(n) for n in factors]
        if all(targets) and ctx.scope.targets.get(metric):
            yield from attribute(ctx, metric, factors, "target")


def attribute(ctx: Context, metric: str, factors: tuple[str, ...], comparison: str) -> Iterator[Finding]:
    f = ctx.facts
    if comparison == "target":
        before = {n: f.current(ctx.scope.targets[n]) for n in factors}
    else:
        before = {n: f.value(n, ctx.base_period(comparison)) for n in factors}
    after = {n: f.current(n) for n in factors}
    if any(v is None or v <= 0 for v in (*before.values(), *after.values())):
        return
    result = decompose(before, after)
    target_name = ctx.scope.targets.get(metric)
    goal = f.current(target_name) if target_name else None
    for effect in result.effects:
        sentence = _sentence(ctx, metric, effect, comparison, result.total_after, goal)
        shares = abs(effect.effect) / abs(result.total_after)
        crosses = comparison != "target" and goal is not None and (result.total_after - goal) * (result.total_after - effect.effect - goal) < 0
        score = ctx.rules["weights"]["attribution"] * shares * (ctx.rules["crosses_target"] if crosses else 1.0)
        if metric != ctx.scope.headline:  # a driver of a driver (items per buyer for order value) weighs less
            score *= ctx.rules["secondary"]
        yield Finding("attribution", metric, comparison, sentence,
                      {"before": effect.before, "after": effect.after, "effect": effect.effect,
                       "actual": result.total_after, "base": result.total_before,
                       **({"target": goal, "counterfactual": result.total_after - effect.effect} if goal else {})},
                      impact=effect.effect if ctx.is_money(metric) else None,
                      good=ctx.favourable(effect.name, effect.after - effect.before),
                      score=score, evidence=tuple(ctx.evidence(n, comparison) for n in (metric, effect.name)),
                      shows=(metric, effect.name), subject=f.label(effect.name))


def _sentence(ctx: Context, metric: str, effect: DriverEffect, comparison: str, actual: float,
              goal: float | None) -> str:
    f, words = ctx.facts, ctx.words
    values = {"driver": ctx.label(effect.name), "the_driver": ctx.the(effect.name), "metric": ctx.label(metric),
                  "the_metric": ctx.the(metric), "before": ctx.value(effect.name, effect.before),
                  "after": ctx.value(effect.name, effect.after), "base": ctx.base_word(comparison),
                  "change": ctx.change(effect.name, effect.before, effect.after),
                  "effect": ctx.amount(metric, effect.effect)}
    driver_label = f.spec(effect.name).label or effect.name
    metric_label = f.spec(metric).label or metric
    if comparison == "target":
        key = "target_effect_cost" if effect.effect < 0 else "target_effect_add"
        return words.say(key, driver_label, **values)
    if goal is not None and actual < goal and effect.effect < 0:
        # as the reader checks it: the effect shown, less the gap shown
        margin = f.gap(metric, -effect.effect, goal - actual)
        key = "counterfactual_beat" if margin > 0 else "counterfactual_closer"
        return words.say(key, metric_label, **values, gap=ctx.amount(metric, f.gap(metric, actual, goal)),
                         margin=ctx.amount(metric, margin))
    key = "effect_cost" if effect.effect < 0 else "effect_add"
    return words.say(key, driver_label, **values)
