{% macro proper_case(expr) -%}
    {{ return(adapter.dispatch('proper_case', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__proper_case(expr) -%}
    {{ cleansing_unsupported('proper_case', 'repair') }}
{%- endmacro %}

{% macro duckdb__proper_case(expr) -%}
    {#- Capitalizes the first letter after every non-letter and lower-cases the
        rest, like Python's str.title(): "o'BRIEN-smith" -> "O'Brien-Smith". -#}
    array_to_string(
        list_transform(
            regexp_extract_all(lower({{ expr }}), '[^\pL]*\pL+|[^\pL]+$'),
            token -> regexp_replace(
                token, '^([^\pL]*)\pL', '\1' || upper(regexp_extract(token, '\pL'))
            )
        ),
        ''
    )
{%- endmacro %}

{% macro spark__proper_case(expr) -%}
    {#- The same tokens as on DuckDB; each keeps its leading non-letters and
        gets its first letter upper-cased. -#}
    array_join(
        transform(
            regexp_extract_all(lower({{ expr }}), r'[^\pL]*\pL+|[^\pL]+$', 0),
            token -> concat(
                regexp_extract(token, r'^[^\pL]*', 0),
                upper(regexp_extract(token, r'\pL', 0)),
                regexp_replace(token, r'^[^\pL]*\pL?', '')
            )
        ),
        ''
    )
{%- endmacro %}
