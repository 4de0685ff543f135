"""Like for like: a comparison base with missing days is compared only on the days both periods have.

Days are matched by calendar day for year-on-year (1 March with 1 March, whatever the leap year) and by
position otherwise (the n-th day of the period). The like-for-like growth uses sums over the matched days;
a ratio of sums (conversion, refund rate) is recomputed from its parts on those days.
"""

from __future__ import annotations

import datetime as dt
import math

from ..data.metrics import Grouping
from ..data.periods import DateRange
from .context import Context
from .model import Finding


def day_key(day: dt.date, period: DateRange, comparison: str):
    return (day.month, day.day) if comparison == "yoy" else (day - period.start).days


def like_for_like(ctx: Context, metric: str, period: DateRange, keys: set, comparison: str) -> float | None:
    """The metric over the days of ``period`` whose keys are in ``keys``; None when it cannot be recomputed."""
    f = ctx.facts
    spec = f.spec(metric)
    if spec.ratio:
        top, bottom = (like_for_like(ctx, part, period, keys, comparison) for part in spec.ratio)
        return top / bottom if top is not None and bottom else None
    if not f.is_additive(metric):
        return None
    daily = f.engine.series(metric, period, Grouping(grain="day"))
    return float(sum(v for d, v in daily.items() if day_key(d.date(), period, comparison) in keys
                     and not math.isnan(v)))


def comparability(ctx: Context) -> Finding | None:
    metric, comparison = ctx.scope.headline, ctx.scope.comparison
    if not metric or metric not in ctx.facts.engine.specs:
        return None
    engine, current = ctx.facts.engine, ctx.facts.periods.current
    base = ctx.base_period(comparison)
    now_keys = {day_key(d, current, comparison): d for d in engine.days_covered(metric, current)}
    base_keys = {day_key(d, base, comparison): d for d in engine.days_covered(metric, base)}
    if not base_keys or not now_keys:
        return None
    missing = sorted(set(now_keys) - set(base_keys))
    if not missing:
        return None
    common = set(now_keys) & set(base_keys)
    now_lfl = like_for_like(ctx, metric, current, common, comparison)
    base_lfl = like_for_like(ctx, metric, base, common, comparison)
    now_all, base_all = ctx.facts.current(metric), ctx.facts.value(metric, base)
    lost = sorted(_base_day(day, current, base, comparison) for day in (now_keys[k] for k in missing))
    fmt = ctx.facts.fmt
    values = {"base": ctx.base_word(comparison), "days": str(len(missing)), "first": fmt.date(lost[0]),
                  "last": fmt.date(lost[-1]), "metric": ctx.label(metric), "the_metric": ctx.the(metric),
                  "all": ctx.change(metric, base_all, now_all) if base_all else fmt.n.get("missing", "—")}
    if now_lfl is None or not base_lfl:
        sentence = ctx.words.say("incomplete_base", ctx.facts.spec(metric).label, **values)
        numbers = {"missing_days": len(missing)}
    else:
        sentence = ctx.words.say("like_for_like", ctx.facts.spec(metric).label, **values,
                                 change=ctx.change(metric, base_lfl, now_lfl))
        numbers = {"missing_days": len(missing), "now_lfl": now_lfl, "base_lfl": base_lfl}
    return Finding("comparability", metric, comparison, sentence, numbers, good=None,
                   score=ctx.rules["weights"]["comparability"], evidence=(ctx.evidence(metric, comparison),),
                   shows=(metric,), subject=ctx.base_word(comparison))


def _base_day(day: dt.date, current: DateRange, base: DateRange, comparison: str) -> dt.date:
    """The base period's day matched with a current day."""
    if comparison == "yoy":
        try:
            return day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            return day.replace(year=day.year - 1, day=28)
    return base.start + (day - current.start)
