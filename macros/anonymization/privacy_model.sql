{% macro privacy_model(model_name) -%}
    {#- The body of a privacy-layer model: every column of the upstream model,
        anonymized as its `meta.pii` says, and k-anonymous over the quasi-
        identifiers its `meta.privacy.k_anonymity` lists. Default deny: a column
        without `meta.pii` stops the build with a message naming it. -#}
    {%- do config(alias=model_name) -%}
    {%- set upstream = ref(model_name) -%}
    {%- if not execute -%}
        {#- at parse time the column metadata is not known yet: declare the
            restricted lookups that the operations may read (pseudonyms, known
            names); they are read while building, never copied -#}
        {%- do ref('int_privacy__pseudonyms') -%}
        {%- do ref('int_privacy__known_names') -%}
        {%- do ref('int_privacy__known_phones') -%}
        {{ return('select * from ' ~ upstream) }}
    {%- endif -%}
    {%- set node = _privacy_upstream_node(model_name) -%}
    {%- set policy = node.config.meta.get('privacy', node.meta.get('privacy', {})) or {} -%}
    {%- set subject = policy.get('subject') -%}
    {%- set k_policy = policy.get('k_anonymity') -%}
    {%- set outputs = [] -%}
    {#- the built relation's columns, so that a column the YAML does not know is
        caught; before the upstream model is built (dbt compile on an empty
        database), the columns its YAML declares -#}
    {%- set column_names = adapter.get_columns_in_relation(upstream) | map(attribute='name') | list -%}
    {%- if column_names | length == 0 -%}
        {%- set column_names = node.columns.keys() | list -%}
    {%- endif -%}
    {%- for column_name in column_names -%}
        {%- set column = {'name': column_name} -%}
        {%- set rule = _privacy_rule(node, model_name, column.name) -%}
        {%- if rule.operation != 'drop' -%}
            {%- do outputs.append({
                'source': column.name,
                'name': _privacy_output_name(node, model_name, column.name),
                'expression': _privacy_expression(rule, column.name, subject, model_name)
            }) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if k_policy -%}
        {{ _privacy_k_anonymous(upstream, outputs, subject, k_policy, model_name) }}
    {%- else %}
select
    {%- for output in outputs %}
    {{ output.expression }} as {{ adapter.quote(output.name) }}{{ ',' if not loop.last }}
    {%- endfor %}
from {{ upstream }}
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
    {%- endif -%}
    {{ return(column_name) }}
{%- endmacro %}


{% macro _privacy_expression(rule, column_name, subject, model_name) -%}
    {%- set column = adapter.quote(column_name) -%}
    {%- set operation = rule.operation -%}
    {%- if operation == 'none' -%}
        {{ return(column) }}
    {%- elif operation == 'pseudonymize' -%}
        {{ return(pseudonymize(adapter.quote(rule.get('key', column_name)), rule.get('prefix', 'User'))) }}
    {%- elif operation == 'hash' -%}
        {{ return(hash_pii(column)) }}
    {%- elif operation == 'redact_email' -%}
        {{ return(redact_email(column)) }}
    {%- elif operation == 'add_phone_noise' -%}
        {%- set key = rule.get('key', subject) -%}
        {%- if not key -%}
            {{ exceptions.raise_compiler_error(
                "privacy layer: " ~ model_name ~ "." ~ column_name ~ " needs a record key for"
                ~ " add_phone_noise: give the rule a `key` or the model meta.privacy.subject") }}
        {%- endif -%}
        {#- a noisy number that lands on somebody's real number is withheld -#}
        {%- set noisy = add_phone_noise(column, adapter.quote(key)) -%}
        {{ return(
            "case when " ~ last_ten_digits(noisy) ~ " in ("
            ~ "select known_phones.phone_digits from " ~ ref('int_privacy__known_phones')
            ~ " as known_phones) then null else " ~ noisy ~ " end") }}
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
        ~ " redact_email, add_phone_noise, generalize_age, generalize_postal_code,"
        ~ " generalize_date, generalize_amount, scrub_text.") }}
{%- endmacro %}


{% macro _privacy_k_anonymous(upstream, outputs, subject, k_policy, model_name) -%}
    {#- Coarsens the quasi-identifiers (listed in the order they are given up)
        until every released combination covers at least k people: level 0
        keeps them all; a row that is not in a group of k people at level j
        tries level j + 1, which withholds ('*') one more, among the rows still
        waiting. Rows still waiting when all are withheld are suppressed. -#}
    {%- set k = k_policy.get('k', var('privacy_k')) -%}
    {%- set quasi = k_policy.quasi_identifiers -%}
    {%- set names = outputs | map(attribute='name') | list -%}
    {%- set quasi_names = [] -%}
    {%- set quoted_quasi = [] -%}
    {%- for source in quasi -%}
        {%- set matches = outputs | selectattr('source', 'equalto', source) | list -%}
        {%- if matches | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                "privacy layer: quasi-identifier " ~ model_name ~ "." ~ source
                ~ " is not a released column") }}
        {%- endif -%}
        {%- do quasi_names.append(matches[0].name) -%}
        {%- do quoted_quasi.append(adapter.quote(matches[0].name)) -%}
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
    {%- endif %}
with

anonymized as (
    select
        {%- for output in outputs %}
        {% if output.name in quasi_names -%}
            cast({{ output.expression }} as {{ dbt.type_string() }})
        {%- else -%}
            {{ output.expression }}
        {%- endif %} as {{ adapter.quote(output.name) }},
        {%- endfor %}
        {{ adapter.quote(subject) }} as privacy_raw_subject
    from {{ upstream }}
),

people as (
    select
        {%- for name in names %}
        {{ adapter.quote(name) }},
        {%- endfor %}
        {{ person }} as privacy_subject,
        cast(null as integer) as privacy_level
    from anonymized
),
{% for level in range(quasi_names | length + 1) %}
level_{{ level }} as (
    select
        {%- for name in names %}
        {{ adapter.quote(name) }},
        {%- endfor %}
        privacy_subject,
        coalesce(
            privacy_level,
            case
                when {{ count_distinct_over('privacy_subject',
                    ['privacy_level is null'] + quoted_quasi[level:]) }}
                    >= {{ k }}
                    then {{ level }}
            end
        ) as privacy_level
    from {{ 'people' if level == 0 else 'level_' ~ (level - 1) }}
),
{% endfor %}
final as (
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
        privacy_level is null as is_privacy_suppressed
    from level_{{ quasi_names | length }}
)

select * from final
{%- endmacro %}
