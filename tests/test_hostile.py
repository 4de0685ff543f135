"""Hostile and broken input (issue 11): every class ends in a located user error with a hint, or in a valid
deck; never exit 3, a traceback or a hang; and nothing is written outside the output path.

Each case copies ``tests/bad_outlines/_base`` (a small valid outline and its data), changes one thing and
runs ``deckgen build`` in this process with an existing deck at the output path. The test asserts the exact
problem lines, the exit code, that the old deck is untouched and that the case's folder is unchanged.
"""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from inprocess import Run, deckgen

BASE = Path(__file__).parent / "bad_outlines" / "_base"
OLD_DECK = b"PK\x03\x04 an existing deck that a failed build must not touch"
Edit = Callable[[Path], None]


def replace(old: str, new: str) -> Edit:
    """Change the outline's text: ``old`` must occur."""

    def edit(folder: Path) -> None:
        outline = folder / "outline.yaml"
        text = outline.read_text(encoding="utf-8")
        assert old in text, old
        outline.write_text(text.replace(old, new, 1), encoding="utf-8", errors="surrogatepass")

    return edit


def data_cell(row: int, column: str, value: str) -> Edit:
    """Set one cell of data/daily.csv (row 1 is the first data row)."""

    def edit(folder: Path) -> None:
        path = folder / "data" / "daily.csv"
        lines = path.read_text(encoding="utf-8").splitlines()
        index = lines[0].split(",").index(column)
        cells = lines[row].split(",")
        cells[index] = value
        lines[row] = ",".join(cells)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    return edit


def _problems(stderr: str) -> str:
    """The diagnostics and the count, without the progress lines."""
    return "\n".join(line for line in stderr.rstrip().splitlines() if not line.startswith("deckgen: "))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass
class Built:
    run: Run
    folder: Path
    deck: Path


def _build(tmp_path: Path, *edits: Edit, args: tuple[str, ...] = ()) -> Built:
    folder = tmp_path / "case"
    shutil.copytree(BASE, folder)
    for edit in edits:
        edit(folder)
    out = tmp_path / "out"
    out.mkdir()
    deck = out / "deck.pptx"
    deck.write_bytes(OLD_DECK)
    before = _snapshot(folder)
    run = deckgen(folder, "build", "outline.yaml", "-o", str(deck), *args)
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert _snapshot(folder) == before, "the build wrote into the outline's folder"
    assert [p.name for p in out.iterdir()] == ["deck.pptx"], "the build left files beside the deck"
    return Built(run, folder, deck)


def _refused(tmp_path: Path, expected: str, code: int, *edits: Edit) -> None:
    built = _build(tmp_path, *edits)
    assert _problems(built.run.stderr) == expected.strip()
    assert built.run.returncode == code
    assert built.deck.read_bytes() == OLD_DECK


def _valid_deck(path: Path):
    from pptx import Presentation

    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
    return Presentation(str(path))


# ------------------------------------------------------------------ characters in the outline

CHARACTER_CASES = {
    "nul typed": (replace("2025 Annual Review", "2025 \x00Annual Review"), """
outline.yaml:3:15: the outline contains the invisible character U+0000 (NUL)
  hint: delete it; it usually comes from copying text out of another program
1 problem found; nothing was written."""),
    "c1 control typed": (replace("Operations team", "Operations\x9b team"), """
outline.yaml:5:24: the outline contains the invisible character U+009B (a control character)
  hint: delete it; it usually comes from copying text out of another program
1 problem found; nothing was written."""),
    "escape x07 in the title": (replace("title: 2025 Annual Review", 'title: "2025 \\x07 Annual"'), """
outline.yaml:3:10: the text contains the invisible character U+0007 (BEL) (written as an escape)
  hint: remove the escape
1 problem found; nothing was written."""),
    "escape u001b in a section": (replace("section: Overview", 'section: "Over\\u001bview"'), """
outline.yaml:20:14: the text contains the invisible character U+001B (ESC) (written as an escape)
  hint: remove the escape
1 problem found; nothing was written."""),
    "lone surrogate in a conclusion": (replace("conclusion: GMV {{ gmv }},", 'conclusion: "\\ud800 GMV"\n    x: GMV {{ gmv }},'), """
outline.yaml:28:17: the text contains the invisible character U+D800 (a lone surrogate) (written as an escape)
  hint: remove the escape
1 problem found; nothing was written."""),
}


