"""load_raw_files is all or nothing, and refuses sets that are not known complete.

A warehouse holds an older data set in `raw`; a newer set, broken one way or
another, is offered to load_raw_files. Each load must fail with one message
naming the file, and leave every raw table's rows exactly as they were (compared
row by row). Broken files that pass the checks made before the load (a corrupt
page behind an intact footer, a CSV that lost rows) fail inside the transaction
after several tables were already replaced: the rollback is what keeps them.
Paths are escaped: a folder named with a quote and DuckDB's glob characters
loads its own files and nobody else's. A generator run killed with SIGKILL
leaves a folder the loader refuses.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from dbt.cli.main import dbtRunner

from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.generate import SET_TABLES, generate

from conftest import FASHION_RETAIL, PROJECT

VARS = "{raw_from_files: true}"
SCALE = 0.01


@pytest.fixture(scope="module")
def sets(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("sets")
    made = {"old": (11, "parquet"), "new": (12, "parquet"), "new_csv": (12, "csv")}
    for name, (seed, fmt) in made.items():
        generate(GeneratorConfig(scale=SCALE, seed=seed, out=root / name, fmt=fmt))
    return {name: root / name for name in made}


class Dbt:
    """dbt in this process against one warehouse file; the lines it logs kept."""

    def __init__(self, tmp_path: Path, warehouse: Path):
        self.tmp_path = tmp_path
        self.warehouse = warehouse
        self.messages: list[str] = []

    def __call__(self, *args: str):
        self.messages.clear()
        runner = dbtRunner(callbacks=[lambda event: self.messages.append(event.info.msg)])
        return runner.invoke([*args, "--vars", VARS,
                              "--target-path", str(self.tmp_path / "target"),
                              "--log-path", str(self.tmp_path / "logs")])

    def load(self, path: Path | str, fmt: str = "parquet"):
        quoted = str(path).replace("'", "''")
        return self("run-operation", "load_raw_files", "--args",
                    f"{{path: '{quoted}', format: {fmt}}}")

    def raw(self) -> dict[str, list[tuple]]:
        """Every raw table's rows, sorted (the connection shares the database
        dbt-duckdb may still hold open in this process)."""
        with duckdb.connect(str(self.warehouse)) as con:
            return {t: con.sql(f"select * from raw.{t} order by all").fetchall()
                    for t in SET_TABLES}


@pytest.fixture(scope="module")
def dbt_home(tmp_path_factory) -> Path:
    """One warehouse and target folder for the module: dbt parses once."""
    return tmp_path_factory.mktemp("dbt")


@pytest.fixture()
def dbt(dbt_home, monkeypatch, sets) -> Dbt:
    """dbt on a warehouse whose raw layer is, again, the old set."""
    warehouse = dbt_home / "warehouse.duckdb"
    monkeypatch.chdir(PROJECT)
    monkeypatch.setenv("DBT_PROFILES_DIR", str(PROJECT))
    monkeypatch.setenv("FASHION_RETAIL_DUCKDB", str(warehouse))
    dbt = Dbt(dbt_home, warehouse)
    assert dbt.load(sets["old"]).success, "\n".join(dbt.messages)
    return dbt


def copy_of(sets, name: str, tmp_path: Path) -> Path:
    folder = tmp_path / f"offered-{name}"
    shutil.copytree(sets[name], folder)
    return folder


def rewrite(path: Path, keep) -> None:
    table = pq.read_table(path)
    pq.write_table(keep(table), path)


def flip_bytes_inside(path: Path) -> None:
    """Damage the data pages, not the footer: the row count (metadata) still
    reads, the rows do not."""
    data = bytearray(path.read_bytes())
    for i in range(len(data) // 3, len(data) // 3 + 2000):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def drop_manifest_row(folder: Path, table: str) -> None:
    rewrite(folder / "generation_manifest.parquet",
            lambda t: t.filter(pc.not_equal(t.column("table_name"), table)))


def set_manifest_count(folder: Path, table: str, value: str) -> None:
    manifest = pq.read_table(folder / "generation_manifest.parquet").to_pylist()
    for row in manifest:
        if row["table_name"] == table:
            row["row_count"] = value
    pq.write_table(pa.Table.from_pylist(manifest), folder / "generation_manifest.parquet")


def drop_last_lines(path: Path, n: int) -> None:
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:-n]))


# (set, how it is broken, what the one message must say; {f} is the folder)
BROKEN = {
    "missing file": (
        "new", lambda f: (f / "orders.parquet").unlink(),
        "{f}/orders.parquet is missing, but generation_manifest.parquet lists it"),
    "truncated parquet": (
        "new", lambda f: (f / "orders.parquet").write_bytes(
            (f / "orders.parquet").read_bytes()[:30_000]),
        "{f}/orders.parquet"),
    "corrupt page behind an intact footer": (
        "new", lambda f: flip_bytes_inside(f / "order_lines.parquet"),
        "{f}/order_lines.parquet"),
    "parquet with fewer rows than its manifest": (
        "new", lambda f: rewrite(f / "inventory_snapshots.parquet",
                                 lambda t: t.slice(0, len(t) - 5)),
        "{f}/inventory_snapshots.parquet holds"),
    "csv with fewer rows than its manifest": (
        "new_csv", lambda f: drop_last_lines(f / "inventory_snapshots.csv", 5),
        "{f}/inventory_snapshots.csv holds"),
    "a .partial file": (
        "new", lambda f: (f / "customers.parquet.partial").write_bytes(b"PAR1"),
        "{f}/customers.parquet.partial is being written, or was left by an "
        "interrupted generator run"),
    "an empty .partial file of the other format": (
        "new", lambda f: (f / "orders.csv.partial").touch(),
        "{f}/orders.csv.partial"),
    "no manifest": (
        "new", lambda f: (f / "generation_manifest.parquet").unlink(),
        "{f}/generation_manifest.parquet is missing"),
    "a manifest without a table": (
        "new", lambda f: drop_manifest_row(f, "orders"),
        "{f}/generation_manifest.parquet does not list orders"),
    "a manifest count that is not a number": (
        "new", lambda f: set_manifest_count(f, "customers", "12x"),
        "{f}/generation_manifest.parquet gives customers a row_count of '12x'"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_set_leaves_the_raw_layer_unchanged(case, sets, dbt, tmp_path):
    name, breaks, message = BROKEN[case]
    before = dbt.raw()
    folder = copy_of(sets, name, tmp_path)
    breaks(folder)
    result = dbt.load(folder, "csv" if name.endswith("csv") else "parquet")
    assert not result.success
    said = "\n".join(dbt.messages)
    assert message.format(f=folder) in said, said
    assert dbt.raw() == before


def test_the_transaction_is_what_keeps_them(sets, dbt, tmp_path):
    """The corrupt page fails after six tables were replaced in the transaction
    (stores to orders come before order_lines): without the rollback they
    would now hold the new set."""
    before = dbt.raw()
    folder = copy_of(sets, "new", tmp_path)
    flip_bytes_inside(folder / "order_lines.parquet")
    assert not dbt.load(folder).success
    new = {t: pq.read_table(sets["new"] / f"{t}.parquet").num_rows for t in SET_TABLES}
    assert any(len(before[t]) != new[t] for t in ("products", "customers", "orders"))
    assert dbt.raw() == before


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_a_complete_set_replaces_every_table(sets, dbt, fmt):
    folder = sets["new" if fmt == "parquet" else "new_csv"]
    result = dbt.load(folder, fmt)
    assert result.success, "\n".join(dbt.messages)
    raw = dbt.raw()
    with duckdb.connect() as con:
        reader = "read_parquet('{}')" if fmt == "parquet" else \
            "read_csv('{}', header = true, all_varchar = true)"
        for table in SET_TABLES:
            rows = con.sql("select * from " + reader.format(folder / f"{table}.{fmt}")
                           + " order by all").fetchall()
            assert raw[table] == rows, table


def test_a_folder_named_with_a_quote_and_glob_characters(sets, dbt, tmp_path):
    """DuckDB reads `*`, `?` and `[` in a file name as a glob: unescaped, this
    folder's name would also match its sibling, whose set is the old one."""
    folder = tmp_path / "it's data[1]*?"
    shutil.copytree(sets["new"], folder)
    shutil.copytree(sets["old"], tmp_path / "it's data1xy")
    result = dbt.load(folder)
    assert result.success, "\n".join(dbt.messages)
    assert f"loaded raw.orders: {pq.read_table(folder / 'orders.parquet').num_rows} rows " \
           f"from {folder}/orders.parquet" in dbt.messages
    with duckdb.connect() as con:
        orders = con.execute("select * from read_parquet(?) order by all",
                             [str(sets["new"] / "orders.parquet")]).fetchall()
    assert dbt.raw()["orders"] == orders


