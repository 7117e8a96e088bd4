"""The generator's realism, named: the curves, mixes and rates of the business.

Every number that makes the clean truth look like a fashion retailer rather
than uniform noise, and that is not an attribute of a word (a category's price,
a tier's margin: those stay in ``vocab``), lives here with a line saying what it
models. The builders read these names; tuning the data means editing this file.
The defect rates are not here: they are declared per column in ``schema``.

Keep the values' types and forms as they are: the draws made from them are
part of the seeded output, so 4 and 4.0 or a normalised and a raw weight vector
can change a byte of the seeds.
"""

from __future__ import annotations

import numpy as np

# --------------------------------------------------------------------------- demand over time
# yearly growth of demand, compounded day by day
ANNUAL_GROWTH = 0.08
# demand multiplier per month, January..December: the post-holiday lull bottoms
# out in February, the holiday peak is December
MONTH_SEASONALITY = [0.78, 0.72, 0.88, 0.94, 1.0, 0.96, 0.98, 0.95, 0.97, 1.02,
                     1.22, 1.48]
# in-store demand per weekday, Monday..Sunday: shoppers come on Saturday
WEEKDAY_STORE = [0.78, 0.80, 0.84, 0.92, 1.12, 1.45, 1.09]
# online demand per weekday, Monday..Sunday: browsing on Sunday evening and Monday
WEEKDAY_ONLINE = [1.08, 1.03, 1.00, 0.98, 0.93, 0.94, 1.04]
# the online share of orders at the start and at the end of the history
ONLINE_SHARE = (0.30, 0.40)
# sale periods and holiday peaks: (name, start month, start day, end month, end
# day, demand lift, share of discounted lines, discount range)
SALE_PERIODS = [
    ("Winter Clearance", 1, 1, 1, 20, 1.25, 0.60, (0.30, 0.60)),
    ("Spring Sale", 4, 10, 4, 20, 1.15, 0.40, (0.15, 0.30)),
    ("Summer Sale", 6, 20, 7, 31, 1.22, 0.55, (0.20, 0.50)),
    ("Black Friday", 11, 24, 11, 30, 1.85, 0.70, (0.25, 0.40)),
    ("Boxing Day", 12, 26, 12, 31, 1.35, 0.60, (0.30, 0.50)),
]
# share of lines discounted outside the sale periods (staff, vouchers, price matches)
BASE_DISCOUNT_SHARE = 0.10
# discount range outside the sale periods
BASE_DISCOUNT_RANGE = (0.10, 0.20)
# Christmas Day (month, day): stores are closed
CHRISTMAS_DAY = (12, 25)
# online demand on Christmas Day, as a share of an ordinary day's
CHRISTMAS_ONLINE_FACTOR = 0.4

# --------------------------------------------------------------------------- orders and baskets
# order time of day in stores: opening hours, from 10:00 to 21:00
STORE_ORDER_HOURS = (10, 21)
# order time of day online: any second of the day
ONLINE_ORDER_SECONDS = (0, 86_400)
# lines per order = 1 + Poisson(this), capped: most baskets hold one or two items
LINES_PER_ORDER_EXTRA = 1.25
# the cap on lines per order (a bigger basket is a reseller, not a shopper)
MAX_LINES_PER_ORDER = 8
# units per line: almost always one, a second colour sometimes, rarely three
QUANTITY_WEIGHTS = {1: 0.87, 2: 0.10, 3: 0.03}
# how strongly a category's season affinity bends its demand over the year
CATEGORY_SEASON_AMPLITUDE = 0.6
# a product older than this many days is last year's collection (cleared deeper)
CLEARANCE_AGE_DAYS = 300
# extra discount on last year's collections during a sale
CLEARANCE_EXTRA_DISCOUNT = 0.15
# the deepest discount a clearance gives
MAX_CLEARANCE_DISCOUNT = 0.7
# share of store orders placed by a customer of the store's own market (the
# rest, and every online order, by anyone: visitors, travellers)
LOCAL_CUSTOMER_SHARE = 0.8

# --------------------------------------------------------------------------- returns
# a return comes back between 3 and 29 days after the order
RETURN_WINDOW_DAYS = (3, 30)
# return time of day: from 9:00 to 20:00
RETURN_HOURS = (9, 20)
# return rate by channel, times the category's: online buyers send back far more
RETURN_CHANNEL_FACTOR = {"store": 0.6, "online": 1.6}

# --------------------------------------------------------------------------- assortment
# weight of a style's popularity in whether a store carries it (the rest: flat)
CARRY_POPULARITY_WEIGHT = 0.5
# no style is carried by more than this share of the stores
MAX_CARRY_SHARE = 0.95

