{#- One row per raw order_lines row with no readable key or version time. -#}
{{ unusable_rows(ref('stg_raw__order_lines'), 'order_line_id') }}
