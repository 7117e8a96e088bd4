"""Discovery: read any source, profile it, type its columns, find its keys and
hidden entities, and classify its PII (``fashion-retail discover``).

- ``sources``: finds the tables in the paths given (CSV/TSV of any dialect and
  encoding, JSON and JSON lines, parquet, a DuckDB database) and loads each into a
  DuckDB work database, in bounded memory;
- ``profile``: per column, the figures over every row (nulls, null-like tokens,
  distinct values, min, max, lengths, the narrowest type that holds the values)
  and a sample's top values, shapes, histogram, timeline and lengths;
- ``semantic``: the semantic type of a column, from its values first and its
  name second, with a confidence and the evidence, and the format hints the
  cleansing macros take;
- ``keys``: candidate primary keys, foreign keys (inclusion dependencies),
  functional dependencies and the entities a denormalized table holds;
- ``pii``: the PII class, privacy operation and access level;
- ``run``: the whole pipeline, ``discovery.json`` and the command line;
- ``page``: the static profile page (``index.html``), values masked.
"""


class DiscoverError(RuntimeError):
    """A source cannot be discovered; the message is one line for the CLI and
    never quotes the data."""
