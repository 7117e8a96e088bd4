{#- Applies every anonymization macro to the example texts (as text, as a
    number for ages, as a date for birth dates), so the macros can be
    unit-tested. The keyed macros (hash_pii, add_phone_noise) give different
    values under every key, so beside their values the harness shows
    properties that hold under any key, which the unit tests check; pytest
    test_pii_key.py checks the values themselves against Python's HMAC and MD5
    under the key in use. -#}
with

cleansing_macro_examples as (
    select * from {{ ref('cleansing_macro_examples') }}
),

applied as (
    select
        example_id,
        input_text,
        {{ redact_email('input_text') }} as redact_email,
        {{ generalize_age('try_cast(input_text as integer)') }} as generalize_age,
        {{ generalize_age_from_birth_date(
            'try_cast(input_text as date)', "date '2025-12-31'") }}
            as generalize_age_from_birth_date,
        {{ add_phone_noise('input_text', 'example_id') }} as add_phone_noise,
        {{ hash_pii('input_text') }} as hash_pii,
        {{ generalize_postal_code('input_text') }} as generalize_postal_code,
        {{ generalize_date('try_cast(input_text as date)', 'month') }}
            as generalize_date_month,
        {{ generalize_date('try_cast(input_text as date)', 'year') }}
            as generalize_date_year,
        {{ generalize_amount('try_cast(input_text as decimal(18, 2))', 10000) }}
            as generalize_amount,
        {{ scrub_text('input_text') }} as scrub_text
    from cleansing_macro_examples
),

final as (
    select
        *,
        {{ full_match('hash_pii', '[0-9a-f]{64}') }} as hash_pii_is_hex_64,
        case
            when hash_pii is not null
                then min(example_id) over (partition by hash_pii)
        end as hash_pii_first_equal_example,
        left(add_phone_noise, length(add_phone_noise) - 10)
            as add_phone_noise_prefix,
        (
            try_cast(right(add_phone_noise, 10) as bigint)
            - try_cast(right(input_text, 10) as bigint)
            + 10000000000
        ) % 10000000000 between 10000 and 99999
            as add_phone_noise_offset_in_range
    from applied
)

select * from final
