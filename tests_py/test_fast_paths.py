"""The generator's shortcuts give exactly what the plain way gives.

Text formatting prints each distinct value once when values repeat (a range of
ids, repeated prices, a few months of dates); e-mail de-duplication uses
Arrow's hashing with a Python walk as its fallback; draws can be kept as codes.
Each is checked here against the plain computation it replaces, on both sides
of its thresholds.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from fashion_retail.gen import defects, text
from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.entities import (
    build_employees,
    build_products,
    build_sellers,
    build_stores,
    unique_emails,
)
from fashion_retail.gen.pools import build_pools
from fashion_retail.gen.rng import choice, draw, stream


def plain_integer(values) -> list:
    return [str(int(v)) for v in values]


def plain_cents(values) -> list:
    return [f"{'-' if v < 0 else ''}{abs(int(v)) // 100}.{abs(int(v)) % 100:02d}"
            for v in values]


RNG = np.random.default_rng(11)
INTEGER_CASES = {
    "narrow range (taken)": RNG.integers(1, 4, 5000),
    "negative narrow range (taken)": RNG.integers(-300, -200, 5000),
    "unique ids (printed)": np.arange(10**9, 10**9 + 5000),
    "beyond int32 (printed)": RNG.integers(0, 10**12, 5000),
    "few values (printed)": np.array([7, -1, 3]),
    "empty": np.array([], dtype=np.int64),
}


@pytest.mark.parametrize("values", INTEGER_CASES.values(), ids=INTEGER_CASES.keys())
def test_integer_text(values):
    assert text.integer(values).to_pylist() == plain_integer(values)


CENTS_CASES = {
    "price points (shared)": RNG.choice([499, 1999, 12500, 0, -5], 5000),
    "mostly zero (shared)": np.where(RNG.random(5000) < 0.7, 0, RNG.integers(1, 10**6, 5000)),
    "all distinct (printed)": RNG.permutation(np.arange(-2500, 2500)) * 7,
    "few values (printed)": np.array([5, -5, 100, 123456]),
}


@pytest.mark.parametrize("values", CENTS_CASES.values(), ids=CENTS_CASES.keys())
def test_cents_text(values):
    assert text.cents(values).to_pylist() == plain_cents(values)


def test_date_text():
    days = np.datetime64("2024-01-01") + RNG.integers(0, 400, 5000).astype("timedelta64[D]")
    wide = np.datetime64("1930-01-01") + RNG.integers(0, 40_000, 5000).astype("timedelta64[D]")
    with_nat = days.copy()
    with_nat[::3] = np.datetime64("NaT")
    for values in (days, wide, with_nat, days[:10]):
        expected = [None if np.isnat(d) else str(d) for d in values]
        assert text.date(values).to_pylist() == expected


def loop_emails(local, domains, ids) -> list:
    """The reference: the first holder keeps an address, later ones get their id."""
    taken: set[str] = set()
    addresses = []
    for person, (name, domain) in enumerate(zip(local, domains)):
        address = f"{name}@{domain}"
        if address in taken:
            address = f"{name}{ids[person]}@{domain}"
        taken.add(address)
        addresses.append(address)
    return addresses


def objects(*values) -> np.ndarray:
    return np.array(values, dtype=object)


@pytest.mark.parametrize("local, domains, ids", [
    # plain repeats: the fast path
    (objects("ann", "bob", "ann", "ann"), objects("x.com", "x.com", "x.com", "y.com"),
     np.array([1, 2, 3, 4])),
    # a renamed address equal to a later person's own: the walk decides
    (objects("a", "a", "a2"), objects("x.com", "x.com", "x.com"), np.array([1, 2, 3])),
    # two renamed addresses equal to each other ('a1' + '23', 'a' + '123'):
    # the walk lets them be, and so does the fast path
    (objects("a1", "a1", "a", "a"), objects("x", "x", "x", "x"), np.array([9, 23, 8, 123])),
    (objects(), objects(), np.array([], dtype=np.int64)),
])
def test_unique_emails_matches_the_walk(local, domains, ids):
    expected = loop_emails(local, domains, ids)
    assert list(unique_emails(local.copy(), domains, ids)) == expected


def test_unique_emails_at_scale():
    rng = np.random.default_rng(3)
    n = 20_000
    local = np.array([f"p{v}" for v in rng.integers(0, 2000, n)], dtype=object)
    domains = np.array(["a.com", "b.com"], dtype=object)[rng.integers(0, 2, n)]
    ids = np.arange(1, n + 1)
    assert list(unique_emails(local.copy(), domains, ids)) == loop_emails(local, domains, ids)


def test_draw_gives_the_draws_of_choice():
    weights = {"Female": 0.58, "Male": 0.39, "Non-binary": 0.03}
    drawn = draw(stream(5, "t"), weights, 1000)
    assert list(drawn.values) == list(choice(stream(5, "t"), weights, 1000))
    assert (drawn.mask("Male") == (drawn.values == "Male")).all()
    assert not drawn.mask("Unknown").any()


def test_labels_take_text():
    labels = text.labels(["store", "online"])
    assert labels(np.array([1, 0, 1])).to_pylist() == ["online", "store", "online"]
    assert pc.equal(labels.dictionary, pa.array(["store", "online"])).to_pylist() == [True] * 2



def build_entities():
    cfg = GeneratorConfig(scale=0.02, seed=3)
    pools = build_pools(cfg.seed)
    stores = build_stores(cfg, pools)
    sellers = build_sellers(cfg, pools)
    return {"sellers": sellers, "products": build_products(cfg, sellers),
            "employees": build_employees(cfg, pools, stores)}


def test_entity_text_waits_for_first_use_and_does_not_depend_on_when():
    """The sales worker starts once the entities' numbers exist; their text
    (Faker's companies, names, formatted columns) is built afterwards, and is
    the same in whatever order it is asked for."""
    one, two = build_entities(), build_entities()
    assert not any("value" in vars(e.deferred) for e in one.values())
    first = {name: one[name].table for name in ("employees", "products", "sellers")}
    second = {name: two[name].table for name in ("sellers", "employees", "products")}
    assert all(first[name].equals(second[name]) for name in first)


def test_vectorised_date_formats_match_the_variant():
    rng = np.random.default_rng(5)
    days = np.datetime64("1899-12-25") + rng.integers(0, 50_000, 3000).astype("timedelta64[D]")
    values = pa.array([str(d) for d in days] + ["2024-02-29", "2001-01-01", "1999-12-31"])
    styles = np.concatenate([rng.integers(0, len(defects.DATE_STYLES), 3000),
                             [3, 2, len(defects.DATE_STYLES) - 1]])
    got = defects.date_formats(values, styles, None)
    expected = [defects.date_format(v, int(s), None) for v, s in zip(values.to_pylist(), styles)]
    assert list(got) == expected
    assert set(styles) == set(range(len(defects.DATE_STYLES)))      # every layout was tried
    # anything but an ISO date goes back to the variant, value by value
    assert defects.date_formats(pa.array(["2024-02-29", "2024-2-9"]), np.array([0, 1]),
                                None) is None


def test_vectorised_phone_formats_match_the_variant():
    rng = np.random.default_rng(6)
    values = pa.array([f"+1{v}" for v in rng.integers(2_000_000_000, 9_999_999_999, 2600)])
    styles = np.arange(2600) % len(defects.PHONE_STYLES)
    got = defects.phone_formats(values, styles, None)
    expected = [defects.phone_format(v, int(s), None) for v, s in zip(values.to_pylist(), styles)]
    assert list(got) == expected
    assert defects.phone_formats(pa.array(["+15551234567", "+442079460000"]),
                                 np.array([0, 1]), None) is None


def test_fill_joins_templates_per_row():
    fields = {"a": pa.array(["1", "2", "3"]), "b": pa.array(["x", "y", "z"])}
    got = text.fill(["{a}-{b}", "({b})", "plain"], np.array([1, 0, 2]), fields)
    assert list(got) == ["(x)", "2-y", "plain"]


def whole_table_draw(rng, carried, weights, row):
    """The product draw over the whole (store, product) table, searched at once."""
    w = np.where(carried, weights[None, :], 0.0)
    w[w.sum(axis=1) == 0] = weights
    cum = np.cumsum(w, axis=None).reshape(w.shape)
    row_end = cum[:, -1]
    row_start = np.concatenate([[0.0], row_end[:-1]])
    u = row_start[row] + rng.random(len(row)) * (row_end - row_start)[row]
    return np.minimum(np.searchsorted(cum.ravel(), u, side="right"), cum.size - 1) % w.shape[1]


@pytest.mark.parametrize("nothing_on_sale", [False, True])
def test_product_draw_over_carried_cells_matches_the_whole_table(nothing_on_sale):
    from fashion_retail.gen.sales import Shelves, _draw_products

    rng = np.random.default_rng(8)
    carried = rng.random((7, 300)) < 0.12
    carried[0] = True                                   # the online store
    weights = rng.exponential(1.0, 300) * (rng.random(300) < 0.8)    # some not on sale
    if nothing_on_sale:
        weights[carried[3]] = 0.0                       # store 3 has nothing on sale
    row = rng.integers(0, 7, 20_000)
    got = _draw_products(np.random.default_rng(1), carried, Shelves.of(carried), weights, row)
    expected = whole_table_draw(np.random.default_rng(1), carried, weights, row)
    assert (got == expected).all()


def test_row_search_past_a_row_end_searches_the_whole_table():
    from fashion_retail.gen.sales import _search_rows

    cum = np.cumsum(np.array([[1.0, 0.0, 2.0], [0.0, 1.0, 1.0]]), axis=None).reshape(2, 3)
    # row 0 ends at 3.0, row 1 at 5.0: values at and past each end, and past all
    u = np.array([0.5, 3.0, 3.5, 5.0, 9.0, 2.9])
    row = np.array([0, 0, 1, 1, 1, 0])
    expected = np.minimum(np.searchsorted(cum.ravel(), u, side="right"), cum.size - 1)
    assert (_search_rows(cum, u, row) == expected).all()
