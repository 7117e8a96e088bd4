{% macro star_except(relation_alias, columns) -%}
    {{ return(adapter.dispatch('star_except', 'fashion_retail')(relation_alias, columns)) }}
{%- endmacro %}

{% macro default__star_except(relation_alias, columns) -%}
    {#- Spark: a quoted regular expression as the column list, which
        spark.sql.parser.quotedRegexColumnNames (set in the spark profile)
        allows: every column whose name is not one of `columns` -#}
    {{ relation_alias }}.`(?!({{ columns | join('|') }})$).+`
{%- endmacro %}

{% macro duckdb__star_except(relation_alias, columns) -%}
    {{ relation_alias }}.* exclude ({{ columns | join(', ') }})
{%- endmacro %}
