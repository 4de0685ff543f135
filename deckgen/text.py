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


def capped(value, limit: int):
    """``value`` (plain data: dataclasses, tuples, lists, dicts, text) with every text longer than ``limit``
    cut to it, ending in '…'. A slide or a chart cannot show more; measuring a megabyte would take minutes."""
    from dataclasses import fields, is_dataclass, replace

    if isinstance(value, str):
        return value if len(value) <= limit else value[: limit - 1] + "…"
    if is_dataclass(value) and not isinstance(value, type):
        changed = {f.name: capped(getattr(value, f.name), limit) for f in fields(value) if f.init}
        return replace(value, **{k: v for k, v in changed.items() if v is not getattr(value, k)})
    if isinstance(value, (tuple, list)):
        items = [capped(item, limit) for item in value]
        if all(new is old for new, old in zip(items, value)):
            return value
        return type(value)(items) if not hasattr(value, "_fields") else type(value)(*items)
    if isinstance(value, dict):
        return {key: capped(item, limit) for key, item in value.items()}
    return value
