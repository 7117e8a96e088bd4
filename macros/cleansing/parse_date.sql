{% macro parse_date(expr) -%}
    {{ return(adapter.dispatch('parse_date', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__parse_date(expr) -%}
    {{ cleansing_unsupported('parse_date') }}
{%- endmacro %}

{% macro duckdb__parse_date(expr) -%}
    {#- Only the documented shapes are parsed (DuckDB's strptime alone is lax:
        it reads '24-03-05' as year 24). Slashed dates with the year last are
        month first (US): '03/05/2024' is March 5. Impossible dates such as
        '2024-02-30' fail to parse and give null, as does anything else. -#}
    {%- set s = "trim(cast(" ~ expr ~ " as varchar))" -%}
    case
        when regexp_full_match({{ s }},
            '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?')
            then cast(try_strptime(substr({{ s }}, 1, 10), '%Y-%m-%d') as date)
        when regexp_full_match({{ s }}, '[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}')
            then cast(try_strptime({{ s }}, '%Y/%m/%d') as date)
        when regexp_full_match({{ s }}, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}')
            then cast(try_strptime({{ s }}, '%m/%d/%Y') as date)
        when regexp_full_match({{ s }}, '[0-9]{8}')
            then cast(try_strptime({{ s }}, '%Y%m%d') as date)
        when regexp_full_match({{ s }}, '[0-9]{1,2} [A-Za-z]{3,9} [0-9]{4}')
            then cast(try_strptime({{ s }}, ['%d %b %Y', '%d %B %Y']) as date)
        when regexp_full_match({{ s }}, '[A-Za-z]{3,9} [0-9]{1,2},? [0-9]{4}')
            then cast(try_strptime(replace({{ s }}, ',', ''), ['%b %d %Y', '%B %d %Y']) as date)
    end
{%- endmacro %}
