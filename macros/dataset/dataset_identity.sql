{% macro dataset_identity() -%}
    {#- The identity of the data set the raw layer holds now, as one line of
        text: var('source_name'), and, when the raw layer has the generator's
        generation_manifest, the generation parameters it records (the columns
        of var('dataset_identity_columns') it has: seed, scale, defect rate,
        dates, generator version). Row counts are left out on purpose: a
        source that grows is the same data set. Only at execute time. -#}
    {%- set parts = ['source=' ~ var('source_name')] -%}
    {%- if execute -%}
        {%- set declared = source('raw', 'generation_manifest') -%}
        {%- set manifest = adapter.get_relation(
            database=declared.database,
            schema=declared.schema,
            identifier=declared.identifier) -%}
        {%- if manifest is not none -%}
            {%- set present = adapter.get_columns_in_relation(manifest)
                | map(attribute='name') | map('lower') | list -%}
            {%- set columns = [] -%}
            {%- for column in var('dataset_identity_columns') if column in present -%}
                {%- do columns.append(column) -%}
            {%- endfor -%}
            {%- if columns -%}
                {%- set rows = run_query(
                    'select distinct ' ~ columns | join(', ')
                    ~ ' from ' ~ manifest
                    ~ ' order by ' ~ columns | join(', ')) -%}
                {%- for row in rows.rows -%}
                    {%- set values = [] -%}
                    {%- for column in columns -%}
                        {%- do values.append(column ~ '=' ~ row[loop.index0]) -%}
                    {%- endfor -%}
                    {%- do parts.append(values | join(' ')) -%}
                {%- endfor -%}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(parts | join('; ')) }}
{%- endmacro %}
