{#- One row per raw table and column: how clean the loaded data was and what
    the cleansing layer did with it (int_cleansing__cell_audit), with the
    table's row conservation (every raw row is clean, an extra copy or merged
    registration, or quarantined). Every loaded copy of a row counts. -#}
with

int_cleansing__cell_audit as (
    select * from {{ ref('int_cleansing__cell_audit') }}
),

int_cleansing__row_accounting as (
    select * from {{ ref('int_cleansing__row_accounting') }}
),

final as (
    select
        cell_audit.table_name,
        cell_audit.column_name,
        cell_audit.loaded_cells,
        cell_audit.null_cells,
        cell_audit.invalid_cells,
        cell_audit.repaired_cells,
        cell_audit.imputed_cells,
        accounting.raw_rows,
        accounting.duplicate_rows,
        accounting.quarantined_rows,
        accounting.clean_rows,
        accounting.unaccounted_rows,
        cell_audit.null_cells * 1.0 / nullif(cell_audit.loaded_cells, 0) as null_rate,
        cell_audit.invalid_cells * 1.0 / nullif(cell_audit.loaded_cells, 0)
            as invalid_rate,
        accounting.duplicate_rows * 1.0 / nullif(accounting.raw_rows, 0)
            as duplicate_rate,
        accounting.unaccounted_rows = 0 as is_conserved
    from int_cleansing__cell_audit as cell_audit
    inner join int_cleansing__row_accounting as accounting
        on cell_audit.table_name = accounting.table_name
)

select * from final
