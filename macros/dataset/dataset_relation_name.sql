{% macro dataset_relation_name(relation) -%}
    {#- How dataset_builds names a relation: schema.identifier (not the
        database, which on DuckDB is the file's name and changes with it). -#}
    {{ return(relation.schema ~ '.' ~ relation.identifier) }}
{%- endmacro %}
