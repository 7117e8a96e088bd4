"""Synthetic products: one copula per category over the cleansed products (their
current version), costs kept below list prices."""

from fashion_retail.synth import twins


def model(dbt, session):
    dbt.config(materialized="table")
    real_products = dbt.ref("int_products_cleansed")
    return twins.synthesize_products(twins.current(real_products, "product_id"),
                                     scale=float(dbt.config.get("synthetic_scale")),
                                     seed=int(dbt.config.get("synthetic_seed")))
