{#- A table, not a view like the rest of staging: the large raw tables are
    parsed once here, instead of once by each of the models and tests that read
    them. -#}
{{ config(materialized='table') }}
with

source as (
    select * from {{ raw_source('order_lines') }}
),

parsed as (
    select
        {{ parse_id('order_line_id') }} as order_line_id,
        {{ parse_id('order_id') }} as order_id,
        {{ parse_integer('line_number') }} as line_number,
        {{ parse_id('product_id') }} as product_id,
        {{ parse_integer('quantity') }} as quantity,
        {{ parse_amount('unit_price') }} as unit_price,
        {{ parse_amount('discount_amount') }} as discount_amount,
        {{ canonicalize('is_returned', 'boolean') }} as returned_flag,
        {{ parse_date('returned_date') }} as returned_date,
        {{ parse_timestamp('updated_at') }} as updated_at,
        order_line_id as raw_order_line_id,
        updated_at as raw_updated_at,
        product_id as raw_product_id,
        quantity as raw_quantity,
        unit_price as raw_unit_price,
        discount_amount as raw_discount_amount,
        is_returned as raw_is_returned,
        returned_date as raw_returned_date
    from source
),

final as (
    select
        order_line_id,
        order_id,
        line_number,
        product_id,
        quantity,
        unit_price,
        discount_amount,
        returned_flag = 'true' as is_returned,
        {{ plausible_time('returned_date', 'calendar') }} as returned_date,
        {{ plausible_time('updated_at', 'calendar') }} as updated_at,
        raw_order_line_id,
        raw_updated_at,
        {{ is_unparseable('raw_product_id', 'product_id') }} as is_product_id_invalid,
        {{ is_unparseable('raw_quantity', 'quantity') }}
        or coalesce(quantity <= 0, false) as is_quantity_invalid,
        {{ is_unparseable('raw_unit_price', 'unit_price') }}
        or coalesce(unit_price < 0, false) as is_unit_price_invalid,
        {{ is_unparseable('raw_discount_amount', 'discount_amount') }}
        or coalesce(discount_amount < 0, false) as is_discount_amount_invalid,
        {{ is_unparseable('raw_is_returned', 'returned_flag') }}
            as is_returned_unmapped,
        {{ is_unparseable(
            'raw_returned_date', plausible_time('returned_date', 'calendar')) }}
            as is_returned_date_invalid
    from parsed
)

select * from final
