"""The deck's story: cover, agenda, sections with dividers, conclusions, summary, closing."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import replace

from ..charts.spec import ChartSpec, Series
from ..findings import find_all
from ..findings.drivers import decompose
from ..grammar.refs import parse_ref
from ..outline.read import LoadedYaml, Path_
from ..outline.schema import (
    ActionsSlide,
    BulletsSlide,
    CardsSlide,
    ChartSlide,
    DriversSlide,
    FunnelSlide,
    InputOutputSlide,
    KpiItem,
    KpiSlide,
    LadderSlide,
    Outline,
    ParetoSlide,
    ProblemsSlide,
    Section,
    TableSlide,
    TargetsSlide,
    TargetTreeSlide,
    TimelineSlide,
)
from ..resources import load_config
from .analysis import AnalysisSlides
from .charts import ChartBuilder, as_list
from .executive import Shown, evidence_for, executive_slide, proof_by, proof_kind
from .facts import Facts
from .highlights import Picker
from .spec import (
    BAD,
    GOOD,
    NEUTRAL,
    Agenda,
    Bullets,
    Callout,
    CardItem,
    Cards,
    Cell,
    Chart,
    Closing,
    Cover,
    DeckSpec,
    Delta,
    Highlights,
    KpiCard,
    Kpis,
    SlideSpec,
    Table,
)
from .structure import Appendix, Part, dividers
from .templates import render_template
from .titles import Titler, is_auto


class StoryBuilder:
    def __init__(self, outline: Outline, facts: Facts, loaded: LoadedYaml):
        self.outline = outline
        self.facts = facts
        self.loaded = loaded
        self.words = facts.locale.words
        self.charts = ChartBuilder(facts)
        self.preset = load_config(f"kinds/{outline.deck.kind}.yaml")
        self.analysis = AnalysisSlides(facts, outline.deck.charts == "native", self.text)
        self.findings = find_all(outline, facts)
        executive = outline.summary is None or outline.summary.executive
        self.titler = Titler(facts, self.charts, self.findings, self.preset["kpi_compare"][0],
                             answered=self.findings.headline if executive and self.findings.answer else "")
        self.shown: list[Shown] = []  # every content slide and its metrics, for the summary's page references
        self.appendix = Appendix(self.words["appendix_label"])
        self.said: list[str] = []

    # ------------------------------------------------------------------ deck

    def build(self) -> DeckSpec:
        sections = self._sections()
        contents = [make() for _, _, make in sections]
        parts = [Part(title, where[0], len(content)) for (title, where, _), content in zip(sections, contents)]
        agenda_items, before = dividers(self.outline.deck.dividers, parts, self.words["parts"])
        slides = [self._cover(), SlideSpec("agenda", self.words["agenda"], Agenda(agenda_items, None, self.words["agenda_sub"]))]
        for number, ((title, where, _), content) in enumerate(zip(sections, contents)):
            if number in before:
                heading, agenda = before[number]
                slides.append(SlideSpec("divider", heading, agenda, section=title, source=self.loaded.span(where)))
            slides.extend(content)
        slides.extend(self.appendix.part(self.words["parts"]["appendix"], self.outline.deck.dividers != "none"))
        slides.append(self._closing())
        if self.outline.summary is None or self.outline.summary.executive:
            slides.insert(1, self._answer())
        footer = self.outline.deck.footer or ""
        numbered = tuple(_with(slide, page=i + 1, footer=footer) for i, slide in enumerate(slides))
        return DeckSpec(self.outline.deck.title, self.outline.deck.locale, numbered)

    def _sections(self) -> list[tuple[str, Path_, Callable[[], list[SlideSpec]]]]:
        found = []
        for part in ("review", "plan"):
            for index, section in enumerate(getattr(self.outline, part)):
                where = (part, index)
                found.append((section.section, where, lambda s=section, w=where: self._section(s, w)))
        if self.outline.summary is not None:
            title = self.outline.summary.section or self.words["summary"]
            found.append((title, ("summary",), lambda: self._summary(title)))
        return found

    def _cover(self) -> SlideSpec:
        deck = self.outline.deck
        presenter = deck.presenter or ""
        date = self.facts.fmt.date(deck.date) if isinstance(deck.date, dt.date) else ""
        return SlideSpec("cover", deck.title, Cover(deck.title, deck.subtitle or "", presenter, date),
                         source=self.loaded.span(("deck",)))

    def _answer(self) -> SlideSpec:
        """The executive summary: the answer and the strongest findings, each pointing to its slide."""
        top = self.findings.top(load_config("findings.yaml")["summary_findings"],
                                proven=lambda finding: evidence_for(finding, self.shown) is not None)
        return executive_slide(self.findings.answer, top, self.shown, self.titler.words,
                               self.words["executive_summary"], self.loaded.span(("deck",)))

    def _closing(self) -> SlideSpec:
        deck = self.outline.deck
        text = deck.closing or self.words["closing"]
        return SlideSpec("closing", text, Closing(text, deck.presenter or ""), source=self.loaded.span(("deck",)))

    # ------------------------------------------------------------------ sections

    def _section(self, section: Section, where: Path_) -> list[SlideSpec]:
        slides, pointer = self._set_aside(section.slides, section.section, where)
        conclusion = self._joined(self.text(section.conclusion) if section.conclusion else "", pointer)
        if not conclusion:
            return slides
        if not slides:
            callout = SlideSpec("callout", section.section, Callout(conclusion), section=section.section,
                                source=self.loaded.span((*where, "conclusion")))
            return [callout]
        slides[-1] = _with(slides[-1], conclusion=conclusion, conclusion_label=self.words["conclusion"])
        return slides

    def _set_aside(self, outline_slides, section: str, where: Path_) -> tuple[list[SlideSpec], str]:
        """The section's slides for the main story, and a pointer to those moved to the appendix."""
        main, labels = [], []
        for i, slide in enumerate(outline_slides):
            spec = self._slide(slide, section, (*where, "slides", i))
            if slide.appendix:
                labels.append(self.appendix.take(spec))
            else:
                main.append(spec)
        joiner = "、" if self.facts.locale.is_cjk else ", "
        return main, self.words["see_appendix"].format(refs=joiner.join(labels)) if labels else ""

    def _joined(self, sentence: str, pointer: str) -> str:
        """A conclusion followed by its pointer to the appendix (a space between them in Latin scripts)."""
        return ("" if self.facts.locale.is_cjk else " ").join(filter(None, [sentence, pointer]))

    def _summary(self, title: str) -> list[SlideSpec]:
        summary = self.outline.summary
        where: Path_ = ("summary",)
        slides = []
        if summary.highlights or summary.shortfalls:
            highlights, shortfalls = self._highlights(summary)
            body = Highlights(highlights, shortfalls, self.words["highlights"], self.words["shortfalls"])
            heading = self.words["highlights_and_shortfalls"]
            slides.append(SlideSpec("highlights", heading, body, section=title, source=self.loaded.span(where)))
        main, pointer = self._set_aside(summary.slides, title, where)
        slides.extend(main)
        if summary.conclusion or pointer:
            text = self._joined(self.text(summary.conclusion) if summary.conclusion else "", pointer)
            slides.append(SlideSpec("callout", title, Callout(text), section=title,
                                    source=self.loaded.span((*where, "conclusion"))))
        return slides

    def _highlights(self, summary) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Written sentences, or (``auto``) the strongest findings of the rules."""
        automatic = ((), ())
        if "auto" in (summary.highlights, summary.shortfalls):
            said = (*self.said, *self.titler.charts.said)
            automatic = Picker(self.facts, comparison=self.preset["kpi_compare"][0]).pick(
                self.outline, summary.top, said, self.titler.answered)
        highlights = automatic[0] if summary.highlights == "auto" else tuple(self.text(t) for t in summary.highlights)
        shortfalls = automatic[1] if summary.shortfalls == "auto" else tuple(self.text(t) for t in summary.shortfalls)
        return highlights, shortfalls

    def text(self, template: str) -> str:
        filled = render_template(template, self.facts)
        self.said.append(filled)  # for the summary: what the deck has already said
        return filled

    # ------------------------------------------------------------------ slides

    def _slide(self, slide, section: str, where: Path_) -> SlideSpec:
        analysis = self.analysis
        maker = {
            KpiSlide: self._kpis, ChartSlide: self._chart, TableSlide: self._table, CardsSlide: self._cards,
            DriversSlide: self._drivers, BulletsSlide: self._bullets, ActionsSlide: self._actions,
            TargetsSlide: analysis.targets, LadderSlide: analysis.ladder, FunnelSlide: analysis.funnel,
            ParetoSlide: analysis.pareto, TimelineSlide: analysis.timeline, TargetTreeSlide: analysis.target_tree,
            InputOutputSlide: analysis.input_output, ProblemsSlide: analysis.problems,
        }[type(slide)]
        kind, default_title, body, metrics = maker(slide)
        if getattr(maker, "__self__", None) is analysis and slide.commentary:
            body = _with(body, commentary=body.commentary + self.commentary(slide))
        if isinstance(body, Chart) and not (body.chart.categories and body.chart.series):
            kind, body = "bullets", Bullets((self.words["no_data"], *body.commentary))
        title, body = self._title(slide, body, default_title or section)
        notes = self._notes(metrics, slide.notes) + self._ranked(body)
        self.shown.append(Shown(self.loaded.span(where), proof_kind(slide), frozenset(metrics), proof_by(slide)))
        return SlideSpec(kind, title, body, section=section, notes=notes, source=self.loaded.span(where))

    def _title(self, slide, body, default: str):
        """The written title, or (omitted or ``auto``) one that states what the visual shows."""
        if not is_auto(slide.title):
            return self.text(slide.title), body
        title = self.titler.title(slide, body)
        if title and getattr(body, "commentary", ()) and _same(body.commentary[0], title):
            body = _with(body, commentary=body.commentary[1:])  # a computed sentence now said by the title
        return title or default, body

    def _ranked(self, body) -> tuple[str, ...]:
        """A Pareto chart may number its items by rank when their names do not fit: the names, in the notes."""
        if not (isinstance(body, Chart) and body.chart.kind == "pareto"):
            return ()
        items = "; ".join(f"{rank} {name}" for rank, name in enumerate(body.chart.categories, 1))
        return (self.words["ranked_items"].format(items=items),)

    def commentary(self, slide) -> tuple[str, ...]:
        return tuple(self.text(t) for t in as_list(slide.commentary))

    def _kpis(self, slide: KpiSlide):
        cards, names, shown = [], [], []
        for item in slide.kpis:
            item = item if isinstance(item, KpiItem) else KpiItem(metric=item)
            name = parse_ref(item.metric).name
            names.append(name)
            deltas = [self._delta(name, comparison) for comparison in slide.compare or self.preset["kpi_compare"]]
            if item.target:
                deltas.append(self._attainment(name, item.target))
                names.append(item.target)
            cards.append(KpiCard(item.label or self.facts.label(name), "", tuple(deltas)))
            shown.append((name, self.facts.current(name)))
        figures = self.facts.group_texts(shown)
        cards = [replace(card, value=figure) for card, figure in zip(cards, figures)]
        return "kpis", "", Kpis(tuple(cards), self.commentary(slide)), names

    def _delta(self, name: str, comparison: str) -> Delta:
        if comparison == "previous":
            return Delta(self.words["previous"], self.facts.value_text(name, self.facts.base(name)))
        change = self.facts.change(name, comparison)
        return Delta(self.words[comparison], self.facts.change_text(name, comparison), self.facts.tone(name, change))

    def _attainment(self, name: str, target: str) -> Delta:
        ratio = self.facts.ratio(name, target)
        tone = NEUTRAL if ratio is None else self.facts.tone(name, ratio - 1.0)
        return Delta(self.words["attainment"], self.facts.ratio_text(name, target), tone)

    def _chart(self, slide: ChartSlide):
        block = slide.chart
        spec = self.charts.build(block)
        refs = as_list(block.y) + as_list(block.bars) + as_list(block.line) + as_list(block.steps)
        refs += [r for r in (block.start, block.subtract) if r]
        names = [parse_ref(r).name for r in refs]
        title = " · ".join(dict.fromkeys(self.facts.label(n) for n in names))
        native = (block.render or self.outline.deck.charts) == "native"
        return "chart", title, Chart(spec, self.commentary(slide), native), names

    def _table(self, slide: TableSlide):
        block = slide.table
        if block.rows:
            header = tuple(block.header or ())
            rows = tuple(tuple(Cell(_literal(v), numeric=isinstance(v, (int, float))) for v in row) for row in block.rows)
            return "table", "", Table(header, rows, self.commentary(slide), block.show), []
        refs = [parse_ref(r) for r in block.columns]
        grouping = self.charts.grouping(block.by)
        frames = [self.charts.values(ref, grouping) for ref in refs]
        index = frames[0].index
        if block.sort:
            key = frames[block.columns.index(block.sort.lstrip("-"))]
            index = key.sort_values(ascending=not block.sort.startswith("-"), kind="mergesort").index
        if block.top:
            index = index[: block.top]
        labels = self.charts.categories(index, grouping)
        header = tuple(block.header) if block.header else (
            (self._dimension_label(block.by),) + tuple(self.charts.series_name(r) for r in refs))
        columns = [self._column(ref, [frame.get(key) for key in index]) for ref, frame in zip(refs, frames)]
        for position, ref in enumerate(refs):
            if ref.comparison in ("yoy", "mom") and self.facts.is_ratio(ref.name):  # ROI: "3.57 → 3.20"
                columns[position] = self._arrows(ref, grouping, index, columns[position])
        rows = [(Cell(labels[position]), *(column[position] for column in columns)) for position in range(len(index))]
        names = [r.name for r in refs]
        return "table", "", Table(header, tuple(rows), self.commentary(slide), block.show), names

    def _dimension_label(self, by: str) -> str:
        return "" if by in ("day", "week", "month", "quarter", "year") else by

    def _arrows(self, ref, grouping, index, cells: list[Cell]) -> list[Cell]:
        """A ratio's change column as "before → now" per row, each cell keeping its colour."""
        base = replace(ref, comparison="previous" if ref.comparison == "yoy" else "prior")
        before = self.charts.values(base, grouping)
        now = self.charts.values(replace(ref, comparison=None), grouping)
        return [replace(cell, text=self.facts.arrow_text(ref.name, _known(before.get(key)), _known(now.get(key))))
                for cell, key in zip(cells, index)]

    def _column(self, ref, values: list) -> list[Cell]:
        """One table column; amounts in one scale and one number of decimals (not "9,137" beside "1.2万")."""
        cells = [self._cell(ref, value) for value in values]
        spec = self.facts.spec(ref.name)
        if ref.comparison is None and spec.format in ("money", "number"):
            known = [None if v is None or math.isnan(v) else float(v) for v in values]
            texts = self.facts.fmt.column(known, spec.format, spec.decimals, spec.unit)
            cells = [replace(cell, text=text) for cell, text in zip(cells, texts)]
        return cells

    def _cell(self, ref, value) -> Cell:
        value = None if value is None or math.isnan(value) else float(value)
        fmt, _ = self.charts.series_format(ref)
        if ref.comparison in ("yoy", "mom"):
            text = self.facts.delta_text(ref.name, value)
            return Cell(text, self.facts.tone(ref.name, value), numeric=True)
        if ref.comparison == "change":
            return Cell(self.facts.signed_value_text(ref.name, value), self.facts.tone(ref.name, value), numeric=True)
        if ref.comparison == "vs":
            tone = NEUTRAL if value is None else (GOOD if value >= 1 else BAD)
            return Cell(self.facts.fmt.format(value, "percent", 1), tone, numeric=True)
        spec = self.facts.spec(ref.name)
        if fmt == "percent" and spec.format != "percent":
            return Cell(self.facts.fmt.format(value, "percent", 1), numeric=True)
        return Cell(self.facts.value_text(ref.name, value), numeric=True)

    def _cards(self, slide: CardsSlide):
        cards, names = [], []
        for card in slide.cards:
            figure = ""
            if card.metric:
                ref = parse_ref(card.metric)
                names.append(ref.name)
                figure = self.text("{{ " + card.metric + " }}")
            cards.append(CardItem(self.text(card.title), tuple(self.text(t) for t in as_list(card.text)), figure))
        return "cards", "", Cards(tuple(cards), self.commentary(slide)), names

    def _bullets(self, slide: BulletsSlide):
        return "bullets", "", Bullets(tuple(self.text(t) for t in slide.bullets) + self.commentary(slide)), []

    def _actions(self, slide: ActionsSlide):
        header = tuple(self.words["actions_header"])
        rows = tuple(
            tuple(Cell(self.text(v or "")) for v in (a.what, a.when, a.owner, a.target, a.budget))
            for a in slide.actions
        )
        return "table", "", Table(header, rows, self.commentary(slide)), []

    def _drivers(self, slide: DriversSlide):
        block = slide.drivers
        facts = self.facts
        before = {n: facts.base(n, block.compare) for n in block.into}
        after = {n: facts.current(n) for n in block.into}
        if any(v is None or v <= 0 for v in (*before.values(), *after.values())):
            spec = ChartSpec(kind="waterfall", categories=(), series=())  # nothing to compare: said in words
            return "chart", "", Chart(spec), [block.metric, *block.into]
        result = decompose(before, after)
        ends = ("start_value", "end_value") if block.compare == "yoy" else ("start_value_mom", "end_value_mom")
        labels = [self.words[ends[0]], *(facts.label(e.name) for e in result.effects), self.words[ends[1]]]
        steps = [result.total_before, *(e.effect for e in result.effects), result.total_after]
        spec_metric = facts.spec(block.metric)
        signs = [0 < i < len(steps) - 1 for i in range(len(steps))]  # the steps between the two totals
        value_labels = facts.fmt.signed_column(steps, signs, spec_metric.format, spec_metric.decimals)
        chart = ChartSpec(kind="waterfall", categories=tuple(labels),
                          series=(Series(facts.label(block.metric), tuple(steps), labels=value_labels),),
                          totals=(True, *([False] * len(result.effects)), True),
                          primary_axis=facts.fmt.axis("number", max(result.total_before, result.total_after)),
                          show_legend=False, key=tuple(facts.locale.words["waterfall_key"]))
        sentence = self._driver_sentence(block, result)
        factor_lines = tuple(
            facts.locale.labelled(facts.label(e.name), f"{facts.value_text(e.name, e.before)} → "
                                  f"{facts.value_text(e.name, e.after)}")
            + ("" if facts.is_ratio(e.name) else facts.locale.bracketed(facts.change_text(e.name, block.compare)))
            for e in result.effects
        )
        # an automatic title already states the change and its drivers: the lines beside the chart add the factors
        said = () if is_auto(slide.title) else (sentence,)
        commentary = (*said, *factor_lines, *self.commentary(slide))
        native = self.outline.deck.charts == "native"
        return "chart", "", Chart(chart, commentary, native), [block.metric, *block.into]

    def _driver_sentence(self, block, result) -> str:
        """"Las ventas suben un 23,2 %, impulsadas sobre todo por los visitantes únicos (+157.202)": the verb
        and participle agree with the metric (configs/findings/<locale>.yaml, drivers_*)."""
        from ..findings.wording import Wording

        facts = self.facts
        wording = Wording(facts.locale.code, not facts.locale.is_cjk)
        dominant = result.dominant()
        direction = "up" if result.change > 0 else ("down" if result.change < 0 else "flat")
        metric, driver = facts.label(block.metric), facts.label(dominant.name)
        return wording.say(
            f"drivers_{direction}", metric, metric=metric, the_metric=wording.the(metric), driver=driver,
            the_driver=wording.the(driver), change=facts.change_text(block.metric, block.compare).lstrip("+-"),
            contribution=facts.fmt.signed(facts.value_text(block.metric, abs(dominant.effect)), dominant.effect))

    # ------------------------------------------------------------------ notes

    def _notes(self, names: list[str], extra: str | None) -> tuple[str, ...]:
        periods = self.facts.periods
        period = f"{periods.current.start} – {periods.current.end}"
        base = f"{periods.previous.start} – {periods.previous.end}"
        lines = [self.facts.locale.labelled(self.words["source"], f"{period}" + self.facts.locale.bracketed(f"vs {base}"))]
        for name in dict.fromkeys(names):
            if name in self.facts.engine.specs:
                lines.append(f"{self.facts.label(name)} = {self.facts.engine.describe(name)}")
        if extra:
            lines.append(extra)
        return tuple(lines)


def _same(sentence: str, title: str) -> bool:
    """The same words, whatever spacing and word joiners the title added."""
    return "".join(sentence.split()) == "".join(title.replace("\u2060", "").split())


def _literal(value) -> str:
    from ..outline.read import raw_text

    return value if isinstance(value, str) else raw_text(value)


def _with(slide: SlideSpec, **changes) -> SlideSpec:
    from dataclasses import replace

    return replace(slide, **changes)


def build_story(outline: Outline, facts: Facts, loaded: LoadedYaml) -> DeckSpec:
    return StoryBuilder(outline, facts, loaded).build()


def _known(value) -> float | None:
    return None if value is None or math.isnan(value) else float(value)
