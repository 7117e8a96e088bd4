"""The marts of two warehouses side by side: an onboarded source's against the
generator's own raw layer for the same truth.

    python -m fashion_retail.onboard.compare BASELINE.duckdb ONBOARDED.duckdb

Figures: every mart's row count, revenue (net amount) by month, units by
category, and customers (current versions) by loyalty tier. Exit status 1 when
any differs, with each difference on a line.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import duckdb

from fashion_retail.arguments import OneLineParser

MARTS = ("dim_customers", "dim_employees", "dim_products", "dim_sellers", "dim_stores",
         "dim_dates", "fct_sales", "fct_inventory_snapshots")
FIGURES = {
    "revenue by month": """
        select strftime(ordered_at, '%Y-%m') as key, sum(net_amount) as value
        from fct_sales group by 1""",
    "units by category": """
        select coalesce(dim_products.category, '(unknown)') as key,
            sum(fct_sales.quantity) as value
        from fct_sales
        left join dim_products on dim_products.product_key = fct_sales.product_key
        group by 1""",
    "customers by loyalty tier": """
        select coalesce(loyalty_tier, '(none)') as key, count(*) as value
        from dim_customers where is_current and customer_id != -1 group by 1""",
}


def figures(database: Path) -> dict[str, dict[str, object]]:
    with duckdb.connect(str(database), read_only=True) as con:
        out = {"rows": {t: con.execute(f"select count(*) from {t}").fetchone()[0]
                        for t in MARTS}}
        for name, sql in FIGURES.items():
            out[name] = {str(k): v for k, v in con.execute(sql).fetchall()}
    return out


def _same(a, b) -> bool:
    if isinstance(a, (float, Decimal)) or isinstance(b, (float, Decimal)):
        return a is not None and b is not None and abs(Decimal(str(a)) - Decimal(str(b))) \
            < Decimal("0.005")
    return a == b


def differences(base: dict, other: dict) -> list[str]:
    out = []
    for figure, values in base.items():
        theirs = other.get(figure, {})
        for key in sorted(set(values) | set(theirs)):
            if not _same(values.get(key), theirs.get(key)):
                out.append(f"{figure}: {key}: {values.get(key)} against {theirs.get(key)}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = OneLineParser(prog="python -m fashion_retail.onboard.compare",
                           description="Compare two warehouses' marts.")
    parser.add_argument("baseline", type=Path)
    parser.add_argument("onboarded", type=Path)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    for path in (args.baseline, args.onboarded):
        if not path.exists():
            parser.error(f"{path}: no such warehouse")
    base, other = figures(args.baseline), figures(args.onboarded)
    found = differences(base, other)
    for name, values in base.items():
        same = sum(_same(v, other.get(name, {}).get(k)) for k, v in values.items())
        print(f"{name}: {same} of {len(values)} identical")
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
