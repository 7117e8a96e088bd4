{#- The privacy database can be handed out on its own: it holds the privacy
    layer's tables and nothing else (no view pointing back into the warehouse,
    no restricted model such as the pseudonym map, no leftover table). Returns
    every object of the database that should not be there, and every privacy
    model missing from it. The refs make dbt build the privacy layer first. -#}
{{ privacy_layer_refs() }}
{%- set expected = [] -%}
{%- if execute -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.config.enabled
            and node.database == 'privacy' -%}
            {%- do expected.append(node.alias) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif %}
with

expected as (
    select cast(null as {{ dbt.type_string() }}) as table_name
    {%- for alias in expected %}
        union all
        select '{{ alias }}'
    {%- endfor %}
),

found as (
    select
        table_schema,
        table_name,
        table_type
    from information_schema.tables
    where table_catalog = 'privacy'
),

unexpected as (
    select
        found.table_schema || '.' || found.table_name as object_name,
        'not a privacy model, or not a table: ' || found.table_type as problem
    from found
    where
        found.table_type != 'BASE TABLE'
        or found.table_name not in (
            select expected.table_name from expected
            where expected.table_name is not null
        )
),

missing as (
    select
        expected.table_name as object_name,
        'privacy model missing from the privacy database' as problem
    from expected
    where
        expected.table_name is not null
        and expected.table_name not in (select found.table_name from found)
),

final as (
    select * from unexpected
    union all
    select * from missing
)

select * from final
