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


{% macro nth_element(array_expr, n) -%}
    {{ return(adapter.dispatch('nth_element', 'fashion_retail')(array_expr, n)) }}
{%- endmacro %}

{% macro default__nth_element(array_expr, n) -%}
    {#- Spark: element_at counts from 1 (brackets count from 0); null past the end -#}
    element_at({{ array_expr }}, {{ n }})
{%- endmacro %}

{% macro duckdb__nth_element(array_expr, n) -%}
    ({{ array_expr }})[{{ n }}]
{%- endmacro %}
