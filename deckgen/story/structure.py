"""The deck's navigation: which sections get a divider (``deck.dividers``), and the appendix that takes
detail slides (``appendix: true``) out of the main story, with a pointer left where they were."""

from __future__ import annotations

from dataclasses import dataclass, field

from .spec import Agenda, SlideSpec

BIG_SECTION = 3  # with dividers: auto and a single part, a section this long gets a divider


@dataclass(frozen=True)
class Part:
    """A section of the deck as the navigation sees it: its title, its part (review, plan, summary) and
    how many slides it has."""

    title: str
    part: str
    slides: int


def dividers(mode: str, sections: list[Part], part_words: dict[str, str]
             ) -> tuple[tuple[str, ...], dict[int, tuple[str, Agenda]]]:
    """The agenda's items, and the divider before each section that has one: its title and the list it
    highlights. The agenda lists exactly what the dividers announce, in the same words.

    ``sections``: one per section; ``parts``: one per part (回顾 / 计划 / 总结); ``none``; ``auto``: parts
    when the deck has two or more, else only before sections of three or more slides.

    The first section never gets one: the agenda comes just before it and already lists the same items, so a
    divider there would repeat the agenda with its first item highlighted."""
    items, before = _dividers(mode, sections, part_words)
    before.pop(0, None)
    return items, before


def _dividers(mode: str, sections: list[Part], part_words: dict[str, str]
              ) -> tuple[tuple[str, ...], dict[int, tuple[str, Agenda]]]:
    parts = list(dict.fromkeys(s.part for s in sections))
    if mode == "auto":
        mode = "parts" if len(parts) >= 2 else "big"
    titles = tuple(s.title for s in sections)
    if mode == "sections":
        return titles, {i: (s.title, Agenda(titles, i)) for i, s in enumerate(sections)}
    if mode == "big":
        return titles, {i: (s.title, Agenda(titles, i)) for i, s in enumerate(sections) if s.slides >= BIG_SECTION}
    if mode == "parts":
        names = tuple(part_words.get(p, p) for p in parts)
        firsts = {}
        for i, s in enumerate(sections):
            firsts.setdefault(s.part, i)
        return names, {i: (names[k], Agenda(names, k)) for k, i in enumerate(firsts.values())}
    return titles, {}


@dataclass
class Appendix:
    """Detail slides moved to the end of the deck, labelled A1, A2 … in the order the outline lists them."""

    label: str  # the locale's pattern, e.g. "A{number}"
    slides: list[SlideSpec] = field(default_factory=list)

    def take(self, slide: SlideSpec) -> str:
        """Move a slide here; returns its label, for the pointer in the main story."""
        label = self.label.format(number=len(self.slides) + 1)
        self.slides.append(SlideSpec(slide.kind, f"{label} {slide.title}", slide.body, section=slide.section,
                                     notes=slide.notes, source=slide.source))
        return label

    def part(self, title: str, with_divider: bool) -> list[SlideSpec]:
        """The appendix at the end of the deck, opened by a list of its slides when the deck has dividers and
        the appendix is long enough to need one (a list of one or two labelled slides only pads the deck)."""
        if not self.slides:
            return []
        contents = Agenda(tuple(s.title for s in self.slides))
        opening = ([SlideSpec("divider", title, contents, section=title)]
                   if with_divider and len(self.slides) >= BIG_SECTION else [])
        return opening + [_in_section(s, title) for s in self.slides]


def _in_section(slide: SlideSpec, section: str) -> SlideSpec:
    from dataclasses import replace

    return replace(slide, section=section)
