{#- One row per employee version (SCD type 2: a new version on a change of job
    title, store or salary), plus the unknown member (online sales have no
    employee). Built from the cleansed CDC versions in one pass:
    each version is valid from its version time until the next (see scd2_validity). -#}
{{ scd2_dimension(
    ref('int_employees_cleansed'),
    'employee_id',
    [
        ["first_name", "string", "'Unknown'"],
        ["last_name", "string", "'Unknown'"],
        ["email", "string", "null"],
        ["phone", "string", "null"],
        ["date_of_birth", "date", "null"],
        ["hire_date", "date", "null"],
        ["termination_date", "date", "null"],
        ["job_title", "string", "'Unknown'"],
        ["department", "string", "'Unknown'"],
        ["store_id", "bigint", "null"],
        ["manager_id", "bigint", "null"],
        ["salary", "decimal(18, 2)", "null"],
        ["is_salary_outlier", "boolean", "false"],
    ]
) }}
