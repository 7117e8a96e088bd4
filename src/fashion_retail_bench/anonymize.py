"""Benchmark: the anonymization macros in DuckDB against pandas, in one run.

    fashion-retail bench anonymize [--scale 1] [--repeat 3]

Generates clean data at the given scale (the generator, defect rate 0), then
anonymizes the customers (the privacy layer's operations on them: keyed
pseudonym, e-mail domain, age band, keyed phone substitute) and the order lines
(the ordering customer's keyed pseudonym) twice:

- with the project's macros, compiled by dbt (``dbt compile --inline``) and run
  by DuckDB, as the privacy layer runs them;
- with pandas, the way a data engineer usually writes it: one ``apply`` per
  operation with a Python function per value (Python's hmac for the keyed
  ones).

Both read the same typed input from memory (DuckDB's in-memory tables, pandas
frames), with the same random key, and must produce the same values (the
script checks every row, so it also checks the macros against an independent
implementation). It prints rows per second for each, and their ratio, and
writes them to bench/results/anonymization.md. The inputs are built before the
clock starts, and each side runs once untimed before its timed runs; the clock
covers computing and materializing the anonymized columns.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import hmac
import io
import os
import platform
import secrets
import sys
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from fashion_retail.privacy.pii_key import session_values
from fashion_retail_bench.tools import arguments, timed, write

PROJECT = Path(__file__).resolve().parents[2]
RESULTS = PROJECT / "bench" / "results" / "anonymization.md"
AS_OF = dt.date(2025, 12, 31)

CALLING_CODES = PROJECT / "seeds" / "reference" / "country_calling_codes.csv"
CUSTOMERS_SQL = """
select
    customer_id,
    {{ pseudonymize('customer_id') }} as pseudonym,
    {{ email_domain('email') }} as email_domain,
    {{ generalize_age_from_birth_date('date_of_birth', "date '2025-12-31'") }} as age_band,
    {{ substitute_phone('phone') }} as phone
from bench_customers
"""
LINES_SQL = """
select
    order_line_id,
    {{ pseudonymize('customer_id') }} as customer_pseudonym
