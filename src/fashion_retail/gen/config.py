"""Generator configuration and the sizes it implies at a given scale."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path

from fashion_retail.gen import schema

FORMATS = ("csv", "parquet")
# scale 1 is about 100k customers and 1M order lines
CUSTOMERS_PER_SCALE = 100_000
ORDER_LINES_PER_SCALE = 1_000_000
MIN_SCALE = 0.001
MAX_SCALE = 1000.0


def max_defect_rate() -> float:
    """The largest --defect-rate, to the hundredth, at which the defect rates
    of every column still add up to less than 100% (a cell carries at most one
    defect, so the rates of a column share its cells): 3.12 while phone
    columns get 32% at rate 1."""
    densest = max(sum(col.defects.values()) for table in schema.TABLES.values()
                  for col in table.columns)
    return math.floor(100 / densest - 1e-9) / 100


MAX_DEFECT_RATE = max_defect_rate()


class ConfigError(ValueError):
    """A generator option is out of range; the message is one line for the CLI."""


@dataclass(frozen=True)
class GeneratorConfig:
    scale: float = 0.05
    seed: int = 42
    defect_rate: float = 1.0
    anomalies: bool = True
    out: Path = field(default_factory=lambda: Path("data/raw"))
    fmt: str = "parquet"
    start_date: dt.date = dt.date(2023, 1, 1)
    end_date: dt.date = dt.date(2025, 12, 31)
    progress: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.scale, (int, float)) or not math.isfinite(self.scale):
            raise ConfigError(f"--scale must be a number, got {self.scale!r}")
        if not MIN_SCALE <= self.scale <= MAX_SCALE:
            raise ConfigError(
                f"--scale must be between {MIN_SCALE} and {MAX_SCALE:g}, "
                f"got {self.scale:g}"
            )
        if not isinstance(self.seed, int) or not 0 <= self.seed < 2**32:
            raise ConfigError(f"--seed must be an integer in [0, 2^32), got {self.seed!r}")
        if not math.isfinite(self.defect_rate) or \
                not 0 <= self.defect_rate <= MAX_DEFECT_RATE:
            raise ConfigError(
                f"--defect-rate must be between 0 and {MAX_DEFECT_RATE:g} (above it a "
                f"column's defect rates add up to more than 100%), got {self.defect_rate:g}"
            )
        if self.fmt not in FORMATS:
            raise ConfigError(f"--format must be one of {', '.join(FORMATS)}, got {self.fmt!r}")
        # a one-day history (start = end) is a valid set: that day's orders
        # and stock snapshot, and the entities that existed by then
        if self.end_date < self.start_date:
            raise ConfigError(
                f"--end-date {self.end_date} is before --start-date {self.start_date}")

    # --- sizes ---------------------------------------------------------------
    # Customers and order lines grow linearly with scale; the store network and
    # the catalogue grow with its square root (a retailer ten times bigger does
    # not have ten times the stores' product range), with floors so that the
    # small default scale still has a realistic shape.
    @property
    def n_customers(self) -> int:
        return max(200, round(CUSTOMERS_PER_SCALE * self.scale))

    @property
    def n_order_lines(self) -> int:
        return max(2_000, round(ORDER_LINES_PER_SCALE * self.scale))

    @property
    def n_stores(self) -> int:
        """Physical stores (the online channel is one more store row)."""
        return max(8, round(50 * math.sqrt(self.scale)))

    @property
    def n_sellers(self) -> int:
        return max(30, round(200 * math.sqrt(self.scale)))

    @property
    def n_styles(self) -> int:
        return max(150, round(900 * math.sqrt(self.scale)))

    @property
    def store_assortment(self) -> float:
        """Share of the catalogue a physical store carries."""
        return 0.12 if self.scale >= 0.5 else 0.18
