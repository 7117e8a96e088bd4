{#- One row per seller version (SCD type 2: a new version when the commission is
    renegotiated), plus the unknown member. Built from the cleansed CDC versions in
    one pass:
    each version is valid from its version time until the next (see scd2_validity). -#}
with

int_sellers_cleansed as (
    select * from {{ ref('int_sellers_cleansed') }}
),

versions as (
    select
        seller_id,
        company_name,
        brand_name,
        contact_first_name,
        contact_last_name,
        contact_email,
        contact_phone,
        country,
        brand_tier,
        onboarded_date,
        commission_rate,
        updated_at,
        {{ scd2_validity('seller_id') }}
    from int_sellers_cleansed
),

keyed as (
    select
        {{ surrogate_key(['seller_id', 'valid_from']) }} as seller_key,
        seller_id,
        company_name,
        brand_name,
        contact_first_name,
        contact_last_name,
        contact_email,
        contact_phone,
        country,
        brand_tier,
        onboarded_date,
        commission_rate,
        valid_from,
        valid_to,
        is_current,
        updated_at
    from versions
),

unknown_member as (
    select
        {{ unknown_key() }} as seller_key,
        cast(-1 as bigint) as seller_id,
        cast('Unknown' as varchar) as company_name,
        cast('Unknown' as varchar) as brand_name,
        cast(null as varchar) as contact_first_name,
        cast(null as varchar) as contact_last_name,
        cast(null as varchar) as contact_email,
        cast(null as varchar) as contact_phone,
        cast('Unknown' as varchar) as country,
        cast('Unknown' as varchar) as brand_tier,
        cast(null as date) as onboarded_date,
        cast(null as decimal(7, 3)) as commission_rate,
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
