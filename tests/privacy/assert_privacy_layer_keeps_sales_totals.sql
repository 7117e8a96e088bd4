{#- Utility: revenue (net sales), units and margin by month, store and
    category are the same in the privacy layer as in the marts, to the cent.
    Returns every (month, store, category) total that differs, from either side. -#}
{%- set sides = {
    'warehouse': [ref('fct_sales'), ref('dim_dates'), ref('dim_stores'), ref('dim_products')],
    'privacy': [ref('privacy_fct_sales'), ref('privacy_dim_dates'),
        ref('privacy_dim_stores'), ref('privacy_dim_products')]
} %}
with
{% for side, relations in sides.items() %}
    {{ side }} as (
        select
            dates.calendar_year,
            dates.month_number,
            stores.store_id,
            products.category,
            sum(sales.net_amount) as revenue,
            sum(sales.quantity) as units,
            sum(sales.margin_amount) as margin,
            count(*) as order_lines
        from {{ relations[0] }} as sales
        left join {{ relations[1] }} as dates on sales.order_date_key = dates.date_key
        left join {{ relations[2] }} as stores on sales.store_key = stores.store_key
        left join
            {{ relations[3] }} as products
            on sales.product_key = products.product_key
        group by 1, 2, 3, 4
    ),
{% endfor %}
only_in_warehouse as (
    select * from warehouse
    except
    select * from privacy
),

only_in_privacy as (
    select * from privacy
    except
    select * from warehouse
),

final as (
    select
        'only in the marts' as side,
        *
    from only_in_warehouse
    union all
    select
        'only in the privacy layer' as side,
        *
    from only_in_privacy
)

select * from final
