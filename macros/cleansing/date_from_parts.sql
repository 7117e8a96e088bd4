{% macro date_from_parts(year, month, day) -%}
    {#- The date of a year, month and day given as text or numbers; null when
        any is null or they make no date ('2024', '2', '30'). -#}
    {{ try_to_date(
        "cast(" ~ year ~ " as " ~ dbt.type_string() ~ ") || '-' || lpad(cast(" ~ month
        ~ " as " ~ dbt.type_string() ~ "), 2, '0') || '-' || lpad(cast(" ~ day ~ " as "
        ~ dbt.type_string() ~ "), 2, '0')", '%Y-%m-%d') }}
{%- endmacro %}
