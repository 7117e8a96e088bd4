{% macro first_non_null(expr) -%}
    {{ return(adapter.dispatch('first_non_null', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__first_non_null(expr) -%}
    {#- Spark: first(expr, true) skips nulls -#}
    first({{ expr }}, true)
{%- endmacro %}

{% macro duckdb__first_non_null(expr) -%}
    first({{ expr }} ignore nulls)
{%- endmacro %}
