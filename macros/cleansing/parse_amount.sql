{% macro parse_amount(expr) -%}
    {{ return(adapter.dispatch('parse_amount', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__parse_amount(expr) -%}
    {{ cleansing_unsupported('parse_amount') }}
{%- endmacro %}

{% macro duckdb__parse_amount(expr) -%}
    {#- An optional currency marker ('$', 'USD', either side), an optional minus,
        digits with or without thousands commas (in groups of three), and at
        most two decimals; the result is decimal(18, 2). Anything else: null. -#}
    {%- set s -%}
        trim(regexp_replace(
            trim(cast({{ expr }} as varchar)),
            '^(usd|us\$|\$)\s*|\s*(usd|\$)$', '', 'gi'
        ))
    {%- endset -%}
    case
        when regexp_full_match({{ s }}, '-?([0-9]{1,3}(,[0-9]{3})+|[0-9]{1,15})(\.[0-9]{1,2})?')
            then try_cast(replace({{ s }}, ',', '') as decimal(18, 2))
    end
{%- endmacro %}
