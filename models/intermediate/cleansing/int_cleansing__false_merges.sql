{#- One row: customers merged into another registration although the ledger
    knows no near-duplicate of them (distinct people merged by mistake), out of
    all customers. -#}
{{ config(enabled=var('defect_ledger_available', true)) }}
with

int_customers_merged as (
    select * from {{ ref('int_customers_merged') }}
),

int_customers_repaired as (
    select * from {{ ref('int_customers_repaired') }}
),

stg_raw__defect_ledger as (
    select * from {{ ref('stg_raw__defect_ledger') }}
),

near_duplicates as (
    select record_id
    from stg_raw__defect_ledger
    where defect_class = 'near_duplicate'
),

final as (
    select
        (
            select count(distinct int_customers_repaired.customer_id)
            from int_customers_repaired
        ) as customers,
        count(*) as falsely_merged_customers
    from int_customers_merged
    left join near_duplicates
        on
            cast(int_customers_merged.merged_customer_id as {{ dbt.type_string() }})
            = near_duplicates.record_id
    where near_duplicates.record_id is null
)

select * from final
