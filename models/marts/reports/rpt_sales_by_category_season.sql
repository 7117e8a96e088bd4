{#- One row per fiscal year, fashion season (of the sale date), product category
    and collection season of the product: what sold, at what margin, and how
    much came back. -#}
with

fct_sales as (
    select * from {{ ref('fct_sales') }}
),

dim_products as (
    select * from {{ ref('dim_products') }}
),

dim_dates as (
    select * from {{ ref('dim_dates') }}
),

final as (
    select
        dim_dates.fiscal_year,
        dim_dates.fashion_season as sales_season,
        dim_products.category,
        dim_products.season as collection,
        count(*) as order_lines,
        sum(fct_sales.quantity)::bigint as units,
        sum(fct_sales.gross_amount) as gross_amount,
        sum(fct_sales.discount_amount) as discount_amount,
        sum(fct_sales.net_amount) as net_amount,
        sum(fct_sales.margin_amount) as margin_amount,
        sum(fct_sales.margin_amount) / nullif(sum(fct_sales.net_amount), 0)
            as margin_rate,
        sum(fct_sales.discount_amount) / nullif(sum(fct_sales.gross_amount), 0)
            as discount_rate,
        sum(fct_sales.returned_amount) / nullif(sum(fct_sales.net_amount), 0)
            as return_rate
    from fct_sales
    inner join dim_products on fct_sales.product_key = dim_products.product_key
    inner join dim_dates on fct_sales.order_date_key = dim_dates.date_key
    group by 1, 2, 3, 4
)

select * from final
