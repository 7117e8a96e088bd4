{#- One row per employee, store and fiscal year of in-store sales credited to
    them (online sales have no employee and are left out): orders, sales per
    order, margin and returns, and the rank within their store that year. -#}
with

fct_sales as (
    select * from {{ ref('fct_sales') }}
),

dim_employees as (
    select * from {{ ref('dim_employees') }}
),

dim_stores as (
    select * from {{ ref('dim_stores') }}
),

dim_dates as (
    select * from {{ ref('dim_dates') }}
),

by_employee as (
    select
        dim_employees.employee_id,
        dim_employees.job_title,
        dim_stores.store_id,
        dim_stores.store_name,
        dim_dates.fiscal_year,
        count(distinct fct_sales.order_id) as orders,
        sum(fct_sales.quantity)::bigint as units,
        sum(fct_sales.net_amount) as net_amount,
        sum(fct_sales.margin_amount) as margin_amount,
        sum(fct_sales.returned_amount) as returned_amount
    from fct_sales
    inner join dim_employees on fct_sales.employee_key = dim_employees.employee_key
    inner join dim_stores on fct_sales.store_key = dim_stores.store_key
    inner join dim_dates on fct_sales.order_date_key = dim_dates.date_key
    where dim_employees.employee_id != -1
    group by 1, 2, 3, 4, 5
),

final as (
    select
        *,
        net_amount / nullif(orders, 0) as net_amount_per_order,
        -- ties broken by id: one rank per row, so store, year and rank are a
        -- key even where the employee is withheld (the privacy layer)
        row_number() over (
            partition by store_id, fiscal_year
            order by net_amount desc, employee_id asc, job_title asc
        ) as rank_in_store
    from by_employee
)

select * from final
