"""Text from data made safe to show: every stage that puts text on a slide or a chart uses this.

The outline itself may not hold such characters (a located error, see outline/read.py); data values
come from exports and may, so they are replaced visibly rather than refused: line breaks, tabs and
other spacing controls become a space, any other control character or lone surrogate becomes '�'.
"""

from __future__ import annotations

import re

_SPACING = re.compile("[\t\n\x0b\x0c\r\x1c-\x1f\x85\u2028\u2029]")
_UNSHOWABLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"
# A quick test for a whole column (UTF-8 columns cannot hold surrogates; regex engines differ on them).
NEEDS_CLEANING = "[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]"  # the characters themselves, not escapes


def printable(text: str, keep_newlines: bool = False) -> str:
    """``text`` with spacing controls as spaces (newlines kept when asked) and others as '�'."""
    if keep_newlines:
        return "\n".join(printable(part) for part in text.split("\n"))
    return _UNSHOWABLE.sub(REPLACEMENT, _SPACING.sub(" ", text))
