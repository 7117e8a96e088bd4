{% macro type_timestamp_with_zone() -%}
    {#- The type of an instant: DuckDB's timestamp with time zone; Spark's
        timestamp, which is one (read and shown in the session's zone). -#}
    {{ return(adapter.dispatch('type_timestamp_with_zone', 'fashion_retail')()) }}
{%- endmacro %}

{% macro default__type_timestamp_with_zone() -%}
    timestamp
{%- endmacro %}

{% macro duckdb__type_timestamp_with_zone() -%}
    timestamp with time zone
{%- endmacro %}
