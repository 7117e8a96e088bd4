{% macro generalize_amount(expr, width=10000) -%}
    {#- An amount as the band of `width` it falls in, written 'low-high' in
        whole units: generalize_amount('salary', 10000) gives '40000-49999' for
        46,250.00. Null stays null. -#}
    {%- if width is not number or width <= 0 -%}
        {{ exceptions.raise_compiler_error(
            "generalize_amount: width must be a positive number, not '" ~ width ~ "'") }}
    {%- endif -%}
    {%- set low = "cast(floor(" ~ expr ~ " / " ~ width ~ ") * " ~ width ~ " as bigint)" -%}
    case
        when {{ expr }} is not null then
            cast({{ low }} as {{ dbt.type_string() }})
            || '-'
            || cast({{ low }} + {{ width }} - 1 as {{ dbt.type_string() }})
    end
{%- endmacro %}