from bench_order_lines
"""


class BenchError(RuntimeError):
    pass


# --------------------------------------------------------------------------- input
def generate(scale: float, out: Path) -> None:
    from fashion_retail.gen.config import GeneratorConfig
    from fashion_retail.gen.generate import generate as run

    run(GeneratorConfig(scale=scale, seed=42, out=out, fmt="parquet", defect_rate=0,
                        progress=False))


def load_inputs(con: duckdb.DuckDBPyConnection, data: Path) -> None:
    """Typed inputs and the calling codes, as the warehouse holds them."""
    con.sql(f"""
        create table bench_customers as
        select
            cast(customer_id as bigint) as customer_id,
            email,
            phone,
            cast(date_of_birth as date) as date_of_birth
        from read_parquet('{data}/customers.parquet')
    """)
    con.sql(f"""
        create table bench_order_lines as
        select
            cast(lines.order_line_id as bigint) as order_line_id,
            cast(orders.customer_id as bigint) as customer_id
        from read_parquet('{data}/order_lines.parquet') as lines
        inner join read_parquet('{data}/orders.parquet') as orders
            on lines.order_id = orders.order_id
    """)
    con.sql(f"""
        create table main.country_calling_codes as
        select * from read_csv('{CALLING_CODES}', all_varchar = true)
    """)


def compile_macros(database: Path) -> tuple[str, str]:
    """The benchmark queries with the macros expanded by dbt itself."""
    from dbt.cli.main import dbtRunner

    saved = {name: os.environ.get(name) for name in ("DBT_PROFILES_DIR", "FASHION_RETAIL_DUCKDB")}
    os.environ.setdefault("DBT_PROFILES_DIR", str(PROJECT))
    os.environ["FASHION_RETAIL_DUCKDB"] = str(database)
    target = database.parent / "target"
    compiled = []
    try:
        for sql in (CUSTOMERS_SQL, LINES_SQL):
            with contextlib.redirect_stdout(io.StringIO()):
                result = dbtRunner().invoke(
                    ["compile", "--quiet", "--inline", sql, "--project-dir", str(PROJECT),
                     "--target-path", str(target), "--log-path", str(database.parent / "logs")])
            if not result.success:
                raise BenchError(f"dbt compile failed: {result.exception}")
            compiled.append(result.result.results[0].node.compiled_code)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return compiled[0], compiled[1]


def set_key_variables(con: duckdb.DuckDBPyConnection, key: bytes) -> None:
    """The session variables the pii_key plugin sets."""
    for name, value in session_values(key).items():
        con.execute(f"set variable {name} = ?", [value])


# --------------------------------------------------------------------------- pandas
def keyed_hex(key: bytes, value: str) -> str:
    """hash_pii: HMAC-SHA256 of the trimmed, lower-cased value."""
    return hmac.new(key, value.strip().lower().encode(), hashlib.sha256).hexdigest()


def pseudonym(key: bytes):
    def of(customer_id):
        return f"User_{keyed_hex(key, f'pseudonym|User|{customer_id}')[:16]}"
    return of


def email_domain(value):
    if not isinstance(value, str):
        return None
    local, at, domain = value.strip().lower().partition("@")
    if not at or not local or "." not in domain or "@" in domain:
        return None
    return domain


def age_band(born):
    if born is None or pd.isna(born):
        return None
    years = AS_OF.year - born.year - ((AS_OF.month, AS_OF.day) < (born.month, born.day))
    if years < 0:
        return None
    if years >= 90:
        return "90+"
    low = years // 10 * 10
    return f"{low}-{low + 9}"


def calling_codes() -> set[str]:
    with CALLING_CODES.open() as handle:
        return {row["calling_code"] for row in csv.DictReader(handle)}


def phone_substitute(key: bytes, codes: set[str]):
    """substitute_phone: the calling code kept, the other digits drawn from the
    keyed digest's hex slices."""
    def draw(digest: str, start: int, length: int, modulo: int) -> int:
        return int(digest[start - 1:start - 1 + length], 16) % modulo

    def code_end(middle: int, last: int) -> int:
        return 0 if middle == 1 and last == 1 else last

    def substitute(phone):
        if not isinstance(phone, str):
            return None
        text = phone.strip()
        digits = text[1:]
        if not (text.startswith("+") and digits.isdigit() and 7 <= len(digits) <= 15
                and digits[0] != "0"):
            return None
        code = next((digits[:w] for w in (1, 2, 3) if digits[:w] in codes), None)
        if code is None:
            return None
        national = len(digits) - len(code)
        h = keyed_hex(key, f"phone|{digits}")
        drawn = (f"{2 + draw(h, 1, 4, 8)}{draw(h, 5, 4, 9)}"
                 f"{code_end(draw(h, 5, 4, 9), draw(h, 9, 4, 10))}"
                 f"{2 + draw(h, 13, 4, 8)}{draw(h, 17, 4, 10)}"
                 f"{code_end(draw(h, 17, 4, 10), draw(h, 21, 4, 10))}"
                 f"{draw(h, 25, 12, 10000):04d}{1 + draw(h, 37, 4, 9)}"
                 f"{draw(h, 41, 12, 10**12):012d}{draw(h, 53, 12, 10**12):012d}")
        if code == "1":
            return f"+1{drawn[:10]}" if national == 10 else None
        return f"+{code}{drawn[10:10 + national]}" if national >= 4 else None
    return substitute


def pandas_customers(customers: pd.DataFrame, key: bytes, codes: set[str]) -> pd.DataFrame:
    out = pd.DataFrame({"customer_id": customers["customer_id"]})
    out["pseudonym"] = customers["customer_id"].apply(pseudonym(key))
    out["email_domain"] = customers["email"].apply(email_domain)
    out["age_band"] = customers["date_of_birth"].apply(age_band)
    out["phone"] = customers["phone"].apply(phone_substitute(key, codes))
    return out


def pandas_lines(lines: pd.DataFrame, key: bytes) -> pd.DataFrame:
    out = pd.DataFrame({"order_line_id": lines["order_line_id"]})
    out["customer_pseudonym"] = lines["customer_id"].apply(pseudonym(key))
    return out


def same(sql: pd.DataFrame, py: pd.DataFrame, key: str) -> None:
    sql = sql.sort_values(key).reset_index(drop=True).astype(object)
    py = py.sort_values(key).reset_index(drop=True).astype(object)
    sql, py = sql.where(sql.notna(), None), py.where(py.notna(), None)
    for column in sql.columns:
        differs = (sql[column] != py[column]) & ~(sql[column].isna() & py[column].isna())
        if differs.any():
            first = differs.idxmax()
            raise BenchError(f"DuckDB and pandas disagree on {column}: "
                             f"{sql.loc[first, column]!r} != {py.loc[first, column]!r}")


