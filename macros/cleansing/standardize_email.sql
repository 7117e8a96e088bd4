{% macro standardize_email(expr) -%}
    {{ return(adapter.dispatch('standardize_email', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__standardize_email(expr) -%}
    {{ cleansing_unsupported('standardize_email') }}
{%- endmacro %}

{% macro duckdb__standardize_email(expr) -%}
    {#- lower-case and trimmed; null unless it has the shape local@domain.tld -#}
    case
        when regexp_full_match(
            lower(trim(cast({{ expr }} as varchar))),
            '[a-z0-9!#$%&''*+/=?^_`{|}~.-]{1,64}@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,24}'
        )
            then lower(trim(cast({{ expr }} as varchar)))
    end
{%- endmacro %}
