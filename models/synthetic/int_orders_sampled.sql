{#- The orders the statistical twins learn from: those of the sampled
    customers (int_customers_sampled). While every customer is sampled, every
    order, those without a known customer included. -#}
with

int_orders_cleansed as (
    select * from {{ ref('int_orders_cleansed') }}
),

int_customers_sampled as (
    select * from {{ ref('int_customers_sampled') }}
),

int_customers_cleansed as (
    select * from {{ ref('int_customers_cleansed') }}
),

customer_counts as (
    select
        count(distinct int_customers_cleansed.customer_id) as customers,
        count(distinct int_customers_sampled.customer_id) as sampled_customers
    from int_customers_cleansed
    left join int_customers_sampled
        on int_customers_cleansed.customer_id = int_customers_sampled.customer_id
),

is_sampling as (
    select sampled_customers < customers as is_sampling
    from customer_counts
),

final as (
    select
        int_orders_cleansed.order_id,
        int_orders_cleansed.customer_id,
        int_orders_cleansed.channel,
        int_orders_cleansed.payment_method,
        int_orders_cleansed.order_date
    from int_orders_cleansed
    cross join is_sampling
    where
        not is_sampling.is_sampling
        or int_orders_cleansed.customer_id in (
            select int_customers_sampled.customer_id from int_customers_sampled
        )
    order by int_orders_cleansed.order_id
)

select * from final
