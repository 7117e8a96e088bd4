"""How right a discovery is: the truth of a generated folder, and the scoring of a
``discovery.json`` against it.

The truth comes from the declarations, never from a second hand-kept list:
a raw column's semantic type and PII class from ``gen.schema`` (its kind and its
``pii`` field, with the few columns the kind does not settle named in
``COLUMN_TYPES``), its keys from the schema's ``key`` and ``versioned``, and a
dialect's tables and column names from its truth file (``dialect_truth.json``,
docs/dialects.md). ``us_pos`` has no truth file: its files are the raw tables
under their own names.

    python -m fashion_retail.discover.score /tmp/d/us_pos /tmp/d/eu_erp

runs ``discover`` over each folder's data files (not the ledgers, the manifest
or the truth file) and prints a Markdown table of the figures, one row per folder
(``--details``: what was wrong, one line each); a folder discover cannot read is
one line on stderr and exit status 1.

The figures (``score``):

- semantic accuracy: columns whose ``semantic_type`` is the truth's (or one of
  the few it also accepts) over the truth's columns; a column or table discover
  did not report counts as wrong;
- PII precision, recall and F1 at column level, a positive being a
  ``pii_class`` other than ``none``; the recall of the direct identifiers and
  of the secrets alone (found: any class but ``none``); the strict agreement
  of the class over every column;
- primary keys: a table's predicted key is right when its column set is one
  the truth accepts; precision over the tables given a key, recall over the
  tables that have one;
- foreign keys: edges ``from_table.from_columns -> to_table.to_columns``
  (column pairs, in any order), exact;
- entities (tables holding several canonical tables' columns: legacy_flat):
  each predicted entity stands for the canonical table most of its columns
  belong to, a column no entity lists for the table's own grain; the share of
  columns whose entity stands for one of their canonical tables;
- format hints: each of the truth file's ``order``, ``decimal_separator`` and
  ``default_region`` hints against discover's ``format``: right, null (no
  guess) or wrong (a hint that would misread every value).

Tables and columns discover reports that the truth does not know (a JSON child's
``_parent_row``) are listed, not scored. A precision with nothing predicted is
1.0 (nothing claimed, nothing wrong) and a recall with nothing to find is 1.0;
the recall of one PII class the data does not hold is None.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from fashion_retail.gen import schema
from fashion_retail.gen.dialects import TRUTH_FILE

SEMANTIC_TYPES = (
    "identifier", "email", "phone", "first_name", "last_name", "full_name", "username",
    "street_address", "city", "postal_code", "region", "country", "date", "timestamp",
    "birth_date", "age", "gender", "money", "currency", "quantity", "number", "percentage",
    "boolean", "category", "free_text", "url", "ip_address", "payment_card", "national_id",
    "secret", "company", "product_code",
)
DIRECT, QUASI, SENSITIVE, SECRET, NONE = (
    "direct_identifier", "quasi_identifier", "sensitive", "secret", "none")
PII_CLASSES = (DIRECT, QUASI, SENSITIVE, SECRET, NONE)

# the semantic type a raw column's kind says
KIND_TYPES = {
    "key": "identifier", "reference": "identifier", "optional_reference": "identifier",
    "timestamp": "timestamp", "date": "date", "birth_date": "birth_date",
    "email": "email", "phone": "phone", "country": "country", "state": "region",
    "category": "category", "code": "category", "flag": "boolean",
    "money": "money", "price": "money", "quantity": "quantity", "stock": "quantity",
    "rate": "percentage", "free_text": "free_text",
}
# the columns whose kind does not say it (kinds 'text' and 'name', keys that are
# not ids, a reference kind that is a measure): the type, then any other the
# column is as much (a discovery choosing it is right too)
COLUMN_TYPES: dict[str, tuple[str, ...]] = {
    "stores.store_name": ("category", "company"),
    "stores.street_address": ("street_address",),
    "stores.city": ("city",),
    "stores.postal_code": ("postal_code",),
    "stores.region": ("category", "region"),
    "stores.size_sqm": ("number", "quantity"),
    "sellers.company_name": ("company",),
    "sellers.brand_name": ("category", "company"),
    "sellers.contact_first_name": ("first_name",),
    "sellers.contact_last_name": ("last_name",),
    "products.sku": ("product_code",),
    "products.product_name": ("category", "free_text"),
    "products.brand": ("category", "company"),
    "products.season": ("category",),
    "employees.first_name": ("first_name",),
    "employees.last_name": ("last_name",),
    "employees.department": ("category",),
    "customers.first_name": ("first_name",),
    "customers.last_name": ("last_name",),
    "customers.gender": ("gender",),
    "customers.street_address": ("street_address",),
    "customers.city": ("city",),
    "customers.postal_code": ("postal_code",),
    "order_lines.line_number": ("number", "identifier"),
    "inventory_snapshots.snapshot_date": ("date",),
}
# the schema's ``pii`` field -> the PII class
PII_FIELD_CLASSES = {
    "first_name": DIRECT, "last_name": DIRECT, "email": DIRECT, "phone": DIRECT,
    "street_address": DIRECT, "free_text": DIRECT,
    "date_of_birth": QUASI, "gender": QUASI, "city": QUASI, "state": QUASI,
    "postal_code": QUASI,
    "salary": SENSITIVE,
}
# references whose name is not the key of the table they point to
REFERENCE_TARGETS = {"employees.manager_id": "employees.employee_id"}
# the truth file's hints discover infers (the others, a domain or a UUID
# namespace, are the exporter's knowledge)
FORMAT_HINTS = ("order", "decimal_separator", "default_region")
DATA_SUFFIXES = (".csv", ".parquet", ".jsonl", ".json")


def expected_column(canonical: str) -> dict:
    """The semantic type and PII class of a raw column ``table.column``, with the
    semantic types accepted for it (the first is the type).

    From the schema: the kind gives the type (keys and references: identifier;
    'state': region, a US state being a first-level subdivision; 'rate':
    percentage, the commission is a fraction; money and price: money; quantity and
    stock: quantity; flags: boolean; codes: category), and the ``pii`` field the
    class: names, e-mails, phones and a person's street address single a person
    out (direct_identifier); date of birth, gender, city, state and postal code
    do in combination (quasi_identifier); a salary is sensitive. Everything else,
    keys included, is none: the schema declares no PII on it.

    Judgement calls (``COLUMN_TYPES``):

    - orders.notes: free_text, direct_identifier. The customers write it and it
      names people and gives phone numbers and e-mails verbatim (the schema
      declares it PII, ``pii='free_text'``): each such note identifies someone
      on its own, and what it needs is scrub_text, not generalization.
    - store_name, brand, brand_name, product_name: category (labels that repeat
      across rows or name one of a handful of stores), also accepted as company
      (a brand is a trading name) and, for product_name, free_text (display names
      are several words).
    - stores.region is the sales region ('Northeast', 'Online'): category, also
      region (it is geographic, if not a subdivision).
    - stores.street_address/city/postal_code: their address types, but PII none: a
      store's address is a business's, not a person's (the schema declares none).
    - sku: product_code; snapshot_date (kind key): date.
    - line_number: number (the position on the order, 1 on every order: not an
      identifier alone), also identifier (with order_id it is a natural key).
    - size_sqm (kind optional_reference: nullable, never broken): number, also
      quantity (a whole number of square metres).
    - season ('AW22') and department: category.
    """
    table, column = canonical.split(".")
    spec = schema.TABLES[table].column(column)
    types = COLUMN_TYPES.get(canonical) or (KIND_TYPES[spec.kind],)
    return {"semantic_type": types[0], "accepted": list(types),
            "pii_class": PII_FIELD_CLASSES[spec.pii] if spec.pii else NONE}


def key_columns(table: str) -> tuple[str, ...]:
    """A raw table's primary key: its ``key``, with ``updated_at`` for a versioned
    table (a new row per version). Exact duplicate rows are injected on purpose:
    the key is unique over the distinct rows."""
    spec = schema.TABLES[table]
    return (spec.key, "updated_at") if spec.versioned else (spec.key,)


def canonical_foreign_keys() -> list[tuple[str, str]]:
    """The raw tables' references as ('table.column', 'table.column'): a column
    named like another table's key points to it (products.seller_id ->
    sellers.seller_id), and employees.manager_id to employees.employee_id. Every
    one holds in the data but for the injected broken references."""
    owners = {spec.key: name for name, spec in schema.TABLES.items()}
    edges = []
    for name, spec in schema.TABLES.items():
        for column in spec.column_names:
            canonical = f"{name}.{column}"
            if canonical in REFERENCE_TARGETS:
                edges.append((canonical, REFERENCE_TARGETS[canonical]))
            elif column != spec.key and column in owners and owners[column] != name:
                edges.append((canonical, f"{owners[column]}.{column}"))
    return edges


# ------------------------------------------------------------------- truth
class ForeignKey(NamedTuple):
    from_table: str
    from_columns: tuple[str, ...]
    to_table: str
    to_columns: tuple[str, ...]

    def normalized(self) -> ForeignKey:
        """Column pairs in a set order: the same edge however it is listed."""
        pairs = sorted(zip(self.from_columns, self.to_columns))
        return ForeignKey(self.from_table, tuple(p[0] for p in pairs), self.to_table,
                          tuple(p[1] for p in pairs))

    def __str__(self) -> str:
        return (f"{self.from_table}({', '.join(self.from_columns)}) -> "
                f"{self.to_table}({', '.join(self.to_columns)})")


@dataclass(frozen=True)
class ExpectedColumn:
    name: str
    # the canonical table.column(s) it holds (legacy_flat's ids hold two)
    canonical: tuple[str, ...]
    semantic_type: str
    accepted: frozenset[str]
    pii_class: str
    # the cleansing macros' hints the truth file gives (order, decimal_separator,
    # default_region), scored against discover's format
    hints: tuple[tuple[str, object], ...] = ()

    @property
    def tables(self) -> frozenset[str]:
        """The canonical tables the column belongs to (its expected entities)."""
        return frozenset(c.split(".")[0] for c in self.canonical)


@dataclass(frozen=True)
class ExpectedTable:
    name: str
    # the canonical table one row of it stands for (its grain)
    table: str
    columns: dict[str, ExpectedColumn]
    # the column sets accepted as its primary key, the documented one first
    primary_keys: tuple[tuple[str, ...], ...]

    @property
    def denormalized(self) -> bool:
        """Holding other tables' attributes: its entities are scored."""
        return len(frozenset().union(*(c.tables for c in self.columns.values()))) > 1


