"""The statistics of the synthetic twins: copula, metrics, privacy, twins."""

from __future__ import annotations

import statistics

import numpy as np
import pandas as pd
import pytest

from fashion_retail.synth import twins
from fashion_retail.synth.copula import GaussianCopula, ndtri
from fashion_retail.synth.metrics import (
    contingency_similarity,
    correlation_similarity,
    ks_complement,
    quality_report,
    tv_complement,
)
from fashion_retail.synth.privacy import (
    distance_to_closest_record,
    exact_copies,
    remove_exact_copies,
)


def mixed_table(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    group = np.where(x > 0.3, "high", np.where(x < -0.3, "low", "mid"))
    frame = pd.DataFrame({
        "x": x,
        "y": np.round(2 * x + rng.normal(size=n), 2),
        "count": rng.poisson(3, n),
        "group": group,
        "flag": rng.random(n) < 0.2,
        "day": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 365, n), unit="D"),
    })
    frame.loc[rng.random(n) < 0.1, "y"] = np.nan
    return frame


def test_ndtri_matches_the_normal_quantile_function():
    grid = np.concatenate([np.linspace(1e-9, 0.02, 50), np.linspace(0.02, 0.98, 200),
                           np.linspace(0.98, 1 - 1e-9, 50)])
    expected = np.array([statistics.NormalDist().inv_cdf(p) for p in grid])
    assert np.max(np.abs(ndtri(grid) - expected)) < 1e-7


def test_copula_keeps_marginals_nulls_and_correlation():
    real = mixed_table(20_000)
    synthetic = GaussianCopula(seed=3).fit(real).sample(20_000)
    assert list(synthetic.columns) == list(real.columns)
    for column in ("x", "y", "count"):
        assert ks_complement(real[column].dropna().to_numpy(float),
                             pd.to_numeric(synthetic[column]).dropna().to_numpy(float)) > 0.98
    assert tv_complement(real["group"], synthetic["group"]) > 0.98
    assert abs(synthetic["y"].isna().mean() - 0.1) < 0.01
    assert abs(synthetic["flag"].astype(bool).mean() - real["flag"].mean()) < 0.01
    both = synthetic[["x", "y"]].dropna().astype(float)
    assert abs(np.corrcoef(both["x"], both["y"])[0, 1]
               - real[["x", "y"]].dropna().corr().iloc[0, 1]) < 0.03
    # integers stay integers, dates stay dates within the real range
    assert (pd.to_numeric(synthetic["count"]) % 1 == 0).all()
    days = pd.to_datetime(synthetic["day"])
    assert days.min() >= real["day"].min() and days.max() <= real["day"].max()


def test_conditioning_keeps_each_group_its_own_distribution():
    rng = np.random.default_rng(1)
    real = pd.DataFrame({"category": np.repeat(["cheap", "dear"], 5000),
                         "price": np.concatenate([rng.normal(20, 2, 5000),
                                                  rng.normal(200, 20, 5000)])})
    synthetic = GaussianCopula(condition_on="category", seed=2).fit(real).sample(10_000)
    means = synthetic.groupby("category")["price"].mean()
    assert abs(means["cheap"] - 20) < 1 and abs(means["dear"] - 200) < 5


def test_sampling_is_reproducible_and_refuses_bad_input():
    real = mixed_table(2_000)
    model = GaussianCopula(seed=5).fit(real)
    pd.testing.assert_frame_equal(model.sample(500, seed=9), model.sample(500, seed=9))
    with pytest.raises(ValueError):
        GaussianCopula().fit(real.iloc[:0])
    with pytest.raises(ValueError):
        GaussianCopula(condition_on="missing").fit(real)
    with pytest.raises(ValueError):
        model.sample(-1)


def test_metrics_follow_the_sdmetrics_definitions():
    assert ks_complement(np.arange(10.0), np.arange(10.0)) == 1.0
    assert ks_complement(np.arange(10.0), np.arange(10.0) + 100) == 0.0
    assert tv_complement(pd.Series(["a", "b"]), pd.Series(["a", "b", "b", "b"])) == 0.75
    frame = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [1.0, 2, 3, 4]})
    flipped = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [4.0, 3, 2, 1]})
    kinds = {"a": "numeric", "b": "numeric"}
    assert correlation_similarity(frame, flipped, "a", "b", kinds) == pytest.approx(0.0)
    assert correlation_similarity(frame, frame, "a", "b", kinds) == pytest.approx(1.0)
    assert contingency_similarity(frame, frame, "a", "b", kinds) == pytest.approx(1.0)
    report = quality_report(mixed_table(2_000), mixed_table(2_000))
    assert report["overall"] == pytest.approx(1.0)
    assert report["null_rates"]["y"] == pytest.approx(1.0)
    emptied = mixed_table(2_000).assign(y=np.nan)
    assert quality_report(mixed_table(2_000), emptied)["null_rates"]["y"] < 0.2
    other = quality_report(mixed_table(2_000), mixed_table(2_000, seed=8))
    assert 0.9 < other["overall"] < 1.0


