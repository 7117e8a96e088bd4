{#- One row per store version (SCD type 2, though stores have not changed so far),
    plus the unknown member. Built from the cleansed CDC versions in one pass:
    each version is valid from its version time until the next (see scd2_validity). -#}
with

int_stores_cleansed as (
    select * from {{ ref('int_stores_cleansed') }}
),

versions as (
    select
        store_id,
        store_name,
        channel,
        street_address,
        city,
        state,
        postal_code,
        country,
        region,
        opened_date,
        size_sqm,
        updated_at,
        {{ scd2_validity('store_id') }}
    from int_stores_cleansed
),

keyed as (
    select
        {{ surrogate_key(['store_id', 'valid_from']) }} as store_key,
        store_id,
        store_name,
        channel,
        street_address,
        city,
        state,
        postal_code,
        country,
        region,
        opened_date,
        size_sqm,
        valid_from,
        valid_to,
        is_current,
        updated_at
    from versions
),

unknown_member as (
    select
        {{ unknown_key() }} as store_key,
        cast(-1 as bigint) as store_id,
        cast('Unknown' as varchar) as store_name,
        cast('Unknown' as varchar) as channel,
        cast(null as varchar) as street_address,
        cast('Unknown' as varchar) as city,
        cast('Unknown' as varchar) as state,
        cast(null as varchar) as postal_code,
        cast('Unknown' as varchar) as country,
        cast('Unknown' as varchar) as region,
        cast(null as date) as opened_date,
        cast(null as bigint) as size_sqm,
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
