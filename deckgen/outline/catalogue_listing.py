"""The catalogue as text: ``deckgen metrics`` and docs/metrics.md (``deckgen metrics --markdown``)."""

from __future__ import annotations

import unicodedata

from .catalogue import Catalogue, CatalogueMetric
from .schema import LOCALES

_INTRO = """\
# Metric catalogue

<!-- Generated from configs/metrics.yaml by `deckgen metrics --markdown > docs/metrics.md`; edit the YAML,
then regenerate. -->

An outline may use every metric below by name (`kpis: [gmv, cvr, aov, refund_rate]`, `{{ roi }}`) without
defining it under `metrics:`. `deckgen metrics` lists them; `deckgen metrics --locale en-US` shows the English
names.

## How a catalogue metric is computed

- **Which table.** A metric that reads a column (`sum`, `count`, `distinct`, `mean`) reads the first table, in
  the order of the outline's `data:`, that has every column it needs: the column itself, the columns of its
  filter (`where`), and any column named after "in the table with". A ratio or an expression resolves each of
  its parts the same way, so `cvr` may divide the buyers of one table by the visitors of another.
- **Export headers.** Columns are matched after the export headers listed at the end of this page are renamed
  (访客数 → `uv`, 支付金额 → `gmv` …). A header is renamed only when the table has no column of that name yet;
  the outline may still use the header as written. `deckgen build` lists the renames.
- **Ratios are ratios of sums.** `cvr` is the period's total buyers divided by its total visitors, for the
  year, for each month of a chart and for each row of a table; never the mean of daily rates. A supplied
  客单价 (`aov`) or 转化率 (`cvr`) column is never read: `aov` and `cvr` are computed from the base counts.
- **ROI = GMV / spend.** `roi` is the GMV the ads brought (`guided_gmv`, 引导成交金额) divided by the ad spend:
  ROAS, as Chinese shop platforms use the word ROI (投入产出比, 投产比). It is not a profit-based return.
  `cost_ratio` (费比) is spend / the shop's GMV.
- **UV adds up.** `uv` is the sum of the table's visitors (访客数, 日累加): a visitor who comes on two days
  counts twice, as in platform reports summed by day.
- **Your definition wins.** A metric defined under `metrics:` replaces the catalogue's metric of the same name
  everywhere, including inside the catalogue's ratios (define `buyers` on another table and `cvr` and `aov` use
  it).
- **Labels.** A catalogue metric is labelled with its name in the deck's locale (the columns below); a
  `label:` in the outline wins.
- **Missing data.** A catalogue metric that the outline uses but no table can feed is a data error at the
  place it is used, e.g. `metric 'refund_rate' (catalogue: refund_amount / gmv) needs a column refund_amount;
  no table has it`.
- **Direction.** `better: lower` metrics (refund, complaint and dispute rates, CPC, CPM, cost ratio, response
  time) are coloured good when they fall.
"""


def render_markdown(cat: Catalogue, locale: str | None = None) -> str:
    """docs/metrics.md: ``deckgen metrics --markdown > docs/metrics.md``."""
    locales = [locale] if locale else list(LOCALES)
    lines = [_INTRO]
    name_headers = " | ".join(locales)
    for group, title in cat.groups.items():
        entries = [entry for entry in cat.metrics.values() if entry.group == group]
        if not entries:
            continue
        lines += [f"## {title}", "", f"| metric | formula | format | better | {name_headers} |",
                  "|---|---|---|---|" + "---|" * len(locales)]
        for entry in entries:
            names = " | ".join(_cell(entry.label(code)) for code in locales)
            lines.append(f"| `{entry.name}` | {_cell(entry.formula())} | {_format_text(entry)} | "
                         f"{entry.fields.get('better') or 'higher'} | {names} |")
        notes = [entry for entry in entries if entry.note]
        if notes:
            lines += ["", "Notes:", ""] + [f"- `{entry.name}`: {entry.note}" for entry in notes]
        lines.append("")
    lines += [
        "## Export headers read as columns",
        "",
        "Matching ignores case, spaces and a trailing unit in brackets (`支付金额（元）`, `UV`).",
        "",
        "| column | headers |",
        "|---|---|",
    ]
    lines += [f"| `{column}` | {_cell(', '.join(headers))} |" for column, headers in cat.headers.items()]
    return "\n".join(lines) + "\n"


def render_text(cat: Catalogue, locale: str = "zh-CN") -> str:
    """The plain listing of ``deckgen metrics``: name, label, formula, format, direction."""
    rows = [("metric", locale, "formula", "format", "better")]
    rows += [(entry.name, entry.label(locale), entry.formula(full=False), _format_text(entry),
              entry.fields.get("better") or "higher") for entry in cat.metrics.values()]
    widths = [max(_width(row[index]) for row in rows) for index in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [text + " " * (width - _width(text)) for text, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]))
    return "\n".join(lines) + "\n"


def _format_text(entry: CatalogueMetric) -> str:
    text = str(entry.fields.get("format") or "number")
    if entry.fields.get("decimals") is not None:
        text += f", {entry.fields['decimals']} dp"
    return text


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
