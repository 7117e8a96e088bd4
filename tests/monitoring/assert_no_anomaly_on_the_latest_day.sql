{#- Warns with every metric and segment the monitors flag on the latest day of
    data: what a team would want to hear about the morning after the load. -#}
{{ config(severity='warn') }}
with

mon_anomalies as (
    select * from {{ ref('mon_anomalies') }}
),

mon_daily_metrics as (
    select * from {{ ref('mon_daily_metrics') }}
),

latest as (
    select max(metric_date) as latest_date from mon_daily_metrics
)

select mon_anomalies.*
from mon_anomalies
inner join latest on mon_anomalies.metric_date = latest.latest_date
