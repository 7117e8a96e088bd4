{#- One row per product (SKU) version (SCD type 2: a new version when the list price
    changes), plus the unknown member. Built from the cleansed CDC versions in one
    pass:
    each version is valid from its version time until the next (see scd2_validity). -#}
{{ scd2_dimension(
    ref('int_products_cleansed'),
    'product_id',
    [
        ["sku", "string", "'UNKNOWN'"],
        ["product_name", "string", "'Unknown'"],
        ["brand", "string", "'Unknown'"],
        ["category", "string", "'Unknown'"],
        ["size", "string", "'Unknown'"],
        ["colour", "string", "'Unknown'"],
        ["material", "string", "'Unknown'"],
        ["season", "string", "'Unknown'"],
        ["cost", "decimal(18, 2)", "null"],
        ["list_price", "decimal(18, 2)", "null"],
        ["seller_id", "bigint", "-1"],
        ["launch_date", "date", "null"],
    ]
) }}