@dataclass(frozen=True)
class Truth:
    name: str
    tables: dict[str, ExpectedTable]
    foreign_keys: frozenset[ForeignKey]
    # the data files discover is run over
    files: tuple[Path, ...]


def column_truth(name: str, canonical: tuple[str, ...], hints: dict | None = None
                 ) -> ExpectedColumn:
    """An exported column holding ``canonical`` (the first is the value written),
    with the format hints of the truth file that discover infers."""
    expected = expected_column(canonical[0])
    scored = tuple(sorted((k, v) for k, v in (hints or {}).items() if k in FORMAT_HINTS))
    return ExpectedColumn(name, canonical, expected["semantic_type"],
                          frozenset(expected["accepted"]), expected["pii_class"], scored)


def _table(name: str, grain: str, columns: list[ExpectedColumn]) -> ExpectedTable:
    by_canonical = {}
    for column in columns:
        for canonical in column.canonical:
            by_canonical.setdefault(canonical, column.name)
    key = tuple(by_canonical.get(f"{grain}.{c}") for c in key_columns(grain))
    return ExpectedTable(name, grain, {c.name: c for c in columns},
                         (key,) if None not in key else ())


def _foreign_keys(tables: dict[str, ExpectedTable]) -> frozenset[ForeignKey]:
    """The canonical references between the tables present: from any table with
    a column holding the reference to the table whose grain is the target."""
    edges = set()
    for source, target in canonical_foreign_keys():
        target_table = target.split(".")[0]
        for start in tables.values():
            from_column = next((c.name for c in start.columns.values()
                                if source in c.canonical), None)
            if from_column is None:
                continue
            for end in tables.values():
                to_column = next((c.name for c in end.columns.values()
                                  if target in c.canonical), None)
                if end.table == target_table and to_column is not None:
                    edges.add(ForeignKey(start.name, (from_column,), end.name, (to_column,)))
    return frozenset(edges)


