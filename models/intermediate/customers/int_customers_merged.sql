{#- One row per customer id that is a near-duplicate of an earlier customer:
    the same person registered again, typed differently. Candidate pairs share
    a name (ignoring case), a phone or an e-mail; each pair scores one point
    per attribute that agrees: name, phone, e-mail, birth date, address (street
    and postal code). A pair needs var('near_duplicate_min_agreeing') points to
    merge (two is not enough: common names share birth dates by chance among
    100,000 customers), and each duplicate merges into its best-scoring earlier
    registration (the earliest on a tie), its survivor.
    Values shared by many customers are no evidence: a placeholder phone, a
    store's phone or address typed in for walk-in customers, 1970-01-01. A
    value counts (and blocks candidates) only while no more customers hold it
    than var('near_duplicate_common_factor') times the median number of
    customers per distinct value of its attribute (1 for a phone, about 4 for
    a birth date at scale 1), and a name, phone or e-mail value never blocks
    when more than var('near_duplicate_max_block') customers hold it, so the
    candidate pairs stay within that many per customer whatever the input. -#}
{%- set attributes = ['full_name', 'phone', 'email', 'date_of_birth', 'address'] %}
{%- set blocking = ['full_name', 'phone', 'email'] %}
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

holders as (
    select
        customer_id,
    {%- for attribute in attributes %}
        {{ attribute }},
        count({{ attribute }}) over (partition by {{ attribute }})
            as {{ attribute }}_holders
        {{- "," if not loop.last }}
    {%- endfor %}
    from first_versions
),

{% for attribute in attributes %}
    {{ attribute }}_values as (
        select count(*) as value_holders
        from first_versions
        where {{ attribute }} is not null
        group by {{ attribute }}
    ),
{% endfor %}

-- the most customers a value may be shared by and still count as evidence
limits as (
    select
    {%- for attribute in attributes %}
            {{ var('near_duplicate_common_factor') }}
            * (select median(value_holders) from {{ attribute }}_values)
                as {{ attribute }}_limit
            {{- "," if not loop.last }}
    {%- endfor %}
),

evidence as (
    select
        holders.customer_id,
        {%- for attribute in attributes %}
            case
                when holders.{{ attribute }}_holders <= limits.{{ attribute }}_limit
                    then holders.{{ attribute }}
            end as {{ attribute }},
        {%- endfor %}
    {%- for attribute in blocking %}
        holders.{{ attribute }}_holders <= {{ var('near_duplicate_max_block') }}
            as is_{{ attribute }}_blocking
        {{- "," if not loop.last }}
    {%- endfor %}
    from holders
    cross join limits
),

candidates as (
    {%- for attribute in blocking %}
        select
            later.customer_id as merged_customer_id,
            earlier.customer_id as survivor_customer_id
        from evidence as later
        inner join evidence as earlier
            on
                later.{{ attribute }} = earlier.{{ attribute }}
                and later.is_{{ attribute }}_blocking
                and later.customer_id > earlier.customer_id
        {%- if not loop.last %}
            union
        {%- endif %}
    {%- endfor %}
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
    inner join evidence as later
        on candidates.merged_customer_id = later.customer_id
    inner join evidence as earlier
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
