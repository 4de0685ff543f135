"""Regenerate the bundled CJK chart fonts in ``deckgen/fonts/``.

Chart labels in Chinese must render with real glyphs on a machine that only ran ``pip install .``, so
deckgen ships a subset of Noto Sans CJK SC (SIL Open Font License 1.1). This script extracts the
Simplified Chinese face from the Noto Sans CJK collections and keeps only what a business chart needs:
ASCII, Latin-1 and Latin Extended-A (Spanish, French, German …), general punctuation, CJK symbols and
punctuation, fullwidth forms, every character of GB2312 and of Big5, and a few signs (¥ € $ ↑ ↓ → − · × % ‰).

Usage (from the repository root; needs fonttools, which deckgen already depends on)::

    .venv/bin/python docs/dev/subset_fonts.py                       # Debian/Ubuntu paths (fonts-noto-cjk)
    .venv/bin/python docs/dev/subset_fonts.py --regular R.ttc --bold B.ttc --out deckgen/fonts

The upstream files are https://github.com/notofonts/noto-cjk (Sans/OTC/NotoSansCJK-{Regular,Bold}.ttc);
Debian's ``fonts-noto-cjk`` package installs the same collections under /usr/share/fonts/opentype/noto/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

FAMILY = "Noto Sans CJK SC"
DEFAULT_SOURCES = {
    "Regular": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    "Bold": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
}
OUTPUT_NAME = "NotoSansCJKsc-{style}-subset.otf"

# Unicode blocks kept whole: (first, last) inclusive.
RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement (¡ ¿ á é í ñ ó ú ü · × ÷ ¥ …)
    (0x0100, 0x017F),  # Latin Extended-A
    (0x2000, 0x206F),  # General Punctuation (— – … ‰ ‘ ’ “ ” †)
    (0x3000, 0x303F),  # CJK Symbols and Punctuation (、。《》「」【】)
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms (，：；！？（）％)
)
# Single characters the charts and number formats use.
EXTRA = "¥€$£↑↓→←\u2212\u00b7×%‰±≈≤≥℃°•…"
# Layout features kept: vertical forms only (matplotlib draws no other OpenType features).
LAYOUT_FEATURES = ["vert", "vrt2"]


def double_byte_charset(codec: str, leads: range, trails: tuple[range, ...]) -> set[str]:
    """Every character a double-byte codec decodes, by trying each lead/trail byte pair."""
    chars: set[str] = set()
    for lead in leads:
        for trail_range in trails:
            for trail in trail_range:
                try:
                    text = bytes((lead, trail)).decode(codec)
                except UnicodeDecodeError:
                    continue
                chars.update(text)
    return chars


def wanted_codepoints() -> set[int]:
    chars = double_byte_charset("gb2312", range(0xA1, 0xFF), (range(0xA1, 0xFF),))
    chars |= double_byte_charset("big5", range(0x81, 0xFF), (range(0x40, 0x7F), range(0xA1, 0xFF)))
    codepoints = {ord(c) for c in chars}
    for first, last in RANGES:
        codepoints.update(range(first, last + 1))
    codepoints.update(ord(c) for c in EXTRA)
    return {cp for cp in codepoints if cp >= 0x20 and not 0xD800 <= cp <= 0xDFFF}


def find_face(collection_path: Path, style: str) -> TTFont:
    """The face of ``FAMILY`` in ``style`` inside a .ttc collection."""
    collection = TTCollection(str(collection_path), lazy=False)
    for font in collection.fonts:
        names = font["name"]
        family = names.getDebugName(16) or names.getDebugName(1)
        subfamily = names.getDebugName(17) or names.getDebugName(2)
        if family == FAMILY and subfamily == style:
            return font
    found = sorted({str(f["name"].getDebugName(4)) for f in collection.fonts})
    raise SystemExit(f"{collection_path}: no face '{FAMILY} {style}' (faces: {', '.join(found)})")


def subset_options(hinting: bool) -> subset.Options:
    options = subset.Options()
    options.layout_features = list(LAYOUT_FEATURES)
    options.name_IDs = ["*"]  # keep copyright, licence, trademark and URL records (OFL condition 2)
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = hinting
    options.desubroutinize = False
    options.drop_tables = [*options.drop_tables, "DSIG"]
    return options


def build(source: Path, style: str, out_dir: Path, codepoints: set[int], hinting: bool) -> Path:
    font = find_face(source, style)
    subsetter = subset.Subsetter(options=subset_options(hinting))
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    target = out_dir / OUTPUT_NAME.format(style=style)
    font.recalcTimestamp = False  # keep the source's head.modified: the same input gives the same bytes
    font.save(str(target), reorderTables=True)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regular", type=Path, default=DEFAULT_SOURCES["Regular"])
    parser.add_argument("--bold", type=Path, default=DEFAULT_SOURCES["Bold"])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[2] / "deckgen" / "fonts")
    parser.add_argument("--hinting", action="store_true", help="keep CFF hints (bigger files)")
    args = parser.parse_args(argv)

    codepoints = wanted_codepoints()
    print(f"{len(codepoints)} code points requested")
    args.out.mkdir(parents=True, exist_ok=True)
    total = 0
    for style, source in (("Regular", args.regular), ("Bold", args.bold)):
        if not source.is_file():
            print(f"missing {source}; install fonts-noto-cjk or pass --{style.lower()}", file=sys.stderr)
            return 1
        target = build(source, style, args.out, codepoints, args.hinting)
        cmap = TTFont(str(target))["cmap"].getBestCmap()
        size = target.stat().st_size
        total += size
        print(f"{target}: {len(cmap)} characters, {size / 1e6:.2f} MB")
    print(f"total {total / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