def declared_truth(name: str, columns: dict[str, dict[str, tuple[str, str]]],
                   primary_keys: dict[str, tuple[tuple[str, ...], ...]],
                   foreign_keys, files=()) -> Truth:
    """The truth of tables declared by hand (real data a package ships): table ->
    column -> (its type and the others accepted, space-separated; PII class),
    each table's accepted keys, the references. Tables are named as the files
    discover reads (their stems)."""
    tables = {}
    for table, declared in columns.items():
        expected = {}
        for column, (types, pii_class) in declared.items():
            accepted = tuple(types.split())
            expected[column] = ExpectedColumn(column, (f"{table}.{column}",), accepted[0],
                                              frozenset(accepted), pii_class)
        tables[table] = ExpectedTable(table, table, expected, primary_keys[table])
    return Truth(name, tables, frozenset(foreign_keys), tuple(files))


class ScoreError(ValueError):
    """A folder that holds no scorable set; the message is one line."""


def truth_for(folder: Path) -> Truth:
    """The truth of a generated folder: a dialect's (its ``dialect_truth.json``)
    or, without one, us_pos's (files named after the raw tables, CSV or parquet).
    Table names are discover's: the file stem, and '<file stem>.<array>' for the
    rows nested in a JSON array (marketplace_feed's 'orders.lines')."""
    folder = Path(folder)
    truth_file = folder / TRUTH_FILE
    tables: dict[str, ExpectedTable] = {}
    files: list[Path] = []
    if truth_file.exists():
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        name = truth["dialect"]
        for entry in truth["files"]:
            path = folder / entry["file"]
            files.append(path)
            stem = path.stem
            columns = [column_truth(c["name"], _canonical(c), c.get("hints"))
                       for c in entry["columns"]]
            tables[stem] = _table(stem, entry["table"], columns)
            nested = entry.get("nested")
            if nested:
                child = f"{stem}.{nested['name']}"
                columns = [column_truth(c["name"], _canonical(c), c.get("hints"))
                           for c in nested["columns"]]
                tables[child] = _table(child, nested["table"], columns)
    else:
        name = folder.name
        for path in sorted(folder.iterdir()):
            if (path.stem in schema.TABLES and path.suffix in (".csv", ".parquet")
                    and path.stem not in tables):
                files.append(path)
                columns = [column_truth(c, (f"{path.stem}.{c}",))
                           for c in schema.TABLES[path.stem].column_names]
                tables[path.stem] = _table(path.stem, path.stem, columns)
    if not tables:
        raise ScoreError(f"{folder}: no {TRUTH_FILE} and no raw table files")
    missing = [str(p) for p in files if not p.exists()]
    if missing:
        raise ScoreError(f"{folder}: files of the truth are missing: {', '.join(missing)}")
    return Truth(name, tables, _foreign_keys(tables), tuple(files))


