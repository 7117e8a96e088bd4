{#- One row per extra copy of a raw products version, collapsed by
    int_products_cleansed. -#}
{{ exact_duplicate_rows(ref('stg_raw__products'), 'product_id') }}
