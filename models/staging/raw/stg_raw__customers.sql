{#- A table, not a view like the rest of staging: the large raw tables are
    parsed once here, instead of once by each of the models and tests that read
    them. -#}
{{ config(materialized='table') }}
with

source as (
    select * from {{ raw_source('customers') }}
),

cleaned as (
    select
        {{ parse_id('customer_id') }} as customer_id,
        {{ clean_text('first_name') }} as first_name,
        {{ clean_text('last_name') }} as last_name,
        {{ standardize_email('email') }} as email,
        {{ standardize_phone('phone') }} as phone,
        {{ parse_date('date_of_birth') }} as date_of_birth,
        {{ canonicalize('gender', 'gender') }} as gender,
        {{ clean_text('street_address') }} as street_address,
        {{ clean_text('city') }} as city,
        {{ canonicalize('state', 'us_state') }} as state,
        {{ clean_text('postal_code') }} as postal_code_text,
        {{ canonicalize('country', 'country') }} as country,
        {{ parse_date('signup_date') }} as signup_date,
        {{ canonicalize('loyalty_tier', 'loyalty_tier') }} as loyalty_tier,
        {{ canonicalize('marketing_opt_in', 'boolean') }} as marketing_opt_in,
        {{ parse_timestamp('updated_at') }} as updated_at,
        customer_id as raw_customer_id,
        updated_at as raw_updated_at,
        email as raw_email,
        phone as raw_phone,
        date_of_birth as raw_date_of_birth,
        postal_code as raw_postal_code
    from source
),

final as (
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
        case
            when {{ full_match('postal_code_text', '[0-9]{5}') }} then postal_code_text
        end as postal_code,
        country,
        {{ plausible_time('signup_date') }} as signup_date,
        loyalty_tier,
        marketing_opt_in = 'true' as is_marketing_opt_in,
        {{ plausible_time('updated_at') }} as updated_at,
        raw_customer_id,
        raw_updated_at,
        {{ is_unparseable('raw_email', 'email') }} as is_email_invalid,
        {{ is_unparseable('raw_phone', 'phone') }} as is_phone_invalid,
        {{ is_unparseable('raw_date_of_birth', 'date_of_birth') }}
        or coalesce(date_of_birth < {{ var('min_birth_date') }}, false)
        or coalesce(date_of_birth > {{ data_as_of_date() }}, false)
            as is_date_of_birth_invalid,
        coalesce(not {{ full_match('postal_code_text', '[0-9]{5}') }}, false)
            as is_postal_code_invalid
    from cleaned
)

select * from final
