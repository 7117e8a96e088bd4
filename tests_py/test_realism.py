"""The clean truth looks like a fashion retailer, not uniform noise."""

from __future__ import annotations

import phonenumbers

from conftest import scalar


def test_month_and_weekday_seasonality(truth):
    by_month = dict(truth.sql("""select month(order_date::date), count(*) from orders
                                 group by 1""").fetchall())
    assert by_month[12] > 1.3 * by_month[2]            # holiday peak vs February lull
    by_day = dict(truth.sql("""select dayofweek(order_date::date), count(*) from orders
                               where channel = 'store' group by 1""").fetchall())
    assert by_day[6] > 1.3 * by_day[2]                  # Saturday vs Tuesday in stores


def test_sale_periods_discount_more(truth):
    share = dict(truth.sql("""
        select month(o.order_date::date) = 7 as in_summer_sale,
               avg((l.discount_amount::decimal(12,2) > 0)::int)
        from order_lines l join orders o using (order_id) group by 1""").fetchall())
    assert share[True] > 2 * share[False]


def test_online_share_grows(truth):
    share = dict(truth.sql("""select year(order_date::date), avg((channel = 'online')::int)
                              from orders group by 1""").fetchall())
    assert share[2025] > share[2023] + 0.04


def test_loyalty_tiers_skew_low(truth):
    tiers = dict(truth.sql("""
        select loyalty_tier, count(*) from (
            select customer_id, arg_min(loyalty_tier, updated_at) as loyalty_tier
            from customers group by 1) group by 1""").fetchall())
    assert tiers["Bronze"] > tiers["Silver"] > tiers["Gold"] > tiers["Platinum"] > 0


def test_repeat_buyers(truth):
    repeat = scalar(truth, """select avg((n >= 2)::int) from (
                                  select customer_id, count(*) as n from orders group by 1)""")
    assert 0.4 < repeat < 0.95
    top_share = scalar(truth, """
        with n as (select customer_id, count(*) as orders from orders group by 1)
        select sum(orders) filter (where orders >= (select quantile_cont(orders, 0.9) from n))
               / sum(orders) from n""")
    assert top_share > 0.25                              # heavy tail: best decile buys a lot


def test_returns_differ_by_category(truth):
    rates = dict(truth.sql("""
        select p.category, avg((l.is_returned = 'true')::int)
        from order_lines l join (select distinct product_id, category from products) p
            using (product_id)
        group by 1 having count(*) > 200""").fetchall())
    assert rates["Dresses"] > 2 * rates["Accessories"]
    online, store = (scalar(truth, f"""select avg((is_returned = 'true')::int)
        from order_lines join orders using (order_id) where channel = '{c}'""")
        for c in ("online", "store"))
    assert online > 1.8 * store


def test_prices_depend_on_category_and_tier(truth):
    price = dict(truth.sql("""
        select p.category, median(p.list_price::decimal(12,2)) from products p group by 1
    """).fetchall())
    assert price["Outerwear"] > 2 * price["T-Shirts"]
    tier = dict(truth.sql("""
        select s.brand_tier, avg(p.list_price::decimal(12,2) / c.median_price)
        from products p join sellers s using (seller_id)
        join (select category, median(list_price::decimal(12,2)) as median_price
              from products group by 1) c using (category)
        group by 1""").fetchall())
    assert tier["Luxury"] > 1.5 * tier["Mid"] > 1.5 * tier["Value"] * 0.9


def test_size_mix(truth):
    sold = dict(truth.sql("""
        select p.size, sum(l.quantity::int) from order_lines l
        join (select distinct product_id, size from products) p using (product_id)
        group by 1""").fetchall())
    assert sold["M"] > sold["S"] > sold["XS"]
    assert sold["M"] > sold["XL"]


def test_names_are_varied_and_multilingual(truth):
    distinct = scalar(truth, """select count(distinct first_name || ' ' || last_name)
                                / count(distinct customer_id) from customers""")
    assert distinct > 0.85
    assert scalar(truth, """select count(distinct first_name) from customers""") > 500
    non_ascii = scalar(truth, """select count(*) from customers
                                 where regexp_matches(first_name || last_name, '[^ -~]')""")
    assert non_ascii > 0


def test_every_product_has_a_seller_and_stores_have_staff(truth):
    assert scalar(truth, "select count(*) from products where seller_id is null") == 0
    per_store = truth.sql("""select store_id, count(distinct employee_id) from employees
                             where store_id is not null group by 1""").fetchall()
    stores = scalar(truth, "select count(*) from stores")
    assert len(per_store) == stores
    assert min(n for _, n in per_store) >= 8


def test_stock_falls_with_sales(truth):
    # stores that sell more of a product hold more of it and reorder it more often
    corr = scalar(truth, """
        with sold as (
            select o.store_id, l.product_id, sum(l.quantity::int) as units
            from order_lines l join orders o using (order_id) group by 1, 2),
        stock as (
            select store_id, product_id, avg((quantity_on_order::int > 0)::int) as reorder_share
            from inventory_snapshots group by 1, 2)
        select corr(units, reorder_share) from sold join stock using (store_id, product_id)""")
    assert corr > 0.2


def test_phone_numbers_exist(truth):
    """Every phone number is one libphonenumber says exists (an area code
    in use, a range a country assigns), so that cleansing it keeps it."""
    numbers = [phone for (phone,) in truth.sql("""
        select contact_phone from sellers union all select phone from customers
        union all select phone from employees""").fetchall() if phone is not None]
    assert len(numbers) > 200
    invalid = [phone for phone in numbers
               if not phonenumbers.is_valid_number(phonenumbers.parse(phone))]
    assert invalid == []
