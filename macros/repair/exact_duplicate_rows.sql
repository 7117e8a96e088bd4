{% macro exact_duplicate_rows(relation, key, required=[]) -%}
    {#- The extra copies of each (key, updated_at) in a staging relation: the rows
        a cleansed model collapsed. The first copy (in raw text order) survives. -#}
    with

    copies as (
        select
            {{ key }},
            updated_at,
            {{ version_copy_number(key) }} as copy_number
        from {{ relation }}
        where {{ usable_row(key, required) }}
    )

    select
        {{ key }},
        updated_at,
        {{ key }} as survivor_{{ key }},
        'exact_duplicate' as duplicate_kind
    from copies
    where copy_number > 1
{%- endmacro %}
