{#- One row per (customer_id, updated_at) that staging could key: exact
    duplicates collapsed, impossible values nulled, spelling noise undone, and
    missing values imputed where another row tells the truth:
    - stable attributes (name, e-mail, phone, birth date, gender, signup date,
      marketing consent, country) from the customer's other versions;
    - address parts from the neighbouring version when the two share another
      address part (no move in between), city and state from the postal code as
      seen on other rows, country from a US state;
    - the loyalty tier from the neighbouring version when the change between
      them was a move, not a tier change.
    Near-duplicate customers are still here; int_customers_merged maps them. -#}
with

stg_raw__customers as (
    select * from {{ ref('stg_raw__customers') }}
),

keyed as (
    {{ first_copy('stg_raw__customers', 'customer_id') }}
),

single as (
    select
        customer_id,
        first_name,
        last_name,
        email,
        phone,
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
        is_date_of_birth_invalid,
        case when not is_date_of_birth_invalid then date_of_birth end as date_of_birth
    from keyed
),

spelled as (
    select
        single.customer_id,
        {{ restore_spelling('first_name', 'single') }} as first_name,
        {{ restore_spelling('last_name', 'single') }} as last_name,
        single.email,
        single.phone,
        single.date_of_birth,
        single.gender,
        {{ restore_spelling('street_address', 'single') }} as street_address,
        {{ restore_spelling('city', 'single') }} as city,
        single.state,
        single.postal_code,
        single.country,
        single.signup_date,
        single.loyalty_tier,
        single.is_marketing_opt_in,
        single.updated_at,
        single.is_date_of_birth_invalid
    from single
),

postal_areas as (
    select
        postal_code,
        mode(city) as city,
        mode(state) as state
    from spelled
    where postal_code is not null
    group by postal_code
),

neighbours as (
    select
        spelled.*,
        lag(spelled.street_address) over by_version as prev_street_address,
        lag(spelled.city) over by_version as prev_city,
        lag(spelled.state) over by_version as prev_state,
        lag(spelled.postal_code) over by_version as prev_postal_code,
        lag(spelled.loyalty_tier) over by_version as prev_loyalty_tier,
        lead(spelled.street_address) over by_version as next_street_address,
        lead(spelled.city) over by_version as next_city,
        lead(spelled.state) over by_version as next_state,
        lead(spelled.postal_code) over by_version as next_postal_code,
        lead(spelled.loyalty_tier) over by_version as next_loyalty_tier,
        {%- for column in ['first_name', 'last_name', 'email', 'phone', 'date_of_birth',
                           'gender', 'signup_date', 'is_marketing_opt_in', 'country'] %}
            {{ first_non_null(column) }} over all_versions as any_{{ column }},
        {%- endfor %}
        lag(spelled.customer_id) over by_version is not null as has_prev,
        lead(spelled.customer_id) over by_version is not null as has_next
    from spelled
    window
        by_version as (partition by customer_id order by updated_at),
        all_versions as (
            partition by customer_id order by updated_at
            rows between unbounded preceding and unbounded following
        )
),

same_address as (
    select
        neighbours.*,
        postal_areas.city as postal_city,
        postal_areas.state as postal_state,
        coalesce(neighbours.postal_code = neighbours.prev_postal_code, false)
        or coalesce(neighbours.street_address = neighbours.prev_street_address, false)
        or coalesce(
            neighbours.city = neighbours.prev_city
            and neighbours.state = neighbours.prev_state,
            false
        ) as is_same_as_prev,
        coalesce(neighbours.postal_code = neighbours.next_postal_code, false)
        or coalesce(neighbours.street_address = neighbours.next_street_address, false)
        or coalesce(
            neighbours.city = neighbours.next_city
            and neighbours.state = neighbours.next_state,
            false
        ) as is_same_as_next,
        coalesce(
            neighbours.postal_code != neighbours.prev_postal_code
            or neighbours.street_address != neighbours.prev_street_address,
            false
        ) as moved_since_prev,
        coalesce(
            neighbours.postal_code != neighbours.next_postal_code
            or neighbours.street_address != neighbours.next_street_address,
            false
        ) as moves_before_next
    from neighbours
    left join postal_areas
        on neighbours.postal_code = postal_areas.postal_code
),

imputed as (
    select
        customer_id,
        updated_at,
        is_date_of_birth_invalid,
        coalesce(first_name, any_first_name) as first_name,
        coalesce(last_name, any_last_name) as last_name,
        coalesce(email, any_email) as email,
        coalesce(phone, any_phone) as phone,
        coalesce(date_of_birth, any_date_of_birth) as date_of_birth,
        coalesce(gender, any_gender) as gender,
        coalesce(
            street_address,
            case when is_same_as_prev then prev_street_address end,
            case when is_same_as_next then next_street_address end
        ) as street_address,
        coalesce(
            city,
            case when is_same_as_prev then prev_city end,
            case when is_same_as_next then next_city end,
            postal_city
        ) as city,
        coalesce(
            state,
            case when is_same_as_prev then prev_state end,
            case when is_same_as_next then next_state end,
            postal_state
        ) as state,
        coalesce(
            postal_code,
            case when is_same_as_prev then prev_postal_code end,
            case when is_same_as_next then next_postal_code end
        ) as postal_code,
        coalesce(
            country,
            any_country,
            case when coalesce(state, postal_state) is not null then 'United States' end
        ) as country,
        coalesce(signup_date, any_signup_date) as signup_date,
        coalesce(
            loyalty_tier,
            case when has_prev and moved_since_prev then prev_loyalty_tier end,
            case when has_next and moves_before_next then next_loyalty_tier end
        ) as loyalty_tier,
        coalesce(is_marketing_opt_in, any_is_marketing_opt_in) as is_marketing_opt_in
    from same_address
)

select * from imputed
