"""A Gaussian copula over empirical marginals, in numpy.

Fit: every column becomes normal scores (numbers and dates by rank, categories
by a uniform draw inside the category's slice of [0, 1), in frequency order),
and the copula is their correlation matrix. Sample: correlated normals, turned
back into uniforms by rank (so each column's marginal is reproduced exactly at
any sample size), then into values through the column's empirical quantile
function (interpolated, so numbers are new values, not copies) or category
slices. Nulls are drawn at each column's null rate.

With ``condition_on``, one copula is fitted per value of that column (for
example products per category) on the groups with enough rows; the column's
values are drawn at their frequencies and each group is sampled from its own
copula (small groups from the pooled one).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

NUMERIC, DATETIME, CATEGORICAL = "numeric", "datetime", "categorical"


def ndtri(p: np.ndarray) -> np.ndarray:
    """The standard normal quantile function (Acklam's rational approximation,
    relative error below 1.2e-9), for p in (0, 1)."""
    a = (-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
         1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00)
    b = (-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
         6.680131188771972e+01, -1.328068155288572e+01)
    c = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
         -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00)
    d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
         3.754408661907416e+00)
    p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
    out = np.empty_like(p)
    low, high = p < 0.02425, p > 1 - 0.02425
    mid = ~(low | high)
    q = p[mid] - 0.5
    r = q * q
    out[mid] = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1))
    for mask, sign in ((low, 1.0), (high, -1.0)):
        q = np.sqrt(-2 * np.log(np.where(sign > 0, p[mask], 1 - p[mask])))
        out[mask] = sign * ((((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1))
    return out


def column_kind(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series) or series.dtype == object and \
            series.dropna().map(type).eq(bool).all() and series.notna().any():
        return CATEGORICAL
    if pd.api.types.is_datetime64_any_dtype(series):
        return DATETIME
    if pd.api.types.is_numeric_dtype(series):
        return NUMERIC
    if series.dropna().map(lambda v: hasattr(v, "toordinal")).all() and series.notna().any():
        return DATETIME
    return CATEGORICAL


def _as_float(series: pd.Series, kind: str) -> np.ndarray:
    """Numbers as float; dates and timestamps as float seconds since the epoch."""
    if kind == DATETIME:
        values = pd.to_datetime(series)
        seconds = values.astype("datetime64[s]").astype("int64").astype(float)
        return np.where(values.isna(), np.nan, seconds)
    return pd.to_numeric(series, errors="coerce").astype(float).to_numpy()


@dataclass
class ColumnModel:
    name: str
    kind: str
    null_rate: float
    values: np.ndarray | None = None          # sorted non-null values (numeric, dates)
    is_integer: bool = False
    is_date: bool = False                     # a date, not a timestamp
    decimals: int | None = None               # round to this many decimals
    categories: np.ndarray | None = None      # categorical, most frequent first
    bounds: np.ndarray | None = None          # cumulative probabilities, len + 1

    @classmethod
    def fit(cls, series: pd.Series, kind: str | None = None) -> ColumnModel:
        kind = kind or column_kind(series)
        nulls = series.isna().to_numpy()
        model = cls(series.name, kind, float(nulls.mean()) if len(series) else 0.0)
        present = series[~nulls]
        if kind == CATEGORICAL:
            counts = present.value_counts(sort=True)
            model.categories = counts.index.to_numpy(dtype=object)
            p = counts.to_numpy(dtype=float)
            model.bounds = np.concatenate([[0.0], np.cumsum(p / max(p.sum(), 1))])
            model.bounds[-1] = 1.0
            return model
        values = _as_float(present, kind)
        model.values = np.sort(values)
        if kind == DATETIME:
            model.is_date = bool(len(values)) and bool(np.all(values % 86400 == 0))
        else:
            model.is_integer = pd.api.types.is_integer_dtype(series.dtype) or \
                bool(len(values)) and bool(np.all(np.mod(values, 1) == 0))
            if not model.is_integer and len(values):
                scaled = np.round(values * 100)
                if np.allclose(scaled / 100, values, atol=1e-9):
                    model.decimals = 2
        return model

    def reorder(self, order: np.ndarray) -> None:
        """Lay the categories' slices of [0, 1) out in another order."""
        p = np.diff(self.bounds)[order]
        self.categories = self.categories[order]
        self.bounds = np.concatenate([[0.0], np.cumsum(p)])
        self.bounds[-1] = 1.0

    def to_normal(self, series: pd.Series, rng: np.random.Generator,
                  within: np.ndarray | None = None) -> np.ndarray:
        """Normal scores of a column's values (nulls get independent noise). For a
        category, ``within`` (a number per row) places each row inside its
        category's slice by rank, instead of at random."""
        n = len(series)
        z = rng.standard_normal(n)
        present = series.notna().to_numpy()
        if not present.any():
            return z
        if self.kind == CATEGORICAL:
            index = {v: i for i, v in enumerate(self.categories)}
            codes = series[present].map(index).to_numpy(dtype=int)
            lo, hi = self.bounds[codes], self.bounds[codes + 1]
            if within is None:
                position = rng.random(len(codes))
            else:
                # rank inside the category, ties at random
                key = within[present]
                order = np.lexsort((rng.random(len(codes)), key, codes))
                counts = np.bincount(codes, minlength=len(self.categories))
                starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
                rank = np.empty(len(codes))
                rank[order] = np.arange(len(codes)) - starts[codes[order]]
                position = (rank + rng.random(len(codes))) / counts[codes]
            u = lo + position * (hi - lo)
        else:
            values = _as_float(series[present], self.kind)
            # ranks with ties broken at random
            order = np.lexsort((rng.random(len(values)), values))
            ranks = np.empty(len(values))
            ranks[order] = np.arange(len(values))
            u = (ranks + 0.5) / len(values)
        z[present] = ndtri(u)
        return z

    def from_uniform(self, u: np.ndarray, rng: np.random.Generator) -> pd.Series:
        n = len(u)
        if self.kind == CATEGORICAL:
            if self.categories is None or len(self.categories) == 0:
                out = pd.Series([None] * n, dtype=object)
            else:
                codes = np.clip(np.searchsorted(self.bounds, u, side="right") - 1,
                                0, len(self.categories) - 1)
                out = pd.Series(self.categories[codes], dtype=object)
        elif self.values is None or len(self.values) == 0:
            out = pd.Series(np.full(n, np.nan))
        else:
            position = u * (len(self.values) - 1)
            low = np.floor(position).astype(int)
            high = np.minimum(low + 1, len(self.values) - 1)
            weight = position - low
            x = self.values[low] * (1 - weight) + self.values[high] * weight
            if self.kind == DATETIME:
                step = 86400 if self.is_date else 1
                x = np.round(x / step) * step
                out = pd.Series(pd.to_datetime(x, unit="s"))
                if self.is_date:
                    out = out.dt.normalize()
            elif self.is_integer:
                out = pd.Series(np.round(x)).astype("Int64")
            else:
                out = pd.Series(np.round(x, self.decimals) if self.decimals is not None else x)
        nulls = rng.random(n) < self.null_rate
        if nulls.any():
            out = out.astype(object) if self.kind == CATEGORICAL else out
            out[nulls] = None
        return out.rename(self.name)


