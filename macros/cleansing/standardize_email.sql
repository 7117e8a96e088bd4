{% macro standardize_email(expr) -%}
    {#- lower-case and trimmed; null unless it has the shape local@domain.tld -#}
    {%- set email = "lower(trim(cast(" ~ expr ~ " as " ~ dbt.type_string() ~ ")))" -%}
    case
        when {{ is_email(email) }} then {{ email }}
    end
{%- endmacro %}

{% macro is_email(email) -%}
    {#- True when `email` (already lower-cased and trimmed) has the shape
        local@domain.tld: a local part of 1 to 64 characters, dot-separated
        labels of letters, digits and inner hyphens, a top-level label of 2 to
        24 letters. The lengths are checked apart from the pattern: counted
        repetitions make the regular expression several times slower. -#}
    (
        {{ full_match(email,
            "[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.[a-z]+") }}
        and instr({{ email }}, '@') <= 65
        and instr(reverse({{ email }}), '.') between 3 and 25
    )
{%- endmacro %}
