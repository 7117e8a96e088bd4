{#- Applies every anonymization macro to the example texts (as text, as a
    number for ages, as a date for birth dates), so the macros can be
    unit-tested. -#}
with

cleansing_macro_examples as (
    select * from {{ ref('cleansing_macro_examples') }}
),

final as (
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
)

select * from final