def test_exact_copies_are_found_and_removed():
    real = pd.DataFrame({"a": ["x", "y", "z"], "b": [1, 2, 3]})
    synthetic = pd.DataFrame({"a": ["x", "q", "z"], "b": [1, 5, 4]})
    assert exact_copies(real, synthetic, ["a", "b"]) == 1
    fresh = iter([pd.DataFrame({"a": ["w"], "b": [9]})])
    cleaned = remove_exact_copies(real, synthetic, ["a", "b"], lambda n, attempt: next(fresh))
    assert exact_copies(real, cleaned, ["a", "b"]) == 0 and len(cleaned) == 3
    # a resampler that only ever copies: the copying row is left out, not kept
    stuck = remove_exact_copies(real, synthetic, ["a", "b"], lambda n, attempt: real.iloc[:n],
                                tries=3)
    assert exact_copies(real, stuck, ["a", "b"]) == 0 and len(stuck) == 2


def test_distance_to_closest_record_spots_a_copying_twin():
    real = mixed_table(4_000)
    train, holdout = real.iloc[:3_000], real.iloc[3_000:]
    columns = list(real.columns)
    copied = distance_to_closest_record(train, holdout, train, columns, sample=300)
    assert copied["synthetic_zero_dcr_share"] == 1.0
    twin = GaussianCopula(seed=1).fit(train).sample(3_000)
    honest = distance_to_closest_record(train, holdout, twin, columns, sample=300)
    assert honest["synthetic_zero_dcr_share"] == 0.0
    assert honest["synthetic_median_dcr"] > 0


def test_augmentation_appends_new_rows_after_the_real_keys():
    rng = np.random.default_rng(4)
    real = pd.DataFrame({"case_id": np.arange(1, 301), "amount": rng.gamma(2, 50, 300).round(2),
                         "channel": rng.choice(["store", "online"], 300)})
    out = twins.augment(real, 700, key="case_id", condition_on="channel", seed=1)
    assert len(out) == 1_000 and out["is_synthetic"].sum() == 700
    assert out["case_id"].is_unique and out.loc[out["is_synthetic"], "case_id"].min() == 301
    synthetic = out[out["is_synthetic"]]
    assert exact_copies(real, synthetic, ["amount", "channel"]) == 0
    assert ks_complement(real["amount"].to_numpy(), synthetic["amount"].to_numpy(float)) > 0.9


def retailer(n_customers: int = 800, seed: int = 0):
    rng = np.random.default_rng(seed)
    customers = pd.DataFrame({
        "customer_id": np.arange(1, n_customers + 1),
        "gender": rng.choice(["Female", "Male", "Non-binary"], n_customers, p=[.58, .39, .03]),
        "date_of_birth": pd.Timestamp("1960-01-01")
        + pd.to_timedelta(rng.integers(0, 16_000, n_customers), unit="D"),
        "state": rng.choice(["CA", "NY", "TX"], n_customers),
        "signup_date": pd.Timestamp("2022-01-01")
        + pd.to_timedelta(rng.integers(0, 900, n_customers), unit="D"),
        "loyalty_tier": rng.choice(["Bronze", "Silver", "Gold"], n_customers),
        "is_marketing_opt_in": rng.random(n_customers) < 0.6,
        "country": "United States",
    })
    products = pd.DataFrame({
        "product_id": np.arange(1, 201),
        "category": rng.choice(["Dresses", "Shoes"], 200),
        "brand": rng.choice(["Alpha", "Beta", "Gamma"], 200),
        "size": rng.choice(["S", "M", "L"], 200),
        "colour": rng.choice(["Red", "Blue"], 200),
        "material": rng.choice(["Cotton", "Wool"], 200),
        "season": rng.choice(["SS24", "AW24"], 200),
        "launch_date": pd.Timestamp("2022-01-01")
        + pd.to_timedelta(rng.integers(0, 700, 200), unit="D"),
    })
    products["list_price"] = np.where(products["category"] == "Shoes", 150.0, 60.0) \
        + rng.integers(0, 40, 200)
    products["cost"] = (products["list_price"] * 0.45).round(2)
    n_orders = 3_000
    orders = pd.DataFrame({
        "order_id": np.arange(1, n_orders + 1),
        "customer_id": rng.integers(1, n_customers + 1, n_orders),
        "channel": rng.choice(["store", "online"], n_orders),
        "payment_method": rng.choice(["Card", "Cash"], n_orders),
    })
    signup = orders["customer_id"].map(customers.set_index("customer_id")["signup_date"])
    orders["order_date"] = signup + pd.to_timedelta(rng.integers(0, 200, n_orders), unit="D")
    n_lines = rng.integers(1, 4, n_orders)
    lines = pd.DataFrame({"order_id": np.repeat(orders["order_id"], n_lines)})
    lines["order_line_id"] = np.arange(1, len(lines) + 1)
    lines["product_id"] = rng.integers(1, 201, len(lines))
    lines["quantity"] = rng.integers(1, 4, len(lines))
    lines["unit_price"] = lines["product_id"].map(products.set_index("product_id")["list_price"])
    lines["discount_amount"] = (lines["quantity"] * lines["unit_price"]
                                * rng.choice([0, 0.1, 0.3], len(lines))).round(2)
    lines["is_returned"] = rng.random(len(lines)) < 0.1
    return customers, products, orders, lines


