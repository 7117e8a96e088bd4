"""The retailer's twins: customers, products, orders and order lines.

Each ``synthesize_*`` function takes the cleansed, pre-anonymization rows and
returns synthetic rows; the dbt Python models in ``models/synthetic/`` only
call them. Every table is fitted on its training slice (``training_rows``:
four ids in five) so that the held-out fifth can measure privacy.

- customers: gender, date of birth, state, signup date, loyalty tier,
  marketing opt-in, country, and how many orders the customer places;
- products: one copula per category (brand, size, colour, material, season,
  cost, list price, launch date), costs kept below list prices;
- orders: each synthetic customer places its sampled number of orders; an
  order's channel, payment method, number of lines and position in time come
  from the orders' copula (one per channel), the position being where the order falls between
  the customer's first possible order day (signup, or the data's first day)
  and the data's last day, so dates stay in range and after the signup;
- order lines: category, quantity, unit price, discount rate and return from
  the lines' copula, conditioned on category; the product is the synthetic
  product of that category whose list price is nearest the sampled price, and
  the unit price is its list price (prices consistent with the category by
  construction); quantity at least 1, discount between 0 and the gross amount,
  so net never exceeds gross.

No names, e-mails, phones or addresses are synthesized: the twin is for
analysis and training, and holds no person.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from fashion_retail.synth.copula import GaussianCopula
from fashion_retail.synth.privacy import remove_exact_copies

CUSTOMER_COLUMNS = ["gender", "date_of_birth", "state", "signup_date", "loyalty_tier",
                    "is_marketing_opt_in", "country", "orders"]
PRODUCT_COLUMNS = ["category", "brand", "size", "colour", "material", "season", "cost",
                   "list_price", "launch_date"]
ORDER_COLUMNS = ["channel", "payment_method", "position", "lines"]
LINE_COLUMNS = ["category", "quantity", "unit_price", "discount_rate", "is_returned"]
# what the quality report compares for order lines: a line with its order
LINE_REPORT_COLUMNS = ["category", "quantity", "unit_price", "discount_amount", "is_returned",
                       "channel", "payment_method", "order_date"]


def training_rows(frame: pd.DataFrame, key: str) -> pd.Series:
    """Four ids in five train the twin; the fifth is held out (by id, stable)."""
    return (frame[key].astype("int64") % 5) != 0


def _rows(real_rows: int, scale: float) -> int:
    if scale <= 0:
        raise ValueError("the synthetic scale must be positive")
    return max(int(round(real_rows * scale)), 1)


def _no_copies(real: pd.DataFrame, synthetic: pd.DataFrame, model: GaussianCopula,
               columns: list[str], seed: int) -> pd.DataFrame:
    """Resample every synthetic row equal to a real row (training or held out)."""
    return remove_exact_copies(real, synthetic, columns,
                               lambda n, attempt: model.sample(n, seed=seed + 1000 + attempt))


def synthesize_customers(customers: pd.DataFrame, orders: pd.DataFrame, scale: float = 1.0,
                         seed: int = 0) -> pd.DataFrame:
    """customers: one row per customer (its current version); orders: customer_id
    per order, to learn how many orders a customer places."""
    real = with_order_counts(customers, orders)
    train = real[training_rows(real, "customer_id")]
    model = GaussianCopula(seed=seed).fit(train[CUSTOMER_COLUMNS])
    synthetic = model.sample(_rows(len(real), scale), seed=seed + 1)
    synthetic = _no_copies(real[CUSTOMER_COLUMNS], synthetic, model, CUSTOMER_COLUMNS, seed)
    synthetic["orders"] = synthetic["orders"].fillna(0).astype("int64").clip(lower=0)
    synthetic["is_marketing_opt_in"] = synthetic["is_marketing_opt_in"].astype("boolean")
    synthetic.insert(0, "customer_id", np.arange(1, len(synthetic) + 1))
    return synthetic


def synthesize_products(products: pd.DataFrame, scale: float = 1.0,
                        seed: int = 0) -> pd.DataFrame:
    train = products[training_rows(products, "product_id")]
    model = GaussianCopula(condition_on="category", min_group_rows=30,
                           seed=seed).fit(train[PRODUCT_COLUMNS])
    synthetic = model.sample(_rows(len(products), scale), seed=seed + 1)
    synthetic = _no_copies(products[PRODUCT_COLUMNS], synthetic, model, PRODUCT_COLUMNS, seed)
    cost = pd.to_numeric(synthetic["cost"], errors="coerce")
    price = pd.to_numeric(synthetic["list_price"], errors="coerce")
    synthetic["cost"] = np.where(cost.notna() & price.notna() & (cost >= price),
                                 (price * 0.95).round(2), cost)
    synthetic["list_price"] = price
    synthetic.insert(0, "product_id", np.arange(1, len(synthetic) + 1))
    return synthetic


def synthesize_orders(orders: pd.DataFrame, lines: pd.DataFrame, customers: pd.DataFrame,
                      synthetic_customers: pd.DataFrame, seed: int = 0) -> pd.DataFrame:
    """orders: order_id, customer_id, channel, payment_method, order_date; lines:
    order_id per line; customers: customer_id and signup_date. One synthetic
    order per order the synthetic customers place."""
    per_order = lines.groupby("order_id").size()
    dates = pd.to_datetime(orders["order_date"])
    first, last = dates.min(), dates.max()
    signup = pd.to_datetime(orders["customer_id"].map(
        customers.set_index("customer_id")["signup_date"]))
    start = signup.fillna(first).clip(lower=first)
    span = (last - start).dt.days.clip(lower=0)
    position = ((dates - start).dt.days / span.where(span > 0, 1)).clip(0, 1)
    real = orders.assign(lines=orders["order_id"].map(per_order).fillna(0).astype("int64"),
                         position=position)
    train = real[training_rows(real, "order_id")]
    # one copula per channel: stores and the web take different payment methods
    model = GaussianCopula(condition_on="channel", seed=seed).fit(train[ORDER_COLUMNS])
    counts = synthetic_customers["orders"].fillna(0).astype("int64").to_numpy()
    synthetic = model.sample(int(counts.sum()), seed=seed + 1)
    customer = np.repeat(synthetic_customers["customer_id"].to_numpy(), counts)
    synthetic_signup = pd.Series(np.repeat(
        pd.to_datetime(synthetic_customers["signup_date"]).to_numpy(), counts))
    start = synthetic_signup.fillna(first).clip(lower=first, upper=last)
    days = (last - start).dt.days
    offset = (pd.to_numeric(synthetic["position"], errors="coerce").fillna(0).clip(0, 1)
              * days).round().astype("int64")
    synthetic["order_date"] = (start + pd.to_timedelta(offset, unit="D")).dt.normalize()
    synthetic["lines"] = synthetic["lines"].fillna(1).astype("int64").clip(lower=1)
    synthetic = synthetic.drop(columns=["position"])
    synthetic.insert(0, "customer_id", customer)
    synthetic.insert(0, "order_id", np.arange(1, len(synthetic) + 1))
    return synthetic


def synthesize_order_lines(lines: pd.DataFrame, products: pd.DataFrame,
                           synthetic_orders: pd.DataFrame, synthetic_products: pd.DataFrame,
                           seed: int = 0) -> pd.DataFrame:
    """lines: order_line_id, product_id, quantity, unit_price, discount_amount,
    is_returned; products: product_id and category. One synthetic line per line
    the synthetic orders hold, each on a synthetic product."""
    real = lines.merge(products[["product_id", "category"]], on="product_id", how="left")
    gross = real["quantity"].astype(float) * real["unit_price"].astype(float)
    real = real.assign(discount_rate=np.where(gross > 0, real["discount_amount"].astype(float)
                                              / gross.where(gross > 0, 1), 0.0))
    train = real[training_rows(real, "order_line_id")]
    model = GaussianCopula(condition_on="category", min_group_rows=200,
                           seed=seed).fit(train[LINE_COLUMNS])
    per_order = synthetic_orders["lines"].astype("int64").to_numpy()
    synthetic = model.sample(int(per_order.sum()), seed=seed + 1)
    rng = np.random.default_rng(seed + 2)
    # the product: the synthetic product of the line's category whose list
    # price is nearest the sampled unit price
    priced = synthetic_products.assign(list_price=synthetic_products["list_price"].astype(float))
    priced = priced[priced["list_price"].notna()].sort_values("list_price")
    catalogue = {c: (g["list_price"].to_numpy(), g["product_id"].to_numpy())
                 for c, g in priced.groupby("category")}
    everything = (priced["list_price"].to_numpy(), priced["product_id"].to_numpy())
    target = pd.to_numeric(synthetic["unit_price"], errors="coerce").to_numpy(dtype=float)
    product = np.empty(len(synthetic), dtype="int64")
    for category, index in synthetic.groupby("category", dropna=False).groups.items():
        index = np.asarray(index)
        prices, ids = catalogue.get(category, everything)
        wanted = np.where(np.isnan(target[index]), rng.choice(prices, len(index)), target[index])
        at = np.clip(np.searchsorted(prices, wanted), 1, len(prices) - 1) if len(prices) > 1 \
            else np.zeros(len(index), dtype=int)
        if len(prices) > 1:
            nearer_below = np.abs(prices[at - 1] - wanted) <= np.abs(prices[at] - wanted)
            at = np.where(nearer_below, at - 1, at)
        product[index] = ids[at]
    price = synthetic_products.set_index("product_id")["list_price"].astype(float)
    synthetic["product_id"] = product
    synthetic["category"] = synthetic_products.set_index("product_id")["category"] \
        .reindex(product).to_numpy()
    synthetic["unit_price"] = price.reindex(product).to_numpy()
    synthetic["quantity"] = synthetic["quantity"].fillna(1).astype("int64").clip(lower=1)
    rate = pd.to_numeric(synthetic["discount_rate"], errors="coerce").fillna(0).clip(0, 1)
    gross = synthetic["quantity"] * synthetic["unit_price"]
    synthetic["discount_amount"] = (gross * rate).round(2).clip(lower=0, upper=gross)
    synthetic["is_returned"] = synthetic["is_returned"].fillna(False).astype(bool)
    synthetic = synthetic.drop(columns=["discount_rate"])
    synthetic.insert(0, "order_id", np.repeat(synthetic_orders["order_id"].to_numpy(), per_order))
    synthetic.insert(0, "order_line_id", np.arange(1, len(synthetic) + 1))
    return synthetic


def augment(frame: pd.DataFrame, rows: int, key: str | None = None,
            condition_on: str | None = None, seed: int = 0) -> pd.DataFrame:
    """The real rows plus ``rows`` synthetic rows that follow them (the "we only
    have a few hundred fraud cases" use), flagged ``is_synthetic``; a key column
    is renumbered after the real keys and left out of the model."""
    if rows < 0:
        raise ValueError("rows must be at least 0")
    columns = [c for c in frame.columns if c != key]
    model = GaussianCopula(condition_on=condition_on, min_group_rows=20,
                           seed=seed).fit(frame[columns])
    synthetic = model.sample(rows, seed=seed + 1)
    synthetic = remove_exact_copies(frame[columns], synthetic, columns,
                                    lambda n, attempt: model.sample(n, seed=seed + 100 + attempt))
    if key is not None:
        start = int(frame[key].max()) + 1 if len(frame) else 1
        synthetic.insert(0, key, np.arange(start, start + rows))
    real = frame.assign(is_synthetic=False)
    return pd.concat([real, synthetic.assign(is_synthetic=True)[real.columns]],
                     ignore_index=True)


def current(relation, key: str) -> pd.DataFrame:
    """The current version of each row of a cleansed table (a DuckDB relation
    with updated_at): the latest per key."""
    return relation.query("versions", f"""
        select * from versions
        qualify row_number() over (partition by {key} order by updated_at desc) = 1
    """).df()


def current_customers(customers, orders) -> pd.DataFrame:
    """Current customers with the number of orders each placed, as the
    customers' twin models them (DuckDB relations in, a DataFrame out)."""
    return with_order_counts(current(customers, "customer_id"), orders.df())


def with_order_counts(customers: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """The customers with ``orders``: how many orders each placed (0 for none)."""
    per_customer = orders.groupby("customer_id").size()
    return customers.assign(orders=customers["customer_id"].map(per_customer).fillna(0)
                            .astype("int64"))


def lines_per_customer(customers: pd.DataFrame, orders: pd.DataFrame,
                       lines: pd.DataFrame) -> np.ndarray:
    """How many order lines each customer has, customers without any included."""
    per_order = lines.groupby("order_id").size()
    per_customer = orders.assign(lines=orders["order_id"].map(per_order).fillna(0)) \
        .groupby("customer_id")["lines"].sum()
    return customers["customer_id"].map(per_customer).fillna(0).to_numpy(dtype=float)
