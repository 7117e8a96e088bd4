"""Synthetic customers: a statistical twin of the cleansed customers (their
current version), with how many orders each places. Fitting and sampling live
in src/fashion_retail/synth; this model only calls them."""

from fashion_retail.synth import twins


def model(dbt, session):
    dbt.config(materialized="table")
    real_customers = dbt.ref("int_customers_sampled")
    real_orders = dbt.ref("int_orders_sampled")
    return twins.synthesize_customers(twins.current(real_customers, "customer_id"),
                                      real_orders.df()[["customer_id"]],
                                      scale=float(dbt.config.get("synthetic_scale")),
                                      seed=int(dbt.config.get("synthetic_seed")))
