{#- Warns when the raw orders loaded for the latest order date are fewer than
    half, or more than twice, the median of the 28 days before it: a load that
    came in short or twice, whatever the monitors' finer scores say. -#}
{{ config(severity='warn') }}
with

stg_raw__orders as (
    select * from {{ ref('stg_raw__orders') }}
),

daily as (
    select
        order_date,
        count(*) as loaded_rows
    from stg_raw__orders
    where order_date is not null
    group by order_date
),

latest_day as (
    select max(order_date) as order_date from daily
),

latest as (
    select
        daily.order_date,
        daily.loaded_rows
    from daily
    inner join latest_day on daily.order_date = latest_day.order_date
),

usual as (
    select median(earlier.loaded_rows) as median_rows
    from daily as earlier
    cross join latest
    where
        earlier.order_date < latest.order_date
        and earlier.order_date >= {{ dbt.dateadd('day', -28, 'latest.order_date') }}
)

select
    latest.order_date,
    latest.loaded_rows,
    usual.median_rows
from latest
cross join usual
where
    latest.loaded_rows < 0.5 * usual.median_rows
    or latest.loaded_rows > 2 * usual.median_rows