def test_the_linked_twin_keeps_its_references_and_business_rules():
    customers, products, orders, lines = retailer()
    syn_customers = twins.synthesize_customers(customers, orders, seed=1)
    syn_products = twins.synthesize_products(products, seed=1)
    syn_orders = twins.synthesize_orders(orders, lines, customers, syn_customers, seed=1)
    syn_lines = twins.synthesize_order_lines(lines, products, syn_orders, syn_products, seed=1)
    assert len(syn_customers) == len(customers) and len(syn_products) == len(products)
    # referential integrity
    assert syn_orders["customer_id"].isin(syn_customers["customer_id"]).all()
    assert syn_lines["order_id"].isin(syn_orders["order_id"]).all()
    assert syn_lines["product_id"].isin(syn_products["product_id"]).all()
    assert (syn_lines.groupby("order_id").size()
            == syn_orders.set_index("order_id")["lines"]).all()
    # business rules
    assert (syn_lines["quantity"] >= 1).all()
    gross = syn_lines["quantity"] * syn_lines["unit_price"]
    assert ((syn_lines["discount_amount"] >= 0) & (syn_lines["discount_amount"] <= gross)).all()
    prices = syn_products.set_index("product_id")["list_price"]
    assert (syn_lines["unit_price"].to_numpy() == prices.reindex(syn_lines["product_id"])
            .to_numpy()).all()
    shoes = syn_lines.loc[syn_lines["category"] == "Shoes", "unit_price"]
    assert shoes.min() >= 150
    signup = syn_orders["customer_id"].map(syn_customers.set_index("customer_id")["signup_date"])
    assert (pd.to_datetime(syn_orders["order_date"]) >= pd.to_datetime(signup)).all()
    assert pd.to_datetime(syn_orders["order_date"]).max() <= orders["order_date"].max()
    assert (syn_products["cost"] < syn_products["list_price"]).all()
    # no person copied, and the customers look alike
    assert exact_copies(customers.assign(orders=0)[twins.CUSTOMER_COLUMNS[:-1]],
                        syn_customers[twins.CUSTOMER_COLUMNS[:-1]],
                        twins.CUSTOMER_COLUMNS[:-1]) == 0
    report = quality_report(customers[twins.CUSTOMER_COLUMNS[:-1]],
                            syn_customers[twins.CUSTOMER_COLUMNS[:-1]])
    assert report["overall"] > 0.9
    with pytest.raises(ValueError):
        twins.synthesize_customers(customers, orders, scale=0)


def test_a_category_tied_to_a_number_keeps_the_tie():
    # a season is a function of the launch date, in no frequency order
    rng = np.random.default_rng(6)
    day = rng.integers(0, 4 * 182, 8_000)
    seasons = np.array(["SS24", "AW24", "SS25", "AW25"])
    order = np.array([2, 0, 3, 1])                  # frequencies shuffled against time
    real = pd.DataFrame({"launch_day": day.astype(float),
                         "season": seasons[order[day // 182]]})
    real = pd.concat([real, real[real["season"] == "AW25"]], ignore_index=True)
    synthetic = GaussianCopula(seed=1).fit(real).sample(len(real))
    kinds = {"launch_day": "numeric", "season": "categorical"}
    assert contingency_similarity(real, synthetic, "launch_day", "season", kinds) > 0.9