@pytest.mark.parametrize("case", sorted(CHARACTER_CASES))
def test_control_characters_in_the_outline_are_located(tmp_path, case):
    edit, expected = CHARACTER_CASES[case]
    _refused(tmp_path, expected, 1, edit)


def test_nel_is_refused_where_an_editor_shows_it(tmp_path):
    """YAML counts U+0085 as a line break, editors do not: the position must be the editor's."""
    _refused(tmp_path, """
outline.yaml:4:19: the outline contains the invisible character U+0085 (NEL, next line)
  hint: delete it; it usually comes from copying text out of another program
1 problem found; nothing was written.""", 1, replace("Spruce Home flagship", "Spruce\x85Home flagship"),
             replace("locale: en-US", "locale: en-XX"))


@pytest.mark.parametrize("tag", ["!!int", "!!timestamp", "!!str"])
def test_explicit_tags_are_refused(tmp_path, tag):
    value = {"!!int": "2025", "!!timestamp": "2025-01-01", "!!str": "2025"}[tag]
    _refused(tmp_path, f"""
outline.yaml:7:21: YAML tag '{tag}' is not allowed
  hint: remove the tag; write the value plainly
1 problem found; nothing was written.""", 1, replace('current: "2025"', f"current: {tag} {value}"))


# ------------------------------------------------------------------ sizes

def test_a_megabyte_title_is_refused_fast(tmp_path):
    started = time.monotonic()
    _refused(tmp_path, """
outline.yaml:3:10: a value of 1,000,000 characters; the limit is 10,000
  hint: a slide holds a few hundred characters: shorten the text
1 problem found; nothing was written.""", 1, replace("2025 Annual Review", "A" * 1_000_000))
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_deep_nesting_is_located(tmp_path, opening):
    closing = "]" if opening == "[" else "}"
    nested = "x: " + opening * 2000 + ("1" if opening != "[" else "") + closing * 2000
    column = 43 if opening == "[" else 160
    _refused(tmp_path, f"""
outline.yaml:30:{column}: outline nests deeper than 40 levels
  hint: an outline needs a handful of levels; look for unclosed or repeated brackets
1 problem found; nothing was written.""", 1, lambda folder: _append(folder, nested))


def _append(folder: Path, text: str) -> None:
    with open(folder / "outline.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n" + text + "\n")


@pytest.mark.parametrize("theme", ["a: &loop [*loop]\n", "a: " + "[" * 3000 + "]" * 3000 + "\n"])
def test_a_theme_that_contains_itself_is_located(tmp_path, theme):
    def write_theme(folder: Path) -> None:
        (folder / "look.yaml").write_text(theme, encoding="utf-8")

    _refused(tmp_path, """
outline.yaml:7:10: deck.theme: theme file 'look.yaml' nests deeper than 10 levels or holds more than 10,000 values
  hint: a theme has a few levels and a few dozen values, like configs/themes/default.yaml; an alias may refer to itself
1 problem found; nothing was written.""", 1, write_theme, replace("locale: en-US", "locale: en-US\n  theme: look.yaml"))


EXPRESSION_CASES = {
    "3,000 terms": ("+".join(["uv"] * 3000), ("'uv+uv+uv+uv+uv+uv+uv+uv+uv+uv+uv+uv+uv+uv+uv+uv+uv+uv+uv+…' is "
                    "8,999 characters long; the limit is 1,000")),
    "60 terms": (" + ".join(["uv"] * 60), ("'uv + uv + uv + uv + uv + uv + uv + uv + uv + uv + uv + uv…' "
                  "nests deeper than 50 levels")),
    "unary minus": ("-" * 900 + "uv", ("'---------------------------------------------------------…' nests "
                    "deeper than 50 levels")),
    "40 digits": ("uv * " + "9" * 40, f"'uv * {'9' * 40}' holds a number of more than 30 digits"),
}


