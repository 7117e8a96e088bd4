{% macro privacy_k_anonymity_report(model_names) -%}
    {#- One row per privacy-layer table with a k_anonymity policy and per
        sensitive column it names: the quasi-identifiers, the k asked for, the
        k achieved (the fewest people in any released combination of
        quasi-identifier values), the records suppressed, and the l achieved
        (the fewest distinct values of the sensitive column in any released
        combination, l-diversity). Counted on the privacy tables themselves. -#}
    {%- set relations = {} -%}
    {%- for model_name in model_names -%}
        {%- do relations.update({model_name: ref('privacy_' ~ model_name)}) -%}
    {%- endfor -%}
    {%- if not execute -%}
        {{ return('select 1 as placeholder') }}
    {%- endif -%}
    {%- set selects = [] -%}
    {%- for model_name in model_names -%}
        {%- set node = _privacy_upstream_node(model_name) -%}
        {%- set policy = node.config.meta.get('privacy', node.meta.get('privacy', {})) or {} -%}
        {%- set k_policy = policy.get('k_anonymity') -%}
        {%- if not k_policy -%}
            {{ exceptions.raise_compiler_error(
                "privacy_k_anonymity_report: " ~ model_name ~ " has no meta.privacy.k_anonymity") }}
        {%- endif -%}
        {%- set quasi = [] -%}
        {%- for source in k_policy.quasi_identifiers -%}
            {%- do quasi.append(_privacy_output_name(node, model_name, source)) -%}
        {%- endfor -%}
        {%- set person = _privacy_output_name(node, model_name, policy.subject) -%}
        {%- set sensitive = [] -%}
        {%- for source in k_policy.get('sensitive', []) -%}
            {%- do sensitive.append(_privacy_output_name(node, model_name, source)) -%}
        {%- endfor -%}
        {%- for column in (sensitive or [none]) -%}
            {%- set sql -%}
    select
        '{{ model_name }}' as table_name,
        '{{ quasi | join(", ") }}' as quasi_identifiers,
        {{ k_policy.get('k', var('privacy_k')) }} as k_target,
        (select count(*) from {{ relations[model_name] }}) as records,
        (
            select count(*) from {{ relations[model_name] }}
            where is_privacy_suppressed
        ) as suppressed_records,
        count(*) as equivalence_classes,
        min(people) as achieved_k,
        (
            select count(*) from {{ relations[model_name] }}
            where {% for name in quasi %}{{ adapter.quote(name) }} = '*'{{ ' or ' if not loop.last }}{% endfor %}
        ) as generalized_records,
        {{ "'" ~ column ~ "'" if column else 'cast(null as ' ~ dbt.type_string() ~ ')' }}
            as sensitive_column,
        {{ 'min(sensitive_values)' if column else 'cast(null as bigint)' }} as achieved_l,
        {{ 'sum(case when sensitive_values = 1 then records end)' if column else 'cast(null as bigint)' }}
            as homogeneous_records
    from (
        select
            count(distinct {{ adapter.quote(person) }}) as people,
            count(*) as records,
            {{ 'count(distinct ' ~ adapter.quote(column) ~ ')' if column else 'null' }}
                as sensitive_values
        from {{ relations[model_name] }}
        where not is_privacy_suppressed
        group by {% for name in quasi %}{{ adapter.quote(name) }}{{ ', ' if not loop.last }}{% endfor %}
    ) as classes
            {%- endset -%}
            {%- do selects.append(sql) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(selects | join('\n    union all\n')) }}
{%- endmacro %}


{% macro _privacy_output_name(node, model_name, column_name) -%}
    {#- The name a column of the upstream model has in the privacy layer. -#}
    {%- set rule = _privacy_rule(node, model_name, column_name) -%}
    {%- if rule.operation == 'drop' -%}
        {{ exceptions.raise_compiler_error(
            "privacy layer: " ~ model_name ~ "." ~ column_name ~ " is dropped, it cannot be"
            ~ " a quasi-identifier, subject or sensitive column") }}
    {%- endif -%}
    {{ return(rule.get('as') or _privacy_default_name(rule.operation, column_name)) }}
{%- endmacro %}
