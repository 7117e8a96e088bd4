{#- One row per extra copy of a raw orders version, collapsed by
    int_orders_cleansed. -#}
{{ exact_duplicate_rows(ref('stg_raw__orders'), 'order_id') }}