def _order_by_association(model: ColumnModel, series: pd.Series,
                          numeric: dict[str, np.ndarray]) -> np.ndarray | None:
    """Order a category's slices by their mean on the numeric column it says
    most about (the largest correlation ratio), so that a linear copula can
    carry the link: seasons in launch-date order, brands in price order; that
    column's scores are returned to place rows inside their slice. With no such
    column, the slices stay in frequency order (None)."""
    if model.categories is None or len(model.categories) < 3 or not numeric:
        return None
    present = series.notna().to_numpy()
    index = {v: i for i, v in enumerate(model.categories)}
    codes = series[present].map(index).to_numpy(dtype=int)
    counts = np.bincount(codes, minlength=len(model.categories)).astype(float)
    best, best_means = 0.05, None
    for z in numeric.values():
        values = z[present]
        total = values.var()
        if total == 0:
            continue
        means = np.bincount(codes, weights=values, minlength=len(counts)) / np.maximum(counts, 1)
        ratio = float((counts * (means - values.mean()) ** 2).sum() / counts.sum() / total)
        if ratio > best:
            best, best_means, best_z = ratio, means, z
    if best_means is None:
        return None
    model.reorder(np.argsort(best_means, kind="stable"))
    return best_z


def _pairwise_correlation(z: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Correlation of normal scores over the rows where both columns have a
    value (nulls are drawn apart, at their rate, and must not dilute it)."""
    d = z.shape[1]
    corr = np.eye(d)
    for i in range(d):
        for j in range(i + 1, d):
            both = present[:, i] & present[:, j]
            if both.sum() < 3:
                continue
            a, b = z[both, i], z[both, j]
            if a.std() == 0 or b.std() == 0:
                continue
            corr[i, j] = corr[j, i] = float(np.corrcoef(a, b)[0, 1])
    return np.nan_to_num(corr, nan=0.0)


@dataclass
class _Copula:
    columns: list[ColumnModel]
    cholesky: np.ndarray

    @classmethod
    def fit(cls, frame: pd.DataFrame, kinds: dict, rng: np.random.Generator) -> _Copula:
        columns = [ColumnModel.fit(frame[c], kinds.get(c)) for c in frame.columns]
        if len(frame) < 3:
            return cls(columns, np.eye(len(columns)))
        numeric = {m.name: m.to_normal(frame[m.name], rng) for m in columns
                   if m.kind != CATEGORICAL}
        within = {}
        for model in columns:
            if model.kind == CATEGORICAL:
                within[model.name] = _order_by_association(model, frame[model.name], numeric)
        z = np.column_stack([numeric[m.name] if m.name in numeric
                             else m.to_normal(frame[m.name], rng, within.get(m.name))
                             for m in columns])
        present = frame.notna().to_numpy()
        corr = _pairwise_correlation(z, present)
        np.fill_diagonal(corr, 1.0)
        # nearest positive-definite matrix: clip the eigenvalues
        w, v = np.linalg.eigh(corr)
        corr = (v * np.maximum(w, 1e-6)) @ v.T
        scale = np.sqrt(np.diag(corr))
        corr = corr / np.outer(scale, scale)
        return cls(columns, np.linalg.cholesky(corr))

    def sample(self, n: int, rng: np.random.Generator) -> pd.DataFrame:
        d = len(self.columns)
        z = rng.standard_normal((n, d)) @ self.cholesky.T
        data = {}
        for j, model in enumerate(self.columns):
            # uniforms by rank: each marginal reproduced at any sample size
            order = np.argsort(z[:, j], kind="stable")
            u = np.empty(n)
            u[order] = (np.arange(n) + rng.random(n)) / max(n, 1)
            data[model.name] = model.from_uniform(u, rng).to_numpy()
        return pd.DataFrame(data)


@dataclass
class GaussianCopula:
    """Fit on a DataFrame, sample any number of rows like it."""

    condition_on: str | None = None
    min_group_rows: int = 200
    seed: int = 0
    kinds: dict = field(default_factory=dict)

    def fit(self, frame: pd.DataFrame) -> GaussianCopula:
        if frame.empty:
            raise ValueError("cannot fit a copula on an empty table")
        if self.condition_on is not None and self.condition_on not in frame.columns:
            raise ValueError(f"condition_on column {self.condition_on!r} is not in the table")
        rng = np.random.default_rng(self.seed)
        self.columns_ = list(frame.columns)
        self.dtypes_ = frame.dtypes.to_dict()
        self.kinds_ = {c: self.kinds.get(c) or column_kind(frame[c]) for c in frame.columns}
        others = [c for c in frame.columns if c != self.condition_on]
        self.pooled_ = _Copula.fit(frame[others], self.kinds_, rng)
        self.groups_ = {}
        if self.condition_on is not None:
            self.condition_ = ColumnModel.fit(frame[self.condition_on], CATEGORICAL)
            key = frame[self.condition_on].astype(object).where(frame[self.condition_on].notna(),
                                                                None)
            for value, rows in frame[others].groupby(key, dropna=False, sort=False):
                if len(rows) >= self.min_group_rows:
                    self.groups_[value] = _Copula.fit(rows, self.kinds_, rng)
        return self

    def sample(self, n: int, seed: int | None = None) -> pd.DataFrame:
        if n < 0:
            raise ValueError("n must be at least 0")
        rng = np.random.default_rng(self.seed + 1 if seed is None else seed)
        if self.condition_on is None:
            out = self.pooled_.sample(n, rng)
        else:
            model = self.condition_
            codes = np.clip(np.searchsorted(model.bounds, rng.random(n), side="right") - 1,
                            0, max(len(model.categories) - 1, 0))
            null = rng.random(n) < model.null_rate
            codes = np.where(null, -1, codes)
            condition = np.where(null, None, model.categories[np.maximum(codes, 0)]) \
                if len(model.categories) else np.full(n, None, dtype=object)
            parts = []
            for code in np.unique(codes):
                rows = np.flatnonzero(codes == code)
                value = None if code < 0 else model.categories[code]
                part = self.groups_.get(value, self.pooled_).sample(len(rows), rng)
                part.index = rows
                parts.append(part)
            out = pd.concat(parts).sort_index() if parts else self.pooled_.sample(0, rng)
            out.insert(0, self.condition_on, condition)
        out = out[self.columns_].reset_index(drop=True)
        # a column with no values (a source that lacks it) keeps its type: all
        # null, not a column of floats
        for column in self.columns_:
            if out[column].isna().all() and out[column].dtype != self.dtypes_[column]:
                out[column] = out[column].astype(self.dtypes_[column])
        return out
