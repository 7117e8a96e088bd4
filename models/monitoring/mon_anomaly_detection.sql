{#- The monitors scored against the generator's anomaly ledger: one row per
    incident class, and one for all of them.
    - A flag is true when it falls on a day of an incident, in a metric the
      incident moves (monitored_metrics.incident_metric) and in a segment that
      overlaps the incident's: the same one, one containing it or contained in
      it (a store and its channel), or across dimensions (a store's spike shows
      in the categories it sold).
    - An incident is detected when at least one true flag falls on it.
    - Precision is over every flag; recall over every incident, and apart over
      those the generator records as detectable (above the noise floor): the
      targets (var('anomaly_min_precision'), var('anomaly_min_recall')) hold
      precision and the recall of detectable incidents. -#}
{{ config(enabled=var('defect_ledger_available', true)) }}
with

mon_anomalies as (
    select * from {{ ref('mon_anomalies') }}
),

stg_raw__anomaly_ledger as (
    select * from {{ ref('stg_raw__anomaly_ledger') }}
),

monitored_metrics as (
    select * from {{ ref('monitored_metrics') }}
),

dim_stores as (
    select * from {{ ref('dim_stores') }}
),

store_channels as (
    select distinct
        cast(store_id as {{ dbt.type_string() }}) as store_id,
        channel
    from dim_stores
    where is_current
),

flags as (
    select
        mon_anomalies.*,
        monitored_metrics.incident_metric,
        store_channels.channel as store_channel
    from mon_anomalies
    inner join monitored_metrics on mon_anomalies.metric = monitored_metrics.metric
    left join store_channels
        on
            mon_anomalies.segment_type = 'store'
            and mon_anomalies.segment_id = store_channels.store_id
),

incidents as (
    select
        stg_raw__anomaly_ledger.*,
        store_channels.channel as store_channel
    from stg_raw__anomaly_ledger
    left join store_channels
        on
            stg_raw__anomaly_ledger.segment_type = 'store'
            and stg_raw__anomaly_ledger.segment_id = store_channels.store_id
),

matches as (
    select
        flags.metric_date,
        flags.segment_type,
        flags.segment_id,
        flags.metric,
        incidents.incident_id,
        incidents.incident_class
    from flags
    inner join incidents
        on
            flags.metric_date >= incidents.start_date
            and flags.metric_date <= incidents.end_date
            and flags.incident_metric = incidents.metric
            and (
                flags.segment_type = 'all'
                or incidents.segment_type = 'all'
                or (
                    flags.segment_type = incidents.segment_type
                    and flags.segment_id = incidents.segment_id
                )
                or (
                    flags.segment_type = 'category'
                    and incidents.segment_type in ('store', 'channel')
                )
                or (
                    incidents.segment_type = 'category'
                    and flags.segment_type in ('store', 'channel')
                )
                or (
                    flags.segment_type = 'channel'
                    and flags.segment_id = incidents.store_channel
                )
                or (
                    incidents.segment_type = 'channel'
                    and flags.store_channel = incidents.segment_id
                )
            )
),

matched_flags as (
    select distinct
        metric_date,
        segment_type,
        segment_id,
        metric
    from matches
),

flag_counts as (
    select
        count(*) as flags,
        count(matched_flags.metric_date) as true_flags
    from flags
    left join matched_flags
        on
            flags.metric_date = matched_flags.metric_date
            and flags.segment_type = matched_flags.segment_type
            and flags.segment_id = matched_flags.segment_id
            and flags.metric = matched_flags.metric
),

detected as (
    select distinct incident_id from matches
),

by_incident as (
    select
        incidents.incident_class,
        incidents.is_detectable,
        detected.incident_id is not null as is_detected
    from incidents
    left join detected on incidents.incident_id = detected.incident_id
),

by_class as (
    {%- for class_column in ['incident_class', "'all'"] %}
        select
            {{ class_column }} as incident_class,
            count(*) as incidents,
            sum(case when is_detected then 1 else 0 end) as detected_incidents,
            sum(case when is_detectable then 1 else 0 end) as detectable_incidents,
            sum(case when is_detectable and is_detected then 1 else 0 end)
                as detected_detectable_incidents
        from by_incident
        {%- if loop.first %}
            group by incident_class
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        by_class.incident_class,
        by_class.incidents,
        by_class.detected_incidents,
        by_class.detectable_incidents,
        by_class.detected_detectable_incidents,
        by_class.detected_incidents * 1.0 / nullif(by_class.incidents, 0) as recall,
        by_class.detected_detectable_incidents * 1.0
        / nullif(by_class.detectable_incidents, 0) as detectable_recall,
        case when by_class.incident_class = 'all' then flag_counts.flags end as flags,
        case
            when by_class.incident_class = 'all' then flag_counts.true_flags
        end as true_flags,
        case
            when by_class.incident_class = 'all'
                then flag_counts.true_flags * 1.0 / nullif(flag_counts.flags, 0)
        end as flag_precision,
        {{ var('anomaly_min_precision') }} as target_precision,
        {{ var('anomaly_min_recall') }} as target_recall
    from by_class
    cross join flag_counts
)

select * from final
