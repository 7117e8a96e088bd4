{% macro full_match(expr, pattern) -%}
    {{ return(adapter.dispatch('full_match', 'fashion_retail')(expr, pattern)) }}
{%- endmacro %}

{% macro default__full_match(expr, pattern) -%}
    {#- Spark and other Java-regex engines: rlike matches anywhere, so the
        pattern is anchored at both ends. -#}
    ({{ expr }} rlike '^(?:{{ pattern | replace("'", "''") }})$')
{%- endmacro %}

{% macro duckdb__full_match(expr, pattern) -%}
    regexp_full_match({{ expr }}, '{{ pattern | replace("'", "''") }}')
{%- endmacro %}
