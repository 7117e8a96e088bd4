{% macro version_copy_number(key) -%}
    {#- The copy number of a staging row among the rows with the same key and
        version, in raw text order: 1 is the copy that survives (first_copy),
        the others are duplicates (exact_duplicate_rows). One definition, so the
        two always agree on which copy that is. -#}
    row_number() over (
        partition by {{ key }}, updated_at
        order by raw_{{ key }}, raw_updated_at
    )
{%- endmacro %}
