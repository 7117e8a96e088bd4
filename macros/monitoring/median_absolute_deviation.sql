{% macro median_absolute_deviation(expr, over='') -%}
    {{ return(adapter.dispatch('median_absolute_deviation', 'fashion_retail')(expr, over)) }}
{%- endmacro %}

{% macro default__median_absolute_deviation(expr, over='') -%}
    {#- Spark has no mad: the values (of the group, or of the window when `over`
        is given) collected and sorted, their median, then the median of their
        sorted absolute deviations from it. Each array is bound once to a lambda
        variable (transform of a one-element array), not recomputed per use. -#}
    {%- set values = 'array_sort(collect_list(' ~ expr ~ ') ' ~ over ~ ')' -%}
    {%- set deviations = 'array_sort(transform(mad_values, mad_value -> abs(mad_value - '
        ~ sorted_array_median('mad_values') ~ ')))' -%}
    element_at(transform(array({{ values }}), mad_values -> {{ sorted_array_median(deviations) }}), 1)
{%- endmacro %}

{% macro duckdb__median_absolute_deviation(expr, over='') -%}
    mad({{ expr }}) {{ over }}
{%- endmacro %}


{% macro sorted_array_median(array_expr) -%}
    {#- The median of a sorted array without nulls, interpolated between the two
        middle values of an even count (as DuckDB's median and mad do); null for
        an empty array. -#}
    element_at(transform(array({{ array_expr }}), median_values -> case
        when size(median_values) = 0 then null
        when size(median_values) % 2 = 1
            then element_at(median_values, cast(size(median_values) div 2 as int) + 1)
        else (
            element_at(median_values, cast(size(median_values) div 2 as int))
            + element_at(median_values, cast(size(median_values) div 2 as int) + 1)
        ) / 2
    end), 1)
{%- endmacro %}


{% macro median_over(expr, over) -%}
    {{ return(adapter.dispatch('median_over', 'fashion_retail')(expr, over)) }}
{%- endmacro %}

{% macro default__median_over(expr, over) -%}
    {#- Spark's median takes no window frame: the window's values collected,
        sorted and their median taken -#}
    {{ sorted_array_median('array_sort(collect_list(' ~ expr ~ ') ' ~ over ~ ')') }}
{%- endmacro %}

{% macro duckdb__median_over(expr, over) -%}
    median({{ expr }}) {{ over }}
{%- endmacro %}
