with

source as (
    select * from {{ raw_source('products') }}
),

parsed as (
    select
        {{ parse_id('product_id') }} as product_id,
        {{ clean_text('sku') }} as sku,
        {{ clean_text('product_name') }} as product_name,
        {{ clean_text('brand') }} as brand,
        {{ canonicalize('category', 'product_category') }} as category,
        {{ canonicalize('size', 'size') }} as size,
        {{ canonicalize('colour', 'colour') }} as colour,
        {{ canonicalize('material', 'material') }} as material,
        {{ clean_text('season') }} as season,
        {{ parse_amount('cost') }} as cost,
        {{ parse_amount('list_price') }} as list_price,
        {{ parse_id('seller_id') }} as seller_id,
        {{ parse_date('launch_date') }} as launch_date,
        {{ parse_timestamp('updated_at') }} as updated_at,
        product_id as raw_product_id,
        updated_at as raw_updated_at,
        category as raw_category,
        size as raw_size,
        colour as raw_colour,
        material as raw_material,
        cost as raw_cost,
        list_price as raw_list_price,
        seller_id as raw_seller_id,
        launch_date as raw_launch_date
    from source
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
        cost,
        list_price,
        seller_id,
        {{ plausible_time('launch_date') }} as launch_date,
        {{ plausible_time('updated_at') }} as updated_at,
        raw_product_id,
        raw_updated_at,
        {{ is_unparseable('raw_category', 'category') }} as is_category_unmapped,
        {{ is_unparseable('raw_size', 'size') }} as is_size_unmapped,
        {{ is_unparseable('raw_colour', 'colour') }} as is_colour_unmapped,
        {{ is_unparseable('raw_material', 'material') }} as is_material_unmapped,
        {{ is_unparseable('raw_cost', 'cost') }} as is_cost_invalid,
        {{ is_unparseable('raw_list_price', 'list_price') }} as is_list_price_invalid,
        coalesce(list_price < 0 or cost < 0, false) as has_negative_amount,
        {{ is_unparseable('raw_seller_id', 'seller_id') }} as is_seller_id_invalid,
        {{ is_unparseable('raw_launch_date', plausible_time('launch_date')) }}
            as is_launch_date_invalid
    from parsed
)

select * from final
