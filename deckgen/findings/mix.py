"""Mix against rate: the change of an overall ratio split into the segments' own change and the shift between them.

With segment weights w_i = d_i / Σd (the ratio's denominator) and rates r_i, the overall rate is R = Σ w_i r_i and

    R1 − R0 = Σ w̄_i (r_i1 − r_i0)   (rate effect: every segment's own change)
            + Σ r̄_i (w_i1 − w_i0)   (mix effect: volume moving between segments)

with w̄, r̄ the means of both periods, so the two add up to the change exactly. A segment present in one period
only contributes to the mix at its one rate.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from ..data.metrics import Grouping
from .context import Context
from .model import Finding


@dataclass(frozen=True)
class MixSplit:
    total_before: float
    total_after: float
    rate: float
    mix: float
    rates: dict[str, tuple[float | None, float | None]]  # segment -> (rate before, rate after)
    weights: dict[str, tuple[float, float]]  # segment -> (weight before, weight after)

    @property
    def change(self) -> float:
        return self.total_after - self.total_before


def split(before: dict[str, tuple[float, float]], after: dict[str, tuple[float, float]]) -> MixSplit:
    """``before``/``after``: segment -> (numerator, denominator)."""
    d0 = sum(d for _, d in before.values())
    d1 = sum(d for _, d in after.values())
    segments = sorted(set(before) | set(after))
    rate = mix = 0.0
    rates, weights = {}, {}
    for s in segments:
        n0, den0 = before.get(s, (0.0, 0.0))
        n1, den1 = after.get(s, (0.0, 0.0))
        w0, w1 = den0 / d0, den1 / d1
        r0 = n0 / den0 if den0 else None
        r1 = n1 / den1 if den1 else None
        if r0 is not None and r1 is not None:
            rate += (w0 + w1) / 2 * (r1 - r0)
            mix += (r0 + r1) / 2 * (w1 - w0)
        else:
            mix += (r0 if r1 is None else r1) * (w1 - w0)
        rates[s], weights[s] = (r0, r1), (w0, w1)
    total0 = sum(n for n, _ in before.values()) / d0
    total1 = sum(n for n, _ in after.values()) / d1
    return MixSplit(total0, total1, rate, mix, rates, weights)


def mixes(ctx: Context) -> Iterator[Finding]:
    f = ctx.facts
    for metric in ctx.scope.shown:
        spec = f.engine.specs.get(metric)
        if spec is None or not spec.ratio or spec.format != "percent":
            continue  # rates only: an order value's change by segment is not a question of mix
        for column in ctx.scope.columns:
            if not _has_column(ctx, metric, column):
                continue
            found = mix_finding(ctx, metric, column)
            if found:
                yield found


def _has_column(ctx: Context, name: str, column: str) -> bool:
    engine = ctx.facts.engine
    spec = engine.specs[name]
    if spec.table:
        return column in engine.tables[spec.table].frame.columns
    parts = engine.parts_of(name)
    return bool(parts) and all(p in engine.specs and _has_column(ctx, p, column) for p in parts)


def _parts(ctx: Context, metric: str, column: str, comparison: str, current: bool) -> dict[str, tuple[float, float]]:
    engine = ctx.facts.engine
    period = ctx.facts.periods.current if current else ctx.base_period(comparison)
    numerator, denominator = ctx.facts.spec(metric).ratio
    num = engine.series(numerator, period, Grouping(column=column))
    den = engine.series(denominator, period, Grouping(column=column))
    out = {}
    for key in den.index:
        n, d = num.get(key, math.nan), den.get(key, math.nan)
        if d and not math.isnan(d) and not math.isnan(n):
            out[ctx.facts.locale.value_name(key)] = (float(n), float(d))  # as the deck names it: 无线端
    return out


def mix_finding(ctx: Context, metric: str, column: str) -> Finding | None:
    comparison = ctx.scope.comparison
    before = _parts(ctx, metric, column, comparison, current=False)
    after = _parts(ctx, metric, column, comparison, current=True)
    if len(set(before) & set(after)) < 2:
        return None
    result = split(before, after)
    if abs(result.change) < ctx.rules["mix"]["min_points"]:
        return None
    against = _all_against(result)
    mix_leads = abs(result.mix) > abs(result.rate)
    if not (against or mix_leads):
        return None  # the segments' own change explains it: the plain change says as much
    f, words = ctx.facts, ctx.words
    shifted = max(result.weights, key=lambda s: result.weights[s][1] - result.weights[s][0])
    denominator = f.spec(metric).ratio[1]
    values = {"metric": ctx.label(metric), "the_metric": ctx.the(metric), "change": ctx.signed(metric, f.gap(metric, result.total_after, result.total_before)),
                  "rate": ctx.signed(metric, result.rate), "mix": ctx.signed(metric, result.mix),
                  "segments": _listed(words, sorted(after), ctx.rules["mix"]["named_segments"]), "shifted": shifted,
                  "volume": ctx.label(denominator), "the_volume": ctx.the(denominator)}
    key = "mix_against" if against else "mix_leads"
    sentence = words.say(key, f.spec(metric).label, **values)
    weight = ctx.rules["weights"]["mix"] * (ctx.rules["mix"]["against_bonus"] if against else 1.0)
    return Finding("mix", metric, comparison, sentence,
                   {"before": result.total_before, "after": result.total_after, "rate": result.rate,
                    "mix": result.mix},
                   good=ctx.favourable(metric, result.change),
                   score=weight * abs(result.mix) * ctx.rules["points_weight"],
                   evidence=(ctx.evidence(metric, comparison),), shows=(metric,), subject=f.label(metric),
                   by=column)


def _all_against(result: MixSplit) -> bool:
    """Every segment moved one way while the total moved the other (Simpson's paradox)."""
    moves = [r1 - r0 for r0, r1 in result.rates.values() if r0 is not None and r1 is not None]
    return bool(moves) and all(m * result.change < 0 for m in moves)


def _listed(words, names: list[str], most: int) -> str:
    shown = words.word("list_separator").join(names[:most])
    return shown if len(names) <= most else words.word("and_more").format(names=shown, count=len(names))
