{% macro generalize_age_from_birth_date(birth_date_expr, as_of_expr) -%}
    {{ return(adapter.dispatch('generalize_age_from_birth_date', 'fashion_retail')(
        birth_date_expr, as_of_expr)) }}
{%- endmacro %}

{% macro default__generalize_age_from_birth_date(birth_date_expr, as_of_expr) -%}
    {#- Spark: the completed years counted from the calendar parts (a birthday
        not yet reached in the as-of year takes one off) -#}
    {{ generalize_age(
        "(year(" ~ as_of_expr ~ ") - year(" ~ birth_date_expr ~ ") - case when month("
        ~ as_of_expr ~ ") * 100 + day(" ~ as_of_expr ~ ") < month(" ~ birth_date_expr
        ~ ") * 100 + day(" ~ birth_date_expr ~ ") then 1 else 0 end)") }}
{%- endmacro %}

{% macro duckdb__generalize_age_from_birth_date(birth_date_expr, as_of_expr) -%}
    {#- generalize_age of the completed years between the birth date and the
        as-of date (a birthday not yet reached that year does not count). -#}
    {{ generalize_age("date_sub('year', " ~ birth_date_expr ~ ", " ~ as_of_expr ~ ")") }}
{%- endmacro %}