def run(scale: float, repeat: int, workdir: Path) -> dict:
    data, database = workdir / "data", workdir / "bench.duckdb"
    print(f"generating clean data at scale {scale} ...", flush=True)
    generate(scale, data)
    # in memory, like the pandas frames: the file is only the name dbt compiles
    # the calling codes' reference against
    con = duckdb.connect()
    con.execute(f"attach ':memory:' as {database.stem}")
    con.execute(f"use {database.stem}")
    # the settings of the profile the privacy layer is built with: both cores,
    # and no insertion order to keep (with it, DuckDB writes the result table
    # in scan order and the write runs at one core's pace)
    con.execute("set threads = 2")
    con.execute("set preserve_insertion_order = false")
    load_inputs(con, data)
    customers_sql, lines_sql = compile_macros(database)
    # a fresh random key: the benchmark needs one, not the user's
    key = secrets.token_hex(32).encode()
    set_key_variables(con, key)
    n_customers = con.sql("select count(*) from bench_customers").fetchone()[0]
    n_lines = con.sql("select count(*) from bench_order_lines").fetchone()[0]

    def duck_customers():
        con.sql(f"create or replace table anon_customers as {customers_sql}")

    def duck_lines():
        con.sql(f"create or replace table anon_lines as {lines_sql}")

    print("DuckDB macros ...", flush=True)
    duck_customers()  # one untimed run each side: compiled patterns, warm allocator
    duck_lines()
    duck_c, _ = timed(duck_customers, repeat)
    duck_l, _ = timed(duck_lines, repeat)

    customers = con.sql("select * from bench_customers").df()
    lines = con.sql("select * from bench_order_lines").df()
    codes = calling_codes()
    print("pandas apply ...", flush=True)
    pandas_customers(customers, key, codes)
    pandas_lines(lines, key)
    py_c, py_customers = timed(lambda: pandas_customers(customers, key, codes), repeat)
    py_l, py_lines = timed(lambda: pandas_lines(lines, key), repeat)

    same(con.sql("select * from anon_customers").df(), py_customers, "customer_id")
    same(con.sql("select * from anon_lines").df(), py_lines, "order_line_id")
    con.close()
    return {"scale": scale, "repeat": repeat, "customers": n_customers, "lines": n_lines,
            "duck_customers": duck_c, "duck_lines": duck_l,
            "pandas_customers": py_c, "pandas_lines": py_l}


def report(figures: dict) -> str:
    rows = []
    for label, n, duck, py in (
        ("customers: pseudonym, e-mail domain, age band, phone substitute",
         figures["customers"],
         figures["duck_customers"], figures["pandas_customers"]),
        ("order lines: customer pseudonym", figures["lines"],
         figures["duck_lines"], figures["pandas_lines"]),
        ("both tables", figures["customers"] + figures["lines"],
         figures["duck_customers"] + figures["duck_lines"],
         figures["pandas_customers"] + figures["pandas_lines"]),
    ):
        rows.append(f"| {label} | {n:,} | {duck:.3f} | {n / duck:,.0f} | {py:.3f} | "
                    f"{n / py:,.0f} | {py / duck:.1f}x |")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    return "\n".join([
        "# Anonymization benchmark",
        "",
        f"Scale {figures['scale']} (clean data), median of {figures['repeat']} runs, "
        f"{machine}, DuckDB {duckdb.__version__}, pandas {pd.__version__}. "
        "Command: `make bench-anonymize` "
        "(`fashion-retail bench anonymize`).",
        "",
        "| workload | rows | DuckDB s | DuckDB rows/s | pandas s | pandas rows/s | speed-up |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
    ])


def main(argv: list[str] | None = None, prog: str = "fashion-retail bench anonymize") -> int:
    args = arguments(prog, __doc__.splitlines()[0], RESULTS, argv)
    try:
        with tempfile.TemporaryDirectory(prefix="fashion-retail-bench-") as workdir:
            figures = run(args.scale, args.repeat, Path(workdir))
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    write(args.out, report(figures))
    return 0
