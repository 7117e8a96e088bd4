{#- One row per seller version (SCD type 2: a new version when the commission is
    renegotiated), plus the unknown member. Built from the cleansed CDC versions in
    one pass:
    each version is valid from its version time until the next (see scd2_validity). -#}
{{ scd2_dimension(
    ref('int_sellers_cleansed'),
    'seller_id',
    [
        ["company_name", "string", "'Unknown'"],
        ["brand_name", "string", "'Unknown'"],
        ["contact_first_name", "string", "null"],
        ["contact_last_name", "string", "null"],
        ["contact_email", "string", "null"],
        ["contact_phone", "string", "null"],
        ["country", "string", "'Unknown'"],
        ["brand_tier", "string", "'Unknown'"],
        ["onboarded_date", "date", "null"],
        ["commission_rate", "decimal(7, 3)", "null"],
    ]
) }}
