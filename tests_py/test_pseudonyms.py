"""Pseudonyms are stable: new people never change existing pseudonyms.

Builds the privacy layer's customers without every fifth customer, then with
all of them (newcomers interleave with known ids, so numbering by id would
renumber people), then with --full-refresh: every customer of the first build
keeps the same pseudonym, and every pseudonym is the keyed hash of its id as
Python's hmac computes it with the build's key (so it depends on nothing but
the key and the id: not on the order of arrival, not on the build history).
"""

from __future__ import annotations

import shutil

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from dbt.cli.main import dbtRunner

from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.generate import generate
from fashion_retail.privacy import attacks

from conftest import PROJECT

VARS = "{raw_from_files: true}"


def test_existing_pseudonyms_never_change(tmp_path, monkeypatch):
    full, early = tmp_path / "full", tmp_path / "early"
    generate(GeneratorConfig(scale=0.01, seed=31, out=full, defect_rate=0))
    shutil.copytree(full, early)
    customers = pq.read_table(full / "customers.parquet")
    ids = pc.cast(customers.column("customer_id"), "int64")
    # newcomers interleave with known ids, so numbering by id would renumber people
    later = pc.equal(pc.subtract(ids, pc.multiply(pc.divide(ids, 5), 5)), 0)
    kept = customers.filter(pc.invert(later))
    pq.write_table(kept, early / "customers.parquet")
    # the manifest describes what was delivered (load_raw_files checks it)
    manifest = pq.read_table(early / "generation_manifest.parquet").to_pylist()
    for row in manifest:
        if row["table_name"] == "customers":
            row["row_count"] = str(len(kept))
    pq.write_table(pa.Table.from_pylist(manifest), early / "generation_manifest.parquet")

    monkeypatch.chdir(PROJECT)
    monkeypatch.setenv("DBT_PROFILES_DIR", str(PROJECT))
    monkeypatch.setenv("FASHION_RETAIL_DUCKDB", str(tmp_path / "warehouse.duckdb"))
    common = ["--vars", VARS, "--target-path", str(tmp_path / "target"),
              "--log-path", str(tmp_path / "logs"), "--quiet"]
    dbt = dbtRunner()

    def run(*args):
        result = dbt.invoke([*args, *common])
        assert result.success, result.exception
        return result

    def released():
        shown = run("show", "--limit", "-1", "--inline",
                    "select customer_pseudonym from {{ ref('privacy_dim_customers') }}")
        return {r[0] for r in shown.result.results[0].agate_table.rows}

    build = ["build", "--select", "+privacy_dim_customers", "--exclude", "test_type:data"]
    run("run-operation", "load_raw_files", "--args", f"{{path: '{early}'}}")
    run(*build)
    before = released()
    run("run-operation", "load_raw_files", "--args", f"{{path: '{full}'}}")
    run(*build)
    after = released()
    run(*build, "--full-refresh")
    refreshed = released()

    key = attacks._build_key()
    people = set(ids.to_pylist())          # customers.parquet has a row per version
    expected = {attacks.pseudonym_of(key, "User", i) for i in people}
    early_ids = [i for i in people if i % 5]
    assert len(before) == len(early_ids) == 800
    assert before == {attacks.pseudonym_of(key, "User", i) for i in early_ids}
    assert before < after == expected == refreshed
    assert len(after) == 1000                                    # unique pseudonyms
