"""Hostile raw rows: the build still succeeds and every row is accounted for.

Appends to every raw table of a generated dataset: an all-null row, 10,000-
character strings, unicode and emoji, control characters, SQL-looking text,
numbers where text belongs and text where numbers belong, a row with a good key
and garbage everywhere else, and a conflicting copy of a real key. Then loads
it, runs `dbt build` (every test included) and checks that each hostile row was
repaired into the clean output, merged as a duplicate, or quarantined with a
reason.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from dbt.cli.main import dbtRunner

from fashion_retail_gen import schema
from fashion_retail_gen.config import GeneratorConfig
from fashion_retail_gen.generate import generate

from conftest import PROJECT

VARS = "{raw_from_files: true}"
LONG = "x" * 10_000
SQLISH = "'); DROP TABLE raw.customers; --"
UNICODE = "Zoë Ünal 🙂🙃 中文 \u202e"
CONTROL = "a\x00b\x07\x1b[31m\r\n\tc"


def hostile_rows(table: schema.Table, existing: pa.Table) -> list[dict]:
    cols = table.column_names
    real_key = existing.column(table.key)[0].as_py()
    real_version = existing.column("updated_at")[0].as_py()
    good_key = str(10**9 + 7)
    rows = [
        dict.fromkeys(cols),                                    # all null
        dict.fromkeys(cols, LONG),                              # 10,000 characters
        dict.fromkeys(cols, UNICODE),                           # unicode and emoji
        dict.fromkeys(cols, CONTROL),                           # control characters
        dict.fromkeys(cols, SQLISH),                            # SQL-looking text
        dict.fromkeys(cols, "12345"),                           # numbers for text
        dict.fromkeys(cols, "twelve"),                          # text for numbers
        # a good key and version, garbage everywhere else
        {**dict.fromkeys(cols, "🙂"), table.key: good_key,
         "updated_at": "2025-06-01 12:00:00"},
        # a real key and version again, with different values
        {**dict.fromkeys(cols, "N/A"), table.key: real_key, "updated_at": real_version},
    ]
    return rows


@pytest.fixture()
def hostile_data(tmp_path):
    data = tmp_path / "data"
    generate(GeneratorConfig(scale=0.02, seed=5, out=data))
    counts = {}
    for table in schema.TABLES.values():
        path = data / f"{table.name}.parquet"
        existing = pq.read_table(path)
        extra = pa.Table.from_pylist(hostile_rows(table, existing), schema=existing.schema)
        combined = pa.concat_tables([existing, extra])
        pq.write_table(combined, path)
        counts[table.name] = (len(combined), len(extra))
    # the manifest describes what was delivered
    manifest = pq.read_table(data / "generation_manifest.parquet").to_pylist()
    for row in manifest:
        if row["table_name"] in counts:
            row["row_count"] = str(counts[row["table_name"]][0])
    pq.write_table(pa.Table.from_pylist(manifest), data / "generation_manifest.parquet")
    return data, counts


def test_hostile_rows_are_repaired_or_quarantined(tmp_path, monkeypatch, hostile_data):
    data, counts = hostile_data
    monkeypatch.chdir(PROJECT)
    monkeypatch.setenv("DBT_PROFILES_DIR", str(PROJECT / "profiles"))
    monkeypatch.setenv("FASHION_RETAIL_DUCKDB", str(tmp_path / "warehouse.duckdb"))
    common = ["--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs"),
              "--quiet"]
    runner = dbtRunner()
    load = runner.invoke(["run-operation", "load_raw_files", "--args", f"{{path: '{data}'}}",
                          "--vars", VARS, *common])
    assert load.success, load.exception
    build = runner.invoke(["build", "--vars", VARS, *common])
    assert build.success, build.exception
    failed = [r.node.name for r in build.result if r.status in ("error", "fail")]
    assert failed == []
    # every raw row, hostile ones included, is clean, merged or quarantined
    accounting = runner.invoke(["show", "--inline",
                                "select * from {{ ref('int_cleansing__row_accounting') }}",
                                "--limit", "-1", *common])
    rows = {r[0]: r for r in accounting.result.results[0].agate_table.rows}
    for table, (raw_rows, extra) in counts.items():
        name, raw, clean, duplicates, quarantined, unaccounted = rows[table]
        assert raw == raw_rows and unaccounted == 0, rows[table]
        # the seven rows without a readable key or version are quarantined with a
        # reason; the good-key row is clean, the conflicting copy merged
        assert quarantined == extra - 2, rows[table]
    reasons = runner.invoke(["show", "--inline",
                             "select quarantine_reason, count(*) from "
                             "{{ ref('int_customers_quarantined') }} group by 1",
                             "--limit", "-1", *common])
    by_reason = {r[0]: r[1] for r in reasons.result.results[0].agate_table.rows}
    # '12345' is a readable id, but not a readable version time
    assert by_reason == {"unreadable_customer_id": 6, "unreadable_updated_at": 1}
    # the good-key row survives with its garbage nulled, not copied through
    survivor = runner.invoke(["show", "--inline",
                              "select first_name, email, date_of_birth, loyalty_tier from "
                              "{{ ref('int_customers_cleansed') }} where customer_id = 1000000007",
                              "--limit", "-1", *common])
    first_name, email, birth, tier = survivor.result.results[0].agate_table.rows[0]
    assert email is None and birth is None and tier is None
    assert first_name == "🙂"
