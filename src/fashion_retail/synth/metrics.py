"""Fidelity measures, defined as in SDMetrics' quality report.

Per column ("column shapes"): the KS complement (1 - the Kolmogorov-Smirnov
statistic) for numbers and dates, the total-variation complement
(1 - half the L1 distance between category frequencies) for categories.
Per column pair ("column pair trends"): the correlation similarity
(1 - |r_real - r_synthetic| / 2, Pearson) for two numeric columns, the
contingency similarity (1 - half the L1 distance between the joint
frequencies) otherwise, with numbers binned into 10 equal-width bins of the
real range. The overall score is the mean of the two averages. As in
SDMetrics, nulls are left out of the numeric measures and count as a category
in the categorical ones; the null-rate complement (1 - the difference between
the shares of nulls) is reported apart, outside the overall score.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from fashion_retail.synth.copula import CATEGORICAL, DATETIME, NUMERIC, _as_float, column_kind

BINS = 10


def _numeric(series: pd.Series, kind: str) -> np.ndarray:
    values = _as_float(series, kind)
    return values[~np.isnan(values)]


def ks_complement(real: np.ndarray, synthetic: np.ndarray) -> float:
    real, synthetic = np.sort(real), np.sort(synthetic)
    if len(real) == 0 or len(synthetic) == 0:
        return float(len(real) == len(synthetic))
    grid = np.concatenate([real, synthetic])
    cdf_real = np.searchsorted(real, grid, side="right") / len(real)
    cdf_synthetic = np.searchsorted(synthetic, grid, side="right") / len(synthetic)
    return float(1 - np.max(np.abs(cdf_real - cdf_synthetic)))


def _frequencies(values: pd.Series) -> pd.Series:
    return values.astype(object).where(values.notna(), "<null>").astype(str) \
        .value_counts(normalize=True)


def tv_complement(real: pd.Series, synthetic: pd.Series) -> float:
    p, q = _frequencies(real), _frequencies(synthetic)
    p, q = p.align(q, fill_value=0.0)
    return float(1 - 0.5 * np.abs(p - q).sum())


def correlation_similarity(real: pd.DataFrame, synthetic: pd.DataFrame, a: str, b: str,
                           kinds: dict) -> float | None:
    def corr(frame):
        x, y = _as_float(frame[a], kinds[a]), _as_float(frame[b], kinds[b])
        keep = ~(np.isnan(x) | np.isnan(y))
        if keep.sum() < 3 or np.std(x[keep]) == 0 or np.std(y[keep]) == 0:
            return None
        return float(np.corrcoef(x[keep], y[keep])[0, 1])
    r, s = corr(real), corr(synthetic)
    if r is None or s is None:
        return None
    return float(1 - abs(r - s) / 2)


def _discrete(series: pd.Series, kind: str, edges: np.ndarray | None) -> pd.Series:
    if kind == CATEGORICAL:
        return series.astype(object).where(series.notna(), "<null>").astype(str)
    values = _as_float(series, kind)
    bins = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, BINS - 1)
    return pd.Series(np.where(np.isnan(values), -1, bins)).astype(str)


def contingency_similarity(real: pd.DataFrame, synthetic: pd.DataFrame, a: str, b: str,
                           kinds: dict) -> float:
    def edges(column):
        if kinds[column] == CATEGORICAL:
            return None
        values = _numeric(real[column], kinds[column])
        if len(values) == 0:
            return np.linspace(0, 1, BINS + 1)
        return np.histogram_bin_edges(values, bins=BINS)
    ea, eb = edges(a), edges(b)

    def joint(frame):
        pairs = _discrete(frame[a], kinds[a], ea).to_numpy() + "\x1f" \
            + _discrete(frame[b], kinds[b], eb).to_numpy()
        return pd.Series(pairs).value_counts(normalize=True)
    p, q = joint(real).align(joint(synthetic), fill_value=0.0)
    return float(1 - 0.5 * np.abs(p - q).sum())


def quality_report(real: pd.DataFrame, synthetic: pd.DataFrame,
                   columns: list[str] | None = None, kinds: dict | None = None) -> dict:
    """Column shapes, column pair trends and the overall score of a twin."""
    columns = columns or [c for c in real.columns if c in synthetic.columns]
    kinds = {c: (kinds or {}).get(c) or column_kind(real[c]) for c in columns}
    shapes = {}
    for column in columns:
        if kinds[column] == CATEGORICAL:
            shapes[column] = tv_complement(real[column], synthetic[column])
        else:
            shapes[column] = ks_complement(_numeric(real[column], kinds[column]),
                                           _numeric(synthetic[column], kinds[column]))
    trends = {}
    for a, b in combinations(columns, 2):
        if kinds[a] in (NUMERIC, DATETIME) and kinds[b] in (NUMERIC, DATETIME):
            score = correlation_similarity(real, synthetic, a, b, kinds)
        else:
            score = contingency_similarity(real, synthetic, a, b, kinds)
        if score is not None:
            trends[(a, b)] = score
    # not in SDMetrics' score (its numeric measures leave nulls out): how close
    # each column's share of nulls is, 1 - |real - synthetic|
    null_rates = {c: float(1 - abs(real[c].isna().mean() - synthetic[c].isna().mean()))
                  for c in columns}
    shape_mean = float(np.mean(list(shapes.values()))) if shapes else float("nan")
    trend_mean = float(np.mean(list(trends.values()))) if trends else shape_mean
    return {"column_shapes": shapes, "column_pair_trends": trends, "null_rates": null_rates,
            "column_shapes_score": shape_mean, "column_pair_trends_score": trend_mean,
            "overall": float(np.mean([shape_mean, trend_mean]))}
