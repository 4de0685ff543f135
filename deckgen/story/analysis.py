"""Analysis slides: target vs actual, benchmark ladder, funnel, Pareto, timeline, target tree,
input–output and problem → cause → action."""

from __future__ import annotations

import datetime as dt
import itertools
import math

import pandas as pd

from ..charts.spec import AxisFormat, ChartSpec, Series
from ..data.metrics import Grouping
from ..data.periods import DateRange
from ..outline.schema import (
    FunnelSlide,
    InputOutputSlide,
    LadderSlide,
    ParetoSlide,
    ProblemsSlide,
    TargetsSlide,
    TargetTreeSlide,
    TimelineSlide,
)
from .facts import Facts
from .spec import BAD, GOOD, NEUTRAL, Cell, Chart, Table, Tree, TreeNode

Made = tuple[str, str, object, list[str]]  # layout kind, default title, body, metrics used


class AnalysisSlides:
    def __init__(self, facts: Facts, native: bool, text=lambda template: template):
        self.text = text  # fills {{ placeholders }} in user sentences
        self.facts = facts
        self.fmt = facts.fmt
        self.words = facts.locale.words
        self.native = native

    def percent_axis(self) -> AxisFormat:
        from dataclasses import replace

        return replace(self.fmt.axis("percent", 1.0), decimals=0)

    # ------------------------------------------------------------------ target vs actual

    def targets(self, slide: TargetsSlide) -> Made:
        f = self.facts
        labels, ratios, texts, tones, lines, names = [], [], [], [], [], []
        for item in slide.targets:
            ratio = f.ratio(item.metric, item.target)
            labels.append(item.label or f.label(item.metric))
            ratios.append(ratio)
            texts.append(self.fmt.format(ratio, "percent", 1))
            tones.append(NEUTRAL if ratio is None else f.tone(item.metric, ratio - 1.0))
            lines.append(f.locale.labelled(
                labels[-1], f"{self.words['actual']} {f.value_text(item.metric, f.current(item.metric))}"
                            f" / {self.words['target']} {f.value_text(item.target, f.current(item.target))}"))
            names += [item.metric, item.target]
        chart = ChartSpec(kind="progress", categories=tuple(labels),
                          series=(Series(self.words["attainment"], tuple(ratios), labels=tuple(texts)),),
                          primary_axis=self.percent_axis(), tones=tuple(tones), reference=1.0, show_legend=False,
                          key=tuple(self.words["target_key"]))
        return "chart", self.words["attainment"], Chart(chart, tuple(lines), self.native), names

    # ------------------------------------------------------------------ benchmark ladder

    def ladder(self, slide: LadderSlide) -> Made:
        f, block, w = self.facts, slide.ladder, self.words
        name = block.metric
        now = (name, f.current(name))
        rows, names = [], [name]
        if block.previous:
            change = f.change(name)
            rows.append((w["ladder_previous"], (name, f.base(name)), now,
                         Cell(f.change_text(name), f.tone(name, change), numeric=True)))
        if block.baseline:
            lift = f.uplift(name)
            usual = f.daily(name, f.periods.baseline) if f.periods.baseline else None
            tone = NEUTRAL if lift is None else f.tone(name, lift - (0.0 if f.is_rate(name) else 1.0))
            rows.append((w["ladder_baseline"], (name, usual), (name, f.daily(name, None)),
                         Cell(f.uplift_text(name), tone, numeric=True)))
        if block.target:
            ratio = f.ratio(name, block.target)
            rows.append((w["ladder_target"], (block.target, f.current(block.target)), now,
                         Cell(f.ratio_text(name, block.target), self._attainment_tone(name, ratio), numeric=True)))
            names.append(block.target)
        if block.plan:
            ytd = f.periods.ytd
            ratio = f.ratio(name, block.plan, ytd)
            elapsed = ytd.days / (dt.date(ytd.end.year, 12, 31) - dt.date(ytd.end.year, 1, 1)).days  # on track?
            tone = NEUTRAL if ratio is None else f.tone(name, ratio - min(elapsed, 1.0))
            rows.append((w["ladder_plan"], (block.plan, f.current(block.plan)), (name, f.value(name, ytd)),
                         Cell(f.ratio_text(name, block.plan, ytd), tone, numeric=True)))
            names.append(block.plan)
        if block.industry:
            ours, theirs = f.change(name), f.change(block.industry)
            gap = None if ours is None or theirs is None else ours - theirs
            text = w["ladder_growth_gap"].format(ours=f.change_text(name), theirs=f.change_text(block.industry))
            rows.append((w["ladder_industry"], (block.industry, f.current(block.industry)), now,
                         Cell(text, f.tone(name, gap), numeric=True)))
            names.append(block.industry)
        references = f.column_texts([row[1] for row in rows])  # one scale per column: not "931.029 ¥" over "1,20 M¥"
        values = f.column_texts([row[2] for row in rows])
        table_rows = tuple((Cell(row[0]), Cell(b, numeric=True), Cell(c, numeric=True), row[3])
                           for row, b, c in zip(rows, references, values))
        title = f"{f.label(name)} · {w['ladder_header'][0]}"
        return "table", title, Table(tuple(w["ladder_header"]), table_rows), names

    def _attainment_tone(self, name: str, ratio: float | None) -> str:
        return NEUTRAL if ratio is None else self.facts.tone(name, ratio - 1.0)

    # ------------------------------------------------------------------ funnel

    def funnel(self, slide: FunnelSlide) -> Made:
        f, block = self.facts, slide.funnel
        values = [f.current(stage) for stage in block.stages]
        labels = list(block.labels or [f.label(stage) for stage in block.stages])
        texts = tuple(f.column_texts(list(zip(block.stages, values))))
        notes = []
        for upper, lower in itertools.pairwise(values):
            rate = None if not upper or lower is None else lower / upper
            notes.append(f"{self.words['conversion']} {self.fmt.format(rate, 'percent', 1)}")
        widths = tuple(None if value is None or value < 0 else value for value in values)  # labels keep the sign
        chart = ChartSpec(kind="funnel", categories=tuple(labels),
                          series=(Series(labels[0], widths, labels=texts),), notes=tuple(notes),
                          show_legend=False, key=(self.words["not_to_scale"],))
        return "chart", " → ".join(labels), Chart(chart, (), self.native), list(block.stages)

    # ------------------------------------------------------------------ Pareto

    def pareto(self, slide: ParetoSlide) -> Made:
        f, block = self.facts, slide.pareto
        values = f.engine.series(block.metric, f.periods.current, Grouping(column=block.by)).dropna()
        ordered = values[values > 0].sort_values(ascending=False, kind="mergesort")
        total = float(ordered.sum())
        cumulative = ordered.cumsum() / total if total else ordered * math.nan
        few = max(1, math.ceil(len(ordered) * (1 - block.reference)))
        shown = ordered.index[: max(block.top, few)]  # the chart shows every item the sentence counts
        bars = Series(f.label(block.metric), tuple(float(v) for v in ordered[shown]),
                      labels=self.fmt.column([float(v) for v in ordered[shown]], f.spec(block.metric).format,
                                             chart=True))
        line = Series(self.words["cumulative_share"], tuple(float(v) for v in cumulative[shown]), role="line",
                      axis="secondary")
        tones = tuple(GOOD if i < few else NEUTRAL for i in range(len(shown)))  # the same few the sentence names
        chart = ChartSpec(kind="pareto", categories=tuple(self.facts.locale.value_name(k) for k in shown), series=(bars, line),
                          primary_axis=self.fmt.axis("number", float(ordered.max()) if len(ordered) else 0.0),
                          secondary_axis=self.percent_axis(), reference=block.reference, tones=tones)
        share = float(ordered.iloc[:few].sum()) / total if total else None
        from ..findings.wording import Wording

        wording = Wording(f.locale.code, not f.locale.is_cjk)  # "de las ventas", not "de Ventas"
        sentence = self.words["pareto_sentence"].format(
            share_items=self.fmt.format(1 - block.reference, "percent", 0), by=block.label or block.by, count=few,
            metric=wording.inline(f.label(block.metric)), the_metric=wording.the(f.label(block.metric)),
            share=self.fmt.format(share, "percent", 1))
        return "chart", f.label(block.metric), Chart(chart, (sentence,), self.native), [block.metric]

    # ------------------------------------------------------------------ timeline

    def timeline(self, slide: TimelineSlide) -> Made:
        f, block = self.facts, slide.timeline
        frame = f.engine.rows(block.table)
        dates = pd.to_datetime(frame[block.date], errors="coerce")
        year = f.periods.current.end.year + (1 if block.year == "next" else 0)
        nodes = frame[dates.dt.year == year].assign(_date=dates).sort_values("_date", kind="mergesort")
        current = f.periods.current
        shown = current if block.year == "current" else DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
        values = self._per_node(block.metric, block.name, current) if block.year == "current" else {}
        targets = self._per_node(block.target, block.name, shown)
        categories, when, sizes, labels, tones = [], [], [], [], []
        for _, row in nodes.iterrows():
            key = str(row[block.name])
            categories.append(key)
            when.append(row["_date"].date().isoformat())
            value = values.get(key)
            target = targets.get(key)
            sizes.append(value if value is None or value >= 0 else None)  # a dot has no negative size; label says it
            labels.append(self._node_label(block, value, target))
            ratio = None if value is None or not target else value / target
            tones.append(NEUTRAL if ratio is None else (GOOD if ratio >= 1 else BAD))
        chart = ChartSpec(kind="timeline", categories=tuple(categories),
                          series=(Series(block.metric or block.name, tuple(sizes), labels=tuple(labels)),),
                          dates=tuple(when), tones=tuple(tones), show_legend=False,
                          month_names=self.facts.locale.months, key=tuple(self.words["target_key"]))
        names = [n for n in (block.metric, block.target) if n]
        return "chart", block.name, Chart(chart, ()), names

    def _per_node(self, metric: str | None, column: str, period: DateRange) -> dict[str, float]:
        if not metric:
            return {}
        series = self.facts.engine.series(metric, period, Grouping(column=column))
        return {str(k): float(v) for k, v in series.items() if not pd.isna(v)}

    def _node_label(self, block, value: float | None, target: float | None) -> str:
        f = self.facts
        if block.year == "next" or value is None:
            return f.value_text(block.target, target) if block.target and target is not None else ""
        text = f.value_text(block.metric, value)
        text = text if f.spec(block.metric).format != "money" else self.fmt.format(value, "number")
        if target:
            text += f" · {self.fmt.format(value / target, 'percent', 1)}"
        return text

    # ------------------------------------------------------------------ target tree

    def target_tree(self, slide: TargetTreeSlide) -> Made:
        f, block, w = self.facts, slide.target_tree, self.words
        goal = f.current(block.target)
        required: dict[str, float | None] = {n: f.current(t) for n, t in block.given.items()}
        unknown = [n for n in block.factors if n not in block.given]
        solved = unknown[0] if unknown else None
        if solved:
            known = [required[n] for n in block.factors if n != solved]
            product = math.prod(v for v in known if v) if all(known) else None
            required[solved] = goal / product if goal is not None and product else None
        children = []
        for name in block.factors:
            now, need = f.current(name), required.get(name)
            change = None
            if now is not None and need is not None:
                change = need - now if f.is_rate(name) else (need / now - 1 if now else None)
            text = (self.fmt.change_points(change, 2) if f.is_rate(name) else self.fmt.change_percent(change))
            children.append(TreeNode(f.label(name), f.value_text(name, now), f.value_text(name, need), text,
                                     f.tone(name, change), name == solved))
        body = Tree(f.label(block.target), f.value_text(block.target, goal), tuple(children),
                    w["current_value"], w["required"])
        names = [block.target, *block.factors, *block.given.values()]
        return "tree", f.label(block.target), body, names

    # ------------------------------------------------------------------ input and output

    def input_output(self, slide: InputOutputSlide) -> Made:
        f, block, w = self.facts, slide.input_output, self.words
        costs = f.engine.series(block.cost, f.periods.current, Grouping(column=block.by)).dropna()
        costs = _largest_and_other(costs.sort_values(ascending=False, kind="mergesort"), w["other"])
        output = f.current(block.output) or 0.0
        categories = (w["inputs"], w["outputs"])
        # the output first: it takes the palette's first colour, the costs the next ones (never an 8th, off-key)
        series = [Series(f.label(block.output), (None, output)),
                  *(Series(f.locale.value_name(k), (float(v), None)) for k, v in costs.items())]
        total = float(costs.sum())
        chart = ChartSpec(kind="bar", categories=categories, series=tuple(series), stacked=True,
                          primary_axis=self.fmt.axis("number", max(total, output)))
        ratio = output / total if total else None
        sentence = w["input_output_sentence"].format(cost=f.value_text(block.cost, total),
                                                     output=f.value_text(block.output, output),
                                                     ratio=self.fmt.format(ratio, "decimal", 2))
        return "chart", f"{w['inputs']} · {w['outputs']}", Chart(chart, (sentence,), self.native), \
            [block.cost, block.output]

    # ------------------------------------------------------------------ problems

    def problems(self, slide: ProblemsSlide) -> Made:
        header = tuple(self.words["problems_header"])
        rows = tuple(tuple(Cell(self.text(v or "")) for v in (p.problem, p.cause, p.action, p.owner))
                     for p in slide.problems)
        if not any(p.owner for p in slide.problems):
            header, rows = header[:3], tuple(row[:3] for row in rows)
        return "table", header[0], Table(header, rows), []


COST_PARTS = 4  # a stacked bar reads with a legend of four parts and "other"; more are a colour chart


def _largest_and_other(costs, other: str):
    """The four largest costs and the rest summed as ``other`` (with a cost the data already calls so)."""
    if len(costs) <= COST_PARTS + 1:
        return costs
    import pandas as pd

    kept = costs[[name != other for name in costs.index]].iloc[:COST_PARTS]
    rest = float(costs.sum() - kept.sum())
    return pd.concat([kept, pd.Series({other: rest})]) if rest else kept
