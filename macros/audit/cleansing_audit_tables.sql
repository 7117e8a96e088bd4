{% macro cleansing_audit_tables() -%}
    {#- The raw business tables the cleansing audit compares with their cleansed
        models (raw_tables('business'), each with its key from raw_table_keys()),
        and what the cleansing does differently per table: cleansed columns
        named differently from the raw ones, the flags that mark a kept outlier,
        and the references re-pointed to the unknown member (-1). -#}
    {%- set differences = {
        'customers': {'rename': {'marketing_opt_in': 'is_marketing_opt_in'}},
        'employees': {'flags': {'salary': 'is_salary_outlier'}},
        'products': {'flags': {'list_price': 'is_list_price_outlier'},
                     'references': ['seller_id']},
        'orders': {'references': ['customer_id']},
        'order_lines': {'flags': {'quantity': 'is_quantity_outlier'},
                        'references': ['product_id']},
        'inventory_snapshots': {'flags': {'quantity_on_hand': 'is_quantity_on_hand_outlier',
                                          'quantity_on_order': 'is_quantity_on_order_outlier'}},
    } -%}
    {%- set keys = raw_table_keys() -%}
    {%- set tables = {} -%}
    {%- for table in raw_tables('business') -%}
        {%- set spec = {'key': keys[table]} -%}
        {%- do spec.update(differences.get(table, {})) -%}
        {%- do tables.update({table: spec}) -%}
    {%- endfor -%}
    {%- for table in differences if table not in tables -%}
        {{ exceptions.raise_compiler_error(
            "cleansing_audit_tables: '" ~ table ~ "' is not a raw business table") }}
    {%- endfor -%}
    {{ return(tables) }}
{%- endmacro %}


{% macro cleansing_audit_columns(table) -%}
    {#- The raw columns of a table the audit compares: all but its key and
        updated_at, from the raw source's YAML. -#}
    {%- set spec = cleansing_audit_tables()[table] -%}
    {%- set node = graph.sources.get('source.fashion_retail.raw.' ~ table) if execute else none -%}
    {%- set columns = (node.columns.keys() | list) if node else [] -%}
    {{ return(columns | reject('in', [spec.key, 'updated_at']) | list) }}
{%- endmacro %}


{% macro cleansed_text(table, column, relation=none) -%}
    {#- A cleansed model's value of a raw column, written as the raw truth writes
        it (dates 'YYYY-MM-DD', money '1234.50', booleans 'true'/'false'). -#}
    {%- set spec = cleansing_audit_tables()[table] -%}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    cast({{ prefix }}{{ spec.get('rename', {}).get(column, column) }} as {{ dbt.type_string() }})
{%- endmacro %}


{% macro cleansed_flag(table, column, relation=none) -%}
    {#- Whether the cleansing kept a raw column's value flagged (an outlier) or
        re-pointed it to the unknown member: handled, though not repaired. -#}
    {%- set spec = cleansing_audit_tables()[table] -%}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    {%- if column in spec.get('flags', {}) -%}
        {{ prefix }}{{ spec.flags[column] }}
    {%- elif column in spec.get('references', []) -%}
        coalesce({{ prefix }}{{ column }} = -1, false)
    {%- else -%}
        false
    {%- endif -%}
{%- endmacro %}


{% macro cleansed_version(table) -%}
    {#- A cleansed row's key and version as the raw layer writes them. -#}
    {%- set spec = cleansing_audit_tables()[table] -%}
    cast({{ spec.key }} as {{ dbt.type_string() }}) as record_id,
    {{ format_timestamp('updated_at', '%Y-%m-%d %H:%M:%S') }} as record_updated_at
{%- endmacro %}
