{% macro unknown_id() -%}
    {#- The natural key of every dimension's unknown member: -1, an id no
        source uses. -#}
    cast(-1 as bigint)
{%- endmacro %}
