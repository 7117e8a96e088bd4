{% macro privacy_leaks(public_words=[], kinds=['first_name', 'last_name', 'email', 'phone', 'date_of_birth', 'street_address']) -%}
    {#- Every cell of every table in the privacy database that gives away a
        value of a raw-layer PII column (the raw source's columns whose meta.pii
        is one of `kinds`): equal to it ignoring case and surrounding blanks,
        equal to the local part of a raw e-mail, a phone number with the same
        ten digits, a date equal to a raw (parsed) date of birth, or free text
        (a scrub_text column) with such a word in it, or with anything shaped
        like an e-mail address or a phone number. Dates of birth are looked
        for in the tables that describe people (their mart has a
        meta.privacy.subject): elsewhere a date is a business date that is also,
        at scale, somebody's birthday. One row per leaked value.
        `public_words` lists relations and columns of words that are not
        personal even when a person bears them as a name (colours, months,
        brands: "Brown", "June", "Pereira"), as [relation, column] pairs. -#}
    {%- if not execute -%}
        {#- parse time: declare the raw tables the check reads -#}
        {%- for table in raw_tables() -%}
            {%- do raw_source(table) -%}
        {%- endfor -%}
        {{ return('select 1 as placeholder') }}
    {%- endif -%}
    {%- set raw_columns = [] -%}
    {%- for source_node in graph.sources.values() if source_node.source_name == 'raw' -%}
        {%- for column in source_node.columns.values() -%}
            {%- set kind = column.meta.get('pii') -%}
            {%- if kind in kinds -%}
                {%- do raw_columns.append({
                    'table': source_node.name, 'column': column.name, 'kind': kind}) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- if raw_columns | length == 0 -%}
        {{ exceptions.raise_compiler_error("privacy_leaks: no raw column is classified as PII") }}
    {%- endif -%}
    {%- set released_columns = [] -%}
    {%- if execute -%}
        {#- per released table, from the mart it releases (once): whether it
            describes people, and its free-text (scrub_text) columns -#}
        {%- set tables = {} -%}
        {%- for node in graph.nodes.values() -%}
            {%- if node.resource_type == 'model' and not is_privacy_layer_node(node) -%}
                {%- set policy = node.config.meta.get('privacy', {}) or {} -%}
                {%- set free_text = [] -%}
                {%- for column in node.columns.values() if column.meta.get('pii') is not none -%}
                    {%- set rule = _privacy_rule(node, node.name, column.name) -%}
                    {%- if rule.operation == 'scrub_text' -%}
                        {%- do free_text.append(_privacy_output_name(node, node.name, column.name)) -%}
                    {%- endif -%}
                {%- endfor -%}
                {%- do tables.update({node.name: {
                    'person': policy.get('subject') is not none, 'free_text': free_text}}) -%}
            {%- endif -%}
        {%- endfor -%}
        {#- every column of every table the privacy database (on Spark, schema)
            holds, read from the catalogue, not from the project: a table built
            by hand is checked too -#}
        {%- for found in privacy_layer_relations() -%}
            {%- set relation = found.relation -%}
            {%- set upstream = tables.get(relation.identifier, {'person': false, 'free_text': []}) -%}
            {%- for column in adapter.get_columns_in_relation(relation) -%}
                {%- do released_columns.append({
                    'relation': relation, 'table': relation.identifier, 'column': column.name,
                    'person': upstream.person, 'free_text': column.name in upstream.free_text}) -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- if released_columns | length == 0 -%}
            {#- nothing to check is a failure, with its reason as the row -#}
            {{ return("select 'privacy database' as released_column, "
                ~ "'no tables: build models/privacy first' as released_value, "
                ~ "cast(null as " ~ dbt.type_string() ~ ") as raw_column, "
                ~ "'missing privacy layer' as kind") }}
        {%- endif -%}
    {%- endif %}
with

raw_cells as (
    {%- for raw in raw_columns %}
    select
        '{{ raw.table }}.{{ raw.column }}' as raw_column,
        '{{ raw.kind }}' as kind,
        cast({{ adapter.quote(raw.column) }} as {{ dbt.type_string() }}) as raw_value
    from {{ raw_source(raw.table) }}
    where {{ adapter.quote(raw.column) }} is not null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

public_words as (
    select cast('' as {{ dbt.type_string() }}) as word
    {%- for relation, column in public_words %}
    union all
    select lower(trim(cast({{ adapter.quote(column) }} as {{ dbt.type_string() }})))
    from {{ relation }}
    where {{ adapter.quote(column) }} is not null
    {%- endfor %}
),

raw_values as (
    {#- what a leak would look like: the value itself, an e-mail's local part,
        a phone's last ten digits, a birth date as the privacy layer writes
        dates. A raw value counts when it looks like what its column holds (a
        name or street address has a letter, an e-mail an '@', a phone ten
        digits as standardize_phone reads it, a birth date is a date):
        garbage in a PII column, such as
        '12345' for a first name, is nobody's data. -#}
    select distinct raw_column, kind, lower(trim(raw_value)) as needle
    from raw_cells
    where
        length(trim(raw_value)) >= 2
        and lower(trim(raw_value)) not in (select word from public_words)
        and (
            (kind in ('first_name', 'last_name', 'street_address')
                and {{ regex_contains('raw_value', '\\pL') }})
            or (kind = 'email' and contains(raw_value, '@'))
            or (kind = 'date_of_birth' and {{ parse_date('raw_value') }} is not null)
        )
    union all
    select distinct raw_column, 'email local part', lower(trim(split_part(raw_value, '@', 1)))
    from raw_cells
    where
        kind = 'email'
        and contains(raw_value, '@')
        and length(trim(split_part(raw_value, '@', 1))) >= 2
        and {{ regex_contains("split_part(raw_value, '@', 1)", '\\pL') }}
        -- a local part that is a plain word ('price@', 'grey@') gives nobody away
        and lower(trim(split_part(raw_value, '@', 1))) not in (select word from public_words)
    union all
    -- a phone as standardize_phone reads it (an extension is not the number)
    select distinct
        raw_column,
        'phone digits',
        'phone:' || {{ last_ten_digits(standardize_phone('raw_value')) }}
    from raw_cells
    where kind = 'phone' and {{ standardize_phone('raw_value') }} is not null
    union all
    select distinct
        raw_column,
        'date of birth',
        cast({{ parse_date('raw_value') }} as {{ dbt.type_string() }})
    from raw_cells
    where kind = 'date_of_birth' and {{ parse_date('raw_value') }} is not null
),

released_cells as (
    {%- for released in released_columns %}
    select
        '{{ released.table }}.{{ released.column }}' as released_column,
        {{ released.free_text }} as is_free_text,
        {{ released.person }} as is_person_table,
        lower(trim(cast({{ adapter.quote(released.column) }} as {{ dbt.type_string() }}))) as value
    from {{ released.relation }}
    where {{ adapter.quote(released.column) }} is not null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- if released_columns | length == 0 %}
    select
        cast(null as {{ dbt.type_string() }}) as released_column,
        false as is_free_text,
        false as is_person_table,
        cast(null as {{ dbt.type_string() }}) as value
    {%- endif %}
),

released_values as (
    select distinct released_column, is_person_table, value as needle, value
    from released_cells
    union all
    -- a phone number, whatever its separators; not a decimal number (a rate
    -- such as 0.1094417753266859 has ten digits in a row too)
    select distinct
        released_column,
        is_person_table,
        'phone:' || {{ last_ten_digits('value') }},
        value
    from released_cells
    where
        {{ full_match('value', '\\+?[0-9 ().-]{10,}') }}
        and not {{ full_match('value', '-?[0-9]*\\.[0-9]+') }}
    union all
    -- each word of a free text
    select distinct
        released_column,
        is_person_table,
        trim(both '.' from word),
        value
    from (
        select
            released_column,
            is_person_table,
            value,
            {{ explode_array(
                "regexp_extract_all(value, " ~ regex_literal('[^ ,;:!?()"<>\\[\\]]+') ~ ", 0)"
            ) }} as word
        from released_cells
        where is_free_text
    ) as free_text_words
),

matches as (
    select
        released_values.released_column,
        released_values.value as released_value,
        raw_values.raw_column,
        raw_values.kind
    from released_values
    inner join raw_values
        on
            released_values.needle = raw_values.needle
            -- a date is a birth date only where people are described: at
            -- 100,000 customers every day since 1930 is somebody's birthday,
            -- a store's opening day too
            and (
                raw_values.kind not in ('date_of_birth', 'date of birth')
                or released_values.is_person_table
            )
),

shapes as (
    -- free text must not keep any e-mail address or phone number, known or not
    select
        released_column,
        value as released_value,
        cast(null as {{ dbt.type_string() }}) as raw_column,
        case
            when {{ regex_contains('value', '[a-z0-9._%+-]+@[a-z0-9-]+\\.[a-z]') }}
                then 'e-mail shape in free text'
            else 'phone shape in free text'
        end as kind
    from released_cells
    where
        is_free_text
        and (
            {{ regex_contains('value', '[a-z0-9._%+-]+@[a-z0-9-]+\\.[a-z]') }}
            or {{ regex_contains('value', '[0-9](?:[ ().-]*[0-9]){8,}') }}
        )
),

final as (
    select distinct * from matches
    union all
    select distinct * from shapes
)

select * from final
{%- endmacro %}


{% macro privacy_layer_refs() -%}
    {#- Declares every privacy-layer model as a parent of the calling test, so
        that dbt builds the whole privacy database before a test that reads
        its catalogue. -#}
    {%- for name in ['dim_customers', 'dim_employees', 'dim_customer_groups',
                     'dim_employee_groups', 'dim_sellers', 'dim_stores',
                     'dim_products', 'dim_dates', 'fct_sales', 'fct_inventory_snapshots',
                     'rpt_sales_by_category_season', 'rpt_seller_performance',
                     'rpt_employee_sales_performance', 'rpt_inventory_turnover',
                     'rpt_customer_cohorts', 'k_anonymity'] -%}
        {%- do ref('privacy_' ~ name) -%}
    {%- endfor -%}
{%- endmacro %}


{% macro is_privacy_layer_node(node) -%}
    {#- Whether a graph node is a model of the privacy layer (models/privacy/). -#}
    {{ return(node.resource_type == 'model' and node.fqn | length > 2 and node.fqn[1] == 'privacy') }}
{%- endmacro %}


{% macro privacy_layer_relations() -%}
    {#- Every table and view in the privacy layer's database and schema (DuckDB:
        the attached privacy file; Spark: the privacy schema), from the
        catalogue, as catalog_relations gives them: what would be handed out,
        whether dbt built it or not. Only at execute time. -#}
    {%- set locations = [] -%}
    {%- for node in graph.nodes.values() if is_privacy_layer_node(node) and node.config.enabled -%}
        {%- if (node.database, node.schema) not in locations -%}
            {%- do locations.append((node.database, node.schema)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if locations | length != 1 -%}
        {{ exceptions.raise_compiler_error(
            "privacy layer: its models must share one database and schema, found " ~ locations) }}
    {%- endif -%}
    {{ return(catalog_relations(locations[0][0], locations[0][1])) }}
{%- endmacro %}
