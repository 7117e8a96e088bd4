{#- One row per store, product category and fiscal year: average stock on hand
    over the year's month-end snapshots (the semi-additive measure averaged over
    time), units sold, turnover (units sold over average stock) and the share of
    snapshots that found a product out of stock. -#}
with

fct_inventory_snapshots as (
    select * from {{ ref('fct_inventory_snapshots') }}
),

dim_stores as (
    select * from {{ ref('dim_stores') }}
),

dim_products as (
    select * from {{ ref('dim_products') }}
),

dim_dates as (
    select * from {{ ref('dim_dates') }}
),

monthly as (
    select
        dim_stores.store_id,
        dim_stores.store_name,
        dim_products.category,
        dim_dates.fiscal_year,
        fct_inventory_snapshots.snapshot_date_key,
        sum(fct_inventory_snapshots.quantity_on_hand) as on_hand,
        sum(fct_inventory_snapshots.units_sold_in_month)::bigint as units_sold,
        avg(case when fct_inventory_snapshots.is_stock_out then 1.0 else 0.0 end)
            as stock_out_share
    from fct_inventory_snapshots
    inner join dim_stores on fct_inventory_snapshots.store_key = dim_stores.store_key
    inner join dim_products
        on fct_inventory_snapshots.product_key = dim_products.product_key
    inner join dim_dates
        on fct_inventory_snapshots.snapshot_date_key = dim_dates.date_key
    group by 1, 2, 3, 4, 5
),

final as (
    select
        store_id,
        store_name,
        category,
        fiscal_year,
        avg(on_hand) as average_on_hand,
        sum(units_sold)::bigint as units_sold,
        sum(units_sold) / nullif(avg(on_hand), 0) as turnover,
        avg(stock_out_share) as stock_out_rate
    from monthly
    group by 1, 2, 3, 4
)

select * from final
