{% macro is_alert(score, threshold) -%}
    {#- Whether a scored row is an anomaly: its score passes the threshold in a
        direction its metric alerts on (alert_on: both, or increase only). -#}
    coalesce(
        is_scored
        and (
            {{ score }} > {{ threshold }}
            or (alert_on = 'both' and {{ score }} < -{{ threshold }})
        ),
        false
    )
{%- endmacro %}
