"""The findings' wording: every locale says every sentence, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from deckgen.findings.wording import Wording, unbroken
from deckgen.resources import load_config

LOCALES = ("zh-CN", "zh-TW", "en-US", "es-ES")


def fields(pattern) -> set[str]:
    texts = pattern.values() if isinstance(pattern, dict) else [pattern]
    return {name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_locale_has_every_pattern_and_word():
    reference = load_config("findings/en-US.yaml")
    for code in LOCALES:
        raw = load_config(f"findings/{code}.yaml")
        assert set(raw["patterns"]) == set(reference["patterns"]), code
        assert set(raw["words"]) == set(reference["words"]), code


@pytest.mark.parametrize("code", LOCALES)
def test_patterns_use_only_the_values_they_are_given(code):
    """A pattern may leave a value out (Chinese has no articles) but never ask for one the code does not pass:
    the values the English and Chinese patterns use, plus their forms with an article."""
    english = load_config("findings/en-US.yaml")["patterns"]
    chinese = load_config("findings/zh-CN.yaml")["patterns"]
    for key, pattern in load_config(f"findings/{code}.yaml")["patterns"].items():
        given = fields(english[key]) | fields(chinese[key])
        allowed = given | {f"the_{name}" for name in given} | {"the_metric"}
        assert fields(pattern) <= allowed, (code, key)


def test_spanish_articles_agree_with_the_head_noun():
    words = Wording("es-ES", latin=True)
    assert words.the("Ventas") == "las ventas"
    assert words.the("Tasa de conversión") == "la tasa de conversión"
    assert words.the("Ticket medio") == "el ticket medio"
    assert words.the("Visitantes únicos") == "los visitantes únicos"
    assert words.inline("ROI") == "ROI" and words.inline("GMV total") == "GMV total"
    assert words.plural("Ventas") and not words.plural("Ticket medio")


def test_contractions_and_capitals():
    words = Wording("es-ES", latin=True)
    sentence = words.say("incomplete_base", None, base="el año anterior", days="31", first="1 mar", last="31 mar",
                         the_metric="el ticket medio", all="+3,0 %")
    assert sentence.startswith("Al año anterior le faltan 31 días") and "de el " not in sentence


def test_a_number_and_its_chinese_unit_stay_on_one_line():
    assert unbroken("差 149.0万元") == "差 149.0\u2060万\u2060元"
    assert unbroken("-0.14个百分点") == "-0.14\u2060个\u2060百\u2060分\u2060点"
    assert unbroken("GMV up 5%") == "GMV up 5%"


@pytest.mark.parametrize(("code", "expected"), [
    ("en-US", ("Repeat rate +0.3 pp: +1.2 pp from buyers shifting to Returning, -0.9 pp from the segments' own "
               "rates (New, Returning)")),
    ("es-ES", ("Tasa de repetición: +0,3 pp; +1,2 pp por el desplazamiento de los compradores hacia Recurrentes y "
               "-0,9 pp por la tasa propia de cada segmento (Nuevos, Recurrentes)")),
    ("zh-CN", "复购率 +0.3个百分点：买家向老客集中带来 +1.2个百分点，新客、老客各自的变化带来 -0.9个百分点"),
])
def test_a_rate_led_by_the_mix_states_both_effects(code, expected):
    """The shift between segments and the segments' own change, each with its size: no 'within New, Returning'."""
    values = {"en-US": ("Repeat rate", "buyers", "the buyers", "Returning", "New, Returning", "+0.3 pp", "+1.2 pp",
                        "-0.9 pp"),
              "es-ES": ("Tasa de repetición", "compradores", "los compradores", "Recurrentes", "Nuevos, Recurrentes",
                        "+0,3 pp", "+1,2 pp", "-0,9 pp"),
              "zh-CN": ("复购率", "买家", "买家", "老客", "新客、老客", "+0.3个百分点", "+1.2个百分点", "-0.9个百分点")}[code]
    metric, volume, the_volume, shifted, segments, change, mix, rate = values
    sentence = Wording(code, latin=code != "zh-CN").say(
        "mix_leads", metric, metric=metric, change=change, mix=mix, rate=rate, volume=volume,
        the_volume=the_volume, shifted=shifted,
        segments=segments)
    assert sentence == expected
