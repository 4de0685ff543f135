"""A written title that names a metric its slide does not show: `check` and `build` warn.

A title claims only what the visual proves (STORY.md §2). The metrics a title names are its placeholders and
the metric labels written in it; a slide shows its own metrics, their parts, their targets, and cuts of the
same column (物流服务 DSR on a table of DSR by dimension).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import Diagnostic
from ..findings.scope import slide_metrics, slide_targets
from ..outline.read import LoadedYaml
from ..outline.schema import (
    ChartSlide,
    DriversSlide,
    FunnelSlide,
    KpiSlide,
    LadderSlide,
    Outline,
    ParetoSlide,
    TableSlide,
    TargetsSlide,
)
from .titles import is_auto

VISUALS = (KpiSlide, ChartSlide, TableSlide, DriversSlide, TargetsSlide, LadderSlide, FunnelSlide, ParetoSlide)
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_]\w*)")
MIN_LABEL = 2  # a one-letter label would match anywhere


def title_warnings(outline: Outline, specs: dict, loaded: LoadedYaml) -> list[Diagnostic]:
    found = []
    for slide, where in outline.slides_with_paths():
        if not isinstance(slide, VISUALS) or is_auto(slide.title) or (isinstance(slide, TableSlide)
                                                                        and not slide.table.columns):
            continue
        shown = {*slide_metrics(slide), *(target for _, target in slide_targets(slide))}
        if isinstance(slide, LadderSlide):
            shown |= {n for n in (slide.ladder.plan, slide.ladder.industry) if n}
        for name in dict.fromkeys(_named(slide.title, specs)):
            if not _covered(name, shown, specs):
                label = specs[name].label or name
                found.append(Diagnostic(
                    "title.not_shown", f"the title names {label} ({name}), which this slide does not show",
                    loaded.span((*where, "title")),
                    "a title claims only what its chart or table shows: name a metric of the slide, or leave the "
                    "title out for an automatic one", severity="warning"))
    return found


def _named(title: str, specs: dict) -> Iterator[str]:
    yield from (name for name in PLACEHOLDER.findall(title) if name in specs)
    words = PLACEHOLDER.sub(" ", re.sub(r"\{\{.*?\}\}", " ", title))
    labels = {name: spec.label for name, spec in specs.items() if spec.label and len(spec.label) >= MIN_LABEL}
    for name, label in labels.items():
        longer = any(label in other and label != other and other in words for other in labels.values())
        if label in words and not longer:  # '天猫 GMV' names gmv_tmall, not gmv
            yield name


def _covered(name: str, shown: set[str], specs: dict) -> bool:
    if name in shown:
        return True
    ratio = specs[name].ratio
    if ratio and all(part in specs and _covered(part, shown, specs) for part in ratio):
        return True  # a cut of a shown ratio: 信息流 ROI on a table of ROI by channel
    for other in shown:
        spec = specs.get(other)
        if spec is None:
            continue
        if name in (spec.ratio or []) or (spec.expr and re.search(rf"\b{name}\b", spec.expr)):
            return True  # a part of a shown ratio or formula
        if _same_column(specs[name], spec) or (specs[other].label and specs[name].label
                                               and specs[name].label in specs[other].label):
            return True
    return False


def _same_column(one, other) -> bool:
    """Two cuts of one column (where filters aside): DSR 物流服务 of a table of DSR by dimension."""
    if not (one.table and one.table == other.table):
        return False
    return any(getattr(one, kind) and getattr(one, kind) == getattr(other, kind)
               for kind in ("sum", "mean", "count", "distinct"))
