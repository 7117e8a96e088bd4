{% macro regex_group(number) -%}
    {{ return(adapter.dispatch('regex_group', 'fashion_retail')(number)) }}
{%- endmacro %}

{% macro default__regex_group(number) -%}
    {#- Spark (Java): a capturing group in a regexp_replace replacement; a group
        that took no part in the match gives '' -#}
    {{ return('$' ~ number) }}
{%- endmacro %}

{% macro duckdb__regex_group(number) -%}
    {#- RE2: the same, written with a backslash -#}
    {{ return('\\' ~ number) }}
{%- endmacro %}
