{{ config(enabled=target.type == 'duckdb') }}
{#- Business rules of the linked twin: every synthetic order falls within the
    real orders' date range and on or after its customer's signup, and every
    order holds exactly the number of lines it says. Returns the orders that
    break one. -#}
with

syn_orders as (
    select * from {{ ref('syn_orders') }}
),

syn_customers as (
    select * from {{ ref('syn_customers') }}
),

syn_order_lines as (
    select * from {{ ref('syn_order_lines') }}
),

int_orders_cleansed as (
    select * from {{ ref('int_orders_cleansed') }}
),

bounds as (
    select
        min(order_date) as first_day,
        max(order_date) as last_day
    from int_orders_cleansed
),

line_counts as (
    select
        order_id,
        count(*) as line_count
    from syn_order_lines
    group by order_id
),

final as (
    select
        syn_orders.order_id,
        syn_orders.order_date,
        syn_customers.signup_date,
        syn_orders.lines,
        line_counts.line_count
    from syn_orders
    cross join bounds
    left join syn_customers on syn_orders.customer_id = syn_customers.customer_id
    left join line_counts on syn_orders.order_id = line_counts.order_id
    where
        syn_orders.order_date < bounds.first_day
        or syn_orders.order_date > bounds.last_day
        or syn_orders.order_date < syn_customers.signup_date
        or syn_orders.lines != coalesce(line_counts.line_count, 0)
)

select * from final
