"""Seeded, defect-injecting synthetic raw data for the fashion_retail project.

The generator first builds the clean truth of a fashion retailer (stores, sellers,
products, employees, customers, orders, order lines, inventory snapshots), then
passes every table through a defect injector that records each injected defect in
a ledger. ``fashion_retail.gen.generate.generate()`` is the library entry point;
``fashion-retail generate`` is the command line.
"""

__version__ = "0.1.0"
