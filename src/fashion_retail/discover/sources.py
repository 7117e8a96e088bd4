"""Find the tables in the paths given and load each into the work database.

A path is a file (CSV, TSV or other delimited text, JSON, JSON lines, parquet),
a folder (its files of those kinds, not recursively) or, with ``--duckdb``, the
tables of a DuckDB database. Every table is copied once into the work database
(a DuckDB file in a temporary folder, so a source larger than memory spills to
disk): the later passes read it there, not the source again.

Text is read as text (``all_varchar``): the profile decides what the values are,
so one bad value after the sniffer's sample cannot fail the load. Bytes that are
not UTF-8 (a cp1252 or latin-1 export, or a file that mixes both) are decoded as
cp1252, in chunks, into a UTF-8 copy; the table's notes say so. DuckDB's sniffer
chooses delimiter, quoting and header; its two known slips are checked: a
header-less file whose first row is taken for names (a first row of values: a
number, a date, an e-mail), and a file read as one column when another
delimiter splits every line the same way.

Error messages name the file and the problem, never a line of it (DuckDB's
messages quote whole lines, which may hold personal data).
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from fashion_retail.discover import DiscoverError
from fashion_retail.discover.semantic import NULL_LIKE, name_hints

TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ".psv", ".dat"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | PARQUET_SUFFIXES
# the bytes looked at to tell text from binary and to choose the encoding
HEAD_BYTES = 1 << 16
CHUNK_BYTES = 1 << 22
DELIMITERS = (",", ";", "\t", "|")
# a first row with one of these is values, not names
VALUE_CELL = re.compile(
    r"^\s*(-?[0-9]+([.,][0-9]+)?|[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}.*|[^@\s]+@[^@\s]+\.\w+)"
    r"\s*$")
# null-like tokens the CSV reader reads as null, in their usual casings (the
# parser compares exactly, at no cost; other text is cleaned after loading)
# (the profile's null-like tokens, and a spreadsheet's error cells)
NULL_WORDS = (*NULL_LIKE, "#value!", "#ref!")
NULL_TOKENS = ", ".join(sorted({"'" + t.replace("'", "''") + "'" for w in NULL_WORDS
                                for t in (w, w.upper(), w.title())}))
# DuckDB keeps buffers per column: wider tables do not fit the memory limit
MAX_COLUMNS = 2_000
# DuckDB's limit on one JSON object, raised: one order with its lines is large
JSON_OBJECT_BYTES = 1 << 26


@dataclass
class Table:
    """A table loaded into the work database: its name in the discovery, where it
    came from, the work table holding it, its columns and physical types as
    the source states them (None: text, typed by the profile), and notes on
    how it was read (encoding, delimiter, header), which become evidence."""

    name: str
    source: str
    work: str
    columns: list[str]
    source_types: dict[str, str | None]
    notes: list[str] = field(default_factory=list)
    # a child table's key back to its parent: (parent table, columns)
    parent: tuple[str, list[str]] | None = None
    # null-like tokens already read as null (CSV): no cleaning pass needed
    cleaned: bool = False


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _one_line(exc: Exception) -> str:
    """DuckDB's message: its first line, quoted text (which may be data) and
    anything after 'Original Line' left out."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    text = re.split(r"(?i)original line", text)[0]
    text = re.sub(r'"[^"]*"|\'[^\']*\'', "…", text)
    return text.strip(" :.")[:200]


def fingerprint(path: Path) -> dict:
    """A file's path, size and SHA-256: whether it is still the file that was read."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
    return {"path": str(path), "bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def find(paths: list[Path]) -> list[Path]:
    """The files to read: each file given, and each folder's readable files."""
    files = []
    for path in paths:
        if not path.exists():
            raise DiscoverError(f"{path}: no such file or folder")
        if path.is_dir():
            found = sorted(p for p in path.iterdir()
                           if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not p.name.startswith("."))
            if not found:
                raise DiscoverError(f"{path}: no CSV, JSON or parquet files in this folder")
            files.extend(found)
        else:
            files.append(path)
    return files


