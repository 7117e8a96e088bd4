{% macro parse_amount(expr) -%}
    {#- An optional currency marker ('$', 'USD', either side), an optional minus,
        digits with or without thousands commas (in groups of three), and at
        most two decimals; the result is decimal(18, 2). Anything else: null. -#}
    {%- set s -%}
        trim({{ replace_all(
            "trim(cast(" ~ expr ~ " as " ~ dbt.type_string() ~ "))",
            '^(usd|us\\$|\\$)\\s*|\\s*(usd|\\$)$', '', 'i') }})
    {%- endset -%}
    case
        when {{ full_match(s, '-?([0-9]{1,3}(,[0-9]{3})+|[0-9]{1,15})(\\.[0-9]{1,2})?') }}
            then try_cast(replace({{ s }}, ',', '') as decimal(18, 2))
    end
{%- endmacro %}
