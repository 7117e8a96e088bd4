{% macro clean_text(expr) -%}
    {#- whitespace and control characters collapse to one space, then trim;
        null-like tokens become null -#}
    {%- set collapsed = replace_all(
        "cast(" ~ expr ~ " as " ~ dbt.type_string() ~ ")", space_class() ~ '+', ' ') -%}
    nullif(
        case
            when lower(trim({{ collapsed }})) in (
                {%- for token in var('null_tokens') -%}
                    '{{ token | replace("'", "''") }}'{{ ", " if not loop.last }}
                {%- endfor -%})
                then null
            else trim({{ collapsed }})
        end,
        ''
    )
{%- endmacro %}
