{% macro usable_row(key, required=[]) -%}
    {#- Whether a staging row can be used: its key and version time were read,
        and so was every column of `required` (the other times of its grain,
        such as an inventory snapshot's date, nulled by plausible_time when
        they are not plausible). first_copy, exact_duplicate_rows and
        unusable_rows share it, so every row is in exactly one of them. -#}
    {{ key }} is not null and updated_at is not null
    {%- for column in required %} and {{ column }} is not null{% endfor %}
{%- endmacro %}
