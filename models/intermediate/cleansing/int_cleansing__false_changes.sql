{#- Per raw table and column: cells the generator left clean, and how many of
    them the cleansing changed anyway (its false changes). Rows merged away or
    quarantined are not cells of the clean output and are scored elsewhere. -#}
{{ config(enabled=var('defect_ledger_available', true)) }}
with

stg_raw__cells as (
    select * from {{ ref('stg_raw__cells') }}
),

stg_raw__defect_ledger as (
    select * from {{ ref('stg_raw__defect_ledger') }}
),

int_cleansing__cleaned_cells as (
    select * from {{ ref('int_cleansing__cleaned_cells') }}
),

raw_cells as (
    select distinct
        table_name,
        record_id,
        record_updated_at,
        column_name,
        raw_value
    from stg_raw__cells
),

defect_cells as (
    select distinct
        table_name,
        record_id,
        record_updated_at,
        column_name
    from stg_raw__defect_ledger
    where not is_row_defect
),

untouched as (
    select
        raw_cells.table_name,
        raw_cells.column_name,
        raw_cells.raw_value,
        cleaned.cleaned_value
    from raw_cells
    inner join int_cleansing__cleaned_cells as cleaned
        on
            raw_cells.table_name = cleaned.table_name
            and raw_cells.record_id = cleaned.record_id
            and raw_cells.record_updated_at = cleaned.record_updated_at
            and raw_cells.column_name = cleaned.column_name
    left join defect_cells
        on
            raw_cells.table_name = defect_cells.table_name
            and raw_cells.record_id = defect_cells.record_id
            and raw_cells.record_updated_at = defect_cells.record_updated_at
            and raw_cells.column_name = defect_cells.column_name
    where defect_cells.table_name is null
),

final as (
    select
        table_name,
        column_name,
        count(*) as clean_cells,
        count(*) filter (where cleaned_value is distinct from raw_value)
            as changed_cells
    from untouched
    group by table_name, column_name
)

select * from final
