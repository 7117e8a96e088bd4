{#- One row per raw employees row with no readable key or version time. -#}
{{ unusable_rows(ref('stg_raw__employees'), 'employee_id') }}
