{% macro map_lookup(mapping, key_expr) -%}
    {#- The value a SQL expression's text maps to in a Jinja mapping of string
        keys to SQL literals (numbers, or quoted text); null for any other
        text. One map literal: far cheaper for a planner than a case with a
        branch per key. -#}
    {{ return(adapter.dispatch('map_lookup', 'fashion_retail')(mapping, key_expr)) }}
{%- endmacro %}

{% macro default__map_lookup(mapping, key_expr) -%}
    {#- Spark: try_element_at is null for a missing key, ANSI mode or not -#}
    try_element_at(map(
        {%- for key, value in mapping.items() -%}
            '{{ key | replace("'", "\\'") }}', {{ value }}{{ ", " if not loop.last }}
        {%- endfor -%}), {{ key_expr }})
{%- endmacro %}

{% macro duckdb__map_lookup(mapping, key_expr) -%}
    map {
        {%- for key, value in mapping.items() -%}
            '{{ key | replace("'", "''") }}': {{ value }}{{ ", " if not loop.last }}
        {%- endfor -%}}[{{ key_expr }}]
{%- endmacro %}
