"""The date column, parsed into datetimes; the day-month order settled by the data, never guessed.

ISO dates (2025-01-05, 2025/1/5, 20250105, with or without a time), 2025年1月5日, month names (5 Jan 2025) and,
in workbooks, Excel serial numbers are read as they are. Day-month-year and month-day-year text
(05/02/2025) is read in the order the data proves (a first number above 12 is a day, a second number above
12 is a day), or in the table's ``date_format``; when no value tells, it is a data error that asks for
``date_format`` and shows values from the file.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from deckgen.errors import DataError, Diagnostic, SourceSpan

from ...outline.fields import strftime_format
from ..tables import RawTable, fail, listed_rows

if TYPE_CHECKING:
    import pandas as pd

_CJK_DATE = r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"
_NUMERIC_DATE = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?=$|[ T])")
EXCEL_EPOCH = "1899-12-30"  # serial 1 is 1900-01-01 (Excel's leap-year quirk included)
EXCEL_SERIALS = (1, 2958465)  # 1900-01-01 .. 9999-12-31
EXAMPLES = 3


def parse_dates(values: pd.Series, column: str, raw: RawTable, span: SourceSpan,
                date_format: str | None = None) -> tuple[pd.Series, str | None]:
    """The parsed column and what the read line says about it ("dates DD/MM/YYYY"), if anything."""
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(values):
        return values, None
    if date_format:
        return _with_format(values, column, raw, span, date_format), f"dates {date_format}"
    if raw.excel and pd.api.types.is_numeric_dtype(values) and _serials(values):
        return pd.to_datetime(values, unit="D", origin=EXCEL_EPOCH).astype("datetime64[ns]"), "Excel serial dates"
    text = _date_text(values)
    parsed = _to_datetime(text, "ISO8601")
    rest = parsed.isna() & text.notna()
    order, example = _day_month_order(text[rest], column, raw, span) if rest.any() else (None, "")
    if rest.any():  # only what ISO 8601 did not read: 05/02/2024, 2025年1月5日, 5 Jan 2025
        retry = _to_iso(text[rest], order) if order else text[rest]
        again = _to_datetime(retry, "ISO8601")
        missing = again.isna()
        if missing.any():
            again[missing] = _to_datetime(_spell_cjk_dates_with_dashes(retry[missing]), "mixed")
        parsed[rest] = again
    bad = parsed.isna() & text.notna()
    if bad.any():
        raise DataError([_bad_date(values, bad, column, raw, span)])
    return parsed, (f"dates {_pattern(order, example)}" if order else None)


def _with_format(values: pd.Series, column: str, raw: RawTable, span: SourceSpan, date_format: str) -> pd.Series:
    text = _date_text(values)
    parsed = _to_datetime(text, strftime_format(date_format))
    bad = parsed.isna() & text.notna()
    if bad.any():
        diagnostic = _bad_date(values, bad, column, raw, span)
        message = diagnostic.message.replace("is not a date", f"does not match date_format '{date_format}'")
        raise DataError([Diagnostic("data.bad_date", message, span, "correct the value or the date_format")])
    return parsed


def _serials(values: pd.Series) -> bool:
    present = values.dropna()
    low, high = EXCEL_SERIALS
    return not present.empty and bool(((present >= low) & (present <= high)).all())  # 20250105 is above


def _day_month_order(text: pd.Series, column: str, raw: RawTable, span: SourceSpan) -> tuple[str | None, str]:
    """'dmy' or 'mdy' for dates written 05/02/2025, None when the column has none; an error if the data
    cannot tell."""
    parts = text.dropna().str.extract(_NUMERIC_DATE).dropna()
    if parts.empty:
        return None, ""
    first, second = parts[0].astype(int), parts[2].astype(int)
    example = parts.index[0]
    if (first > 12).any() and (second > 12).any():
        a, b = first[first > 12].index[0], second[second > 12].index[0]
        fail("data.bad_date", f"{raw.where}: column '{column}' mixes day-first ('{text[a]}', row "
             f"{_row(a, raw)}) and month-first ('{text[b]}', row {_row(b, raw)}) dates", span,
             "write every date in one order, or as YYYY-MM-DD")
    if (first > 12).any():
        return "dmy", text[example]
    if (second > 12).any():
        return "mdy", text[example]
    shown = ", ".join(f"'{value}'" for value in text[parts.index].drop_duplicates()[:EXAMPLES])
    sep = parts.iloc[0, 1]
    year = "YYYY" if len(parts.iloc[0, 3]) == 4 else "YY"
    fail("data.ambiguous_date", f"{raw.where}: column '{column}': cannot tell whether dates such as {shown} are "
         "day-first or month-first (no day above 12)", span,
         f"set date_format on the table: date_format: DD{sep}MM{sep}{year} or date_format: MM{sep}DD{sep}{year}")


def _to_iso(text: pd.Series, order: str) -> pd.Series:
    """05/02/2025 -> 2025-02-05 (dmy) or 2025-05-02 (mdy); anything after the date is kept."""
    day, month = (r"\1", r"\3") if order == "dmy" else (r"\3", r"\1")

    def year(match: re.Match) -> str:
        digits = match.group(4)
        return digits if len(digits) == 4 else f"20{digits}"

    def swap(match: re.Match) -> str:
        return f"{year(match)}-{match.expand(month)}-{match.expand(day)}"

    return text.str.replace(_NUMERIC_DATE, swap, regex=True)


def _pattern(order: str, example: str) -> str:
    """'DD/MM/YYYY' in the separator and year length of the file's dates."""
    match = _NUMERIC_DATE.match(example)
    sep = match.group(2) if match else "/"
    year = "YYYY" if match is None or len(match.group(4)) == 4 else "YY"
    first, second = ("DD", "MM") if order == "dmy" else ("MM", "DD")
    return f"{first}{sep}{second}{sep}{year}"


def _row(label: object, raw: RawTable) -> int:
    return int(label) + raw.first_row


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
    rows = [_row(label, raw) for label in bad[bad].index]
    first = values.loc[bad[bad].index[0]]
    message = f"{raw.where}: column '{column}', row {rows[0]}: '{first}' is not a date"
    hint = "write dates as YYYY-MM-DD"
    if len(rows) > 1:
        hint += f"; {len(rows) - 1} more rows are not dates either (rows {listed_rows(rows[1:])})"
    return Diagnostic("data.bad_date", message, span, hint)
