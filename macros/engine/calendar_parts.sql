{% macro iso_weekday(date_expr) -%}
    {{ return(adapter.dispatch('iso_weekday', 'fashion_retail')(date_expr)) }}
{%- endmacro %}

{% macro default__iso_weekday(date_expr) -%}
    {#- Spark: weekday() counts from 0 on Monday -#}
    (weekday({{ date_expr }}) + 1)
{%- endmacro %}

{% macro duckdb__iso_weekday(date_expr) -%}
    isodow({{ date_expr }})
{%- endmacro %}


{% macro iso_year(date_expr) -%}
    {{ return(adapter.dispatch('iso_year', 'fashion_retail')(date_expr)) }}
{%- endmacro %}

{% macro default__iso_year(date_expr) -%}
    extract(yearofweek from {{ date_expr }})
{%- endmacro %}

{% macro duckdb__iso_year(date_expr) -%}
    isoyear({{ date_expr }})
{%- endmacro %}


{% macro day_name(date_expr) -%}
    {{ return(adapter.dispatch('day_name', 'fashion_retail')(date_expr)) }}
{%- endmacro %}

{% macro default__day_name(date_expr) -%}
    date_format({{ date_expr }}, 'EEEE')
{%- endmacro %}

{% macro duckdb__day_name(date_expr) -%}
    dayname({{ date_expr }})
{%- endmacro %}


{% macro month_name(date_expr) -%}
    {{ return(adapter.dispatch('month_name', 'fashion_retail')(date_expr)) }}
{%- endmacro %}

{% macro default__month_name(date_expr) -%}
    date_format({{ date_expr }}, 'MMMM')
{%- endmacro %}

{% macro duckdb__month_name(date_expr) -%}
    monthname({{ date_expr }})
{%- endmacro %}
