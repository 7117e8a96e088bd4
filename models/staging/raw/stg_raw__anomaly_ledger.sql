{{ config(enabled=var('defect_ledger_available', true)) }}
with

source as (
    select * from {{ raw_source('anomaly_ledger') }}
),

final as (
    select
        cast(incident_id as integer) as incident_id,
        incident_class,
        incident_kind,
        segment_type,
        segment_id,
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,
        metric,
        cast(magnitude as double) as magnitude,
        cast(expected_value as double) as expected_value,
        cast(signal_to_noise as double) as signal_to_noise,
        is_detectable = 'true' as is_detectable,
        is_in_sale_period = 'true' as is_in_sale_period
    from source
)

select * from final
