{#- One row per order line: duplicates collapsed, and
    - the unit price taken from the product's list price on the order date
      (what the tills charge) when missing, negative or more than 2x off it;
    - negative quantities sign-flipped; zero quantities nulled and flagged;
      quantities above var('max_line_quantity') flagged as outliers (kept);
    - discounts larger than the line's gross amount nulled and flagged;
    - the return date, when missing or unreadable on a returned line, taken from
      the line's last update (the source writes it when the return is booked);
    - references to products that do not exist re-pointed to the unknown member
      (-1) and flagged. -#}
with

stg_raw__order_lines as (
    select * from {{ ref('stg_raw__order_lines') }}
),

int_orders_cleansed as (
    select * from {{ ref('int_orders_cleansed') }}
),

int_products_cleansed as (
    select * from {{ ref('int_products_cleansed') }}
),

keyed as (
    {{ first_copy('stg_raw__order_lines', 'order_line_id') }}
),

price_history as (
    select
        product_id,
        list_price,
        updated_at as valid_from,
        lead(updated_at, 1, timestamp '9999-12-31') over (
            partition by product_id order by updated_at
        ) as valid_to
    from int_products_cleansed
),

known_products as (
    select distinct product_id from int_products_cleansed
),

priced as (
    select
        keyed.*,
        int_orders_cleansed.order_date,
        price_history.list_price as reference_price,
        known_products.product_id is null as is_product_unknown
    from keyed
    left join int_orders_cleansed on keyed.order_id = int_orders_cleansed.order_id
    left join known_products on keyed.product_id = known_products.product_id
    left join price_history
        on
            keyed.product_id = price_history.product_id
            and int_orders_cleansed.order_date >= price_history.valid_from::date
            and int_orders_cleansed.order_date < price_history.valid_to::date
),

repaired as (
    select
        order_line_id,
        order_id,
        line_number,
        discount_amount,
        is_returned,
        updated_at,
        is_product_unknown,
        case when is_product_unknown then -1 else product_id end as product_id,
        case when quantity != 0 then abs(quantity) end as quantity,
        case
            when
                reference_price is not null
                and (
                    unit_price is null
                    or abs(unit_price) > 2 * reference_price
                    or abs(unit_price) < reference_price / 2
                )
                then reference_price
            else abs(unit_price)
        end as unit_price,
        case
            when is_returned then coalesce(returned_date, updated_at::date)
        end as returned_date,
        coalesce(quantity = 0, false) as is_quantity_zero,
        coalesce(quantity < 0, false) as had_negative_quantity
    from priced
),

final as (
    select
        order_line_id,
        order_id,
        line_number,
        product_id,
        quantity,
        unit_price,
        is_returned,
        returned_date,
        updated_at,
        is_product_unknown,
        is_quantity_zero,
        had_negative_quantity,
        case
            when
                discount_amount <= unit_price * coalesce(quantity, 1)
                and discount_amount >= 0
                then discount_amount
        end as discount_amount,
        coalesce(quantity > {{ var('max_line_quantity') }}, false)
            as is_quantity_outlier,
        coalesce(
            discount_amount > unit_price * coalesce(quantity, 1) or discount_amount < 0,
            false
        ) as is_discount_invalid
    from repaired
)

select * from final
