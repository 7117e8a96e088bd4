"""Profile a loaded table in DuckDB: one pass over every row for the figures
that must be exact, a seeded sample for the rest.

Over every row, per column: nulls and null-like tokens ('', 'N/A', 'null'...),
distinct values (exact, not HyperLogLog: a key's count must be right), min,
max, lengths, and for text the narrowest type every value fits (BIGINT,
DOUBLE, DATE, TIMESTAMP, BOOLEAN, else VARCHAR). Columns are profiled in
batches, so a 10,000-column file is many modest queries, not one huge one.

From a reservoir sample (20,000 rows, fewer for wide tables; seeded), per
column: the distinct values with their counts, most frequent first, ties in a
seeded random order, at most ``VALUES_KEPT``. The semantic detectors read
them; the page's top values, shapes, histogram, timeline and lengths are
computed from them.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from fashion_retail.discover.semantic import NULL_LIKE, _to_float, _year
from fashion_retail.discover.sources import Table, _literal, _quote

SAMPLE_ROWS = 20_000
# sampled cells at most (wide tables get fewer rows)
SAMPLE_CELLS = 2_000_000
VALUES_KEPT = 1_000
BATCH_COLUMNS = 40
SEED = 42
NULL_TOKENS = ", ".join(_literal(t) for t in NULL_LIKE)


def _text(column: str) -> str:
    return f"trim({_quote(column)}::varchar)"


def _null_like(column: str) -> str:
    return f"lower({_text(column)}) in ({NULL_TOKENS})"


def _is_text(table: Table, column: str) -> bool:
    return table.source_types.get(column) in (None, "VARCHAR", "JSON")


def clean(con, table: Table) -> dict[str, int | None]:
    """Rewrite the work table with text trimmed and null-like tokens as null;
    return each column's count of null-like tokens. A CSV's reader has read
    the tokens as null already (their count is not known: None)."""
    if table.cleaned:
        return {c: None for c in table.columns}
    raw: dict[str, int] = {}
    for start in range(0, len(table.columns), BATCH_COLUMNS * 5):
        batch = table.columns[start:start + BATCH_COLUMNS * 5]
        counts = con.execute("select " + ", ".join(f"count({_quote(c)})" for c in batch)
                             + f" from {_quote(table.work)}").fetchone()
        raw.update(zip(batch, counts))
    selects = [f"nullif(case when {_null_like(c)} then null else {_text(c)} end, '') "
               f"as {_quote(c)}" if _is_text(table, c) else _quote(c) for c in table.columns]
    cleaned = f"{table.work}_clean"
    con.execute(f"create table {_quote(cleaned)} as select {', '.join(selects)} "
                f"from {_quote(table.work)}")
    con.execute(f"drop table {_quote(table.work)}")
    con.execute(f"alter table {_quote(cleaned)} rename to {_quote(table.work)}")
    null_like = {}
    for start in range(0, len(table.columns), BATCH_COLUMNS * 5):
        batch = table.columns[start:start + BATCH_COLUMNS * 5]
        counts = con.execute("select " + ", ".join(f"count({_quote(c)})" for c in batch)
                             + f" from {_quote(table.work)}").fetchone()
        null_like.update({c: raw[c] - n for c, n in zip(batch, counts)})
    return null_like


def figures(con, table: Table, values: dict[str, list[tuple[str, int]]],
            null_like: dict[str, int | None]) -> dict[str, dict]:
    """Column -> figures over every row. Run on the cleaned table: ``non_null``
    counts values, not null-like tokens."""
    fits = {c: fit for c in table.columns
            if _is_text(table, c) and (fit := sample_type(values[c]))}
    out: dict[str, dict] = {}
    for start in range(0, len(table.columns), BATCH_COLUMNS):
        batch = table.columns[start:start + BATCH_COLUMNS]
        parts, names = [], []
        for column in batch:
            quoted = _quote(column)
            text = f"{quoted}::varchar" if not _is_text(table, column) else quoted
            pieces = {
                "non_null": f"count({quoted})",
                "distinct": f"count(distinct {quoted})",
                "min_length": f"min(length({text}))",
                "max_length": f"max(length({text}))",
                "mean_length": f"avg(length({text}))",
                "min": f"min({quoted})::varchar",
                "max": f"max({quoted})::varchar",
            }
            fit = fits.get(column)
            if fit:
                pieces["misfit"] = f"count({quoted}) filter (where try_cast({quoted} as " \
                                   f"{fit}) is null)"
                if fit in ("BIGINT", "DOUBLE"):
                    pieces["numeric_min"] = f"min(try_cast({quoted} as double))"
                    pieces["numeric_max"] = f"max(try_cast({quoted} as double))"
            for key, sql in pieces.items():
                parts.append(f"{sql} as {_quote(f'{len(names)}:{key}')}")
            names.append(column)
        result = con.execute(f"select {', '.join(parts)} from {_quote(table.work)}")
        labels = [d[0] for d in result.description]
        for label, value in zip(labels, result.fetchone()):
            index, key = label.split(":", 1)
            out.setdefault(names[int(index)], {})[key] = value
    for column, facts in out.items():
        facts["null_like"] = null_like.get(column)
        source = table.source_types.get(column)
        if not _is_text(table, column):
            facts["physical_type"] = source
        elif fits.get(column) and facts.get("misfit") == 0 and facts["non_null"]:
            facts["physical_type"] = fits[column]
        else:
            facts["physical_type"] = "VARCHAR"
        if facts["physical_type"] in ("BIGINT", "DOUBLE") and "numeric_min" in facts:
            facts["min"], facts["max"] = _number(facts["numeric_min"]), \
                _number(facts["numeric_max"])
    return out


FITS = (("BOOLEAN", re.compile(r"^(true|false)$", re.I)),
        ("BIGINT", re.compile(r"^\s*[+-]?\d{1,18}\s*$")),
        ("DOUBLE", re.compile(r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$")),
        ("DATE", re.compile(r"^\d{4}-\d{2}-\d{2}$")),
        ("TIMESTAMP", re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")))


def sample_type(values: list[tuple[str, int]]) -> str | None:
    """The narrowest type every sampled value fits, None for text (checked on
    every row afterwards)."""
    if not values:
        return None
    for label, pattern in FITS:
        if all(pattern.match(v) for v, _ in values):
            return label
    return None


def _number(value) -> str | None:
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else str(value)


def sample(con, table: Table, rows: int) -> str:
    """A seeded reservoir sample of the table, as a temporary table's name."""
    size = max(200, min(SAMPLE_ROWS, SAMPLE_CELLS // max(1, len(table.columns))))
    name = f"{table.work}_sample"
    if rows <= size:
        con.execute(f"create temp table {_quote(name)} as select * from {_quote(table.work)}")
    else:
        con.execute(f"create temp table {_quote(name)} as select * from "
                    f"{_quote(table.work)} using sample reservoir({size} rows) "
                    f"repeatable ({SEED})")
    return name


def sample_values(con, table: Table, sample_table: str) -> dict[str, list[tuple[str, int]]]:
    """Per column, the sample's distinct values (not null, not null-like) with
    their counts: most frequent first, ties in a seeded random order."""
    out: dict[str, list[tuple[str, int]]] = {c: [] for c in table.columns}
    for start in range(0, len(table.columns), BATCH_COLUMNS):
        batch = table.columns[start:start + BATCH_COLUMNS]
        selects = " union all ".join(
            f"select {i + start} as c, {_quote(column)}::varchar as v "
            f"from {_quote(sample_table)} where {_quote(column)} is not null"
            for i, column in enumerate(batch))
        result = con.execute(
            f"with cells as ({selects}), counted as (select c, v, count(*) as n "
            f"from cells group by c, v) select c, v, n from counted qualify row_number() "
            f"over (partition by c order by n desc, hash(v, {SEED})) <= {VALUES_KEPT} "
            f"order by c, n desc, hash(v, {SEED})").fetchall()
        for index, value, count in result:
            out[table.columns[index]].append((value, count))
    return out


# ------------------------------------------------------------------ page data
def shape(value: str) -> str:
    """Digits as 9, letters as a or A, runs of more than three shown once with '+'."""
    text = re.sub(r"[0-9]", "9", value)
    text = re.sub(r"[^\W\d_]", lambda m: "A" if m.group().isupper() else "a", text)
    return re.sub(r"([9aA])\1{3,}", r"\1\1\1+", text)[:40]


def shapes(values: list[tuple[str, int]], top: int = 5) -> list[list]:
    counts = Counter()
    for value, count in values:
        counts[shape(value)] += count
    total = sum(counts.values()) or 1
    return [[s, round(n / total, 4)] for s, n in counts.most_common(top)]


def histogram(values: list[tuple[str, int]], bins: int = 12) -> list[list] | None:
    numbers = [(x, n) for x, n in ((_to_float(re.sub(r"[^\d.,+-]", "", v)), n)
                                    for v, n in values) if x is not None and math.isfinite(x)]
    if len(numbers) < 2:
        return None
    low, high = min(x for x, _ in numbers), max(x for x, _ in numbers)
    if low == high:
        return [[low, high, sum(n for _, n in numbers)]]
    width = (high - low) / bins
    counts = [0] * bins
    for x, n in numbers:
        counts[min(bins - 1, int((x - low) / width))] += n
    return [[round(low + i * width, 4), round(low + (i + 1) * width, 4), c]
            for i, c in enumerate(counts)]


def timeline(values: list[tuple[str, int]], order: str | None) -> list[list] | None:
    counts = Counter()
    for value, count in values:
        match = re.match(r"^(\d{4})[-/.](\d{1,2})|^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", value)
        if not match:
            year = _year(value)
            if year:
                counts[f"{year}"] += count
            continue
        if match.group(1):
            year, month = match.group(1), int(match.group(2))
        else:
            year = match.group(5)
            month = int(match.group(4) if order != "mdy" else match.group(3)) if order else 0
        if not 1800 <= int(year) <= 2200:
            continue
        counts[f"{year}-{month:02d}" if 1 <= month <= 12 else year] += count
    if not counts:
        return None
    return [[label, n] for label, n in sorted(counts.items())]


def lengths(values: list[tuple[str, int]]) -> list[list] | None:
    counts = Counter()
    for value, count in values:
        counts[len(value)] += count
    return [[length, n] for length, n in sorted(counts.items())] or None
