{% macro parse_date(expr) -%}
    {#- Only the documented shapes are parsed (a date parser alone is lax:
        DuckDB's strptime reads '24-03-05' as year 24). Slashed dates with the
        year last are month first (US): '03/05/2024' is March 5. Impossible
        dates such as '2024-02-30' fail to parse and give null, as does
        anything else. -#}
    {%- set s = "trim(cast(" ~ expr ~ " as " ~ dbt.type_string() ~ "))" -%}
    case
        when {{ full_match(s,
            '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?') }}
            then {{ try_to_date("substr(" ~ s ~ ", 1, 10)", '%Y-%m-%d') }}
        when {{ full_match(s, '[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}') }}
            then {{ try_to_date(s, '%Y/%m/%d') }}
        when {{ full_match(s, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}') }}
            then {{ try_to_date(s, '%m/%d/%Y') }}
        when {{ full_match(s, '[0-9]{8}') }}
            then {{ try_to_date(s, '%Y%m%d') }}
        when {{ full_match(s, '[0-9]{1,2} [A-Za-z]{3,9} [0-9]{4}') }}
            then {{ try_to_date(s, ['%d %b %Y', '%d %B %Y']) }}
        when {{ full_match(s, '[A-Za-z]{3,9} [0-9]{1,2},? [0-9]{4}') }}
            then {{ try_to_date("replace(" ~ s ~ ", ',', '')", ['%b %d %Y', '%B %d %Y']) }}
    end
{%- endmacro %}
