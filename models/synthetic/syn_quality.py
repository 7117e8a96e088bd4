"""The twins' fidelity, as SDMetrics' quality report defines it: one row per
table and measure (each column's shape, each column pair's trend, the two
averages and the overall score), against the real rows they learned from."""

import pandas as pd

from fashion_retail.synth import twins
from fashion_retail.synth.metrics import ks_complement, quality_report


def _rows(table, report, target):
    rows = [(table, "overall", None, None, report["overall"], target),
            (table, "column_shapes", None, None, report["column_shapes_score"], None),
            (table, "column_pair_trends", None, None, report["column_pair_trends_score"], None)]
    rows += [(table, "column_shape", column, None, score, None)
             for column, score in report["column_shapes"].items()]
    rows += [(table, "column_pair_trend", a, b, score, None)
             for (a, b), score in report["column_pair_trends"].items()]
    rows += [(table, "null_rate", column, None, score, None)
             for column, score in report["null_rates"].items()]
    return rows


def model(dbt, session):
    dbt.config(materialized="table")
    target = float(dbt.config.get("synthetic_min_quality"))
    # dbt finds a Python model's parents in plain `name = dbt.ref(...)` lines
    real_customers = dbt.ref("int_customers_sampled")
    real_orders = dbt.ref("int_orders_sampled")
    real_products = dbt.ref("int_products_cleansed")
    real_lines = dbt.ref("int_order_lines_sampled")
    syn_customers = dbt.ref("syn_customers")
    syn_products = dbt.ref("syn_products")
    syn_orders = dbt.ref("syn_orders")
    syn_lines = dbt.ref("syn_order_lines")

    customers = twins.current_customers(real_customers, real_orders)
    products = twins.current(real_products, "product_id")
    order_columns = ["order_id", "channel", "payment_method", "order_date"]
    lines = real_lines.df().merge(products[["product_id", "category"]], on="product_id",
                                  how="left").merge(real_orders.df()[order_columns],
                                                    on="order_id")
    synthetic_lines = syn_lines.df().merge(syn_orders.df()[order_columns], on="order_id")
    rows = []
    rows += _rows("customers", quality_report(customers[twins.CUSTOMER_COLUMNS],
                                              syn_customers.df()[twins.CUSTOMER_COLUMNS]),
                  target)
    rows += _rows("products", quality_report(products[twins.PRODUCT_COLUMNS],
                                             syn_products.df()[twins.PRODUCT_COLUMNS]), None)
    rows += _rows("order_lines", quality_report(lines[twins.LINE_REPORT_COLUMNS],
                                                synthetic_lines[twins.LINE_REPORT_COLUMNS]),
                  target)
    # the linked twin: how many order lines a customer has (none included)
    rows.append(("linked", "lines_per_customer", None, None, ks_complement(
        twins.lines_per_customer(customers, real_orders.df(), real_lines.df()),
        twins.lines_per_customer(syn_customers.df(), syn_orders.df(), syn_lines.df())),
        target))
    return pd.DataFrame(rows, columns=["table_name", "measure", "column_name",
                                       "other_column_name", "score", "target"])
