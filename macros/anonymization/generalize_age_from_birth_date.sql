{% macro generalize_age_from_birth_date(birth_date_expr, as_of_expr) -%}
    {{ return(adapter.dispatch('generalize_age_from_birth_date', 'fashion_retail')(
        birth_date_expr, as_of_expr)) }}
{%- endmacro %}

{% macro default__generalize_age_from_birth_date(birth_date_expr, as_of_expr) -%}
    {{ cleansing_unsupported('generalize_age_from_birth_date', 'anonymization') }}
{%- endmacro %}

{% macro duckdb__generalize_age_from_birth_date(birth_date_expr, as_of_expr) -%}
    {#- generalize_age of the completed years between the birth date and the
        as-of date (a birthday not yet reached that year does not count). -#}
    {{ generalize_age("date_sub('year', " ~ birth_date_expr ~ ", " ~ as_of_expr ~ ")") }}
{%- endmacro %}
