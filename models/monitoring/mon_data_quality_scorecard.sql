{#- One row per raw table and column: how clean the loaded data was and what
    the cleansing layer did with it, with the table's row conservation (every
    raw row is clean, an extra copy or merged registration, or quarantined).
    Every loaded copy of a row counts, as it was loaded. -#}
with

stg_raw__cells as (
    select * from {{ ref('stg_raw__cells') }}
),

int_cleansing__cleaned_cells as (
    select * from {{ ref('int_cleansing__cleaned_cells') }}
),

int_cleansing__row_accounting as (
    select * from {{ ref('int_cleansing__row_accounting') }}
),

loaded_cells as (
    select
        table_name,
        record_id,
        record_updated_at,
        column_name,
        raw_value,
        {{ clean_text('raw_value') }} as loaded_value
    from stg_raw__cells
),

cells as (
    select
        loaded_cells.table_name,
        loaded_cells.column_name,
        cleaned.cleaned_value,
        loaded_cells.loaded_value is null as is_missing,
        cleaned.table_name is not null as is_kept,
        coalesce(cleaned.is_handled_by_flag, false) as is_flagged,
        not coalesce(cleaned.cleaned_value = loaded_cells.raw_value, false)
            as is_changed
    from loaded_cells
    left join int_cleansing__cleaned_cells as cleaned
        on
            loaded_cells.table_name = cleaned.table_name
            and loaded_cells.record_id = cleaned.record_id
            and loaded_cells.record_updated_at = cleaned.record_updated_at
            and loaded_cells.column_name = cleaned.column_name
),

by_column as (
    select
        table_name,
        column_name,
        count(*) as loaded_cells,
        sum(case when is_missing then 1 else 0 end) as null_cells,
        -- a value was there but could not be used as it was: unreadable (the
        -- cleansing nulled it), an outlier it flagged, a reference re-pointed
        sum(
            case
                when
                    not is_missing and is_kept and (cleaned_value is null or is_flagged)
                    then 1
                else 0
            end
        ) as invalid_cells,
        -- the cleansed value differs from the loaded text: standardized,
        -- corrected or imputed
        sum(
            case
                when is_kept and cleaned_value is not null and is_changed then 1
                else 0
            end
        ) as repaired_cells,
        sum(
            case
                when is_kept and is_missing and cleaned_value is not null then 1
                else 0
            end
        ) as imputed_cells
    from cells
    group by table_name, column_name
),

final as (
    select
        by_column.table_name,
        by_column.column_name,
        by_column.loaded_cells,
        by_column.null_cells,
        by_column.invalid_cells,
        by_column.repaired_cells,
        by_column.imputed_cells,
        accounting.raw_rows,
        accounting.duplicate_rows,
        accounting.quarantined_rows,
        accounting.clean_rows,
        accounting.unaccounted_rows,
        by_column.null_cells * 1.0 / nullif(by_column.loaded_cells, 0) as null_rate,
        by_column.invalid_cells * 1.0 / nullif(by_column.loaded_cells, 0)
            as invalid_rate,
        accounting.duplicate_rows * 1.0 / nullif(accounting.raw_rows, 0)
            as duplicate_rate,
        accounting.unaccounted_rows = 0 as is_conserved
    from by_column
    inner join int_cleansing__row_accounting as accounting
        on by_column.table_name = accounting.table_name
)

select * from final
