{% macro space_class() -%}
    {{ return(adapter.dispatch('space_class', 'fashion_retail')()) }}
{%- endmacro %}

{% macro default__space_class() -%}
    {#- Java regular expressions: ASCII whitespace and control characters -#}
    {{ return('[\\p{Space}\\p{Cntrl}]') }}
{%- endmacro %}

{% macro duckdb__space_class() -%}
    {#- RE2: ASCII whitespace and control characters -#}
    {{ return('[[:space:][:cntrl:]]') }}
{%- endmacro %}
