{#- One row per extra copy of a raw sellers version, collapsed by
    int_sellers_cleansed. -#}
{{ exact_duplicate_rows(ref('stg_raw__sellers'), 'seller_id') }}
