{#- One row per customer version (SCD type 2: a new version when the customer moves
    or changes loyalty tier), plus the unknown member. Built from the cleansed CDC
    versions in one pass:
    each version is valid from its version time until the next (see scd2_validity). -#}
{{ scd2_dimension(
    ref('int_customers_cleansed'),
    'customer_id',
    [
        ["first_name", "varchar", "'Unknown'"],
        ["last_name", "varchar", "'Unknown'"],
        ["email", "varchar", "null"],
        ["phone", "varchar", "null"],
        ["date_of_birth", "date", "null"],
        ["gender", "varchar", "null"],
        ["street_address", "varchar", "null"],
        ["city", "varchar", "'Unknown'"],
        ["state", "varchar", "'Unknown'"],
        ["postal_code", "varchar", "null"],
        ["country", "varchar", "'Unknown'"],
        ["signup_date", "date", "null"],
        ["loyalty_tier", "varchar", "'Unknown'"],
        ["is_marketing_opt_in", "boolean", "false"],
    ]
) }}
