"""One warning about one slide, as every layout check writes it: "slide N: …" at the outline line that made the
slide (the outline itself when no line did)."""

from __future__ import annotations

from ..errors import Diagnostic, SourceSpan
from .spec import PlacedSlide


def slide_warning(code: str, number: int, slide: PlacedSlide, outline: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(code, f"slide {number}: {message}", slide.source or SourceSpan(outline), hint, severity="warning")
