{#- Per raw table and column: cells the generator left clean, and how many of
    them the cleansing changed anyway (its false changes). Rows merged away or
    quarantined are not cells of the clean output and are scored elsewhere. -#}
{{ config(enabled=var('defect_ledger_available', true)) }}
with

int_cleansing__cell_audit as (
    select * from {{ ref('int_cleansing__cell_audit') }}
),

final as (
    select
        table_name,
        column_name,
        clean_cells,
        changed_cells
    from int_cleansing__cell_audit
)

select * from final
