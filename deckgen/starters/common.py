"""Pieces every sample-data model shares: noise, exact splits of integer totals, money in cents, and files
written with reproducible bytes."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


def lognormal(rng: np.random.Generator, sigma: float, size) -> np.ndarray:
    """Multiplicative noise with mean 1."""
    return np.exp(rng.normal(-sigma * sigma / 2.0, sigma, size))


def allocate_rows(totals: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Split each integer total over the columns of ``weights`` (largest remainder, exact sums).

    ``totals`` has shape (n,), ``weights`` shape (n, k) with a positive row sum wherever total > 0.
    Ties are broken by column order, so the result is deterministic.
    """
    totals = np.asarray(totals, dtype=np.int64)
    w = np.asarray(weights, dtype=float)
    n, k = w.shape
    row_sum = w.sum(axis=1, keepdims=True)
    share = np.divide(w, row_sum, out=np.zeros_like(w), where=row_sum > 0)
    raw = totals[:, None] * share
    base = np.floor(raw).astype(np.int64)
    rest = totals - base.sum(axis=1)
    if (rest < 0).any() or (rest > k).any():
        raise ValueError("allocation failed: weights do not cover the totals")
    order = np.argsort(-(raw - base), axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.broadcast_to(np.arange(k), (n, k)).copy(), axis=1)
    return base + (rank < rest[:, None])


def cents_to_str(cents: pd.Series | np.ndarray) -> pd.Series:
    """Format non-negative integer cents as '1234.50' without going through floats."""
    c = pd.Series(np.asarray(cents, dtype=np.int64))
    if (c < 0).any():
        raise ValueError("negative money amount")
    return (c // 100).astype(str) + "." + (c % 100).astype(str).str.zfill(2)


def month_start(d: pd.Series) -> pd.Series:
    return d.dt.to_period("M").dt.to_timestamp()


def write_csv(df: pd.DataFrame, path: Path, encoding: str) -> None:
    data = df.to_csv(index=False, lineterminator="\n")
    path.write_bytes(data.encode(encoding))


def normalise_zip(data: bytes, stamp: datetime) -> bytes:
    """Rewrite a zip with fixed member timestamps (openpyxl stamps the current time)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = normalise_core_props(content, stamp)
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, content)
    return out.getvalue()


def normalise_core_props(xml: bytes, stamp: datetime) -> bytes:
    """openpyxl overwrites 'modified' with the save time; pin it to the fixed timestamp."""
    text = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + text + rb"\g<2>", xml)


def write_parquet(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path, compression="snappy")
