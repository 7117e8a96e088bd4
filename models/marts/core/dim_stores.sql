{#- One row per store version (SCD type 2, though stores have not changed so far),
    plus the unknown member. Built from the cleansed CDC versions in one pass:
    each version is valid from its version time until the next (see scd2_validity). -#}
{{ scd2_dimension(
    ref('int_stores_cleansed'),
    'store_id',
    [
        ["store_name", "string", "'Unknown'"],
        ["channel", "string", "'Unknown'"],
        ["street_address", "string", "null"],
        ["city", "string", "'Unknown'"],
        ["state", "string", "'Unknown'"],
        ["postal_code", "string", "null"],
        ["country", "string", "'Unknown'"],
        ["region", "string", "'Unknown'"],
        ["opened_date", "date", "null"],
        ["size_sqm", "bigint", "null"],
    ]
) }}
