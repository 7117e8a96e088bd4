{% macro parse_integer(expr) -%}
    {{ return(adapter.dispatch('parse_integer', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__parse_integer(expr) -%}
    {{ cleansing_unsupported('parse_integer') }}
{%- endmacro %}

{% macro duckdb__parse_integer(expr) -%}
    {#- An optional minus and at most 18 digits (surrounding space allowed) as a
        bigint; anything else, including '1.5' and '1e3', gives null. -#}
    case
        when regexp_full_match(trim(cast({{ expr }} as varchar)), '-?[0-9]{1,18}')
            then try_cast(trim(cast({{ expr }} as varchar)) as bigint)
    end
{%- endmacro %}
