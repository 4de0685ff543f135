"""The numbers behind a native chart: Excel number formats per axis, and the embedded workbook.

An :class:`AxisFormat` says how the image charts print numbers (value / divisor, decimals, suffix). Excel
number formats can scale only by powers of 1,000 (a trailing ``,`` divides by 1,000), so:

* divisor 1 or 1,000ⁿ (en/es "M", "B"): the workbook keeps the raw values and the format scales them,
  ``#,##0.0,,"M"``;
* any other divisor (zh 万 = 10⁴, 亿 = 10⁸): the workbook holds the values in that unit (value / divisor) and
  the format only appends the word, ``#,##0.0"万"``; cell A1 of the sheet names the unit;
* percentages stay fractions and use ``%`` (``0.0%``), with the locale's spacing before the sign.

Format codes are always written in Excel's invariant syntax (``,`` groups, ``.`` decimals); PowerPoint and
LibreOffice show them with the separators of the viewer's system locale. See ``docs/dev/native-charts.md``.

The workbook is written by python-pptx through XlsxWriter, which by default turns a string starting with
``=`` into a formula. Here every category and series name is written as a string cell, never a formula,
and the workbook's document properties are fixed so the same chart gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter

from ..charts.spec import AxisFormat
from ..charts.ticks import axis_scale, axis_suffix

WORKBOOK_TIME = dt.datetime(2000, 1, 1, 0, 0, 0)
MAX_LABEL_DECIMALS = 4


# ---------------------------------------------------------------------------------------------- formats


@dataclass(frozen=True)
class NumberStyle:
    """How one value axis stores and prints its numbers in a native chart."""

    fmt: AxisFormat

    @property
    def _percent_sign(self) -> bool:
        return self.fmt.kind == "percent" and "%" in axis_suffix(self.fmt)

    @property
    def thousands(self) -> int | None:
        """How many ``,`` scale the number (divisor 1000ⁿ), or None when the workbook stores scaled values."""
        if self.fmt.kind == "percent":
            return 0 if self._percent_sign and (self.fmt.divisor or 1.0) == 1.0 else None
        divisor = self.fmt.divisor or 1.0
        for power in range(5):
            if math.isclose(divisor, 1000.0**power):
                return power
        return None

    @property
    def storage_factor(self) -> float:
        """Raw value × this factor = the number stored in the workbook and the chart's cache."""
        if self.thousands is not None:
            return 1.0
        return axis_scale(self.fmt)  # display units: value / divisor (× 100 for a percentage without "%")

    @property
    def scaled_unit(self) -> str:
        """The unit word when the workbook stores scaled values ("万"), else ""."""
        return axis_suffix(self.fmt) if self.thousands is None else ""

    def stored(self, value: float | None) -> float | None:
        if value is None or not math.isfinite(value):
            return None
        return float(f"{value * self.storage_factor:.15g}")  # 236.86006, not 236.86005999999990

    def from_display(self, display: float) -> float:
        """A number in display units (as the image charts' ticks are) in stored units."""
        return display / axis_scale(self.fmt) * self.storage_factor

    def code(self, decimals: int, zero_plain: bool = False) -> str:
        """The Excel format code printing a stored value as the image charts do.

        ``zero_plain`` adds a third section so zero prints as a bare ``0`` (axes: "0", not "0万").
        """
        digits = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        if self._percent_sign and self.thousands == 0:
            before, _, after = axis_suffix(self.fmt).partition("%")
            body = digits + _literal(before) + "%" + _literal(after)
        else:
            body = digits + "," * (self.thousands or 0) + _literal(axis_suffix(self.fmt))
        if zero_plain and self.fmt.kind != "percent":
            return f"{body};-{body};0"
        return body

    def text(self, value: float, decimals: int) -> str:
        """What Excel prints for raw ``value`` with :meth:`code` (half away from zero, locale separators)."""
        display = Decimal(repr(value * axis_scale(self.fmt)))
        rounded = display.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        if rounded == 0:
            rounded = abs(rounded)
        text = f"{abs(rounded):,.{decimals}f}"
        text = text.translate(str.maketrans({",": "\x00", ".": self.fmt.decimal_sep})).replace(
            "\x00", self.fmt.group_sep
        )
        return ("-" if rounded < 0 else "") + text + axis_suffix(self.fmt)

    def label_decimals(self, values: Sequence[float | None], labels: Sequence[str]) -> int | None:
        """The decimals with which :meth:`code` reproduces every data label exactly, or None if none does."""
        pairs = [
            (v, t) for v, t in zip(values, labels) if t and v is not None and math.isfinite(v)
        ]
        if not pairs:
            return None
        for decimals in range(MAX_LABEL_DECIMALS + 1):
            if all(self.text(v, decimals) == t for v, t in pairs):
                return decimals
        return None

    def for_labels(self, values: Sequence[float | None], labels: Sequence[str]) -> tuple[NumberStyle, int] | None:
        """A style (this one, or this one with the labels' own suffix, e.g. "23,4 %" on a "%" axis) and the
        decimals that reproduce every label; None when no number format does (the labels are then text)."""
        decimals = self.label_decimals(values, labels)
        if decimals is not None:
            return self, decimals
        suffixes = {_suffix_of(t) for t in labels if t}
        if len(suffixes) == 1:
            other = NumberStyle(replace(self.fmt, suffix=suffixes.pop()))
            if other.thousands == self.thousands:  # the same stored numbers
                decimals = other.label_decimals(values, labels)
                if decimals is not None:
                    return other, decimals
        return None


