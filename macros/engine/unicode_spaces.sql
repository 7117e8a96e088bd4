{% macro unicode_spaces() -%}
    {#- The characters exports use as a space, as the inside of a regular
        expression class read alike by RE2 and Java: ASCII whitespace (with
        the vertical tab, which RE2's \s leaves out), next line, every Unicode
        space separator (\p{Z}: no-break, narrow no-break, thin, em,
        ideographic..., line and paragraph separators), zero-width space,
        joiners and direction marks, byte-order mark. -#}
    {{ return('\\s\\x{0b}\\x{85}\\p{Z}\\x{200b}-\\x{200f}\\x{feff}') }}
{%- endmacro %}
