{% macro plausible_time(expr, scope='history') -%}
    {#- `expr` (a parsed date or timestamp) when it is a time the data can
        hold, else null. It must come before the end of the data's as-of day
        (data_as_of_date) plus var('max_days_after_as_of') days, and
        - scope 'history' (version times; entities' dates): not before
          var('scd2_min_valid_from'), where every history starts;
        - scope 'calendar' (sales, returns and stock, which facts key by day):
          within var('calendar_start') and var('calendar_end'), the days
          dim_dates holds.
        A year 9999 version time or a 1850 order date is then no value: its row
        is quarantined (a version time, see unusable_rows) or the date nulled
        and flagged, instead of breaking a history window or a date key. -#}
    {%- set latest = dbt.dateadd('day', 1 + var('max_days_after_as_of'), data_as_of_date()) -%}
    {%- if scope == 'history' -%}
        {%- set earliest -%}
            cast('{{ var("scd2_min_valid_from") }}' as {{ dbt.type_timestamp() }})
        {%- endset -%}
    {%- elif scope == 'calendar' -%}
        {%- set earliest = "cast('" ~ var('calendar_start') ~ "' as date)" -%}
        {%- set latest = "least(" ~ latest ~ ", "
            ~ dbt.dateadd('day', 1, "cast('" ~ var('calendar_end') ~ "' as date)") ~ ")" -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "plausible_time: scope must be 'history' or 'calendar', not '" ~ scope ~ "'") }}
    {%- endif -%}
    case
        when {{ expr }} >= {{ earliest }} and {{ expr }} < {{ latest }} then {{ expr }}
    end
{%- endmacro %}
