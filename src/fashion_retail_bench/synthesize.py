"""Benchmark: the twins' speed and quality, against a baseline in the same run.

    fashion-retail bench synthesize [--scale 1] [--repeat 3]

Generates clean data at the given scale (the generator, defect rate 0), types
it in DuckDB as the cleansed tables would be, then measures:

- a 12-column customer table (who they are and how they buy: gender, state,
  tier, opt-in, birth and signup dates, orders, lines, units, spend, returns,
  online share): fit plus sampling of as many rows, with the Gaussian copula
  and with the baseline of independent marginals (the same marginals, no
  dependence), each with its SDMetrics-style quality score;
- the linked twin (customers, products, orders, order lines) end to end, with
  the quality of customers and order lines and the exact copies.

It prints a Markdown table and writes it to bench/results/synthesis.md.
"""

from __future__ import annotations

import os
import platform
import tempfile
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from fashion_retail.synth import twins
from fashion_retail.synth.copula import GaussianCopula
from fashion_retail.synth.metrics import quality_report
from fashion_retail.synth.privacy import exact_copies
from fashion_retail_bench.tools import arguments, timed, write

PROJECT = Path(__file__).resolve().parents[2]
RESULTS = PROJECT / "bench" / "results" / "synthesis.md"


def load(scale: float, workdir: Path) -> dict[str, pd.DataFrame]:
    from fashion_retail.gen.config import GeneratorConfig
    from fashion_retail.gen.generate import generate

    data = workdir / "data"
    generate(GeneratorConfig(scale=scale, seed=42, out=data, fmt="parquet", defect_rate=0))
    con = duckdb.connect()

    def read(sql: str) -> pd.DataFrame:
        return con.sql(sql.replace("@", str(data) + "/")).df()
    tables = {
        "customers": read("""
            select cast(customer_id as bigint) as customer_id, gender,
                cast(date_of_birth as date) as date_of_birth, state,
                cast(signup_date as date) as signup_date, loyalty_tier,
                marketing_opt_in = 'true' as is_marketing_opt_in, country,
                cast(updated_at as timestamp) as updated_at
            from '@customers.parquet'
            qualify row_number() over (partition by customer_id order by updated_at desc) = 1
        """),
        "products": read("""
            select cast(product_id as bigint) as product_id, category, brand, size, colour,
                material, season, cast(cost as decimal(18, 2))::double as cost,
                cast(list_price as decimal(18, 2))::double as list_price,
                cast(launch_date as date) as launch_date
            from '@products.parquet'
            qualify row_number() over (partition by product_id order by updated_at desc) = 1
        """),
        "orders": read("""
            select cast(order_id as bigint) as order_id,
                cast(customer_id as bigint) as customer_id, channel, payment_method,
                cast(order_date as date) as order_date
            from '@orders.parquet'
        """),
        "lines": read("""
            select cast(order_line_id as bigint) as order_line_id,
                cast(order_id as bigint) as order_id, cast(product_id as bigint) as product_id,
                cast(quantity as bigint) as quantity,
                cast(unit_price as decimal(18, 2))::double as unit_price,
                cast(discount_amount as decimal(18, 2))::double as discount_amount,
                is_returned = 'true' as is_returned
            from '@order_lines.parquet'
        """),
    }
    con.register("c", tables["customers"])
    con.register("o", tables["orders"])
    con.register("l", tables["lines"])
    tables["behaviour"] = con.sql("""
        with per_customer as (
            select
                o.customer_id,
                count(distinct o.order_id) as orders,
                count(*) as lines,
                sum(l.quantity) as units,
                round(sum(l.quantity * l.unit_price - l.discount_amount), 2) as net_spend,
                sum(case when l.is_returned then 1 else 0 end) as returns,
                avg(case when o.channel = 'online' then 1.0 else 0.0 end) as online_share
            from o inner join l on o.order_id = l.order_id
            group by o.customer_id
        )
        select c.gender, c.state, c.loyalty_tier, c.is_marketing_opt_in, c.date_of_birth,
            c.signup_date, coalesce(p.orders, 0) as orders, coalesce(p.lines, 0) as lines,
            coalesce(p.units, 0) as units, coalesce(p.net_spend, 0) as net_spend,
            coalesce(p.returns, 0) as returns, p.online_share
        from c left join per_customer as p on c.customer_id = p.customer_id
    """).df()
    return tables




