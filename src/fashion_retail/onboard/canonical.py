"""The canonical raw schema as the aligner sees it: each column's English
words (its name, and the other names it goes by), semantic type, cleansing
domain, key and reference, and the values it holds in the committed seeds.

The schema is ``gen.schema`` (the generator's raw tables); semantic types and
domains are the dialects' (``gen.dialects``), so the aligner, the dialect
truth files and the staging macros agree on what a column is.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fashion_retail.gen import dialects, schema
from fashion_retail.onboard.lexicon import english, fold, split_name

PROJECT = Path(__file__).resolve().parents[3]
SEEDS = PROJECT / "seeds"
TABLES = schema.BUSINESS_TABLES
# the words naming each table's entity; a column named with another table's
# entity words ('Kundennummer' in orders) refers to that table
ENTITIES = {
    "stores": ("store",), "sellers": ("seller",), "products": ("product",),
    "employees": ("employee",), "customers": ("customer",), "orders": ("order",),
    "order_lines": ("order", "line"), "inventory_snapshots": ("inventory", "snapshot"),
}
ENTITY_WORDS = frozenset(w for words in ENTITIES.values() for w in words)
# other names a canonical column goes by, in English (the lexicon translates)
ALIASES = {
    "stores.store_name": ("name", "shop name"), "stores.size_sqm": ("floor area", "area"),
    "sellers.company_name": ("company", "supplier name", "legal name"),
    "sellers.brand_name": ("brand",), "sellers.brand_tier": ("segment", "tier"),
    "sellers.contact_first_name": ("first name",), "sellers.contact_last_name": ("last name",),
    "sellers.contact_email": ("email",), "sellers.contact_phone": ("phone",),
    "sellers.commission_rate": ("commission",), "products.product_name": ("name", "title"),
    "products.cost": ("cost price", "purchase price", "unit cost"),
    "products.list_price": ("price", "retail price", "msrp"),
    "products.launch_date": ("release date", "introduced"),
    "products.sku": ("sku", "ean", "article code"),
    "employees.job_title": ("position", "role", "title"),
    "employees.manager_id": ("reports to", "supervisor id"),
    "customers.loyalty_tier": ("tier", "status", "level", "segment"),
    "customers.marketing_opt_in": ("opt in", "consent", "newsletter"),
    "customers.signup_date": ("registration date", "joined", "created"),
    "orders.order_date": ("date", "ordered at"), "orders.notes": ("comment",),
    "orders.payment_method": ("payment", "tender"), "order_lines.line_number": (
        "position", "line", "seq", "line no"),
    "order_lines.quantity": ("qty", "units"), "order_lines.unit_price": ("price",),
    "order_lines.discount_amount": ("discount",), "order_lines.is_returned": ("returned",),
    "order_lines.returned_date": ("return date",),
    "inventory_snapshots.snapshot_date": ("date", "as of"),
    "inventory_snapshots.quantity_on_hand": ("stock", "on hand", "quantity"),
    "inventory_snapshots.quantity_on_order": ("ordered", "on order"),
}
# a category-like column's values are compared with the seed's when it has at
# most this many distinct values there
VALUE_SET_MAX = 400
CENTS = re.compile(r"^-?[0-9]+\.[0-9]{2}$")


@dataclass(frozen=True)
class Column:
    table: str
    name: str
    semantic_type: str
    domain: str | None
    is_key: bool
    references: str | None
    variants: tuple[tuple[frozenset[str], frozenset[str]], ...]

    @property
    def qualified(self) -> str:
        return f"{self.table}.{self.name}"


def _references(table: str, column: schema.Column) -> str | None:
    """The table a column refers to: another table's key by name (an order
    line's order_id), or a manager's employee."""
    if column.name == "manager_id":
        return "employees"
    if column.name == schema.TABLES[table].key:
        return None
    return next((t for t in TABLES if schema.TABLES[t].key == column.name), None)


def words(name: str) -> frozenset[str]:
    return frozenset(english(split_name(name)))


@cache
def columns() -> dict[str, tuple[Column, ...]]:
    out = {}
    for table in TABLES:
        entity = frozenset(ENTITIES[table])
        cols = []
        for column in schema.TABLES[table].columns:
            qualified = f"{table}.{column.name}"
            names = (column.name, *ALIASES.get(qualified, ()))
            # each name's words with the table's entity, and alone
            variants = tuple((words(n) | entity, words(n)) for n in names)
            cols.append(Column(
                table, column.name, dialects.semantic_type(qualified),
                dialects.base_hints(qualified).get("domain"),
                column.name == schema.TABLES[table].key, _references(table, column),
                variants))
        out[table] = tuple(cols)
    return out


def column(qualified: str) -> Column:
    table, name = qualified.split(".", 1)
    return next(c for c in columns()[table] if c.name == name)


@cache
def value_sets() -> dict[str, frozenset[str]]:
    """Each category-like canonical column's folded values in the committed
    raw seeds, with the spellings canonicalize knows for its domain."""
    spellings: dict[str, set[str]] = {}
    with open(SEEDS / "reference" / "canonical_values.csv", newline="",
              encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            spellings.setdefault(row["domain"], set()).update(
                {fold(row["spelling"]), fold(row["canonical"])})
    out = {}
    for table in TABLES:
        path = SEEDS / "raw" / f"{table}.csv"
        with open(path, newline="", encoding="utf-8") as handle:
            counts: dict[str, Counter] = {}
            for row in csv.DictReader(handle):
                for name, value in row.items():
                    if value:
                        counts.setdefault(name, Counter())[fold(value.strip())] += 1
        for col in columns()[table]:
            seen = counts.get(col.name, Counter())
            if col.semantic_type not in ("category", "country", "text") or \
                    len(seen) > VALUE_SET_MAX:
                continue
            values = {v for v, n in seen.items() if n > 1}
            if col.domain:
                values |= spellings.get(col.domain, set())
            out[col.qualified] = frozenset(values)
    return out


@cache
def medians() -> dict[str, float]:
    """Each money column's median in the committed raw seeds (the values
    written to the cent)."""
    return {name: values[len(values) // 2] for name, values in _amounts().items()}


@cache
def negative_shares() -> dict[str, float]:
    """Each money column's share of negative values in the committed raw seeds
    (an impossible value the generator injects, not a writing)."""
    return {name: sum(v < 0 for v in values) / len(values)
            for name, values in _amounts().items()}


@cache
def _amounts() -> dict[str, list[float]]:
    out = {}
    for table in TABLES:
        amounts = [c.name for c in columns()[table] if c.semantic_type == "amount"]
        if not amounts:
            continue
        with open(SEEDS / "raw" / f"{table}.csv", newline="", encoding="utf-8") as handle:
            found: dict[str, list[float]] = {name: [] for name in amounts}
            for row in csv.DictReader(handle):
                for name in amounts:
                    value = row.get(name) or ""
                    if CENTS.match(value):
                        found[name].append(float(value))
        for name, values in found.items():
            if values:
                out[f"{table}.{name}"] = sorted(values)
    return out
