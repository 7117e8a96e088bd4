with

source as (
    select * from {{ raw_source('stores') }}
),

parsed as (
    select
        {{ parse_id('store_id') }} as store_id,
        {{ clean_text('store_name') }} as store_name,
        {{ canonicalize('channel', 'channel') }} as channel,
        {{ clean_text('street_address') }} as street_address,
        {{ clean_text('city') }} as city,
        {{ canonicalize('state', 'us_state') }} as state,
        {{ clean_text('postal_code') }} as postal_code_text,
        {{ canonicalize('country', 'country') }} as country,
        {{ clean_text('region') }} as region,
        {{ parse_date('opened_date') }} as opened_date,
        {{ parse_integer('size_sqm') }} as size_sqm,
        {{ parse_timestamp('updated_at') }} as updated_at,
        store_id as raw_store_id,
        updated_at as raw_updated_at,
        opened_date as raw_opened_date
    from source
),

final as (
    select
        store_id,
        store_name,
        channel,
        street_address,
        city,
        state,
        case
            when {{ full_match('postal_code_text', '[0-9]{5}') }} then postal_code_text
        end as postal_code,
        country,
        region,
        {{ plausible_time('opened_date') }} as opened_date,
        size_sqm,
        {{ plausible_time('updated_at') }} as updated_at,
        raw_store_id,
        raw_updated_at,
        {{ is_unparseable('raw_opened_date', plausible_time('opened_date')) }}
            as is_opened_date_invalid
    from parsed
)

select * from final