def _canonical(column: dict) -> tuple[str, ...]:
    canonical = column["canonical"]
    return (canonical,) if isinstance(canonical, str) else tuple(canonical)


# ------------------------------------------------------------------- score
def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1; nothing predicted is precision 1.0, nothing to
    find is recall 1.0."""
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(discovery: dict, truth: Truth) -> dict:
    """The figures of ``discovery`` (discovery.json's dict) against ``truth``
    (see the module's docstring), with the wrong columns, keys and edges."""
    predicted = {t["name"]: t for t in discovery.get("tables", [])}
    out: dict = {"tables": len(truth.tables),
                 "tables_found": sum(name in predicted for name in truth.tables),
                 "missing_tables": sorted(set(truth.tables) - set(predicted)),
                 "unscored_tables": sorted(set(predicted) - set(truth.tables))}

    # columns: semantic types and PII
    columns = right = 0
    pii = Counter()
    found = Counter()
    semantic_wrong, pii_wrong, unscored_columns = [], [], []
    formats, format_wrong = Counter(), []
    for name, table in truth.tables.items():
        got_columns = {c["name"]: c for c in predicted.get(name, {}).get("columns", [])}
        unscored_columns += [f"{name}.{c}" for c in got_columns if c not in table.columns]
        for column in table.columns.values():
            got = got_columns.get(column.name, {})
            got_type, got_class = got.get("semantic_type"), got.get("pii_class")
            columns += 1
            if got_type in column.accepted:
                right += 1
            else:
                semantic_wrong.append({"table": name, "column": column.name,
                                       "expected": column.semantic_type, "got": got_type})
            expected_positive = column.pii_class != NONE
            got_positive = got_class not in (None, NONE)
            pii["tp"] += expected_positive and got_positive
            pii["fp"] += got_positive and not expected_positive
            pii["fn"] += expected_positive and not got_positive
            pii["agree"] += got_class == column.pii_class
            found[f"{column.pii_class}_all"] += 1
            found[column.pii_class] += got_positive
            if got_class != column.pii_class:
                pii_wrong.append({"table": name, "column": column.name,
                                  "expected": column.pii_class, "got": got_class})
            for hint, expected in column.hints:
                value = (got.get("format") or {}).get(hint)
                formats["right" if value == expected else "null" if value is None
                        else "wrong"] += 1
                if value is not None and value != expected:
                    format_wrong.append({"table": name, "column": column.name, "hint": hint,
                                         "expected": expected, "got": value})
    out["columns"] = columns
    out["formats"] = sum(formats.values())
    out["format_right"] = formats["right"]
    out["format_null"] = formats["null"]
    out["format_wrong"] = format_wrong
    out["format_wrong_count"] = len(format_wrong)
    out["semantic_accuracy"] = _ratio(right, columns)
    out["semantic_wrong"] = semantic_wrong
    out["pii_precision"], out["pii_recall"], out["pii_f1"] = prf(
        pii["tp"], pii["fp"], pii["fn"])
    out["direct_identifier_recall"] = _ratio(found[DIRECT], found[f"{DIRECT}_all"])
    out["secret_recall"] = _ratio(found[SECRET], found[f"{SECRET}_all"])
    out["pii_class_agreement"] = _ratio(pii["agree"], columns)
    out["pii_wrong"] = pii_wrong
    out["unscored_columns"] = unscored_columns

    # primary keys
    keys = Counter()
    pk_wrong = []
    for name, table in truth.tables.items():
        got = predicted.get(name, {}).get("primary_key")
        accepted = {frozenset(k) for k in table.primary_keys}
        is_right = got is not None and frozenset(got) in accepted
        keys["tp"] += is_right
        keys["fp"] += got is not None and not is_right
        keys["fn"] += bool(accepted) and not is_right
        if (got is not None or accepted) and not is_right:
            pk_wrong.append({"table": name, "expected": [list(k) for k in table.primary_keys],
                             "got": got})
    out["pk_precision"], out["pk_recall"], out["pk_f1"] = prf(keys["tp"], keys["fp"],
                                                              keys["fn"])
    out["pk_wrong"] = pk_wrong

    # foreign keys between the truth's tables
    edges = {ForeignKey(f["from_table"], tuple(f["from_columns"]), f["to_table"],
                        tuple(f["to_columns"])).normalized()
             for f in discovery.get("foreign_keys", [])
             if f["from_table"] in truth.tables and f["to_table"] in truth.tables}
    expected = {f.normalized() for f in truth.foreign_keys}
    out["fk_precision"], out["fk_recall"], out["fk_f1"] = prf(
        len(edges & expected), len(edges - expected), len(expected - edges))
    out["fk_missing"] = sorted(str(f) for f in expected - edges)
    out["fk_spurious"] = sorted(str(f) for f in edges - expected)

    # entities of the denormalized tables
    entity_right = entity_columns = 0
    entity_wrong = []
    for name, table in truth.tables.items():
        if not table.denormalized:
            continue
        stands_for, of_column = _entities(discovery, table)
        for column in table.columns.values():
            entity_columns += 1
            entity = of_column.get(column.name)
            mapped = stands_for[entity] if entity is not None else table.table
            if mapped in column.tables:
                entity_right += 1
            else:
                entity_wrong.append({"table": name, "column": column.name,
                                     "expected": sorted(column.tables), "entity": entity,
                                     "stands_for": mapped})
    out["entity_accuracy"] = _ratio(entity_right, entity_columns)
    out["entity_wrong"] = entity_wrong
    return out


def _entities(discovery: dict, table: ExpectedTable) -> tuple[dict[str, str], dict[str, str]]:
    """Each predicted entity of ``table`` -> the canonical table most of its
    columns belong to (ties: the table's grain, then by name), and each column ->
    the first entity listing it."""
    stands_for: dict[str, str] = {}
    of_column: dict[str, str] = {}
    for entity in discovery.get("entities", []):
        if entity.get("table") != table.name:
            continue
        votes = Counter(t for c in entity.get("columns", []) if c in table.columns
                        for t in table.columns[c].tables)
        label = entity.get("entity")
        stands_for[label] = min(votes, key=lambda t: (-votes[t], t != table.table, t),
                                default=table.table)
        for column in entity.get("columns", []):
            of_column.setdefault(column, label)
    return stands_for, of_column


# --------------------------------------------------------------------- CLI
FIGURES = (
    ("columns", "columns", "{}"), ("semantic", "semantic_accuracy", "{:.3f}"),
    ("PII P", "pii_precision", "{:.3f}"), ("PII R", "pii_recall", "{:.3f}"),
    ("PII F1", "pii_f1", "{:.3f}"), ("direct R", "direct_identifier_recall", "{:.3f}"),
    ("secret R", "secret_recall", "{:.3f}"), ("class", "pii_class_agreement", "{:.3f}"),
    ("PK P", "pk_precision", "{:.3f}"), ("PK R", "pk_recall", "{:.3f}"),
    ("PK F1", "pk_f1", "{:.3f}"), ("FK P", "fk_precision", "{:.3f}"),
    ("FK R", "fk_recall", "{:.3f}"), ("FK F1", "fk_f1", "{:.3f}"),
    ("entities", "entity_accuracy", "{:.3f}"), ("formats", "formats", "{}"),
    ("formats right", "format_right", "{}"), ("formats null", "format_null", "{}"),
    ("formats wrong", "format_wrong_count", "{}"),
    ("seconds", "seconds", "{:.1f}"),
)


def markdown(rows: list[tuple[str, dict]]) -> str:
    """The figures of each (folder, score), one row each."""
    lines = ["| folder | " + " | ".join(label for label, _, _ in FIGURES) + " |",
             "|---|" + "---:|" * len(FIGURES)]
    for name, figures in rows:
        cells = ["–" if figures.get(key) is None else form.format(figures[key])
                 for _, key, form in FIGURES]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def details(name: str, figures: dict) -> str:
    """What was wrong, one line each."""
    lines = [f"\n### {name}"]
    for item in figures["semantic_wrong"]:
        lines.append(f"- type {item['table']}.{item['column']}: expected "
                     f"{item['expected']}, got {item['got']}")
    for item in figures.get("format_wrong", []):
        lines.append(f"- format {item['table']}.{item['column']} {item['hint']}: expected "
                     f"{item['expected']}, got {item['got']}")
    for item in figures["pii_wrong"]:
        lines.append(f"- PII {item['table']}.{item['column']}: expected "
                     f"{item['expected']}, got {item['got']}")
    for item in figures["pk_wrong"]:
        lines.append(f"- PK {item['table']}: expected {item['expected']}, got {item['got']}")
    lines += [f"- FK missing {edge}" for edge in figures["fk_missing"]]
    lines += [f"- FK spurious {edge}" for edge in figures["fk_spurious"]]
    for item in figures["entity_wrong"]:
        lines.append(f"- entity {item['table']}.{item['column']}: expected one of "
                     f"{item['expected']}, its entity {item['entity']} stands for "
                     f"{item['stands_for']}")
    lines += [f"- table not found: {name}" for name in figures["missing_tables"]]
    return "\n".join(lines)


def discover_and_score(truth: Truth) -> dict:
    """Run discover over the truth's data files and score it."""
    from fashion_retail.discover.run import discover

    with tempfile.TemporaryDirectory(prefix="discover-score-") as out:
        started = time.perf_counter()
        result = discover(list(truth.files), out=Path(out))
        seconds = time.perf_counter() - started
    return {**score(result.discovery, truth), "seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    from fashion_retail.arguments import OneLineParser

    parser = OneLineParser(
        prog="python -m fashion_retail.discover.score",
        description="Run discover over generated folders and score it against their "
                    "truth (dialect_truth.json; us_pos: the raw tables).")
    parser.add_argument("folders", nargs="+", type=Path, metavar="FOLDER")
    parser.add_argument("--details", action="store_true",
                        help="list the wrong columns, keys, edges and entities")
    args = parser.parse_args(argv)
    truths = []
    for folder in args.folders:
        if not folder.is_dir():
            parser.error(f"{folder}: not a folder")
        try:
            truths.append(truth_for(folder))
        except (ScoreError, ValueError, KeyError) as exc:
            parser.error(str(exc).splitlines()[0])
    from fashion_retail.discover import DiscoverError

    rows, failed = [], []
    for folder, truth in zip(args.folders, truths):
        name = truth.name if truth.name == folder.name else f"{truth.name} ({folder.name})"
        try:
            rows.append((name, discover_and_score(truth)))
        except DiscoverError as exc:
            failed.append(f"{name}: discover failed: {exc}")
    print(markdown(rows))
    if args.details:
        for name, figures in rows:
            print(details(name, figures))
    for line in failed:
        print(line, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
