{% macro log_dataset_changes() -%}
    {#- on-run-start: one line for each selected incremental model built from
        another data set than the raw layer holds (dataset_change), saying
        that this run rebuilds it in full (should_full_refresh), or that it
        keeps its rows because it is configured full_refresh=false. -#}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- for unique_id in selected_resources if unique_id in graph.nodes -%}
        {%- set node = graph.nodes[unique_id] -%}
        {%- if node.resource_type == 'model' and node.config.materialized == 'incremental'
            and node.config.full_refresh is not true and not flags.FULL_REFRESH -%}
            {%- set change = dataset_change(api.Relation.create(
                database=node.database, schema=node.schema, identifier=node.alias)) -%}
            {%- if change is not none and node.config.full_refresh is false -%}
                {%- do log(node.name ~ ': ' ~ change
                    ~ '; it keeps its rows (full_refresh: false)', info=true) -%}
            {%- elif change is not none -%}
                {%- do log(node.name ~ ': ' ~ change ~ ': rebuilding it in full', info=true) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return('') }}
{%- endmacro %}
