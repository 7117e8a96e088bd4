"""Vectorised conversion of typed numpy columns to the raw layer's text."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def cents(values: np.ndarray) -> pa.Array:
    """Integer cents -> '1234.50' (non-negative inputs; nulls stay null)."""
    arr = pa.array(values)
    text = pc.utf8_lpad(pc.cast(arr, pa.string()), 3, "0")
    whole = pc.utf8_slice_codeunits(text, 0, -2)
    frac = pc.utf8_slice_codeunits(text, -2, 2**31 - 1)
    return pc.binary_join_element_wise(whole, frac, ".")


def date(values: np.ndarray) -> pa.Array:
    """datetime64[D] (NaT -> null) -> 'YYYY-MM-DD'."""
    return pc.cast(pa.array(values.astype("datetime64[D]")), pa.string())


def timestamp(values: np.ndarray) -> pa.Array:
    """datetime64[s] -> 'YYYY-MM-DD HH:MM:SS'."""
    return pc.cast(pa.array(values.astype("datetime64[s]")), pa.string())


def integer(values: np.ndarray) -> pa.Array:
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
