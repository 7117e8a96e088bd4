{% macro median_absolute_deviation(expr) -%}
    {{ return(adapter.dispatch('median_absolute_deviation', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__median_absolute_deviation(expr) -%}
    {{ exceptions.raise_compiler_error(
        "median_absolute_deviation has no implementation for adapter '"
        ~ adapter.type() ~ "'. Add " ~ adapter.type()
        ~ "__median_absolute_deviation under macros/monitoring/.") }}
{%- endmacro %}

{% macro duckdb__median_absolute_deviation(expr) -%}
    {#- aggregate: the median of the absolute deviations from the median -#}
    mad({{ expr }})
{%- endmacro %}
