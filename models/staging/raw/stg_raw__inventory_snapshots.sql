{#- A table, not a view like the rest of staging: the large raw tables are
    parsed once here, instead of once by each of the models and tests that read
    them. -#}
{{ config(materialized='table') }}
with

source as (
    select * from {{ raw_source('inventory_snapshots') }}
),

parsed as (
    select
        {{ parse_id('inventory_snapshot_id') }} as inventory_snapshot_id,
        {{ parse_date('snapshot_date') }} as snapshot_date,
        {{ parse_id('store_id') }} as store_id,
        {{ parse_id('product_id') }} as product_id,
        {{ parse_integer('quantity_on_hand') }} as quantity_on_hand,
        {{ parse_integer('quantity_on_order') }} as quantity_on_order,
        {{ parse_timestamp('updated_at') }} as updated_at,
        inventory_snapshot_id as raw_inventory_snapshot_id,
        updated_at as raw_updated_at,
        quantity_on_hand as raw_quantity_on_hand,
        quantity_on_order as raw_quantity_on_order
    from source
),

final as (
    select
        inventory_snapshot_id,
        {{ plausible_time('snapshot_date', 'calendar') }} as snapshot_date,
        store_id,
        product_id,
        quantity_on_hand,
        quantity_on_order,
        {{ plausible_time('updated_at', 'calendar') }} as updated_at,
        raw_inventory_snapshot_id,
        raw_updated_at,
        {{ is_unparseable('raw_quantity_on_hand', 'quantity_on_hand') }}
        or coalesce(quantity_on_hand < 0, false) as is_quantity_on_hand_invalid,
        {{ is_unparseable('raw_quantity_on_order', 'quantity_on_order') }}
        or coalesce(quantity_on_order < 0, false) as is_quantity_on_order_invalid
    from parsed
)

select * from final
