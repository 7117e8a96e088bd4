"""The generated data as other systems export it: ``generate --dialect NAME``.

A dialect is a writer over the generated set: the same clean truth, the same
injected defects and the same defect ledger (canonical table and column names),
then every cell *rendered* in the other system's conventions (date layout,
decimal comma, currency, phone writing, the local language's country names),
under its own column names and file layout. Rendering rewrites a value only
when it has the canonical shape (an ISO date, an amount to the cent, an E.164
phone...): a faithful rewriting of the same value, which the cleansing macros
read back with the hints the dialect's truth file gives. A defective cell
without the canonical shape ('N/A', '$1,234.50', '5/1/1983') is written as the
injector wrote it; the ledger keeps the injector's clean and dirty values.

Each dialect is one declaration (``DIALECTS``): its files, their columns and
the renderer of each semantic type. ``us_pos`` is the generator's own output,
unchanged. The truth file (``dialect_truth.json``, docs/dialects.md) lists
every exported column with its canonical ``table.column``, semantic type and
the macros' hints.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import uuid
import zoneinfo
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from fashion_retail.gen import schema
from fashion_retail.gen.rng import stream

DEFAULT = "us_pos"
TRUTH_FILE = "dialect_truth.json"
TRUTH_VERSION = 1
# rows rendered and written at a time: memory stays bounded at any scale
BATCH_ROWS = 100_000

# ------------------------------------------------------------ semantic types
# the semantic type of a raw column follows its kind; the macro staging reads it
# with follows the type (tests_py/test_dialects.py checks both against staging)
KIND_TYPES = {
    "key": "id", "reference": "id", "optional_reference": "id",
    "timestamp": "timestamp", "date": "date", "birth_date": "date",
    "text": "text", "name": "text", "free_text": "text",
    "email": "email", "phone": "phone", "country": "country",
    "category": "category", "code": "category", "flag": "category", "state": "category",
    "money": "amount", "price": "amount", "quantity": "integer", "stock": "integer",
    "rate": "decimal",
}
TYPE_OVERRIDES = {
    "products.sku": "text", "inventory_snapshots.snapshot_date": "date",
    "order_lines.line_number": "integer", "stores.size_sqm": "integer",
}
# canonicalize's domain (seeds/reference/canonical_values.csv) of each category
CATEGORY_DOMAINS = {
    "stores.channel": "channel", "stores.state": "us_state",
    "sellers.brand_tier": "brand_tier",
    "products.category": "product_category", "products.size": "size",
    "products.colour": "colour", "products.material": "material",
    "employees.job_title": "job_title",
    "customers.gender": "gender", "customers.state": "us_state",
    "customers.loyalty_tier": "loyalty_tier", "customers.marketing_opt_in": "boolean",
    "orders.channel": "channel", "orders.payment_method": "payment_method",
    "order_lines.is_returned": "boolean",
}


def semantic_type(canonical: str) -> str:
    table, column = canonical.split(".")
    if canonical in TYPE_OVERRIDES:
        return TYPE_OVERRIDES[canonical]
    return KIND_TYPES[schema.TABLES[table].column(column).kind]


def base_hints(canonical: str) -> dict:
    kind = semantic_type(canonical)
    if kind == "country":
        return {"domain": "country"}
    if kind == "category":
        return {"domain": CATEGORY_DOMAINS[canonical]}
    return {}


# ------------------------------------------------------------ canonical shapes
ISO_DATE = r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$"
ISO_TIMESTAMP = r"^([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})$"
CENTS = re.compile(r"^(-?)([0-9]+)\.([0-9]{2})$")
WHOLE = r"^-?[0-9]+$"
E164 = re.compile(r"^\+[0-9]{8,15}$")
DECIMAL = r"^[0-9]*\.[0-9]+$"

# the local names (CLDR's, which canonicalize knows: a test checks both) and the
# ISO 3166 codes of the countries the generator writes
COUNTRY_NAMES = {
    "de": {"United States": "Vereinigte Staaten", "Italy": "Italien",
           "France": "Frankreich", "Portugal": "Portugal", "Spain": "Spanien",
           "United Kingdom": "Vereinigtes Königreich", "Germany": "Deutschland",
           "India": "Indien", "Turkey": "Türkei"},
    "iso": {"United States": "US", "Italy": "IT", "France": "FR", "Portugal": "PT",
            "Spain": "ES", "United Kingdom": "GB", "Germany": "DE", "India": "IN",
            "Turkey": "TR"},
    "upper": {},
}

# dialling code -> region, trunk prefix of national writing (Italy, Spain and
# Portugal have none), and the digit groups a person writes the national number in
PHONE_PLANS = {
    "1": ("US", "", (3, 3, 4)), "49": ("DE", "0", (3, 7)), "33": ("FR", "0", (1, 2, 2, 2, 2)),
    "39": ("IT", "", (3, 7)), "44": ("GB", "0", (4, 6)), "34": ("ES", "", (3, 3, 3)),
    "351": ("PT", "", (3, 3, 3)), "91": ("IN", "0", (5, 5)), "90": ("TR", "0", (3, 3, 4)),
}
# the international call prefix dialled from each default region
EXIT_CODES = {"DE": "00", "FR": "00", "IT": "00", "US": "011"}


def _groups(digits: str, sizes: tuple[int, ...]) -> str:
    out, at = [], 0
    for size in sizes[:-1]:
        if at + size >= len(digits):
            break
        out.append(digits[at:at + size])
        at += size
    out.append(digits[at:])
    return " ".join(out)


def _split_e164(value: str) -> tuple[str, str] | None:
    for length in (3, 2, 1):
        code = value[1:1 + length]
        if code in PHONE_PLANS:
            return code, value[1 + length:]
    return None


# --------------------------------------------------------------- renderers
# A renderer rewrites a column of one batch (canonical writing in, text out; the
# batch's other canonical columns at hand) and says which hints read it back.
Rows = pa.Table


@dataclass(frozen=True)
class Same:
    """The value as the generator writes it."""

    hints: dict = field(default_factory=dict)
    type_override: str | None = None

    def __call__(self, values: pa.Array, rows: Rows, rng: np.random.Generator) -> pa.Array:
        return values


@dataclass(frozen=True)
class Layout:
    """A regular rewrite of a canonical shape: ISO dates and times as
    '\\3.\\2.\\1' (day first, dots) and the like."""

    pattern: str
    replacement: str
    hints: dict = field(default_factory=dict)
    type_override: str | None = None

    def __call__(self, values, rows, rng):
        return pc.replace_substring_regex(values, self.pattern, self.replacement)


def date_layout(replacement: str, order: str) -> Layout:
    return Layout(ISO_DATE, replacement, {"order": order})


def timestamp_layout(replacement: str, order: str) -> Layout:
    return Layout(ISO_TIMESTAMP, replacement, {"order": order})


def _per_value(values: pa.Array, shape, write: Callable[[str], str]) -> pa.Array:
    """``write`` on each distinct value of the canonical shape, spread to the cells."""
    encoded = values.dictionary_encode()
    written = pa.array([write(v) if shape(v) else v for v in encoded.dictionary.to_pylist()],
                       pa.string())
    return written.take(encoded.indices)


@dataclass(frozen=True)
class Offsets:
    """ISO 8601 timestamps with an offset: the canonical time (UTC) in ``zone``,
    a share of them in UTC with 'Z'."""

    zone: str
    utc_share: float
    hints: dict = field(default_factory=dict)
    type_override: str | None = None

    def __call__(self, values, rows, rng):
        zone = zoneinfo.ZoneInfo(self.zone)
        in_utc = rng.random(len(values)) < self.utc_share
        shape = re.compile(ISO_TIMESTAMP).match

        def local(v):
            return dt.datetime.fromisoformat(v).replace(tzinfo=dt.UTC).astimezone(
                zone).isoformat()

        def utc(v):
            return v.replace(" ", "T") + "Z"

        zoned, z = _per_value(values, shape, local), _per_value(values, shape, utc)
        return pc.if_else(pa.array(in_utc), z, zoned)


@dataclass(frozen=True)
class Amount:
    """Money to the cent with a decimal separator, thousands grouping and a
    currency sign or code before or after the number."""

    decimal: str = "."
    thousands: str = ""
    prefix: str = ""
    suffix: str = ""
    # a returned line's amount as an accounting negative, '(68.00)'
    returns_negative: bool = False
    type_override: str | None = None

    @property
    def hints(self) -> dict:
        return {"decimal_separator": self.decimal,
                **({"returns_negative": True} if self.returns_negative else {})}

    def write(self, value: str, negative: bool = False) -> str:
        sign, whole, cents = CENTS.match(value).groups()
        if self.thousands:
            head = len(whole) % 3 or 3
            whole = self.thousands.join(
                [whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)])
        number = f"{whole}{self.decimal}{cents}"
        if negative:
            return f"({self.prefix}{number}{self.suffix})"
        return f"{sign}{self.prefix}{number}{self.suffix}"

    def __call__(self, values, rows, rng):
        written = _per_value(values, CENTS.match, self.write)
        if not self.returns_negative:
            return written
        returned = pc.fill_null(pc.equal(rows.column("order_lines.is_returned"), "true"),
                                False)
        credit = _per_value(values, lambda v: CENTS.match(v) and v[0] != "-",
                            lambda v: self.write(v, negative=True))
        return pc.if_else(returned, pc.coalesce(credit, written), written)


@dataclass(frozen=True)
class MinorUnits:
    """Money as a whole number of cents (1250 for 12.50)."""

    exponent: int = 2
    type_override: str | None = "amount_minor"

    @property
    def hints(self) -> dict:
        return {"minor_unit_exponent": self.exponent}

    def __call__(self, values, rows, rng):
        return _per_value(values, CENTS.match, lambda v: str(int(v.replace(".", ""))))


@dataclass(frozen=True)
class Phone:
    """E.164 numbers as people in ``region`` write them: the region's own in
    national writing (a share of them), the others with '+' or the exit code."""

    region: str
    national_share: float
    exit_code_share: float
    type_override: str | None = None

    @property
    def hints(self) -> dict:
        return {"default_region": self.region}

    def write(self, value: str, style: float) -> str:
        split = _split_e164(value)
        if split is None:
            return value
        code, national = split
        region, trunk, sizes = PHONE_PLANS[code]
        grouped = _groups(national, sizes)
        if region == self.region and style < self.national_share:
            if code == "1":
                return f"({national[:3]}) {national[3:6]}-{national[6:]}"
            return f"{trunk}{grouped}"
        if region != self.region and style < self.exit_code_share:
            return f"{EXIT_CODES[self.region]}{code} {grouped}"
        return f"+{code} {grouped}"

    def __call__(self, values, rows, rng):
        style = rng.random(len(values))
        out = [self.write(v, s) if v is not None and E164.match(v) else v
               for v, s in zip(values.to_pylist(), style.tolist())]
        return pa.array(out, pa.string())


@dataclass(frozen=True)
class Country:
    """Country names in another language, as ISO codes or in capitals."""

    names: str
    hints: dict = field(default_factory=lambda: {"domain": "country"})
    type_override: str | None = None

    def __call__(self, values, rows, rng):
        if self.names == "upper":
            return pc.utf8_upper(values)
        names = COUNTRY_NAMES[self.names]
        return _per_value(values, names.__contains__, names.__getitem__)


@dataclass(frozen=True)
class Words:
    """Fixed values written as other words ('true' as 'J', '1', 'Y')."""

    words: dict[str, str]
    hints: dict = field(default_factory=dict)
    type_override: str | None = None

    def __call__(self, values, rows, rng):
        return _per_value(values, self.words.__contains__, self.words.__getitem__)


@dataclass(frozen=True)
class Uuid:
    """Integer ids as UUIDs: uuid5 of ``namespace`` and '<table>:<id>'."""

    table: str
    namespace: str = "6ba7b811-9dad-11d1-80b4-00c04fd430c8"   # RFC 4122's URL namespace
    type_override: str | None = "uuid"

    @property
    def hints(self) -> dict:
        return {"uuid5_namespace": self.namespace, "uuid5_name": f"{self.table}:{{id}}"}

    def __call__(self, values, rows, rng):
        space = uuid.UUID(self.namespace)
        return _per_value(values, str.isdigit,
                          lambda v: str(uuid.uuid5(space, f"{self.table}:{v}")))


@dataclass(frozen=True)
class DecimalComma:
    """A fraction with a decimal comma ('0,130')."""

    hints: dict = field(default_factory=lambda: {"decimal_separator": ","})
    type_override: str | None = None

    def __call__(self, values, rows, rng):
        return pc.replace_substring_regex(values, r"^([0-9]*)\.([0-9]+)$", r"\1,\2")


# ------------------------------------------------------------------ files
@dataclass(frozen=True)
class Out:
    """An exported column: its name as written, its canonical column(s) (the
    first is the one rendered), and its renderer (None: the dialect's renderer
    of the column's semantic type)."""

    name: str
    canonical: tuple[str, ...]
    render: object | None = None


@dataclass(frozen=True)
class File:
    name: str
    # the canonical table whose rows the file holds, one row each
    table: str
    columns: tuple[Out, ...]
    # JSON lines: a nested array of another table's rows (key, column, columns)
    nested: tuple[str, str, tuple[Out, ...]] | None = None
    # rows of the table with the attributes of others (legacy_flat): SQL over the
    # raw tables naming its columns '<table>.<column>'
    query: str | None = None


@dataclass(frozen=True)
class Dialect:
    name: str
    description: str
    format: str                       # 'csv' or 'jsonl'
    files: tuple[File, ...]
    renderers: dict[str, object]      # semantic type -> renderer
    # canonicalize domain -> renderer, before the semantic type's (booleans)
    domains: dict[str, object] = field(default_factory=dict)
    encoding: str = "utf-8"
    delimiter: str = ","
    line_ending: str = "\n"

    def renderer(self, out: Out):
        if out.render is not None:
            return out.render
        domain = base_hints(out.canonical[0]).get("domain")
        if domain in self.domains:
            return self.domains[domain]
        return self.renderers.get(semantic_type(out.canonical[0]), Same())


def _columns(table: str, names: dict[str, str], overrides: dict | None = None
             ) -> tuple[Out, ...]:
    """Every column of a raw table, renamed (a missing name keeps the canonical one)."""
    overrides = overrides or {}
    return tuple(Out(names.get(c, c), (f"{table}.{c}",), overrides.get(c))
                 for c in schema.TABLES[table].column_names)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


# --- eu_erp: a German subsidiary's ERP extract --------------------------------
EU_CHANGED = "Geändert am"
EU_NAMES = {
    "stores": ("filialen", {
        "store_id": "Filialnummer", "store_name": "Filialname", "channel": "Vertriebskanal",
        "street_address": "Straße", "city": "Ort", "state": "Bundesstaat",
        "postal_code": "PLZ", "country": "Land", "region": "Region",
        "opened_date": "Eröffnungsdatum", "size_sqm": "Verkaufsfläche m²",
        "updated_at": EU_CHANGED}),
    "sellers": ("lieferanten", {
        "seller_id": "Lieferantennummer", "company_name": "Firma", "brand_name": "Marke",
        "contact_first_name": "Ansprechpartner Vorname",
        "contact_last_name": "Ansprechpartner Nachname", "contact_email": "E-Mail",
        "contact_phone": "Telefon", "country": "Land", "brand_tier": "Markensegment",
        "onboarded_date": "Aufnahmedatum", "commission_rate": "Provisionssatz",
        "updated_at": EU_CHANGED}),
    "products": ("artikel", {
        "product_id": "Artikelnummer", "sku": "SKU", "product_name": "Bezeichnung",
        "brand": "Marke", "category": "Warengruppe", "size": "Größe", "colour": "Farbe",
        "material": "Material", "season": "Saison", "cost": "Einstandspreis",
        "list_price": "Listenpreis", "seller_id": "Lieferantennummer",
        "launch_date": "Einführungsdatum", "updated_at": EU_CHANGED}),
    "employees": ("mitarbeiter", {
        "employee_id": "Personalnummer", "first_name": "Vorname", "last_name": "Nachname",
        "email": "E-Mail", "phone": "Telefon", "date_of_birth": "Geburtsdatum",
        "hire_date": "Eintrittsdatum", "termination_date": "Austrittsdatum",
        "job_title": "Stellenbezeichnung", "department": "Abteilung",
        "store_id": "Filialnummer", "manager_id": "Vorgesetzter", "salary": "Jahresgehalt",
        "updated_at": EU_CHANGED}),
    "customers": ("kunden", {
        "customer_id": "Kundennummer", "first_name": "Vorname", "last_name": "Nachname",
        "email": "E-Mail", "phone": "Telefon", "date_of_birth": "Geburtsdatum",
        "gender": "Geschlecht", "street_address": "Straße", "city": "Ort",
        "state": "Bundesstaat", "postal_code": "PLZ", "country": "Land",
        "signup_date": "Registrierungsdatum", "loyalty_tier": "Kundenstufe",
        "marketing_opt_in": "Werbeeinwilligung", "updated_at": EU_CHANGED}),
    "orders": ("auftraege", {
        "order_id": "Auftragsnummer", "customer_id": "Kundennummer",
        "store_id": "Filialnummer", "employee_id": "Personalnummer",
        "channel": "Vertriebskanal", "order_date": "Auftragsdatum",
        "payment_method": "Zahlungsart", "notes": "Bemerkung", "updated_at": EU_CHANGED}),
    "order_lines": ("auftragspositionen", {
        "order_line_id": "Positions-ID", "order_id": "Auftragsnummer",
        "line_number": "Position", "product_id": "Artikelnummer", "quantity": "Menge",
        "unit_price": "Einzelpreis", "discount_amount": "Rabatt", "is_returned": "Retoure",
        "returned_date": "Retourendatum", "updated_at": EU_CHANGED}),
    "inventory_snapshots": ("lagerbestaende", {
        "inventory_snapshot_id": "Bestands-ID", "snapshot_date": "Stichtag",
        "store_id": "Filialnummer", "product_id": "Artikelnummer",
        "quantity_on_hand": "Bestand", "quantity_on_order": "Bestellt",
        "updated_at": EU_CHANGED}),
}
# the ERP's master-data modules write dates with dots, its sales module with slashes
EU_SLASH_TABLES = ("orders", "order_lines", "inventory_snapshots")
EU_DOTS = date_layout(r"\3.\2.\1", "dmy")
EU_SLASHES = date_layout(r"\3/\2/\1", "dmy")
EU_PHONE = Phone("DE", national_share=0.7, exit_code_share=0.4)
EU_ERP = Dialect(
    "eu_erp",
    "A German subsidiary's ERP extract: one CSV per table, ';'-separated, German "
    "column names, day-first dates, decimal commas, amounts in euros, German phone "
    "writing and country names.",
    "csv",
    tuple(File(f"{EU_NAMES[t][0]}.csv", t, _columns(
        t, EU_NAMES[t][1],
        {c.name: EU_SLASHES for c in schema.TABLES[t].columns
         if t in EU_SLASH_TABLES and semantic_type(f"{t}.{c.name}") == "date"}))
          for t in schema.TABLES),
    {
        "date": EU_DOTS,
        "timestamp": timestamp_layout(r"\3.\2.\1 \4:\5:\6", "dmy"),
        "amount": Amount(decimal=",", thousands=".", suffix=" €"),
        "decimal": DecimalComma(),
        "phone": EU_PHONE,
        "country": Country("de"),
    },
    # the ERP writes booleans as 1 and 0
    domains={"boolean": Words({"true": "1", "false": "0"}, {"domain": "boolean"})},
    delimiter=";",
)


# --- marketplace_feed: JSON lines, orders with their lines nested -------------
MARKET_ZONE = "America/New_York"
MARKET_UTC_SHARE = 0.3
MARKET_AMOUNT_CODE = Amount(suffix=" USD")
MARKET_MINOR = MinorUnits()
MARKET_CUSTOMER = Uuid("customers")
MARKET_RENAMES = {"unit_price": "unitPriceMinor", "cost": "costMinor",
                  "discount_amount": "discount", "is_returned": "returned"}
MARKET_OVERRIDES = {
    "customers": {"customer_id": MARKET_CUSTOMER},
    "orders": {"customer_id": MARKET_CUSTOMER},
    "products": {"cost": MARKET_MINOR},
    "order_lines": {"unit_price": MARKET_MINOR},
}


def _market_columns(table: str) -> tuple[Out, ...]:
    names = {c: MARKET_RENAMES.get(c, _camel(c)) for c in schema.TABLES[table].column_names}
    return _columns(table, names, MARKET_OVERRIDES.get(table))


#: the feed's file names where they are not the table's; order lines travel
#: inside their orders
MARKET_FILE_NAMES = {"employees": "staff", "inventory_snapshots": "inventory"}
MARKET_FILES = {table: MARKET_FILE_NAMES.get(table, table) for table in schema.BUSINESS_TABLES
                if table != "order_lines"}
MARKETPLACE_FEED = Dialect(
    "marketplace_feed",
    "A marketplace's JSON lines feed: one object per line, an order with its lines "
    "nested as an array, ISO 8601 timestamps with offsets, customer UUIDs, ids as "
    "strings, prices in minor units or with a currency code, ISO country codes.",
    "jsonl",
    tuple(File(f"{MARKET_FILES[t]}.jsonl", t, _market_columns(t),
               ("order_id", "lines", tuple(o for o in _market_columns("order_lines")))
               if t == "orders" else None)
          for t in MARKET_FILES),
    {
        "timestamp": Offsets(MARKET_ZONE, MARKET_UTC_SHARE),
        "amount": MARKET_AMOUNT_CODE,
        "country": Country("iso"),
    },
)
# JSON types of the rendered text: numbers and booleans unquoted when they have
# the shape, strings otherwise
JSON_NUMBER_TYPES = ("integer", "amount_minor")
JSON_BOOLEAN_DOMAINS = ("boolean",)


# --- legacy_flat: one denormalized CSV of order lines --------------------------
LEGACY_AMOUNT = Amount(thousands=",")
LEGACY_COLUMNS = (
    Out("LINE_ID", ("order_lines.order_line_id",)),
    Out("ORDER_NO", ("order_lines.order_id", "orders.order_id")),
    Out("LINE_NO", ("order_lines.line_number",)),
    Out("ORDER_DATE", ("orders.order_date",)),
    Out("CHANNEL", ("orders.channel",)),
    Out("STORE_NO", ("orders.store_id",)),
    Out("CLERK_NO", ("orders.employee_id",)),
    Out("PAY_METHOD", ("orders.payment_method",)),
    Out("CUST_NO", ("orders.customer_id", "customers.customer_id")),
    Out("CUST_FIRST", ("customers.first_name",)),
    Out("CUST_LAST", ("customers.last_name",)),
    Out("CUST_EMAIL", ("customers.email",)),
    Out("CUST_PHONE", ("customers.phone",)),
    Out("CUST_CITY", ("customers.city",)),
    Out("CUST_STATE", ("customers.state",)),
    Out("CUST_COUNTRY", ("customers.country",)),
    Out("CUST_TIER", ("customers.loyalty_tier",)),
    Out("ITEM_NO", ("order_lines.product_id", "products.product_id")),
    Out("SKU", ("products.sku",)),
    Out("ITEM_DESC", ("products.product_name",)),
    Out("BRAND", ("products.brand",)),
    Out("CATEGORY", ("products.category",)),
    Out("SIZE", ("products.size",)),
    Out("COLOUR", ("products.colour",)),
    Out("LIST_PRICE", ("products.list_price",)),
    Out("QTY", ("order_lines.quantity",)),
    Out("UNIT_PRICE", ("order_lines.unit_price",), Amount(thousands=",",
                                                          returns_negative=True)),
    Out("DISC_AMT", ("order_lines.discount_amount",)),
    Out("RETURNED", ("order_lines.is_returned",)),
    Out("RETURN_DATE", ("order_lines.returned_date",)),
    Out("LAST_UPD", ("order_lines.updated_at",)),
)
# each line with its order (the first row of a duplicated one), and the version
# of its customer and product current when the line was written (as of its
# updated_at); the versions' times are kept, hidden, for the truth
LEGACY_QUERY = """
with lines as (
    select *, file_row_number as row_number_ from read_parquet('{base}/order_lines.parquet',
        file_row_number = true)
),
orders as (
    select * from read_parquet('{base}/orders.parquet', file_row_number = true)
    qualify row_number() over (partition by order_id order by file_row_number) = 1
),
customers as (
    select distinct on (customer_id, updated_at) *
    from read_parquet('{base}/customers.parquet')
),
products as (
    select distinct on (product_id, updated_at) *
    from read_parquet('{base}/products.parquet')
),
joined as (
    select lines.*, lines.updated_at as line_updated_at,
        {orders_columns}, orders.customer_id as order_customer_id
    from lines
    left join orders on orders.order_id = lines.order_id
)
select {line_columns}, {order_columns},
    {customer_columns}, customers.updated_at as "_customer_version",
    {product_columns}, products.updated_at as "_product_version"
from joined as lines
asof left join customers
    on customers.customer_id = lines.order_customer_id
    and lines.line_updated_at >= customers.updated_at
asof left join products
    on products.product_id = lines.product_id
    and lines.line_updated_at >= products.updated_at
order by lines.row_number_
"""
LEGACY_FLAT = Dialect(
    "legacy_flat",
    "A legacy POS's flat file: one CSV row per order line repeating the order's, "
    "customer's and product's attributes, upper-case abbreviated headers, Windows "
    "line endings, UTF-8 with a byte-order mark, US dates, returns as accounting "
    "negatives.",
    "csv",
    (File("sales_flat.csv", "order_lines", LEGACY_COLUMNS, query=LEGACY_QUERY),),
    {
        "date": date_layout(r"\2/\3/\1", "mdy"),
        "timestamp": timestamp_layout(r"\2/\3/\1 \4:\5:\6", "mdy"),
        "amount": LEGACY_AMOUNT,
        "phone": Phone("US", national_share=1.0, exit_code_share=0.0),
        "country": Country("upper"),
    },
    domains={"boolean": Words({"true": "Y", "false": "N"}, {"domain": "boolean"})},
    encoding="utf-8-sig",
    line_ending="\r\n",
)

DIALECTS: dict[str, Dialect | None] = {
    DEFAULT: None,   # the generator's own output
    "eu_erp": EU_ERP,
    "marketplace_feed": MARKETPLACE_FEED,
    "legacy_flat": LEGACY_FLAT,
}
NAMES = tuple(DIALECTS)


# ----------------------------------------------------------------- reading
def legacy_rows(base: Path):
    """A connection and the query of legacy_flat's rows over a generated set in
    ``base``: canonical columns named '<table>.<column>', and the customer's
    and product's version times ('_customer_version', '_product_version')."""
    def cols(table: str, alias: str = "") -> str:
        return ", ".join(f'{alias or table}.{c} as "{table}.{c}"'
                         for c in schema.TABLES[table].column_names)
    import duckdb

    con = duckdb.connect()
    sql = LEGACY_QUERY.format(
        base=base, orders_columns=", ".join(
            f'orders.{c} as "orders.{c}"' for c in schema.TABLES["orders"].column_names),
        line_columns=cols("order_lines", "lines"),
        order_columns=", ".join(f'lines."orders.{c}"'
                                for c in schema.TABLES["orders"].column_names),
        customer_columns=cols("customers"), product_columns=cols("products"))
    return con, sql


def source_batches(file: File, base: Path) -> Iterator[pa.Table]:
    """The file's rows, canonical columns named '<table>.<column>', in batches."""
    if file.query is not None:
        con, sql = legacy_rows(base)
        reader = con.execute(sql).to_arrow_reader(BATCH_ROWS)
        for batch in reader:
            yield pa.Table.from_batches([batch])
        con.close()
        return
    parquet = pq.ParquetFile(base / f"{file.table}.parquet")
    for batch in parquet.iter_batches(BATCH_ROWS):
        table = pa.Table.from_batches([batch])
        yield table.rename_columns([f"{file.table}.{c}" for c in table.column_names])


def render(dialect: Dialect, file: File, columns: tuple[Out, ...], rows: pa.Table,
           seed: int, batch: int) -> dict[str, pa.Array]:
    out = {}
    for column in columns:
        values = rows.column(column.canonical[0]).combine_chunks()
        rng = stream(seed, "dialect", dialect.name, file.name, column.name, batch)
        out[column.name] = dialect.renderer(column)(values, rows, rng)
    return out


# ----------------------------------------------------------------- writing
def _csv_writer(handle, dialect: Dialect):
    return csv.writer(handle, delimiter=dialect.delimiter, lineterminator=dialect.line_ending,
                      quoting=csv.QUOTE_MINIMAL)


def write_csv(dialect: Dialect, file: File, base: Path, path: Path, seed: int) -> int:
    rows = 0
    with open(path, "w", encoding=dialect.encoding, newline="") as handle:
        writer = _csv_writer(handle, dialect)
        writer.writerow([c.name for c in file.columns])
        for number, batch in enumerate(source_batches(file, base)):
            rendered = render(dialect, file, file.columns, batch, seed, number)
            writer.writerows(zip(*(rendered[c.name].to_pylist() for c in file.columns)))
            rows += len(batch)
    return rows


def json_kind(dialect: Dialect, column: Out) -> str:
    renderer = dialect.renderer(column)
    kind = renderer.type_override or semantic_type(column.canonical[0])
    if kind in JSON_NUMBER_TYPES:
        return "number"
    hints = {**base_hints(column.canonical[0]), **renderer.hints}
    if hints.get("domain") in JSON_BOOLEAN_DOMAINS:
        return "boolean"
    return "string"


def _json_values(dialect: Dialect, columns: tuple[Out, ...], rendered: dict) -> list[list]:
    out = []
    for column in columns:
        values = rendered[column.name].to_pylist()
        kind = json_kind(dialect, column)
        if kind == "number":
            values = [int(v) if v is not None and re.match(WHOLE, v) else v for v in values]
        elif kind == "boolean":
            values = [{"true": True, "false": False}.get(v, v) if v is not None else v
                      for v in values]
        out.append(values)
    return out


def write_jsonl(dialect: Dialect, file: File, base: Path, path: Path, seed: int) -> int:
    names = [c.name for c in file.columns]
    nested = None
    if file.nested is not None:
        key, label, inner = file.nested
        table = schema.TABLES["order_lines"]
        lines = pq.read_table(base / f"{table.name}.parquet")
        lines = lines.rename_columns([f"{table.name}.{c}" for c in lines.column_names])
        rendered = render(dialect, File(file.name, table.name, inner), inner, lines, seed, 0)
        values = _json_values(dialect, inner, rendered)
        inner_names = [c.name for c in inner]
        by_order: dict[str, list] = {}
        for order_id, *row in zip(lines.column(f"{table.name}.{key}").to_pylist(), *values):
            by_order.setdefault(order_id, []).append(dict(zip(inner_names, row)))
        nested = (f"{file.table}.{key}", label, by_order)
    rows = 0
    with open(path, "w", encoding=dialect.encoding, newline="") as handle:
        for number, batch in enumerate(source_batches(file, base)):
            rendered = render(dialect, file, file.columns, batch, seed, number)
            values = _json_values(dialect, file.columns, rendered)
            keys = batch.column(nested[0]).to_pylist() if nested else [None] * len(batch)
            for key_value, *row in zip(keys, *values):
                record = dict(zip(names, row))
                if nested:
                    # a duplicated order carries its lines once, on its first row
                    record[nested[1]] = nested[2].pop(key_value, [])
                handle.write(json.dumps(record, ensure_ascii=False) + dialect.line_ending)
            rows += len(batch)
    return rows


# ------------------------------------------------------------- truth file
def truth(dialect: Dialect, rows: dict[str, int], cfg) -> dict:
    """The dialect's truth file: every exported column with its canonical
    column(s), semantic type and the hints the cleansing macros read it with."""
    def describe(column: Out, path: str | None = None) -> dict:
        renderer = dialect.renderer(column)
        entry = {
            "name": column.name,
            "canonical": list(column.canonical) if len(column.canonical) > 1
            else column.canonical[0],
            "semantic_type": renderer.type_override or semantic_type(column.canonical[0]),
            "hints": {**base_hints(column.canonical[0]), **renderer.hints},
        }
        if path:
            entry["path"] = [path, column.name]
        if dialect.format == "jsonl":
            entry["json_type"] = json_kind(dialect, column)
        return entry

    files = []
    for file in dialect.files:
        entry = {
            "file": file.name, "format": dialect.format, "encoding": dialect.encoding,
            "line_ending": {"\n": "LF", "\r\n": "CRLF"}[dialect.line_ending],
            "table": file.table, "rows": rows[file.name],
            "grain": f"one row per row of the raw table {file.table}"
            + (", with its order's, customer's and product's attributes"
               if file.query else ""),
            "columns": [describe(c) for c in file.columns],
        }
        if dialect.format == "csv":
            entry.update(delimiter=dialect.delimiter, quote='"', header=True)
        if file.nested:
            key, label, inner = file.nested
            entry["nested"] = {"name": label, "table": "order_lines", "key": key,
                               "columns": [describe(c, label) for c in inner]}
        files.append(entry)
    return {
        "truth_version": TRUTH_VERSION,
        "dialect": dialect.name,
        "description": dialect.description,
        "seed": cfg.seed, "scale": cfg.scale, "defect_rate": cfg.defect_rate,
        "canonical_timezone": "UTC",
        "ledger": {"file": f"{schema.LEDGER.name}.{cfg.fmt}",
                   "names": "canonical raw table and column names; clean and dirty "
                            "values as the generator (us_pos) writes them"},
        "files": files,
    }


# ----------------------------------------------------------------- export
BASE = ".us_pos"
SIDE_TABLES = (schema.LEDGER.name, schema.ANOMALY_LEDGER.name, schema.MANIFEST.name)


def generate_dialect(cfg, name: str):
    """Generate the set into ``cfg.out`` as the dialect ``name`` writes it: its
    files, the ledgers and manifest (in cfg.fmt), and the truth file."""
    import time
    from dataclasses import replace

    from fashion_retail.gen.generate import generate

    started = time.perf_counter()
    dialect = DIALECTS[name]
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    # until the end, no complete set: the old manifest and truth file go first
    for stale in (out / f"{schema.MANIFEST.name}.{cfg.fmt}", out / TRUTH_FILE):
        stale.unlink(missing_ok=True)
    base = out / BASE
    try:
        result = generate(replace(cfg, out=base, fmt="parquet"))
        rows = {}
        for file in dialect.files:
            partial = out / f"{file.name}.partial"
            write = write_csv if dialect.format == "csv" else write_jsonl
            rows[file.name] = write(dialect, file, base, partial, cfg.seed)
        for table in SIDE_TABLES:
            target = out / f"{table}.{cfg.fmt}.partial"
            if cfg.fmt == "parquet":
                shutil.copyfile(base / f"{table}.parquet", target)
            else:
                pacsv.write_csv(pq.read_table(base / f"{table}.parquet"), target)
        for file in dialect.files:
            (out / f"{file.name}.partial").replace(out / file.name)
        for table in SIDE_TABLES:
            (out / f"{table}.{cfg.fmt}.partial").replace(out / f"{table}.{cfg.fmt}")
        text = json.dumps(truth(dialect, rows, cfg), indent=2, ensure_ascii=False)
        (out / f"{TRUTH_FILE}.partial").write_text(text + "\n", encoding="utf-8")
        (out / f"{TRUTH_FILE}.partial").replace(out / TRUTH_FILE)
    finally:
        shutil.rmtree(base, ignore_errors=True)
        for partial in out.glob("*.partial"):
            partial.unlink()
    result.out = out
    result.files = rows
    result.seconds = time.perf_counter() - started
    return result


def read_csv_text(path: Path, dialect: Dialect) -> list[list[str]]:
    """A dialect's CSV as a plain reader sees it (tests, docs)."""
    with open(path, encoding=dialect.encoding, newline="") as handle:
        return list(csv.reader(io.StringIO(handle.read()), delimiter=dialect.delimiter))

