{#- One row per raw customer row merged into another: extra copies of the same
    version (exact duplicates) and every version of a near-duplicate
    registration, each with the key it was merged into. -#}
with

stg_raw__customers as (
    select * from {{ ref('stg_raw__customers') }}
),

int_customers_merged as (
    select * from {{ ref('int_customers_merged') }}
),

copies as (
    select
        customer_id,
        updated_at,
        {{ version_copy_number('customer_id') }} as copy_number
    from stg_raw__customers
    where customer_id is not null and updated_at is not null
),

final as (
    select
        copies.customer_id,
        copies.updated_at,
        coalesce(int_customers_merged.survivor_customer_id, copies.customer_id)
            as survivor_customer_id,
        case
            when
                int_customers_merged.merged_customer_id is not null
                then 'near_duplicate'
            else 'exact_duplicate'
        end as duplicate_kind
    from copies
    left join int_customers_merged
        on copies.customer_id = int_customers_merged.merged_customer_id
    where copies.copy_number > 1 or int_customers_merged.merged_customer_id is not null
)

select * from final
