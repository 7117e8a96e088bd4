{#- Applies plausible_time to the examples read as a timestamp and as a date,
    in both scopes, so that it can be unit-tested against a given as-of date
    (the generation manifest's end date). Apart from the cleansing harness:
    only this one reads the manifest. -#}
with

cleansing_macro_examples as (
    select * from {{ ref('cleansing_macro_examples') }}
),

parsed as (
    select
        example_id,
        input_text,
        {{ parse_timestamp('input_text') }} as parsed_at,
        {{ parse_date('input_text') }} as parsed_date
    from cleansing_macro_examples
),

final as (
    select
        example_id,
        input_text,
        {{ plausible_time('parsed_at') }} as plausible_at,
        {{ plausible_time('parsed_date') }} as plausible_date,
        {{ plausible_time('parsed_date', 'calendar') }} as plausible_calendar_date
    from parsed
)

select * from final