@pytest.mark.parametrize("case", sorted(EXPRESSION_CASES))
def test_expression_limits(tmp_path, case):
    expression, message = EXPRESSION_CASES[case]
    _refused(tmp_path, f"""
outline.yaml:17:17: metric 'chain': {message}
  hint: e.g. expr: gmv - refund_amount
1 problem found; nothing was written.""", 1, replace("  aov:", f"  chain: {{expr: '{expression}'}}\n  aov:"))


def test_a_hundred_thousand_minus_signs_are_too_long_a_value(tmp_path):
    _refused(tmp_path, """
outline.yaml:17:15: a value of 100,002 characters; the limit is 10,000
  hint: a slide holds a few hundred characters: shorten the text
1 problem found; nothing was written.""", 1, replace("  aov:", "  neg: {expr: '" + "-" * 100_000 + "uv'}\n  aov:"))


def test_empty_expression(tmp_path):
    _refused(tmp_path, """
outline.yaml:17:13: metrics.e.expr: must not be empty
1 problem found; nothing was written.""", 1, replace("  aov:", "  e: {expr: ''}\n  aov:"))


def test_five_thousand_digits_in_a_placeholder(tmp_path):
    _refused(tmp_path, """
outline.yaml:28:17: placeholder is too long or too deeply nested to read
  hint: placeholders look like {{ gmv }} or {{ gmv.yoy }}
1 problem found; nothing was written.""", 1, replace("conclusion: GMV {{ gmv }}", "conclusion: GMV {{ " + "9" * 5000 + " }}"))


def test_a_long_title_is_truncated_in_the_deck_properties(tmp_path):
    built = _build(tmp_path, replace("title: 2025 Annual Review", "title: " + "Review " * 50))
    assert built.run.returncode == 0, built.run.stderr
    deck = _valid_deck(built.deck)
    assert deck.core_properties.title == ("Review " * 50)[:255]


def test_a_huge_action_text_builds_a_deck_within_the_format(tmp_path):
    action = "actions: [{what: '" + "word " * 1900 + "', when: 2026-03, target: 'GMV ≥ 5'}]"
    built = _build(tmp_path, replace("kpis: [gmv, uv, cvr, aov]", action))
    assert built.run.returncode == 0, built.run.stderr
    assert "text in 'Table' does not fit its box even at the smallest allowed size" in built.run.stderr
    deck = _valid_deck(built.deck)
    for slide in deck.slides:
        for shape in slide.shapes:
            assert 0 <= shape.top and shape.top + shape.height <= deck.slide_height
            if shape.has_table:
                assert all(row.height <= deck.slide_height for row in shape.table.rows)


# ------------------------------------------------------------------ paths

def test_an_empty_data_path(tmp_path):
    _refused(tmp_path, """
outline.yaml:10:10: data.daily: must not be empty
1 problem found; nothing was written.""", 1, replace("daily: data/daily.csv", 'daily: ""'))


def test_a_path_longer_than_the_file_system_allows(tmp_path):
    _refused(tmp_path, """
outline.yaml:10:10: data.daily: the path 'data/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' is too long; a file or folder name may have at most 255 bytes
  hint: check the path; it is relative to the outline
1 problem found; nothing was written.""", 1, replace("daily: data/daily.csv", "daily: data/" + "x" * 5000 + ".csv"))


def test_a_nul_in_a_template_path(tmp_path):
    _refused(tmp_path, """
outline.yaml:7:13: the text contains the invisible character U+0000 (NUL) (written as an escape)
  hint: remove the escape
1 problem found; nothing was written.""", 1, replace("locale: en-US", 'locale: en-US\n  template: "a\\x00b.pptx"'))


# ------------------------------------------------------------------ messages

