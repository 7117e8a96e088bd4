{% macro trim_spaces(expr) -%}
    {#- The text without the whitespace around it: ASCII whitespace, Unicode's
        spaces and line and paragraph separators, zero-width characters and
        the byte-order mark. One pattern anchored at both ends: far cheaper
        than clean_text's passes, for values that need no inner cleaning. -#}
    {%- set spaces = '[\\s\\x{a0}\\x{1680}\\x{2000}-\\x{200d}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}]+' -%}
    {{ replace_all(expr, '^' ~ spaces ~ '|' ~ spaces ~ '$', '') }}
{%- endmacro %}
