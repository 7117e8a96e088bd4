{#- One row per customer version (SCD type 2: a new version when the customer moves
    or changes loyalty tier), plus the unknown member. Built from the cleansed CDC
    versions in one pass:
    each version is valid from its version time until the next (see scd2_validity). -#}
with

int_customers_cleansed as (
    select * from {{ ref('int_customers_cleansed') }}
),

versions as (
    select
        customer_id,
        first_name,
        last_name,
        email,
        phone,
        date_of_birth,
        gender,
        street_address,
        city,
        state,
        postal_code,
        country,
        signup_date,
        loyalty_tier,
        is_marketing_opt_in,
        updated_at,
        {{ scd2_validity('customer_id') }}
    from int_customers_cleansed
),

keyed as (
    select
        {{ surrogate_key(['customer_id', 'valid_from']) }} as customer_key,
        customer_id,
        first_name,
        last_name,
        email,
        phone,
        date_of_birth,
        gender,
        street_address,
        city,
        state,
        postal_code,
        country,
        signup_date,
        loyalty_tier,
        is_marketing_opt_in,
        valid_from,
        valid_to,
        is_current,
        updated_at
    from versions
),

unknown_member as (
    select
        {{ unknown_key() }} as customer_key,
        cast(-1 as bigint) as customer_id,
        cast('Unknown' as varchar) as first_name,
        cast('Unknown' as varchar) as last_name,
        cast(null as varchar) as email,
        cast(null as varchar) as phone,
        cast(null as date) as date_of_birth,
        cast(null as varchar) as gender,
        cast(null as varchar) as street_address,
        cast('Unknown' as varchar) as city,
        cast('Unknown' as varchar) as state,
        cast(null as varchar) as postal_code,
        cast('Unknown' as varchar) as country,
        cast(null as date) as signup_date,
        cast('Unknown' as varchar) as loyalty_tier,
        cast(false as boolean) as is_marketing_opt_in,
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
