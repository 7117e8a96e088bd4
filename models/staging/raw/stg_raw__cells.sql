{#- One row per raw cell: every column of every raw business table, as text,
    with the row's key and version. The cleansing audit compares it with the
    cleansed value of the same cell to count false changes. -#}
{{ config(enabled=var('defect_ledger_available', true)) }}
{%- set tables = [] -%}
{%- for node in graph.sources.values() if node.source_name == 'raw' -%}
    {%- if node.name not in ('defect_ledger', 'generation_manifest') -%}
        {%- do tables.append(node) -%}
    {%- endif -%}
{%- endfor %}
with

{% for node in tables | sort(attribute='name') %}
    {{ node.name }} as (
        select * from {{ source('raw', node.name) }}
    ),
{% endfor %}

unpivoted as (
    {%- for node in tables | sort(attribute='name') %}
        {%- set key = node.meta.primary_key %}
        {%- for column in node.columns.keys() if column not in (key, 'updated_at') %}
            select
                '{{ node.name }}' as table_name,
                {{ key }} as record_id,
                updated_at as record_updated_at,
                '{{ column }}' as column_name,
                {{ column }} as raw_value
            from {{ node.name }}
            {%- if not loop.last %}
                union all
            {%- endif %}
        {%- endfor %}
    {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select * from unpivoted
