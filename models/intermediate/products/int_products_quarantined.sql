{#- One row per raw products row with no readable key or version time. -#}
{{ unusable_rows(ref('stg_raw__products'), 'product_id') }}
