{#- One row per extra copy of a raw order_lines version, collapsed by
    int_order_lines_cleansed. -#}
{{ exact_duplicate_rows(ref('stg_raw__order_lines'), 'order_line_id') }}
