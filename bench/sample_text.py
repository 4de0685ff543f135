"""Every sample's slide text, for comparing two versions of deckgen number by number.

    python bench/sample_text.py OUT_DIR            # write OUT_DIR/<sample>.txt for every sample
    python bench/sample_text.py --diff A_DIR B_DIR # compare two such folders; exit 1 on any difference
    python bench/sample_text.py --numbers OUT.json # every sample's numbers (tests/golden/sample_numbers.json)

The text is the laid-out deck (every text box, table cell and chart value as shown, chart numbers as
data), so a change in any computed number shows up as a changed line. No chart is drawn.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sample_outlines() -> list[Path]:
    """Every sample; a batch outline (deck.each, one deck per row of a list) stands for its first deck."""
    return sorted(ROOT.glob("samples/*/outline.yaml"))


def deck_lines(outline: Path) -> list[str]:
    """One line per leaf value of the laid-out deck (a batch outline's first deck); boxes and fonts left out."""
    from deckgen.pipeline import lay_out

    placed = lay_out(outline, each=_first_deck(outline)).placed
    lines: list[str] = []
    _walk(placed.slides, "slides", lines)
    return lines


def _first_deck(outline: Path):
    """The ``{{ each.… }}`` values of a batch outline's first deck; None for an outline of one deck."""
    from deckgen.outline.each import each_spec
    from deckgen.outline.read import read_yaml

    if each_spec(read_yaml(outline)) is None:
        return None
    from deckgen.batch import plan_batch

    return plan_batch(outline)[0].binding


_SKIPPED = {"box", "font", "size", "fit", "color", "colour", "style"}


def _walk(value, where: str, lines: list[str]) -> None:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if field.name not in _SKIPPED:
                _walk(getattr(value, field.name), f"{where}.{field.name}", lines)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _walk(item, f"{where}[{index}]", lines)
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{where}[{key!r}]", lines)
    elif isinstance(value, float):
        # Twelve digits: beyond any a deck shows, and blind to the last bits of a float, which depend on
        # the order in which a sum was added up (56409892.849999994 and 56409892.85 are the same GMV).
        lines.append(f"{where} = {value:.12g}")
    elif isinstance(value, str):
        # Word joiners and the layout's own line breaks are not part of what a reader sees.
        lines.append(f"{where} = {value.replace(chr(0x2060), '').replace(chr(11), ' ')!r}")
    else:
        lines.append(f"{where} = {value!r}")


# What a reader sees: text runs, table cells and headers, chart categories, values and labels.
_SHOWN = re.compile(r"\.(text|values\[\d+\]|labels\[\d+\]|categories\[\d+\]|header\[\d+\]) = ")
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")


def numbers(lines: list[str]) -> list[str]:
    """The numbers a reader sees, in slide order: the golden record of a sample's figures."""
    found: list[str] = []
    for line in lines:
        match = _SHOWN.search(line)
        if match:
            found += _NUMBER.findall(line[match.end():])
    return found


def number_record(text_dir: Path | None = None) -> dict[str, list[str]]:
    """Sample -> numbers, from the samples as they build now (or from a folder written by this script)."""
    if text_dir is not None:
        return {path.stem: numbers(path.read_text(encoding="utf-8").splitlines())
                for path in sorted(text_dir.glob("*.txt"))}
    return {outline.parent.name: numbers(deck_lines(outline)) for outline in sample_outlines()}


def write_all(out: Path) -> None:
    from deckgen.errors import DeckgenError

    out.mkdir(parents=True, exist_ok=True)
    for outline in sample_outlines():
        try:
            lines = deck_lines(outline)
        except DeckgenError as error:  # e.g. a sample newer than the deckgen being compared
            print(f"{outline.parent.name}: not built: {error.diagnostics[0].message}", file=sys.stderr)
            continue
        (out / f"{outline.parent.name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{outline.parent.name}: written", file=sys.stderr)


def diff_all(left: Path, right: Path) -> int:
    changed = 0
    for path in sorted(left.glob("*.txt")):
        other = right / path.name
        a = path.read_text(encoding="utf-8").splitlines()
        b = other.read_text(encoding="utf-8").splitlines() if other.exists() else []
        delta = list(difflib.unified_diff(a, b, str(path), str(other), lineterm="", n=0))
        if delta:
            changed += 1
            print("\n".join(delta[:40]))
        print(f"{path.stem}: {len(a)} lines, {'DIFFERENT' if delta else 'identical'}", file=sys.stderr)
    return 1 if changed else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--numbers"]:
        record = number_record(Path(sys.argv[3]) if len(sys.argv) > 3 else None)
        Path(sys.argv[2]).write_text(json.dumps(record, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        sys.exit(0)
    if sys.argv[1:2] == ["--diff"]:
        sys.exit(diff_all(Path(sys.argv[2]), Path(sys.argv[3])))
    write_all(Path(sys.argv[1]))
