{#- One row per extra copy of a raw stores version, collapsed by
    int_stores_cleansed. -#}
{{ exact_duplicate_rows(ref('stg_raw__stores'), 'store_id') }}
