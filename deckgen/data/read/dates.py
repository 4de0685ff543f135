"""The date column: text, numbers such as 20250105, and 2025年1月5日, parsed into datetimes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.errors import DataError, Diagnostic, SourceSpan

from ..tables import MAX_LISTED_ROWS, RawTable

if TYPE_CHECKING:
    import pandas as pd

_CJK_DATE = r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"


def parse_dates(values: pd.Series, column: str, raw: RawTable, span: SourceSpan) -> pd.Series:
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    text = _date_text(values)
    parsed = _to_datetime(text, "ISO8601")
    retry = parsed.isna() & text.notna()
    if retry.any():
        parsed[retry] = _to_datetime(_spell_cjk_dates_with_dashes(text[retry]), "mixed")
    bad = parsed.isna() & text.notna()
    if bad.any():
        raise DataError([_bad_date(values, bad, column, raw, span)])
    return parsed


def _date_text(values: pd.Series) -> pd.Series:
    """Dates as stripped text, blanks as missing; 20250105.0 becomes 20250105."""
    import pandas as pd

    if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
        values = values.astype("Int64")
    text = values.astype("string").str.strip()
    return text.replace("", pd.NA)


def _spell_cjk_dates_with_dashes(text: pd.Series) -> pd.Series:
    """2025年1月5日 becomes 2025-1-5 (a regex pass: only for the values ISO 8601 did not parse)."""
    return text.str.replace(_CJK_DATE, r"\1-\2-\3", regex=True)


def _to_datetime(text: pd.Series, date_format: str) -> pd.Series:
    import pandas as pd

    try:
        return pd.to_datetime(text, format=date_format, errors="coerce")
    except (ValueError, TypeError, OverflowError):  # e.g. mixed time zones: every value is reported
        return pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")


def _bad_date(values: pd.Series, bad: pd.Series, column: str, raw: RawTable, span: SourceSpan) -> Diagnostic:
    rows = [int(label) + raw.first_row for label in bad[bad].index]
    first = values.loc[bad[bad].index[0]]
    message = f"{raw.where}: column '{column}', row {rows[0]}: '{first}' is not a date"
    hint = "write dates as YYYY-MM-DD"
    if len(rows) > 1:
        listed = ", ".join(str(row) for row in rows[1:1 + MAX_LISTED_ROWS])
        more = ", …" if len(rows) > 1 + MAX_LISTED_ROWS else ""
        hint += f"; {len(rows) - 1} more rows are not dates either (rows {listed}{more})"
    return Diagnostic("data.bad_date", message, span, hint)
