"""The raw tables: columns, their meaning, PII class and the defects they receive.

This is the single place that says what a raw column is. The defect injector reads
the defect rates from it, and ``make yaml`` (``fashion_retail.gen.dbt_yaml``) renders the
dbt source and seed properties from it, so docs and data cannot drift apart.

Rates are per eligible cell (non-null in the clean truth) and per row for row
defects, at ``--defect-rate 1``; the flag multiplies them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# defect classes and their default per-cell rates, by column kind
MISSING = "missing_value"
WHITESPACE = "whitespace_casing"
DATE_FORMAT = "date_format"
PHONE_FORMAT = "phone_format"
EMAIL_NOISE = "email_noise"
SYNONYM = "category_synonym"
TYPO = "category_typo"
MONEY_TEXT = "money_text"
IMPOSSIBLE = "impossible_value"
OUTLIER = "outlier"
SPELLING = "country_state_spelling"
BROKEN_REF = "broken_reference"
EXACT_DUP = "exact_duplicate"
NEAR_DUP = "near_duplicate"
# defects injected by pipeline incidents (fashion_retail.gen.anomalies), not by rate
DECIMAL_SHIFT = "decimal_shift"
DUPLICATE_LOAD = "duplicate_load"


@dataclass(frozen=True)
class DefectClass:
    """A kind of defect: where it comes from ('cell': a corrupted value, 'row': an
    injected row, 'incident': a pipeline incident), whether it can be repaired
    in principle, and how the cleansing layer handles it. The defect_classes
    seed is rendered from these (``make yaml``)."""

    name: str
    origin: str
    is_repairable: bool
    handling: str


# every defect class, once: the seed, the injector's class lists and the
# scorecard's rows come from here
DEFECT_CLASSES: dict[str, DefectClass] = {c.name: c for c in [
    DefectClass(
        MISSING, "cell", False,
        "Imputed where another row tells the value (other versions, style "
        "siblings, postal codes, the order's time); otherwise left null: "
        "nothing to infer it from."),
    DefectClass(
        WHITESPACE, "cell", True,
        "clean_text, then the column's majority spelling ignoring case (proper "
        "case for a value seen only in all caps or all lower case)."),
    DefectClass(
        DATE_FORMAT, "cell", True,
        "parse_date: every documented writing, month first."),
    DefectClass(
        PHONE_FORMAT, "cell", True,
        "standardize_phone: E.164."),
    DefectClass(
        EMAIL_NOISE, "cell", True,
        "standardize_email: trimmed, lower case."),
    DefectClass(
        SYNONYM, "cell", True,
        "canonicalize: the canonical_values seed."),
    DefectClass(
        TYPO, "cell", True,
        "canonicalize: the unique nearest known spelling."),
    DefectClass(
        MONEY_TEXT, "cell", True,
        "parse_amount."),
    DefectClass(
        IMPOSSIBLE, "cell", False,
        "Sign errors on prices and line quantities flipped; impossible birth "
        "dates, zero quantities and negative stock nulled and flagged."),
    DefectClass(
        OUTLIER, "cell", False,
        "Prices and costs repaired from the style's siblings or the product's "
        "list price; other outliers flagged and kept, never deleted."),
    DefectClass(
        SPELLING, "cell", True,
        "canonicalize: country and us_state domains."),
    DefectClass(
        BROKEN_REF, "cell", False,
        "Re-pointed to the unknown member (-1) and flagged: the intended row "
        "cannot be known."),
    DefectClass(
        EXACT_DUP, "row", True,
        "Collapsed to one row per key and version."),
    DefectClass(
        NEAR_DUP, "row", True,
        "Merged into the earliest matching registration (int_customers_merged)."),
    DefectClass(
        DECIMAL_SHIFT, "incident", True,
        "A pipeline incident (see anomaly_ledger): a day of one category's unit"
        " prices off by a decimal place. Prices more than twice or under half "
        "the list price on the order date are replaced by it."),
    DefectClass(
        DUPLICATE_LOAD, "incident", True,
        "A pipeline incident (see anomaly_ledger): a day of orders and lines "
        "loaded twice. Collapsed to one row per key and version, as exact "
        "duplicates."),
]}

CELL_CLASSES = tuple(n for n, c in DEFECT_CLASSES.items() if c.origin == "cell")
ROW_CLASSES = tuple(n for n, c in DEFECT_CLASSES.items() if c.origin == "row")
INCIDENT_CLASSES = tuple(n for n, c in DEFECT_CLASSES.items() if c.origin == "incident")

KINDS: dict[str, dict[str, float]] = {
    "key": {},
    "timestamp": {},
    "text": {MISSING: 0.015, WHITESPACE: 0.03},
    "name": {MISSING: 0.01, WHITESPACE: 0.04},
    "email": {MISSING: 0.02, EMAIL_NOISE: 0.06},
    "phone": {MISSING: 0.02, PHONE_FORMAT: 0.30},
    "date": {MISSING: 0.01, DATE_FORMAT: 0.08},
    "birth_date": {MISSING: 0.02, DATE_FORMAT: 0.08, IMPOSSIBLE: 0.003},
    "category": {MISSING: 0.01, SYNONYM: 0.04, TYPO: 0.02},
    "code": {MISSING: 0.01, SYNONYM: 0.05},
    "flag": {SYNONYM: 0.04},
    "country": {MISSING: 0.005, SPELLING: 0.08},
    "state": {MISSING: 0.005, SPELLING: 0.08},
    "money": {MISSING: 0.01, MONEY_TEXT: 0.06, OUTLIER: 0.002},
    "price": {MISSING: 0.005, MONEY_TEXT: 0.06, OUTLIER: 0.002, IMPOSSIBLE: 0.002},
    "quantity": {IMPOSSIBLE: 0.003, OUTLIER: 0.002},
    "stock": {MISSING: 0.005, IMPOSSIBLE: 0.002, OUTLIER: 0.002},
    "rate": {MISSING: 0.01, OUTLIER: 0.01},
    "reference": {BROKEN_REF: 0.003},
    "optional_reference": {},
    # customers' notes: clean free text, there to be anonymized, not repaired
    "free_text": {},
}


# kinds whose values are (nearly) all distinct
DISTINCT_KINDS = frozenset({"key", "timestamp", "email", "phone"})


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    description: str
    pii: str | None = None

    @property
    def defects(self) -> dict[str, float]:
        return KINDS[self.kind]


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    key: str
    columns: tuple[Column, ...]
    versioned: bool = False
    row_defects: dict[str, float] = field(default_factory=dict)
    # written in monthly chunks by the sales worker process, beside the rest
    streamed: bool = False
    # columns worth dictionary-encoding in parquet; None: those of a repetitive kind
    dictionary: tuple[str, ...] | None = None

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def dictionary_columns(self) -> list[str]:
        """Columns whose values repeat, so a parquet dictionary pays for itself.

        Dictionary-encoding a column of distinct values (ids, timestamps, e-mails)
        costs a quarter of the write time and saves nothing.
        """
        if self.dictionary is not None:
            return list(self.dictionary)
        return [c.name for c in self.columns if c.kind not in DISTINCT_KINDS]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


UPDATED_AT = Column("updated_at", "timestamp",
                    "When the source system last wrote this row (its version time), "
                    "'YYYY-MM-DD HH:MM:SS'. Never corrupted: it orders CDC versions.")

TABLES: dict[str, Table] = {t.name: t for t in [
    Table(
        "stores", "Physical stores and the online channel (store_id 1), one row each.",
        "store_id",
        (
            Column("store_id", "key", "Store identifier; 1 is the online store."),
            Column("store_name", "text", "Trading name of the store."),
            Column("channel", "code", "'store' for a physical store, 'online' for the web shop."),
            Column("street_address", "text", "Street address of the store."),
            Column("city", "text", "City of the store."),
            Column("state", "state", "US state as its two-letter code."),
            Column("postal_code", "text", "Five-digit ZIP code."),
            Column("country", "country", "Country name."),
            Column("region", "text", "Sales region the store reports to."),
            Column("opened_date", "date", "Date the store opened, 'YYYY-MM-DD'."),
            Column("size_sqm", "optional_reference", "Sales floor area in square metres "
                   "(null for online)."),
            UPDATED_AT,
        ),
    ),
    Table(
        "sellers", "Brands and vendors that supply products; a new version when the "
        "commission is renegotiated.", "seller_id",
        (
            Column("seller_id", "key", "Seller identifier."),
            Column("company_name", "name", "Legal name of the supplying company."),
            Column("brand_name", "text", "Brand the seller's products carry."),
            Column("contact_first_name", "name", "Account contact's first name.",
                   "first_name"),
            Column("contact_last_name", "name", "Account contact's last name.", "last_name"),
            Column("contact_email", "email", "Account contact's e-mail.", "email"),
            Column("contact_phone", "phone", "Account contact's phone, E.164 "
                   "('+<country code><number>').", "phone"),
            Column("country", "country", "Country the seller ships from."),
            Column("brand_tier", "category", "Value, Mid, Premium or Luxury."),
            Column("onboarded_date", "date", "Date the seller was onboarded."),
            Column("commission_rate", "rate", "Commission the retailer keeps on the "
                   "seller's sales, as a fraction."),
            UPDATED_AT,
        ),
        versioned=True,
    ),
    Table(
        "products", "Sellable SKUs (style, colour and size); a new version when the list "
        "price changes.", "product_id",
        (
            Column("product_id", "key", "Product (SKU) identifier."),
            Column("sku", "key", "Stock keeping unit code: category, style, colour, size."),
            Column("product_name", "text", "Display name: brand, adjective, material, noun."),
            Column("brand", "text", "Brand name (the seller's brand)."),
            Column("category", "category", "Merchandise category."),
            Column("size", "code", "Size label: XS-XXL, waist 26-38, EU shoe 36-44, "
                   "or One Size."),
            Column("colour", "category", "Main colour."),
            Column("material", "category", "Main material."),
            Column("season", "text", "Collection the style launched in: SS or AW and "
                   "the year."),
            Column("cost", "money", "Unit cost paid to the seller, USD."),
            Column("list_price", "price", "Unit list price, USD."),
            Column("seller_id", "reference", "Seller supplying the product."),
            Column("launch_date", "date", "First day the product is on sale."),
            UPDATED_AT,
        ),
        versioned=True,
    ),
    Table(
        "employees", "Store, online and regional staff; a new version on promotion, "
        "transfer or raise.", "employee_id",
        (
            Column("employee_id", "key", "Employee identifier."),
            Column("first_name", "name", "First name.", "first_name"),
            Column("last_name", "name", "Last name.", "last_name"),
            Column("email", "email", "Work e-mail.", "email"),
            Column("phone", "phone", "Phone, E.164.", "phone"),
            Column("date_of_birth", "birth_date", "Date of birth.", "date_of_birth"),
            Column("hire_date", "date", "Date of hire."),
            Column("termination_date", "date", "Last day employed; null while employed."),
            Column("job_title", "category", "Job title."),
            Column("department", "text", "Department."),
            Column("store_id", "optional_reference", "Store the employee works at; null "
                   "for regional and head-office roles."),
            Column("manager_id", "optional_reference", "Employee this one reports to; null "
                   "for the head of retail."),
            Column("salary", "money", "Annual base salary, USD.", "salary"),
            UPDATED_AT,
        ),
        versioned=True,
    ),
    Table(
        "customers", "Registered customers; a new version when one moves or changes "
        "loyalty tier.", "customer_id",
        (
            Column("customer_id", "key", "Customer identifier."),
            Column("first_name", "name", "First name.", "first_name"),
            Column("last_name", "name", "Last name.", "last_name"),
            Column("email", "email", "E-mail address.", "email"),
            Column("phone", "phone", "Phone, E.164.", "phone"),
            Column("date_of_birth", "birth_date", "Date of birth.", "date_of_birth"),
            Column("gender", "code", "Female, Male or Non-binary.", "gender"),
            Column("street_address", "text", "Street address.", "street_address"),
            Column("city", "text", "City.", "city"),
            Column("state", "state", "US state as its two-letter code.", "state"),
            Column("postal_code", "text", "Five-digit ZIP code.", "postal_code"),
            Column("country", "country", "Country name."),
            Column("signup_date", "date", "Date the customer registered."),
            Column("loyalty_tier", "code", "Bronze, Silver, Gold or Platinum."),
            Column("marketing_opt_in", "flag", "'true' when the customer accepts "
                   "marketing."),
            UPDATED_AT,
        ),
        versioned=True,
        row_defects={EXACT_DUP: 0.005, NEAR_DUP: 0.01},
    ),
    Table(
        "orders", "Sales orders, in store or online.", "order_id",
        (
            Column("order_id", "key", "Order identifier."),
            Column("customer_id", "reference", "Customer who placed the order."),
            Column("store_id", "key", "Store that sold it (1 for online)."),
            Column("employee_id", "optional_reference", "Employee credited with an "
                   "in-store sale; null online."),
            Column("channel", "code", "'store' or 'online'."),
            Column("order_date", "date", "Date of the order."),
            Column("payment_method", "code", "How the order was paid."),
            Column("notes", "free_text", "The customer's note on the order (delivery, "
                   "gift or alteration request), null for most orders; free text that "
                   "may name people and give phone numbers or e-mail addresses.",
                   pii="free_text"),
            UPDATED_AT,
        ),
        row_defects={EXACT_DUP: 0.005},
    ),
    Table(
        "order_lines", "One row per product on an order.", "order_line_id",
        (
            Column("order_line_id", "key", "Order line identifier."),
            Column("order_id", "key", "Order the line belongs to."),
            Column("line_number", "key", "Position of the line on its order, from 1."),
            Column("product_id", "reference", "Product sold."),
            Column("quantity", "quantity", "Units sold."),
            Column("unit_price", "price", "List price per unit at the time of sale, USD."),
            Column("discount_amount", "money", "Discount on the whole line, USD."),
            Column("is_returned", "flag", "'true' when the line was returned."),
            Column("returned_date", "date", "Date of the return; null when not returned."),
            UPDATED_AT,
        ),
        row_defects={EXACT_DUP: 0.005},
        streamed=True,
    ),
    Table(
        "inventory_snapshots", "Month-end stock per store and product.",
        "inventory_snapshot_id",
        (
            Column("inventory_snapshot_id", "key", "Snapshot row identifier."),
            Column("snapshot_date", "key", "Month-end date of the snapshot."),
            Column("store_id", "key", "Store holding the stock (1: the online warehouse)."),
            Column("product_id", "key", "Product stocked."),
            Column("quantity_on_hand", "stock", "Units on hand at the snapshot."),
            Column("quantity_on_order", "stock", "Units ordered from the seller, not yet "
                   "received."),
            UPDATED_AT,
        ),
        row_defects={EXACT_DUP: 0.005},
        streamed=True,
    ),
]}

LEDGER = Table(
    "defect_ledger", "Ground truth of every injected defect: one row per corrupted cell "
    "or injected row.", "defect_id",
    (
        Column("defect_id", "key", "Ledger row identifier."),
        Column("table_name", "key", "Raw table holding the defect."),
        Column("record_id", "key", "Primary key value of the affected row."),
        Column("record_updated_at", "key", "updated_at of the affected row (with "
               "record_id, identifies one version)."),
        Column("column_name", "key", "Corrupted column; null for row defects."),
        Column("defect_class", "key",
               "Defect class (schema.DEFECT_CLASSES; the defect_classes seed)."),
        Column("clean_value", "key", "The true value; for near_duplicate the id of the "
               "original record; null for exact_duplicate."),
        Column("dirty_value", "key", "The value written to the raw table."),
    ),
    dictionary=("table_name", "column_name", "defect_class"),
)

ANOMALY_LEDGER = Table(
    "anomaly_ledger", "Ground truth of every incident injected into the sales history "
    "(see fashion_retail.gen.anomalies): one row per incident.", "incident_id",
    (
        Column("incident_id", "key", "Incident identifier, in order of start date."),
        Column("incident_class", "key", "store_silent, order_spike, order_drop, "
               "returns_surge, price_shift or duplicate_load."),
        Column("incident_kind", "key", "business (it happened: part of the truth) or "
               "pipeline (only the load was wrong: also in the defect ledger)."),
        Column("segment_type", "key", "all, channel, store or category."),
        Column("segment_id", "key", "'all', the channel, the store_id or the category."),
        Column("start_date", "key", "First day of the incident, 'YYYY-MM-DD'."),
        Column("end_date", "key", "Last day of the incident (one to three days)."),
        Column("metric", "key", "Daily metric it moves: orders, return_rate, "
               "invalid_rate (unit prices) or duplicate_rate."),
        Column("magnitude", "key", "Relative change of the segment's daily value: "
               "-1 for silence, 9 or -0.9 for a decimal shift."),
        Column("expected_value", "key", "The segment's normal daily value of the metric "
               "(orders: count, rates: share), mean over the incident's days."),
        Column("signal_to_noise", "key", "Effect on the strongest day in standard "
               "deviations of the segment's natural noise."),
        Column("is_detectable", "key", "'true' when signal_to_noise reaches the "
               "generator's detectability floor (6)."),
        Column("is_in_sale_period", "key", "'true' when a day of it falls in a sale."),
    ),
)

MANIFEST = Table(
    "generation_manifest", "One row per generated table: how it was generated and how "
    "many rows were written.", "table_name",
    (
        Column("table_name", "key", "Raw table name."),
        Column("row_count", "key", "Rows written to the table."),
        Column("seed", "key", "--seed used."),
        Column("scale", "key", "--scale used."),
        Column("defect_rate", "key", "--defect-rate multiplier used."),
        Column("start_date", "key", "First day of the sales history."),
        Column("end_date", "key", "Last day of the sales history (the data's as-of date)."),
        Column("generator_version", "key", "Version of fashion_retail.gen."),
    ),
)


# every raw table, once, in load order: the retailer's tables (the cleansing
# layer takes these in), then the generator's ledgers and its manifest. The
# dbt project's lists (raw_tables(), raw_table_keys()) are rendered from these
# by ``make yaml``.
BUSINESS_TABLES: tuple[str, ...] = tuple(TABLES)
RAW_TABLES: tuple[Table, ...] = (*TABLES.values(), LEDGER, ANOMALY_LEDGER, MANIFEST)
STREAMED_TABLES: tuple[str, ...] = tuple(t.name for t in TABLES.values() if t.streamed)
