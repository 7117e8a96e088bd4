{#- The privacy database can be handed out on its own: it holds the privacy
    layer's tables and nothing else (no view pointing back into the warehouse,
    no restricted model such as the pseudonym map, no leftover table). Returns
    every object of the database (on Spark, of the privacy schema) that should
    not be there, and every privacy model missing from it, read from the
    catalogue. The refs make dbt build the privacy layer first. -#}
{{ privacy_layer_refs() }}
{%- set expected = [] -%}
{%- set found = [] -%}
{%- if execute -%}
    {%- for node in graph.nodes.values() -%}
        {%- if is_privacy_layer_node(node) and node.config.enabled -%}
            {%- do expected.append(node.alias) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for found_relation in privacy_layer_relations() -%}
        {%- do found.append({
            'name': found_relation.relation.identifier, 'type': found_relation.type}) -%}
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
        cast(null as {{ dbt.type_string() }}) as table_name,
        cast(null as {{ dbt.type_string() }}) as table_type
    {%- for relation in found %}
        union all
        select '{{ relation.name }}', '{{ relation.type }}'
    {%- endfor %}
),

unexpected as (
    select
        found.table_name as object_name,
        'not a privacy model, or not a table: ' || found.table_type as problem
    from found
    where
        found.table_name is not null
        and (
            found.table_type != 'table'
            or found.table_name not in (
                select expected.table_name from expected
                where expected.table_name is not null
            )
        )
),

missing as (
    select
        expected.table_name as object_name,
        'privacy model missing from the privacy database' as problem
    from expected
    where
        expected.table_name is not null
        and expected.table_name not in (
            select found.table_name from found
            where found.table_name is not null
        )
),

final as (
    select * from unexpected
    union all
    select * from missing
)

select * from final
