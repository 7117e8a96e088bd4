{#- Applies the privacy layer's release operations (pseudonymize,
    substitute_phone, email_domain) to the example texts, with shapes and
    properties that hold for any PII key, so that their dbt unit tests pass
    whatever key the build uses (their values, which depend on the key, are
    checked against Python's HMAC by pytest). -#}
with

cleansing_macro_examples as (
    select * from {{ ref('cleansing_macro_examples') }}
),

country_calling_codes as (
    select * from {{ ref('country_calling_codes') }}
),

released as (
    select
        example_id,
        input_text,
        {{ pseudonymize('try_cast(input_text as bigint)') }} as pseudonym,
        {{ substitute_phone('input_text') }} as substitute_phone,
        {{ email_domain('input_text') }} as email_domain
    from cleansing_macro_examples
),

calling_codes as (
    select calling_code from country_calling_codes
),

final as (
    select
        released.example_id,
        released.input_text,
        released.pseudonym,
        left(released.pseudonym, 5)
        || {{ replace_all('substr(released.pseudonym, 6)', '[0-9a-f]', 'h') }}
            as pseudonym_shape,
        count(*) over (partition by released.pseudonym) = 1 as is_pseudonym_unique,
        released.substitute_phone,
        {{ replace_all('released.substitute_phone', '[0-9]', 'd') }}
            as substitute_phone_shape,
        case
            {%- for width in [1, 2, 3] %}
                when
                    substr(released.substitute_phone, 2, {{ width }})
                    in (select calling_codes.calling_code from calling_codes)
                    then substr(released.substitute_phone, 2, {{ width }})
            {%- endfor %}
        end as substitute_phone_calling_code,
        {{ full_match('released.substitute_phone',
            '\\+1[2-9][0-8][0-9][2-9][0-9]{6}') }}
        and substr(released.substitute_phone, 4, 2) != '11'
        and substr(released.substitute_phone, 7, 2) != '11'
            as is_substitute_phone_nanp,
        released.substitute_phone = released.input_text
            as is_substitute_phone_the_input,
        released.email_domain
    from released
)

select * from final
