{% macro parse_timestamp(expr) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__parse_timestamp(expr) -%}
    {{ cleansing_unsupported('parse_timestamp') }}
{%- endmacro %}

{% macro duckdb__parse_timestamp(expr) -%}
    {#- 'YYYY-MM-DD HH:MM:SS' (or with 'T'); anything else gives null. -#}
    case
        when regexp_full_match(trim(cast({{ expr }} as varchar)),
            '[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}')
            then try_strptime(replace(trim(cast({{ expr }} as varchar)), 'T', ' '),
                '%Y-%m-%d %H:%M:%S')
    end
{%- endmacro %}
