{% macro scd2_dimension(relation, natural_key, attributes) -%}
    {#- An SCD type 2 dimension from a relation of CDC versions: one row per
        version with <entity>_key = surrogate_key(natural key, valid_from), the
        attributes, scd2_validity's valid_from / valid_to / is_current, and
        updated_at; plus the unknown member (key unknown_key(), natural key unknown_id()).
        `attributes` is a list of [column, type, unknown member's value]. -#}
    {%- set entity_key = natural_key[:-3] ~ '_key' -%}
    with

    versions as (
        select
            {{ natural_key }},
            {%- for column, _, _ in attributes %}
            {{ column }},
            {%- endfor %}
            updated_at,
            {{ scd2_validity(natural_key) }}
        from {{ relation }}
    ),

    keyed as (
        select
            {{ surrogate_key([natural_key, 'valid_from']) }} as {{ entity_key }},
            {{ natural_key }},
            {%- for column, _, _ in attributes %}
            {{ column }},
            {%- endfor %}
            valid_from,
            valid_to,
            is_current,
            updated_at
        from versions
    ),

    unknown_member as (
        select
            {{ unknown_key() }} as {{ entity_key }},
            {{ unknown_id() }} as {{ natural_key }},
            {%- for column, type, unknown_value in attributes %}
            cast({{ unknown_value }} as {{ type }}) as {{ column }},
            {%- endfor %}
            cast('{{ var("scd2_min_valid_from") }}' as {{ dbt.type_timestamp() }}) as valid_from,
            cast('{{ var("scd2_max_valid_to") }}' as {{ dbt.type_timestamp() }}) as valid_to,
            true as is_current,
            cast(null as {{ dbt.type_timestamp() }}) as updated_at
    ),

    final as (
        select * from keyed
        union all
        select * from unknown_member
    )

    select * from final
{%- endmacro %}
