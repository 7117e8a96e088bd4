{% macro privacy_groups(model_name) -%}
    {#- The body of a privacy-layer group dimension: one row per k-anonymous
        group of the privacy version of a person dimension (its group key and
        the quasi-identifier values its people share, '*' where withheld) and
        the number of people in it, plus the unknown group (key unknown_key()),
        which facts point to when they point to nobody known; the people
        suppressed for k-anonymity, if any, are counted there. Facts released
        by groups (k_anonymous_group) join here, one row per key. -#}
    {%- do config(alias=model.name[('privacy_' | length):]) -%}
    {%- set released = ref('privacy_' ~ model_name) -%}
    {%- if not execute -%}
        {{ return('select * from ' ~ released) }}
    {%- endif -%}
    {%- set node = _privacy_upstream_node(model_name) -%}
    {%- set policy = _privacy_policy(node) -%}
    {%- set k_policy = policy.get('k_anonymity') -%}
    {%- if not k_policy -%}
        {{ exceptions.raise_compiler_error(
            "privacy_groups: " ~ model_name ~ " has no meta.privacy.k_anonymity") }}
    {%- endif -%}
    {%- set group_key = adapter.quote(_privacy_group_key_name(policy.subject)) -%}
    {%- set quasi = [] -%}
    {%- for source in k_policy.quasi_identifiers -%}
        {%- do quasi.append(adapter.quote(_privacy_output_name(node, model_name, source))) -%}
    {%- endfor %}
with

released as (
    select * from {{ released }}
),

known_groups as (
    select
        {{ group_key }},
        {%- for column in quasi %}
        max({{ column }}) as {{ column }},
        {%- endfor %}
        count(*) as people
    from released
    where not is_privacy_suppressed
    group by {{ group_key }}
),

unknown_group as (
    select
        {{ unknown_key() }} as {{ group_key }},
        {%- for column in quasi %}
        'Unknown' as {{ column }},
        {%- endfor %}
        (select count(*) from released where is_privacy_suppressed) as people
),

final as (
    select * from known_groups
    union all
    select * from unknown_group
)

select * from final
{%- endmacro %}
