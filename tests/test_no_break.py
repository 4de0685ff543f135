"""No line break inside a number, a signed number, a number with its unit, or a table header word.

Viewers break lines on their own: LibreOffice breaks between any two ideographs, whatever joiner sits between
them ("个百/分点", "万/元"). So the layout decides every line break with measured widths and writes it
(``layout.textfit.broken``), keeping bound spans whole, and the writer adds word joiners (U+2060) for viewers
that re-wrap. The render test reads LibreOffice's own text of whole sample decks: no line may end in a sign,
a number cut from its unit, or part of a unit.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from deckgen.layout.textfit import (
    JOINER,
    LINE_BREAK,
    bind,
    bind_words,
    broken,
    text_width_em,
    unbreakable,
    wrap,
)

ROOT = Path(__file__).resolve().parent.parent


def plain(text: str) -> str:
    return text.replace(JOINER, "").replace(LINE_BREAK, "")


@pytest.mark.parametrize("text, held", [
    ("同比 -0.35个百分点", "-⁠0.35⁠个⁠百⁠分⁠点"),
    ("GMV 5,641万元", "5,641⁠万⁠元"),
    ("客单价 193.9 元", "193.9⁠ ⁠元"),
    ("Ventas 1,15\u00a0M¥", "1,15⁠\u00a0⁠M¥"),
    ("interanual +23,4\u00a0%", "+⁠23,4⁠\u00a0⁠%"),
    ("Sales ¥2.07M", "¥⁠2.07⁠M"),
])
def test_numbers_are_bound_to_their_signs_and_units(text, held):
    assert held in bind(text)
    assert plain(bind(text)) == text


def test_dates_ranges_and_plain_words_are_left_alone():
    for text in ("2025-01-01 至 2025-12-31", "ROI 3.57 → 3.20", "Top 10 商品"):
        assert bind(text) == text


def test_header_words_hold_together():
    assert bind_words("目标达成率") == JOINER.join("目标达成率")
    assert unbreakable(bind_words("付费占比")) == [JOINER.join("付费占比")]


@pytest.mark.parametrize("width_em", [7, 8, 9, 10, 12, 16])
def test_layout_breaks_never_enter_a_bound_span(width_em):
    text = "转化率 2.25%（同比 -0.14个百分点），客单价 193.9元，GMV 5,641万元"
    result = broken(text, width_em)
    assert plain(result) == text
    for line in result.split(LINE_BREAK):
        assert not re.search(r"[+\-]\s*$|\d\s*$|个百?$|万$", plain(line).rstrip("（，"))


@pytest.mark.parametrize("width_em", [6, 10, 14, 30])
def test_latin_text_is_left_to_the_viewer(width_em):
    text = "Las ventas suben un 12\u00a0% en el mes, con una respuesta media de 28,2\u00a0s frente al año"
    result = broken(text, width_em)
    assert LINE_BREAK not in result and JOINER not in result  # reflows when edited
    assert result.replace("al\u00a0año", "al año") == text


def test_an_arrow_keeps_the_number_after_it():
    assert "24 →\u00a050" in broken("Reclamaciones: 7 → 15; valoraciones negativas: 24 → 50 en el mes", 12)


def greedy_last_line(text: str, width_em: float) -> str:
    """The last line as a viewer fills lines word by word, breaking at every space."""
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        line = candidate if text_width_em(candidate) <= width_em else word
    return line


def test_a_short_last_word_is_held_only_where_it_would_be_left_alone():
    text = "Las ventas suben un 12\u00a0% en el año"
    held = {w: "el\u00a0año" in broken(text, w) for w in range(8, 30)}
    assert any(held.values()) and not all(held.values())
    for width, bound in held.items():
        if bound:
            assert greedy_last_line(text, width) == "año"  # what the no-break space prevents
        assert greedy_last_line(broken(text, width), width) != "año"


def test_a_short_last_latin_word_is_not_left_alone():
    text = "Las ventas suben un 12 % en el mes"
    lines = wrap(text, 14)
    assert len(lines[-1].split()) >= 2


# ------------------------------------------------------------------ LibreOffice's rendering of the samples


def bad_breaks(text: str) -> list[tuple[str, str]]:
    """Pairs of consecutive lines where the first ends inside a number, sign or unit."""
    lines = [line.rstrip() for line in text.splitlines()]
    bad = []
    for line, following in itertools.pairwise(lines):
        following = following.strip()
        if (re.search(r"(^|\s)[+\-−]$", line) and re.match(r"[\d¥$€]", following)
                or re.search(r"\d$", line) and re.match(r"(万|亿|元|个|百|%|倍|件|M\b|M¥|p\.)", following)
                or re.search(r"(个|个百|个百分|百分|万)$", line) and re.match(r"(百|分|点|元)", following)):
            bad.append((line, following))
    return bad


@pytest.mark.render
@pytest.mark.parametrize("sample", ["monthly-report", "monthly-report-es"])
def test_no_line_of_a_rendered_sample_ends_inside_a_number(sample, tmp_path):
    from deckgen.pipeline import build
    from deckgen.preview import convert_to_pdf

    if shutil.which("pdftotext") is None:
        pytest.skip("needs pdftotext (poppler-utils)")
    deck = build(ROOT / "samples" / sample / "outline.yaml", tmp_path / f"{sample}.pptx").output
    pdf = convert_to_pdf(deck, tmp_path)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "个百分点" in text or "p.\u00a0p." in text or "p. p." in text  # the text was read
    assert bad_breaks(text) == []
    assert [line for line in text.splitlines() if line.strip().rstrip(".,;)") in ("año", "mes", "día")] == []
    assert split_header_words(text, header_words(deck)) == []


def test_a_header_word_split_across_lines_is_caught():
    assert split_header_words("商品\n售\n罄率\n95%", {"售罄率"}) == [("售", "罄率")]
    assert split_header_words("目标达成\n率\n", {"目标达成率"}) == [("目标达成", "率")]
    assert split_header_words("售罄率\n95%\n主要由转化\n率拉动", {"售罄率", "转化率"}) == []


def header_words(deck) -> set[str]:
    """The Chinese words (runs of two or more ideographs) of every table header of a deck."""
    from pptx import Presentation

    words = set()
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            if shape.has_table:
                for cell in shape.table.rows[0].cells:
                    words |= set(re.findall(r"[\u4e00-\u9fff]{2,}", plain(cell.text)))
    return words


def split_header_words(text: str, words: set[str]) -> list[tuple[str, str]]:
    """Pairs of lines of a table header cell split inside a word ("售" / "罄率", "目标达成" / "率"): one of the
    two lines is a piece of the word alone, as a header cell's lines are (body text may break between any
    two ideographs, as Chinese is set)."""
    lines = [line.strip() for line in text.splitlines()]
    return [(line, following) for line, following in itertools.pairwise(lines) for word in words
            for cut in range(1, len(word)) if line.endswith(word[:cut]) and following.startswith(word[cut:])
            and (following == word[cut:] or line == word[:cut])]
