{#- a rate: up to three whole digits and four decimals -#}
{%- set rate_pattern = '[0-9]{0,3}\\.?[0-9]{1,4}' %}
with

source as (
    select * from {{ raw_source('sellers') }}
),

parsed as (
    select
        {{ parse_id('seller_id') }} as seller_id,
        {{ clean_text('company_name') }} as company_name,
        {{ clean_text('brand_name') }} as brand_name,
        {{ clean_text('contact_first_name') }} as contact_first_name,
        {{ clean_text('contact_last_name') }} as contact_last_name,
        {{ standardize_email('contact_email') }} as contact_email,
        {{ standardize_phone('contact_phone') }} as contact_phone,
        {{ canonicalize('country', 'country') }} as country,
        {{ canonicalize('brand_tier', 'brand_tier') }} as brand_tier,
        {{ parse_date('onboarded_date') }} as onboarded_date,
        try_cast(
            case
                when {{ full_match('trim(commission_rate)', rate_pattern) }}
                    then trim(commission_rate)
            end as decimal(7, 3)
        ) as commission_rate,
        {{ parse_timestamp('updated_at') }} as updated_at,
        seller_id as raw_seller_id,
        updated_at as raw_updated_at,
        contact_email as raw_contact_email,
        contact_phone as raw_contact_phone,
        onboarded_date as raw_onboarded_date,
        commission_rate as raw_commission_rate
    from source
),

final as (
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
        {{ plausible_time('onboarded_date') }} as onboarded_date,
        commission_rate,
        {{ plausible_time('updated_at') }} as updated_at,
        raw_seller_id,
        raw_updated_at,
        {{ is_unparseable('raw_contact_email', 'contact_email') }}
            as is_contact_email_invalid,
        {{ is_unparseable('raw_contact_phone', 'contact_phone') }}
            as is_contact_phone_invalid,
        {{ is_unparseable('raw_onboarded_date', plausible_time('onboarded_date')) }}
            as is_onboarded_date_invalid,
        {{ is_unparseable('raw_commission_rate', 'commission_rate') }}
        or coalesce(commission_rate >= 1, false) as is_commission_rate_invalid
    from parsed
)

select * from final
