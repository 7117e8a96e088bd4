{#- One row per employee version (employee_id, updated_at): exact duplicates
    collapsed, spelling noise undone, impossible birth dates nulled, negative
    salaries sign-flipped, salaries far above their job's range flagged (kept,
    never deleted), and gaps filled from the rows that know: personal data and
    hire and termination dates from the employee's other versions (they never
    change), the department from the job title it always goes with. -#}
with

stg_raw__employees as (
    select * from {{ ref('stg_raw__employees') }}
),

keyed as (
    {{ first_copy('stg_raw__employees', 'employee_id') }}
),

single as (
    select
        employee_id,
        first_name,
        last_name,
        email,
        phone,
        hire_date,
        termination_date,
        job_title,
        department,
        store_id,
        manager_id,
        updated_at,
        is_salary_negative,
        case when not is_date_of_birth_invalid then date_of_birth end as date_of_birth,
        abs(salary) as salary
    from keyed
),

spelled as (
    select
        {{ star_except('single', ['first_name', 'last_name', 'department']) }},
        {{ restore_spelling('first_name', 'single') }} as first_name,
        {{ restore_spelling('last_name', 'single') }} as last_name,
        {{ restore_spelling('department', 'single') }} as department
    from single
),

departments as (
    select
        job_title,
        mode(department) as job_department,
        median(salary) as job_median_salary
    from spelled
    where job_title is not null
    group by job_title
),

versions as (
    select
        spelled.*,
        {%- for column in ['first_name', 'last_name', 'email', 'phone', 'date_of_birth',
                           'hire_date', 'termination_date'] %}
        {{ first_non_null(column) }} over all_versions as any_{{ column }}
        {{- "," if not loop.last }}
    {%- endfor %}
    from spelled
    window all_versions as (
        partition by employee_id order by updated_at
        rows between unbounded preceding and unbounded following
    )
),

final as (
    select
        versions.employee_id,
        versions.job_title,
        versions.store_id,
        versions.manager_id,
        versions.salary,
        versions.updated_at,
        versions.is_salary_negative as had_negative_salary,
        coalesce(versions.first_name, versions.any_first_name) as first_name,
        coalesce(versions.last_name, versions.any_last_name) as last_name,
        coalesce(versions.email, versions.any_email) as email,
        coalesce(versions.phone, versions.any_phone) as phone,
        coalesce(versions.date_of_birth, versions.any_date_of_birth) as date_of_birth,
        coalesce(versions.hire_date, versions.any_hire_date) as hire_date,
        coalesce(versions.termination_date, versions.any_termination_date)
            as termination_date,
        coalesce(versions.department, departments.job_department) as department,
        coalesce(versions.salary > 3 * departments.job_median_salary, false)
            as is_salary_outlier
    from versions
    left join departments on versions.job_title = departments.job_title
)

select * from final
