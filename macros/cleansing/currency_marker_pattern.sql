{% macro currency_marker_pattern() -%}
    {#- A regular expression alternation of every currency marker
        (currency_markers(): lower case, longest first) with the characters
        special to a regular expression escaped and a space read as any
        space (unicode_spaces()), alike in RE2 and Java. -#}
    {%- set escaped = [] -%}
    {%- for marker in currency_markers() -%}
        {%- set ns = namespace(text=marker) -%}
        {%- for special in '\\^$.|?*+()[]{}' -%}
            {%- set ns.text = ns.text | replace(special, '\\' ~ special) -%}
        {%- endfor -%}
        {%- do escaped.append(ns.text | replace(' ', '[' ~ unicode_spaces() ~ ']')) -%}
    {%- endfor -%}
    {{ return(escaped | join('|')) }}
{%- endmacro %}
