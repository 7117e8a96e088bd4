"""Statistical twins of the warehouse's tables: fit, sample, and measure.

- ``copula``: a Gaussian copula over empirical marginals (numeric, date,
  categorical and boolean columns, nulls kept at their rate), optionally one
  copula per value of a conditioning column (products per category);
- ``metrics``: the quality measures of SDMetrics' quality report (KS and
  total-variation complements per column, correlation and contingency
  similarity per column pair, their mean);
- ``privacy``: exact copies and distance to the closest real record, against a
  held-out slice of real rows;
- ``twins``: the retailer's tables (customers, products, orders and order lines
  linked to them), as the dbt Python models in ``models/synthetic/`` call them.

Only numpy and pandas: no scipy, no SDV.
"""
