{% macro first_copy(relation, key) -%}
    {#- The usable rows of a staging relation, one per (key, updated_at): the
        first copy in raw text order of each version. -#}
    select *
    from {{ relation }}
    where {{ key }} is not null and updated_at is not null
    qualify row_number() over (
        partition by {{ key }}, updated_at
        order by raw_{{ key }}, raw_updated_at
    ) = 1
{%- endmacro %}
