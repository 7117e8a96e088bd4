"""Faker value pools, sampled in bulk with numpy.

Faker makes a few thousand values a second one call at a time, so it is used
only to fill pools: first and last names straight from each locale's provider
lists (every combination is possible, so names do not repeat by the hundred),
streets, cities with real ZIP codes per state, companies. Rows are then drawn
from the pools with numpy.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np
from faker import Faker

from fashion_retail_gen import vocab


def ascii_fold(text: str) -> str:
    """'José Núñez' -> 'Jose Nunez' (for e-mail local parts)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


@cache
def faker_for(locale: str) -> Faker:
    """One Faker per locale (creating one costs about 10 ms); reseed before use."""
    return Faker(locale)


def _provider(fake: Faker, kind: str):
    return next(p for p in fake.providers if f".{kind}." in type(p).__module__ + ".")


def _weighted(values) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(values, dict):
        names = np.array(list(values.keys()), dtype=object)
        weights = np.array(list(values.values()), dtype=float)
    else:
        names = np.array(sorted(set(values)), dtype=object)
        weights = np.ones(len(names))
    return names, weights / weights.sum()


@dataclass
class NamePool:
    female: tuple[np.ndarray, np.ndarray]
    male: tuple[np.ndarray, np.ndarray]
    last: tuple[np.ndarray, np.ndarray]


@dataclass
class Pools:
    names: dict[str, NamePool]
    streets: np.ndarray
    # one row per (city, state, zip): arrays of equal length, with the state's
    # index into vocab.MARKETS or -1 when out of market
    cities: np.ndarray
    city_states: np.ndarray
    city_zips: np.ndarray
    city_market: np.ndarray
    work_domains: np.ndarray
    companies: dict[str, np.ndarray]


def build_pools(seed: int) -> Pools:
    names = {}
    for locale in vocab.PERSON_LOCALES:
        person = _provider(faker_for(locale), "person")
        female = getattr(person, "first_names_female", person.first_names)
        male = getattr(person, "first_names_male", person.first_names)
        names[locale] = NamePool(_weighted(female), _weighted(male),
                                 _weighted(person.last_names))

    fake = faker_for("en_US")
    fake.seed_instance(seed)
    streets = np.array(sorted({fake.street_name() for _ in range(1500)}), dtype=object)
    address = _provider(fake, "address")
    market_abbr = [m[1] for m in vocab.MARKETS]
    cities, states, zips, market = [], [], [], []
    for abbr in address.states_abbr:
        if abbr in ("AA", "AE", "AP", "AS", "FM", "GU", "MH", "MP", "PR", "PW", "VI"):
            continue
        in_market = abbr in market_abbr
        for _ in range(40 if in_market else 6):
            cities.append(fake.city())
            states.append(abbr)
            zips.append(fake.zipcode_in_state(abbr))
            market.append(market_abbr.index(abbr) if in_market else -1)
    work_domains = np.array(
        sorted({re.sub(r"[^a-z0-9.-]", "", fake.domain_name()) for _ in range(400)}),
        dtype=object,
    )
    companies = {}
    for _, locale, *_ in vocab.SELLER_COUNTRIES:
        cfake = faker_for(locale)
        cfake.seed_instance(seed)
        companies[locale] = np.array(
            sorted({cfake.company() for _ in range(150)}), dtype=object
        )
    return Pools(
        names=names,
        streets=streets,
        cities=np.array(cities, dtype=object),
        city_states=np.array(states, dtype=object),
        city_zips=np.array(zips, dtype=object),
        city_market=np.array(market),
        work_domains=work_domains,
        companies=companies,
    )


def draw_people(pools: Pools, rng: np.random.Generator, genders: np.ndarray,
                locales: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First and last names for people of the given genders and locales."""
    n = len(genders)
    first = np.empty(n, dtype=object)
    last = np.empty(n, dtype=object)
    for locale, pool in pools.names.items():
        in_locale = locales == locale
        if not in_locale.any():
            continue
        for gender, (values, p) in (("Female", pool.female), ("Male", pool.male)):
            mask = in_locale & (genders == gender)
            first[mask] = values[rng.choice(len(values), size=mask.sum(), p=p)]
        other = in_locale & ~np.isin(genders, ["Female", "Male"])
        both = np.concatenate([pool.female[0], pool.male[0]])
        first[other] = both[rng.integers(0, len(both), other.sum())]
        values, p = pool.last
        last[in_locale] = values[rng.choice(len(values), size=in_locale.sum(), p=p)]
    return first, last


def us_phones(rng: np.random.Generator, n: int) -> np.ndarray:
    """E.164 North American numbers: +1, area code and exchange not starting 0/1."""
    area = rng.integers(201, 990, n)
    exchange = rng.integers(200, 1000, n)
    line = rng.integers(0, 10_000, n)
    number = area.astype(np.int64) * 10_000_000 + exchange * 10_000 + line
    return np.char.add("+1", number.astype(str)).astype(object)
