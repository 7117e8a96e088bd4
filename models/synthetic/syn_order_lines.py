"""Synthetic order lines of the synthetic orders, each on a synthetic product of
its sampled category, priced at that product's list price."""

from fashion_retail.synth import twins


def model(dbt, session):
    dbt.config(materialized="table")
    real_lines = dbt.ref("int_order_lines_sampled")
    real_products = dbt.ref("int_products_cleansed")
    syn_orders = dbt.ref("syn_orders")
    syn_products = dbt.ref("syn_products")
    lines = real_lines.df()[["order_line_id", "order_id", "product_id", "quantity",
                             "unit_price", "discount_amount", "is_returned"]]
    return twins.synthesize_order_lines(lines, twins.current(real_products, "product_id"),
                                        syn_orders.df(), syn_products.df(),
                                        seed=int(dbt.config.get("synthetic_seed")))
