{% macro parse_integer(expr) -%}
    {#- An optional minus and at most 18 digits (surrounding space allowed) as a
        bigint; anything else, including '1.5' and '1e3', gives null. -#}
    {%- set s = "trim(cast(" ~ expr ~ " as " ~ dbt.type_string() ~ "))" -%}
    case
        when {{ full_match(s, '-?[0-9]{1,18}') }}
            then try_cast({{ s }} as bigint)
    end
{%- endmacro %}
