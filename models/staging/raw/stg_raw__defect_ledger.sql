{{ config(enabled=var('defect_ledger_available', true)) }}
with

source as (
    select * from {{ raw_source('defect_ledger') }}
),

final as (
    select
        defect_id,
        table_name,
        record_id,
        record_updated_at,
        column_name,
        defect_class,
        clean_value,
        dirty_value,
        column_name is null as is_row_defect
    from source
)

select * from final
