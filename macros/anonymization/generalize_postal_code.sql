{% macro generalize_postal_code(expr) -%}
    {#- The first three characters of a postal code (the US ZIP's sectional
        centre), null for anything shorter. -#}
    case
        when length(trim(cast({{ expr }} as {{ dbt.type_string() }}))) >= 3
            then left(trim(cast({{ expr }} as {{ dbt.type_string() }})), 3)
    end
{%- endmacro %}
