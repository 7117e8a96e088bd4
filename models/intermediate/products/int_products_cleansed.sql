{#- One row per product version (product_id, updated_at): exact duplicates
    collapsed, spelling noise undone, and gaps filled from the rows that know:
    - attributes that never change (name, brand, category, size, colour,
      material, season, cost, seller, launch date) from the product's other
      versions, then from its style siblings (the other sizes of the same style,
      which share all but the size);
    - the size from the SKU's size code, the season written in capitals;
    - the list price from the style's siblings priced the same day (all sizes of
      a style are priced together) when missing, negative (sign flipped first)
      or more than 3x off the siblings' price (an outlier), and the cost likewise;
      a product with no such siblings takes the price its order lines were
      charged most often while the version was current (tills charge the list
      price).
    Seller references that match no seller point to the unknown member (-1). -#}
with

stg_raw__products as (
    select * from {{ ref('stg_raw__products') }}
),

stg_raw__sellers as (
    select * from {{ ref('stg_raw__sellers') }}
),

stg_raw__order_lines as (
    select * from {{ ref('stg_raw__order_lines') }}
),

stg_raw__orders as (
    select * from {{ ref('stg_raw__orders') }}
),

keyed as (
    {{ first_copy('stg_raw__products', 'product_id') }}
),

single as (
    select
        product_id,
        sku,
        product_name,
        brand,
        category,
        size,
        colour,
        material,
        seller_id,
        launch_date,
        updated_at,
        has_negative_amount,
        upper(season) as season,
        abs(cost) as cost,
        abs(list_price) as list_price,
        regexp_extract(sku, '^(.*)-[^-]+$', 1) as style_code,
        regexp_extract(sku, '-([^-]+)$', 1) as size_code
    from keyed
),

spelled as (
    select
        {{ star_except('single', ['product_name', 'brand']) }},
        {{ restore_spelling('product_name', 'single') }} as product_name,
        {{ restore_spelling('brand', 'single') }} as brand
    from single
),

own_versions as (
    select
        spelled.*,
        {%- for column in ['sku', 'product_name', 'brand', 'category', 'size', 'colour',
                           'material', 'season', 'cost', 'seller_id', 'launch_date'] %}
            {{ first_non_null(column) }} over all_versions as version_{{ column }},
        {%- endfor %}
        spelled.updated_at::date as priced_on
    from spelled
    window all_versions as (
        partition by product_id order by updated_at
        rows between unbounded preceding and unbounded following
    )
),

styles as (
    select
        {%- for column in ['product_name', 'brand', 'category', 'colour', 'material',
                           'season', 'cost', 'seller_id', 'launch_date'] %}
            mode({{ column }}) as style_{{ column }},
        {%- endfor %}
        style_code
    from spelled
    where style_code is not null
    group by style_code
),

style_prices as (
    select
        style_code,
        updated_at::date as priced_on,
        mode(list_price) as style_list_price
    from spelled
    where style_code is not null and list_price is not null
    group by style_code, updated_at::date
),

size_codes as (
    select
        size_code,
        mode(size) as code_size
    from spelled
    where size_code is not null and size is not null
    group by size_code
),

version_windows as (
    select
        product_id,
        updated_at,
        updated_at::date as valid_from,
        lead(updated_at::date, 1, date '9999-12-31') over (
            partition by product_id order by updated_at
        ) as valid_to
    from spelled
),

sales_prices as (
    select
        version_windows.product_id,
        version_windows.updated_at,
        mode(stg_raw__order_lines.unit_price) as charged_price
    from version_windows
    inner join stg_raw__order_lines
        on version_windows.product_id = stg_raw__order_lines.product_id
    inner join stg_raw__orders
        on
            stg_raw__order_lines.order_id = stg_raw__orders.order_id
            and version_windows.valid_from <= stg_raw__orders.order_date
            and version_windows.valid_to > stg_raw__orders.order_date
    where stg_raw__order_lines.unit_price > 0
    group by version_windows.product_id, version_windows.updated_at
),

known_sellers as (
    select distinct seller_id from stg_raw__sellers
    where seller_id is not null
),

filled as (
    select
        own_versions.product_id,
        own_versions.updated_at,
        own_versions.list_price,
        own_versions.has_negative_amount,
        styles.style_cost,
        style_prices.style_list_price,
        sales_prices.charged_price,
        coalesce(own_versions.cost, own_versions.version_cost) as cost,
        coalesce(own_versions.sku, own_versions.version_sku) as sku,
        coalesce(
            own_versions.product_name,
            own_versions.version_product_name,
            styles.style_product_name
        ) as product_name,
        coalesce(own_versions.brand, own_versions.version_brand, styles.style_brand)
            as brand,
        coalesce(
            own_versions.category, own_versions.version_category, styles.style_category
        ) as category,
        coalesce(own_versions.size, own_versions.version_size, size_codes.code_size)
            as size,
        coalesce(own_versions.colour, own_versions.version_colour, styles.style_colour)
            as colour,
        coalesce(
            own_versions.material, own_versions.version_material, styles.style_material
        ) as material,
        coalesce(own_versions.season, own_versions.version_season, styles.style_season)
            as season,
        coalesce(
            own_versions.seller_id,
            own_versions.version_seller_id,
            styles.style_seller_id
        ) as seller_id,
        coalesce(
            own_versions.launch_date,
            own_versions.version_launch_date,
            styles.style_launch_date
        ) as launch_date
    from own_versions
    left join styles on own_versions.style_code = styles.style_code
    left join style_prices
        on
            own_versions.style_code = style_prices.style_code
            and own_versions.priced_on = style_prices.priced_on
    left join size_codes on own_versions.size_code = size_codes.size_code
    left join sales_prices
        on
            own_versions.product_id = sales_prices.product_id
            and own_versions.updated_at = sales_prices.updated_at
),

checked as (
    select
        filled.*,
        coalesce(
            filled.cost > 3 * filled.style_cost or filled.cost < filled.style_cost / 3,
            false
        ) as is_cost_outlier,
        coalesce(
            filled.list_price > 3 * filled.style_list_price
            or filled.list_price < filled.style_list_price / 3,
            false
        ) as is_list_price_outlier,
        known_sellers.seller_id is null and filled.seller_id is not null
            as is_seller_unknown
    from filled
    left join known_sellers on filled.seller_id = known_sellers.seller_id
),

final as (
    select
        product_id,
        sku,
        product_name,
        brand,
        category,
        size,
        colour,
        material,
        season,
        launch_date,
        updated_at,
        is_list_price_outlier,
        is_seller_unknown,
        has_negative_amount as had_negative_amount,
        case
            when cost is null or is_cost_outlier then coalesce(style_cost, cost)
            else cost
        end as cost,
        case
            when list_price is null or is_list_price_outlier
                then coalesce(style_list_price, list_price, charged_price)
            else list_price
        end as list_price,
        case when is_seller_unknown then -1 else seller_id end as seller_id
    from checked
)

select * from final