# ------------------------------------------------------------------ encodings
def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejects as cp1252 (latin-1 where cp1252 has none)."""
    bad = error.object[error.start:error.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), \
        error.end


codecs.register_error("fashion_retail_cp1252", _cp1252_fallback)


def sniff_bytes(path: Path) -> str:
    """'utf-8', 'utf-16' or 'binary', from the file's first bytes."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        return "binary"
    # control bytes other than tab, newlines and form feed: not text
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > 0.01:
        return "binary"
    return "utf-8"


def utf8_copy(path: Path, folder: Path) -> tuple[Path, str | None]:
    """The file itself when it is UTF-8 after all, else a UTF-8 copy with the
    bytes UTF-8 rejects read as cp1252; and a note saying which."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as handle:
        try:
            while chunk := handle.read(CHUNK_BYTES):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return path, None
        except UnicodeDecodeError:
            pass
    copy = folder / f"{len(list(folder.iterdir()))}_{path.stem}.utf8{path.suffix}"
    multibyte = recoded = 0
    decoder = codecs.getincrementaldecoder("utf-8")(errors="fashion_retail_cp1252")
    strict = codecs.getincrementaldecoder("utf-8")(errors="replace")
    with open(path, "rb") as source, open(copy, "w", encoding="utf-8", newline="") as out:
        while chunk := source.read(CHUNK_BYTES):
            text = decoder.decode(chunk)
            out.write(text)
            as_utf8 = strict.decode(chunk)
            recoded += as_utf8.count("\ufffd")
            multibyte += sum(1 for ch in as_utf8 if ord(ch) > 127 and ch != "\ufffd")
        out.write(decoder.decode(b"", final=True))
    if multibyte:
        return copy, f"mixed encodings: UTF-8 with {recoded} bytes read as cp1252"
    return copy, "encoding cp1252 (not UTF-8), read as cp1252"


# ------------------------------------------------------------------ CSV
def _sniff(con, path: Path, delimiter: str | None = None) -> dict:
    options = f", delim = {_literal(delimiter)}" if delimiter else ""
    row = con.execute(f"select * from sniff_csv({_literal(str(path))}, "
                      f"sample_size = 20480, null_padding = true{options})").fetchone()
    names = ["delimiter", "quote", "escape", "newline", "comment", "skip", "header",
             "columns"]
    return dict(zip(names, row[:8]))


def _first_row(path: Path, sniffed: dict) -> list[str]:
    import csv

    quote = sniffed["quote"] if sniffed["quote"] not in ("(empty)", "") else '"'
    with open(path, encoding="utf-8-sig", newline="", errors="replace") as handle:
        for row in csv.reader(handle, delimiter=sniffed["delimiter"], quotechar=quote):
            if row:
                return row
    return []


def _csv_options(con, path: Path) -> tuple[dict, list[str]]:
    notes = []
    sniffed = _sniff(con, path)
    if len(sniffed["columns"]) == 1:
        # DuckDB falls back to one column when no delimiter convinces it; a
        # delimiter splitting the first lines the same way is better
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            lines = [line for line in (handle.readline() for _ in range(50)) if line.strip()]
        for delimiter in DELIMITERS:
            counts = {line.count(delimiter) for line in lines}
            if len(counts) == 1 and counts.pop() > 0:
                sniffed = _sniff(con, path, delimiter)
                notes.append(f"delimiter {delimiter!r} chosen over the sniffer's one column")
                break
    header = bool(sniffed["header"])
    if header:
        first = _first_row(path, sniffed)
        values = [cell for cell in first if VALUE_CELL.match(cell)]
        if values:
            header = False
            notes.append("first row read as data: it holds values, not column names")
    if not header:
        notes.append("no header row: columns named column_1, column_2, ...")
    delimiter = {"\t": "tab"}.get(sniffed["delimiter"], repr(sniffed["delimiter"]))
    notes.append(f"delimiter {delimiter}, {'header row' if header else 'no header'}")
    return {"delim": sniffed["delimiter"], "quote": sniffed["quote"],
            "escape": sniffed["escape"], "header": header,
            "columns": len(sniffed["columns"])}, notes


def _load_csv(con, path: Path, work: str, scratch: Path) -> tuple[list[str], list[str]]:
    """Load a delimited text file: read as UTF-8 by DuckDB; when DuckDB finds
    bytes that are not UTF-8, again from a copy decoded with cp1252's help."""
    encoding = sniff_bytes(path)
    if encoding == "binary":
        raise DiscoverError(f"{path}: a binary file, not delimited text")
    if encoding == "utf-16":
        readable = scratch / f"{work}.csv"
        with open(path, encoding="utf-16") as source, \
                open(readable, "w", encoding="utf-8", newline="") as out:
            while chunk := source.read(CHUNK_BYTES):
                out.write(chunk)
        return _read_csv(con, path, readable, work, ["encoding UTF-16"])
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head.strip(b"\xef\xbb\xbf \t\r\n"):
        raise DiscoverError(f"{path}: the file is empty")
    try:
        head.decode("utf-8")
        valid_head = True
    except UnicodeDecodeError as exc:
        # a character cut at the end of the head is no evidence
        valid_head = exc.start >= len(head) - 3
    if valid_head:
        try:
            return _read_csv(con, path, path, work, [])
        except duckdb.Error as exc:
            if "unicode" not in str(exc).lower():
                raise
            con.execute(f"drop table if exists {_quote(work)}")
    readable, note = utf8_copy(path, scratch)
    return _read_csv(con, path, readable, work, [note] if note else [])