@pytest.mark.parametrize(("written", "meant", "line"), [
    ("kpi", "kpis", 23), ("tragets", "targets", 23), ("char", "chart", 25), ("Cards", "cards", 23),
])
def test_a_misspelt_slide_kind_is_named_at_its_key(tmp_path, written, meant, line):
    old = "chart: {type: line" if written == "char" else "kpis: [gmv, uv, cvr, aov]"
    new = "char: {type: line" if written == "char" else f"{written}: [gmv]"
    index = 1 if written == "char" else 0
    _refused(tmp_path, f"""
outline.yaml:{line}:9: unknown key '{written}' in review[0].slides[{index}]
  hint: did you mean '{meant}'?
1 problem found; nothing was written.""", 1, replace(old, new))


WRONG_TYPES = {
    "where value": ("uv: {table: daily, sum: uv,", "uv: {table: daily, sum: uv, where: {platform: {a: 1}},",
                    ("outline.yaml:14:49: metrics.uv.where.platform: expected true or false, a number, text or a list, "
                    "got a mapping")),
    "chart bars": ("y: gmv}", "y: gmv, bars: {a: 1}}",
                   "outline.yaml:25:53: review[0].slides[1].chart.bars: expected text or a list, got a mapping"),
    "commentary": ("kpis: [gmv, uv, cvr, aov]", "kpis: [gmv, uv, cvr, aov]\n        commentary: {a: 1}",
                   "outline.yaml:24:21: review[0].slides[0].commentary: expected text or a list, got a mapping"),
    "card text": ("kpis: [gmv, uv, cvr, aov]", "cards: [{title: a, text: {a: 1}}]",
                  "outline.yaml:23:34: review[0].slides[0].cards[0].text: expected text or a list, got a mapping"),
}


@pytest.mark.parametrize("case", sorted(WRONG_TYPES))
def test_a_wrong_type_lists_a_problem(tmp_path, case):
    old, new, message = WRONG_TYPES[case]
    _refused(tmp_path, message + "\n1 problem found; nothing was written.", 1, replace(old, new))


def test_template_hints_never_suggest_dunders(tmp_path):
    built = _build(tmp_path, replace("conclusion: GMV {{ gmv }}", "conclusion: GMV {{ gmv.previous.__class__.__mro__ }}"))
    assert built.run.returncode == 1
    assert "placeholder uses '.__class__'; placeholders only show metrics and their comparisons" in built.run.stderr
    assert "write ." not in built.run.stderr and "did you mean '_" not in built.run.stderr


# ------------------------------------------------------------------ data values

def test_an_infinite_value_is_a_located_data_error(tmp_path):
    _refused(tmp_path, """
outline.yaml:13:8: table 'daily' (data/daily.csv), column 'gmv', row 4: inf is not a number deckgen can add up
  hint: numbers must be finite and at most 1e+18 in size; fix the export
1 problem found; nothing was written.""", 2, data_cell(3, "gmv", "inf"))


def test_a_huge_value_is_a_located_data_error(tmp_path):
    _refused(tmp_path, """
outline.yaml:13:8: table 'daily' (data/daily.csv), column 'gmv', row 6: 1e+308 is not a number deckgen can add up
  hint: numbers must be finite and at most 1e+18 in size; fix the export
1 problem found; nothing was written.""", 2, data_cell(5, "gmv", "1e308"))


def test_tiny_values_build_without_warnings(tmp_path, recwarn):
    built = _build(tmp_path, *(data_cell(row, "gmv", "1e-300") for row in range(1, 9)))
    assert built.run.returncode == 0, built.run.stderr
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]
    _valid_deck(built.deck)


def test_control_characters_in_data_are_replaced_visibly(tmp_path):
    """A tab becomes a space, a NUL '�': nothing reaches XML or a chart as a box (glyph warnings are errors)."""
    def edit(folder: Path) -> None:
        path = folder / "data" / "daily.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("Tmall", '"Tm\tall\x00"'), encoding="utf-8")

    built = _build(tmp_path, edit, replace("chart: {type: donut, y: gmv, by: platform}",
                                           "table: {by: platform, columns: [gmv]}"))
    assert built.run.returncode == 0, built.run.stderr
    texts = [cell.text for slide in _valid_deck(built.deck).slides for shape in slide.shapes if shape.has_table
             for row in shape.table.rows for cell in row.cells]
    assert "Tm all\ufffd" in texts


