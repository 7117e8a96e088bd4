{#- One row per customer version (customer_id, updated_at), repaired, with
    near-duplicate registrations merged away (their orders re-point to the
    survivor through int_customers_merged). -#}
with

int_customers_repaired as (
    select * from {{ ref('int_customers_repaired') }}
),

int_customers_merged as (
    select * from {{ ref('int_customers_merged') }}
),

final as (
    select int_customers_repaired.*
    from int_customers_repaired
    left join int_customers_merged
        on int_customers_repaired.customer_id = int_customers_merged.merged_customer_id
    where int_customers_merged.merged_customer_id is null
)

select * from final
