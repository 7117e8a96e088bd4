{#- One row per raw customer row with no readable key or version time. -#}
{{ unusable_rows(ref('stg_raw__customers'), 'customer_id') }}