def test_a_negative_value_on_a_timeline(tmp_path):
    def edit(folder: Path) -> None:
        (folder / "data" / "campaigns.csv").write_text(
            "campaign,main_end,gmv\n618,2025-06-18,5000\nDouble 11,2025-11-11,-300\n", encoding="utf-8")

    built = _build(tmp_path, edit, replace("daily: data/daily.csv", "daily: data/daily.csv\n  campaigns: data/campaigns.csv"),
                   replace("  aov:", "  camp_gmv: {table: campaigns, sum: gmv, label: Campaign GMV}\n  aov:"),
                   replace("chart: {type: donut, y: gmv, by: platform}",
                           "timeline: {table: campaigns, name: campaign, date: main_end, metric: camp_gmv}"))
    assert built.run.returncode == 0, built.run.stderr
    _valid_deck(built.deck)


# ------------------------------------------------------------------ output

def test_the_output_cannot_be_the_outline(tmp_path):
    folder = tmp_path / "case"
    shutil.copytree(BASE, folder)
    before = _snapshot(folder)
    run = deckgen(folder, "build", "outline.yaml", "-o", "outline.yaml")
    assert (run.returncode, _problems(run.stderr)) == (6, """\
outline.yaml: the output is the outline; the deck would replace it
  hint: write the deck to a .pptx file, e.g. -o deck.pptx
1 problem found; nothing was written.""")
    assert _snapshot(folder) == before


@pytest.mark.parametrize(("output", "message", "hint"), [
    ("data/daily.csv", "the output is the data of table 'daily'; the deck would replace it",
     "write the deck to a .pptx file, e.g. -o deck.pptx"),
    ("data/../data/daily.csv", "the output is the data of table 'daily'; the deck would replace it",
     "write the deck to a .pptx file, e.g. -o deck.pptx"),
    ("data", "the output is a folder", "name the deck file, e.g. -o data/deck.pptx"),
    ("data/daily.csv/deck.pptx", "cannot write the deck: data/daily.csv is a file, not a folder",
     "choose another output path"),
])
def test_output_paths_that_cannot_hold_a_deck(tmp_path, output, message, hint):
    folder = tmp_path / "case"
    shutil.copytree(BASE, folder)
    before = _snapshot(folder)
    run = deckgen(folder, "build", "outline.yaml", "-o", output)
    assert (run.returncode, _problems(run.stderr)) == (6, (f"{output}: {message}\n  hint: {hint}\n"
                                                          "1 problem found; nothing was written."))
    assert _snapshot(folder) == before


def test_a_read_only_folder(tmp_path, monkeypatch):
    import deckgen.output

    access = os.access
    folder = tmp_path / "out"  # root may write anywhere: pretend this folder is read-only
    monkeypatch.setattr(deckgen.output.os, "access",
                        lambda path, mode: not (Path(path) == folder and mode & os.W_OK) and access(path, mode))
    built = _build(tmp_path)
    assert built.run.returncode == 6
    assert _problems(built.run.stderr) == f"""\
{built.deck}: cannot write the deck: the folder {built.deck.parent} is read-only
  hint: choose a folder you can write to
1 problem found; nothing was written."""
    assert built.deck.read_bytes() == OLD_DECK


@pytest.mark.parametrize(("error", "reason", "hint"), [
    (28, "the disk is full", "free some space, or choose another output path"),
    (30, "the file system is read-only", "choose another output path"),
])
def test_a_failing_write_names_the_path(tmp_path, monkeypatch, error, reason, hint):
    import deckgen.output

    def fail(*_args):
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(deckgen.output, "_fill", fail)
    built = _build(tmp_path)
    assert built.run.returncode == 6
    assert _problems(built.run.stderr).endswith(f"""\
{built.deck}: cannot write the deck: {reason}
  hint: {hint}
1 problem found; nothing was written.""")
    assert built.deck.read_bytes() == OLD_DECK


