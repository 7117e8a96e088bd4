{% macro try_to_timestamp(expr, formats) -%}
    {{ return(adapter.dispatch('try_to_timestamp', 'fashion_retail')(expr, formats)) }}
{%- endmacro %}

{% macro default__try_to_timestamp(expr, formats) -%}
    {#- Spark: the first format that reads the text; null when none does (with
        spark.sql.ansi.enabled false, as dbt-spark sets it, a failed parse is
        null, not an error) -#}
    {%- set formats = [formats] if formats is string else formats -%}
    {%- set parts = [] -%}
    {%- for format in formats -%}
        {%- do parts.append(
            "to_timestamp(" ~ expr ~ ", '" ~ java_datetime_pattern(format) ~ "')") -%}
    {%- endfor -%}
    {%- if parts | length == 1 -%}
        {{ parts[0] }}
    {%- else -%}
        coalesce({{ parts | join(', ') }})
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__try_to_timestamp(expr, formats) -%}
    {%- if formats is string -%}
        try_strptime({{ expr }}, '{{ formats }}')
    {%- else -%}
        try_strptime({{ expr }}, [{% for f in formats %}'{{ f }}'{{ ", " if not loop.last }}{% endfor %}])
    {%- endif -%}
{%- endmacro %}

{% macro try_to_date(expr, formats) -%}
    {#- The date of try_to_timestamp. -#}
    cast({{ try_to_timestamp(expr, formats) }} as date)
{%- endmacro %}


{% macro java_datetime_pattern(format) -%}
    {#- The Java pattern (Spark's datetime patterns) that reads and writes the same
        text as a strftime format (as DuckDB reads it). Only the formats this
        project uses are known: any other is a compile error, not a silent
        misparse. -#}
    {%- set java_formats = {
        '%Y-%m-%d': 'yyyy-MM-dd',
        '%Y-%-m-%-d': 'yyyy-M-d',
        '%Y/%m/%d': 'yyyy/M/d',
        '%m/%d/%Y': 'M/d/yyyy',
        '%Y%m%d': 'yyyyMMdd',
        '%d %b %Y': 'd MMM yyyy',
        '%d %B %Y': 'd MMMM yyyy',
        '%b %d %Y': 'MMM d yyyy',
        '%B %d %Y': 'MMMM d yyyy',
        '%Y-%m-%d %H:%M:%S': 'yyyy-MM-dd HH:mm:ss',
        '%Y-%m-%d %H:%M:%S.%f': 'yyyy-MM-dd HH:mm:ss.SSSSSS'
    } -%}
    {%- if format not in java_formats -%}
        {{ exceptions.raise_compiler_error(
            "java_datetime_pattern: no Java pattern for the strftime format '" ~ format ~ "'") }}
    {%- endif -%}
    {{ return(java_formats[format]) }}
{%- endmacro %}


{% macro format_timestamp(expr, format) -%}
    {{ return(adapter.dispatch('format_timestamp', 'fashion_retail')(expr, format)) }}
{%- endmacro %}

{% macro default__format_timestamp(expr, format) -%}
    {#- Spark: date_format with the Java pattern of the strftime format -#}
    date_format({{ expr }}, '{{ java_datetime_pattern(format) }}')
{%- endmacro %}

{% macro duckdb__format_timestamp(expr, format) -%}
    strftime({{ expr }}, '{{ format }}')
{%- endmacro %}
