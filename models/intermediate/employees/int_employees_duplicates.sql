{#- One row per extra copy of a raw employees version, collapsed by
    int_employees_cleansed. -#}
{{ exact_duplicate_rows(ref('stg_raw__employees'), 'employee_id') }}