def test_a_rebuilt_deck_keeps_its_file_mode(tmp_path):
    folder = tmp_path / "case"
    shutil.copytree(BASE, folder)
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(OLD_DECK)
    deck.chmod(0o640)
    assert deckgen(folder, "build", "outline.yaml", "-o", str(deck)).returncode == 0
    assert deck.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.pptx"
    assert deckgen(folder, "build", "outline.yaml", "-o", str(fresh)).returncode == 0
    mask = os.umask(0)
    os.umask(mask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~mask


def test_stale_temporary_files_are_removed_by_the_next_build(tmp_path):
    folder = tmp_path / "case"
    shutil.copytree(BASE, folder)
    out = tmp_path / "out"
    out.mkdir()
    dead = out / ".deck.pptx.99999999.0a1b2c3d.tmp"  # a build whose process is gone
    old_style = out / ".deck.pptx.k2j3h4.tmp"  # an older deckgen's name, without a process id
    fresh_old_style = out / ".deck.pptx.m5n6p7.tmp"  # perhaps a build writing right now
    running = out / f".deck.pptx.{os.getpid()}.feedbeef.tmp"  # this very process: alive
    other = out / ".other.pptx.99999999.0a1b2c3d.tmp"  # another deck's
    for path in (dead, old_style, fresh_old_style, running, other):
        path.write_bytes(b"partial")
    an_hour_ago = time.time() - 3600
    os.utime(old_style, (an_hour_ago, an_hour_ago))
    assert deckgen(folder, "build", "outline.yaml", "-o", str(out / "deck.pptx")).returncode == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(["deck.pptx", fresh_old_style.name, running.name, other.name])


def test_ctrl_c_during_a_build(tmp_path, monkeypatch):
    import deckgen.pipeline

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(deckgen.pipeline, "_render_charts", interrupted)
    built = _build(tmp_path)
    assert (built.run.returncode, _problems(built.run.stderr)) == (130, "interrupted; nothing was written.")
    assert built.deck.read_bytes() == OLD_DECK


@pytest.mark.parametrize("slide", ["chart: {type: donut, y: gmv, by: platform}", "table: {by: platform, columns: [gmv]}"])
def test_a_megabyte_name_in_the_data_builds_fast(tmp_path, slide):
    """Text from data is not limited like the outline's: it is cut where it is shown (5,000 characters on a
    slide, 300 in a chart), so laying it out takes no longer than usual."""
    def edit(folder: Path) -> None:
        path = folder / "data" / "daily.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("Tmall", "T" * 1_000_000), encoding="utf-8")

    started = time.monotonic()
    built = _build(tmp_path, edit, replace("chart: {type: donut, y: gmv, by: platform}", slide))
    assert time.monotonic() - started < 60
    assert built.run.returncode == 0, built.run.stderr
    cells = [cell.text for slide in _valid_deck(built.deck).slides for shape in slide.shapes if shape.has_table
             for row in shape.table.rows for cell in row.cells]
    if slide.startswith("table"):
        assert "T" * 4_999 + "…" in cells


def test_a_failure_without_a_problem_is_never_zero_problems(tmp_path, monkeypatch):
    """"0 problems found" helps nobody: a failure that names no problem is reported as the bug it is."""
    from deckgen import pipeline
    from deckgen.errors import OutlineError

    def silent(*_args, **_kwargs):
        raise OutlineError([])

    monkeypatch.setattr(pipeline, "check_outline", silent)
    folder = tmp_path / "case"
    shutil.copytree(BASE, folder)
    run = deckgen(folder, "check", "outline.yaml")
    assert run.returncode == 3
    assert "0 problems" not in run.stderr
    assert "internal error: RuntimeError: a failure reported no problem" in run.stderr
