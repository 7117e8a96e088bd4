{% macro parse_timestamp(expr) -%}
    {#- 'YYYY-MM-DD HH:MM:SS' (or with 'T'); anything else gives null. -#}
    {%- set s = "trim(cast(" ~ expr ~ " as " ~ dbt.type_string() ~ "))" -%}
    case
        when {{ full_match(s, '[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}') }}
            then {{ try_to_timestamp("replace(" ~ s ~ ", 'T', ' ')", '%Y-%m-%d %H:%M:%S') }}
    end
{%- endmacro %}