def _suffix_of(label: str) -> str:
    """What follows the number in a label: "万" in "95.8万", "\u00a0%" in "23,4\u00a0%"."""
    end = len(label)
    while end > 0 and not label[end - 1].isdigit():
        end -= 1
    return label[end:]


def _literal(text: str) -> str:
    """``text`` as literal characters of a format code: quoted, with ``"`` escaped outside the quotes."""
    if not text:
        return ""
    return '\\"'.join(f'"{chunk}"' if chunk else "" for chunk in text.split('"'))


def unit_note(unit: str, language_tag: str) -> str:
    """Cell A1 of a workbook whose values are stored in a unit such as 万."""
    if language_tag.lower().startswith(("zh-tw", "zh-hk", "zh-hant")):
        return f"單位：{unit}"
    if language_tag.lower().startswith("zh"):
        return f"单位：{unit}"
    return f"unit: {unit}"


# ---------------------------------------------------------------------------------------------- workbook


class SafeChartData(CategoryChartData):
    """Category chart data whose workbook holds text as text: no formulas, URLs or numbers from strings."""

    def __init__(self, note: str = "", number_format: str = "General"):
        super().__init__(number_format)
        self.note = note

    @property
    def _workbook_writer(self):  # python-pptx's hook for the workbook writer
        return SafeWorkbookWriter(self)


class SafeWorkbookWriter(CategoryWorkbookWriter):
    """python-pptx's category workbook writer with strings written as strings and fixed properties."""

    @contextmanager
    def _open_worksheet(self, xlsx_file: io.BytesIO):
        from xlsxwriter import Workbook

        options = {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        }
        workbook = Workbook(xlsx_file, options)
        workbook.set_properties({"created": WORKBOOK_TIME, "author": "deckgen"})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()

    def _populate_worksheet(self, workbook, worksheet) -> None:
        super()._populate_worksheet(workbook, worksheet)
        note = getattr(self._chart_data, "note", "")
        if note:
            worksheet.write_string(0, 0, note)

    def _write_cat_column(self, worksheet, col, level, num_format) -> None:
        names = [str(name) for _, name in level]
        worksheet.set_column(col, col, _column_width(names))
        for offset, name in level:
            worksheet.write_string(offset + 1, col, str(name), num_format)

    def _write_series(self, workbook, worksheet) -> None:
        col_offset = self._chart_data.categories.depth
        for index, series in enumerate(self._chart_data):
            num_format = workbook.add_format({"num_format": series.number_format})
            column = index + col_offset
            worksheet.set_column(column, column, _column_width([series.name]))
            worksheet.write_string(0, column, str(series.name))
            for row, value in enumerate(series.values, start=1):
                if value is None:
                    worksheet.write_blank(row, column, None, num_format)
                else:
                    worksheet.write_number(row, column, value, num_format)


def _column_width(texts: Sequence[str]) -> float:
    """A column wide enough for its longest text (CJK characters count double)."""
    import unicodedata

    widest = max(
        (sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in t) for t in texts),
        default=8,
    )
    return float(min(max(widest + 2, 10), 60))
