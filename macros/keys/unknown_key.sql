{% macro unknown_key() -%}
    {#- The surrogate key of every dimension's unknown member: facts whose
        reference is missing, broken, or (for online sales) has no employee point
        here instead of to null. -#}
    '{{ "0" * 32 }}'
{%- endmacro %}
