"""Faker value pools, sampled in bulk with numpy.

Faker makes a few thousand values a second one call at a time, so it is used
only to fill pools: first and last names straight from each locale's provider
lists (every combination is possible, so names do not repeat by the hundred),
streets, cities with real ZIP codes per state, companies. Rows are then drawn
from the pools with numpy.
"""

from __future__ import annotations

import csv
import importlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
from faker import Faker

from fashion_retail.gen import text, vocab
from fashion_retail.gen.rng import Drawn


def ascii_fold(value: str) -> str:
    """'José Núñez' -> 'Jose Nunez' (for e-mail local parts)."""
    return unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()


# what the generator asks Faker for: companies, person names, and addresses (the
# fallback of provider_class)
FAKER_PROVIDERS = ["faker.providers.company", "faker.providers.person",
                   "faker.providers.address"]


@cache
def faker_for(locale: str) -> Faker:
    """One Faker per locale, reseed before use. With the providers the generator
    uses only: a Faker with all of them costs 15-30 ms to build, most of it
    listing every provider's locale modules on disk; the values drawn are the
    same."""
    return Faker(locale, providers=FAKER_PROVIDERS)


def provider_class(kind: str, locale: str):
    """Faker's provider class for a locale, without building a Faker (10+ ms each).

    The name, street and ZIP lists are class attributes; falls back to a Faker
    instance's provider when the locale has no module of its own.
    """
    try:
        return importlib.import_module(f"faker.providers.{kind}.{locale}").Provider
    except ModuleNotFoundError:
        return _provider(faker_for(locale), kind)


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


def build_pools(seed: int) -> Pools:
    """Pools composed from Faker's own provider lists, with numpy.

    Faker's en_US streets are '<first or last name> <suffix>', its cities
    '<prefix> <first name><suffix>' and the like, its ZIP codes a range per
    state: composing them from the same lists gives the same values at no cost
    per value. Companies are drawn per seller in build_sellers.
    """
    import numpy as np

    rng = np.random.default_rng([seed, 0x9001])
    names = {}
    for locale in vocab.PERSON_LOCALES:
        person = provider_class("person", locale)
        female = getattr(person, "first_names_female", person.first_names)
        male = getattr(person, "first_names_male", person.first_names)
        names[locale] = NamePool(_weighted(female), _weighted(male),
                                 _weighted(person.last_names))

    person = provider_class("person", "en_US")
    address = provider_class("address", "en_US")
    firsts = np.array(sorted(set(person.first_names)), dtype=object)
    lasts = np.array(sorted(set(person.last_names)), dtype=object)
    suffixes = np.array(address.street_suffixes, dtype=object)
    k = 1500
    stem = np.where(rng.random(k) < 0.5, firsts[rng.integers(0, len(firsts), k)],
                    lasts[rng.integers(0, len(lasts), k)])
    streets = np.array(sorted(set(stem + " " + suffixes[rng.integers(0, len(suffixes), k)])),
                       dtype=object)

    market_abbr = [m[1] for m in vocab.MARKETS]
    prefixes = list(address.city_prefixes)
    city_suffixes = list(address.city_suffixes)
    cities, states, zips, market = [], [], [], []
    for abbr, (low, high) in address.states_postcode.items():
        if abbr not in vocab.STATE_NAMES:
            continue
        in_market = abbr in market_abbr
        n = 40 if in_market else 6
        style = rng.integers(0, 4, n)
        first = firsts[rng.integers(0, len(firsts), n)]
        last = lasts[rng.integers(0, len(lasts), n)]
        pre = np.array(prefixes, dtype=object)[rng.integers(0, len(prefixes), n)]
        suf = np.array(city_suffixes, dtype=object)[rng.integers(0, len(city_suffixes), n)]
        made = np.where(style == 0, pre + " " + first + suf,
                np.where(style == 1, pre + " " + first,
                np.where(style == 2, first + suf, last + suf)))
        cities += list(made)
        states += [abbr] * n
        zips += [f"{z:05d}" for z in rng.integers(low, high + 1, n)]
        market += [market_abbr.index(abbr) if in_market else -1] * n
    tlds = np.array(["com", "com", "com", "net", "org", "biz", "info", "io"], dtype=object)
    work = np.array([re.sub(r"[^a-z0-9-]", "", ascii_fold(x).lower()) for x in lasts],
                    dtype=object)
    work_domains = np.array(sorted(set(
        work[rng.integers(0, len(work), 400)] + "." + tlds[rng.integers(0, len(tlds), 400)])),
        dtype=object)
    return Pools(
        names=names,
        streets=streets,
        cities=np.array(cities, dtype=object),
        city_states=np.array(states, dtype=object),
        city_zips=np.array(zips, dtype=object),
        city_market=np.array(market),
        work_domains=work_domains,
    )


