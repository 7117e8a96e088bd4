"""An incremental run of fct_sales after new data equals a full refresh.

The source is first loaded as it stood at a cut-off time: only orders placed
before it, and returns booked after it not yet booked (the line as it was when
ordered). After a full build, the complete data is loaded and `dbt build` runs
fct_sales incrementally: new orders arrive, and old lines change (returns). The
result must be identical, row for row and column for column, to a full refresh.
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
CUTOFF = "2025-09-15 00:00:00"


def as_of(full, early, cutoff: str) -> None:
    """Copy `full` to `early` as the source looked at `cutoff`."""
    shutil.copytree(full, early)
    orders = pq.read_table(full / "orders.parquet")
    kept = orders.filter(pc.less(orders.column("updated_at"), cutoff))
    pq.write_table(kept, early / "orders.parquet")
    placed = dict(zip(kept.column("order_id").to_pylist(),
                      kept.column("updated_at").to_pylist(), strict=True))
    lines = pq.read_table(full / "order_lines.parquet").to_pylist()
    early_lines = []
    for line in lines:
        if line["order_id"] not in placed:
            continue
        if line["updated_at"] >= cutoff:    # returned after the cut-off: not yet
            line = dict(line, is_returned="false", returned_date=None,
                        updated_at=placed[line["order_id"]])
        early_lines.append(line)
    pq.write_table(pa.Table.from_pylist(early_lines, schema=pq.read_schema(
        full / "order_lines.parquet")), early / "order_lines.parquet")
    manifest = pq.read_table(early / "generation_manifest.parquet").to_pylist()
    for row in manifest:
        if row["table_name"] == "orders":
            row["row_count"] = str(len(kept))
        if row["table_name"] == "order_lines":
            row["row_count"] = str(len(early_lines))
    pq.write_table(pa.Table.from_pylist(manifest), early / "generation_manifest.parquet")


def test_incremental_run_equals_full_refresh(tmp_path, monkeypatch):
    full, early = tmp_path / "full", tmp_path / "early"
    generate(GeneratorConfig(scale=0.01, seed=21, out=full, defect_rate=0))
    as_of(full, early, CUTOFF)
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

    def sales():
        shown = run("show", "--inline", "select * from {{ ref('fct_sales') }} "
                    "order by order_line_id", "--limit", "-1")
        table = shown.result.results[0].agate_table
        return table.column_names, [tuple(row) for row in table.rows]

    run("run-operation", "load_raw_files", "--args", f"{{path: '{early}'}}")
    run("build", "--select", "+fct_sales", "--exclude", "test_type:data")
    before = sales()
    run("run-operation", "load_raw_files", "--args", f"{{path: '{full}'}}")
    run("build", "--select", "+fct_sales", "--exclude", "test_type:data")
    incremental = sales()
    run("build", "--select", "fct_sales", "--full-refresh", "--exclude", "test_type:data")
    refreshed = sales()

    assert incremental == refreshed
    # the incremental run did have work to do: new lines and changed old ones
    assert len(incremental[1]) > len(before[1])
    returned = incremental[0].index("is_returned")
    old_ids = {row[0] for row in before[1]}
    changed = [row for row in incremental[1] if row[0] in old_ids and row[returned]]
    assert len([row for row in before[1] if row[returned]]) < len(changed)
