{#- Applies the parsers to values that are not text: the examples cast to a
    bigint, a double, a decimal, a date, a timestamp and a timestamp with a
    zone, so that unit tests show each macro reads a typed argument as the
    value it is. -#}
with

cleansing_macro_examples as (
    select * from {{ ref('cleansing_macro_examples') }}
),

typed as (
    select
        example_id,
        input_text,
        -- whole numbers only: engines round '2.5' differently
        try_cast(
            case when {{ full_match('input_text', '-?[0-9]+') }} then input_text end
            as bigint
        ) as as_bigint,
        try_cast(input_text as double) as as_double,
        try_cast(input_text as decimal(18, 4)) as as_decimal,
        try_cast(input_text as date) as as_date,
        try_cast(input_text as {{ dbt.type_timestamp() }}) as as_timestamp,
        try_cast(input_text as {{ type_timestamp_with_zone() }})
            as as_timestamp_with_zone
    from cleansing_macro_examples
),

final as (
    select
        example_id,
        input_text,
        {{ parse_integer('as_bigint') }} as integer_of_bigint,
        {{ parse_integer('as_double') }} as integer_of_double,
        {{ parse_integer('as_decimal') }} as integer_of_decimal,
        {{ parse_date('as_date') }} as date_of_date,
        {{ parse_date('as_timestamp') }} as date_of_timestamp,
        {{ parse_timestamp('as_date') }} as timestamp_of_date,
        {{ parse_timestamp('as_timestamp') }} as timestamp_of_timestamp,
        {{ parse_timestamp('as_timestamp_with_zone') }}
            as timestamp_of_timestamp_with_zone,
        {{ clean_text('as_double') }} as text_of_double
    from typed
)

select * from final
