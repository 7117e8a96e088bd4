{% macro recorded_dataset_identity(relation) -%}
    {#- The data set identity (dataset_identity) `relation` was last built
        from, as recorded in dataset_builds; none when nothing is recorded
        (the log does not exist yet, or the model has never been recorded). -#}
    {%- set log = dataset_builds_relation() -%}
    {%- if not execute or adapter.get_relation(
        database=log.database, schema=log.schema, identifier=log.identifier) is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set found = run_query(
        'select dataset_identity from ' ~ log
        ~ " where relation_name = '" ~ dataset_relation_name(relation) ~ "'"
        ~ ' order by recorded_at desc limit 1') -%}
    {%- if found.rows | length == 0 -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(found.rows[0][0]) }}
{%- endmacro %}
