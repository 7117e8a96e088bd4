{#- One row per day, segment and metric: the observed value, what the history
    says it should be, and a robust score.
    - Counts are divided by their segment's weekday and calendar factors
      (mon_seasonal_factors) and compared on Anscombe's square-root scale, where
      the Poisson noise of a count has unit standard deviation; rates on the
      arcsine-square-root scale against the window's pooled rate, with the
      binomial noise of the day's row count as a floor. Metrics that are not
      scored (monitored_metrics.is_scored) keep their expected value for charts.
    - The baseline is the median over the trailing var('anomaly_window_days')
      days (for rates the pooled rate), the spread 1.4826 times their median
      absolute deviation.
    - Pipeline-health rates alert only when they rise (monitored_metrics.alert_on).
    - Two passes: days flagged by the first are left out of the second's
      baselines, so one incident does not hide the next.
    - A day is scored once it has var('anomaly_min_history_days') days of
      history and has settled (returns take 30 days to come in). -#}
{%- set threshold = var('anomaly_score_threshold') -%}
{%- set base_columns = ['segment_type', 'segment_id', 'metric', 'metric_date',
    'metric_value', 'denominator', 'metric_kind', 'is_scored_metric', 'alert_on', 'series',
    'day_number', 'seasonal_factor', 'is_settled', 'stabilized_value'] -%}
{%- set origin = "cast('2000-01-01' as date)" -%}
with

mon_daily_metrics as (
    select * from {{ ref('mon_daily_metrics') }}
),

mon_seasonal_factors as (
    select * from {{ ref('mon_seasonal_factors') }}
),

monitored_metrics as (
    select * from {{ ref('monitored_metrics') }}
),

dim_dates as (
    select * from {{ ref('dim_dates') }}
),

latest as (
    select max(metric_date) as latest_date from mon_daily_metrics
),

points as (
    select
        mon_daily_metrics.segment_type,
        mon_daily_metrics.segment_id,
        mon_daily_metrics.metric,
        mon_daily_metrics.metric_date,
        mon_daily_metrics.metric_value,
        mon_daily_metrics.denominator,
        monitored_metrics.metric_kind,
        monitored_metrics.is_scored as is_scored_metric,
        monitored_metrics.alert_on,
        mon_daily_metrics.segment_type || '|' || mon_daily_metrics.segment_id
        || '|' || mon_daily_metrics.metric as series,
        {{ dbt.datediff(
            origin, 'mon_daily_metrics.metric_date', 'day'
        ) }} as day_number,
        case
            when monitored_metrics.metric_kind = 'count'
                then coalesce(weekdays.factor * calendar.factor, 0)
            else 1
        end as seasonal_factor,
        mon_daily_metrics.metric_date <= {{ dbt.dateadd(
            'day', '-monitored_metrics.settling_days', 'latest.latest_date'
        ) }} as is_settled
    from mon_daily_metrics
    cross join latest
    inner join monitored_metrics on mon_daily_metrics.metric = monitored_metrics.metric
    inner join dim_dates on mon_daily_metrics.metric_date = dim_dates.calendar_date
    left join mon_seasonal_factors as weekdays
        on
            mon_daily_metrics.segment_type = weekdays.segment_type
            and mon_daily_metrics.segment_id = weekdays.segment_id
            and mon_daily_metrics.metric = weekdays.metric
            and weekdays.factor_type = 'weekday'
            and weekdays.factor_key
            = cast(dim_dates.day_of_week as {{ dbt.type_string() }})
    left join mon_seasonal_factors as calendar
        on
            mon_daily_metrics.segment_type = calendar.segment_type
            and mon_daily_metrics.segment_id = calendar.segment_id
            and mon_daily_metrics.metric = calendar.metric
            and calendar.factor_type = 'calendar'
            and calendar.factor_key = {{ calendar_key('dim_dates') }}
),

stabilized as (
    select
        *,
        -- the value on the scale it is compared on, seasonality divided out
        case
            when metric_kind = 'count' and seasonal_factor > 0
                then sqrt(greatest(metric_value, 0) / seasonal_factor)
            -- Anscombe's: a zero of few rows is not as extreme as the plain
            -- arcsine says
            when metric_kind = 'rate'
                then asin(sqrt(
                    (metric_value * denominator + 0.375) / (denominator + 0.75)
                ))
            when metric_kind = 'mean' then metric_value
        end as stabilized_value
    from points
),

{% for pass in [1, 2] %}
    history_{{ pass }} as (
        select
            *,
            {%- set kept = 'is_settled and stabilized_value is not null'
                ~ (' and not is_flagged' if pass == 2 else '') %}
            {%- set frame = 'over (partition by series order by day_number '
                ~ 'range between ' ~ var('anomaly_window_days')
                ~ ' preceding and 1 preceding)' %}
            -- rates: the window's pooled rate, not the median of small days' rates
            case
                when metric_kind = 'rate'
                    then asin(sqrt(
                        sum(case when {{ kept }} then metric_value * denominator end)
                            {{ frame }}
                        / nullif(
                            sum(case when {{ kept }} then denominator end) {{ frame }},
                            0
                        )
                    ))
                else {{ median_over(
                    'case when ' ~ kept ~ ' then stabilized_value end', frame
                ) }}
            end as baseline,
            {{ median_absolute_deviation(
                'case when ' ~ kept ~ ' then stabilized_value end', frame) }}
                as spread,
            count(case when {{ kept }} then 1 end) {{ frame }} as history_days
        from {{ 'stabilized' if pass == 1 else 'flagged_1' }}
    ),

    noise_{{ pass }} as (
        select
            *,
            -- the noise of the value on its comparison scale: the window's spread,
            -- never less than the series' typical spread (a quiet window must not
            -- make an ordinary day look extreme) nor than pure Poisson or
            -- binomial noise
            {%- set window_noise = "1.4826 * spread * case when metric_kind = 'count'"
                ~ " then 2 * sqrt(seasonal_factor) else 1 end" %}
            greatest(
                {{ window_noise }},
                {{ median_over(window_noise, 'over (partition by series)') }},
                case
                    when metric_kind = 'count' then 1
                    else 0.5 / sqrt(greatest(denominator, 1))
                end
            ) as noise
        from history_{{ pass }}
    ),

    scored_{{ pass }} as (
        select
            *,
            case metric_kind
                when 'count' then seasonal_factor * baseline * baseline
                when 'rate' then sin(baseline) * sin(baseline)
                else baseline
            end as expected_value,
            case metric_kind
                when 'count'
                    then (
                        2 * sqrt(greatest(metric_value, 0) + 0.375)
                        - 2 * sqrt(seasonal_factor * baseline * baseline + 0.375)
                    ) / noise
                when 'rate' then (stabilized_value - baseline) / noise
            end as raw_score,
            is_scored_metric
            and is_settled
            and stabilized_value is not null
            and coalesce(denominator, 1) > 0
            and coalesce(history_days, 0) >= {{ var('anomaly_min_history_days') }}
            and metric_kind in ('count', 'rate')
            and (
                metric_kind != 'count'
                or seasonal_factor * baseline * baseline
                >= {{ var('anomaly_min_expected') }}
            ) as is_scored
        from noise_{{ pass }}
    ),

    {%- if pass == 1 %}

        flagged_1 as (
            select
                {%- for column in base_columns %}
                    {{ column }},
                {%- endfor %}
                {{ is_alert('raw_score', threshold) }} as is_flagged
            from scored_1
        ),
    {%- endif %}
{% endfor %}

final as (
    select
        metric_date,
        segment_type,
        segment_id,
        metric,
        metric_kind,
        metric_value as observed_value,
        expected_value,
        denominator,
        seasonal_factor,
        history_days,
        is_scored,
        case when is_scored then raw_score end as score,
        {{ is_alert('raw_score', threshold) }} as is_anomaly
    from scored_2
)

select * from final
