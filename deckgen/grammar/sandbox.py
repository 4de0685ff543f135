"""The one Jinja environment that parses and fills placeholders and claims: sandboxed and immutable, so an
outline can read values and never call or change anything; an unknown name is an error, not an empty string."""

from __future__ import annotations

from functools import cache

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment


@cache
def environment() -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
