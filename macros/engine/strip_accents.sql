{% macro strip_accents(expr) -%}
    {#- The text without its accents: decomposed (NFD) and its combining marks
        dropped ('Türkiye' -> 'Turkiye', 'España' -> 'Espana'). Letters that do
        not decompose ('ø', 'ß') stay. -#}
    {{ return(adapter.dispatch('strip_accents', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__strip_accents(expr) -%}
    {#- Spark: ICU4J's decompose(text, false) is NFD (see nfc) -#}
    regexp_replace(try_reflect('com.ibm.icu.text.Normalizer', 'decompose', {{ expr }}, false),
        {{ regex_literal('\\p{M}+') }}, '')
{%- endmacro %}

{% macro duckdb__strip_accents(expr) -%}
    strip_accents({{ expr }})
{%- endmacro %}
