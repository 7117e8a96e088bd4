{#- One row per segment, count metric and seasonal factor, estimated from the
    whole history: the weekday factors (Monday to Sunday, averaging 1) and the
    calendar factors (each month, each sale period, each public holiday: a sale
    lifts demand, shops shut on Christmas Day). Both are medians of the daily
    value over a straight-line trend of ordinary days, so neither growth nor an
    incident here and there moves them. -#}
with

mon_daily_metrics as (
    select * from {{ ref('mon_daily_metrics') }}
),

monitored_metrics as (
    select * from {{ ref('monitored_metrics') }}
),

dim_dates as (
    select * from {{ ref('dim_dates') }}
),

counts as (
    select
        mon_daily_metrics.segment_type,
        mon_daily_metrics.segment_id,
        mon_daily_metrics.metric,
        mon_daily_metrics.metric_value,
        {{ dbt.datediff(
            "cast('2000-01-01' as date)", 'mon_daily_metrics.metric_date', 'day'
        ) }} as day_number,
        dim_dates.day_of_week,
        {{ calendar_key('dim_dates') }} as calendar_key,
        dim_dates.sale_period is null and dim_dates.holiday is null as is_ordinary_day
    from mon_daily_metrics
    inner join monitored_metrics
        on
            mon_daily_metrics.metric = monitored_metrics.metric
            and monitored_metrics.metric_kind = 'count'
    inner join dim_dates on mon_daily_metrics.metric_date = dim_dates.calendar_date
),

trend as (
    select
        segment_type,
        segment_id,
        metric,
        regr_slope(metric_value, day_number) as slope,
        regr_intercept(metric_value, day_number) as intercept
    from counts
    where is_ordinary_day
    group by segment_type, segment_id, metric
),

ratios as (
    select
        counts.segment_type,
        counts.segment_id,
        counts.metric,
        counts.day_of_week,
        counts.calendar_key,
        counts.is_ordinary_day,
        counts.metric_value / (trend.intercept + trend.slope * counts.day_number)
            as ratio
    from counts
    inner join trend
        on
            counts.segment_type = trend.segment_type
            and counts.segment_id = trend.segment_id
            and counts.metric = trend.metric
    where trend.intercept + trend.slope * counts.day_number > 0
),

weekday_levels as (
    select
        segment_type,
        segment_id,
        metric,
        day_of_week,
        median(ratio) as weekday_level
    from ratios
    where is_ordinary_day
    group by segment_type, segment_id, metric, day_of_week
),

weekdays as (
    select
        segment_type,
        segment_id,
        metric,
        day_of_week,
        weekday_level / nullif(
            avg(weekday_level) over (partition by segment_type, segment_id, metric), 0
        ) as factor
    from weekday_levels
),

calendar as (
    select
        ratios.segment_type,
        ratios.segment_id,
        ratios.metric,
        ratios.calendar_key,
        median(ratios.ratio / weekdays.factor) as factor
    from ratios
    inner join weekdays
        on
            ratios.segment_type = weekdays.segment_type
            and ratios.segment_id = weekdays.segment_id
            and ratios.metric = weekdays.metric
            and ratios.day_of_week = weekdays.day_of_week
    where weekdays.factor > 0
    group by
        ratios.segment_type, ratios.segment_id, ratios.metric, ratios.calendar_key
),

final as (
    select
        segment_type,
        segment_id,
        metric,
        'weekday' as factor_type,
        cast(day_of_week as {{ dbt.type_string() }}) as factor_key,
        factor
    from weekdays
    union all
    select
        segment_type,
        segment_id,
        metric,
        'calendar' as factor_type,
        calendar_key as factor_key,
        factor
    from calendar
)

select * from final
