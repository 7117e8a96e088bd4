{% macro scd2_validity(natural_key, version_at='updated_at') -%}
    {#- valid_from, valid_to and is_current for CDC versions (one row per natural
        key and version time): a version is valid from its version time until the
        next version's, the first one from var('scd2_min_valid_from') (so facts
        older than the first recorded version still find it), the last one until
        var('scd2_max_valid_to'). Windows never overlap and leave no gap. -#}
    case
        when row_number() over (
            partition by {{ natural_key }} order by {{ version_at }}
        ) = 1
            then cast('{{ var("scd2_min_valid_from") }}' as {{ dbt.type_timestamp() }})
        else {{ version_at }}
    end as valid_from,
    coalesce(
        lead({{ version_at }}) over (partition by {{ natural_key }} order by {{ version_at }}),
        cast('{{ var("scd2_max_valid_to") }}' as {{ dbt.type_timestamp() }})
    ) as valid_to,
    lead({{ version_at }}) over (
        partition by {{ natural_key }} order by {{ version_at }}
    ) is null as is_current
{%- endmacro %}