# --------------------------------------------------------------------------- stores
# store formats and their share of the physical stores
STORE_FORMATS = {"Store": 0.55, "Mall": 0.25, "Outlet": 0.12, "Flagship": 0.08}
# median selling floor of a store (square metres) and its log-normal spread
STORE_SIZE_SQM = (900, 0.35)
# how much bigger than a median store each large format is
STORE_FORMAT_SIZE = {"Flagship": 2.2, "Outlet": 1.3}
# share of stores that open during the history
NEW_STORE_SHARE = 0.15

# --------------------------------------------------------------------------- customers
# share of customers who signed up before the history starts
PRE_HISTORY_CUSTOMER_SHARE = 0.40
# how many years before the history the earliest customers signed up
PRE_HISTORY_SIGNUP_YEARS = 7
# mode of the signups during the history (0: its start, 1: its end): signups
# grow over time, triangular towards the end
SIGNUP_TRIANGLE_MODE = 0.75
# spread of the log-normal propensity to order (a heavy tail of best customers)
PROPENSITY_SIGMA = 1.1
# share of customers who hardly ever come back, and their propensity factor
LAPSED_CUSTOMER_SHARE = 0.33
LAPSED_PROPENSITY = 0.15
# propensity to order by loyalty tier: higher tiers buy more often
TIER_PROPENSITY = {"Bronze": 1.0, "Silver": 1.5, "Gold": 2.2, "Platinum": 3.2}

# --------------------------------------------------------------------------- staff
# annual salary band per job title (USD): a title sets its band
SALARY_BANDS = {
    "Head of Retail": (180000, 220000),
    "Regional Manager": (95000, 130000),
    "Store Manager": (62000, 85000),
    "Assistant Manager": (48000, 58000),
    "Senior Sales Associate": (36000, 44000),
    "Sales Associate": (31000, 38000),
    "Stock Associate": (30000, 35000),
    "Visual Merchandiser": (40000, 50000),
    "E-commerce Manager": (90000, 120000),
    "E-commerce Specialist": (55000, 75000),
    "Customer Service Agent": (36000, 45000),
    "Warehouse Associate": (32000, 38000),
}
# salaries are offered in whole hundreds of dollars
SALARY_ROUNDING = 100
# mean years in the job (exponential): leaders stay, store associates churn
TENURE_YEARS = {
    "Head of Retail": 50,
    "Regional Manager": 40,
    "Store Manager": 6,
    "Assistant Manager": 4,
    "Senior Sales Associate": 2.5,
    "Sales Associate": 2.5,
    "Stock Associate": 2.5,
    "Visual Merchandiser": 4,
    "E-commerce Manager": 8,
    "E-commerce Specialist": 3,
    "Customer Service Agent": 3,
    "Warehouse Associate": 3,
}
# nobody leaves within their first two months (days added to every tenure)
MIN_TENURE_DAYS = 60
# the Head of Retail was hired this many days before the history starts
HEAD_HIRED_BEFORE_DAYS = 2400
# regional managers were hired between these many days before the history
REGIONAL_HIRED_BEFORE_DAYS = (400, 3000)
# a store's first staff are hired these many days before it opens ...
HIRED_BEFORE_OPENING_DAYS = (10, 60)
# ... or, for a store open long before the history, these many days before it
HIRED_BEFORE_HISTORY_DAYS = (30, 2500)
# days a post stays vacant after someone leaves (a store manager: none)
VACANCY_DAYS = (7, 45)
# share of employees with a promotion, transfer or raise during the history
EMPLOYEE_CHANGE_RATE = 0.30
# a change comes at least this many days after the hire ...
CHANGE_AFTER_HIRE_DAYS = 180
# ... and at least this many days before the employee leaves
CHANGE_BEFORE_LEAVING_DAYS = 30
# a change is a promotion below the first cut (where the job has one), else a
# transfer below the second (selling staff below store management), else a raise
CHANGE_KIND_CUTS = (0.4, 0.7)
# a promotion pays at least this much more than the job before
PROMOTION_MIN_RAISE = 1500
# a raise, as a factor on the salary
RAISE_FACTOR = (1.02, 1.06)
# age at hire in whole years (from 18 to 54)
AGE_AT_HIRE_YEARS = (18, 55)


def category_season(season_sign: np.ndarray, month: int) -> np.ndarray:
    """Demand factor of a category in ``month`` (0: January): autumn/winter
    categories (positive sign) peak in January, spring/summer ones (negative
    sign) in July, a sign of 0 stays flat at 1."""
    return np.exp(CATEGORY_SEASON_AMPLITUDE * season_sign * np.cos(2 * np.pi * month / 12))


def tenure_days(rng: np.random.Generator, mean_years: float) -> int:
    """Days until someone hired for a job with ``mean_years`` of tenure leaves."""
    return int(rng.exponential(mean_years) * 365) + MIN_TENURE_DAYS


def salary_offer(rng: np.random.Generator, band: tuple[int, int]) -> int:
    """An annual salary within ``band``, in whole hundreds."""
    return int(round(rng.uniform(*band) / SALARY_ROUNDING) * SALARY_ROUNDING)
