{% macro parse_currency(expr) -%}
    {#- The ISO 4217 code of the currency a money value names ('€12' EUR,
        '12.00 GBP' GBP, 'R$ 10,00' BRL, 'US$5' USD), or that a value of only
        a marker names ('eur', '€'); null when it names none, names one that
        several currencies write alike ('$', '¥', 'kr', '£': currency_markers()
        maps them to ''), or holds two markers ('$12 USD'). The marker is what
        remains of the value, in lower case, once digits, signs, parentheses,
        separators, dots and spaces of any kind are taken out: one
        regexp_replace and one map lookup, whatever the decimal separator. -#}
    {%- set codes = {} -%}
    {%- for marker, code in currency_markers().items() if code -%}
        {%- do codes.update({marker | replace(' ', '') | replace('.', ''): "'" ~ code ~ "'"}) -%}
    {%- endfor -%}
    {%- set marker = replace_all("lower(cast(" ~ expr ~ " as " ~ dbt.type_string() ~ "))",
        "[0-9().,'’+−" ~ unicode_spaces() ~ "-]+") -%}
    {#- typed as text (a bare map subscript is also more than sqlfluff's
        DuckDB dialect parses) -#}
    cast({{ map_lookup(codes, marker) }} as {{ dbt.type_string() }})
{%- endmacro %}
