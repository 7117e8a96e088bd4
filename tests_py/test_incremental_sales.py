"""An incremental run of fct_sales after new data equals a full refresh.

The source is first loaded as it stood at a cut-off time, with its dimensions
late: only orders placed before the cut-off, returns booked after it not yet
booked (the line as it was when ordered), some old lines not yet loaded; a
tenth of the customers and of the employees, one store, some products, and
the latest version of some customers, products and sellers not yet loaded;
some products' cost not yet corrected. After a build, the later state is
loaded (new orders, returns, the late lines, customers, employees, store and
versions, the corrected costs, and some old orders deleted at the source) and
`dbt build` runs fct_sales incrementally. The result must be identical, row
for row and column for column, to a full refresh; and the run must have had
each kind of work to do.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
from dbt.cli.main import dbtRunner

from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.generate import generate

from conftest import ALL_TABLES, PROJECT

VARS = "{raw_from_files: true}"
CUTOFF = "2025-09-15 00:00:00"
UNKNOWN = "0" * 32
KEYS = ["customer_key", "employee_key", "store_key", "product_key", "seller_key"]

# in both states: some lines' unit price missing (cleansing takes it from the
# product's price history, which the late product versions change)
MISSING_PRICES = {
    "order_lines": """
        select * replace (case when {id} % 13 = 0 then null else unit_price end
                          as unit_price)
        from order_lines""",
}

# the later state of the source: some old orders deleted, with their lines
DELETED = "try_cast(orders.order_id as bigint) % 97 = 0 and orders.updated_at < '{cutoff}'"
LATER = {
    "orders": f"select * from orders where not ({DELETED})",
    "order_lines": f"""
        select * from order_lines
        where order_id in (select order_id from orders where not ({DELETED}))""",
}

# the source as it stood at the cut-off, from the later state
EARLY = {
    "orders": "select * from orders where updated_at < '{cutoff}'",
    "order_lines": """
        select order_lines.* replace (
            case when order_lines.updated_at >= '{cutoff}' then 'false'
                 else order_lines.is_returned end as is_returned,
            case when order_lines.updated_at >= '{cutoff}' then null
                 else order_lines.returned_date end as returned_date,
            case when order_lines.updated_at >= '{cutoff}' then orders.updated_at
                 else order_lines.updated_at end as updated_at)
        from order_lines
        inner join orders on order_lines.order_id = orders.order_id
        where orders.updated_at < '{cutoff}' and {id} % 50 != 7""",
    # a tenth of the customers late; the latest version of some others late
    "customers": """
        select * from customers
        where {id} % 10 != 3
        qualify not ({id} % 10 = 5 and count(*) over (partition by customer_id) > 1
                     and row_number() over (partition by customer_id
                                            order by updated_at desc) = 1)""",
    "employees": "select * from employees where {id} % 10 != 4",
    "stores": "select * from stores where {id} != (select max({id}) from stores)",
    # some products late; the latest version of a third of the others late;
    # some costs not yet corrected
    "products": """
        select * replace (case when {id} % 7 = 1 then '1.23' else cost end as cost)
        from products
        where {id} % 11 != 2
        qualify not ({id} % 3 = 0 and count(*) over (partition by product_id) > 1
                     and row_number() over (partition by product_id
                                            order by updated_at desc) = 1)""",
    "sellers": """
        select * from sellers
        qualify not (count(*) over (partition by seller_id) > 1
                     and row_number() over (partition by seller_id
                                            order by updated_at desc) = 1)""",
}

ID_COLUMNS = {"orders": "order_id", "order_lines": "order_line_id",
              "customers": "customer_id", "employees": "employee_id",
              "stores": "store_id", "products": "product_id", "sellers": "seller_id"}


def derive(source: Path, out: Path, queries: dict[str, str]) -> None:
    """Write `out`: every raw table of `source`, those in `queries` replaced by
    the query's result over `source`'s tables, and the manifest's row counts
    those of the files written."""
    out.mkdir()
    con = duckdb.connect()
    for table in ALL_TABLES:
        con.sql(f"create view {table} as select * from read_parquet('{source}/{table}.parquet')")
    for table in ALL_TABLES:
        if table == "generation_manifest":
            continue
        query = f"select * from {table}"
        if table in queries:
            number = f"try_cast({table}.{ID_COLUMNS[table]} as bigint)"
            query = queries[table].format(id=number, cutoff=CUTOFF)
        con.sql(f"copy ({query}) to '{out}/{table}.parquet' (format parquet)")
    counts = ", ".join(
        f"('{table}', (select count(*) from read_parquet('{out}/{table}.parquet')))"
        for table in ALL_TABLES if table != "generation_manifest")
    con.sql(f"""
        copy (
            select generation_manifest.* replace (
                cast(coalesce(counted.row_count, 1) as varchar) as row_count)
            from generation_manifest
            left join (values {counts}) as counted (table_name, row_count)
                on generation_manifest.table_name = counted.table_name
        ) to '{out}/generation_manifest.parquet' (format parquet)""")
    con.close()


def test_incremental_run_equals_full_refresh(tmp_path, monkeypatch):
    generated, base = tmp_path / "generated", tmp_path / "base"
    later, early = tmp_path / "later", tmp_path / "early"
    generate(GeneratorConfig(scale=0.01, seed=21, out=generated, defect_rate=0))
    derive(generated, base, MISSING_PRICES)
    derive(base, later, LATER)
    derive(base, early, EARLY)
    monkeypatch.chdir(PROJECT)
    monkeypatch.setenv("DBT_PROFILES_DIR", str(PROJECT))
    monkeypatch.setenv("FASHION_RETAIL_DUCKDB", str(tmp_path / "warehouse.duckdb"))
    common = ["--vars", VARS, "--target-path", str(tmp_path / "target"),
              "--log-path", str(tmp_path / "logs"), "--quiet"]
    dbt = dbtRunner()

    def run(*args):
        result = dbt.invoke([*args, *common])
        assert result.success, result.exception
        return result

    def sales():
        shown = run("show", "--inline", "select * from {{ ref('fct_sales') }} "
                    "order by order_line_id", "--limit", "-1")
        table = shown.result.results[0].agate_table
        return table.column_names, {row[0]: tuple(row) for row in table.rows}

    run("run-operation", "load_raw_files", "--args", f"{{path: '{early}'}}")
    run("build", "--select", "+fct_sales", "--exclude", "test_type:data")
    columns, before = sales()
    run("run-operation", "load_raw_files", "--args", f"{{path: '{later}'}}")
    built = run("build", "--select", "+fct_sales", "--exclude", "test_type:data")
    # the same data set (the manifest's seed and scale): an incremental run,
    # not a full refresh
    compiled = next(result.node.compiled_code for result in built.result.results
                    if result.node.name == "fct_sales")
    assert "is distinct from" in compiled
    _, incremental = sales()
    run("build", "--select", "fct_sales", "--full-refresh", "--exclude", "test_type:data")
    _, refreshed = sales()

    differing = Counter(
        column for line, row in refreshed.items() if incremental.get(line) != row
        for column, left, right in zip(columns, incremental.get(line, [None] * len(row)),
                                       row, strict=True) if left != right)
    assert incremental.keys() == refreshed.keys(), (
        f"{len(refreshed.keys() - incremental.keys())} lines missing, "
        f"{len(incremental.keys() - refreshed.keys())} lines that left the source kept")
    assert incremental == refreshed, f"lines differing from a full refresh, by column: {differing}"

    # the incremental run had each kind of work to do
    column = {name: columns.index(name) for name in columns}
    kept = before.keys() & refreshed.keys()

    def changed(name, *, was=None, unless=None):
        """Lines of both states whose `name` changed (from `was`; while
        `unless` did not)."""
        return sum(1 for line in kept
                   if before[line][column[name]] != refreshed[line][column[name]]
                   and (was is None or before[line][column[name]] == was)
                   and (unless is None
                        or before[line][column[unless]] == refreshed[line][column[unless]]))

    assert len(refreshed.keys() - before.keys()) > 0          # new and late lines
    assert len(before.keys() - refreshed.keys()) > 0          # deleted at the source
    assert changed("is_returned") > 0                          # returns booked later
    for key in KEYS:                                          # late members
        assert changed(key, was=UNKNOWN) > 0, key
    for key in ["customer_key", "product_key", "seller_key"]:  # late versions
        assert changed(key) > changed(key, was=UNKNOWN), key
    assert changed("cost_amount", unless="product_key") > 0   # corrected costs
    assert changed("unit_price") > 0                           # imputed from late prices
