{#- One row per calendar day from var('calendar_start') to var('calendar_end').
    Fiscal calendar: the US retail convention of a fiscal year starting on
    1 February, named after the calendar year it starts in (FY2024 runs from
    2024-02-01 to 2025-01-31); periods are its months (February is period 1),
    quarters its three-month blocks. Fashion seasons follow the collections:
    spring/summer February to July, autumn/winter August to January (January
    belongs to the previous year's AW collection). -#}
{#- the first day of a holiday's month, in a given year -#}
{%- set month_start = 'make_date(years.calendar_year, us_public_holidays.month, 1)' %}
with

sale_periods as (
    select * from {{ ref('sale_periods') }}
),

us_public_holidays as (
    select * from {{ ref('us_public_holidays') }}
),

spine as (
    {{ dbt.date_spine(
        'day',
        "cast('" ~ var('calendar_start') ~ "' as date)",
        "(cast('" ~ var('calendar_end') ~ "' as date) + 1)"
    ) }}
),

days as (
    select
        cast(date_day as date) as calendar_date,
        year(date_day) as calendar_year,
        month(date_day) as calendar_month
    from spine
),

years as (
    select distinct calendar_year from days
),

holiday_dates as (
    select
        us_public_holidays.holiday,
        case
            when us_public_holidays.day_of_month is not null
                then make_date(
                    years.calendar_year,
                    us_public_holidays.month,
                    us_public_holidays.day_of_month
                )
            when us_public_holidays.nth_weekday > 0
                -- the nth given weekday (1 = Monday) of the month
                then
                    make_date(years.calendar_year, us_public_holidays.month, 1)
                    + cast(
                        (
                            us_public_holidays.weekday
                            - {{ iso_weekday(month_start) }}
                            + 7
                        ) % 7
                        + 7 * (us_public_holidays.nth_weekday - 1) as integer
                    )
            else
                -- the last given weekday of the month
                last_day(make_date(years.calendar_year, us_public_holidays.month, 1))
                - cast(
                    (
                        {{ iso_weekday('last_day(' ~ month_start ~ ')') }}
                        - us_public_holidays.weekday + 7
                    ) % 7 as integer
                )
        end as holiday_date
    from years
    cross join us_public_holidays
),

final as (
    select
        {{ date_key('days.calendar_date') }} as date_key,
        days.calendar_date,
        {{ iso_weekday('days.calendar_date') }} as day_of_week,
        {{ day_name('days.calendar_date') }} as day_name,
        {{ iso_weekday('days.calendar_date') }} >= 6 as is_weekend,
        day(days.calendar_date) as day_of_month,
        dayofyear(days.calendar_date) as day_of_year,
        weekofyear(days.calendar_date) as iso_week,
        {{ iso_year('days.calendar_date') }} as iso_year,
        cast(date_trunc('week', days.calendar_date) as date) as week_start_date,
        days.calendar_month as month_number,
        {{ month_name('days.calendar_date') }} as month_name,
        quarter(days.calendar_date) as quarter_number,
        days.calendar_year,
        case
            when days.calendar_month >= 2 then days.calendar_year
            else days.calendar_year - 1
        end as fiscal_year,
        (days.calendar_month + 10) % 12 + 1 as fiscal_period,
        cast(floor(((days.calendar_month + 10) % 12) / 3) as integer) + 1
            as fiscal_quarter,
        case
            when days.calendar_month between 2 and 7 then 'Spring/Summer'
            else 'Autumn/Winter'
        end as fashion_season,
        case when days.calendar_month between 2 and 7 then 'SS' else 'AW' end
        || right(
            cast(
                days.calendar_year - case when days.calendar_month = 1 then 1 else 0 end
                as {{ dbt.type_string() }}
            ),
            2
        ) as season_code,
        sale_periods.sale_period,
        sale_periods.sale_period is not null as is_sale_period,
        holiday_dates.holiday,
        holiday_dates.holiday is not null as is_public_holiday
    from days
    left join sale_periods
        on
            days.calendar_month * 100 + day(days.calendar_date)
            between sale_periods.start_month * 100 + sale_periods.start_day
            and sale_periods.end_month * 100 + sale_periods.end_day
    left join holiday_dates on days.calendar_date = holiday_dates.holiday_date
)

select * from final
