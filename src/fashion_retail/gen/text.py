"""Vectorised conversion of typed numpy columns to the raw layer's text."""

from __future__ import annotations

import string

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# below this many values, formatting each one costs too little to be worth sharing
MIN_SHARED = 1024


def cents(values: np.ndarray) -> pa.Array:
    """Integer cents -> '1234.50' ('-0.05' for negatives)."""
    values = np.asarray(values, dtype=np.int64)
    if len(values) >= MIN_SHARED:
        # prices repeat (a few hundred price points), and most discounts are 0:
        # each distinct amount printed once, then taken per row (a fifth of
        # the cost for prices)
        encoded = pa.array(values).dictionary_encode()
        if len(encoded.dictionary) <= len(values) // 2:
            return _cents(encoded.dictionary.to_numpy()).take(encoded.indices)
    return _cents(values)


def _cents(values: np.ndarray) -> pa.Array:
    """The cents laid out as the unscaled 128-bit integers of a decimal(18, 2)
    array, which Arrow then prints: twice as fast as string arithmetic."""
    raw = np.zeros((len(values), 2), dtype=np.int64)
    raw[:, 0] = values
    raw[:, 1] = np.where(values < 0, -1, 0)           # two's complement high word
    decimal = pa.Array.from_buffers(pa.decimal128(18, 2), len(values),
                                    [None, pa.py_buffer(raw)])
    return pc.cast(decimal, pa.string())


def date(values: np.ndarray) -> pa.Array:
    """datetime64[D] (NaT -> null) -> 'YYYY-MM-DD'."""
    days = np.asarray(values).astype("datetime64[D]")
    if len(days) >= MIN_SHARED and not np.isnat(days).any():
        # a chunk's dates span a few months or years: each day printed once
        # (mostly-null columns, such as return dates, cost little as they are)
        ranged = _through_range(days.view(np.int64), _date)
        if ranged is not None:
            return ranged
    return _date(days.view(np.int64))


def _date(days: np.ndarray) -> pa.Array:
    """Day numbers since 1970 (NaT's number -> null) -> 'YYYY-MM-DD'."""
    return pc.cast(pa.array(days.view("datetime64[D]")), pa.string())


def timestamp(values: np.ndarray) -> pa.Array:
    """datetime64[s] -> 'YYYY-MM-DD HH:MM:SS'."""
    return pc.cast(pa.array(values.astype("datetime64[s]")), pa.string())


INT32 = np.iinfo(np.int32)


def integer(values: np.ndarray) -> pa.Array:
    """Integers -> decimal text."""
    values = np.asarray(values)
    ranged = _through_range(values, _integer)
    return _integer(values) if ranged is None else ranged


def _integer(values: np.ndarray) -> pa.Array:
    """Narrowed to int32 when they fit: Arrow prints int32 several times faster
    than int64 at the chunk sizes used here."""
    if values.dtype.kind == "i" and len(values) and \
            INT32.min <= values.min() and values.max() <= INT32.max:
        values = values.astype(np.int32)
    return pc.cast(pa.array(values), pa.string())


def _through_range(values: np.ndarray, fmt) -> pa.Array | None:
    """Integers that span a range at most half their count (quantities, line
    numbers, product and store ids): every value of the range formatted once,
    then taken per row, which costs a quarter of formatting each row (a string
    take against a number print). None when the range is wider."""
    if values.dtype.kind not in "iu" or len(values) < MIN_SHARED:
        return None
    lo, hi = int(values.min()), int(values.max())
    if hi - lo > len(values) // 2:
        return None
    return fmt(np.arange(lo, hi + 1, dtype=np.int64)).take(
        pa.array((values - lo).astype(np.int32)))


def integer_objects(values: np.ndarray) -> np.ndarray:
    """Integers -> an object array of their decimal text, to join with other
    Python strings: three to four times faster than numpy's astype(str)."""
    return integer(values).to_numpy(zero_copy_only=False)


def boolean(values: np.ndarray) -> pa.Array:
    return pc.if_else(pa.array(values, pa.bool_()), "true", "false")


def strings(values) -> pa.Array:
    return pa.array(values, type=pa.string())


def column(values) -> pa.Array | pa.ChunkedArray:
    """A raw column: Python strings or an Arrow array, as text."""
    arr = values if isinstance(values, (pa.Array, pa.ChunkedArray)) else strings(values)
    return arr if arr.type == pa.string() else pc.cast(arr, pa.string())


def table(columns: dict[str, object]) -> pa.Table:
    """A raw table: every column is text."""
    return pa.table({name: column(values) for name, values in columns.items()})


def whole(column: pa.ChunkedArray) -> pa.Array:
    """A column as one array: its only chunk as it is (combine_chunks copies
    even a single chunk, which for a million text values costs 10 ms)."""
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


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


def fill(templates: list[str], which: np.ndarray, fields: dict[str, pa.Array]) -> np.ndarray:
    """Row i: ``templates[which[i]]`` with its ``{field}`` places filled from
    row i of ``fields`` (text arrays of one length). Each template is joined
    column-wise by Arrow for its own rows: no Python call per row. An object
    array of Python strings."""
    out = np.empty(len(which), dtype=object)
    for k, template in enumerate(templates):
        rows = np.flatnonzero(which == k)
        if not len(rows):
            continue
        take = pa.array(rows)
        parts = []
        for literal, name, _, _ in string.Formatter().parse(template):
            if literal:
                parts.append(literal)
            if name is not None:
                parts.append(fields[name].take(take))
        if not any(isinstance(part, pa.Array) for part in parts):
            out[rows] = "".join(parts)
            continue
        # the separator goes last; scalars (the literals) stretch to the rows
        out[rows] = pc.binary_join_element_wise(*parts, "").to_numpy(zero_copy_only=False)
    return out
