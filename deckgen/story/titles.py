"""Action titles: a content slide whose title is omitted or ``auto`` says what its visual shows.

Each title has a subject, a comparison and a number, computed from the same series the visual draws, so
it claims only what the slide proves. Wording is in ``configs/findings/<locale>.yaml`` (``titles``).
"""

from __future__ import annotations

import math

from ..findings.drivers import decompose
from ..findings.wording import Wording, unbroken
from ..outline.schema import (
    ChartSlide,
    DriversSlide,
    FunnelSlide,
    InputOutputSlide,
    KpiItem,
    KpiSlide,
    LadderSlide,
    ParetoSlide,
    TableSlide,
    TargetsSlide,
    TargetTreeSlide,
    TimelineSlide,
)
from ..resources import load_config
from .charts import ChartBuilder
from .facts import Facts
from .spec import BAD, GOOD
from .title_charts import ChartTitles

AUTO = "auto"


def is_auto(title: str | None) -> bool:
    return title is None or title.strip() == AUTO


class Titler:
    def __init__(self, facts: Facts, charts: ChartBuilder, findings, comparison: str, answered: str = ""):
        self.facts = facts
        self.answered = answered  # the metric the executive summary's answer already states
        self.words = Wording(facts.locale.code, not facts.locale.is_cjk)
        self.comparison = comparison  # the deck kind's: yoy, or mom in a monthly report
        self.charts = ChartTitles(facts, charts, findings, self.words, comparison, answered)

    def title(self, slide, body) -> str | None:
        """The automatic title, or None when the slide shows no numbers to state (actions, problems …)."""
        maker = {
            KpiSlide: self.kpis, ChartSlide: self.charts.chart, TableSlide: self.charts.table,
            DriversSlide: self.drivers, TargetsSlide: self.targets, LadderSlide: self.ladder,
            FunnelSlide: self.funnel, ParetoSlide: self.sentence, InputOutputSlide: self.sentence,
            TargetTreeSlide: self.tree, TimelineSlide: self.timeline,
        }.get(type(slide))
        if maker is None:
            return None
        try:
            title = maker(slide, body)
        except (ZeroDivisionError, ValueError, TypeError, KeyError):
            return None  # a number is missing: the slide's default title stands
        if not title:
            return None
        self.charts.said.add(unbroken(title))
        return unbroken(title)

    def say(self, key: str, **values) -> str:
        return self.words.say(f"title_{key}", **values)

    # ------------------------------------------------------------------ one metric

    def headline(self, metric: str, target: str | None = None) -> str:
        f = self.facts
        values = {"metric": f.label(metric), "value": f.value_text(metric, f.current(metric)),
                  "compare": f.locale.words[self.comparison], "change": self.change(metric)}
        if target and f.ratio(metric, target) is not None:
            return self.say("kpi_target", **values, ratio=f.ratio_text(metric, target))
        if "→" in values["change"]:
            return self.say("kpi_counts", **values)
        if f.change(metric, self.comparison) is None:
            return self.say("kpi_plain", **values)
        return self.say("kpi", **values)

    def kpis(self, slide: KpiSlide, body) -> str:
        items = [i if isinstance(i, KpiItem) else KpiItem(metric=i) for i in slide.kpis]
        lead = next((i for i in items if i.target), items[0])
        if _name(lead.metric) == self.answered and len(items) > 1:
            behind = self.behind([_name(i.metric) for i in items if i is not lead])
            if behind:
                return behind
        title = self.headline(_name(lead.metric), lead.target)
        others = [] if lead.target else [_name(i.metric) for i in items if i is not lead]  # short enough to read
        moved = [(self._moved(n), n) for n in others if self._moved(n) is not None]
        if moved:
            name = max(moved)[1]
            title += self.say("also", metric=self.words.inline(self.facts.label(name)),
                              compare=self.facts.locale.words[self.comparison], change=self.change(name))
        return title

    def behind(self, names: list[str]) -> str | None:
        """Cards whose lead metric slide 2 already answered: what moved most behind it, for better and for worse
        (the headline said a third time is not news)."""
        f = self.facts
        moved = [(self._moved(n), n) for n in names if self._moved(n)]
        better = [m for m in moved if f.tone(m[1], f.change(m[1], self.comparison)) == GOOD]
        worse = [m for m in moved if f.tone(m[1], f.change(m[1], self.comparison)) == BAD]
        pair = [max(better)[1], max(worse)[1]] if better and worse else [n for _, n in sorted(moved, reverse=True)[:2]]
        if len(pair) < 2:
            return None
        compare = f.locale.words[self.comparison]
        return self.say("pair", first=f.label(pair[0]), second=self.words.inline(f.label(pair[1])), compare=compare,
                        first_change=self.change(pair[0]), second_change=self.change(pair[1]))

    def change(self, name: str) -> str:
        """'+12.7%', or for a count on a tiny base the counts themselves ('7 → 15'): +114% would mislead."""
        f = self.facts
        before, now = f.base(name, self.comparison), f.current(name)
        small = load_config("findings.yaml")["titles"]["small_base"]
        if f.spec(name).format == "number" and before is not None and now is not None and 0 < before < small:
            return f"{f.value_text(name, before)} → {f.value_text(name, now)}"
        return f.change_text(name, self.comparison)

    def _moved(self, name: str) -> float | None:
        change = self.facts.change(name, self.comparison)
        if change is None:
            return None
        return abs(change) * (10 if self.facts.is_rate(name) else 1)

    def ladder(self, slide: LadderSlide, body) -> str:
        """The benchmarks the ladder adds to the headline: the industry, ordinary days, the annual plan."""
        f, block = self.facts, slide.ladder
        name = block.metric
        title = self.say("ladder", metric=f.label(name), compare=f.locale.words["yoy"], change=f.change_text(name))
        extras = []
        if block.industry and f.change(block.industry) is not None:
            extras.append(self.say("ladder_industry", theirs=f.change_text(block.industry)))
        if block.baseline and f.uplift(name) is not None:
            extras.append(self.say("ladder_uplift", uplift=f.uplift_text(name)))
        if block.plan and f.ratio(name, block.plan, f.periods.ytd) is not None:
            extras.append(self.say("ladder_plan", ratio=f.ratio_text(name, block.plan, f.periods.ytd)))
        if block.target and len(extras) < 2 and f.ratio(name, block.target) is not None:
            extras.append(self.say("ladder_target", ratio=f.ratio_text(name, block.target)))
        return title + "".join(extras[:2])

    def targets(self, slide: TargetsSlide, body) -> str:
        f = self.facts
        ratios = [(f.ratio(t.metric, t.target), t) for t in slide.targets]
        known = [(r, t) for r, t in ratios if r is not None]
        met = [t for r, t in known if (r >= 1) == (f.spec(t.metric).better == "higher") or r == 1]
        best = max(known, key=lambda rt: _towards_good(f, rt[1].metric, rt[0]))
        worst = min(known, key=lambda rt: _towards_good(f, rt[1].metric, rt[0]))
        if len(known) == 1:
            return self.headline(known[0][1].metric, known[0][1].target)
        return self.say("targets", count=str(len(known)), hit=str(len(met)),
                        best=self.words.inline(best[1].label or f.label(best[1].metric)), best_ratio=f.fmt.format(best[0], "percent", 1),
                        worst=self.words.inline(worst[1].label or f.label(worst[1].metric)),
                        worst_ratio=f.fmt.format(worst[0], "percent", 1))

    # ------------------------------------------------------------------ analysis slides

    def drivers(self, slide: DriversSlide, body) -> str | None:
        f, block = self.facts, slide.drivers
        before = {n: f.base(n, block.compare) for n in block.into}
        after = {n: f.current(n) for n in block.into}
        if any(v is None or v <= 0 for v in (*before.values(), *after.values())):
            return None
        result = decompose(before, after)
        up = max(result.effects, key=lambda e: e.effect)
        down = min(result.effects, key=lambda e: e.effect)
        values = {"metric": f.label(block.metric), "compare": f.locale.words[block.compare],
                      "change": f.change_text(block.metric, block.compare),
                      "up": self.words.inline(f.label(up.name)), "down": self.words.inline(f.label(down.name)),
                      "up_effect": f.signed_value_text(block.metric, up.effect),
                      "down_effect": f.signed_value_text(block.metric, down.effect)}
        if up.effect > 0 > down.effect:
            return self.say("drivers_mixed", **values)
        return self.say("drivers_up" if result.change >= 0 else "drivers_down", **values)

    def funnel(self, slide: FunnelSlide, body) -> str:
        f, block = self.facts, slide.funnel
        values = [f.current(s) for s in block.stages]
        labels = list(block.labels or [f.label(s) for s in block.stages])
        steps = [(values[i + 1] / values[i], i) for i in range(len(values) - 1)]
        rate, worst = min(steps)
        return self.say("funnel", first=self.words.inline(labels[0]), last=self.words.inline(labels[-1]),
                        rate=f.fmt.format(values[-1] / values[0], "percent", 1),
                        step_from=self.words.inline(labels[worst]), step_to=self.words.inline(labels[worst + 1]),
                        step=f.fmt.format(rate, "percent", 1))

    def sentence(self, slide, body) -> str | None:
        """Pareto and input–output slides already compute their sentence: it becomes the title."""
        if not body.commentary:
            return None
        return self.words.spaced(body.commentary[0])

    def tree(self, slide: TargetTreeSlide, body) -> str | None:
        solved = next((c for c in body.children if c.solved), None)
        if solved is None:
            return None
        return self.say("tree", target=body.root_label, value=body.root_value,
                        solved=self.words.inline(solved.label), required=solved.required, current=solved.current)

    def timeline(self, slide: TimelineSlide, body) -> str | None:
        chart = body.chart
        if not (slide.timeline.metric and slide.timeline.target) or slide.timeline.year != "current":
            return None
        judged = [(name, tone) for name, tone in zip(chart.categories, chart.tones) if tone in (GOOD, BAD)]
        if not judged:
            return None
        missed = [name for name, tone in judged if tone == BAD]
        hit = len(judged) - len(missed)
        if not missed:
            return self.say("timeline_all", count=str(len(judged)))
        return self.say("timeline", count=str(len(judged)), hit=str(hit),
                        missed=self.words.word("list_separator").join(missed))


def _name(ref: str) -> str:
    from ..grammar.refs import parse_ref

    parts = parse_ref(ref)
    return parts.name if parts else ref


def _towards_good(facts: Facts, metric: str, ratio: float) -> float:
    if math.isnan(ratio):
        return -math.inf
    return ratio if facts.spec(metric).better == "higher" else -ratio