def draw_people(pools: Pools, rng: np.random.Generator, genders: Drawn,
                locales: Drawn) -> tuple[np.ndarray, np.ndarray]:
    """First and last names for people of the given genders and locales."""
    n = len(genders.codes)
    first = np.empty(n, dtype=object)
    last = np.empty(n, dtype=object)
    female, male = genders.mask("Female"), genders.mask("Male")
    for locale, pool in pools.names.items():
        in_locale = locales.mask(locale)
        if not in_locale.any():
            continue
        for is_gender, (values, p) in ((female, pool.female), (male, pool.male)):
            mask = in_locale & is_gender
            first[mask] = values[rng.choice(len(values), size=mask.sum(), p=p)]
        other = in_locale & ~(female | male)
        both = np.concatenate([pool.female[0], pool.male[0]])
        first[other] = both[rng.integers(0, len(both), other.sum())]
        values, p = pool.last
        last[in_locale] = values[rng.choice(len(values), size=in_locale.sum(), p=p)]
    return first, last


@cache
def _numbering_plan() -> dict[str, tuple[str, str]]:
    from fashion_retail.cleansing.numbering_plan import PROJECT, SEED

    with open(PROJECT / SEED, newline="", encoding="utf-8") as handle:
        return {row["calling_code"]: (row["general_pattern"], row["valid_pattern"])
                for row in csv.DictReader(handle) if row["is_main_region"] == "true"}


@cache
def number_exists(calling_code: str) -> Callable[[str], bool]:
    """Whether a national number of a calling code's main region exists, as
    the committed numbering plan (libphonenumber's, rendered by
    ``fashion_retail.cleansing.numbering_plan``) says and ``standardize_phone``
    reads: it matches the general pattern and a kind's (fixed line, mobile...).
    The generator writes only numbers that could be dialled."""
    general, valid = (re.compile(pattern) for pattern in _numbering_plan()[calling_code])
    return lambda national: bool(general.fullmatch(national) and valid.fullmatch(national))


@cache
def us_area_codes() -> np.ndarray:
    """The United States' area codes in which a number exists."""
    exists = number_exists("1")
    return np.array([area for area in range(200, 1000)
                     if any(exists(f"{area}{exchange}0000")
                            for exchange in range(200, 1000, 37))], dtype=np.int64)


def us_phones(rng: np.random.Generator, n: int) -> np.ndarray:
    """E.164 United States numbers that exist. A first try of area code
    (201-989), exchange (200-999) and line; the numbers the numbering plan
    says do not exist are drawn again, in an area code in use, from a child
    stream (``Generator.spawn`` does not advance ``rng``: the caller's other
    draws are the same whichever numbers were drawn again)."""
    exists = number_exists("1")
    number = (rng.integers(201, 990, n).astype(np.int64) * 10_000_000
              + rng.integers(200, 1000, n) * 10_000 + rng.integers(0, 10_000, n))
    todo = np.flatnonzero([not exists(str(value)) for value in number.tolist()])
    if len(todo):
        again, areas = rng.spawn(1)[0], us_area_codes()
        while len(todo):
            drawn = (areas[again.integers(0, len(areas), len(todo))] * 10_000_000
                     + again.integers(200, 1000, len(todo)) * 10_000
                     + again.integers(0, 10_000, len(todo)))
            number[todo] = drawn
            todo = todo[[not exists(str(value)) for value in drawn.tolist()]]
    return "+1" + text.integer_objects(number)


#: tries at a valid national number before giving up (every seller country's
#: numbers of its length are valid more often than one time in a hundred)
NATIONAL_NUMBER_TRIES = 10_000


def national_phone(rng: np.random.Generator, calling_code: str, digits: int) -> str:
    """One E.164 number of a country: a national number of `digits` digits,
    drawn again (from a child stream, as in us_phones) until the numbering
    plan says it exists."""
    if calling_code == "1":
        return str(us_phones(rng, 1)[0])
    exists = number_exists(calling_code)
    draws = rng
    for _ in range(NATIONAL_NUMBER_TRIES):
        national = str(draws.integers(1, 10)) + "".join(
            draws.integers(0, 10, digits - 1).astype(str))
        if exists(national):
            return f"+{calling_code}{national}"
        if draws is rng:
            draws = rng.spawn(1)[0]
    raise ValueError(f"no valid {digits}-digit number for calling code +{calling_code} "
                     f"in {NATIONAL_NUMBER_TRIES} tries")
