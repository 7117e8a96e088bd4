{#- One row per product (SKU) version (SCD type 2: a new version when the list price
    changes), plus the unknown member. Built from the cleansed CDC versions in one
    pass:
    each version is valid from its version time until the next (see scd2_validity). -#}
with

int_products_cleansed as (
    select * from {{ ref('int_products_cleansed') }}
),

versions as (
    select
        product_id,
        sku,
        product_name,
        brand,
        category,
        size,
        colour,
        material,
        season,
        cost,
        list_price,
        seller_id,
        launch_date,
        updated_at,
        {{ scd2_validity('product_id') }}
    from int_products_cleansed
),

keyed as (
    select
        {{ surrogate_key(['product_id', 'valid_from']) }} as product_key,
        product_id,
        sku,
        product_name,
        brand,
        category,
        size,
        colour,
        material,
        season,
        cost,
        list_price,
        seller_id,
        launch_date,
        valid_from,
        valid_to,
        is_current,
        updated_at
    from versions
),

unknown_member as (
    select
        {{ unknown_key() }} as product_key,
        cast(-1 as bigint) as product_id,
        cast('UNKNOWN' as varchar) as sku,
        cast('Unknown' as varchar) as product_name,
        cast('Unknown' as varchar) as brand,
        cast('Unknown' as varchar) as category,
        cast('Unknown' as varchar) as size,
        cast('Unknown' as varchar) as colour,
        cast('Unknown' as varchar) as material,
        cast('Unknown' as varchar) as season,
        cast(null as decimal(18, 2)) as cost,
        cast(null as decimal(18, 2)) as list_price,
        cast(-1 as bigint) as seller_id,
        cast(null as date) as launch_date,
        cast('{{ var("scd2_min_valid_from") }}' as timestamp) as valid_from,
        cast('{{ var("scd2_max_valid_to") }}' as timestamp) as valid_to,
        true as is_current,
        cast(null as timestamp) as updated_at
),

final as (
    select * from keyed
    union all
    select * from unknown_member
)

select * from final
