{% macro standardize_email(expr) -%}
    {{ return(adapter.dispatch('standardize_email', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__standardize_email(expr) -%}
    {{ cleansing_unsupported('standardize_email') }}
{%- endmacro %}

{% macro duckdb__standardize_email(expr) -%}
    {#- lower-case and trimmed; null unless it has the shape local@domain.tld -#}
    {%- set email = "lower(trim(cast(" ~ expr ~ " as varchar)))" -%}
    case
        when {{ duckdb__is_email(email) }} then {{ email }}
    end
{%- endmacro %}

{% macro duckdb__is_email(email) -%}
    {#- True when `email` (already lower-cased and trimmed) has the shape
        local@domain.tld: a local part of 1 to 64 characters, dot-separated
        labels of letters, digits and inner hyphens, a top-level label of 2 to
        24 letters. The lengths are checked apart from the pattern: counted
        repetitions make the regular expression several times slower. -#}
    (
        regexp_full_match(
            {{ email }},
            '[a-z0-9!#$%&''*+/=?^_`{|}~.-]+@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.[a-z]+'
        )
        and strpos({{ email }}, '@') <= 65
        and strpos(reverse({{ email }}), '.') between 3 and 25
    )
{%- endmacro %}
