{% macro generalize_age(expr) -%}
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
