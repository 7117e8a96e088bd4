{% macro calendar_key(dates) -%}
    {#- The calendar class of a day of dim_dates (aliased `dates`), for seasonal
        factors: its sale period, else its public holiday, else its month. -#}
    coalesce(
        {{ dates }}.sale_period,
        {{ dates }}.holiday,
        'month ' || cast({{ dates }}.month_number as {{ dbt.type_string() }})
    )
{%- endmacro %}
