"""Named, independent random streams derived from one seed.

Each part of the generator draws from its own stream, keyed by name, so adding a
draw in one place never shifts the numbers anywhere else, and the clean truth is
the same whatever the defect rate.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np


def stream(seed: int, *names: object) -> np.random.Generator:
    """A generator for ``names`` under ``seed``; same inputs, same numbers."""
    key = [seed] + [zlib.crc32(str(name).encode()) for name in names]
    return np.random.default_rng(np.random.SeedSequence(key))


def choice(rng: np.random.Generator, weights: dict, size: int) -> np.ndarray:
    """Draw ``size`` keys of ``weights`` with probability proportional to values."""
    return draw(rng, weights, size).values


@dataclass
class Drawn:
    """Keys drawn as codes: comparing codes is a machine compare, where
    comparing the keys themselves calls Python per element."""
    keys: np.ndarray            # object
    codes: np.ndarray           # index into keys, per draw

    @property
    def values(self) -> np.ndarray:
        return self.keys[self.codes]

    def mask(self, key) -> np.ndarray:
        """Where ``key`` was drawn (nowhere when it is not one of the keys)."""
        hits = np.flatnonzero(self.keys == key)
        return self.codes == hits[0] if len(hits) else np.zeros(len(self.codes), bool)


def draw(rng: np.random.Generator, weights: dict, size: int) -> Drawn:
    """``choice``, as codes: the same draws from the same stream."""
    keys = np.array(list(weights.keys()), dtype=object)
    p = np.array(list(weights.values()), dtype=float)
    return Drawn(keys, rng.choice(len(keys), size=size, p=p / p.sum()))
