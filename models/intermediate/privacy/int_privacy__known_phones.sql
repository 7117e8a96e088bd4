{#- The last ten digits of every phone number of a customer, employee or
    seller contact, once. The privacy layer withholds a noisy phone number that
    happens to land on one of them (add_phone_noise moves a number by up to
    99,999, and at 100,000 customers a few land on somebody else's real
    number). RESTRICTED: real numbers, never in the privacy database. -#}
with

stg_raw__customers as (
    select * from {{ ref('stg_raw__customers') }}
),

stg_raw__employees as (
    select * from {{ ref('stg_raw__employees') }}
),

stg_raw__sellers as (
    select * from {{ ref('stg_raw__sellers') }}
),

phones as (
    select phone from stg_raw__customers
    union all
    select phone from stg_raw__employees
    union all
    select contact_phone from stg_raw__sellers
),

final as (
    select distinct {{ last_ten_digits('phone') }} as phone_digits
    from phones
    where length({{ last_ten_digits('phone') }}) = 10
)

select * from final
