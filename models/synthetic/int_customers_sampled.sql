{#- The customers the statistical twins learn from, every version of each, with
    the columns the twins model (no names, e-mails, phones or addresses): all
    of them up to var('synthetic_max_customers'), beyond it a sample of that
    many, drawn by a hash of the id and var('synthetic_seed') (the same sample
    on every build). Sampling customers, then their orders and lines, keeps
    the twins' links whole: every sampled order's customer is sampled too. -#}
with

int_customers_cleansed as (
    select * from {{ ref('int_customers_cleansed') }}
),

customer_ids as (
    select distinct customer_id from int_customers_cleansed
),

sampled as (
    select customer_id
    from customer_ids
    order by hash(customer_id, {{ var('synthetic_seed', 42) }}), customer_id
    limit {{ var('synthetic_max_customers') }}
),

final as (
    select
        int_customers_cleansed.customer_id,
        int_customers_cleansed.gender,
        int_customers_cleansed.date_of_birth,
        int_customers_cleansed.state,
        int_customers_cleansed.country,
        int_customers_cleansed.signup_date,
        int_customers_cleansed.loyalty_tier,
        int_customers_cleansed.is_marketing_opt_in,
        int_customers_cleansed.updated_at
    from int_customers_cleansed
    semi join sampled
        on int_customers_cleansed.customer_id = sampled.customer_id
    order by int_customers_cleansed.customer_id, int_customers_cleansed.updated_at
)

select * from final
