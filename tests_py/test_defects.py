"""The defect injector: documented rates, a complete ledger, and a round trip.

Applying the ledger's clean values to the raw tables (and dropping the rows it
marks as injected) must give back exactly the clean truth, which is the same
seed generated with --defect-rate 0.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict

import pyarrow.parquet as pq
import pytest

from fashion_retail.gen import schema
from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.generate import generate

from conftest import TEST_SCALE, scalar

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d %b %Y", "%B %d, %Y", "%b %d %Y",
                "%Y%m%d", "%Y-%m-%dT%H:%M:%S"]


def within(observed: int, n: int, p: float, sigmas: float = 4.5) -> bool:
    return abs(observed - n * p) <= sigmas * math.sqrt(n * p * (1 - p)) + 1


def test_cell_defects_hit_their_documented_rates(dirty, truth):
    counts = Counter(dirty.sql("""select table_name, column_name, defect_class, count(*)
        from defect_ledger where column_name is not null group by all""").fetchall()
        and {(t, c, k): n for t, c, k, n in dirty.sql("""
            select table_name, column_name, defect_class, count(*) from defect_ledger
            where column_name is not null group by all""").fetchall()})
    pooled_expected, pooled_observed = Counter(), Counter()
    checked = 0
    for table in schema.TABLES.values():
        for col in table.columns:
            n = scalar(truth, f"select count({col.name}) from {table.name}")
            for cls, rate in col.defects.items():
                observed = counts.get((table.name, col.name, cls), 0)
                assert within(observed, n, rate), (table.name, col.name, cls, observed, n * rate)
                pooled_expected[cls] += n * rate
                pooled_observed[cls] += observed
                checked += 1
    assert checked > 80
    for cls in pooled_expected:
        assert abs(pooled_observed[cls] / pooled_expected[cls] - 1) < 0.15, cls
    # no cell class appears where the schema does not ask for it
    allowed = {(t.name, c.name, k) for t in schema.TABLES.values() for c in t.columns
               for k in c.defects} | {("order_lines", "unit_price", schema.DECIMAL_SHIFT)}
    assert set(counts) <= allowed


def test_row_defects_hit_their_documented_rates(dirty, truth):
    for table in schema.TABLES.values():
        for cls, rate in table.row_defects.items():
            observed = scalar(dirty, f"""select count(*) from defect_ledger
                where table_name = '{table.name}' and defect_class = '{cls}'""")
            if cls == schema.NEAR_DUP:
                n = scalar(truth, f"select count(distinct {table.key}) from {table.name}")
            else:
                n = scalar(truth, f"select count(*) from {table.name}") + scalar(dirty, f"""
                    select count(*) from defect_ledger where table_name = '{table.name}'
                    and defect_class = '{schema.NEAR_DUP}'""")
            assert within(observed, n, rate), (table.name, cls, observed, n * rate)


def test_every_defect_class_is_injected(dirty):
    classes = {r[0] for r in dirty.sql("select distinct defect_class from defect_ledger")
               .fetchall()}
    assert classes == set(schema.CELL_CLASSES) | set(schema.ROW_CLASSES) | set(
        schema.INCIDENT_CLASSES)


def test_ledger_round_trip_gives_back_the_truth(dirty_dir, truth_dir):
    ledger = pq.read_table(dirty_dir / "defect_ledger.parquet").to_pylist()
    by_table = defaultdict(list)
    for entry in ledger:
        by_table[entry["table_name"]].append(entry)
    for table in schema.TABLES.values():
        raw = pq.read_table(dirty_dir / f"{table.name}.parquet").to_pylist()
        clean = pq.read_table(truth_dir / f"{table.name}.parquet").to_pylist()
        fixes, injected, extra_copies = {}, set(), Counter()
        for e in by_table[table.name]:
            key = (e["record_id"], e["record_updated_at"])
            if e["defect_class"] == schema.NEAR_DUP:
                injected.add(key)
            elif e["defect_class"] in (schema.EXACT_DUP, schema.DUPLICATE_LOAD):
                extra_copies[key] += 1
            else:
                fixes[(*key, e["column_name"])] = e["clean_value"]
        seen = Counter()
        repaired = []
        for row in raw:
            key = (row[table.key], row["updated_at"])
            if key in injected:
                continue
            seen[key] += 1
            if seen[key] > 1:
                assert seen[key] - 1 <= extra_copies[key], (table.name, key)
                continue
            repaired.append(tuple(fixes.get((*key, c), row[c]) for c in table.column_names))
        assert sorted(repaired, key=repr) == sorted(
            (tuple(r[c] for c in table.column_names) for r in clean), key=repr), table.name
        # and the raw table really was dirty
        assert len(raw) > len(clean) or fixes


def test_cell_defects_change_exactly_one_clean_cell(dirty):
    assert scalar(dirty, """select count(*) from defect_ledger where column_name is not null
        and (clean_value is null or clean_value is not distinct from dirty_value)""") == 0
    assert scalar(dirty, """select count(*) - count(distinct (table_name, record_id,
        record_updated_at, column_name)) from defect_ledger
        where column_name is not null""") == 0


def test_dirty_values_are_the_documented_spellings(dirty):
    rows = dirty.sql("""select defect_class, clean_value, dirty_value from defect_ledger
                        where column_name is not null""").fetchall()
    for cls, clean, bad in rows:
        if cls == schema.MISSING:
            assert bad in (None, "", "N/A", "null", "-")
        elif cls == schema.DATE_FORMAT:
            parsed = {dt.datetime.strptime(bad, f).date().isoformat()
                      for f in DATE_FORMATS if _parses(bad, f)}
            assert parsed == {clean}, (clean, bad)
        elif cls == schema.PHONE_FORMAT:
            digits = re.sub(r"\D", "", re.split(r"\s*(x|ext\.)\s*\d+$", bad)[0])
            assert "+" + digits == clean or "+1" + digits == clean or \
                "+" + digits[1:] == clean and digits.startswith("1"), (clean, bad)
        elif cls == schema.MONEY_TEXT:
            number = re.sub(r"[$,\sUSD]", "", bad)
            assert float(number) == float(clean), (clean, bad)
        elif cls == schema.EMAIL_NOISE:
            assert bad.strip().lower() == clean
        elif cls == schema.WHITESPACE:
            assert " ".join(bad.split()).lower() == clean.lower()


def _parses(text: str, fmt: str) -> bool:
    try:
        dt.datetime.strptime(text, fmt)
    except ValueError:
        return False
    return True


def test_broken_references_point_nowhere(dirty, truth):
    for table, col, parent, key in [("orders", "customer_id", "customers", "customer_id"),
                                    ("order_lines", "product_id", "products", "product_id")]:
        broken = dirty.sql(f"""select clean_value, dirty_value from defect_ledger
            where table_name = '{table}' and column_name = '{col}'
              and defect_class = '{schema.BROKEN_REF}'""").fetchall()
        assert broken
        parents = {r[0] for r in dirty.sql(f"select {key} from {parent}").fetchall()}
        assert all(bad not in parents and good in parents for good, bad in broken)


def test_near_duplicates_copy_a_real_customer(dirty, truth):
    rows = dirty.sql(f"""
        select d.first_name, d.last_name, d.date_of_birth, c.first_name, c.last_name,
               c.date_of_birth
        from defect_ledger l
        join customers d on d.customer_id = l.record_id and d.updated_at = l.record_updated_at
        join (select * from customers qualify row_number() over (
                  partition by customer_id order by updated_at) = 1) c
            on c.customer_id = l.clean_value
        where l.defect_class = '{schema.NEAR_DUP}'""").fetchall()
    assert len(rows) > 10
    same_person = sum((a or "").strip().lower() == (d or "").strip().lower()
                      and (b or "").strip().lower() == (e or "").strip().lower()
                      for a, b, _, d, e, _ in rows)
    assert same_person / len(rows) > 0.8


def test_zero_rate_is_the_truth(truth):
    assert scalar(truth, "select count(*) from defect_ledger") == 0
    assert scalar(truth, "select row_count from generation_manifest "
                         "where table_name = 'defect_ledger'") == "0"


@pytest.mark.parametrize("multiplier", [0.5, 2.0])
def test_defect_rate_multiplies(tmp_path, dirty, multiplier):
    generate(GeneratorConfig(scale=TEST_SCALE, seed=7, out=tmp_path, defect_rate=multiplier))
    base = scalar(dirty, "select count(*) from defect_ledger where column_name is not null")
    scaled = pq.read_table(tmp_path / "defect_ledger.parquet").to_pandas()
    ratio = scaled["column_name"].notna().sum() / base
    assert abs(ratio - multiplier) < 0.1 * multiplier


def test_manifest_counts_rows(dirty):
    for table, count in dirty.sql("select table_name, row_count from generation_manifest") \
            .fetchall():
        assert scalar(dirty, f"select count(*) from {table}") == int(count)
    assert scalar(dirty, "select count(*) from generation_manifest") == 10
