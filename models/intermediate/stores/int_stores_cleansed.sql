{#- One row per store version: duplicates collapsed, spelling noise undone,
    the channel inferred when missing (store 1 and the 'Online' region are the
    online store, as the source documents), the country from a US state, city
    and state from the postal code as seen on customer addresses. -#}
with

stg_raw__stores as (
    select * from {{ ref('stg_raw__stores') }}
),

int_customers_repaired as (
    select * from {{ ref('int_customers_repaired') }}
),

keyed as (
    {{ first_copy('stg_raw__stores', 'store_id') }}
),

single as (
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
        updated_at
    from keyed
),

spelled as (
    select
        {{ star_except('single', ['store_name', 'street_address', 'city', 'region']) }},
        {{ restore_spelling('store_name', 'single') }} as store_name,
        {{ restore_spelling('street_address', 'single') }} as street_address,
        {{ restore_spelling('city', 'single') }} as city,
        {{ restore_spelling('region', 'single') }} as region
    from single
),

postal_areas as (
    select
        postal_code,
        mode(city) as city,
        mode(state) as state
    from int_customers_repaired
    where postal_code is not null
    group by postal_code
),

final as (
    select
        spelled.store_id,
        spelled.store_name,
        spelled.street_address,
        spelled.postal_code,
        spelled.opened_date,
        spelled.size_sqm,
        spelled.updated_at,
        coalesce(
            spelled.channel,
            case
                when spelled.store_id = 1 or spelled.region = 'Online' then 'online'
                when spelled.region is not null then 'store'
            end
        ) as channel,
        coalesce(spelled.city, postal_areas.city) as city,
        coalesce(spelled.state, postal_areas.state) as state,
        coalesce(
            spelled.country,
            case
                when coalesce(spelled.state, postal_areas.state) is not null
                    then 'United States'
            end
        ) as country,
        coalesce(
            spelled.region, case when spelled.store_id = 1 then 'Online' end
        ) as region
    from spelled
    left join postal_areas on spelled.postal_code = postal_areas.postal_code
)

select * from final
