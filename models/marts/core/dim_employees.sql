{#- One row per employee version (SCD type 2: a new version on a change of job
    title, store or salary), plus the unknown member (online sales have no
    employee). Built from the cleansed CDC versions in one pass:
    each version is valid from its version time until the next (see scd2_validity). -#}
with

int_employees_cleansed as (
    select * from {{ ref('int_employees_cleansed') }}
),

versions as (
    select
        employee_id,
        first_name,
        last_name,
        email,
        phone,
        date_of_birth,
        hire_date,
        termination_date,
        job_title,
        department,
        store_id,
        manager_id,
        salary,
        is_salary_outlier,
        updated_at,
        {{ scd2_validity('employee_id') }}
    from int_employees_cleansed
),

keyed as (
    select
        {{ surrogate_key(['employee_id', 'valid_from']) }} as employee_key,
        employee_id,
        first_name,
        last_name,
        email,
        phone,
        date_of_birth,
        hire_date,
        termination_date,
        job_title,
        department,
        store_id,
        manager_id,
        salary,
        is_salary_outlier,
        valid_from,
        valid_to,
        is_current,
        updated_at
    from versions
),

unknown_member as (
    select
        {{ unknown_key() }} as employee_key,
        cast(-1 as bigint) as employee_id,
        cast('Unknown' as varchar) as first_name,
        cast('Unknown' as varchar) as last_name,
        cast(null as varchar) as email,
        cast(null as varchar) as phone,
        cast(null as date) as date_of_birth,
        cast(null as date) as hire_date,
        cast(null as date) as termination_date,
        cast('Unknown' as varchar) as job_title,
        cast('Unknown' as varchar) as department,
        cast(null as bigint) as store_id,
        cast(null as bigint) as manager_id,
        cast(null as decimal(18, 2)) as salary,
        cast(false as boolean) as is_salary_outlier,
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
