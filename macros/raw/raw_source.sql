{% macro raw_source(name) -%}
    {#- source('raw', name), plus, when the raw layer comes from the committed seeds,
        a dependency on the seed that fills it, so that `dbt build` on an empty
        database loads the seed before building the staging model on top of it. -#}
    {%- if not var('raw_from_files', false) -%}
        {%- do ref(name) -%}
    {%- endif -%}
    {{ return(source('raw', name)) }}
{%- endmacro %}
