{#- One row per raw inventory_snapshots row with no readable key or version time. -#}
{{ unusable_rows(ref('stg_raw__inventory_snapshots'), 'inventory_snapshot_id') }}
