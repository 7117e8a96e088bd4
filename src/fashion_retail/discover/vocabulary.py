"""The word lists the detectors look values up in, each from a kept reference:
given and family names of Faker's 110 locales (census and registry lists),
country names and codes (ISO 3166 through pycountry, and CLDR's names in 20
languages through Babel), subdivisions (ISO 3166-2: US states, German Länder),
currencies (ISO 4217), and the words of column names in seven languages."""

from __future__ import annotations

import csv
import importlib
import re
from functools import cache, lru_cache
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]
NUMBERING_PLAN = PROJECT / "seeds" / "reference" / "phone_numbering_plan.csv"
# CLDR languages whose country names are looked up
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da", "nb", "fi", "cs",
             "tr", "ro", "hu", "el", "ru", "ja", "zh")
CURRENCY_SIGNS = {"€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₺": "TRY", "₩": "KRW",
                  "₽": "RUB", "zł": "PLN", "kr": None, "fr.": "CHF", "$": "USD",
                  "R$": "BRL", "A$": "AUD", "C$": "CAD", "US$": "USD"}


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, outer spaces gone, runs of spaces as one."""
    lowered = text.strip().lower()
    return re.sub(r"\s+", " ", lowered) if "  " in lowered or "\t" in lowered or \
        "\n" in lowered else lowered


@cache
def person_names() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, family names), folded, from every Faker locale."""
    from faker.config import AVAILABLE_LOCALES

    given: set[str] = set()
    family: set[str] = set()
    for locale in AVAILABLE_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except (ImportError, AttributeError):
            continue
        for attribute, into in (("first_names", given), ("first_names_female", given),
                                ("first_names_male", given), ("last_names", family)):
            values = provider.__dict__.get(attribute)
            if values is None or isinstance(values, property):
                continue
            into.update(v.strip().lower() for v in values if isinstance(v, str))
    return frozenset(given), frozenset(family)


@cache
def countries() -> frozenset[str]:
    """Country names (CLDR, 20 languages; ISO's official and common names) and
    ISO 3166 alpha-2 and alpha-3 codes, folded."""
    import pycountry
    from babel import Locale

    names: set[str] = set()
    for country in pycountry.countries:
        names.update(fold(getattr(country, attr)) for attr in
                     ("alpha_2", "alpha_3", "name", "official_name", "common_name")
                     if getattr(country, attr, None))
    codes = {c.alpha_2 for c in pycountry.countries}
    for language in LANGUAGES:
        names.update(fold(name) for code, name in Locale(language).territories.items()
                     if code in codes)
    names.update({"usa", "uk", "u.s.", "u.s.a.", "great britain", "england"})
    return frozenset(names)


@cache
def subdivisions() -> frozenset[str]:
    """ISO 3166-2 subdivision names and their codes' local part ('CA' of US-CA)."""
    import pycountry

    found: set[str] = set()
    for division in pycountry.subdivisions:
        found.add(fold(division.name))
        code = division.code.split("-", 1)[1]
        if len(code) >= 2 and not code.isdigit():
            found.add(fold(code))
    return frozenset(found)


@cache
def currencies() -> frozenset[str]:
    """ISO 4217 codes, folded."""
    import pycountry

    return frozenset(fold(c.alpha_3) for c in pycountry.currencies)


@cache
def numbering_plan() -> list[tuple[str, str, str, re.Pattern, re.Pattern, re.Pattern]]:
    """(region, calling code, trunk prefix, general pattern, pattern of the
    numbers that exist, exit prefix) of every main region, from the committed
    numbering plan (libphonenumber's): a national number exists when it matches
    both patterns; the exit prefix is what is dialled there to call abroad."""
    plan = []
    if not NUMBERING_PLAN.exists():   # installed without the project's seeds
        return plan
    with open(NUMBERING_PLAN, newline="") as handle:
        for row in csv.DictReader(handle):
            if row["is_main_region"] != "true":
                continue
            if not row["valid_pattern"]:
                continue
            plan.append((row["region_code"], row["calling_code"], row["trunk_prefix"],
                         re.compile(row["general_pattern"]), re.compile(row["valid_pattern"]),
                         re.compile(row["exit_prefix"] or "(?!)")))
    return plan
