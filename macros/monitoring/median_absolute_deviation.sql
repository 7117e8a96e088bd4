{% macro median_absolute_deviation(expr) -%}
    {{ return(adapter.dispatch('median_absolute_deviation', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__median_absolute_deviation(expr) -%}
    {{ cleansing_unsupported('median_absolute_deviation', 'monitoring') }}
{%- endmacro %}

{% macro duckdb__median_absolute_deviation(expr) -%}
    {#- aggregate: the median of the absolute deviations from the median -#}
    mad({{ expr }})
{%- endmacro %}
