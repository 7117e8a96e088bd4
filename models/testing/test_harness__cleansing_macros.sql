{#- Applies every cleansing macro (and the repair macro proper_case) to one
    text column, so that the macros can be
    unit-tested (dbt unit tests run on models) and inspected on examples. -#}
with

cleansing_macro_examples as (
    select * from {{ ref('cleansing_macro_examples') }}
),

final as (
    select
        cleansing_macro_examples.example_id,
        cleansing_macro_examples.input_text,
        {{ clean_text('cleansing_macro_examples.input_text') }} as clean_text,
        {{ standardize_email('cleansing_macro_examples.input_text') }}
            as standardize_email,
        {{ standardize_phone('cleansing_macro_examples.input_text') }}
            as standardize_phone,
        {{ standardize_phone(
            'cleansing_macro_examples.input_text', default_region='GB'
        ) }} as standardize_phone_gb,
        {{ standardize_phone(
            'cleansing_macro_examples.input_text', default_region='IT'
        ) }} as standardize_phone_it,
        {{ standardize_phone(
            'cleansing_macro_examples.input_text', default_region='BR'
        ) }} as standardize_phone_br,
        {{ standardize_phone(
            'cleansing_macro_examples.input_text', default_region='JP'
        ) }} as standardize_phone_jp,
        {{ standardize_phone(parse_integer('cleansing_macro_examples.input_text')) }}
            as standardize_phone_number,
        {{ parse_date('cleansing_macro_examples.input_text') }} as parse_date,
        {{ parse_date('cleansing_macro_examples.input_text', order='dmy') }}
            as parse_date_dmy,
        {{ parse_date('cleansing_macro_examples.input_text', order='ymd') }}
            as parse_date_ymd,
        {{ parse_timestamp('cleansing_macro_examples.input_text') }}
            as parse_timestamp,
        {{ parse_timestamp('cleansing_macro_examples.input_text', order='dmy') }}
            as parse_timestamp_dmy,
        {{ parse_amount('cleansing_macro_examples.input_text') }} as parse_amount,
        {{ parse_amount('cleansing_macro_examples.input_text', decimal_separator=',') }}
            as parse_amount_eu,
        {{ parse_amount('try_cast(cleansing_macro_examples.input_text as double)') }}
            as parse_amount_of_double,
        {{ parse_amount(
            'try_cast(cleansing_macro_examples.input_text as decimal(20, 4))'
        ) }} as parse_amount_of_decimal,
        {{ parse_amount('length(cleansing_macro_examples.input_text)') }}
            as parse_amount_of_integer,
        {{ parse_currency('cleansing_macro_examples.input_text') }} as parse_currency,
        {{ parse_integer('cleansing_macro_examples.input_text') }} as parse_integer,
        {{ parse_id('cleansing_macro_examples.input_text') }} as parse_id,
        {{ canonicalize('cleansing_macro_examples.input_text', 'product_category') }}
            as canonical_category,
        {{ canonicalize('cleansing_macro_examples.input_text', 'size') }}
            as canonical_size,
        {{ canonicalize('cleansing_macro_examples.input_text', 'colour') }}
            as canonical_colour,
        {{ canonicalize('cleansing_macro_examples.input_text', 'country') }}
            as canonical_country,
        {{ canonicalize('cleansing_macro_examples.input_text', 'us_state') }}
            as canonical_state,
        {{ proper_case('cleansing_macro_examples.input_text') }} as proper_case
    from cleansing_macro_examples
)

select * from final
