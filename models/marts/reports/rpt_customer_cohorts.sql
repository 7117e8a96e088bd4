{#- One row per signup cohort (month of the first order) and months since it:
    customers active, their orders and net sales, and the share of the cohort
    still buying (retention). The cohort's repeat rate is the share of its
    customers with two orders or more. -#}
with

fct_sales as (
    select * from {{ ref('fct_sales') }}
),

dim_customers as (
    select * from {{ ref('dim_customers') }}
),

dim_dates as (
    select * from {{ ref('dim_dates') }}
),

orders as (
    select
        dim_customers.customer_id,
        fct_sales.order_id,
        min(dim_dates.calendar_date) as order_date,
        sum(fct_sales.net_amount) as net_amount
    from fct_sales
    inner join dim_customers on fct_sales.customer_key = dim_customers.customer_key
    inner join dim_dates on fct_sales.order_date_key = dim_dates.date_key
    where dim_customers.customer_id != -1
    group by 1, 2
),

customers as (
    select
        customer_id,
        cast(date_trunc('month', min(order_date)) as date) as cohort_month,
        count(*) as lifetime_orders
    from orders
    group by 1
),

cohorts as (
    select
        cohort_month,
        count(*) as cohort_customers,
        avg(case when lifetime_orders >= 2 then 1.0 else 0.0 end) as repeat_rate
    from customers
    group by 1
),

activity as (
    select
        customers.cohort_month,
        -- month boundaries crossed (DuckDB's date_diff('month', ...)), in
        -- arithmetic every engine reads alike
        (year(orders.order_date) - year(customers.cohort_month)) * 12
        + month(orders.order_date) - month(customers.cohort_month)
            as months_since_first_order,
        count(distinct orders.customer_id) as active_customers,
        count(*) as orders,
        sum(orders.net_amount) as net_amount
    from orders
    inner join customers on orders.customer_id = customers.customer_id
    group by 1, 2
),

final as (
    select
        activity.cohort_month,
        activity.months_since_first_order,
        cohorts.cohort_customers,
        activity.active_customers,
        activity.orders,
        activity.net_amount,
        cohorts.repeat_rate,
        activity.active_customers / cohorts.cohort_customers as retention_rate
    from activity
    inner join cohorts on activity.cohort_month = cohorts.cohort_month
)

select * from final
