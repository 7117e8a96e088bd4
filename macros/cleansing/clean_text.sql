{% macro clean_text(expr) -%}
    {{ return(adapter.dispatch('clean_text', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__clean_text(expr) -%}
    {{ cleansing_unsupported('clean_text') }}
{%- endmacro %}

{% macro duckdb__clean_text(expr) -%}
    {#- whitespace and control characters collapse to one space, then trim;
        null-like tokens become null -#}
    nullif(
        case
            when lower(trim(regexp_replace(
                cast({{ expr }} as varchar), '[[:space:][:cntrl:]]+', ' ', 'g'
            ))) in (
                {%- for token in var('null_tokens') -%}
                    '{{ token | replace("'", "''") }}'{{ ", " if not loop.last }}
                {%- endfor -%})
                then null
            else trim(regexp_replace(
                cast({{ expr }} as varchar), '[[:space:][:cntrl:]]+', ' ', 'g'
            ))
        end,
        ''
    )
{%- endmacro %}
