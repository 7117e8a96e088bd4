"""The telephone numbering plan (seeds/reference/phone_numbering_plan.csv and
the phone_numbering_plan() macro standardize_phone inlines), checked against
Google's libphonenumber (the phonenumbers package):

- both files are what libphonenumber's metadata says today, and every pattern
  keeps to the syntax RE2 (DuckDB) and Java (Spark) read alike and compiles in
  DuckDB;
- on every region's example numbers of every kind, and on numbers a digit away,
  the assembled patterns of numbers that exist say what is_valid_number says.
"""

from __future__ import annotations

import csv

import duckdb
import phonenumbers
from phonenumbers import PhoneNumberFormat

from fashion_retail.cleansing import numbering_plan

from conftest import PROJECT


def test_the_numbering_plan_is_current_and_engine_neutral():
    """The seed and the rendered macro are what libphonenumber's metadata
    says today; every pattern keeps to the syntax RE2 and Java read alike
    and compiles in DuckDB (RE2)."""
    assert numbering_plan.main(["--check", "--project-dir", str(PROJECT)]) == 0
    plan = numbering_plan.regions()
    assembled = numbering_plan.assembled(plan)
    patterns = [*assembled["valid_by_first_digit"].values(), assembled["calling_codes"],
                assembled["trunk_after_code"], assembled["general_where_trunk_begins"]]
    for region in plan:
        patterns += [region.exit_prefix, region.trunk_prefix_for_parsing,
                     region.general_pattern, region.valid_pattern]
    patterns = [p for p in patterns if p]
    assert all(numbering_plan.engine_neutral(p) for p in patterns)
    with duckdb.connect() as con:
        for pattern in patterns:
            con.execute("select regexp_full_match('1', ?)", [pattern])
    with (PROJECT / numbering_plan.SEED).open() as handle:
        seed = list(csv.DictReader(handle))
    assert {row["region_code"] for row in seed} >= set(phonenumbers.SUPPORTED_REGIONS)
    assert {row["calling_code"] for row in seed} == {
        str(code) for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE}


def _neighbours(e164: str) -> list[str]:
    digits = e164[1:]
    return [digits, digits[:-1], digits + "5", digits[:-1] + str((int(digits[-1]) + 3) % 10),
            digits[:-3] + "000", digits[:3] + "1" + digits[4:], digits[:3] + "0" + digits[4:]]


def _number(digits: str) -> phonenumbers.PhoneNumber:
    """The number of E.164 digits as they stand (parse would strip a trunk
    prefix)."""
    code = next(int(digits[:n]) for n in (1, 2, 3)
                if int(digits[:n]) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
    national = digits[len(str(code)):]
    zeros = len(national) - len(national.lstrip("0"))
    return phonenumbers.PhoneNumber(
        country_code=code, national_number=int(national),
        italian_leading_zero=zeros > 0 or None,
        number_of_leading_zeros=zeros if zeros > 1 else None)


def test_the_assembled_patterns_are_libphonenumbers_validity():
    """On every region's example numbers of every kind, and on numbers a
    digit away (shorter, longer, changed), the patterns of numbers that exist
    say what is_valid_number says."""
    assembled = numbering_plan.assembled(numbering_plan.regions())
    numbers = set()
    for region in phonenumbers.SUPPORTED_REGIONS:
        for kind in phonenumbers.PhoneNumberType.values():
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                numbers.update(_neighbours(
                    phonenumbers.format_number(example, PhoneNumberFormat.E164)))
    for code in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS:
        example = phonenumbers.example_number_for_non_geo_entity(code)
        if example is not None:
            numbers.update(_neighbours(
                phonenumbers.format_number(example, PhoneNumberFormat.E164)))
    numbers = sorted(numbers)
    exists = "case left(digits, 1) " + " ".join(
        f"when '{digit}' then regexp_full_match(digits, '{pattern}')"
        for digit, pattern in assembled["valid_by_first_digit"].items()) + " else false end"
    with duckdb.connect() as con:
        con.execute("create table numbers (position integer, digits varchar)")
        con.executemany("insert into numbers values (?, ?)", list(enumerate(numbers)))
        mine = [row[0] for row in con.execute(
            f"select {exists} from numbers order by position").fetchall()]
    disagree = []
    for digits, valid in zip(numbers, mine):
        reference = phonenumbers.is_valid_number(_number(digits))
        if valid != reference:
            disagree.append((digits, valid, reference))
    assert len(numbers) > 5_000
    assert disagree == [], disagree


def test_escapes_finds_the_shortest_string_one_pattern_matches_beyond_another():
    escapes = numbering_plan.escapes
    assert escapes("1[2-4]\\d{2,3}", "1\\d{3}") == "12000"
    assert escapes("1\\d{3}", "\\d{4,5}") is None
    assert escapes("(?:12)+", "1(?:21)*2") is None
    assert escapes("(?:12)+", "12") == "1212"
    assert escapes("[2-9]\\d{6}|3\\d{5}", "[2-9]\\d{6}") == "300000"
    # Germany's fixed lines: libphonenumber's metadata is not nested
    region = next(r for r in numbering_plan.regions() if r.region_code == "DE")
    beyond = escapes(region.valid_pattern, region.general_pattern)
    assert beyond is not None
    assert not phonenumbers.is_valid_number(phonenumbers.parse(f"+49{beyond}"))
