{% macro is_unparseable(raw_expr, parsed_expr) -%}
    {#- true when the raw value holds something (not a null token) that its
        parser could not turn into a value -#}
    ({{ clean_text(raw_expr) }} is not null and {{ parsed_expr }} is null)
{%- endmacro %}
