"""Spark: load_raw_files checks the set before it swaps anything in.

Spark has no transactions: the loader checks the folder first (no '.partial'
file, a manifest, every table, the row counts), registers the new tables under
loading names, and swaps them in only when all of them are right. Each broken
set below is refused with one message naming the file, and the raw layer stays
as it was (row count and a hash of every row, per table). A folder named with a
quote and a space loads. Run by `make test-spark` in the Spark virtualenv, on
the seed-scale parquet that `make build-spark` generates.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

import pytest
from dbt.cli.main import dbtRunner

from fashion_retail.gen import schema

PROJECT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("FASHION_RETAIL_SPARK_DATA", PROJECT / "data" / "spark-0.05"))
TABLES = [table.name for table in schema.RAW_TABLES]


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    if not (DATA / "generation_manifest.parquet").exists():
        pytest.skip(f"no generated set in {DATA}: run `make test-spark`")
    home = tmp_path_factory.mktemp("spark-load")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(PROJECT)
        mp.setenv("DBT_PROFILES_DIR", str(PROJECT))
        mp.setenv("FASHION_RETAIL_SPARK_DIR", str(home / "spark"))
        # Spark takes the PII key from the environment only (set_pii_key)
        mp.setenv("PII_SALT", secrets.token_urlsafe(32))
        yield Spark(home)


class Spark:
    """dbt on one local Spark session (kept by this process between runs)."""

    def __init__(self, home: Path):
        self.home = home
        self.messages: list[str] = []

    def __call__(self, *args: str):
        self.messages.clear()
        runner = dbtRunner(callbacks=[lambda event: self.messages.append(event.info.msg)])
        return runner.invoke([*args, "--target", "spark", "--vars", "{raw_from_files: true}",
                              "--target-path", str(self.home / "target"),
                              "--log-path", str(self.home / "logs")])

    def load(self, folder: Path):
        quoted = str(folder).replace("'", "''")
        return self("run-operation", "load_raw_files", "--args", f"{{path: '{quoted}'}}")

    def raw(self) -> dict[str, tuple]:
        sql = " union all ".join(
            f"select '{t}' as t, count(*) as n, sum(cast(hash(*) as bigint)) as h "
            f"from raw.{t}" for t in TABLES)
        shown = self("show", "--inline", sql, "--limit", "-1")
        assert shown.success, "\n".join(self.messages)
        return {r[0]: (int(r[1]), r[2]) for r in shown.result.results[0].agate_table.rows}


@pytest.fixture(scope="module")
def loaded(spark, tmp_path_factory):
    """The raw layer loaded from a folder named with a quote and a space."""
    folder = tmp_path_factory.mktemp("sets") / "it's the set"
    shutil.copytree(DATA, folder)
    result = spark.load(folder)
    assert result.success, "\n".join(spark.messages)
    assert any(m.startswith("loaded raw.orders: ") and m.endswith(f"{folder}/orders.parquet")
               for m in spark.messages), spark.messages
    return spark.raw()


def broken_copy(tmp_path: Path, breaks) -> Path:
    folder = tmp_path / "offered"
    shutil.copytree(DATA, folder)
    breaks(folder)
    return folder


BROKEN = {
    "missing file": (lambda f: (f / "orders.parquet").unlink(),
                     "{f}/orders.parquet is missing, but generation_manifest.parquet lists it"),
    "a .partial file": (lambda f: (f / "customers.parquet.partial").write_bytes(b"PAR1"),
                        "{f}/customers.parquet.partial is being written"),
    "no manifest": (lambda f: (f / "generation_manifest.parquet").unlink(),
                    "{f}/generation_manifest.parquet is missing"),
    "a file with other rows than its manifest": (
        lambda f: shutil.copy(f / "sellers.parquet", f / "stores.parquet"),
        "{f}/stores.parquet holds"),
    "truncated parquet": (
        lambda f: (f / "order_lines.parquet").write_bytes(
            (f / "order_lines.parquet").read_bytes()[:20_000]),
        "{f}/order_lines.parquet"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_set_leaves_the_raw_layer_unchanged(case, spark, loaded, tmp_path):
    breaks, message = BROKEN[case]
    folder = broken_copy(tmp_path, breaks)
    assert not spark.load(folder).success
    said = "\n".join(spark.messages)
    assert message.format(f=folder) in said, said
    assert spark.raw() == loaded


def test_a_path_spark_would_read_as_a_glob_is_refused(spark, loaded, tmp_path):
    folder = tmp_path / "data*"
    shutil.copytree(DATA, folder)
    assert not spark.load(folder).success
    assert f"load_raw_files: Spark cannot read {folder}/: a path holding '*'" \
        in "\n".join(spark.messages)
    assert spark.raw() == loaded
