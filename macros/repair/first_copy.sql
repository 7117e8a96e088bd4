{% macro first_copy(relation, key, required=[]) -%}
    {#- The usable rows of a staging relation, one per (key, updated_at): the
        first copy in raw text order of each version. -#}
    select *
    from {{ relation }}
    where {{ usable_row(key, required) }}
    qualify {{ version_copy_number(key) }} = 1
{%- endmacro %}
