"""Shared fixtures: small generated datasets, read back through DuckDB."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pytest
from dbt.cli.main import dbtRunner

from fashion_retail.gen import schema
from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.generate import generate

PROJECT = Path(__file__).resolve().parents[1]
#: the project's command, installed beside this interpreter (make venv)
FASHION_RETAIL = str(Path(sys.executable).with_name("fashion-retail"))
TEST_SCALE = 0.03
ALL_TABLES = [*schema.TABLES, schema.LEDGER.name, schema.ANOMALY_LEDGER.name,
              schema.MANIFEST.name]


def connect(folder: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per generated parquet file."""
    con = duckdb.connect()
    for table in ALL_TABLES:
        con.sql(f"create view {table} as select * from read_parquet('{folder}/{table}.parquet')")
    return con


@pytest.fixture(scope="session")
def dirty_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dirty")
    generate(GeneratorConfig(scale=TEST_SCALE, seed=7, out=out, fmt="parquet"))
    return out


@pytest.fixture(scope="session")
def truth_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("truth")
    generate(GeneratorConfig(scale=TEST_SCALE, seed=7, out=out, fmt="parquet", defect_rate=0))
    return out


@pytest.fixture(scope="session")
def dialect_exports(tmp_path_factory) -> dict[str, tuple[Path, dict]]:
    """dialect -> (folder, truth file): the dirty set as each other system
    exports it (seed 7, TEST_SCALE)."""
    import json

    from fashion_retail.gen import dialects

    out = {}
    for name, dialect in dialects.DIALECTS.items():
        if dialect is None:
            continue
        folder = tmp_path_factory.mktemp(name)
        dialects.generate_dialect(
            GeneratorConfig(scale=TEST_SCALE, seed=7, out=folder, fmt="parquet"), name)
        out[name] = folder, json.loads((folder / dialects.TRUTH_FILE).read_text("utf-8"))
    return out


@pytest.fixture(scope="session")
def dirty(dirty_dir) -> duckdb.DuckDBPyConnection:
    return connect(dirty_dir)


@pytest.fixture(scope="session")
def truth(truth_dir) -> duckdb.DuckDBPyConnection:
    return connect(truth_dir)


def scalar(con: duckdb.DuckDBPyConnection, sql: str):
    return con.sql(sql).fetchone()[0]


def compiled(select_list: str, folder: Path) -> str:
    """The SQL `select <select_list> from corpus` compiles to on the DuckDB
    target: macro calls in the select list become their SQL."""
    os.environ.setdefault("FASHION_RETAIL_DUCKDB", str(folder / "corpus.duckdb"))
    result = dbtRunner().invoke([
        "compile", "--inline", f"select {select_list} from corpus",
        "--project-dir", str(PROJECT), "--profiles-dir", str(PROJECT),
        "--target-path", str(folder / "target"), "--log-path", str(folder / "logs"),
        "--quiet"])
    assert result.success, result.exception
    return result.result.results[0].node.compiled_code


def macro_readings(calls: dict[str, str], values: Sequence, folder: Path,
                   value_type: str = "varchar", seeds: Sequence[str] = ()) -> dict[str, list]:
    """What each macro call gives on each value, on DuckDB: `calls` maps a name
    to a call on the column `input_text` ("{{ parse_amount('input_text') }}");
    the answer maps the name to one reading per value, in order. A macro that
    reads a reference seed (canonicalize) names it in `seeds`: it is loaded
    from its CSV where the compiled SQL looks for it."""
    select_list = ", ".join(["row_id", *(f"{call} as {name}" for name, call in calls.items())])
    sql = compiled(select_list, folder)
    with duckdb.connect() as con:
        if seeds:
            catalog = Path(os.environ["FASHION_RETAIL_DUCKDB"]).stem
            con.execute(f"attach ':memory:' as {catalog}")
            for seed in seeds:
                con.execute(f"create table {catalog}.main.{seed} as select * from read_csv("
                            f"'{PROJECT}/seeds/reference/{seed}.csv', all_varchar = true)")
        con.execute(f"create table corpus (row_id integer, input_text {value_type})")
        con.executemany("insert into corpus values (?, ?)", list(enumerate(values)))
        rows = con.execute(f"select * from ({sql}) order by row_id").fetchall()
    return {name: [row[1 + i] for row in rows] for i, name in enumerate(calls)}
