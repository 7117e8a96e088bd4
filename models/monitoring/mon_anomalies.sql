{#- One row per flagged day, segment and metric: what was seen, what was
    expected, by how many standard deviations they differ, and which way. -#}
with

mon_anomaly_scores as (
    select * from {{ ref('mon_anomaly_scores') }}
),

final as (
    select
        metric_date,
        segment_type,
        segment_id,
        metric,
        observed_value,
        expected_value,
        score,
        case when score > 0 then 'spike' else 'drop' end as direction
    from mon_anomaly_scores
    where is_anomaly
)

select * from final
