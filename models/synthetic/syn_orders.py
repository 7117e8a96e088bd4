"""Synthetic orders of the synthetic customers: as many as each placed, with
channel, payment method, date and number of lines from the orders' copula."""

from fashion_retail.synth import twins


def model(dbt, session):
    dbt.config(materialized="table")
    real_orders = dbt.ref("int_orders_sampled")
    real_lines = dbt.ref("int_order_lines_sampled")
    real_customers = dbt.ref("int_customers_sampled")
    syn_customers = dbt.ref("syn_customers")
    orders = real_orders.df()[["order_id", "customer_id", "channel", "payment_method",
                               "order_date"]]
    return twins.synthesize_orders(orders, real_lines.df()[["order_id"]],
                                   twins.current(real_customers, "customer_id"),
                                   syn_customers.df(),
                                   seed=int(dbt.config.get("synthetic_seed")))
