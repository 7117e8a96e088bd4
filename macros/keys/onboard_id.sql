{% macro onboard_id(expr) -%}
    {#- A source's text or UUID key as a stable integer id, written as text the
        way the canonical raw layer writes ids: the first 14 hex digits of the
        md5 of the trimmed key (below 2^56, so at most 17 digits, which
        parse_id reads). The same key gives the same id in every run and every
        load, with no table to keep; a blank key gives null. -#}
    {{ return(adapter.dispatch('onboard_id', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__onboard_id(expr) -%}
    case
        when nullif(trim({{ expr }}), '') is not null
            then cast(
                cast('0x' || left(md5(trim({{ expr }})), 14) as bigint)
                as {{ dbt.type_string() }}
            )
    end
{%- endmacro %}

{% macro spark__onboard_id(expr) -%}
    case
        when nullif(trim({{ expr }}), '') is not null
            then conv(left(md5(trim({{ expr }})), 14), 16, 10)
    end
{%- endmacro %}
