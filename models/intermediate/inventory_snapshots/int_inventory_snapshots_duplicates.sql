{#- One row per extra copy of a raw inventory_snapshots version, collapsed by
    int_inventory_snapshots_cleansed. -#}
{{ exact_duplicate_rows(
    ref('stg_raw__inventory_snapshots'), 'inventory_snapshot_id', ['snapshot_date']
) }}
