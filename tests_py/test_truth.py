"""The clean truth (--defect-rate 0): integrity, business rules, CDC history."""

from __future__ import annotations

import pytest

from conftest import scalar

# (child table, child column, parent table, parent column)
REFERENCES = [
    ("orders", "customer_id", "customers", "customer_id"),
    ("orders", "store_id", "stores", "store_id"),
    ("orders", "employee_id", "employees", "employee_id"),
    ("order_lines", "order_id", "orders", "order_id"),
    ("order_lines", "product_id", "products", "product_id"),
    ("products", "seller_id", "sellers", "seller_id"),
    ("employees", "store_id", "stores", "store_id"),
    ("employees", "manager_id", "employees", "employee_id"),
    ("inventory_snapshots", "store_id", "stores", "store_id"),
    ("inventory_snapshots", "product_id", "products", "product_id"),
]


@pytest.mark.parametrize(("child", "col", "parent", "key"), REFERENCES)
def test_references_resolve(truth, child, col, parent, key):
    orphans = scalar(truth, f"""
        select count(*) from {child}
        where {col} is not null and {col} not in (select {key} from {parent})""")
    assert orphans == 0
    assert scalar(truth, f"select count({col}) from {child}") > 0


def test_keys_unique_per_version(truth):
    for table, key in [("stores", "store_id"), ("orders", "order_id"),
                       ("order_lines", "order_line_id"),
                       ("inventory_snapshots", "inventory_snapshot_id")]:
        assert scalar(truth, f"select count(*) - count(distinct {key}) from {table}") == 0
    for table, key in [("customers", "customer_id"), ("employees", "employee_id"),
                       ("products", "product_id"), ("sellers", "seller_id")]:
        assert scalar(truth, f"""select count(*) - count(distinct ({key}, updated_at))
                                 from {table}""") == 0


def test_clean_formats(truth):
    assert scalar(truth, r"""select count(*) from customers
        where not regexp_full_match(email, '[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+')""") == 0
    assert scalar(truth, r"""select count(*) from customers
        where not regexp_full_match(phone, '\+1[2-9][0-9]{2}[2-9][0-9]{6}')""") == 0
    assert scalar(truth, r"""select count(*) from sellers
        where not regexp_full_match(contact_phone, '\+[1-9][0-9]{8,13}')""") == 0
    for table, col in [("customers", "date_of_birth"), ("orders", "order_date"),
                       ("employees", "hire_date"), ("products", "launch_date")]:
        assert scalar(truth, f"""select count(*) from {table}
            where {col} is not null and try_strptime({col}, '%Y-%m-%d') is null""") == 0
    assert scalar(truth, r"""select count(*) from order_lines
        where not regexp_full_match(unit_price, '[0-9]+\.[0-9]{2}')""") == 0


def test_sales_rules(truth):
    lines = """order_lines l join orders o using (order_id)"""
    assert scalar(truth, "select min(quantity::int) from order_lines") >= 1
    assert scalar(truth, """select count(*) from order_lines
        where discount_amount::decimal(12,2) > unit_price::decimal(12,2) * quantity::int""") == 0
    assert scalar(truth, f"""select count(*) from {lines}
        where (is_returned = 'true') != (returned_date is not null)
           or returned_date::date <= order_date::date""") == 0
    # store orders are credited to an employee, online orders to nobody
    assert scalar(truth, """select count(*) from orders
        where (channel = 'online') != (employee_id is null)""") == 0
    assert scalar(truth, """select count(*) from orders
        where (channel = 'online') != (store_id = '1')""") == 0


def test_dates_are_consistent(truth):
    # customers order after signing up, products sell after launch, stores after opening
    assert scalar(truth, """
        with first_version as (
            select customer_id, min(signup_date::date) as signup from customers group by 1)
        select count(*) from orders join first_version using (customer_id)
        where order_date::date < signup""") == 0
    assert scalar(truth, """
        select count(*) from order_lines l join orders o using (order_id)
        join (select distinct product_id, launch_date from products) p using (product_id)
        where o.order_date::date < p.launch_date::date""") == 0
    assert scalar(truth, """select count(*) from orders join stores using (store_id)
        where order_date::date < opened_date::date""") == 0
    assert scalar(truth, """select min(order_date) || '/' || max(order_date) from orders""") \
        == "2023-01-01/2025-12-31"


def test_unit_price_follows_price_history(truth):
    mismatched = scalar(truth, """
        with versions as (
            select product_id, list_price, updated_at::timestamp as valid_from,
                   lead(updated_at::timestamp, 1, '9999-01-01') over (
                       partition by product_id order by updated_at) as valid_to
            from products)
        select count(*) from order_lines l join orders o using (order_id)
        join versions v on v.product_id = l.product_id
            and o.order_date::timestamp >= v.valid_from
            and o.order_date::timestamp < v.valid_to
        where l.unit_price != v.list_price""")
    assert mismatched == 0
    assert scalar(truth, "select count(distinct product_id) < count(*) from products")


def test_credited_employee_works_there_that_day(truth):
    wrong = scalar(truth, """
        with versions as (
            select employee_id, store_id, hire_date::date as hired,
                   coalesce(termination_date::date, '9999-01-01') as left_on,
                   updated_at::date as valid_from,
                   lead(updated_at::date, 1, '9999-01-01') over (
                       partition by employee_id order by updated_at) as valid_to
            from employees)
        select count(*) from orders o
        where o.employee_id is not null and not exists (
            select 1 from versions v
            where v.employee_id = o.employee_id and v.store_id = o.store_id
              and o.order_date::date between v.hired and v.left_on
              and o.order_date::date >= v.valid_from - 1
              and o.order_date::date < v.valid_to + 1)""")
    assert wrong == 0


def test_staff_structure(truth):
    # every physical store has a store manager reporting to a regional manager
    assert scalar(truth, """
        select count(*) from stores s where channel = 'store' and not exists (
            select 1 from employees e
            where e.store_id = s.store_id and e.job_title = 'Store Manager')""") == 0
    assert scalar(truth, """
        select count(*) from employees e join employees m on e.manager_id = m.employee_id
        where e.job_title = 'Store Manager' and m.job_title != 'Regional Manager'""") == 0


def test_cdc_versions(truth):
    for table, key, tracked in [
        ("customers", "customer_id", "street_address, loyalty_tier"),
        ("employees", "employee_id", "job_title, store_id, salary"),
        ("products", "product_id", "list_price"),
        ("sellers", "seller_id", "commission_rate"),
    ]:
        versions = scalar(truth, f"select count(*) - count(distinct {key}) from {table}")
        assert versions > 0, table
        # a later version changes at least one tracked attribute
        unchanged = scalar(truth, f"""
            with ordered as (
                select ({tracked}) as attrs,
                       lag(({tracked})) over (partition by {key} order by updated_at) as prev
                from {table})
            select count(*) from ordered where prev is not null and attrs = prev""")
        assert unchanged == 0, table


def test_inventory_is_physical(truth):
    assert scalar(truth, """select min(quantity_on_hand::int) from inventory_snapshots""") == 0
    assert scalar(truth, """select min(quantity_on_order::int) from inventory_snapshots""") == 0
    # stock is replenished: some snapshots show units on order, most show stock
    share_out = scalar(truth, """select avg((quantity_on_hand = '0')::int)
                                 from inventory_snapshots""")
    assert 0.005 < share_out < 0.25
    assert scalar(truth, """select count(*) from inventory_snapshots i
        join (select distinct product_id, launch_date from products) p using (product_id)
        where i.snapshot_date::date < p.launch_date::date""") == 0
