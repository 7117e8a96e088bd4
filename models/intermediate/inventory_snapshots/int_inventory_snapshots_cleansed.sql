{#- One row per inventory snapshot: duplicates collapsed, negative quantities
    nulled and flagged (stock is mostly zero or a few units, so a sign flip would
    be a guess), and quantities far above
    the same store and product's usual level flagged as outliers (kept): more
    than var('stock_outlier_factor') times the median of its other snapshots and
    above var('stock_outlier_floor') units. -#}
with

stg_raw__inventory_snapshots as (
    select * from {{ ref('stg_raw__inventory_snapshots') }}
),

keyed as (
    {{ first_copy(
        'stg_raw__inventory_snapshots', 'inventory_snapshot_id', ['snapshot_date']
    ) }}
),

signed as (
    select
        inventory_snapshot_id,
        snapshot_date,
        store_id,
        product_id,
        updated_at,
        case when quantity_on_hand >= 0 then quantity_on_hand end as quantity_on_hand,
        case when quantity_on_order >= 0 then quantity_on_order end
            as quantity_on_order,
        coalesce(quantity_on_hand < 0 or quantity_on_order < 0, false)
            as had_negative_quantity
    from keyed
),

typical as (
    select
        signed.*,
        median(signed.quantity_on_hand) over same_stock as median_on_hand,
        median(signed.quantity_on_order) over same_stock as median_on_order
    from signed
    window same_stock as (partition by store_id, product_id)
),

final as (
    select
        inventory_snapshot_id,
        snapshot_date,
        store_id,
        product_id,
        quantity_on_hand,
        quantity_on_order,
        updated_at,
        had_negative_quantity,
        coalesce(
            quantity_on_hand > {{ var('stock_outlier_floor') }}
            and quantity_on_hand > {{ var('stock_outlier_factor') }} * median_on_hand,
            false
        ) as is_quantity_on_hand_outlier,
        coalesce(
            quantity_on_order > {{ var('stock_outlier_floor') }}
            and quantity_on_order > {{ var('stock_outlier_factor') }} * median_on_order,
            false
        ) as is_quantity_on_order_outlier
    from typical
)

select * from final
