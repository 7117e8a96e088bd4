"""Shared fixtures: small generated datasets, read back through DuckDB."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

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
def dirty(dirty_dir) -> duckdb.DuckDBPyConnection:
    return connect(dirty_dir)


@pytest.fixture(scope="session")
def truth(truth_dir) -> duckdb.DuckDBPyConnection:
    return connect(truth_dir)


def scalar(con: duckdb.DuckDBPyConnection, sql: str):
    return con.sql(sql).fetchone()[0]
