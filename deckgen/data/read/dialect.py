"""How a delimited text file is written: its delimiter, its decimal mark and thousands separator.

Each is detected from the data (the deck's locale settles a number dialect the data leaves open), can be
forced on the table (``delimiter``, ``decimal``, ``thousands``), and is reported in the read line when it is
not the plain default (comma, decimal point), so a wrong guess is visible.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
SAMPLE_LINES = 50  # lines that decide the delimiter
HEAD_CHARS = 2_000_000  # the start of a file that the detection reads
_NUMBERISH = re.compile(r"^[+-]?\d[\d.,\u00a0\u202f ']*$")
_DATELIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")


@dataclass(frozen=True)
class Numbers:
    decimal: str = "."
    thousands: str | None = ","
    settled_by: str = "data"  # data | locale | outline | default

    def describe(self) -> list[str]:
        """Words for the read line: nothing for the plain default."""
        words = []
        if self.decimal == ",":
            words.append("decimal comma" + (" (from the deck's locale)" if self.settled_by == "locale" else ""))
        if self.thousands not in (",", None) and self.thousands != self.decimal:
            name = {".": "dot", " ": "space", "\u00a0": "space", "\u202f": "space", "'": "apostrophe"}
            words.append(f"thousands {name.get(self.thousands, repr(self.thousands))}")
        return words


def detect_delimiter(text: str, suffix: str) -> str:
    """The candidate that splits the header and the first lines into the same number of fields (most fields
    wins); a .tsv is tab-separated; comma when nothing splits."""
    if suffix == ".tsv":
        return "\t"
    lines = head(text).splitlines()[:SAMPLE_LINES]
    best, best_fields = ",", 1
    for candidate in DELIMITERS:
        counts = _field_counts(lines, candidate)
        if not counts or counts[0] < 2:
            continue
        steady = sum(count == counts[0] for count in counts) >= 0.9 * len(counts)
        if steady and counts[0] > best_fields:
            best, best_fields = candidate, counts[0]
    return best


def _field_counts(lines: list[str], delimiter: str) -> list[int]:
    """Fields per line, quotes respected; up to a field the csv module refuses (beyond 128 KB, such as a
    megabyte product name), whose line and the lines after it are not counted."""
    counts = []
    try:
        for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter):
            if row:
                counts.append(len(row))
    except csv.Error:
        pass
    return counts


def detect_numbers(cells: list[str], locale_decimal: str = ".") -> Numbers:
    """Decimal mark and thousands separator from the cells that look like numbers.

    "1.234,56", "261,96" and "1.234.567" prove a decimal comma; "1,234.56", "0.5" and "1,234,567" a
    decimal point. "1,234" and "1.234" alone prove nothing: the deck locale's decimal mark decides.
    """
    votes: Counter[str] = Counter()
    spaces: Counter[str] = Counter()
    open_question = False  # a number such as 1,234 that either mark could explain
    for cell in cells:
        text = cell.strip()
        if not _NUMBERISH.match(text) or _DATELIKE.match(text):
            continue
        vote = _vote(text)
        if vote:
            votes[vote] += 1
        open_question = open_question or (vote is None and ("," in text or "." in text))
        spaces.update(re.findall(r"\d([ \u00a0\u202f])\d{3}", text))
    if votes:
        decimal = "," if votes[","] > votes["."] else "."
        settled = "data"
    elif open_question:
        decimal = locale_decimal
        settled = "locale" if decimal == "," else "default"
    else:  # whole numbers only: no mark to read, nothing to report
        decimal, settled = ".", "default"
    thousands = "." if decimal == "," else ","
    if spaces:  # 1 234,5 (the space may be a no-break space, as French and Spanish tools write it)
        thousands = spaces.most_common(1)[0][0]
    return Numbers(decimal, thousands, settled)


def head(text: str, size: int = HEAD_CHARS) -> str:
    """The first whole lines of ``text`` up to about ``size`` characters: enough to detect a dialect."""
    if len(text) <= size:
        return text
    cut = text.rfind("\n", 0, size)
    return text[: cut if cut > 0 else size]


def _vote(text: str) -> str | None:
    """Which decimal mark one number proves, if any."""
    unsigned = text.lstrip("+-")
    if "," in unsigned and "." in unsigned:
        return "," if unsigned.rfind(",") > unsigned.rfind(".") else "."
    for mark in (",", "."):
        if mark not in unsigned:
            continue
        if unsigned.count(mark) > 1:  # only a thousands separator repeats
            return "." if mark == "," else ","
        whole, fraction = unsigned.split(mark)
        if len(fraction) != 3 or whole in ("0", "") or len(whole) > 3:
            return mark
    return None

