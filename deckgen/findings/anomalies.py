"""Periods and segments that break the pattern.

- A month against the same month last year: its YoY growth minus the whole period's growth. Adjacent months
  past the threshold on the same side form one run (a July–August slump is one story, not two).
- A day (or any bucket without a year-earlier base) against the period's median: how many times the typical
  bucket it is, which finds a peak or a collapse without assuming a trend shape.
- A segment (platform, channel …) whose change has the opposite sign of the total's.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator

from ..data.metrics import Grouping
from .context import Context
from .model import Finding


def anomalies(ctx: Context) -> Iterator[Finding]:
    headline = ctx.scope.headline
    if not headline or headline not in ctx.facts.engine.specs or not ctx.facts.is_additive(headline):
        return
    found = anomaly_run(ctx, headline) if ctx.scope.grain == "month" else outlier_bucket(ctx, headline)
    if found:
        yield found
    for column in ctx.scope.columns:
        yield from against_total(ctx, headline, column)


def monthly_growth(ctx: Context, metric: str) -> tuple[list, list[float | None], float | None]:
    """Bucket starts, each bucket's YoY growth (None without a base), and the whole period's growth."""
    engine, periods = ctx.facts.engine, ctx.facts.periods
    now = engine.series(metric, periods.current, Grouping(grain="month"))
    then = engine.series(metric, periods.previous, Grouping(grain="month"))
    growth = []
    for i, value in enumerate(now.values):
        base = then.values[i] if i < len(then) else math.nan
        growth.append(None if not base or math.isnan(base) or math.isnan(value) else value / base - 1)
    total_now, total_then = float(now.sum()), float(then.sum())
    return list(now.index), growth, (total_now / total_then - 1) if total_then else None


def anomaly_run(ctx: Context, metric: str) -> Finding | None:
    starts, growth, total = monthly_growth(ctx, metric)
    threshold = ctx.rules["anomaly"]["growth_points"]
    if total is None or len(starts) < ctx.rules["anomaly"]["min_buckets"]:
        return None
    deviations = [None if g is None else g - total for g in growth]
    ranked = [i for i in range(len(deviations)) if deviations[i] is not None and abs(deviations[i]) >= threshold]
    if not ranked:
        return None
    peak = max(ranked, key=lambda i: abs(deviations[i]))
    side = 1 if deviations[peak] > 0 else -1
    first = last = peak
    while first - 1 in ranked and deviations[first - 1] * side > 0:
        first -= 1
    while last + 1 in ranked and deviations[last + 1] * side > 0:
        last += 1
    fmt = ctx.facts.fmt
    run = range(first, last + 1)
    months = fmt.bucket_label(starts[first], "month")
    if last > first:
        months = ctx.words.word("range").format(first=months, last=fmt.bucket_label(starts[last], "month"))
    sentence = ctx.words.say("month_below" if side < 0 else "month_above", ctx.facts.spec(metric).label,
                             months=months, metric=ctx.label(metric), the_metric=ctx.the(metric),
                             growth=" / ".join(fmt.change_percent(growth[i]) for i in run),
                             total=fmt.change_percent(total))
    return Finding("anomaly", metric, "yoy", sentence,
                   {"growth": growth[peak], "total": total, "first": first, "last": last},
                   good=side > 0, score=ctx.rules["weights"]["anomaly"] * abs(deviations[peak]),
                   evidence=(ctx.evidence(metric, "yoy"),), shows=(metric,), subject=months)


def outlier_bucket(ctx: Context, metric: str) -> Finding | None:
    engine, periods = ctx.facts.engine, ctx.facts.periods
    series = engine.series(metric, periods.current, Grouping(grain=ctx.scope.grain)).dropna()
    if len(series) < ctx.rules["anomaly"]["min_buckets"]:
        return None
    median = statistics.median(series.values)
    if median <= 0:
        return None
    ratios = series / median
    key = (ratios - 1).abs().idxmax()
    ratio = float(ratios[key])
    if abs(ratio - 1) < ctx.rules["anomaly"]["median_ratio"]:
        return None
    fmt = ctx.facts.fmt
    bucket = fmt.bucket_label(key, ctx.scope.grain)
    sentence = ctx.words.say("bucket_outlier", ctx.facts.spec(metric).label, bucket=bucket, metric=ctx.label(metric),
                             the_metric=ctx.the(metric), value=ctx.value(metric, float(series[key])),
                             ratio=fmt.format(ratio, "multiple", 1), median=ctx.value(metric, median))
    return Finding("anomaly", metric, "median", sentence, {"value": float(series[key]), "median": median},
                   good=ratio > 1, score=ctx.rules["weights"]["anomaly"] * ctx.rules["anomaly"]["peak_weight"]
                   * min(abs(ratio - 1), 1.0),
                   evidence=(ctx.evidence(metric, "target"),), shows=(metric,), subject=bucket)


def against_total(ctx: Context, metric: str, column: str) -> Iterator[Finding]:
    """Segments whose change has the opposite sign of the total's, weighted by their share of the base."""
    engine, comparison = ctx.facts.engine, ctx.scope.comparison
    spec = ctx.facts.spec(metric)
    if not spec.table or column not in engine.tables[spec.table].frame.columns:
        return
    now = engine.series(metric, ctx.facts.periods.current, Grouping(column=column))
    then = engine.series(metric, ctx.base_period(comparison), Grouping(column=column))
    total_now, total_then = float(now.sum()), float(then.sum())
    if not total_then:
        return
    total = total_now / total_then - 1
    for key in sorted(set(now.index) & set(then.index), key=str):
        before, after = float(then[key]), float(now[key])
        if not before or math.isnan(before) or math.isnan(after):
            continue
        change = after / before - 1
        if change * total >= 0 or abs(change) < ctx.rules["anomaly"]["segment_change"]:
            continue
        fmt = ctx.facts.fmt
        sentence = ctx.words.say("segment_against", spec.label, segment=ctx.facts.locale.value_name(key), metric=ctx.label(metric),
                                 the_metric=ctx.the(metric), change=fmt.change_percent(change),
                                 total=fmt.change_percent(total), base=ctx.base_word(comparison),
                                 effect=ctx.signed(metric, after - before))
        yield Finding("against_total", metric, comparison, sentence,
                      {"change": change, "total": total, "before": before, "after": after},
                      impact=after - before if ctx.is_money(metric) else None, good=ctx.favourable(metric, change),
                      score=ctx.rules["weights"]["against_total"] * abs(after - before) / total_then,
                      evidence=(ctx.evidence(metric, comparison),), shows=(metric,), subject=ctx.facts.locale.value_name(key),
                      by=column)
