{% macro replace_all(expr, pattern, replacement='', flags='') -%}
    {{ return(adapter.dispatch('replace_all', 'fashion_retail')(expr, pattern, replacement, flags)) }}
{%- endmacro %}

{% macro default__replace_all(expr, pattern, replacement='', flags='') -%}
    {#- Spark: regexp_replace replaces every match; flags become an inline
        group ('i': case-insensitive). -#}
    regexp_replace(
        {{ expr }},
        {{ regex_literal(("(?" ~ flags ~ ")" if flags else "") ~ pattern) }},
        {{ regex_literal(replacement) }}
    )
{%- endmacro %}

{% macro duckdb__replace_all(expr, pattern, replacement='', flags='') -%}
    regexp_replace(
        {{ expr }},
        {{ regex_literal(pattern) }},
        {{ regex_literal(replacement) }},
        'g{{ flags }}'
    )
{%- endmacro %}
