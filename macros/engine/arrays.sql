{#- Arrays, spelled differently by DuckDB (lists) and Spark: collect, test,
    index and explode. -#}

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


{% macro collect_list(expr) -%}
    {{ return(adapter.dispatch('collect_list', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__collect_list(expr) -%}
    {#- Spark: collect_list skips nulls -#}
    collect_list({{ expr }})
{%- endmacro %}

{% macro duckdb__collect_list(expr) -%}
    list({{ expr }}) filter (where {{ expr }} is not null)
{%- endmacro %}


{% macro array_has(array_expr, value) -%}
    {{ return(adapter.dispatch('array_has', 'fashion_retail')(array_expr, value)) }}
{%- endmacro %}

{% macro default__array_has(array_expr, value) -%}
    array_contains({{ array_expr }}, {{ value }})
{%- endmacro %}

{% macro duckdb__array_has(array_expr, value) -%}
    list_contains({{ array_expr }}, {{ value }})
{%- endmacro %}


{% macro explode_array(array_expr) -%}
    {{ return(adapter.dispatch('explode_array', 'fashion_retail')(array_expr)) }}
{%- endmacro %}

{% macro default__explode_array(array_expr) -%}
    explode({{ array_expr }})
{%- endmacro %}

{% macro duckdb__explode_array(array_expr) -%}
    unnest({{ array_expr }})
{%- endmacro %}
