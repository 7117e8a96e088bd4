"""Switching data sets both ways gives what a fresh build of the data gives.

What `make build SCALE=0.1`, then `make build`, then `make build SCALE=0.1`
does, on small generated sets: one warehouse is built on data set A, then on
B, then on A again (`dbt build` of the layers up to the privacy database, with
their tests). Every build must pass, and after each switch every table and
view of the warehouse and of the privacy database must hold exactly what a
fresh build of the same data holds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from dbt.adapters.duckdb.connections import DuckDBConnectionManager
from dbt.cli.main import dbtRunner

from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.generate import generate

from conftest import PROJECT

VARS = "{raw_from_files: true}"
# the layers the privacy database is made from, and their tests (not the
# synthetic twins, whose quality targets need more rows, nor monitoring)
SELECT = ["--select", "path:seeds/reference", "path:models/staging", "path:models/intermediate",
          "path:models/marts", "path:models/privacy", "path:tests/privacy",
          "--indirect-selection", "cautious"]
NO_TESTS = ["--exclude", "resource_type:test", "resource_type:unit_test"]
# relations whose content is not a function of the data set by design: the
# log of builds itself
STATEFUL = {"dataset_builds"}


class Warehouse:
    """A warehouse file (and its privacy database beside it) built with dbt."""

    def __init__(self, folder: Path, monkeypatch):
        folder.mkdir()
        self.path = folder / "warehouse.duckdb"
        self.privacy = folder / "warehouse_privacy.duckdb"
        # a target folder each: the profile names the warehouse, and dbt
        # parses the project again whenever the profile changed
        self.common = ["--target-path", str(folder / "target"),
                       "--log-path", str(folder / "logs"), "--quiet"]
        self.monkeypatch = monkeypatch
        self.dbt = dbtRunner()

    def run(self, *args):
        self.monkeypatch.setenv("FASHION_RETAIL_DUCKDB", str(self.path))
        result = self.dbt.invoke([*args, "--vars", VARS, *self.common])
        failed = [f"{r.node.name}: {r.status} {r.message}" for r in
                  getattr(result.result, "results", []) or []
                  if str(r.status) in ("error", "fail")]
        assert result.success, (result.exception, failed)
        return result

    def build(self, data: Path, *extra: str):
        self.run("run-operation", "load_raw_files", "--args", f"{{path: '{data}'}}")
        return self.run("build", *SELECT, *extra)


def is_incremental(result) -> bool:
    """Whether fct_sales ran incrementally in this build (its compiled SQL
    compares the new lines with the stored ones), not as a full refresh."""
    compiled = next(r.node.compiled_code for r in result.result.results
                    if r.node.name == "fct_sales")
    return "is distinct from" in compiled


def relations(con: duckdb.DuckDBPyConnection, database: str) -> dict[str, list[tuple]]:
    """Every table and view of `database` (schema.name), with its columns and
    their types; a view's columns are empty (a view names the database it
    was built in, so it is compared by name only: the tables it reads are
    compared)."""
    found: dict[str, list[tuple]] = {}
    for schema, name, column, kind, relation in con.sql(f"""
            select columns.table_schema, columns.table_name, column_name, data_type,
                tables.table_type
            from information_schema.columns
            inner join information_schema.tables using (table_catalog, table_schema, table_name)
            where table_catalog = '{database}'
            order by columns.table_schema, columns.table_name, ordinal_position""").fetchall():
        if name not in STATEFUL:
            columns = found.setdefault(f"{schema}.{name}", [])
            if relation == "BASE TABLE":
                columns.append((column, kind))
    return found


def comparable(column: str, kind: str) -> str:
    """A column as compared: a finite double to 9 significant digits (a
    parallel sum may differ in its last bits)."""
    if kind in ("DOUBLE", "FLOAT"):
        digits = f'8 - cast(floor(log10(abs("{column}"))) as int)'
        return (f'case when isfinite("{column}") and "{column}" != 0'
                f' then round("{column}", {digits}) else "{column}" end')
    return f'"{column}"'


def release() -> None:
    """Close the database dbt-duckdb keeps open after a command (its
    profile's keep_open), so that this process can attach the files."""
    DuckDBConnectionManager.env().close()
    DuckDBConnectionManager.close_all_connections()


def differences(switched: Warehouse, fresh: Warehouse) -> list[str]:
    """What differs between two builds' warehouses and privacy databases:
    relations on one side only, other columns, rows (as multisets)."""
    release()
    con = duckdb.connect()
    for side, built in [("switched", switched), ("fresh", fresh)]:
        con.sql(f"attach '{built.path}' as {side}_warehouse (read_only)")
        con.sql(f"attach '{built.privacy}' as {side}_privacy (read_only)")
    found = compare(con)
    con.close()
    return found


def compare(con: duckdb.DuckDBPyConnection) -> list[str]:
    """differences() between the databases attached as switched_warehouse,
    switched_privacy, fresh_warehouse and fresh_privacy."""
    found = []
    for database in ["warehouse", "privacy"]:
        ours = relations(con, f"switched_{database}")
        theirs = relations(con, f"fresh_{database}")
        found += [f"{database} {name}: in one build only"
                  for name in sorted(ours.keys() ^ theirs.keys())]
        for name in sorted(ours.keys() & theirs.keys()):
            if ours[name] != theirs[name]:
                found.append(f"{database} {name}: other columns")
            if ours[name] != theirs[name] or not ours[name]:
                continue
            columns = ", ".join(comparable(column, kind) for column, kind in ours[name])
            # equal multisets: as many rows, and none of one side missing on
            # the other
            sizes = [con.sql(f"select count(*) from {side}_{database}.{name}").fetchone()[0]
                     for side in ["switched", "fresh"]]
            missing = con.sql(f"""
                select count(*) from (
                    select {columns} from switched_{database}.{name}
                    except all
                    select {columns} from fresh_{database}.{name})""").fetchone()[0]
            if sizes[0] != sizes[1] or missing:
                found.append(f"{database} {name}: {sizes[0]} rows after the switch,"
                             f" {sizes[1]} in a fresh build, {missing} not in it")
    return found


@pytest.fixture
def datasets(tmp_path_factory) -> tuple[Path, Path]:
    """Two small data sets, as the README's two scales: same seed, other scale."""
    folder = tmp_path_factory.mktemp("datasets")
    generate(GeneratorConfig(scale=0.01, seed=42, out=folder / "a"))
    generate(GeneratorConfig(scale=0.015, seed=42, out=folder / "b"))
    return folder / "a", folder / "b"


def test_switching_data_sets_both_ways_equals_fresh_builds(tmp_path, monkeypatch, datasets):
    a, b = datasets
    monkeypatch.chdir(PROJECT)
    monkeypatch.setenv("DBT_PROFILES_DIR", str(PROJECT))
    switched = Warehouse(tmp_path / "switched", monkeypatch)
    fresh_a = Warehouse(tmp_path / "fresh_a", monkeypatch)
    fresh_b = Warehouse(tmp_path / "fresh_b", monkeypatch)

    # a first build is a fresh build (make dbt-test runs its tests): its tests
    # are left out here, to keep the time down; every build after a switch
    # runs them
    switched.build(a, *NO_TESTS)
    release()
    shutil.copytree(tmp_path / "switched", tmp_path / "fresh_a", dirs_exist_ok=True)
    assert not is_incremental(switched.build(b))     # rebuilt in full for B
    fresh_b.build(b, *NO_TESTS)
    assert differences(switched, fresh_b) == []
    assert not is_incremental(switched.build(a))     # and in full for A again
    assert differences(switched, fresh_a) == []
    # the same data again: incremental
    assert is_incremental(switched.run("run", "--select", "fct_sales"))
    # the data set of each build, recorded
    release()
    log = duckdb.connect(str(switched.path), read_only=True)
    identities = [row[0] for row in log.sql(
        "select dataset_identity from dataset_builds"
        " where relation_name = 'main.fct_sales' order by recorded_at").fetchall()]
    log.close()
    assert identities == [
        f"source=generator; seed=42 scale={scale} defect_rate=1 start_date=2023-01-01"
        " end_date=2025-12-31 generator_version=0.1.0"
        for scale in ["0.01", "0.015", "0.01", "0.01"]]
    # a source without the generator's manifest (a real one): its name alone
    # (var('source_name'))
    log = duckdb.connect(str(switched.path))
    log.sql("drop table raw.generation_manifest")
    log.close()
    shown = switched.run("show", "--inline", "select '{{ dataset_identity() }}' as identity")
    assert shown.result.results[0].agate_table.rows[0][0] == "source=generator"

