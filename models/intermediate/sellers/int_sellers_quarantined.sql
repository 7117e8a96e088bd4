{#- One row per raw sellers row with no readable key or version time. -#}
{{ unusable_rows(ref('stg_raw__sellers'), 'seller_id') }}
