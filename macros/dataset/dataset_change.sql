{% macro dataset_change(relation) -%}
    {#- none when `relation` does not exist (it will be built) or was built from
        the data set the raw layer holds now; otherwise the reason it was not,
        as one line: the data set recorded for it in dataset_builds differs from
        dataset_identity(), or none is recorded (a relation built before the
        log existed, or by a run that failed before recording it). -#}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set existing = adapter.get_relation(
        database=relation.database, schema=relation.schema, identifier=relation.identifier) -%}
    {%- if existing is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set recorded = recorded_dataset_identity(relation) -%}
    {%- set current = dataset_identity() -%}
    {%- if recorded == current -%}
        {{ return(none) }}
    {%- endif -%}
    {%- if recorded is none -%}
        {%- set built_from = 'no data set is recorded for it' -%}
    {%- else -%}
        {%- set built_from = "it was built from '" ~ recorded ~ "'" -%}
    {%- endif -%}
    {{ return(built_from ~ " and the raw layer holds '" ~ current ~ "'") }}
{%- endmacro %}
