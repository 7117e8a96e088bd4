"""fashion_retail: a fashion retailer's data, generated dirty, cleansed,
modelled, anonymized, synthesized and monitored by a dbt project.

Subpackages, one per capability the dbt project calls on or a user runs:

- ``gen``: the seeded, defect-injecting generator of the raw tables;
- ``privacy``: the PII key (a dbt-duckdb plugin), the privacy layer's YAML and
  the attack suite against the privacy database;
- ``synth``: statistical twins, called by the dbt Python models;
- ``report``: the static data-quality and monitoring report;
- ``cli``: the ``fashion-retail`` command;
- ``sql_lint``: sqlfluff with the recursion limit the SQL needs (``make lint``).

Importing the package imports nothing else: ``privacy.key_store`` runs in the
Spark virtualenv, which has neither numpy nor Faker.
"""

__version__ = "0.1.0"
