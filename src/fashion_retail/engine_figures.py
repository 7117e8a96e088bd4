"""The figures both engines must agree on, read from a built warehouse.

    python -m fashion_retail.engine_figures duckdb <warehouse.duckdb> <out.json>
    python -m fashion_retail.engine_figures spark <spark dir> <out.json>

Row counts of every mart, revenue (net amount) by month, units by category and
customers by loyalty tier; the cleansing scorecard and cell audit; the anomaly
detection's hits per incident class and its anomalies per metric; and a
fingerprint of every anonymized column of the privacy layer (distinct values,
smallest, largest, total length), with its k-anonymity report. Written as JSON.
The queries are plain SQL that both engines read alike; each engine runs them
in its own virtualenv (DuckDB's or Spark's), and ``compare`` checks the two
files.
Amounts are rounded to the cent, so that the engines' decimal arithmetic is
compared, not their float formatting.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

MARTS = ["dim_customers", "dim_employees", "dim_products", "dim_sellers", "dim_stores",
         "dim_dates", "fct_sales", "fct_inventory_snapshots", "rpt_customer_cohorts",
         "rpt_employee_sales_performance", "rpt_inventory_turnover",
         "rpt_sales_by_category_season", "rpt_seller_performance", "rpt_cleansing_scorecard",
         "mon_daily_metrics", "mon_anomaly_scores", "mon_anomalies"]

# the privacy layer's anonymized text columns, per table: their values must be
# the same on both engines (the same key, pseudonyms, substitutes, groups, scrubbing)
PRIVACY_COLUMNS = {
    "dim_customers": ["customer_pseudonym", "email_domain", "phone", "age_band", "postal_code",
                      "city", "customer_group_key"],
    "dim_employees": ["employee_pseudonym", "email_domain", "phone", "age_band", "salary_band",
                      "employee_group_key"],
    "dim_sellers": ["contact_pseudonym", "contact_email_domain", "contact_phone"],
    "fct_sales": ["order_id", "order_notes", "customer_group_key", "employee_group_key"],
    "dim_customer_groups": ["customer_group_key", "people"],
    "dim_employee_groups": ["employee_group_key", "people"],
}


def _joined(*expressions: str, separator: str = "/") -> str:
    """SQL text of several values as one string, 'a/b/c': one figure that holds
    the counts of a row (null when one of them is null)."""
    return f" || '{separator}' || ".join(f"cast({e} as string)" for e in expressions)


FIGURES = {
    "revenue_by_month": """
        select
            dates.calendar_year * 100 + dates.month_number as figure_key,
            cast(round(sum(sales.net_amount), 2) as decimal(18, 2)) as figure_value
        from {schema}.fct_sales as sales
        inner join {schema}.dim_dates as dates on sales.order_date_key = dates.date_key
        group by dates.calendar_year * 100 + dates.month_number
    """,
    "units_by_category": """
        select
            products.category as figure_key,
            sum(sales.quantity) as figure_value
        from {schema}.fct_sales as sales
        inner join {schema}.dim_products as products
            on sales.product_key = products.product_key
        group by products.category
    """,
    "customers_by_loyalty_tier": """
        select
            loyalty_tier as figure_key,
            count(*) as figure_value
        from {schema}.dim_customers
        where is_current
        group by loyalty_tier
    """,
    "cleansing_scorecard": f"""
        select
            defect_class as figure_key,
            {_joined("defects_injected", "repaired_exactly", "handled", "repaired_wrongly",
                     "missed")} as figure_value
        from {{schema}}.rpt_cleansing_scorecard
    """,
    "cleansing_cells_by_table": f"""
        select
            table_name as figure_key,
            {_joined(*(f"sum({c}_cells)" for c in ("loaded", "null", "invalid", "repaired",
                                                   "imputed", "clean", "changed")))}
                as figure_value
        from {{schema}}.int_cleansing__cell_audit
        group by table_name
    """,
    "anomaly_detection": f"""
        select
            incident_class as figure_key,
            {_joined("incidents", "detected_incidents", "detectable_incidents", "flags",
                     "true_flags")} as figure_value
        from {{schema}}.mon_anomaly_detection
    """,
    "anomalies_by_metric": """
        select
            segment_type || '|' || metric || '|' || direction as figure_key,
            count(*) as figure_value
        from {schema}.mon_anomalies
        group by segment_type || '|' || metric || '|' || direction
    """,
    "privacy_k_anonymity": f"""
        select
            table_name || '|' || quasi_identifiers || '|' || coalesce(sensitive_column, '-')
                as figure_key,
            {_joined("records", "suppressed_records", "generalized_records", "achieved_k",
                     "coalesce(cast(achieved_l as string), '-')")} as figure_value
        from {{privacy}}.privacy_k_anonymity
    """,
}


def _privacy_fingerprints(privacy: str) -> dict[str, str]:
    """Per anonymized column: distinct values, smallest, largest and total
    length (in characters) of its text, one query per table."""
    queries = {}
    for table, columns in PRIVACY_COLUMNS.items():
        texts = {column: f"cast({column} as string)" for column in columns}
        parts = [f"select '{column}' as figure_key, "
                 + _joined(f"count(distinct {text})", f"coalesce(min({text}), '-')",
                           f"coalesce(max({text}), '-')", f"coalesce(sum(length({text})), 0)",
                           separator="|")
                 + f" as figure_value from {privacy}.{table}" for column, text in texts.items()]
        queries[f"privacy:{table}"] = " union all ".join(parts)
    return queries


def _queries(schema: str, privacy: str = "privacy") -> dict[str, str]:
    queries = {f"rows:{mart}": f"select 'rows' as figure_key, count(*) as figure_value "
                               f"from {schema}.{mart}" for mart in MARTS}
    queries.update({name: sql.format(schema=schema, privacy=privacy)
                    for name, sql in FIGURES.items()})
    queries.update(_privacy_fingerprints(privacy))
    return queries


def _normalize(rows) -> dict[str, str]:
    return {str(key): str(value) for key, value in sorted(rows, key=lambda r: str(r[0]))}


def duckdb_figures(warehouse: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    # the privacy layer's own file, beside the warehouse (as the profile attaches it)
    privacy_file = warehouse.with_name(warehouse.stem + "_privacy.duckdb")
    quoted = str(privacy_file).replace("'", "''")
    con.execute(f"attach '{quoted}' as privacy (read_only)")
    try:
        return {name: _normalize(con.sql(sql).fetchall())
                for name, sql in _queries("main").items()}
    finally:
        con.close()


def spark_figures(spark_dir: Path) -> dict:
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").enableHiveSupport()
             .config("spark.sql.warehouse.dir", str(spark_dir / "warehouse"))
             .config("spark.hadoop.javax.jdo.option.ConnectionURL",
                     f"jdbc:derby:;databaseName={spark_dir / 'metastore_db'};create=false")
             .config("spark.driver.extraJavaOptions",
                     f"-Dderby.system.home={spark_dir} "
                     f"-Dderby.stream.error.file={spark_dir / 'derby.log'}")
             .config("spark.ui.enabled", "false")
             .getOrCreate())
    try:
        return {name: _normalize((row[0], row[1]) for row in spark.sql(sql).collect())
                for name, sql in _queries("fashion_retail").items()}
    finally:
        spark.stop()


def compare(left: dict, right: dict) -> list[str]:
    """One line per figure on which the two engines disagree."""
    problems = []
    for name in sorted(set(left) | set(right)):
        a, b = left.get(name), right.get(name)
        if a != b:
            keys = sorted(set(a or {}) | set(b or {}))
            diffs = [f"{k}: {(a or {}).get(k)} != {(b or {}).get(k)}" for k in keys
                     if (a or {}).get(k) != (b or {}).get(k)]
            problems.append(f"{name}: " + "; ".join(diffs[:5]))
    return problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 3 or argv[0] not in ("duckdb", "spark", "compare"):
        print("usage: engine_figures duckdb|spark <warehouse> <out.json> "
              "| compare <a.json> <b.json>", file=sys.stderr)
        return 2
    engine, source, out = argv[0], Path(argv[1]), Path(argv[2])
    if engine == "compare":
        problems = compare(json.loads(source.read_text()), json.loads(out.read_text()))
        for line in problems:
            print(line)
        print(f"{len(problems)} figures differ" if problems else "every figure agrees")
        return 1 if problems else 0
    if not source.exists():
        print(f"error: {source} does not exist: build the warehouse first", file=sys.stderr)
        return 1
    figures = duckdb_figures(source) if engine == "duckdb" else spark_figures(source)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n")
    print(f"{sum(len(v) for v in figures.values())} figures -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
