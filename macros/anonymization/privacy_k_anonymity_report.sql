{% macro privacy_k_anonymity_report(model_names, referrers=[]) -%}
    {#- One row per privacy-layer table with a k_anonymity policy and per
        sensitive column it names: the quasi-identifiers, the k asked for, the
        k achieved (the fewest people in any released combination of
        quasi-identifier values), the records suppressed, and the l achieved
        (the fewest distinct values of the sensitive column in any released
        combination, l-diversity). Counted on the privacy tables themselves.
        And one row per column of a `referrers` model released as groups of
        those people (k_anonymous_group): the fewest real people behind the
        rows that point to one group (counted with the warehouse, which knows
        who they are; only the counts are kept). -#}
    {%- set relations = {} -%}
    {%- for model_name in model_names -%}
        {%- do relations.update({model_name: ref('privacy_' ~ model_name)}) -%}
        {%- do ref(model_name) -%}
    {%- endfor -%}
    {%- for referrer in referrers -%}
        {%- do relations.update({referrer: ref('privacy_' ~ referrer)}) -%}
        {%- do ref(referrer) -%}
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
        {{ 'cast(sum(case when sensitive_values = 1 then records end) as bigint)' if column else 'cast(null as bigint)' }}
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
    {%- for model_name in model_names -%}
        {%- set node = _privacy_upstream_node(model_name) -%}
        {%- set subject = _privacy_policy(node).subject -%}
        {%- set k = (_privacy_policy(node).k_anonymity or {}).get('k', var('privacy_k')) -%}
        {%- for found in _privacy_referrers(model_name) -%}
            {%- if found.model not in referrers -%}
                {{ exceptions.raise_compiler_error(
                    "privacy_k_anonymity_report: " ~ found.model ~ " releases groups of "
                    ~ model_name ~ "; list it in referrers") }}
            {%- endif -%}
            {%- set fact = _privacy_upstream_node(found.model) -%}
            {%- set line_key = _privacy_natural_key(fact) -%}
            {%- set group_column = _privacy_output_name(fact, found.model, found.column) -%}
            {%- set sql -%}
    select
        '{{ found.model }}' as table_name,
        '{{ group_column }}' as quasi_identifiers,
        {{ k }} as k_target,
        count(*) as records,
        cast(0 as bigint) as suppressed_records,
        count(distinct case when people is not null then group_key end) as equivalence_classes,
        min(people) as achieved_k,
        count(case when people is null then 1 end) as generalized_records,
        cast(null as {{ dbt.type_string() }}) as sensitive_column,
        cast(null as bigint) as achieved_l,
        cast(null as bigint) as homogeneous_records
    from (
        select
            released.{{ adapter.quote(group_column) }} as group_key,
            {#- the people behind the rows of each group; null for the
                unknown group, which points to nobody known -#}
            case
                when released.{{ adapter.quote(group_column) }} != {{ unknown_key() }}
                    then {{ count_distinct_over('people.' ~ adapter.quote(subject),
                        ['released.' ~ adapter.quote(group_column)]) }}
            end as people
        from {{ relations[found.model] }} as released
        inner join {{ ref(found.model) }} as facts
            on released.{{ adapter.quote(line_key) }} = facts.{{ adapter.quote(line_key) }}
        left join {{ ref(model_name) }} as people
            on facts.{{ adapter.quote(found.column) }} = people.{{ adapter.quote(_privacy_entity_key(subject)) }}
            and people.{{ adapter.quote(subject) }} != {{ unknown_id() }}
    ) as lines
            {%- endset -%}
            {%- do selects.append(sql) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(selects | join('\n    union all\n')) }}
{%- endmacro %}


{% macro _privacy_natural_key(node) -%}
    {#- The column of a model that its YAML tests unique and the privacy layer
        releases as it is: the key a privacy table and its mart share. -#}
    {%- for test in graph.nodes.values() if test.resource_type == 'test'
        and test.attached_node == node.unique_id and test.column_name
        and (test.test_metadata or {}).get('name') == 'unique' -%}
        {%- if _privacy_rule(node, node.name, test.column_name).operation == 'none' -%}
            {{ return(test.column_name) }}
        {%- endif -%}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error(
        "privacy layer: " ~ node.name ~ " has no unique column released as it is") }}
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
