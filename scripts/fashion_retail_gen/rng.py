"""Named, independent random streams derived from one seed.

Each part of the generator draws from its own stream, keyed by name, so adding a
draw in one place never shifts the numbers anywhere else, and the clean truth is
the same whatever the defect rate.
"""

from __future__ import annotations

import zlib

import numpy as np


def stream(seed: int, *names: object) -> np.random.Generator:
    """A generator for ``names`` under ``seed``; same inputs, same numbers."""
    key = [seed] + [zlib.crc32(str(name).encode()) for name in names]
    return np.random.default_rng(np.random.SeedSequence(key))


def choice(rng: np.random.Generator, weights: dict, size: int) -> np.ndarray:
    """Draw ``size`` keys of ``weights`` with probability proportional to values."""
    keys = np.array(list(weights.keys()), dtype=object)
    p = np.array(list(weights.values()), dtype=float)
    return keys[rng.choice(len(keys), size=size, p=p / p.sum())]
