"""Vectorised conversion of typed numpy columns to the raw layer's text."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def cents(values: np.ndarray) -> pa.Array:
    """Integer cents -> '1234.50' ('-0.05' for negatives).

    The cents are laid out as the unscaled 128-bit integers of a decimal(18, 2)
    array, which Arrow then prints: twice as fast as string arithmetic.
    """
    values = np.asarray(values, dtype=np.int64)
    raw = np.zeros((len(values), 2), dtype=np.int64)
    raw[:, 0] = values
    raw[:, 1] = np.where(values < 0, -1, 0)           # two's complement high word
    decimal = pa.Array.from_buffers(pa.decimal128(18, 2), len(values),
                                    [None, pa.py_buffer(raw)])
    return pc.cast(decimal, pa.string())


def date(values: np.ndarray) -> pa.Array:
    """datetime64[D] (NaT -> null) -> 'YYYY-MM-DD'."""
    return pc.cast(pa.array(values.astype("datetime64[D]")), pa.string())


def timestamp(values: np.ndarray) -> pa.Array:
    """datetime64[s] -> 'YYYY-MM-DD HH:MM:SS'."""
    return pc.cast(pa.array(values.astype("datetime64[s]")), pa.string())


INT32 = np.iinfo(np.int32)


def integer(values: np.ndarray) -> pa.Array:
    """Integers -> decimal text. Narrowed to int32 when they fit: Arrow prints
    int32 several times faster than int64 at the chunk sizes used here."""
    values = np.asarray(values)
    if values.dtype.kind == "i" and len(values) and \
            INT32.min <= values.min() and values.max() <= INT32.max:
        values = values.astype(np.int32)
    return pc.cast(pa.array(values), pa.string())


def boolean(values: np.ndarray) -> pa.Array:
    return pc.if_else(pa.array(values, pa.bool_()), "true", "false")


def strings(values) -> pa.Array:
    return pa.array(values, type=pa.string())


def table(columns: dict[str, object]) -> pa.Table:
    """A raw table: every column is text."""
    arrays = {}
    for name, values in columns.items():
        arr = values if isinstance(values, (pa.Array, pa.ChunkedArray)) else strings(values)
        arrays[name] = arr if arr.type == pa.string() else pc.cast(arr, pa.string())
    return pa.table(arrays)


def optional_integer(values: np.ndarray) -> pa.Array:
    """Integers where negative means missing (null)."""
    return pc.if_else(pa.array(values >= 0), integer(values), pa.scalar(None, pa.string()))


class labels:  # noqa: N801 - used like a function
    """A formatter mapping integer codes to the given labels (a class, not a
    closure, so that typed parts can be pickled to another process)."""

    def __init__(self, names) -> None:
        self.dictionary = pa.array(list(names), pa.string())

    def __call__(self, codes: np.ndarray) -> pa.Array:
        return self.dictionary.take(pa.array(codes))


def batch(parts: list[dict[str, tuple]]) -> pa.Table:
    """One text table from typed parts: {column: (formatter, numpy values)} each.

    Formatting a few large arrays costs far less per value than many small ones,
    so streamed tables are formatted once per batch of months.
    """
    columns = {}
    for name, (fmt, _) in parts[0].items():
        values = np.concatenate([part[name][1] for part in parts])
        columns[name] = fmt(values)
    return table(columns)
