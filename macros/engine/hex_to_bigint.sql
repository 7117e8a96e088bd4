{% macro hex_to_bigint(hex_expr) -%}
    {#- A text of at most 15 hex digits as the number it writes (null for
        null): DuckDB casts '0x'-prefixed text, Spark converts the base. -#}
    {{ return(adapter.dispatch('hex_to_bigint', 'fashion_retail')(hex_expr)) }}
{%- endmacro %}

{% macro default__hex_to_bigint(hex_expr) -%}
    cast(conv({{ hex_expr }}, 16, 10) as bigint)
{%- endmacro %}

{% macro duckdb__hex_to_bigint(hex_expr) -%}
    cast(concat('0x', {{ hex_expr }}) as bigint)
{%- endmacro %}
