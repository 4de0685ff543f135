"""Ten million order rows: a deck built from Parquet and from CSV, against DuckDB alone on the same aggregates.

    python bench/orders_10m.py [--rows N] [--keep DIR]

Generates N order rows (default 10,000,000; deterministic) as Parquet and CSV in a temporary folder, then
runs four child processes, one at a time, each measuring itself from its first line (imports included):

- the deck from Parquet: four metrics (a sum, a count, distinct buyers, a ratio), two charts and a table;
- DuckDB alone, computing the aggregates that deck shows from the Parquet file;
- the same deck from CSV;
- DuckDB alone from the CSV (read once into a table, then the same queries).

It prints the seconds and peak memory (``resource.getrusage`` in each child) and the ratios from this one
run: Parquet build ÷ DuckDB (target ≤ 2), Parquet build peak memory (target ≤ 1 GB), CSV build ÷ DuckDB
(target ≤ 3). Seconds vary between machines and runs; the ratios are what to compare.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHANNELS = ["App", "Mini program", "Web", "Live stream", "Marketplace"]

OUTLINE = """\
deck:
  title: Orders benchmark
  kind: annual
  locale: en-US
  charts: native
  period: {{current: "2025"}}

data:
  orders: {path}

metrics:
  gmv: {{table: orders, sum: amount, format: money, label: GMV}}
  orders: {{table: orders, count: "*", label: Orders}}
  buyers: {{table: orders, distinct: buyer_id, label: Buyers}}
  aov: {{ratio: [gmv, orders], format: money, label: Average order value}}

review:
  - section: Sales
    slides:
      - title: GMV {{{{ gmv }}}}, {{{{ gmv.yoy.phrase }}}}
        kpis: [gmv, orders, buyers, aov]
      - title: GMV by month
        chart: {{type: bar, x: month, y: [gmv, gmv.previous]}}
      - title: Orders by channel
        chart: {{type: bar, x: channel, y: orders}}
      - title: Channels
        table: {{by: channel, columns: [gmv, orders, buyers, aov], sort: -gmv}}
    conclusion: GMV {{{{ gmv }}}} from {{{{ buyers }}}} buyers.
"""

# The aggregates the deck shows, as DuckDB alone would compute them: totals for both years, GMV by month
# for both years, and the channels of the current year.
QUERIES = [
    ("SELECT year(date) AS y, sum(amount), count(*), count(DISTINCT buyer_id) FROM {rows} "
    "WHERE date >= TIMESTAMP '2024-01-01' AND date < TIMESTAMP '2026-01-01' GROUP BY y"),
    ("SELECT date_trunc('month', date) AS m, sum(amount) FROM {rows} "
    "WHERE date >= TIMESTAMP '2024-01-01' AND date < TIMESTAMP '2026-01-01' GROUP BY m"),
    ("SELECT channel, sum(amount), count(*), count(DISTINCT buyer_id) FROM {rows} "
    "WHERE date >= TIMESTAMP '2025-01-01' AND date < TIMESTAMP '2026-01-01' GROUP BY channel"),
]

CHILD_BUILD = """\
import json, resource, sys, time
started = time.perf_counter()
from pathlib import Path
from deckgen.pipeline import build
result = build(Path(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - started, "slides": result.slides,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

CHILD_DUCKDB = """\
import json, resource, sys, time
started = time.perf_counter()
import duckdb
connection = duckdb.connect()
connection.execute("SET enable_progress_bar = false")
path, kind, queries = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
if kind == "csv":
    connection.execute(f"CREATE TABLE rows AS SELECT * FROM read_csv('{path}', header = true)")
    rows = "rows"
else:
    rows = f"read_parquet('{path}')"
for query in queries:
    connection.execute(query.format(rows=rows)).fetchall()
print(json.dumps({"seconds": time.perf_counter() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def generate(folder: Path, rows: int) -> tuple[Path, Path]:
    """orders.parquet and orders.csv: order_id, date, buyer_id, channel, amount (two years, 2024 and 2025)."""
    import duckdb
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(20251111)
    seconds = rng.integers(0, 731 * 86400, rows)
    seconds.sort()  # exports come in date order
    dates = np.datetime64("2024-01-01T00:00:00", "s") + seconds
    buyers = (rng.zipf(1.3, rows) % 2_000_000).astype("int64")
    channel = pa.DictionaryArray.from_arrays(pa.array(rng.integers(0, len(CHANNELS), rows).astype("int8")),
                                             pa.array(CHANNELS))
    amount = np.round(rng.lognormal(4.5, 0.8, rows), 2)
    table = pa.table({"order_id": np.arange(1, rows + 1, dtype="int64"), "date": pa.array(dates),
                      "buyer_id": buyers, "channel": channel, "amount": amount})
    parquet = folder / "orders.parquet"
    pq.write_table(table, parquet, row_group_size=1_000_000)
    csv = folder / "orders.csv"
    duckdb.connect().execute(f"COPY (SELECT * FROM read_parquet('{parquet}')) TO '{csv}' (HEADER)")
    return parquet, csv


def run_child(code: str, *arguments: str) -> dict:
    result = subprocess.run([sys.executable, "-c", code, *arguments], capture_output=True, text=True,
                            cwd=ROOT, check=False, env={**_environment(), "PYTHONPATH": str(ROOT)})
    if result.returncode != 0:
        raise SystemExit(f"child failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _environment() -> dict:
    import os

    return dict(os.environ)


def measure(folder: Path, data: Path, kind: str) -> tuple[dict, dict]:
    outline = folder / f"{kind}.yaml"
    outline.write_text(OUTLINE.format(path=data.name), encoding="utf-8")
    deck = run_child(CHILD_BUILD, str(outline), str(folder / f"{kind}.pptx"))
    alone = run_child(CHILD_DUCKDB, str(data), kind, json.dumps(QUERIES))
    return deck, alone


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.generate:
        generate(options.generate, options.rows)
        return
    with tempfile.TemporaryDirectory(prefix="deckgen-orders-") as temporary:
        folder = options.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        # Generated in a child too: a child's peak memory counts the parent's at the moment it was started.
        subprocess.run([sys.executable, __file__, "--generate", str(folder), "--rows", str(options.rows)],
                       check=True)
        parquet, csv = folder / "orders.parquet", folder / "orders.csv"
        sizes = f"Parquet {parquet.stat().st_size / 1e6:.0f} MB, CSV {csv.stat().st_size / 1e6:.0f} MB"
        print(f"{options.rows:,} order rows ({sizes})")
        from_parquet, duck_parquet = measure(folder, parquet, "parquet")
        from_csv, duck_csv = measure(folder, csv, "csv")
    print(textwrap.dedent(f"""\
        deck from Parquet   {from_parquet['seconds']:6.2f} s  peak {from_parquet['peak_mb']:6.0f} MB  ({from_parquet['slides']} slides)
        DuckDB on Parquet   {duck_parquet['seconds']:6.2f} s  peak {duck_parquet['peak_mb']:6.0f} MB
        deck from CSV       {from_csv['seconds']:6.2f} s  peak {from_csv['peak_mb']:6.0f} MB
        DuckDB on CSV       {duck_csv['seconds']:6.2f} s  peak {duck_csv['peak_mb']:6.0f} MB
        Parquet build / DuckDB  {from_parquet['seconds'] / duck_parquet['seconds']:5.2f}  (target <= 2)
        Parquet build peak      {from_parquet['peak_mb'] / 1024:5.2f} GB (target <= 1)
        CSV build / DuckDB      {from_csv['seconds'] / duck_csv['seconds']:5.2f}  (target <= 3)"""))


if __name__ == "__main__":
    main()
