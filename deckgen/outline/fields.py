"""Field types the outline's models share: text as written, names, metric references, the base model, and
the notation of ``date_format`` (DD/MM/YYYY), which the loader turns into strftime codes."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema

from .read import RawFloat, RawInt, raw_text

_TOKENS = (("YYYY", "%Y"), ("YY", "%y"), ("MM", "%m"), ("DD", "%d"), ("HH", "%H"), ("mm", "%M"), ("ss", "%S"))


def _as_text(value: Any) -> Any:
    if isinstance(value, (bool, RawInt, RawFloat, int, float)):
        return raw_text(value)
    return value


# Text as written: an unquoted 2025 or 0123 is text too, so editors must not flag it.
Text = Annotated[str, BeforeValidator(_as_text), WithJsonSchema({"type": ["string", "number", "boolean"]})]
# Text that names something (a file, a formula): empty is a mistake, not "nothing".
Name = Annotated[str, StringConstraints(min_length=1), BeforeValidator(_as_text),
                 WithJsonSchema({"type": ["string", "number", "boolean"], "minLength": 1})]
MetricName = Annotated[str, BeforeValidator(_as_text), Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]
# A reference to a metric, optionally with a comparison: gmv, gmv.previous, gmv.yoy, gmv.mom,
# gmv.share, gmv.vs(gmv_target).
MetricRef = Annotated[str, BeforeValidator(_as_text), WithJsonSchema({"type": "string"})]
OneOrMany = MetricRef | list[MetricRef]

LOCALES = ("zh-CN", "zh-TW", "en-US", "es-ES")
GRAINS = ("hour", "day", "week", "month", "quarter", "year")
Scalar = bool | int | float | Text  # order matters: true stays a bool, 0123 stays text


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def strftime_format(date_format: str) -> str:
    """'DD/MM/YYYY' -> '%d/%m/%Y'; a format with % signs is taken as written."""
    if "%" in date_format:
        return date_format
    for token, code in _TOKENS:
        date_format = date_format.replace(token, code)
    return date_format
