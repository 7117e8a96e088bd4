{#- One row per raw cell: every column of every raw business table, as text,
    with the row's key and version. The cleansing audit compares it with the
    cleansed value of the same cell to count false changes. The table list comes
    from a var, not the graph, so that dbt sees the dependencies when it parses;
    columns and keys come from the source's YAML. -#}
{%- set skipped = ['defect_ledger', 'anomaly_ledger', 'generation_manifest'] -%}
{%- set tables = [] -%}
{%- for name in var('raw_tables') if name not in skipped -%}
    {%- set node_id = 'source.fashion_retail.raw.' ~ name -%}
    {%- set node = graph.sources.get(node_id) if execute else none -%}
    {%- do tables.append({
        'name': name,
        'key': node.meta.primary_key if node else name ~ '_id',
        'columns': (node.columns.keys() | list) if node else ['updated_at'],
    }) -%}
{%- endfor %}
with

{% for table in tables %}
    {{ table.name }} as (
        select * from {{ raw_source(table.name) }}
    ),
{% endfor %}

unpivoted as (
    {%- for table in tables %}
        {%- set outer_loop = loop %}
        {%- for column in table.columns if column not in (table.key, 'updated_at') %}
            select
                '{{ table.name }}' as table_name,
                {{ table.key }} as record_id,
                updated_at as record_updated_at,
                '{{ column }}' as column_name,
                {{ column }} as raw_value
            from {{ table.name }}
            {%- if not (loop.last and outer_loop.last) %}
                union all
            {%- endif %}
        {%- endfor %}
    {%- endfor %}
)

select * from unpivoted
