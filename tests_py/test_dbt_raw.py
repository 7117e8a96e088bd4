"""End to end through dbt: generated parquet reaches the same `raw` source.

This is the path of `make build SCALE=n`: generate parquet, load it with the
load_raw_files macro, and the whole project builds on it with every test passing
(row counts against the manifest, keys, freshness, duplicate share, staging),
with the raw seeds disabled. What the loader refuses, and its atomicity, are
tested in test_load_atomic.py.
"""

from __future__ import annotations

import duckdb
import pytest
from dbt.cli.main import dbtRunner

from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.generate import generate

from conftest import PROJECT

VARS = "{raw_from_files: true}"


@pytest.fixture()
def dbt(tmp_path, monkeypatch):
    monkeypatch.chdir(PROJECT)
    monkeypatch.setenv("DBT_PROFILES_DIR", str(PROJECT))
    monkeypatch.setenv("FASHION_RETAIL_DUCKDB", str(tmp_path / "warehouse.duckdb"))

    def invoke(*args: str):
        return dbtRunner().invoke([*args, "--target-path", str(tmp_path / "target"),
                                   "--log-path", str(tmp_path / "logs"), "--quiet"])
    return invoke


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_generated_files_load_into_raw_and_pass_source_tests(tmp_path, dbt, fmt):
    data = tmp_path / "data"
    result = generate(GeneratorConfig(scale=0.02, seed=11, out=data, fmt=fmt))
    load = dbt("run-operation", "load_raw_files", "--args",
               f"{{path: '{data}', format: {fmt}}}", "--vars", VARS)
    assert load.success, load.exception
    # the whole project builds on it, as `make build SCALE=n` does
    tests = dbt("build", "--vars", VARS)
    assert tests.success, tests.exception
    statuses = {r.status for r in tests.result}
    assert statuses <= {"pass", "success", "no-op"}, statuses  # exposures are no-ops
    assert sum(r.node.resource_type == "test" for r in tests.result) > 60
    # dbt-duckdb keeps its connection open in this process: query through dbt
    counts = dbt("show", "--limit", "-1", "--inline", " union all ".join(
        f"select '{t}' as t, count(*) as n from raw.{t}" for t in result.rows))
    assert counts.success, counts.exception
    assert {r[0]: int(r[1]) for r in counts.result.results[0].agate_table.rows} == result.rows
    types = dbt("show", "--inline", "select distinct data_type from information_schema.columns"
                " where table_schema = 'raw'")
    assert [tuple(r) for r in types.result.results[0].agate_table.rows] == [("VARCHAR",)]


def test_source_tests_catch_rows_lost_after_the_load(tmp_path, dbt):
    data = tmp_path / "data"
    generate(GeneratorConfig(scale=0.01, seed=11, out=data))
    assert dbt("run-operation", "load_raw_files", "--args", f"{{path: '{data}'}}",
               "--vars", VARS).success
    # load_raw_files refuses a file that disagrees with its manifest (see
    # test_load_atomic.py); a raw table that loses rows afterwards is the
    # source tests' to catch
    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as con:
        con.execute("delete from raw.orders where rowid in "
                    "(select rowid from raw.orders limit 5)")
    # the source's own tests (the privacy layer's leak test reads every raw
    # table too, but needs the privacy layer built)
    tests = dbt("test", "--select", "source:raw.orders,test_type:generic", "--vars", VARS)
    failed = [r.node.name for r in tests.result if r.status == "fail"]
    assert failed == ["source_row_count_matches_manifest_raw_orders_"]


def test_bad_format_is_a_clear_error(tmp_path, dbt):
    result = dbt("run-operation", "load_raw_files", "--args", "{path: x, format: xlsx}")
    assert not result.success


def test_a_source_without_a_defect_ledger_parses_without_the_scorecard(dbt):
    # a real source has no defect ledger: the scorecard, the cleansing audit and
    # the exposure that reads them switch off together (a full build with the
    # var passes too: dbt build --vars '{defect_ledger_available: false}')
    no_ledger = "{defect_ledger_available: false}"
    assert dbt("parse", "--vars", no_ledger).success
    listed = dbt("ls", "--resource-types", "model", "exposure", "--output", "name",
                 "--vars", no_ledger)
    assert listed.success, listed.exception
    names = set(listed.result)
    assert "dim_customers" in names
    assert not names & {"rpt_cleansing_scorecard", "int_cleansing__defect_outcomes",
                        "data_quality_review", "stg_raw__defect_ledger"}
