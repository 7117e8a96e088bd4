{% macro last_ten_digits(expr) -%}
    {{ return(adapter.dispatch('last_ten_digits', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__last_ten_digits(expr) -%}
    {#- engines whose regexp_replace replaces every match (Spark) -#}
    right(regexp_replace(cast({{ expr }} as {{ dbt.type_string() }}), '[^0-9]', ''), 10)
{%- endmacro %}

{% macro duckdb__last_ten_digits(expr) -%}
    {#- The last ten digits of a value, separators dropped: how a phone number
        is compared, whatever its writing ('+1 (555) 123-4567' -> 5551234567). -#}
    right(regexp_replace(cast({{ expr }} as varchar), '[^0-9]', '', 'g'), 10)
{%- endmacro %}
