"""Privacy measures of a twin: exact copies and distance to the closest record.

``exact_copies``: synthetic rows equal to a real row on every compared column.
``remove_exact_copies``: resamples such rows until none is left (or leaves
out those still copying after its tries: the twin is smaller, never a copy).
``distance_to_closest_record``: for a sample of synthetic rows, and for a
held-out slice of real rows the model never saw, the distance to the closest
row of the real rows it was fitted on (Gower distance: numbers and dates scaled
by the real range, categories 0 or 1, averaged over columns). A twin that
copies or memorizes sits closer to its training rows than unseen real rows do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from fashion_retail.synth.copula import CATEGORICAL, _as_float, column_kind


def _row_keys(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    parts = [frame[c].astype(object).where(frame[c].notna(), "<null>").astype(str)
             for c in columns]
    key = parts[0]
    for part in parts[1:]:
        key = key + "\x1f" + part
    return key


def exact_copies(real: pd.DataFrame, synthetic: pd.DataFrame, columns: list[str]) -> int:
    return int(_row_keys(synthetic, columns).isin(set(_row_keys(real, columns))).sum())


def remove_exact_copies(real: pd.DataFrame, synthetic: pd.DataFrame, columns: list[str],
                        resample, tries: int = 20) -> pd.DataFrame:
    """Replace every synthetic row that copies a real one with a fresh sample
    (``resample(n)`` gives n new rows), until none is left; rows still copying
    after ``tries`` resamples are dropped."""
    known = set(_row_keys(real, columns))
    synthetic = synthetic.reset_index(drop=True)
    copied = np.flatnonzero(_row_keys(synthetic, columns).isin(known).to_numpy())
    for attempt in range(tries):
        if len(copied) == 0:
            return synthetic
        fresh = resample(len(copied), attempt).reset_index(drop=True)
        for column in synthetic.columns:
            synthetic.loc[copied, column] = fresh[column].to_numpy()
        # only the rows just replaced can copy a real row now
        still = _row_keys(synthetic.loc[copied], columns).isin(known).to_numpy()
        copied = copied[still]
    # a table of few distinct rows (an export with most columns empty) may
    # leave some: a twin never copies a real row, so they are left out
    return synthetic.drop(index=copied).reset_index(drop=True)


def _encode(frame: pd.DataFrame, columns: list[str], kinds: dict, ranges: dict) -> list:
    encoded = []
    for column in columns:
        if kinds[column] == CATEGORICAL:
            encoded.append(frame[column].astype(object).where(frame[column].notna(), "<null>")
                           .astype(str).to_numpy())
        else:
            low, span = ranges[column]
            encoded.append((_as_float(frame[column], kinds[column]) - low) / span)
    return encoded


def _closest(queries: list, reference: list, kinds: list, chunk: int = 256) -> np.ndarray:
    n = len(queries[0])
    out = np.empty(n)
    for start in range(0, n, chunk):
        stop = min(start + chunk, n)
        total = np.zeros((stop - start, len(reference[0])))
        for q, r, kind in zip(queries, reference, kinds):
            if kind == CATEGORICAL:
                total += q[start:stop, None] != r[None, :]
            else:
                qn, rn = q[start:stop, None], r[None, :]
                d = np.abs(qn - rn)
                # both missing: equal; one missing: as far apart as can be
                missing = np.isnan(qn) | np.isnan(rn)
                total += np.where(missing, np.where(np.isnan(qn) & np.isnan(rn), 0.0, 1.0),
                                  np.minimum(d, 1.0))
        out[start:stop] = total.min(axis=1) / len(queries)
    return out


def distance_to_closest_record(train: pd.DataFrame, holdout: pd.DataFrame,
                               synthetic: pd.DataFrame, columns: list[str],
                               sample: int = 1000, reference: int = 20000,
                               seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    kinds = {c: column_kind(train[c]) for c in columns}
    ranges = {}
    for c in columns:
        if kinds[c] != CATEGORICAL:
            values = _as_float(train[c], kinds[c])
            values = values[~np.isnan(values)]
            low = float(values.min()) if len(values) else 0.0
            span = float(values.max() - low) if len(values) else 1.0
            ranges[c] = (low, span or 1.0)

    def pick(frame, k):
        return frame.iloc[rng.choice(len(frame), size=min(k, len(frame)), replace=False)]
    ref = _encode(pick(train, reference), columns, kinds, ranges)
    kind_list = [kinds[c] for c in columns]
    synthetic_dcr = _closest(_encode(pick(synthetic, sample), columns, kinds, ranges), ref,
                             kind_list)
    holdout_dcr = _closest(_encode(pick(holdout, sample), columns, kinds, ranges), ref,
                           kind_list) if len(holdout) else np.array([np.nan])
    return {
        "synthetic_median_dcr": float(np.median(synthetic_dcr)),
        "holdout_median_dcr": float(np.nanmedian(holdout_dcr)),
        "synthetic_zero_dcr_share": float(np.mean(synthetic_dcr == 0)),
        "holdout_zero_dcr_share": float(np.mean(holdout_dcr == 0)),
    }
