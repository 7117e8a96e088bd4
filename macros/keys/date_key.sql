{% macro date_key(date_expr) -%}
    {#- The integer key of a date, YYYYMMDD (null for null), written with
        arithmetic that every engine reads alike -#}
    cast(
        year({{ date_expr }}) * 10000 + month({{ date_expr }}) * 100 + day({{ date_expr }})
        as integer
    )
{%- endmacro %}
