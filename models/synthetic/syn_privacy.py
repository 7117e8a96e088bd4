"""The twins' privacy: per table, synthetic rows equal to a real row on every
modelled column (the build fails above 0), and the median distance to the
closest training row for synthetic rows and for the held-out fifth of real
rows the twin never saw (a twin that memorizes sits closer than they do)."""

import pandas as pd

from fashion_retail.synth import twins
from fashion_retail.synth.privacy import distance_to_closest_record, exact_copies


def _measure(table, real, synthetic, key, columns, seed):
    train = real[twins.training_rows(real, key)]
    holdout = real[~twins.training_rows(real, key)]
    dcr = distance_to_closest_record(train, holdout, synthetic, columns, seed=seed)
    return (table, len(real), len(synthetic), exact_copies(real, synthetic, columns),
            dcr["synthetic_median_dcr"], dcr["holdout_median_dcr"],
            dcr["synthetic_zero_dcr_share"], dcr["holdout_zero_dcr_share"])


def model(dbt, session):
    dbt.config(materialized="table")
    seed = int(dbt.config.get("synthetic_seed"))
    real_customers = dbt.ref("int_customers_sampled")
    real_orders = dbt.ref("int_orders_sampled")
    real_products = dbt.ref("int_products_cleansed")
    syn_customers = dbt.ref("syn_customers")
    syn_products = dbt.ref("syn_products")
    rows = [
        _measure("customers", twins.current_customers(real_customers, real_orders),
                 syn_customers.df(), "customer_id", twins.CUSTOMER_COLUMNS, seed),
        _measure("products", twins.current(real_products, "product_id"), syn_products.df(),
                 "product_id", twins.PRODUCT_COLUMNS, seed),
    ]
    return pd.DataFrame(rows, columns=[
        "table_name", "real_rows", "synthetic_rows", "exact_copies",
        "synthetic_median_dcr", "holdout_median_dcr", "synthetic_zero_dcr_share",
        "holdout_zero_dcr_share"])
