{% macro sha256_hex(binary_expr) -%}
    {{ return(adapter.dispatch('sha256_hex', 'fashion_retail')(binary_expr)) }}
{%- endmacro %}

{% macro default__sha256_hex(binary_expr) -%}
    sha2({{ binary_expr }}, 256)
{%- endmacro %}

{% macro duckdb__sha256_hex(binary_expr) -%}
    sha256({{ binary_expr }})
{%- endmacro %}


{% macro utf8_bytes(text_expr) -%}
    {{ return(adapter.dispatch('utf8_bytes', 'fashion_retail')(text_expr)) }}
{%- endmacro %}

{% macro default__utf8_bytes(text_expr) -%}
    encode({{ text_expr }}, 'UTF-8')
{%- endmacro %}

{% macro duckdb__utf8_bytes(text_expr) -%}
    encode({{ text_expr }})
{%- endmacro %}


{% macro md5_high_48_bits(text_expr) -%}
    {{ return(adapter.dispatch('md5_high_48_bits', 'fashion_retail')(text_expr)) }}
{%- endmacro %}

{% macro default__md5_high_48_bits(text_expr) -%}
    {#- Spark: the last six bytes of the hex digest, most significant (last)
        first, read as a number -#}
    {%- set digest = 'md5(' ~ text_expr ~ ')' -%}
    element_at(transform(array({{ digest }}), md5_digest -> cast(conv(concat(
        {%- for byte in range(15, 9, -1) %}
        substr(md5_digest, {{ 2 * byte + 1 }}, 2){{ ',' if not loop.last }}
        {%- endfor %}
    ), 16, 10) as bigint)), 1)
{%- endmacro %}

{% macro duckdb__md5_high_48_bits(text_expr) -%}
    {#- md5_number reads the digest as a little-endian 128-bit number -#}
    (cast(md5_number({{ text_expr }}) >> 80 as bigint) & 281474976710655)
{%- endmacro %}


{% macro session_variable(name) -%}
    {{ return(adapter.dispatch('session_variable', 'fashion_retail')(name)) }}
{%- endmacro %}

{% macro default__session_variable(name) -%}
    {#- Spark's SQL session variables (DECLARE VARIABLE) -#}
    session.{{ name }}
{%- endmacro %}

{% macro duckdb__session_variable(name) -%}
    getvariable('{{ name }}')
{%- endmacro %}
