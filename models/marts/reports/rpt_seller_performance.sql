{#- One row per seller and fiscal year: sales of the seller's products, the
    margin they left, the commission the retailer keeps at the seller's current
    rate, and returns. -#}
with

fct_sales as (
    select * from {{ ref('fct_sales') }}
),

dim_sellers as (
    select * from {{ ref('dim_sellers') }}
),

dim_dates as (
    select * from {{ ref('dim_dates') }}
),

final as (
    select
        dim_sellers.seller_id,
        dim_sellers.brand_name,
        dim_sellers.brand_tier,
        dim_sellers.country,
        dim_dates.fiscal_year,
        count(*) as order_lines,
        sum(fct_sales.quantity)::bigint as units,
        sum(fct_sales.net_amount) as net_amount,
        sum(fct_sales.margin_amount) as margin_amount,
        sum(fct_sales.net_amount * dim_sellers.commission_rate) as commission_amount,
        sum(fct_sales.returned_amount) / nullif(sum(fct_sales.net_amount), 0)
            as return_rate
    from fct_sales
    inner join dim_sellers on fct_sales.seller_key = dim_sellers.seller_key
    inner join dim_dates on fct_sales.order_date_key = dim_dates.date_key
    group by 1, 2, 3, 4, 5
)

select * from final
