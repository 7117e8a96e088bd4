{% macro privacy_model(model_name, groups=[], referenced_by=[]) -%}
    {#- The body of a privacy-layer model: the upstream model's columns,
        anonymized as their `meta.pii` says, and k-anonymous over the quasi-
        identifiers its `meta.privacy.k_anonymity` lists. Default deny: a column
        without `meta.pii` stops the build with a message naming it.
        `groups`: the person dimensions whose k-anonymous groups this model's
        `k_anonymous_group` columns release (a fact keyed to groups of people,
        not to people). `referenced_by`: the models whose rows point to this
        dimension's groups; a group they point to must hold at least k of the
        people they point to. Both are listed here so that dbt knows the
        dependencies; they must agree with the YAML, which is checked. -#}
    {%- do config(alias=model_name) -%}
    {%- set upstream = ref(model_name) -%}
    {%- for dimension in groups -%}
        {%- do ref(dimension) -%}
        {%- do ref('privacy_' ~ dimension) -%}
    {%- endfor -%}
    {%- for referrer in referenced_by -%}
        {%- do ref(referrer) -%}
    {%- endfor -%}
    {%- if not execute -%}
        {#- at parse time the column metadata is not known yet: declare the
            restricted lookups that the operations may read (known names and
            phones); they are read while building, never copied -#}
        {%- do ref('int_privacy__known_names') -%}
        {%- do ref('int_privacy__known_phones') -%}
        {%- do ref('country_calling_codes') -%}
        {{ return('select * from ' ~ upstream) }}
    {%- endif -%}
    {%- set node = _privacy_upstream_node(model_name) -%}
    {%- set policy = _privacy_policy(node) -%}
    {%- set subject = policy.get('subject') -%}
    {%- set k_policy = policy.get('k_anonymity') -%}
    {%- set release = policy.get('release', 'every_row') -%}
    {%- if release not in ['every_row', 'one_row_per_subject'] -%}
        {{ exceptions.raise_compiler_error(
            "privacy layer: " ~ model_name ~ " has meta.privacy.release '" ~ release
            ~ "': use every_row or one_row_per_subject") }}
    {%- endif -%}
    {%- if release == 'one_row_per_subject' and not subject -%}
        {{ exceptions.raise_compiler_error(
            "privacy layer: " ~ model_name ~ " is released one row per subject but has no"
            ~ " meta.privacy.subject") }}
    {%- endif -%}
    {%- set outputs = [] -%}
    {%- set group_joins = [] -%}
    {#- the built relation's columns, so that a column the YAML does not know is
        caught; before the upstream model is built (dbt compile on an empty
        database), the columns its YAML declares -#}
    {%- set column_names = adapter.get_columns_in_relation(upstream) | map(attribute='name') | list -%}
    {%- if column_names | length == 0 -%}
        {%- set column_names = node.columns.keys() | list -%}
    {%- endif -%}
    {%- for column_name in column_names -%}
        {%- set rule = _privacy_rule(node, model_name, column_name) -%}
        {%- if rule.operation == 'k_anonymous_group' -%}
            {%- set dimension = rule.get('dimension') -%}
            {%- if dimension not in groups -%}
                {{ exceptions.raise_compiler_error(
                    "privacy layer: " ~ model_name ~ "." ~ column_name ~ " is released as a group"
                    ~ " of " ~ dimension ~ ": list it in the model's call,"
                    ~ " privacy_model('" ~ model_name ~ "', groups=[..., '" ~ dimension ~ "'])") }}
            {%- endif -%}
            {%- set alias = 'privacy_groups_' ~ (group_joins | length) -%}
            {%- do group_joins.append({'alias': alias, 'dimension': dimension, 'column': column_name}) -%}
            {%- do outputs.append({
                'source': column_name,
                'name': _privacy_output_name(node, model_name, column_name),
                'expression': 'coalesce(' ~ alias ~ '.privacy_group_key, ' ~ unknown_key() ~ ')',
                'is_phone': false
            }) -%}
        {%- elif rule.operation != 'drop' -%}
            {%- do outputs.append({
                'source': column_name,
                'name': _privacy_output_name(node, model_name, column_name),
                'expression': _privacy_expression(rule, column_name, subject, model_name),
                'is_phone': rule.operation in ['substitute_phone', 'add_phone_noise']
            }) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set referrers = _privacy_referrers(model_name) -%}
    {%- if (referrers | map(attribute='model') | unique | sort | list)
        != (referenced_by | unique | sort | list) -%}
        {{ exceptions.raise_compiler_error(
            "privacy layer: the groups of " ~ model_name ~ " are released by "
            ~ (referrers | map(attribute='model') | unique | sort | list | join(', ') or 'no model')
            ~ "; the call must say so: privacy_model('" ~ model_name ~ "', referenced_by=["
            ~ (referrers | map(attribute='model') | unique | sort | list | join(', ')) ~ "])") }}
    {%- endif -%}
    {%- if referrers and not k_policy -%}
        {{ exceptions.raise_compiler_error(
            "privacy layer: " ~ model_name ~ " is released as groups but has no"
            ~ " meta.privacy.k_anonymity to form them") }}
    {%- endif -%}
    {%- set source_rows -%}
        select * from {{ upstream }}
        {%- if release == 'one_row_per_subject' %}
        where is_current and {{ adapter.quote(_privacy_entity_key(subject)) }} != {{ unknown_key() }}
        {%- endif %}
    {%- endset -%}
    {%- if k_policy -%}
        {{ _privacy_k_anonymous(source_rows, outputs, subject, k_policy, model_name, release,
            referrers) }}
    {%- else %}
with
{%- for join in group_joins %}

{{ join.alias }} as (
    {{ _privacy_group_lookup(join.dimension) }}
),
{%- endfor %}

source_rows as (
    {{ source_rows }}
),

released as (
    select
        {%- for output in outputs %}
        {{ output.expression }} as {{ adapter.quote(output.name) }}{{ ',' if not loop.last }}
        {%- endfor %}
    from source_rows
    {%- for join in group_joins %}
    left join {{ join.alias }}
        on source_rows.{{ adapter.quote(join.column) }} = {{ join.alias }}.privacy_version_key
    {%- endfor %}
),

final as (
    select
        {%- for output in outputs %}
        {{ _privacy_released(output) }} as {{ adapter.quote(output.name) }}{{ ',' if not loop.last }}
        {%- endfor %}
    from released
)

select * from final
    {%- endif -%}
{%- endmacro %}


{% macro _privacy_upstream_node(model_name) -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.name == model_name -%}
            {{ return(node) }}
        {%- endif -%}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error("privacy_model: no model named '" ~ model_name ~ "'") }}
{%- endmacro %}


{% macro _privacy_policy(node) -%}
    {#- A model's meta.privacy (empty when it has none). -#}
    {{ return(node.config.meta.get('privacy', node.meta.get('privacy', {})) or {}) }}
{%- endmacro %}


{% macro _privacy_entity_key(subject) -%}
    {#- A dimension's surrogate key from its natural key (customer_id:
        customer_key), as scd2_dimension names it. -#}
    {{ return(subject[:-3] ~ '_key') }}
{%- endmacro %}


{% macro _privacy_group_key_name(subject) -%}
    {#- The name of a person dimension's group key (customer_id:
        customer_group_key). -#}
    {{ return(subject[:-3] ~ '_group_key') }}
{%- endmacro %}


{% macro _privacy_referrers(dimension) -%}
    {#- Every mart column released as a k_anonymous_group of `dimension`, as
        {'model', 'column'}: the rows that point to the dimension's groups. -#}
    {%- set found = [] -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'model' -%}
        {%- for column in node.columns.values() -%}
            {%- set pii = column.meta.get('pii') -%}
            {%- if pii is mapping and pii.get('operation') == 'k_anonymous_group'
                and pii.get('dimension') == dimension -%}
                {%- do found.append({'model': node.name, 'column': column.name}) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(found) }}
{%- endmacro %}


{% macro _privacy_group_lookup(dimension) -%}
    {#- Every version key of a person dimension with the k-anonymous group its
        person is released in: the privacy dimension is joined on the
        pseudonym, recomputed from the natural key, so no link between keys
        and groups is stored anywhere. -#}
    {%- set node = _privacy_upstream_node(dimension) -%}
    {%- set subject = _privacy_policy(node).get('subject') -%}
    {%- set rule = _privacy_rule(node, dimension, subject) -%}
    {%- if rule.operation != 'pseudonymize' -%}
        {{ exceptions.raise_compiler_error(
            "privacy layer: the groups of " ~ dimension ~ " are found through its subject's"
            ~ " pseudonym, but " ~ dimension ~ "." ~ subject ~ " is not pseudonymized") }}
    {%- endif -%}
    select
        versions.{{ adapter.quote(_privacy_entity_key(subject)) }} as privacy_version_key,
        released.{{ adapter.quote(_privacy_group_key_name(subject)) }} as privacy_group_key
    from {{ ref(dimension) }} as versions
    inner join {{ ref('privacy_' ~ dimension) }} as released
        on released.{{ adapter.quote(_privacy_output_name(node, dimension, subject)) }}
        = {{ pseudonymize('versions.' ~ adapter.quote(subject), rule.get('prefix', 'User')) }}
{%- endmacro %}


{% macro _privacy_released(output) -%}
    {#- A released column as it leaves the privacy layer: a released phone
        number that lands on somebody's real number (a substitute or a noisy
        number can, by chance) is withheld, so that no real number appears in
        the privacy database. -#}
    {%- set column = adapter.quote(output.name) -%}
    {%- if output.is_phone -%}
        {{ return(
            "case when " ~ last_ten_digits(column) ~ " in ("
            ~ "select known_phones.phone_digits from " ~ ref('int_privacy__known_phones')
            ~ " as known_phones) then null else " ~ column ~ " end") }}
    {%- endif -%}
    {{ return(column) }}
{%- endmacro %}


{% macro _privacy_rule(node, model_name, column_name) -%}
    {#- meta.pii of the column as {'operation': ..., other arguments}; a string
        names the operation alone. Unclassified: a compile error. -#}
    {%- set declared = node.columns.get(column_name) or node.columns.get(column_name | lower) -%}
    {%- set pii = none -%}
    {%- if declared is not none -%}
        {%- set pii = declared.meta.get('pii', declared.config.meta.get('pii') if declared.config else none) -%}
    {%- endif -%}
    {%- if pii is none -%}
        {{ exceptions.raise_compiler_error(
            "privacy layer: column " ~ model_name ~ "." ~ column_name ~ " is not classified."
            ~ " Give it `meta: {pii: <operation>}` in " ~ node.original_file_path
            ~ " (an operation of macros/anonymization/, or none when it holds no personal data).") }}
    {%- endif -%}
    {%- if pii is string -%}
        {{ return({'operation': pii}) }}
    {%- endif -%}
    {{ return(pii) }}
{%- endmacro %}


{% macro _privacy_default_name(operation, column_name) -%}
    {%- if operation == 'generalize_age' -%}
        {{ return('age_band') }}
    {%- elif operation == 'generalize_amount' -%}
        {{ return(column_name ~ '_band') }}
    {%- elif operation == 'email_domain' -%}
        {{ return(column_name ~ '_domain') }}
    {%- endif -%}
    {{ return(column_name) }}
{%- endmacro %}


{% macro _privacy_expression(rule, column_name, subject, model_name) -%}
    {%- set column = adapter.quote(column_name) -%}
    {%- set operation = rule.operation -%}
    {%- if operation == 'none' -%}
        {{ return(column) }}
    {%- elif operation == 'pseudonymize' -%}
        {#- the unknown member is nobody: no pseudonym -#}
        {%- set key = adapter.quote(rule.get('key', column_name)) -%}
        {{ return("case when " ~ key ~ " != " ~ unknown_id() ~ " then "
            ~ pseudonymize(key, rule.get('prefix', 'User')) ~ " end") }}
    {%- elif operation == 'hash' -%}
        {{ return(hash_pii(column)) }}
    {%- elif operation == 'redact_email' -%}
        {{ return(redact_email(column)) }}
    {%- elif operation == 'email_domain' -%}
        {{ return(email_domain(column)) }}
    {%- elif operation in ['substitute_phone', 'add_phone_noise'] -%}
        {%- if operation == 'substitute_phone' -%}
            {%- set released = substitute_phone(column) -%}
        {%- else -%}
            {%- set key = rule.get('key', subject) -%}
            {%- if not key -%}
                {{ exceptions.raise_compiler_error(
                    "privacy layer: " ~ model_name ~ "." ~ column_name ~ " needs a record key for"
                    ~ " add_phone_noise: give the rule a `key` or the model meta.privacy.subject") }}
            {%- endif -%}
            {%- set released = add_phone_noise(column, adapter.quote(key)) -%}
        {%- endif -%}
        {#- a released number that lands on somebody's real number is withheld
            afterwards (_privacy_released) -#}
        {{ return(released) }}
    {%- elif operation == 'generalize_age' -%}
        {{ return(generalize_age_from_birth_date(
            column, "cast('" ~ var('privacy_as_of_date') ~ "' as date)")) }}
    {%- elif operation == 'generalize_postal_code' -%}
        {{ return(generalize_postal_code(column)) }}
    {%- elif operation == 'generalize_date' -%}
        {{ return(generalize_date(column, rule.get('grain', 'month'))) }}
    {%- elif operation == 'generalize_amount' -%}
        {{ return(generalize_amount(column, rule.get('width', 10000))) }}
    {%- elif operation == 'scrub_text' -%}
        {{ return(scrub_text(column)) }}
    {%- endif -%}
    {{ exceptions.raise_compiler_error(
        "privacy layer: " ~ model_name ~ "." ~ column_name ~ " has meta.pii '" ~ operation
        ~ "', which is not an operation. Use one of: none, drop, pseudonymize, hash,"
        ~ " redact_email, email_domain, substitute_phone, add_phone_noise, generalize_age,"
        ~ " generalize_postal_code, generalize_date, generalize_amount, scrub_text,"
        ~ " k_anonymous_group.") }}
{%- endmacro %}


{% macro _privacy_k_anonymous(source_rows, outputs, subject, k_policy, model_name, release,
    referrers) -%}
    {#- Coarsens the quasi-identifiers (listed in the order they are given up)
        until every released combination is a group of at least k people:
        level 0 keeps them all; a row that is not in such a group at level j
        tries level j + 1, which withholds ('*') one more, among the rows still
        waiting. A group must also hold at least l distinct values of each
        sensitive column (l-diversity, the policy's l, default 1) and, when
        other models point to this dimension's groups (`referrers`), none or
        at least k of the people they point to. Rows still waiting when all
        are withheld join the smallest released group that makes them a valid
        group, all withheld; only when none can (the whole table is too
        small) are they suppressed. Each row gets its group's key. -#}
    {%- set k = k_policy.get('k', var('privacy_k')) -%}
    {%- set l = k_policy.get('l', 1) -%}
    {%- set quasi = k_policy.quasi_identifiers -%}
    {%- set names = outputs | map(attribute='name') | list -%}
    {%- set quasi_names = [] -%}
    {%- set quoted_quasi = [] -%}
    {%- for source in quasi -%}
        {%- set name = _privacy_released_name(outputs, model_name, source, 'quasi-identifier') -%}
        {%- do quasi_names.append(name) -%}
        {%- do quoted_quasi.append(adapter.quote(name)) -%}
    {%- endfor -%}
    {%- set sensitive = [] -%}
    {%- for source in k_policy.get('sensitive', []) -%}
        {%- do sensitive.append(adapter.quote(
            _privacy_released_name(outputs, model_name, source, 'sensitive column'))) -%}
    {%- endfor -%}
    {%- if not subject -%}
        {{ exceptions.raise_compiler_error(
            "privacy layer: " ~ model_name ~ " has k_anonymity but no meta.privacy.subject") }}
    {%- endif -%}
    {#- people are counted by their released pseudonym when there is one (the
        unknown member has none and counts as nobody), else by the raw key -#}
    {%- set subject_outputs = outputs | selectattr('source', 'equalto', subject) | list -%}
    {%- set person = 'privacy_raw_subject' -%}
    {%- if subject_outputs | length > 0 -%}
        {%- set person = adapter.quote(subject_outputs[0].name) -%}
    {%- endif -%}
    {%- set group_key = _privacy_group_key_name(subject) -%}
    {%- set levels = quasi_names | length -%}
with

source_rows as (
    {{ source_rows }}
),
{%- if referrers %}

referenced as (
    {%- for referrer in referrers %}
    select distinct versions.{{ adapter.quote(subject) }} as privacy_referenced_id
    from {{ ref(referrer.model) }} as referrer
    inner join {{ ref(model_name) }} as versions
        on referrer.{{ adapter.quote(referrer.column) }}
        = versions.{{ adapter.quote(_privacy_entity_key(subject)) }}
    {{ 'union' if not loop.last }}
    {%- endfor %}
),
{%- endif %}

anonymized as (
    select
        {%- for output in outputs %}
        {% if output.name in quasi_names -%}
            cast({{ output.expression }} as {{ dbt.type_string() }})
        {%- else -%}
            {{ output.expression }}
        {%- endif %} as {{ adapter.quote(output.name) }},
        {%- endfor %}
        source_rows.{{ adapter.quote(subject) }} as privacy_raw_subject,
        {%- if referrers %}
        referenced.privacy_referenced_id is not null as privacy_is_referenced
        {%- else %}
        false as privacy_is_referenced
        {%- endif %}
    from source_rows
    {%- if referrers %}
    left join referenced
        on source_rows.{{ adapter.quote(subject) }} = referenced.privacy_referenced_id
    {%- endif %}
),

people as (
    select
        {%- for output in outputs %}
        {{ _privacy_released(output) }} as {{ adapter.quote(output.name) }},
        {%- endfor %}
        {{ person }} as privacy_subject,
        case when privacy_is_referenced then {{ person }} end as privacy_referenced_subject,
        cast(null as integer) as privacy_level
    from anonymized
),
{% for level in range(levels + 1) %}
level_{{ level }} as (
    select
        {%- for name in names %}
        {{ adapter.quote(name) }},
        {%- endfor %}
        privacy_subject,
        privacy_referenced_subject,
        coalesce(
            privacy_level,
            case
                when {{ _privacy_valid_group(['privacy_level is null'] + quoted_quasi[level:], k, l, sensitive) }}
                    then {{ level }}
            end
        ) as privacy_level
    from {{ 'people' if level == 0 else 'level_' ~ (level - 1) }}
),
{% endfor %}
released as (
    select
        {%- for name in names %}
        {% if name in quasi_names -%}
            case
                when privacy_level <= {{ quasi_names.index(name) }}
                    then {{ adapter.quote(name) }}
                else '*'
            end
        {%- else -%}
            {{ adapter.quote(name) }}
        {%- endif %} as {{ adapter.quote(name) }},
        {%- endfor %}
        privacy_subject,
        privacy_referenced_subject,
        privacy_level
    from level_{{ levels }}
),

keyed as (
    select
        released.*,
        {{ _privacy_tuple_key(quoted_quasi) }} as privacy_group
    from released
),

{#- the rows still waiting, and the smallest released group that makes a
    valid group with them -#}
waiting as (
    select
        count(distinct privacy_subject) as people,
        count(distinct privacy_referenced_subject) as referenced_people
    from keyed
    where privacy_level is null
),

released_groups as (
    select
        privacy_group,
        count(distinct privacy_subject) as people,
        count(distinct privacy_referenced_subject) as referenced_people
    from keyed
    where privacy_level is not null
    group by privacy_group
),

donor as (
    select released_groups.privacy_group
    from released_groups
    cross join waiting
    where
        waiting.people > 0
        and (waiting.referenced_people = 0 or released_groups.referenced_people >= {{ k }})
    order by released_groups.people, released_groups.privacy_group
    limit 1
),

donors as (
    select count(*) as donor_groups from donor
),

merged as (
    select
        {%- for name in names %}
        {% if name in quasi_names -%}
            case
                when donor.privacy_group is not null then '*'
                else keyed.{{ adapter.quote(name) }}
            end
        {%- else -%}
            keyed.{{ adapter.quote(name) }}
        {%- endif %} as {{ adapter.quote(name) }},
        {%- endfor %}
        keyed.privacy_level is null and donors.donor_groups = 0 as is_privacy_suppressed
    from keyed
    left join donor on keyed.privacy_group = donor.privacy_group
    cross join donors
),

final as (
    select
        {%- for name in names %}
        {% if name in quasi_names -%}
            case when is_privacy_suppressed then '*' else {{ adapter.quote(name) }} end
        {%- else -%}
            {{ adapter.quote(name) }}
        {%- endif %} as {{ adapter.quote(name) }},
        {%- endfor %}
        case
            when is_privacy_suppressed then {{ unknown_key() }}
            else {{ _privacy_tuple_key(quoted_quasi) }}
        end as {{ adapter.quote(group_key) }},
        is_privacy_suppressed
    from merged
)

select * from final
{%- if release == 'one_row_per_subject' %}
{#- rows in pseudonym order: the stored order says nothing of ids or dates #}
order by {{ person if subject_outputs else adapter.quote(group_key) }}
{%- endif -%}
{%- endmacro %}


{% macro _privacy_released_name(outputs, model_name, source, role) -%}
    {#- The name a source column is released under; a compile error naming the
        role ('quasi-identifier', 'sensitive column') when it is not released -#}
    {%- set matches = outputs | selectattr('source', 'equalto', source) | list -%}
    {%- if matches | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "privacy layer: " ~ role ~ " " ~ model_name ~ "." ~ source
            ~ " is not a released column") }}
    {%- endif -%}
    {{ return(matches[0].name) }}
{%- endmacro %}

{% macro _privacy_valid_group(partition_by, k, l, sensitive) -%}
    {#- Whether the row's window partition is a valid group: at least k
        people, none or at least k people referred to by other models, and at
        least l distinct values of each sensitive column. -#}
    {{ count_distinct_over('privacy_subject', partition_by) }} >= {{ k }}
    and (
        {{ count_distinct_over('privacy_referenced_subject', partition_by) }} = 0
        or {{ count_distinct_over('privacy_referenced_subject', partition_by) }} >= {{ k }}
    )
    {%- for column in sensitive %}
    and {{ count_distinct_over(column, partition_by) }} >= {{ l }}
    {%- endfor %}
{%- endmacro %}


{% macro _privacy_tuple_key(quoted_columns) -%}
    {#- A released combination of quasi-identifier values as a 32-character
        key: md5 of the values joined by the unit separator, null written as
        the record separator, so two different combinations never share it. -#}
    {%- set parts = [] -%}
    {%- for column in quoted_columns -%}
        {%- do parts.append('coalesce(' ~ column ~ ', chr(30))') -%}
    {%- endfor -%}
    {{- dbt.hash('concat_ws(chr(31), ' ~ parts | join(', ') ~ ')') -}}
{%- endmacro %}
