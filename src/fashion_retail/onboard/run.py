"""``fashion-retail onboard``: a discovered source becomes dbt code.

    fashion-retail onboard DISCOVERY_DIR --source NAME [--project DIR]
    fashion-retail onboard --load --source NAME [--project DIR] [--warehouse FILE]

The first writes ``sources/NAME/alignment.yml`` and the generated dbt files
under ``models/sources/NAME/`` (``codegen``); the second loads the source's
mapped tables into the warehouse's schema ``src_NAME``, which ``make build
SOURCE=NAME`` does before ``dbt build``. Everything is checked before anything
is written: a bad alignment or a changed source writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

from fashion_retail.arguments import OneLineParser
from fashion_retail.discover import DiscoverError
from fashion_retail.onboard import align, alignment_file, canonical, codegen, data
from fashion_retail.onboard.data import OnboardError

NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# a column mapped to a target whose reading fails on more of its sampled values
# than this cannot be cast: the alignment is refused
MIN_READABLE = 0.5
READABLE = {
    "date": re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{8}|\d{1,2}[ .]\w+[ .]\d{2,4}|"
                       r"\w+ \d{1,2},? \d{4}"),
    "timestamp": re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}"),
    "amount": re.compile(r"^\(?[^\d]{0,4}-?[\d.,' ]*\d[^\d]{0,4}\)?$"),
    "integer": re.compile(r"^[+-]?\d[\d,. ]*$"),
    "decimal": re.compile(r"^[+-]?\d*[.,]?\d+%?$"),
    "id": re.compile(r"^\S+$"), "uuid": re.compile(r"^\S+$"),
    "email": re.compile(r"@"), "phone": re.compile(r"(\d\D?){6,}"),
}


def project_root(path: Path | None) -> Path:
    root = (path or Path.cwd()).resolve()
    if not (root / "dbt_project.yml").exists():
        raise OnboardError(f"{root}: not the project (no dbt_project.yml); give --project")
    return root


def read_discovery(folder: Path) -> tuple[dict, Path]:
    path = folder / "discovery.json" if folder.is_dir() else folder
    if not path.exists():
        raise OnboardError(f"{path}: no discovery.json; run `fashion-retail discover` first")
    try:
        discovery = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise OnboardError(f"{path}: not a discovery file ({exc})") from None
    if not isinstance(discovery, dict) or discovery.get("version") != 1:
        raise OnboardError(f"{path}: not a version 1 discovery file")
    return discovery, path.resolve()


def check_readable(alignment: align.Alignment, samples: dict, where: Path,
                   lines: dict | None = None) -> None:
    """Refuse a mapping whose target type cannot read the column's values."""
    for ti, table in enumerate(alignment.tables):
        for ci, m in enumerate(table.columns):
            if not m.target:
                continue
            kind = canonical.column(m.target).semantic_type
            test = READABLE.get(kind)
            values = samples.get((table.table, m.column), [])
            if test is None or not values:
                continue
            total = sum(n for _, n in values)
            good = sum(n for v, n in values if test.search(v))
            if good / total < MIN_READABLE:
                line = (lines or {}).get(("tables", ti, "columns", ci, "target"))
                raise OnboardError(
                    f"{where}{':' + str(line) if line else ''}: {table.table}.{m.column} "
                    f"cannot be read as {m.target} ({kind}): {good:,} of {total:,} "
                    "sampled values could be")


def as_of_date(alignment: align.Alignment, con, tables: dict) -> str:
    """The data's as-of date: the last day the orders' version times record
    (else any table's), not after today."""
    from fashion_retail.discover.sources import _quote

    latest = None
    today = dt.date.today().isoformat()
    mapped = [(t, m) for t in alignment.tables for m in t.columns if m.target]
    # the orders' version times when the source has them (a retailer's data is
    # as of its last sale), else every table's
    times = [(t, m) for t, m in mapped if m.target == "orders.updated_at"] or \
        [(t, m) for t, m in mapped if m.target.endswith(".updated_at")]
    for table, m in times:
        order = m.hints.get("order") or "ymd"
        parts = {"ymd": "%Y-%m-%d", "dmy": "%d.%m.%Y", "mdy": "%m/%d/%Y"}[order]
        column = _quote(m.column)
        found = con.execute(
            f"select max(d) from (select coalesce(try_cast(try_cast({column} as "
            f"timestamptz) as date), try_strptime(regexp_replace(left(cast({column} as "
            f"varchar), 10), '[/-]', '{parts[2]}', 'g'), '{parts}')::date) as d from "
            f"{_quote(tables[table.table].work)}) where d <= date '{today}'").fetchone()[0]
        if found is not None and (latest is None or found > latest):
            latest = found
    return (latest or dt.date.today()).isoformat()