def _read_csv(con, path: Path, readable: Path, work: str, notes: list[str]
              ) -> tuple[list[str], list[str]]:
    options, sniff_notes = _csv_options(con, readable)
    if options["columns"] > MAX_COLUMNS:
        raise DiscoverError(f"{path}: {options['columns']:,} columns; discover profiles tables "
                            f"of at most {MAX_COLUMNS:,} columns (split the file, or keep the "
                            f"columns you need)")
    notes = notes + sniff_notes

    def option(key: str) -> str:
        # the sniffer's choice, 'none' included: left to DuckDB, a file whose
        # sniff found no quote can be read with one and split differently
        value = options[key]
        if value is None:
            return ""
        return f", {key} = {_literal('' if value == '(empty)' else value)}"

    sql = (f"create table {_quote(work)} as select * from read_csv({_literal(str(readable))}, "
           f"all_varchar = true, header = {str(options['header']).lower()}, "
           f"nullstr = [{NULL_TOKENS}], null_padding = true, strict_mode = false, "
           f"sample_size = 20480{option('delim')}{option('quote')}{option('escape')}"
           f"{'' if options['header'] else ', names = []'}")
    try:
        con.execute(sql + ")")
    except duckdb.Error as exc:
        # quoted line breaks: DuckDB's parallel reader cannot pad short rows
        if "parallel" not in str(exc):
            raise
        con.execute(f"drop table if exists {_quote(work)}")
        con.execute(sql + ", parallel = false)")
        notes.append("line breaks inside quoted values: read by one thread")
    columns = [r[0] for r in con.execute(f"describe {_quote(work)}").fetchall()]
    if not options["header"]:
        renamed = [f"column_{i + 1}" for i in range(len(columns))]
        for old, new in zip(columns, renamed):
            if old != new:
                con.execute(f"alter table {_quote(work)} rename column {_quote(old)} "
                            f"to {_quote(new)}")
        columns = renamed
    return columns, notes


