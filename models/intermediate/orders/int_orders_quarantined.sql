{#- One row per raw orders row with no readable key or version time. -#}
{{ unusable_rows(ref('stg_raw__orders'), 'order_id') }}
