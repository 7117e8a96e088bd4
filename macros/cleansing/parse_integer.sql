{% macro parse_integer(expr) -%}
    {#- An optional minus and at most 18 digits (surrounding space allowed),
        with or without a decimal point followed by zeros only ('3.0', and so
        a double or decimal of whole value), as a bigint; anything else,
        including '1.5' and '1e3', gives null. -#}
    {%- set s = "trim(" ~ text_of(expr) ~ ")" -%}
    case
        when {{ full_match(s, '-?[0-9]{1,18}(\\.0*)?') }}
            then try_cast(split_part({{ s }}, '.', 1) as bigint)
    end
{%- endmacro %}
