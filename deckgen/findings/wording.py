"""Sentences of findings and automatic titles, from ``configs/findings/<locale>.yaml``.

A pattern is a string, or (Spanish) a mapping ``{sg: …, pl: …}`` chosen by the grammatical number of
the sentence's subject, or ``{msg, fsg, mpl, fpl}`` by its gender and number (a participle agrees with both). ``{x_the}`` is a label with its article (``las ventas``, ``la tasa de conversión``),
with gender and number taken from the head noun in the locale's ``nouns`` table.
"""

from __future__ import annotations

import re

from ..resources import load_config

_CJK_LATIN = re.compile(r"(?<=[\u4e00-\u9fff])(?=[A-Za-z])|(?<=[A-Za-z])(?=[\u4e00-\u9fff])")


def _spaced(text: str) -> str:
    """A space between Chinese and a Latin word (7–9月 GMV, ROI 提升), as the outlines write it."""
    return _CJK_LATIN.sub(" ", text)


# A digit and the unit after it (149.0万元, 0.14个百分点) must not be split across lines: a word joiner between
# them forbids the break that CJK line breaking would otherwise allow there.
_NUMBER_UNIT = re.compile(r"(?<=[0-9%])(?=[\u4e00-\u9fff])|(?<=[0-9万亿个百分])(?=[万亿元个百分点倍])")
WORD_JOINER = "\u2060"


def unbroken(text: str) -> str:
    return _NUMBER_UNIT.sub(WORD_JOINER, text)


class Wording:
    def __init__(self, locale_code: str, latin: bool):
        self.raw = load_config(f"findings/{locale_code}.yaml")
        self.latin = latin
        self.nouns: dict[str, list[str]] = self.raw.get("nouns", {})
        self.articles: dict[str, str] = self.raw.get("articles", {})

    def word(self, key: str) -> str:
        return self.raw["words"][key]

    def say(self, key: str, subject: str | None = None, **values: str) -> str:
        """The pattern ``key`` filled in; the first letter capitalised in Latin scripts."""
        pattern = self._form(self.raw["patterns"][key], subject)
        text = pattern.format(**values)
        for joined, contracted in self.raw.get("contractions", {}).items():
            text = text.replace(joined, contracted)
        return text[:1].upper() + text[1:] if self.latin else _spaced(text)

    def _form(self, pattern: str | dict[str, str], subject: str | None) -> str:
        """The form of a pattern that agrees with its subject: by gender and number (msg, fsg, mpl, fpl: a
        participle, "impulsadas") or by number alone (sg, pl: a verb, "suben")."""
        if not isinstance(pattern, dict):
            return pattern
        gender, number = self._noun(subject) if subject is not None else ("m", "sg")
        return pattern.get(gender + number) or pattern[number]

    def spaced(self, text: str) -> str:
        return text if self.latin else _spaced(text)

    def inline(self, label: str) -> str:
        """A label inside a sentence: 'tasa de conversión', not 'Tasa de conversión'; GMV and ROI stay."""
        if not self.latin or not label:
            return label
        head = label.split()[0]
        if head.isupper() or (len(head) > 1 and head[1:2].isupper()):
            return label
        return label[:1].lower() + label[1:]

    def plural(self, label: str) -> bool:
        return self._noun(label)[1] == "pl"

    def the(self, label: str) -> str:
        """The label with its article where the language has one ('las ventas'); as inline otherwise."""
        text = self.inline(label)
        if not self.articles:
            return text
        gender, number = self._noun(label)
        return f"{self.articles[gender + number]} {text}"

    def _noun(self, label: str) -> tuple[str, str]:
        head = self.inline(label).split()[0].strip("(),:").lower() if label else ""
        gender, number = self.nouns.get(head, ("m", "pl" if head.endswith("s") else "sg"))
        return gender, number
