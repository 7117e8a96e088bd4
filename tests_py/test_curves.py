"""The generator's named realism says what its comments say it models."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from fashion_retail.gen import curves, vocab

STORE_JOBS = [*vocab.STORE_JOBS]
ONLINE_JOBS = [*vocab.ONLINE_JOBS]
ALL_JOBS = {*STORE_JOBS, *ONLINE_JOBS, vocab.REGIONAL_JOB["title"], vocab.HEAD_JOB["title"]}


@pytest.mark.parametrize("weights", [curves.QUANTITY_WEIGHTS, curves.STORE_FORMATS,
                                     vocab.STAFF_GENDERS])
def test_mixes_are_probability_vectors(weights):
    # drawn with rng.choice(p=...) as they are, without normalising
    p = np.array(list(weights.values()))
    assert (p > 0).all()
    assert math.isclose(p.sum(), 1.0, abs_tol=1e-12)


@pytest.mark.parametrize("rate", [
    curves.BASE_DISCOUNT_SHARE, curves.NEW_STORE_SHARE, curves.PRE_HISTORY_CUSTOMER_SHARE,
    curves.SIGNUP_TRIANGLE_MODE, curves.LAPSED_CUSTOMER_SHARE, curves.LAPSED_PROPENSITY,
    curves.LOCAL_CUSTOMER_SHARE, curves.EMPLOYEE_CHANGE_RATE, curves.CARRY_POPULARITY_WEIGHT,
    curves.MAX_CARRY_SHARE, curves.CHRISTMAS_ONLINE_FACTOR, curves.MAX_CLEARANCE_DISCOUNT,
    *curves.ONLINE_SHARE, *curves.BASE_DISCOUNT_RANGE, *curves.CHANGE_KIND_CUTS,
])
def test_rates_are_shares(rate):
    assert 0 < rate < 1


def test_month_seasonality_peaks_at_the_holidays():
    month = curves.MONTH_SEASONALITY
    assert len(month) == 12
    assert max(month) == month[11]                          # December: the holiday peak
    assert min(month) == month[1]                           # February: the lull
    assert month[10] > 1 > month[0]                         # November builds, January lulls


def test_weekdays_peak_where_each_channel_shops():
    assert len(curves.WEEKDAY_STORE) == len(curves.WEEKDAY_ONLINE) == 7
    assert max(curves.WEEKDAY_STORE) == curves.WEEKDAY_STORE[5]     # Saturday in stores
    assert max(curves.WEEKDAY_ONLINE) == curves.WEEKDAY_ONLINE[0]   # Monday online
    assert curves.WEEKDAY_ONLINE[6] > curves.WEEKDAY_ONLINE[5]      # Sunday evening browsing


def test_online_share_grows():
    start, end = curves.ONLINE_SHARE
    assert start < end


def test_sale_periods_lift_demand_and_do_not_overlap():
    days = []
    for _, m0, d0, m1, d1, lift, share, (low, high) in curves.SALE_PERIODS:
        first, last = dt.date(2024, m0, d0), dt.date(2024, m1, d1)
        assert first <= last
        assert lift > 1
        assert curves.BASE_DISCOUNT_SHARE < share <= 1
        assert 0 < low < high < 1
        days += [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]
    assert len(days) == len(set(days))                       # a later period would overwrite
    assert dt.date(2024, *curves.CHRISTMAS_DAY) not in days  # closed, not on sale


def test_every_job_has_a_salary_band_and_a_tenure():
    assert set(curves.SALARY_BANDS) == ALL_JOBS
    assert set(curves.TENURE_YEARS) == ALL_JOBS
    for low, high in curves.SALARY_BANDS.values():
        assert 0 < low < high


def test_salary_bands_rise_up_the_promotion_ladder():
    for job, promoted in vocab.PROMOTIONS.items():
        (low, high), (new_low, new_high) = (curves.SALARY_BANDS[job],
                                            curves.SALARY_BANDS[promoted])
        assert new_low > low and new_high > high


@pytest.mark.parametrize("boss, reports", [
    ("Head of Retail", ["Regional Manager", "E-commerce Manager"]),
    ("Regional Manager", ["Store Manager"]),
    ("Store Manager", [j for j in STORE_JOBS if j != "Store Manager"]),
    ("E-commerce Manager", [j for j in ONLINE_JOBS if j != "E-commerce Manager"]),
])
def test_a_managers_band_lies_above_their_reports(boss, reports):
    assert all(curves.SALARY_BANDS[boss][0] > curves.SALARY_BANDS[r][1] for r in reports)


def test_leaders_stay_and_store_associates_churn():
    tenure = curves.TENURE_YEARS
    assert tenure["Head of Retail"] > tenure["Regional Manager"] > tenure["Store Manager"]
    shortest = min(tenure[j] for j in STORE_JOBS)
    assert {j for j in STORE_JOBS if tenure[j] == shortest} == {
        j for j in STORE_JOBS if "Associate" in j}


def test_tenure_days_is_exponential_after_the_minimum():
    rng = np.random.default_rng(0)
    days = np.array([curves.tenure_days(rng, 2.5) for _ in range(20_000)])
    assert days.min() >= curves.MIN_TENURE_DAYS
    assert days.mean() == pytest.approx(2.5 * 365 + curves.MIN_TENURE_DAYS, rel=0.03)


def test_salary_offers_fall_in_the_band_in_whole_hundreds():
    rng = np.random.default_rng(0)
    for low, high in curves.SALARY_BANDS.values():
        offers = [curves.salary_offer(rng, (low, high)) for _ in range(200)]
        assert all(low <= s <= high and s % curves.SALARY_ROUNDING == 0 for s in offers)


def test_category_season_peaks_in_its_season():
    january, july = 0, 6
    winter = np.array([vocab.CATEGORIES["Outerwear"]["season"]])
    summer = np.array([vocab.CATEGORIES["Swimwear"]["season"]])
    flat = np.array([0.0])
    assert curves.category_season(winter, january) > 1 > curves.category_season(winter, july)
    assert curves.category_season(summer, july) > 1 > curves.category_season(summer, january)
    assert curves.category_season(flat, january) == curves.category_season(flat, july) == 1


def test_baskets_are_small_and_returns_lean_online():
    mean_lines = 1 + curves.LINES_PER_ORDER_EXTRA
    assert 1 < mean_lines < curves.MAX_LINES_PER_ORDER
    assert max(curves.QUANTITY_WEIGHTS, key=curves.QUANTITY_WEIGHTS.get) == 1
    assert curves.RETURN_CHANNEL_FACTOR["online"] > curves.RETURN_CHANNEL_FACTOR["store"]
    low, high = curves.RETURN_WINDOW_DAYS
    assert 0 < low < high <= 31
