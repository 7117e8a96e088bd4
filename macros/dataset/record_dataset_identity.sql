{% macro record_dataset_identity(results) -%}
    {#- on-run-end: appends to dataset_builds, for every incremental model this
        run built successfully, the data set it was built from (dataset_identity
        now). Append-only (plain inserts, which every engine supports):
        recorded_dataset_identity reads a relation's latest row. -#}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set built = [] -%}
    {%- for result in results
        if result.node.resource_type == 'model'
        and result.node.config.materialized == 'incremental'
        and result.status == 'success' -%}
        {%- do built.append(api.Relation.create(
            database=result.node.database,
            schema=result.node.schema,
            identifier=result.node.alias)) -%}
    {%- endfor -%}
    {%- if not built -%}
        {{ return('') }}
    {%- endif -%}
    {%- set log = dataset_builds_relation() -%}
    {%- set identity = dataset_identity() | replace("'", "''") -%}
    {%- do run_query(
        'create table if not exists ' ~ log ~ ' ('
        ~ 'relation_name ' ~ dbt.type_string()
        ~ ', dataset_identity ' ~ dbt.type_string()
        ~ ', recorded_at ' ~ dbt.type_timestamp()
        ~ ', invocation_id ' ~ dbt.type_string() ~ ')') -%}
    {%- set rows = [] -%}
    {%- for relation in built -%}
        {%- do rows.append("('" ~ dataset_relation_name(relation) ~ "', '" ~ identity
            ~ "', cast('" ~ run_started_at.strftime('%Y-%m-%d %H:%M:%S.%f')
            ~ "' as " ~ dbt.type_timestamp() ~ "), '" ~ invocation_id ~ "')") -%}
    {%- endfor -%}
    {%- do run_query('insert into ' ~ log ~ ' values ' ~ rows | join(', ')) -%}
    {%- do adapter.commit() -%}
    {{ return('') }}
{%- endmacro %}
