"""The source's data: read again as discovery read it, checked unchanged since,
sampled for the aligner, and loaded into the warehouse as text.

Reading goes through ``discover.sources`` (encodings, delimiters, JSON nesting),
so the warehouse holds the tables discovery described. The load is one
transaction: a source schema is replaced whole, or left as it was.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from fashion_retail.discover import run as discover_run
from fashion_retail.discover import sources
from fashion_retail.onboard.lexicon import fold

SAMPLE_ROWS = 20_000
SAMPLE_VALUES = 200


class OnboardError(Exception):
    """Bad input to onboard: one line for the user."""


def files(discovery: dict) -> list[Path]:
    """The files the discovery read, each once."""
    seen: dict[str, None] = {}
    for table in discovery["tables"]:
        seen.setdefault(table["source"].split("#")[0], None)
    return [Path(p) for p in seen]


def check_unchanged(discovery: dict, where: str) -> None:
    """Refuse a source that changed since it was discovered: its findings
    (types, keys, formats) may no longer hold."""
    recorded = {f["path"]: f for f in discovery.get("files", [])}
    if not recorded:
        raise OnboardError(f"{where}: records no file fingerprints; run "
                           "`fashion-retail discover` again with this version")
    for path, was in recorded.items():
        file = Path(path)
        if not file.exists():
            raise OnboardError(f"{path}: the file discovery read is gone; discover the "
                               "source again")
        now = sources.fingerprint(file)
        if now["bytes"] != was["bytes"] or now["sha256"] != was["sha256"]:
            raise OnboardError(f"{path}: changed since discovery ({was['bytes']:,} bytes "
                               f"then, {now['bytes']:,} now); discover the source again")


@contextmanager
def work(discovery: dict) -> Iterator[tuple[duckdb.DuckDBPyConnection, dict]]:
    """The source's tables in a work database, by their discovery names."""
    scratch = Path(tempfile.mkdtemp(prefix="fashion_retail_onboard_"))
    try:
        con = discover_run.connect(scratch)
        try:
            loaded = sources.load(con, files(discovery), scratch)
            by_name = {t.name: t for t in loaded}
            missing = [t["name"] for t in discovery["tables"] if t["name"] not in by_name]
            if missing:
                raise OnboardError(f"the source no longer holds table {missing[0]!r} of "
                                   "its discovery; discover it again")
            yield con, by_name
        finally:
            con.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def samples(con, tables: dict) -> dict[tuple[str, str], list[tuple[str, int]]]:
    """Each column's most common values (trimmed) and their counts in a seeded
    sample of rows."""
    out = {}
    for name, table in tables.items():
        quoted = sources._quote(table.work)
        con.execute(f"create or replace temp table onboard_sample as select * from {quoted} "
                    f"using sample reservoir({SAMPLE_ROWS} rows) repeatable (7)")
        for column in table.columns:
            rows = con.execute(
                f"select {text(table, column)} as v, count(*) as n "
                "from onboard_sample where v is not null group by v order by n desc, v "
                f"limit {SAMPLE_VALUES}").fetchall()
            out[(name, column)] = [(v.strip(), n) for v, n in rows]
    return out


def text(table, column: str) -> str:
    """A column as text: a JSON value (a field holding numbers and strings) as
    its string, not its JSON writing ('$68.00', not '"$68.00"')."""
    quoted = sources._quote(column)
    if (table.source_types.get(column) or "").upper() == "JSON":
        return f"json_extract_string({quoted}, '$')"
    return f"cast({quoted} as varchar)"


RESERVED = frozenset({
    "all", "and", "any", "as", "by", "case", "cast", "check", "column", "create", "date",
    "default", "distinct", "do", "else", "end", "false", "for", "from", "group", "having",
    "in", "into", "is", "join", "key", "left", "limit", "not", "null", "offset", "on", "or",
    "order", "position", "right", "select", "table", "then", "time", "timestamp", "to",
    "true", "union", "user", "using", "value", "when", "where", "window", "with", "year"})


def column_names(columns: list[str]) -> dict[str, str]:
    """Each source column's name in the warehouse: lower snake case, a SQL
    word given a trailing underscore, a repeat a number."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        name = relation_name(column)
        name = f"{name}_" if name in RESERVED or name == "_loaded_at" else name
        base, n = name, 2
        while name in taken:
            name, n = f"{base}_{n}", n + 1
        taken.add(name)
        out[column] = name
    return out


def relation_name(table: str) -> str:
    """A source table's or column's name as a relation's or column's: lower
    snake case ('orders.lines' -> orders_lines, 'customerId' -> customer_id)."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", table)
    name = re.sub(r"[^0-9a-z]+", "_", fold(spaced)).strip("_")
    return name if name and not name[0].isdigit() else f"t_{name}"


def load(discovery: dict, warehouse: Path, schema: str, tables: list[str]) -> dict[str, int]:
    """Load ``tables`` of the source into ``schema`` of the warehouse, every
    column as text under its snake_case name (``column_names``), in one
    transaction; the row count of each."""
    counts = {}
    with work(discovery) as (con, loaded):
        con.execute(f"attach {sources._literal(str(warehouse))} as warehouse")
        con.execute("begin transaction")
        try:
            con.execute(f"drop schema if exists warehouse.{schema} cascade")
            con.execute(f"create schema warehouse.{schema}")
            for name in tables:
                table = loaded[name]
                names = column_names(table.columns)
                select = ", ".join(f"{text(table, c)} as {names[c]}" for c in table.columns)
                # the load's time: the source's freshness
                select += ", current_timestamp::timestamp as _loaded_at"
                con.execute(f"create table warehouse.{schema}.{relation_name(name)} as "
                            f"select {select} from {sources._quote(table.work)}")
                counts[name] = con.execute(
                    f"select count(*) from warehouse.{schema}.{relation_name(name)}"
                ).fetchone()[0]
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        con.execute("detach warehouse")
    return counts
