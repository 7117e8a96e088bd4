{#- A table, not a view like the rest of staging: the large raw tables are
    parsed once here, instead of once by each of the models and tests that read
    them. -#}
{{ config(materialized='table') }}
with

source as (
    select * from {{ raw_source('orders') }}
),

parsed as (
    select
        {{ parse_id('order_id') }} as order_id,
        {{ parse_id('customer_id') }} as customer_id,
        {{ parse_id('store_id') }} as store_id,
        {{ parse_id('employee_id') }} as employee_id,
        {{ canonicalize('channel', 'channel') }} as channel,
        {{ parse_date('order_date') }} as order_date,
        {{ canonicalize('payment_method', 'payment_method') }} as payment_method,
        {{ clean_text('notes') }} as notes,
        {{ parse_timestamp('updated_at') }} as updated_at,
        order_id as raw_order_id,
        updated_at as raw_updated_at,
        customer_id as raw_customer_id,
        order_date as raw_order_date,
        channel as raw_channel,
        payment_method as raw_payment_method
    from source
),

final as (
    select
        order_id,
        customer_id,
        store_id,
        employee_id,
        channel,
        {{ plausible_time('order_date', 'calendar') }} as order_date,
        payment_method,
        notes,
        {{ plausible_time('updated_at', 'calendar') }} as updated_at,
        raw_order_id,
        raw_updated_at,
        {{ is_unparseable('raw_customer_id', 'customer_id') }}
            as is_customer_id_invalid,
        {{ is_unparseable('raw_order_date', plausible_time('order_date', 'calendar')) }}
            as is_order_date_invalid,
        {{ is_unparseable('raw_channel', 'channel') }} as is_channel_unmapped,
        {{ is_unparseable('raw_payment_method', 'payment_method') }}
            as is_payment_method_unmapped
    from parsed
)

select * from final
