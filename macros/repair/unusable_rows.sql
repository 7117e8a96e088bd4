{% macro unusable_rows(relation, key) -%}
    {#- Rows of a staging relation whose key or version time could not be read:
        they can be neither repaired nor placed in history, so they go to
        quarantine with the reason. -#}
    select
        raw_{{ key }},
        raw_updated_at,
        case
            when {{ key }} is null then 'unreadable_{{ key }}'
            else 'unreadable_updated_at'
        end as quarantine_reason
    from {{ relation }}
    where {{ key }} is null or updated_at is null
{%- endmacro %}
