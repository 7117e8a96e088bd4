{#- One row per customer version (SCD type 2: a new version when the customer moves
    or changes loyalty tier), plus the unknown member. Built from the cleansed CDC
    versions in one pass:
    each version is valid from its version time until the next (see scd2_validity). -#}
{{ scd2_dimension(
    ref('int_customers_cleansed'),
    'customer_id',
    [
        ["first_name", "string", "'Unknown'"],
        ["last_name", "string", "'Unknown'"],
        ["email", "string", "null"],
        ["phone", "string", "null"],
        ["date_of_birth", "date", "null"],
        ["gender", "string", "null"],
        ["street_address", "string", "null"],
        ["city", "string", "'Unknown'"],
        ["state", "string", "'Unknown'"],
        ["postal_code", "string", "null"],
        ["country", "string", "'Unknown'"],
        ["signup_date", "date", "null"],
        ["loyalty_tier", "string", "'Unknown'"],
        ["is_marketing_opt_in", "boolean", "false"],
    ]
) }}
