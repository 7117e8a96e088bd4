{% macro dataset_builds_relation() -%}
    {#- The log of which data set each incremental model was built from: a
        table `dataset_builds` in the target's database and schema, written by
        record_dataset_identity (one row per incremental model and successful
        build), read by recorded_dataset_identity. -#}
    {{ return(api.Relation.create(
        database=target.database,
        schema=target.schema,
        identifier='dataset_builds',
        type='table')) }}
{%- endmacro %}
