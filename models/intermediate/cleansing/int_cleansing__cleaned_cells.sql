{#- One row per cleansed cell, written as the raw truth writes it (dates
    'YYYY-MM-DD', money '1234.50', booleans 'true'/'false'), with whether the
    cleansing flagged it (an outlier it kept) or re-pointed it to the unknown
    member. Rows merged away as near-duplicates are not here: they are scored
    as rows. -#}
{%- set cleansed = {
    'customers': {'key': 'customer_id', 'rename': {'marketing_opt_in': 'is_marketing_opt_in'}},
    'employees': {'key': 'employee_id', 'flags': {'salary': 'is_salary_outlier'}},
    'stores': {'key': 'store_id'},
    'sellers': {'key': 'seller_id'},
    'products': {'key': 'product_id', 'flags': {'list_price': 'is_list_price_outlier'},
                 'references': ['seller_id']},
    'orders': {'key': 'order_id', 'references': ['customer_id']},
    'order_lines': {'key': 'order_line_id', 'flags': {'quantity': 'is_quantity_outlier'},
                    'references': ['product_id']},
    'inventory_snapshots': {'key': 'inventory_snapshot_id',
                            'flags': {'quantity_on_hand': 'is_quantity_on_hand_outlier',
                                      'quantity_on_order': 'is_quantity_on_order_outlier'}},
} -%}
with

{% for table, spec in cleansed.items() %}
    int_{{ table }}_cleansed as (
        select * from {{ ref('int_' ~ table ~ '_cleansed') }}
    ),
{% endfor %}

cells as (
    {%- for table, spec in cleansed.items() %}
        {%- set source_node = graph.sources['source.fashion_retail.raw.' ~ table] %}
        {%- set rename = spec.get('rename', {}) %}
        {%- set flags = spec.get('flags', {}) %}
        {%- set references = spec.get('references', []) %}
        {%- set outer_loop = loop %}
        {%- set skip = [spec.key, 'updated_at'] %}
        {%- for column in source_node.columns.keys() if column not in skip %}
            select
                '{{ table }}' as table_name,
                cast({{ spec.key }} as {{ dbt.type_string() }}) as record_id,
                strftime(updated_at, '%Y-%m-%d %H:%M:%S') as record_updated_at,
                '{{ column }}' as column_name,
                cast({{ rename.get(column, column) }} as {{ dbt.type_string() }})
                    as cleaned_value,
                {% if column in flags -%}
                    {{ flags[column] }}
                {%- elif column in references -%}
                    coalesce({{ column }} = -1, false)
                {%- else -%}
                    false
                {%- endif %} as is_handled_by_flag
            from int_{{ table }}_cleansed
            {%- if not (loop.last and outer_loop.last) %}
                union all
            {%- endif %}
        {%- endfor %}
    {%- endfor %}
)

select * from cells
