"""Pseudonyms are stable: new people never change existing pseudonyms.

Builds the pseudonym mapping without every fifth customer, then with all of
them (newcomers interleave with known ids, so numbering by id would renumber
people), then with --full-refresh: every customer seen in the first build keeps
the same pseudonym, newcomers are numbered after them, and a full refresh
changes nothing (the model is never fully refreshed).
"""

from __future__ import annotations

import shutil

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from dbt.cli.main import dbtRunner

from fashion_retail_gen.config import GeneratorConfig
from fashion_retail_gen.generate import generate

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
    monkeypatch.setenv("DBT_PROFILES_DIR", str(PROJECT / "profiles"))
    monkeypatch.setenv("FASHION_RETAIL_DUCKDB", str(tmp_path / "warehouse.duckdb"))
    common = ["--vars", VARS, "--target-path", str(tmp_path / "target"),
              "--log-path", str(tmp_path / "logs"), "--quiet"]
    dbt = dbtRunner()

    def run(*args):
        result = dbt.invoke([*args, *common])
        assert result.success, result.exception
        return result

    def mapping():
        shown = run("show", "--limit", "-1", "--inline",
                    "select subject, subject_id, pseudonym_number, pseudonym "
                    "from {{ ref('int_privacy__pseudonyms') }}")
        return {(r[0], int(r[1])): (int(r[2]), r[3])
                for r in shown.result.results[0].agate_table.rows}

    build = ["build", "--select", "+int_privacy__pseudonyms", "--exclude", "test_type:data"]
    run("run-operation", "load_raw_files", "--args", f"{{path: '{early}'}}")
    run(*build)
    before = mapping()
    run("run-operation", "load_raw_files", "--args", f"{{path: '{full}'}}")
    run(*build)
    after = mapping()
    run(*build, "--full-refresh")
    refreshed = mapping()

    users_before = {k: v for k, v in before.items() if k[0] == "User"}
    assert len(users_before) == 800
    assert all(after[k] == v for k, v in before.items())
    newcomers = {k: v for k, v in after.items() if k not in before and k[0] == "User"}
    assert len(newcomers) == 200 and all(k[1] % 5 == 0 for k in newcomers)
    assert min(n for n, _ in newcomers.values()) == max(n for n, _ in users_before.values()) + 1
    assert refreshed == after
    assert len({p for _, p in after.values()}) == len(after)      # unique pseudonyms
