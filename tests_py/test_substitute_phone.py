"""substitute_phone and its seed, checked against Google's libphonenumber.

- the country_calling_codes seed is libphonenumber's table of calling codes, and
  prefix-free (a number starts with at most one code);
- for the example number of every region libphonenumber knows (every number
  type it has an example of), the substitute is a possible number of the same
  calling code and length, not the number itself, the same on every call, and
  unrelated to it: the substitutes of numbers one apart share no more digits
  than chance.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess

import phonenumbers
import pytest
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from test_report import warehouse  # noqa: F401 - the seed-scale warehouse, built if missing

from conftest import PROJECT

SEED = PROJECT / "seeds" / "reference" / "country_calling_codes.csv"
DBT = str(PROJECT / ".venv" / "bin" / "dbt") if (PROJECT / ".venv" / "bin" / "dbt").exists() \
    else "dbt"
TYPES = [PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE,
         PhoneNumberType.VOIP, PhoneNumberType.FIXED_LINE_OR_MOBILE]


def test_the_seed_is_libphonenumbers_table_of_calling_codes():
    with SEED.open() as handle:
        seed = {row["calling_code"]: row["region_codes"].split() for row in
                csv.DictReader(handle)}
    reference = {str(code): list(regions) for code, regions in
                 phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()}
    assert seed == reference
    assert not [(a, b) for a in seed for b in seed if a != b and b.startswith(a)]


def _examples() -> list[str]:
    numbers = set()
    for region in phonenumbers.SUPPORTED_REGIONS:
        for kind in TYPES:
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                numbers.add(phonenumbers.format_number(example, PhoneNumberFormat.E164))
    return sorted(numbers)


def _neighbour(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


@pytest.fixture(scope="module")
def substitutes(warehouse, tmp_path_factory):  # noqa: F811
    """input -> substitute, computed twice, by dbt on the built warehouse."""
    numbers = _examples()
    numbers += [_neighbour(n) for n in numbers]
    values = ", ".join(f"('{n}')" for n in numbers)
    sql = (f"select phone, {{{{ substitute_phone('phone') }}}} as first, "
           f"{{{{ substitute_phone('phone') }}}} as second from (values {values}) as t(phone)")
    # in a process of its own: dbt keeps its DuckDB connection open, and the
    # other tests of the session open the same file read-only
    out = tmp_path_factory.mktemp("substitutes")
    environment = dict(os.environ, DBT_PROFILES_DIR=str(PROJECT),
                       FASHION_RETAIL_DUCKDB=str(warehouse))
    done = subprocess.run(
        [DBT, "show", "--quiet", "--inline", sql, "--limit", "-1", "--output", "json",
         "--log-path", str(out), "--target-path", str(out / "target")],
        cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    shown = json.loads(done.stdout[done.stdout.index("{"):])
    rows = [(row["phone"], row["first"], row["second"]) for row in shown["show"]]
    assert all(row[1] == row[2] for row in rows)            # deterministic
    return {row[0]: row[1] for row in rows}


def test_every_example_gets_a_possible_number_of_its_calling_code(substitutes):
    examples = _examples()
    assert len(examples) > 600
    problems = []
    for number in examples:
        substitute = substitutes[number]
        if substitute is None:
            problems.append(f"{number}: null")
            continue
        real = phonenumbers.parse(number)
        fake = phonenumbers.parse(substitute)
        if (fake.country_code != real.country_code or len(substitute) != len(number)
                or substitute == number or not phonenumbers.is_possible_number(fake)):
            problems.append(f"{number} -> {substitute}")
    assert problems == []


def test_north_american_substitutes_have_valid_area_codes_and_exchanges(substitutes):
    north_american = [s for n, s in substitutes.items() if n.startswith("+1")]
    assert len(north_american) > 50
    for substitute in north_american:
        area, exchange = substitute[2:5], substitute[5:8]
        assert area[0] in "23456789" and area[1] != "9" and area[1:] != "11", substitute
        assert exchange[0] in "23456789" and exchange[1:] != "11", substitute


def test_neighbouring_numbers_get_unrelated_substitutes(substitutes):
    """Numbers one apart share, position by position, about a tenth of their
    substituted digits (what two random numbers share), not nine tenths."""
    shared = total = 0
    for number in _examples():
        a, b = substitutes[number], substitutes[_neighbour(number)]
        code = len(str(phonenumbers.parse(number).country_code)) + 1
        pairs = list(zip(a[code:], b[code:], strict=True))
        shared += sum(x == y for x, y in pairs)
        total += len(pairs)
    assert shared / total < 0.2
