{{
    config(
        materialized='incremental',
        unique_key=['subject', 'subject_id'],
        full_refresh=false
    )
}}
{#- One row per person who can be pseudonymized: customers (subject 'User'),
    employees ('Employee') and seller contacts ('Seller'), with their pseudonym
    number. RESTRICTED: it links pseudonyms to real ids, so it stays in the
    warehouse and never enters the privacy database. Incremental and never
    fully refreshed (full_refresh=false): people already here keep their
    number on every rebuild; newcomers are numbered after the highest number of
    their subject, in id order. -#}
with

int_customers_cleansed as (
    select * from {{ ref('int_customers_cleansed') }}
),

int_employees_cleansed as (
    select * from {{ ref('int_employees_cleansed') }}
),

int_sellers_cleansed as (
    select * from {{ ref('int_sellers_cleansed') }}
),

subjects as (
    select distinct
        'User' as subject,
        customer_id as subject_id
    from int_customers_cleansed
    union all
    select distinct
        'Employee' as subject,
        employee_id as subject_id
    from int_employees_cleansed
    union all
    select distinct
        'Seller' as subject,
        seller_id as subject_id
    from int_sellers_cleansed
),

{% if is_incremental() %}
    known as (
        select
            subject,
            subject_id,
            pseudonym_number
        from {{ this }}
    ),

    offsets as (
        select
            subject,
            max(pseudonym_number) as last_number
        from known
        group by subject
    ),
{% endif %}

newcomers as (
    select subjects.*
    from subjects
    {% if is_incremental() %}
        left join known
            on
                subjects.subject = known.subject
                and subjects.subject_id = known.subject_id
        where known.subject_id is null
    {% endif %}
),

numbered as (
    select
        newcomers.subject,
        newcomers.subject_id,
        {% if is_incremental() %}coalesce(offsets.last_number, 0) + {% endif %}
        row_number() over (
            partition by newcomers.subject order by newcomers.subject_id
        ) as pseudonym_number
    from newcomers
    {% if is_incremental() %}
        left join offsets on newcomers.subject = offsets.subject
    {% endif %}
),

final as (
    select
        subject,
        subject_id,
        pseudonym_number,
        subject || '_' || cast(pseudonym_number as {{ dbt.type_string() }}) as pseudonym
    from numbered
)

select * from final