# ------------------------------------------------------------------ JSON
def _flatten(expr: str, name: str, dtype) -> list[tuple[str, str, object]]:
    """(select expression, dotted name, type) of every scalar or list field under
    a column; nested objects become dotted names."""
    if dtype.id == "struct":
        out = []
        for child, child_type in dtype.children:
            out.extend(_flatten(f"{expr}.{_quote(child)}", f"{name}.{child}", child_type))
        return out
    return [(expr, name, dtype)]


def _is_object_list(dtype) -> bool:
    return dtype.id == "list" and dtype.children[0][1].id == "struct"


def _json_tables(con, path: Path, name: str, work: str) -> list[Table]:
    source = f"{work}_json"
    try:
        con.execute(f"create table {_quote(source)} as select * from read_json("
                    f"{_literal(str(path))}, format = 'auto', records = 'auto', "
                    f"maximum_object_size = {JSON_OBJECT_BYTES}, sample_size = 20480)")
    except duckdb.Error as exc:
        raise DiscoverError(f"{path}: not readable as JSON ({_one_line(exc)})") from None
    relation = con.table(source)
    top, children = [], []
    for column, dtype in zip(relation.columns, relation.types):
        if _is_object_list(dtype):
            children.append((column, dtype.children[0][1]))
        else:
            top.extend(_flatten(_quote(column), column, dtype))
    if not top and not children:
        raise DiscoverError(f"{path}: JSON with no fields")
    tables = []
    select = ", ".join(f"{expr}::varchar as {_quote(alias)}" if dtype.id in ("list", "map",
                                                                              "union")
                       else f"{expr} as {_quote(alias)}" for expr, alias, dtype in top)
    parent_key = _json_parent_key(con, source, top) if children else None
    if top:
        con.execute(f"create table {_quote(work)} as select {select} from {_quote(source)}")
        tables.append(Table(name, str(path), work, [alias for _, alias, _ in top],
                            {alias: str(dtype) for _, alias, dtype in top},
                            ["JSON" + (" lines" if path.suffix.lower() != ".json" else "")]))
    for index, (column, item_type) in enumerate(children):
        fields = _flatten("item", "", item_type)
        names = [alias[1:] for _, alias, _ in fields]
        key_columns = []
        if not top:
            # an envelope ({"data": [...]}): the array is the table, no parent
            key_expr, key_name = None, None
        elif parent_key is None:
            key_expr, key_name = "u.parent_row_", "_parent_row"
        else:
            key_expr, key_name = f"u.{_quote(parent_key)}", parent_key
        if key_name is not None and key_name not in names:
            key_columns = [(key_expr, key_name)]
        child_work = f"{work}_{index}"
        parts = [f"{expr} as {_quote(alias)}" for expr, alias in key_columns]
        parts += [f"{expr.replace('item.', 'u.item.', 1)}::varchar as {_quote(alias[1:])}"
                  if dtype.id in ("list", "map", "union")
                  else f"{expr.replace('item.', 'u.item.', 1)} as {_quote(alias[1:])}"
                  for expr, alias, dtype in fields]
        con.execute(
            f"create table {_quote(child_work)} as with p as ("
            f"select *, row_number() over () as parent_row_ from {_quote(source)}), "
            f"u as (select p.*, unnest(p.{_quote(column)}) as item from p) "
            f"select {', '.join(parts)} from u")
        child_columns = [alias for _, alias in key_columns] + names
        types = {alias: None for _, alias in key_columns}
        types.update({alias[1:]: str(dtype) for _, alias, dtype in fields})
        note = f"the array {column!r} of {name}'s objects, one row each" + (
            f", with {key_name!r} back to its parent" if key_name else "")
        tables.append(Table(f"{name}.{column}", f"{path}#{column}", child_work,
                            child_columns, types, [note],
                            parent=(name, [key_name]) if key_name else None))
    con.execute(f"drop table {_quote(source)}")
    return tables


