"""``fashion-retail discover``: the whole pipeline, ``discovery.json`` and the page.

    fashion-retail discover PATH... [--duckdb FILE --schema NAME] --out DIR

Reads every table of the sources into a DuckDB work database in a temporary
folder (memory capped at ``MEMORY_LIMIT``, the rest spills to disk), profiles
and types each column, finds keys, foreign keys, functional dependencies and
entities, classifies PII, and writes ``DIR/discovery.json`` (docs/discover.md
documents every field) and ``DIR/index.html``. Both are written whole or not
at all.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from fashion_retail.arguments import OneLineParser
from fashion_retail.discover import DiscoverError, keys, pii, profile, semantic, sources

HELP = "profile any source: column types, keys, hidden entities and PII (discovery.json)"
VERSION = 1
# DuckDB's memory cap (FASHION_RETAIL_DISCOVER_MEMORY overrides it): what does
# not fit spills to the work folder
MEMORY_LIMIT = "1GB"
# the page draws charts for this many columns of a table at most
CHART_COLUMNS = 500


@dataclass
class Result:
    discovery: dict
    profiles: dict = field(default_factory=dict)
    notes: dict = field(default_factory=dict)
    seconds: float = 0.0


def connect(scratch: Path):
    con = duckdb.connect()
    limit = os.environ.get("FASHION_RETAIL_DISCOVER_MEMORY", MEMORY_LIMIT)
    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", limit, re.I):
        raise DiscoverError(f"FASHION_RETAIL_DISCOVER_MEMORY={limit!r}: give a size like 512MB")
    con.execute(f"set memory_limit = '{limit}'")
    con.execute(f"set temp_directory = '{scratch / 'spill'}'")
    con.execute("set preserve_insertion_order = false")
    con.execute("set enable_progress_bar = false")
    threads = os.environ.get("FASHION_RETAIL_DISCOVER_THREADS")
    if threads:
        con.execute(f"set threads = {int(threads)}")
    return con


def discover(paths: list[Path], out: Path | None = None, duckdb_file: Path | None = None,
             schema: str | None = None) -> Result:
    """Discover the sources; write discovery.json and index.html into ``out``."""
    started = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="fashion_retail_discover_"))
    try:
        con = connect(scratch)
        try:
            tables = sources.load(con, [Path(p) for p in paths], scratch, duckdb_file, schema)
            result = _discover(con, tables)
            # what was read, so that onboard can tell a source changed since
            result.discovery["files"] = [sources.fingerprint(p) for p in sources.find(
                [Path(p) for p in paths])]
        finally:
            con.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    result.seconds = time.perf_counter() - started
    if out is not None:
        write(result, Path(out))
    return result


def _discover(con, tables: list[sources.Table]) -> Result:
    rows, figures, verdicts, values, samples = {}, {}, {}, {}, {}
    for table in tables:
        null_like = profile.clean(con, table)
        rows[table.name] = con.execute(
            f"select count(*) from {sources._quote(table.work)}").fetchone()[0]
        sample = samples[table.name] = profile.sample(con, table, rows[table.name])
        values[table.name] = profile.sample_values(con, table, sample)
        figures[table.name] = profile.figures(con, table, values[table.name], null_like)
        verdicts[table.name] = {}
        for index, column in enumerate(table.columns):
            facts = figures[table.name][column]
            verdicts[table.name][column] = semantic.classify(semantic.ColumnFacts(
                name=column, physical_type=facts["physical_type"], rows=rows[table.name],
                non_null=facts["non_null"], distinct=facts["distinct"],
                values=values[table.name][column], is_first=index == 0))
    types = {t.name: {c: v.semantic_type for c, v in verdicts[t.name].items()}
             for t in tables}
    primary, candidates_of = {}, {}
    for table in tables:
        candidates = candidates_of[table.name] = keys.candidate_keys(
            con, table, rows[table.name], figures[table.name], types[table.name])
        primary[table.name] = keys.primary_key(candidates, table, types[table.name])
        for candidate in candidates:
            for column in candidate.columns:
                what = "primary key" if candidate.columns == primary[table.name] else \
                    "candidate key"
                verdicts[table.name][column].evidence.append(
                    f"{what}: ({', '.join(candidate.columns)})"
                    + ("" if candidate.exact else ", unique but for a few rows"))
    foreign = keys.one_way(
        keys.foreign_keys(con, tables, primary, candidates_of, types, figures)
        + keys.composite_foreign_keys(con, tables, primary), figures)
    dependencies, entities = [], []
    for table in tables:
        found = keys.dependencies(con, table, rows[table.name], figures[table.name],
                                  types[table.name], primary[table.name],
                                  samples[table.name])
        dependencies.extend({"table": table.name, "determinant": [x], "dependent": ys}
                            for x, ys in found)
        entities.extend(keys.entities(table, rows[table.name], figures[table.name],
                                      primary[table.name], found))
    discovery = {"version": VERSION, "tables": [], "foreign_keys": foreign,
                 "functional_dependencies": dependencies, "entities": entities}
    result = Result(discovery)
    for table in tables:
        people = pii.person_table(types[table.name])
        columns, profiles = [], {}
        for index, column in enumerate(table.columns):
            verdict = verdicts[table.name][column]
            facts = figures[table.name][column]
            pii_class, operation, reason = pii.classify(column, verdict.semantic_type, people,
                                                       verdict.personal)
            total = rows[table.name]
            nulls = total - facts["non_null"]
            columns.append({
                "name": column, "physical_type": facts["physical_type"],
                "semantic_type": verdict.semantic_type, "confidence": verdict.confidence,
                "pii_class": pii_class, "privacy_operation": operation,
                "format": verdict.format,
                "null_rate": round(nulls / total, 6) if total else 0.0,
                "distinct": facts["distinct"],
                "evidence": verdict.evidence + [f"PII: {reason}"],
            })
            profiles[column] = _profile(column, facts, total, nulls, values[table.name][column],
                                        verdict, charts=index < CHART_COLUMNS)
        level, _reason = pii.access([c["pii_class"] for c in columns],
                                    [c["semantic_type"] for c in columns])
        discovery["tables"].append({
            "name": table.name, "source": table.source, "rows": rows[table.name],
            "primary_key": primary[table.name], "access": level, "columns": columns})
        result.profiles[table.name] = profiles
        result.notes[table.name] = table.notes + [f"access {level}: {_reason}"]
    return result


NUMERIC_CHARTS = ("money", "number", "quantity", "percentage", "age")
TIME_CHARTS = ("date", "timestamp", "birth_date")


def _profile(column, facts, rows, nulls, values, verdict, charts: bool) -> dict:
    kind = verdict.semantic_type
    return {
        "name": column, "physical_type": facts["physical_type"], "rows": rows,
        "nulls": nulls, "null_like": facts["null_like"], "distinct": facts["distinct"],
        "min": facts["min"], "max": facts["max"], "min_length": facts["min_length"],
        "max_length": facts["max_length"],
        "mean_length": None if facts["mean_length"] is None else round(facts["mean_length"], 2),
        "top_values": [[v, n] for v, n in values[:10]],
        "shapes": profile.shapes(values),
        "histogram": profile.histogram(values) if charts and kind in NUMERIC_CHARTS else None,
        "timeline": profile.timeline(values, verdict.format["order"])
        if charts and kind in TIME_CHARTS else None,
        "lengths": profile.lengths(values)
        if charts and kind not in NUMERIC_CHARTS + TIME_CHARTS else None,
    }


def write(result: Result, out: Path) -> None:
    """discovery.json and index.html, each written whole (a partial file, renamed)."""
    from fashion_retail.discover import page

    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result.discovery, indent=2, ensure_ascii=False, default=str)
    partial = out / "discovery.json.partial"
    partial.write_text(text + "\n", encoding="utf-8")
    partial.replace(out / "discovery.json")
    page_partial = out / "index.html.partial"
    page.write_page(result.discovery, result.profiles, page_partial)
    page_partial.replace(out / "index.html")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def main(argv: list[str] | None = None, prog: str = "fashion-retail discover") -> int:
    parser = OneLineParser(prog=prog, description="Profile sources (CSV/TSV, JSON, JSON "
                           "lines, parquet, a DuckDB database): types, keys, entities, PII. "
                           "Writes DIR/discovery.json and DIR/index.html.")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="files, or folders of files, to discover")
    parser.add_argument("--duckdb", type=Path, help="a DuckDB database whose tables to discover")
    parser.add_argument("--schema", help="the DuckDB database's schema (default main)")
    parser.add_argument("--out", type=Path, required=True, help="folder for the results")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not args.paths and args.duckdb is None:
        parser.error("give at least one PATH or --duckdb FILE")
    if args.schema and args.duckdb is None:
        parser.error("--schema needs --duckdb")
    if args.out.exists() and not args.out.is_dir():
        parser.error(f"--out {args.out} exists and is not a folder")
    for path in args.paths:
        if not path.exists():
            parser.error(f"{path}: no such file or folder")
    try:
        result = discover(args.paths, args.out, args.duckdb, args.schema)
    except DiscoverError as exc:
        parser.exit(1, f"{parser.prog}: error: {exc}\n")
    except duckdb.OutOfMemoryException:
        parser.exit(1, f"{parser.prog}: error: out of memory (DuckDB's limit "
                       f"{os.environ.get('FASHION_RETAIL_DISCOVER_MEMORY', MEMORY_LIMIT)}) "
                       "while profiling\n")
    except duckdb.Error as exc:
        parser.exit(1, f"{parser.prog}: error: DuckDB could not profile the sources "
                       f"({sources._one_line(exc)})\n")
    except Exception as exc:   # noqa: BLE001 - a bug meets input: one line, not a traceback
        if os.environ.get("FASHION_RETAIL_DEBUG"):
            raise
        # the exception's text may quote data: its type only
        parser.exit(1, f"{parser.prog}: error: discover failed on these sources "
                       f"({type(exc).__name__}); FASHION_RETAIL_DEBUG=1 shows the traceback "
                       "to report\n")
    tables = result.discovery["tables"]
    columns = sum(len(t["columns"]) for t in tables)
    edges = len(result.discovery["foreign_keys"])
    print(f"discover: {_count(len(tables), 'table')}, {_count(columns, 'column')}, "
          f"{_count(edges, 'foreign key')} in {result.seconds:.1f} s: "
          f"{args.out / 'discovery.json'}, {args.out / 'index.html'}")
    return 0
