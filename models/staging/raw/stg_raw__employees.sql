with

source as (
    select * from {{ raw_source('employees') }}
),

parsed as (
    select
        {{ parse_id('employee_id') }} as employee_id,
        {{ clean_text('first_name') }} as first_name,
        {{ clean_text('last_name') }} as last_name,
        {{ standardize_email('email') }} as email,
        {{ standardize_phone('phone') }} as phone,
        {{ parse_date('date_of_birth') }} as date_of_birth,
        {{ parse_date('hire_date') }} as hire_date,
        {{ parse_date('termination_date') }} as termination_date,
        {{ canonicalize('job_title', 'job_title') }} as job_title,
        {{ clean_text('department') }} as department,
        {{ parse_id('store_id') }} as store_id,
        {{ parse_id('manager_id') }} as manager_id,
        {{ parse_amount('salary') }} as salary,
        {{ parse_timestamp('updated_at') }} as updated_at,
        employee_id as raw_employee_id,
        updated_at as raw_updated_at,
        email as raw_email,
        phone as raw_phone,
        date_of_birth as raw_date_of_birth,
        hire_date as raw_hire_date,
        termination_date as raw_termination_date,
        job_title as raw_job_title,
        salary as raw_salary
    from source
),

final as (
    select
        employee_id,
        first_name,
        last_name,
        email,
        phone,
        date_of_birth,
        {{ plausible_time('hire_date') }} as hire_date,
        {{ plausible_time('termination_date') }} as termination_date,
        job_title,
        department,
        store_id,
        manager_id,
        salary,
        {{ plausible_time('updated_at') }} as updated_at,
        raw_employee_id,
        raw_updated_at,
        {{ is_unparseable('raw_email', 'email') }} as is_email_invalid,
        {{ is_unparseable('raw_phone', 'phone') }} as is_phone_invalid,
        {{ is_unparseable('raw_date_of_birth', 'date_of_birth') }}
        or coalesce(date_of_birth < {{ var('min_birth_date') }}, false)
        or coalesce(date_of_birth > {{ data_as_of_date() }}, false)
            as is_date_of_birth_invalid,
        {{ is_unparseable('raw_hire_date', plausible_time('hire_date')) }}
            as is_hire_date_invalid,
        {{ is_unparseable('raw_termination_date', plausible_time('termination_date')) }}
            as is_termination_date_invalid,
        {{ is_unparseable('raw_job_title', 'job_title') }} as is_job_title_unmapped,
        {{ is_unparseable('raw_salary', 'salary') }} as is_salary_invalid,
        coalesce(salary < 0, false) as is_salary_negative
    from parsed
)

select * from final
