{#- The order lines the statistical twins learn from: those of the sampled
    orders (int_orders_sampled). -#}
with

int_order_lines_cleansed as (
    select * from {{ ref('int_order_lines_cleansed') }}
),

int_orders_sampled as (
    select * from {{ ref('int_orders_sampled') }}
),

final as (
    select
        int_order_lines_cleansed.order_line_id,
        int_order_lines_cleansed.order_id,
        int_order_lines_cleansed.product_id,
        int_order_lines_cleansed.quantity,
        int_order_lines_cleansed.unit_price,
        int_order_lines_cleansed.discount_amount,
        int_order_lines_cleansed.is_returned
    from int_order_lines_cleansed
    semi join int_orders_sampled
        on int_order_lines_cleansed.order_id = int_orders_sampled.order_id
    order by int_order_lines_cleansed.order_line_id
)

select * from final
