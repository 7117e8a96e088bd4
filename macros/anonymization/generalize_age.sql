{% macro generalize_age(expr) -%}
    {{ return(adapter.dispatch('generalize_age', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__generalize_age(expr) -%}
    {#- An age in years as its decade band: '0-9', '10-19', ..., '80-89', and
        '90+' from 90 on; null stays null (so do negative ages). -#}
    case
        when {{ expr }} is null or {{ expr }} < 0 then null
        when {{ expr }} >= 90 then '90+'
        else cast(cast(floor({{ expr }} / 10) * 10 as integer) as {{ dbt.type_string() }})
            || '-'
            || cast(cast(floor({{ expr }} / 10) * 10 + 9 as integer) as {{ dbt.type_string() }})
    end
{%- endmacro %}

{% macro duckdb__generalize_age(expr) -%}
    {#- The same bands, looked up in a list by the decade: the age is computed
        once, where a CASE would compute it in every branch. The index (the
        decade plus one) is clipped to 1..10: 10 is '90+', and 0, for a
        negative age, reads as null; a null age also gives 0, because greatest
        skips nulls. -#}
    ['0-9', '10-19', '20-29', '30-39', '40-49', '50-59', '60-69', '70-79', '80-89', '90+'][
        least(greatest(cast(floor({{ expr }} / 10) as integer) + 1, 0), 10)
    ]
{%- endmacro %}
