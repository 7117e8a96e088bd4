{% macro first_copy(relation, key) -%}
    {#- The usable rows of a staging relation, one per (key, updated_at): the
        first copy in raw text order of each version. -#}
    select *
    from {{ relation }}
    where {{ key }} is not null and updated_at is not null
    qualify {{ version_copy_number(key) }} = 1
{%- endmacro %}
