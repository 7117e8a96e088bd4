{% macro count_distinct_over(expr, partition_by) -%}
    {#- The number of distinct non-null values of expr in the row's window
        partition (a list of SQL expressions). -#}
    {{ return(adapter.dispatch('count_distinct_over', 'fashion_retail')(expr, partition_by)) }}
{%- endmacro %}

{% macro default__count_distinct_over(expr, partition_by) -%}
    {#- engines without distinct window aggregates (Spark): the size of the set -#}
    size(collect_set({{ expr }}) over (partition by {{ partition_by | join(', ') }}))
{%- endmacro %}

{% macro duckdb__count_distinct_over(expr, partition_by) -%}
    count(distinct {{ expr }}) over (partition by {{ partition_by | join(', ') }})
{%- endmacro %}
