{% macro generalize_date(expr, grain='month') -%}
    {#- A date (or timestamp) as the first day of its month, quarter or year:
        generalize_date('hire_date', 'year') gives 2021-01-01 for 2021-06-14.
        Null stays null. -#}
    {%- if grain not in ['month', 'quarter', 'year'] -%}
        {{ exceptions.raise_compiler_error(
            "generalize_date: grain must be month, quarter or year, not '" ~ grain ~ "'") }}
    {%- endif -%}
    cast({{ dbt.date_trunc(grain, expr) }} as date)
{%- endmacro %}
