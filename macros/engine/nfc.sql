{% macro nfc(expr) -%}
    {#- Unicode normalization form C: a letter and its combining accent
        ('e' + U+0301) become the one composed character ('é'), so that two
        writings of the same text compare equal. -#}
    {{ return(adapter.dispatch('nfc', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__nfc(expr) -%}
    {#- Spark has no normalization function; ICU4J, which it ships, has one
        (compose(text, false) is NFC), reached by reflection: null stays null -#}
    try_reflect('com.ibm.icu.text.Normalizer', 'compose', {{ expr }}, false)
{%- endmacro %}

{% macro duckdb__nfc(expr) -%}
    nfc_normalize({{ expr }})
{%- endmacro %}