def independent(frame: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """The baseline: each column from its own marginal, no dependence."""
    model = GaussianCopula(seed=seed).fit(frame)
    model.pooled_.cholesky = np.eye(len(frame.columns))
    return model.sample(n, seed=seed + 1)


def run(scale: float, repeat: int, workdir: Path) -> dict:
    print(f"generating clean data at scale {scale} ...", flush=True)
    t = load(scale, workdir)
    table = t["behaviour"]
    n = len(table)
    ours_s, ours = timed(lambda: GaussianCopula(seed=1).fit(table).sample(n, seed=2), repeat)
    base_s, base = timed(lambda: independent(table, n, 1), repeat)
    ours_q = quality_report(table, ours)
    base_q = quality_report(table, base)

    def linked():
        sc = twins.synthesize_customers(t["customers"], t["orders"], seed=1)
        sp = twins.synthesize_products(t["products"], seed=1)
        so = twins.synthesize_orders(t["orders"], t["lines"], t["customers"], sc, seed=1)
        sl = twins.synthesize_order_lines(t["lines"], t["products"], so, sp, seed=1)
        return sc, sp, so, sl
    linked_s, (sc, sp, so, sl) = timed(linked, repeat)
    real_customers = twins.with_order_counts(t["customers"], t["orders"])
    order_columns = ["order_id", "channel", "payment_method", "order_date"]
    real_lines = t["lines"].merge(t["products"][["product_id", "category"]], on="product_id") \
        .merge(t["orders"][order_columns], on="order_id")
    syn_lines = sl.merge(so[order_columns], on="order_id")
    return {
        "scale": scale, "repeat": repeat, "rows": n, "columns": table.shape[1],
        "ours_s": ours_s, "base_s": base_s, "ours_q": ours_q, "base_q": base_q,
        "linked_s": linked_s,
        "linked_rows": {"customers": len(sc), "products": len(sp), "orders": len(so),
                        "order_lines": len(sl)},
        "customers_q": quality_report(real_customers[twins.CUSTOMER_COLUMNS],
                                      sc[twins.CUSTOMER_COLUMNS])["overall"],
        "lines_q": quality_report(real_lines[twins.LINE_REPORT_COLUMNS],
                                  syn_lines[twins.LINE_REPORT_COLUMNS])["overall"],
        "copies": exact_copies(real_customers[twins.CUSTOMER_COLUMNS],
                               sc[twins.CUSTOMER_COLUMNS], twins.CUSTOMER_COLUMNS),
    }


def report(f: dict) -> str:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    rows = f["linked_rows"]
    return "\n".join([
        "# Synthesis benchmark",
        "",
        f"Scale {f['scale']} (clean data), median of {f['repeat']} runs, {machine}. "
        "Command: `make bench-synthesize` (`fashion-retail bench synthesize`).",
        "",
        f"Customer table: {f['rows']:,} rows x {f['columns']} columns, fit plus sampling "
        "of as many rows.",
        "",
        "| model | seconds | overall quality | column shapes | column pair trends |",
        "|---|---:|---:|---:|---:|",
        f"| independent marginals (baseline) | {f['base_s']:.2f} | {f['base_q']['overall']:.3f} | "
        f"{f['base_q']['column_shapes_score']:.3f} | "
        f"{f['base_q']['column_pair_trends_score']:.3f} |",
        f"| Gaussian copula (ours) | {f['ours_s']:.2f} | {f['ours_q']['overall']:.3f} | "
        f"{f['ours_q']['column_shapes_score']:.3f} | "
        f"{f['ours_q']['column_pair_trends_score']:.3f} |",
        "",
        f"Linked twin (customers {rows['customers']:,}, products {rows['products']:,}, "
        f"orders {rows['orders']:,}, order lines {rows['order_lines']:,}): "
        f"{f['linked_s']:.1f} s end to end; quality customers {f['customers_q']:.3f}, "
        f"order lines {f['lines_q']:.3f}; exact copies of a real customer: {f['copies']}.",
        "",
    ])


def main(argv: list[str] | None = None, prog: str = "fashion-retail bench synthesize") -> int:
    args = arguments(prog, __doc__.splitlines()[0], RESULTS, argv)
    with tempfile.TemporaryDirectory(prefix="fashion-retail-synth-") as workdir:
        figures = run(args.scale, args.repeat, Path(workdir))
    write(args.out, report(figures))
    return 0
