{#- One row per day, segment and metric, every day from the first sale to the
    last for every segment (a store that sold nothing has a zero, not a gap).
    Segments: the whole business, each channel, each store, each category.
    Sales metrics come from the marts (units and revenue without the lines whose
    quantity the cleansing layer flagged as an outlier); pipeline-health metrics
    (duplicate, null and invalid rates of the loaded order lines) from the
    cleansing layer. monitored_metrics says what each metric is. -#}
{%- set metrics = {
    'orders': ('orders', 'null'),
    'units': ('units', 'null'),
    'revenue': ('revenue', 'null'),
    'average_price': ('price_total / nullif(order_lines, 0)', 'order_lines'),
    'return_rate': ('returned_lines * 1.0 / nullif(order_lines, 0)', 'order_lines'),
    'duplicate_rate': ('duplicate_rows * 1.0 / nullif(loaded_rows, 0)', 'loaded_rows'),
    'null_rate': ('null_prices * 1.0 / nullif(loaded_rows, 0)', 'loaded_rows'),
    'invalid_rate': ('replaced_prices * 1.0 / nullif(loaded_rows, 0)', 'loaded_rows'),
} -%}
with

fct_sales as (
    select * from {{ ref('fct_sales') }}
),

dim_stores as (
    select * from {{ ref('dim_stores') }}
),

dim_products as (
    select * from {{ ref('dim_products') }}
),

dim_dates as (
    select * from {{ ref('dim_dates') }}
),

stg_raw__order_lines as (
    select * from {{ ref('stg_raw__order_lines') }}
),

int_order_lines_cleansed as (
    select * from {{ ref('int_order_lines_cleansed') }}
),

int_order_lines_duplicates as (
    select * from {{ ref('int_order_lines_duplicates') }}
),

-- every loaded copy of an order line, and what the cleansing did to its price
loaded as (
    select
        stg_raw__order_lines.order_line_id,
        count(*) as loaded_rows,
        sum(case when stg_raw__order_lines.unit_price is null then 1 else 0 end)
            as null_prices,
        sum(
            case
                when
                    stg_raw__order_lines.unit_price
                    != int_order_lines_cleansed.unit_price
                    then 1
                else 0
            end
        ) as replaced_prices
    from stg_raw__order_lines
    left join int_order_lines_cleansed
        on
            stg_raw__order_lines.order_line_id
            = int_order_lines_cleansed.order_line_id
            and stg_raw__order_lines.updated_at = int_order_lines_cleansed.updated_at
    where stg_raw__order_lines.order_line_id is not null
    group by stg_raw__order_lines.order_line_id
),

duplicates as (
    select
        order_line_id,
        count(*) as duplicate_rows
    from int_order_lines_duplicates
    group by order_line_id
),

lines as (
    select
        fct_sales.order_id,
        cast(fct_sales.ordered_at as date) as metric_date,
        fct_sales.channel,
        cast(dim_stores.store_id as {{ dbt.type_string() }}) as store_id,
        dim_products.category,
        -- a quantity the cleansing layer flagged as an outlier (kept in the mart)
        -- is not counted: one mistyped line is not a spike in demand
        case when not fct_sales.is_quantity_outlier then fct_sales.quantity end
            as quantity,
        case when not fct_sales.is_quantity_outlier then fct_sales.net_amount end
            as net_amount,
        fct_sales.unit_price,
        fct_sales.is_returned,
        coalesce(loaded.loaded_rows, 1) as loaded_rows,
        coalesce(loaded.null_prices, 0) as null_prices,
        coalesce(loaded.replaced_prices, 0) as replaced_prices,
        coalesce(duplicates.duplicate_rows, 0) as duplicate_rows
    from fct_sales
    left join dim_stores on fct_sales.store_key = dim_stores.store_key
    left join dim_products on fct_sales.product_key = dim_products.product_key
    left join loaded on fct_sales.order_line_id = loaded.order_line_id
    left join duplicates on fct_sales.order_line_id = duplicates.order_line_id
),

aggregated as (
    {%- for segment_type, column in [('all', none), ('channel', 'channel'),
        ('store', 'store_id'), ('category', 'category')] %}
        select
            metric_date,
            '{{ segment_type }}' as segment_type,
            {{ column if column else "'all'" }} as segment_id,
            count(distinct order_id) as orders,
            sum(quantity) as units,
            sum(net_amount) as revenue,
            sum(unit_price) as price_total,
            count(*) as order_lines,
            sum(case when is_returned then 1 else 0 end) as returned_lines,
            sum(loaded_rows) as loaded_rows,
            sum(duplicate_rows) as duplicate_rows,
            sum(null_prices) as null_prices,
            sum(replaced_prices) as replaced_prices
        from lines
        where metric_date is not null
        group by metric_date{{ ', ' ~ column if column }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

segments as (
    select
        segment_type,
        segment_id,
        min(metric_date) as first_date
    from aggregated
    where segment_id is not null
    group by segment_type, segment_id
),

last_day as (
    select max(metric_date) as last_date from aggregated
),

-- every day of the history for every segment, zeros where nothing happened
spine as (
    select
        segments.segment_type,
        segments.segment_id,
        dim_dates.calendar_date as metric_date
    from segments
    cross join last_day
    inner join dim_dates
        on
            segments.first_date <= dim_dates.calendar_date
            and last_day.last_date >= dim_dates.calendar_date
),

filled as (
    select
        spine.metric_date,
        spine.segment_type,
        spine.segment_id,
        aggregated.price_total,
        coalesce(aggregated.orders, 0) as orders,
        coalesce(aggregated.units, 0) as units,
        coalesce(aggregated.revenue, 0) as revenue,
        coalesce(aggregated.order_lines, 0) as order_lines,
        coalesce(aggregated.returned_lines, 0) as returned_lines,
        coalesce(aggregated.loaded_rows, 0) as loaded_rows,
        coalesce(aggregated.duplicate_rows, 0) as duplicate_rows,
        coalesce(aggregated.null_prices, 0) as null_prices,
        coalesce(aggregated.replaced_prices, 0) as replaced_prices
    from spine
    left join aggregated
        on
            spine.segment_type = aggregated.segment_type
            and spine.segment_id = aggregated.segment_id
            and spine.metric_date = aggregated.metric_date
),

final as (
    {%- for metric, (value, denominator) in metrics.items() %}
        select
            metric_date,
            segment_type,
            segment_id,
            '{{ metric }}' as metric,
            cast({{ value }} as double) as metric_value,
            cast({{ denominator }} as bigint) as denominator
        from filled
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select * from final
