"""`generate --dialect`: the same truth and defects as other systems export them.

What must hold: `us_pos` is the generator's own output, byte for byte; each
dialect's files read with a plain reader (csv with the declared delimiter and
encoding, json lines) and hold every raw row (legacy_flat: one row per order
line); every truth-file column names existing canonical columns; and the round
trip: for every exported column, the cleansing macro of its semantic type with
the truth file's hints gives back the clean value (a defect-rate-0 run of the
same seed) for at least 99.9% of the cells that carry no injected defect.
`pytest -s` prints the per-column figures.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
import time
import uuid
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from fashion_retail.gen import cli as gen_cli
from fashion_retail.gen import dialects, schema

from conftest import PROJECT, compiled

REQUIRED = 0.999
# cells read per column in the round trip (a seeded sample beyond this)
MAX_CELLS = 4000
EXPORTS = [n for n, d in dialects.DIALECTS.items() if d is not None]
TYPES = {"id", "uuid", "timestamp", "date", "text", "email", "phone", "country",
         "category", "amount", "amount_minor", "integer", "decimal"}


# ---------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def exported(dialect_exports):
    """dialect -> (folder, truth file): conftest's, generated like its dirty set."""
    return dialect_exports


def read_file(folder: Path, entry: dict) -> list[dict]:
    """The file as a plain reader sees it: dicts of text (json values as text)."""
    path = folder / entry["file"]
    encoding = {"utf-8-sig": "utf-8-sig"}.get(entry["encoding"], entry["encoding"])
    if entry["format"] == "csv":
        raw = path.read_bytes()
        if entry["line_ending"] == "CRLF":
            assert raw.count(b"\r\n") == raw.count(b"\n") - raw.count(b'\n"') \
                or raw.count(b"\r\n") >= len(raw.splitlines()) - 1
        if entry["encoding"] == "utf-8-sig":
            assert raw.startswith(b"\xef\xbb\xbf")
        with open(path, encoding=encoding, newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter=entry["delimiter"]))
        assert list(rows[0]) == [c["name"] for c in entry["columns"]]
        return rows
    with open(path, encoding=encoding) as handle:
        return [json.loads(line) for line in handle]


def as_text(value):
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value)


def table_rows(folder: Path, table: str) -> list[dict]:
    return pq.read_table(folder / f"{table}.parquet").to_pylist()


def source_rows(dirty_dir: Path, file: dict) -> list[dict]:
    """The dirty raw rows behind a file's rows, in file order, columns named
    '<table>.<column>'."""
    if file["file"] == "sales_flat.csv":
        con, sql = dialects.legacy_rows(dirty_dir)
        return con.execute(sql).to_arrow_table().to_pylist()
    return [{f"{file['table']}.{k}": v for k, v in row.items()}
            for row in table_rows(dirty_dir, file["table"])]


def nested_rows(dirty_dir: Path) -> list[dict]:
    """The dirty order lines in the order the feed nests them: by the first
    row of their order, then as written."""
    first = {}
    for i, row in enumerate(table_rows(dirty_dir, "orders")):
        first.setdefault(row["order_id"], i)
    lines = table_rows(dirty_dir, "order_lines")
    ordered = sorted(range(len(lines)), key=lambda i: first[lines[i]["order_id"]])
    return [{f"order_lines.{k}": v for k, v in lines[i].items()} for i in ordered]


# ----------------------------------------------------------------- us_pos
def test_us_pos_is_the_generators_own_output_byte_for_byte(tmp_path):
    plain, named = tmp_path / "plain", tmp_path / "named"
    common = ["--scale", "0.01", "--seed", "3", "--format", "csv", "--quiet"]
    assert gen_cli.main([*common, "--out", str(plain)]) == 0
    assert gen_cli.main([*common, "--out", str(named), "--dialect", "us_pos"]) == 0
    files = sorted(p.name for p in plain.iterdir())
    assert files == sorted(p.name for p in named.iterdir())
    assert dialects.TRUTH_FILE not in files
    for name in files:
        assert (plain / name).read_bytes() == (named / name).read_bytes(), name


