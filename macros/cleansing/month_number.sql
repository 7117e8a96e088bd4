{% macro month_number(expr, months) -%}
    {#- The number of a month name (months: spellings to numbers, as
        month_names() gives); null for any other word. -#}
    {{ map_lookup(months, expr) }}
{%- endmacro %}
