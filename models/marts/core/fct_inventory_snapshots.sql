{#- One row per store, product and month-end snapshot date. quantity_on_hand
    and quantity_on_order are semi-additive: they add up across stores and
    products, never across snapshot dates (average or take the last one over
    time). days_of_cover is not additive at all. Keys point to the store and the
    product version valid at the snapshot, or the unknown member. -#}
with

int_inventory_snapshots_cleansed as (
    select * from {{ ref('int_inventory_snapshots_cleansed') }}
),

int_order_lines_cleansed as (
    select * from {{ ref('int_order_lines_cleansed') }}
),

int_orders_cleansed as (
    select * from {{ ref('int_orders_cleansed') }}
),

dim_stores as (
    select * from {{ ref('dim_stores') }}
),

dim_products as (
    select * from {{ ref('dim_products') }}
),

monthly_units as (
    select
        int_orders_cleansed.store_id,
        int_order_lines_cleansed.product_id,
        last_day(int_orders_cleansed.order_date) as month_end,
        sum(int_order_lines_cleansed.quantity) as units_sold
    from int_order_lines_cleansed
    inner join int_orders_cleansed
        on int_order_lines_cleansed.order_id = int_orders_cleansed.order_id
    where not int_order_lines_cleansed.is_quantity_outlier
    group by 1, 2, 3
),

snapshots as (
    select
        int_inventory_snapshots_cleansed.*,
        -- bigint on both engines (DuckDB sums integers to hugeint)
        cast(monthly_units.units_sold as bigint) as units_sold,
        cast(int_inventory_snapshots_cleansed.snapshot_date as timestamp)
        + interval 1 day as snapshot_at
    from int_inventory_snapshots_cleansed
    left join monthly_units
        on
            int_inventory_snapshots_cleansed.store_id = monthly_units.store_id
            and int_inventory_snapshots_cleansed.product_id = monthly_units.product_id
            and int_inventory_snapshots_cleansed.snapshot_date = monthly_units.month_end
),

final as (
    select
        snapshots.inventory_snapshot_id,
        coalesce(dim_stores.store_key, {{ unknown_key() }}) as store_key,
        coalesce(dim_products.product_key, {{ unknown_key() }}) as product_key,
        {{ date_key('snapshots.snapshot_date') }} as snapshot_date_key,
        snapshots.quantity_on_hand,
        snapshots.quantity_on_order,
        snapshots.quantity_on_hand = 0 as is_stock_out,
        coalesce(snapshots.units_sold, 0) as units_sold_in_month,
        round(
            snapshots.quantity_on_hand
            / nullif(snapshots.units_sold / day(snapshots.snapshot_date), 0),
            1
        ) as days_of_cover,
        snapshots.is_quantity_on_hand_outlier,
        snapshots.is_quantity_on_order_outlier
    from snapshots
    left join dim_stores
        on
            snapshots.store_id = dim_stores.store_id
            and snapshots.snapshot_at >= dim_stores.valid_from
            and snapshots.snapshot_at < dim_stores.valid_to
    left join dim_products
        on
            snapshots.product_id = dim_products.product_id
            and snapshots.snapshot_at >= dim_products.valid_from
            and snapshots.snapshot_at < dim_products.valid_to
)

select * from final
