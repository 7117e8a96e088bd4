"""canonicalize on the spellings real exports use, with the committed
canonical_values seed: no implausible guess (the issue's wrong guesses are
null or right), every spelling from the well-kept sources the seed is
rendered from maps to its value, and the SQL spelling key is the Python one
the seed's collision check uses."""

from __future__ import annotations

import pytest

from fashion_retail.gen import reference
from fashion_retail.gen.vocab import SELLER_COUNTRIES, STATE_NAMES

from conftest import macro_readings

#: (value, domain, what canonicalize must give)
EXAMPLES = [
    ("Miss.", "us_state", "MS"), ("Tenn.", "us_state", "TN"), ("W.Va.", "us_state", "WV"),
    ("W Virginia", "us_state", None), ("Marron", "colour", None), ("Pine", "colour", None),
    ("Pnk", "colour", "Pink"), ("Burgandy", "colour", "Burgundy"), ("3X-Large", "size", None),
    ("2X-Large", "size", "XXL"), ("38 EU", "size", "38"), ("32W", "size", "32"),
    ("Size M", "size", "M"), ("OSFA", "size", "One Size"), ("K.S.A.", "country", None),
    ("Royaume-Uni", "country", "United Kingdom"), ("Espana", "country", "Spain"),
    ("DEU", "country", "Germany"), ("Toys", "product_category", None),
    ("Shos", "product_category", "Shoes"), ("T-Shitrs", "product_category", "T-Shirts"),
]


def readings(values_by_domain: dict[str, list[str]], folder) -> dict[tuple[str, str], str]:
    """canonicalize of each value in its domain (every domain's call compiled
    once, over all the values)."""
    values = [value for domain_values in values_by_domain.values() for value in domain_values]
    got = macro_readings({domain: f"{{{{ canonicalize('input_text', '{domain}') }}}}"
                          for domain in values_by_domain}, values, folder,
                         seeds=["canonical_values"])
    return {(domain, value): got[domain][values.index(value)]
            for domain, domain_values in values_by_domain.items() for value in domain_values}


def test_no_implausible_guess(tmp_path):
    by_domain: dict[str, list[str]] = {}
    for value, domain, _expected in EXAMPLES:
        by_domain.setdefault(domain, []).append(value)
    got = readings(by_domain, tmp_path)
    assert [(value, got[(domain, value)]) for value, domain, _ in EXAMPLES] == [
        (value, expected) for value, _, expected in EXAMPLES]


def test_every_well_kept_spelling_maps_to_its_value(tmp_path):
    """pycountry's codes and names, CLDR's names in the market languages and
    the `us` package's AP abbreviations, as rendered into the seed."""
    pytest.importorskip("pycountry")
    expected = {("country", spelling): name for name, locale, *_ in SELLER_COUNTRIES
                for spelling in reference.country_spellings(name, locale)}
    expected |= {("us_state", spelling): code for code in STATE_NAMES
                 for spelling in reference.state_spellings(code)}
    by_domain: dict[str, list[str]] = {}
    for domain, spelling in expected:
        by_domain.setdefault(domain, []).append(spelling)
    got = readings(by_domain, tmp_path)
    assert {key: got[key] for key in expected} == expected
    assert len(expected) > 150


def test_the_sql_spelling_key_is_the_python_one(tmp_path):
    texts = ["U.S.A.", "España", "X-Large", "Türkiye", "Einheitsgröße", "38 EU", "W. Va.",
             "Royaume-Uni", "Talla única", "  Eén  maat ", "T_Shirts", "Ø-Blue", "ＸＬ"]
    got = macro_readings({"key": "{{ spelling_key('input_text') }}"}, texts, tmp_path)["key"]
    assert got == [reference.spelling_key(text) for text in texts]