def test_an_empty_path_is_refused(dbt):
    before = dbt.raw()
    result = dbt("run-operation", "load_raw_files", "--args", "{path: ''}")
    assert not result.success
    assert "load_raw_files: path is empty" in "\n".join(dbt.messages)
    assert dbt.raw() == before


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def test_a_generator_killed_mid_run_leaves_a_folder_the_loader_refuses(sets, dbt, tmp_path):
    """The folder held a complete set; a new run into it is killed with
    SIGKILL once the main process has opened its first file: its '.partial'
    files stay, the old manifest is gone, and the load is refused, naming the
    file. The next run cleans up and loads."""
    folder = copy_of(sets, "old", tmp_path)
    before = dbt.raw()
    env = dict(os.environ)
    run = subprocess.Popen([FASHION_RETAIL, "generate", "--scale", "1",
                            "--seed", "12", "--out", str(folder), "--quiet", "--no-progress"],
                           env=env, cwd=PROJECT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    # the defect ledger is the main process's first file
    while not (folder / "defect_ledger.parquet.partial").exists():
        assert run.poll() is None and time.monotonic() < deadline, "no partial file seen"
        time.sleep(0.005)
    workers = children(run.pid)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    # its sales worker, orphaned, stops at its next message (and removes its
    # own partial files): waited for, not killed
    while any(Path(f"/proc/{pid}").exists() for pid in workers):
        assert time.monotonic() < deadline, "the orphaned sales worker did not stop"
        time.sleep(0.05)
    assert (folder / "defect_ledger.parquet.partial").exists()
    assert not (folder / "generation_manifest.parquet").exists()
    result = dbt.load(folder)
    assert not result.success
    said = "\n".join(dbt.messages)
    assert ".parquet.partial is being written, or was left by an interrupted generator run" \
        in said, said
    assert dbt.raw() == before
    # the next run removes what the killed one left, and its set loads
    again = subprocess.run([FASHION_RETAIL, "generate", "--scale", str(SCALE),
                            "--seed", "12", "--out", str(folder), "--quiet"],
                           env=env, cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert not list(folder.glob("*.partial"))
    assert dbt.load(folder).success, "\n".join(dbt.messages)
