{% macro pseudonymize(key_expr, prefix='User') -%}
    {#- The person's stable pseudonym, e.g. User_42: the same person gets the same
        pseudonym in every table and on every rebuild (int_privacy__pseudonyms is
        incremental and never refreshed). Null for an id that has none (the
        unknown member). -#}
    (
        select pseudonyms.pseudonym
        from {{ ref('int_privacy__pseudonyms') }} as pseudonyms
        where pseudonyms.subject = '{{ prefix }}'
            and pseudonyms.subject_id = {{ key_expr }}
    )
{%- endmacro %}
