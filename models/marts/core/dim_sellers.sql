{#- One row per seller version (SCD type 2: a new version when the commission is
    renegotiated), plus the unknown member. Built from the cleansed CDC versions in
    one pass:
    each version is valid from its version time until the next (see scd2_validity). -#}
{{ scd2_dimension(
    ref('int_sellers_cleansed'),
    'seller_id',
    [
        ["company_name", "varchar", "'Unknown'"],
        ["brand_name", "varchar", "'Unknown'"],
        ["contact_first_name", "varchar", "null"],
        ["contact_last_name", "varchar", "null"],
        ["contact_email", "varchar", "null"],
        ["contact_phone", "varchar", "null"],
        ["country", "varchar", "'Unknown'"],
        ["brand_tier", "varchar", "'Unknown'"],
        ["onboarded_date", "date", "null"],
        ["commission_rate", "decimal(7, 3)", "null"],
    ]
) }}
