{% macro generalize_age_from_birth_date(birth_date_expr, as_of_expr) -%}
    {#- generalize_age of the completed years between the birth date and the
        as-of date: both dates read as yyyymmdd numbers, their difference
        divided by 10,000 and floored, so a birthday not yet reached in the
        as-of year takes one off (a 29 February birthday is reached on
        1 March) and a birth date after the as-of date gives a negative age,
        hence null. Plain arithmetic on the calendar parts, the same on DuckDB
        and Spark; DuckDB's date_sub('year') would count a 29 February
        birthday on 28 February and truncate a negative age to 0. -#}
    {%- set birth = yyyymmdd(birth_date_expr) -%}
    {%- set as_of = yyyymmdd(as_of_expr) -%}
    {{ generalize_age("floor((" ~ as_of ~ " - " ~ birth ~ ") / 10000)") }}
{%- endmacro %}

{% macro yyyymmdd(date_expr) -%}
    {#- a date as the number yyyymmdd, which orders and subtracts like the
        date's calendar parts -#}
    (year({{ date_expr }}) * 10000 + month({{ date_expr }}) * 100 + day({{ date_expr }}))
{%- endmacro %}
