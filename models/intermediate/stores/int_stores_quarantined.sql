{#- One row per raw stores row with no readable key or version time. -#}
{{ unusable_rows(ref('stg_raw__stores'), 'store_id') }}