def write_files(root: Path, files: dict[str, str], folder: Path) -> list[str]:
    """Write the generated files; a file a person edited is kept and the new
    version written beside it (``.new``); a generated file no longer generated
    (a table gone from the alignment) is removed unless edited. What was said."""
    said = []
    if folder.exists():
        for path in sorted(folder.iterdir()):
            relative = str(path.relative_to(root))
            if relative in files or path.suffix not in (".sql", ".yml"):
                continue
            if alignment_file.is_edited(path.read_text(encoding="utf-8")):
                said.append(f"kept {relative}: no longer generated, but edited by hand")
            else:
                path.unlink()
                said.append(f"removed {relative}: no longer generated")
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            old = path.read_text(encoding="utf-8")
            if old == text:
                continue
            if alignment_file.is_edited(old):
                beside = path.with_name(path.name + ".new")
                _atomic(beside, text)
                said.append(f"kept {relative} (edited by hand); the new version is "
                            f"{relative}.new")
                continue
        _atomic(path, text)
    return said


def _atomic(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def onboard(discovery_dir: Path, source: str, root: Path) -> list[str]:
    discovery, discovery_path = read_discovery(discovery_dir)
    data.check_unchanged(discovery, str(discovery_path))
    with data.work(discovery) as (con, tables):
        samples = data.samples(con, tables)
        proposed = align.align(discovery, samples)
        path = root / "sources" / source / "alignment.yml"
        said, chosen, lines, new_alignment = [], proposed, None, None
        as_of = None
        edited = path.exists() and alignment_file.is_edited(path.read_text(encoding="utf-8"))
        if edited:
            read = alignment_file.read(path)
            chosen, added = alignment_file.merge(alignment_file.parse(read), proposed)
            lines = read.lines
            as_of = str(read.data.get("as_of_date") or "") or None
            if added:
                new_alignment = path.with_name("alignment.yml.new")
                said.append(f"kept {path.relative_to(root)} (edited by hand); new since: "
                            f"{', '.join(added)}; merged proposal: "
                            f"{new_alignment.relative_to(root)}")
        check_readable(chosen, samples, path, lines)
        as_of = as_of or as_of_date(chosen, con, tables)
    text = alignment_file.render(chosen, source, discovery_path, as_of)
    files = codegen.files(source, discovery, chosen, samples, as_of,
                          str(path.relative_to(root)))
    if new_alignment is not None:
        _atomic(new_alignment, text)
    elif not edited:
        path.parent.mkdir(parents=True, exist_ok=True)
        _atomic(path, text)
    said.extend(write_files(root, files, root / "models" / "sources" / source))
    mapped = sum(1 for t in chosen.tables for m in t.columns if m.target)
    total = sum(len(t["columns"]) for t in discovery["tables"])
    said.insert(0, f"onboard: {source}: {len(chosen.tables)} tables feed "
                   f"{len({c for t in chosen.tables for c in t.canonical})} canonical tables; "
                   f"{mapped} of {total} columns mapped; {len(files)} files under "
                   f"models/sources/{source}/; alignment: {path.relative_to(root)}")
    return said


def load(source: str, root: Path, warehouse: Path) -> str:
    path = root / "sources" / source / "alignment.yml"
    if not path.exists():
        raise OnboardError(f"{path}: no alignment; run `fashion-retail onboard "
                           f"DISCOVERY_DIR --source {source}` first")
    read = alignment_file.read(path)
    alignment = alignment_file.parse(read)
    discovery, discovery_path = read_discovery(Path(str(read.data.get("discovery", ""))))
    data.check_unchanged(discovery, str(discovery_path))
    counts = data.load(discovery, warehouse, f"src_{source}",
                       [t.table for t in alignment.tables])
    return (f"onboard: loaded {sum(counts.values()):,} rows of {len(counts)} tables into "
            f"{warehouse}:src_{source}")


def main(argv: list[str] | None = None, prog: str = "fashion-retail onboard") -> int:
    parser = OneLineParser(prog=prog, description="Align a discovered source with the "
                           "canonical raw schema and generate its dbt code; or, with "
                           "--load, load it into the warehouse.")
    parser.add_argument("discovery", nargs="?", type=Path, metavar="DISCOVERY_DIR",
                        help="the folder `fashion-retail discover --out` wrote")
    parser.add_argument("--source", required=True, help="the source's name (lower case)")
    parser.add_argument("--project", type=Path, help="the dbt project (default: here)")
    parser.add_argument("--load", action="store_true",
                        help="load the onboarded source into the warehouse")
    parser.add_argument("--warehouse", type=Path, help="the DuckDB warehouse (default: "
                        "$FASHION_RETAIL_DUCKDB or fashion_retail.duckdb)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not NAME.match(args.source):
        parser.error(f"--source {args.source!r}: lower-case letters, digits and _, "
                     "starting with a letter")
    if args.load == (args.discovery is not None):
        parser.error("give DISCOVERY_DIR, or --load (not both)")
    if args.discovery is not None and not args.discovery.exists():
        parser.error(f"{args.discovery}: no such file or folder")
    try:
        root = project_root(args.project)
        if args.load:
            warehouse = args.warehouse or Path(
                os.environ.get("FASHION_RETAIL_DUCKDB", root / "fashion_retail.duckdb"))
            print(load(args.source, root, warehouse))
        else:
            for line in onboard(args.discovery, args.source, root):
                print(line)
    except (OnboardError, DiscoverError) as exc:
        parser.exit(1, f"{parser.prog}: error: {exc}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
