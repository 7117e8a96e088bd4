{% macro full_match(expr, pattern) -%}
    {{ return(adapter.dispatch('full_match', 'fashion_retail')(expr, pattern)) }}
{%- endmacro %}

{% macro default__full_match(expr, pattern) -%}
    {#- Spark and other Java-regex engines: rlike matches anywhere, so the
        pattern is anchored at both ends. -#}
    ({{ expr }} rlike {{ regex_literal('^(?:' ~ pattern ~ ')$') }})
{%- endmacro %}

{% macro duckdb__full_match(expr, pattern) -%}
    regexp_full_match({{ expr }}, {{ regex_literal(pattern) }})
{%- endmacro %}

{% macro regex_literal(pattern) -%}
    {{ return(adapter.dispatch('regex_literal', 'fashion_retail')(pattern)) }}
{%- endmacro %}

{% macro default__regex_literal(pattern) -%}
    {#- Spark reads backslashes in a string literal as escapes: a raw literal
        (r'...', or r"..." when the pattern holds a single quote) keeps them -#}
    {%- if "'" not in pattern -%}
        r'{{ pattern }}'
    {%- elif '"' not in pattern -%}
        r"{{ pattern }}"
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "regex_literal: a pattern with both quote characters: " ~ pattern) }}
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__regex_literal(pattern) -%}
    '{{ pattern | replace("'", "''") }}'
{%- endmacro %}


{% macro regex_contains(expr, pattern) -%}
    {{ return(adapter.dispatch('regex_contains', 'fashion_retail')(expr, pattern)) }}
{%- endmacro %}

{% macro default__regex_contains(expr, pattern) -%}
    ({{ expr }} rlike {{ regex_literal(pattern) }})
{%- endmacro %}

{% macro duckdb__regex_contains(expr, pattern) -%}
    regexp_matches({{ expr }}, {{ regex_literal(pattern) }})
{%- endmacro %}
