{% macro raw_source(name) -%}
    {#- source('raw', name), plus a dependency on what fills it: with
        var('source') set, the onboarded source's adapter model
        raw_<source>__<name> (models/sources/<source>/), which writes the raw
        table; else, when the raw layer comes from the committed seeds, the seed.
        So `dbt build` on an empty database fills the raw table before building
        the staging model on top of it. -#}
    {%- if var('source', '') -%}
        {%- do ref('raw_' ~ var('source') ~ '__' ~ name) -%}
    {%- elif not var('raw_from_files', false) -%}
        {%- do ref(name) -%}
    {%- endif -%}
    {{ return(source('raw', name)) }}
{%- endmacro %}