def _json_parent_key(con, source: str, top) -> str | None:
    """The parent's identifying field for its children: the first scalar field
    named like an id that is (nearly) unique and never null."""
    rows = con.execute(f"select count(*) from {_quote(source)}").fetchone()[0]
    for expr, alias, dtype in top:
        if "." in alias or dtype.id in ("list", "map", "struct"):
            continue
        if "identifier" not in name_hints(alias):
            continue
        distinct, nulls = con.execute(
            f"select count(distinct {expr}), count(*) - count({expr}) "
            f"from {_quote(source)}").fetchone()
        if nulls == 0 and distinct >= 0.9 * rows:
            return alias
    return None


# ------------------------------------------------------------------ loading
def load(con, paths: list[Path], scratch: Path, duckdb_file: Path | None = None,
         schema: str | None = None) -> list[Table]:
    """Load every table of the sources into the work database ``con``."""
    tables: list[Table] = []
    if duckdb_file is not None:
        tables.extend(_duckdb_tables(con, duckdb_file, schema))
    for path in find(paths):
        work = f"t{len(tables)}"
        suffix = path.suffix.lower()
        name = path.stem if path.name.lower() != path.stem.lower() else path.name
        try:
            if suffix in JSON_SUFFIXES:
                if sniff_bytes(path) == "binary":
                    raise DiscoverError(f"{path}: a binary file, not JSON")
                if path.stat().st_size == 0:
                    raise DiscoverError(f"{path}: the file is empty")
                tables.extend(_json_tables(con, path, name, work))
            elif suffix in PARQUET_SUFFIXES:
                tables.append(_parquet_table(con, path, name, work))
            else:
                columns, notes = _load_csv(con, path, work, scratch)
                tables.append(Table(name, str(path), work, columns,
                                    {c: None for c in columns}, notes, cleaned=True))
        except duckdb.Error as exc:
            raise DiscoverError(f"{path}: cannot be read ({_one_line(exc)})") from None
    # the same name twice (orders.csv and orders.parquet, or two folders'
    # orders.csv): the file's kind, then a number, tells them apart
    names = [t.name for t in tables]
    for table in tables:
        if names.count(table.name) > 1:
            table.name = f"{table.name} ({Path(table.source.split('#')[0]).suffix[1:]})"
    seen: dict[str, int] = {}
    for table in tables:
        seen[table.name] = seen.get(table.name, 0) + 1
        if seen[table.name] > 1:
            table.name = f"{table.name} {seen[table.name]}"
    return tables


def _parquet_table(con, path: Path, name: str, work: str) -> Table:
    if sniff_bytes(path) != "binary":
        raise DiscoverError(f"{path}: not a parquet file")
    con.execute(f"create table {_quote(work)} as select * from read_parquet("
                f"{_literal(str(path))})")
    relation = con.table(work)
    return Table(name, str(path), work, relation.columns,
                 {c: str(t) for c, t in zip(relation.columns, relation.types)}, ["parquet"])


def _duckdb_tables(con, database: Path, schema: str | None) -> list[Table]:
    if not database.exists():
        raise DiscoverError(f"{database}: no such DuckDB database")
    try:
        con.execute(f"attach {_literal(str(database))} as source_db (read_only)")
    except duckdb.Error as exc:
        raise DiscoverError(f"{database}: not a DuckDB database ({_one_line(exc)})") from None
    schema = schema or "main"
    found = con.execute(
        "select table_name from information_schema.tables where table_catalog = "
        "'source_db' and table_schema = ? order by table_name", [schema]).fetchall()
    if not found:
        raise DiscoverError(f"{database}: no tables in schema {schema!r}")
    tables = []
    for (table,) in found:
        work = f"t{len(tables)}"
        con.execute(f"create table {_quote(work)} as select * from "
                    f"source_db.{_quote(schema)}.{_quote(table)}")
        relation = con.table(work)
        tables.append(Table(table, f"{database}:{schema}.{table}", work, relation.columns,
                            {c: str(t) for c, t in zip(relation.columns, relation.types)},
                            ["DuckDB table"]))
    con.execute("detach source_db")
    return tables
