{% macro raw_loaded_at_query(column_name) -%}
    {#- The raw source's loaded_at_query (dbt source freshness): the newest
        plausible value of column_name in the table checked (`this`), moved
        forward by the whole days from the day after the data's as-of date
        (data_as_of_date) to today, as if a daily load had brought the data
        up to yesterday. Freshness is then measured against the data's own
        as-of day: a generated history that ends on a fixed day is as fresh
        as its last rows are close to that day. A real feed is not moved (no
        manifest: its as-of date is today) and is measured against the clock.
        Values after the as-of day plus var('max_days_after_as_of') days (a
        year 9999 typo) do not count, so garbage cannot make a stale table
        fresh. -#}
    {%- set as_of = data_as_of_date(source('raw', 'generation_manifest')) -%}
    {%- set loaded_at = parse_timestamp(column_name) -%}
    {%- set latest = dbt.dateadd('day', 1 + var('max_days_after_as_of'), as_of) -%}
    {%- set shift -%}
        greatest({{ dbt.datediff(as_of, 'current_date', 'day') }} - 1, 0)
    {%- endset -%}
    {%- set newest -%}
        max(case when {{ loaded_at }} < {{ latest }} then {{ loaded_at }} end)
    {%- endset -%}
    select
        {{ dbt.dateadd('day', shift, newest) }} as max_loaded_at
    from {{ this }}
{%- endmacro %}
