{#- One row per order: duplicates collapsed; the order date, when missing or
    unreadable, taken from the order's creation time (updated_at, which the
    source writes when the order is placed); the channel from the store (store
    1 is the online store); customers re-pointed to the survivor of a merged
    near-duplicate registration, and references to customers that do not exist
    re-pointed to the unknown member (-1) and flagged. -#}
with

stg_raw__orders as (
    select * from {{ ref('stg_raw__orders') }}
),

int_customers_repaired as (
    select * from {{ ref('int_customers_repaired') }}
),

int_customers_merged as (
    select * from {{ ref('int_customers_merged') }}
),

keyed as (
    {{ first_copy('stg_raw__orders', 'order_id') }}
),

known_customers as (
    select distinct customer_id from int_customers_repaired
),

final as (
    select
        keyed.order_id,
        keyed.store_id,
        keyed.employee_id,
        keyed.payment_method,
        keyed.notes,
        keyed.updated_at,
        case
            when int_customers_merged.survivor_customer_id is not null
                then int_customers_merged.survivor_customer_id
            when known_customers.customer_id is not null then keyed.customer_id
            else -1
        end as customer_id,
        coalesce(
            keyed.channel,
            case
                when keyed.store_id = 1 then 'online' when
                    keyed.store_id > 1
                    then 'store'
            end
        ) as channel,
        coalesce(keyed.order_date, keyed.updated_at::date) as order_date,
        known_customers.customer_id is null as is_customer_unknown,
        int_customers_merged.survivor_customer_id is not null as is_customer_merged
    from keyed
    left join known_customers on keyed.customer_id = known_customers.customer_id
    left join int_customers_merged
        on keyed.customer_id = int_customers_merged.merged_customer_id
)

select * from final
