{#- One row per raw inventory_snapshots row with no readable key or version time,
    or no plausible snapshot date (the fact's grain). -#}
{{ unusable_rows(
    ref('stg_raw__inventory_snapshots'), 'inventory_snapshot_id', ['snapshot_date']
) }}