def test_an_unknown_dialect_is_one_line_and_status_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        gen_cli.main(["--dialect", "sap_r3", "--out", "/tmp/never"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--dialect" in err and "eu_erp" in err, err


# ------------------------------------------------------------ file shapes
@pytest.mark.parametrize("name", EXPORTS)
def test_files_read_plainly_and_hold_every_row(name, exported, dirty_dir, truth):
    folder, truth_file = exported[name]
    assert {f["file"] for f in truth_file["files"]} | {
        dialects.TRUTH_FILE, *(f"{t}.parquet" for t in dialects.SIDE_TABLES)} == \
        {p.name for p in folder.iterdir()}
    for side in dialects.SIDE_TABLES:
        assert (folder / f"{side}.parquet").read_bytes() == \
            (dirty_dir / f"{side}.parquet").read_bytes() or side == schema.MANIFEST.name
    for entry in truth_file["files"]:
        rows = read_file(folder, entry)
        table = entry["table"]
        dirty = table_rows(dirty_dir, table)
        assert len(rows) == entry["rows"] == len(dirty), entry["file"]
        key = schema.TABLES[table].key
        key_column = next(c for c in entry["columns"] if c["canonical"] in (
            f"{table}.{key}", [f"{table}.{key}"]) or (isinstance(c["canonical"], list)
                                                       and c["canonical"][0] == f"{table}.{key}"))
        written = [as_text(r[key_column["name"]]) for r in rows]
        assert written == [as_text(expected(key_column, r[key], table)) for r in dirty], \
            entry["file"]
        clean = {as_text(expected(key_column, r[0], table))
                 for r in truth.sql(f"select {key} from {table}").fetchall()}
        assert clean <= set(written), entry["file"]
        if "nested" in entry:
            nested = entry["nested"]
            line_key = next(c["name"] for c in nested["columns"]
                            if c["canonical"] == "order_lines.order_line_id")
            lines = [line[line_key] for r in rows for line in r[nested["name"]]]
            assert sorted(lines) == sorted(r["order_line_id"]
                                           for r in table_rows(dirty_dir, "order_lines"))
            clean = {r[0] for r in truth.sql("select order_line_id from order_lines")
                     .fetchall()}
            assert clean <= set(lines)


def test_every_truth_column_is_a_canonical_column(exported):
    for name, (_folder, truth_file) in exported.items():
        for entry in truth_file["files"]:
            columns = entry["columns"] + entry.get("nested", {}).get("columns", [])
            for column in columns:
                canonical = column["canonical"]
                for item in canonical if isinstance(canonical, list) else [canonical]:
                    table, col = item.split(".")
                    assert col in schema.TABLES[table].column_names, (name, column)
                assert column["semantic_type"] in TYPES, (name, column)
            for level in (entry["columns"], entry.get("nested", {}).get("columns", [])):
                assert len({c["name"] for c in level}) == len(level), entry["file"]


STAGING_MACRO = {"parse_id": {"id"}, "parse_integer": {"integer"},
                 "parse_date": {"date"}, "parse_timestamp": {"timestamp"},
                 "parse_amount": {"amount"}, "clean_text": {"text"},
                 "standardize_email": {"email"}, "standardize_phone": {"phone"},
                 "canonicalize": {"category", "country"}}


def test_semantic_types_and_domains_are_what_staging_reads():
    """dialects' types and canonicalize domains agree with the staging models."""
    call = re.compile(r"\{\{ *([a-z_]+)\('([a-z_]+)'(?:, *'([a-z_]+)')?")
    for table in schema.TABLES:
        sql = (PROJECT / f"models/staging/raw/stg_raw__{table}.sql").read_text()
        for macro, column, domain in call.findall(sql):
            if macro not in STAGING_MACRO or column not in schema.TABLES[table].column_names:
                continue
            canonical = f"{table}.{column}"
            assert dialects.semantic_type(canonical) in STAGING_MACRO[macro], canonical
            if domain:
                assert dialects.base_hints(canonical)["domain"] == domain, canonical


def test_country_names_are_cldrs_and_canonicalize_knows_them():
    from babel import Locale

    german, codes = dialects.COUNTRY_NAMES["de"], dialects.COUNTRY_NAMES["iso"]
    with open(PROJECT / "seeds/reference/canonical_values.csv", encoding="utf-8") as seed:
        known = {(r["domain"], r["spelling"]) for r in csv.DictReader(seed)}
    for canonical, code in codes.items():
        assert Locale("de").territories[code] == german[canonical]
        assert ("country", german[canonical]) in known and ("country", code) in known


# ------------------------------------------------------------- round trip
def macro_call(column: dict) -> str | None:
    """The macro expression reading a column, as the truth file says; None for
    a type checked in Python (uuid)."""
    kind, hints = column["semantic_type"], column["hints"]
    x = "'input_text'"
    order = f", order='{hints['order']}'" if "order" in hints else ""
    if kind == "date":
        return f"{{{{ parse_date({x}{order}) }}}}"
    if kind == "timestamp":
        return f"{{{{ parse_timestamp({x}{order}) }}}}"
    if kind == "amount":
        call = f"{{{{ parse_amount({x}, decimal_separator='{hints['decimal_separator']}') }}}}"
        return f"abs({call})" if hints.get("returns_negative") else call
    if kind == "amount_minor":
        return (f"cast({{{{ parse_integer({x}) }}}} / {10 ** hints['minor_unit_exponent']}"
                " as decimal(18, 2))")
    if kind == "decimal":
        sep = hints.get("decimal_separator", ".")
        return f"try_cast(replace(trim(input_text), '{sep}', '.') as decimal(9, 4))"
    if kind == "phone":
        region = (f", default_region='{hints['default_region']}'"
                  if "default_region" in hints else "")
        return f"{{{{ standardize_phone({x}{region}) }}}}"
    if kind in ("category", "country"):
        return f"{{{{ canonicalize({x}, '{hints['domain']}') }}}}"
    if kind == "uuid":
        return None
    return {"id": "parse_id", "integer": "parse_integer", "text": "clean_text",
            "email": "standardize_email"}[kind].join(["{{ ", f"({x}) }}}}"])


def read_all(values_by_call: dict[str, set], folder: Path) -> dict[str, dict]:
    """Each call's reading of each of its values, as text, in one dbt compile
    (a compile costs seconds): a corpus of (row_id, call_id, input_text) and a
    case over call_id choosing the call."""
    import os

    import duckdb

    calls = sorted(values_by_call)
    branches = " ".join(f"when {k} then cast({call} as varchar)" for k, call in enumerate(calls))
    sql = compiled(f"row_id, case call_id {branches} end as reading", folder)
    rows = [(k, v) for k, call in enumerate(calls) for v in sorted(
        values_by_call[call], key=lambda v: (v is None, v or ""))]
    with duckdb.connect() as con:
        catalog = Path(os.environ["FASHION_RETAIL_DUCKDB"]).stem
        con.execute(f"attach ':memory:' as {catalog}")
        con.execute(f"create table {catalog}.main.canonical_values as select * from read_csv("
                    f"'{PROJECT}/seeds/reference/canonical_values.csv', all_varchar = true)")
        con.execute("create table corpus (row_id integer, call_id integer, input_text varchar)")
        con.executemany("insert into corpus values (?, ?, ?)",
                        [(i, k, v) for i, (k, v) in enumerate(rows)])
        got = con.execute(f"select * from ({sql}) order by row_id").fetchall()
    out = {call: {} for call in calls}
    for (k, value), (_row, reading) in zip(rows, got, strict=True):
        out[calls[k]][value] = reading
    return out


def typed(column: dict, reading: str | None):
    """A reading (text) as the value it stands for, to compare with expected()."""
    if reading is None:
        return None
    kind = column["semantic_type"]
    if kind == "date":
        return dt.date.fromisoformat(reading)
    if kind == "timestamp":
        return dt.datetime.fromisoformat(reading)
    if kind in ("amount", "amount_minor", "decimal"):
        return Decimal(reading)
    if kind in ("id", "integer"):
        return int(reading)
    return reading


def expected(column: dict, clean: str | None, table: str):
    if clean is None:
        return None
    kind = column["semantic_type"]
    if kind == "date":
        return dt.date.fromisoformat(clean)
    if kind == "timestamp":
        return dt.datetime.fromisoformat(clean)
    if kind in ("amount", "amount_minor", "decimal"):
        return Decimal(clean)
    if kind in ("id", "integer"):
        return int(clean)
    if kind == "uuid":
        hints = column["hints"]
        return str(uuid.uuid5(uuid.UUID(hints["uuid5_namespace"]),
                              hints["uuid5_name"].format(id=clean)))
    return clean


def defects(dirty_dir: Path) -> tuple[set, set]:
    """Ledger cells (table, record, version, column) and near-duplicate rows."""
    cells, rows = set(), set()
    for row in table_rows(dirty_dir, schema.LEDGER.name):
        key = (row["table_name"], row["record_id"], row["record_updated_at"])
        if row["column_name"] is not None:
            cells.add((*key, row["column_name"]))
        elif row["defect_class"] == schema.NEAR_DUP:
            rows.add(key)
    return cells, rows


# a denormalized column's table, and the cell whose defect would have the
# join pick another row of it (legacy_flat)
JOINED_VIA = {"customers": ("orders", "orders.order_id", "orders.updated_at", "customer_id"),
              "products": ("order_lines", "order_lines.order_line_id",
                           "order_lines.updated_at", "product_id")}


def cells_to_check(file_rows, sources, column, ledger, truth_index):
    """(written text, expected value) of the column's cells with no defect."""
    cells, near = ledger
    canonical = column["canonical"]
    canonical = canonical[-1] if isinstance(canonical, list) else canonical
    table, col = canonical.split(".")
    key_col = f"{table}.{schema.TABLES[table].key}"
    via = JOINED_VIA.get(table)
    out = []
    for written, source in zip(file_rows, sources, strict=True):
        key, version = source[key_col], source[f"{table}.updated_at"]
        if via and via[1] in source and (
                via[0], source[via[1]], source[via[2]], via[3]) in cells:
            continue
        if (table, key, version, col) in cells or (table, key, version) in near:
            continue
        clean_row = truth_index[table].get((key, version))
        if clean_row is None:
            continue
        out.append((as_text(written[column["name"]]),
                    expected(column, clean_row[col], table)))
    return out


@pytest.fixture(scope="module")
def clean_index(truth_dir):
    return {t: {(r[spec.key], r["updated_at"]): r for r in table_rows(truth_dir, t)}
            for t, spec in schema.TABLES.items()}


@pytest.mark.parametrize("name", EXPORTS)
def test_round_trip(name, exported, dirty_dir, clean_index, tmp_path_factory):
    started = time.perf_counter()
    folder, truth_file = exported[name]
    ledger = defects(dirty_dir)
    columns = []   # (file, column, [(text, expected)])
    for entry in truth_file["files"]:
        rows = read_file(folder, entry)
        sources = source_rows(dirty_dir, entry)
        for column in entry["columns"]:
            columns.append((entry["file"], column["name"], column, cells_to_check(
                rows, sources, column, ledger, clean_index)))
        if "nested" in entry:
            nested = entry["nested"]
            lines = [line for r in rows for line in r[nested["name"]]]
            for column in nested["columns"]:
                columns.append((entry["file"], f"{nested['name']}[].{column['name']}", column,
                                cells_to_check(lines, nested_rows(dirty_dir), column,
                                               ledger, clean_index)))
    print(f"{name}: cells gathered in {time.perf_counter() - started:.1f} s",
          file=sys.__stderr__)
    rng = np.random.default_rng(0)
    by_call = defaultdict(set)
    sampled = []
    for file, label, column, cells in columns:
        if len(cells) > MAX_CELLS:
            cells = [cells[i] for i in sorted(rng.choice(len(cells), MAX_CELLS, False))]
        sampled.append((file, label, column, cells))
        call = macro_call(column)
        if call is not None:
            by_call[call].update(text for text, _ in cells)
    readings = read_all(dict(by_call), tmp_path_factory.mktemp(f"readings_{name}"))
    print(f"{name}: {len(by_call)} calls read in {time.perf_counter() - started:.1f} s",
          file=sys.__stderr__)
    failing = []
    report = [f"{name}: round trip per column (cells without a defect)"]
    for file, label, column, cells in sampled:
        call = macro_call(column)
        if call is None:
            right = sum(text == want for text, want in cells)
        else:
            right = sum(typed(column, readings[call][text]) == want for text, want in cells)
        share = right / len(cells) if cells else 1.0
        report.append(f"  {file:<26} {label:<28} {column['semantic_type']:<12} "
                      f"{len(cells):>6} cells  {share:8.4%}")
        if share < REQUIRED or not cells and column["semantic_type"] != "text":
            wrong = [(t, w, readings.get(call, {}).get(t)) for t, w in cells
                     if (typed(column, readings[call][t]) if call else t) != w][:5]
            failing.append((file, label, share, len(cells), wrong))
    print("\n" + "\n".join(report), file=sys.__stdout__)
    (PROJECT / "target").mkdir(exist_ok=True)
    (PROJECT / "target" / f"dialect_round_trip_{name}.txt").write_text("\n".join(report) + "\n")
    assert failing == []


# ---------------------------------------------- rendering, by reference libraries
def test_phone_and_amount_writings_read_by_reference_libraries(exported, dirty_dir,
                                                               clean_index):
    """Independently of the macros: phonenumbers reads every clean phone as
    written with the truth file's default_region, price-parser every amount
    with its decimal separator."""
    import phonenumbers
    from price_parser import Price

    ledger = defects(dirty_dir)
    checked = defaultdict(int)
    for name, (folder, truth_file) in exported.items():
        for entry in truth_file["files"]:
            rows = read_file(folder, entry)
            sources = source_rows(dirty_dir, entry)
            for column in entry["columns"]:
                kind, hints = column["semantic_type"], column["hints"]
                if kind not in ("phone", "amount"):
                    continue
                cells = cells_to_check(rows, sources, column, ledger, clean_index)
                for text, want in cells:
                    if want is None:
                        continue
                    if kind == "phone":
                        number = phonenumbers.parse(text, hints.get("default_region"))
                        got = phonenumbers.format_number(
                            number, phonenumbers.PhoneNumberFormat.E164)
                    else:
                        price = Price.fromstring(text,
                                                 decimal_separator=hints["decimal_separator"])
                        got = price.amount
                        if got is not None and (text.startswith("(") or text.startswith("-")):
                            got = -got
                        if hints.get("returns_negative") and got is not None:
                            got = abs(got)
                    assert got == want, (name, entry["file"], column["name"], text, want)
                    checked[(name, kind)] += 1
    print(dict(checked))
    assert checked[("eu_erp", "phone")] and checked[("eu_erp", "amount")]
    assert checked[("legacy_flat", "phone")] and checked[("legacy_flat", "amount")]
