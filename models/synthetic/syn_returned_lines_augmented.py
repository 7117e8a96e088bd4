"""Augmentation: the real returned order lines (the rare class a returns model
learns from) plus var('synthetic_augment_rows') synthetic ones that follow
them, flagged is_synthetic."""

from fashion_retail.synth import twins


def model(dbt, session):
    dbt.config(materialized="table")
    sales = dbt.ref("fct_sales")
    # filtered in DuckDB: only the returned lines' columns reach pandas
    returned = sales.filter("is_returned").project(
        "order_line_id, channel, payment_method, quantity, unit_price, discount_amount, "
        "returned_amount").order("order_line_id").df()
    return twins.augment(returned,
                         int(dbt.config.get("synthetic_augment_rows")),
                         key="order_line_id", condition_on="channel",
                         seed=int(dbt.config.get("synthetic_seed")))
