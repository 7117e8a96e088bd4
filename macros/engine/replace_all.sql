{% macro replace_all(expr, pattern, replacement='', flags='') -%}
    {{ return(adapter.dispatch('replace_all', 'fashion_retail')(expr, pattern, replacement, flags)) }}
{%- endmacro %}

{% macro default__replace_all(expr, pattern, replacement='', flags='') -%}
    {#- Spark: regexp_replace replaces every match; flags become an inline
        group ('i': case-insensitive). -#}
    regexp_replace(
        {{ expr }},
        '{{ "(?" ~ flags ~ ")" if flags }}{{ pattern | replace("'", "''") }}',
        '{{ replacement | replace("'", "''") }}'
    )
{%- endmacro %}

{% macro duckdb__replace_all(expr, pattern, replacement='', flags='') -%}
    regexp_replace(
        {{ expr }},
        '{{ pattern | replace("'", "''") }}',
        '{{ replacement | replace("'", "''") }}',
        'g{{ flags }}'
    )
{%- endmacro %}
