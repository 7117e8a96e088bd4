{#- Per raw table: where every raw row went. raw_rows must equal clean_rows +
    duplicate_rows + quarantined_rows (a dbt test checks it): nothing is dropped
    without a trace. -#}
{%- set tables = raw_tables('business') -%}
with

{% for table in tables %}
    {{ table }}_counts as (
        select
            '{{ table }}' as table_name,
            (select count(*) from {{ ref('stg_raw__' ~ table) }}) as raw_rows,
            (
                select count(*) from {{ ref('int_' ~ table ~ '_cleansed') }}
            )
                as clean_rows,
            (
                select count(*) from {{ ref('int_' ~ table ~ '_duplicates') }}
            )
                as duplicate_rows,
            (select count(*) from {{ ref('int_' ~ table ~ '_quarantined') }})
                as quarantined_rows
    ),
{% endfor %}

final as (
    {%- for table in tables %}
        select * from {{ table }}_counts
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select
    *,
    raw_rows - clean_rows - duplicate_rows - quarantined_rows as unaccounted_rows
from final
