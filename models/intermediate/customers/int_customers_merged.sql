{#- One row per customer id that is a near-duplicate of an earlier customer:
    the same person registered again, typed differently. Candidate pairs share
    a name (ignoring case), a phone or an e-mail; each pair scores one point
    per attribute that agrees: name, phone, e-mail, birth date, address (street
    and postal code). A pair needs var('near_duplicate_min_agreeing') points to
    merge (two is not enough: common names share birth dates by chance among
    100,000 customers), and each duplicate merges into its best-scoring earlier
    registration (the earliest on a tie), its survivor. -#}
{%- set attributes = ['full_name', 'phone', 'email', 'date_of_birth', 'address'] %}
with

int_customers_repaired as (
    select * from {{ ref('int_customers_repaired') }}
),

first_versions as (
    select
        customer_id,
        phone,
        email,
        date_of_birth,
        lower(first_name) || '|' || lower(last_name) as full_name,
        lower(street_address) || '|' || postal_code as address
    from int_customers_repaired
    qualify row_number() over (partition by customer_id order by updated_at) = 1
),

candidates as (
    select
        later.customer_id as merged_customer_id,
        earlier.customer_id as survivor_customer_id
    from first_versions as later
    inner join first_versions as earlier
        on
            later.full_name = earlier.full_name
            and later.customer_id > earlier.customer_id
    union
    select
        later.customer_id as merged_customer_id,
        earlier.customer_id as survivor_customer_id
    from first_versions as later
    inner join first_versions as earlier
        on
            later.phone = earlier.phone
            and later.customer_id > earlier.customer_id
    union
    select
        later.customer_id as merged_customer_id,
        earlier.customer_id as survivor_customer_id
    from first_versions as later
    inner join first_versions as earlier
        on
            later.email = earlier.email
            and later.customer_id > earlier.customer_id
),

scored as (
    select
        candidates.merged_customer_id,
        candidates.survivor_customer_id,
        {%- for attribute in attributes %}
            coalesce(later.{{ attribute }} = earlier.{{ attribute }}, false)
                as same_{{ attribute }},
        {%- endfor %}
        {% for attribute in attributes -%}
            coalesce(later.{{ attribute }} = earlier.{{ attribute }}, false)::int
            {%- if not loop.last %} + {% endif %}
        {%- endfor %} as agreeing_attributes
    from candidates
    inner join first_versions as later
        on candidates.merged_customer_id = later.customer_id
    inner join first_versions as earlier
        on candidates.survivor_customer_id = earlier.customer_id
),

best as (
    select *
    from scored
    where agreeing_attributes >= {{ var('near_duplicate_min_agreeing') }}
    qualify row_number() over (
        partition by merged_customer_id
        order by agreeing_attributes desc, survivor_customer_id asc
    ) = 1
),

final as (
    select
        merged_customer_id,
        survivor_customer_id,
        agreeing_attributes,
        concat_ws(
            ', ',
            case when same_full_name then 'name' end,
            case when same_phone then 'phone' end,
            case when same_email then 'email' end,
            case when same_date_of_birth then 'birth date' end,
            case when same_address then 'address' end
        ) as matched_on
    from best
)

select * from final
