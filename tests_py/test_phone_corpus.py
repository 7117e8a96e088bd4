"""standardize_phone on the ways people and exports write phone numbers,
checked against Google's libphonenumber (the phonenumbers package).

The corpus: the numbers Faker makes up in ten locales, each read under its
locale's region; every one of them that exists re-written as libphonenumber
writes it (international, national, E.164, RFC 3966 'tel:' URI, dialled from
abroad with an exit prefix '00' or '011') and with an extension in nine
spellings; libphonenumber's example number of every kind in every region,
written internationally, nationally (under its region) and with its trunk
prefix after the calling code ('+44 (0) ...'), and a London and a New York
number dialled from every region (its exit prefix); and the hand-written
cases of issue 22; and random digits of every possible length under every
calling code, international and national, most of them numbers that do not
exist. The reference reading: phonenumbers.parse(text, region),
then the E.164 form when is_valid_number, else null. `pytest -s` prints a
tally per category (agree / null where the reference parsed / parsed where
the reference gave null / different).

What must hold: no wrong number ever (a number standardize_phone gives is the
reference's); no number where the reference has none, except the cases in
REFERENCE_REJECTS, where the reference is the one that is wrong; and
agreement on at least 99% of the values the reference reads. Where the
reference reads a number and standardize_phone gives null, it is on purpose:
a 'tel:' URI with a phone-context, two '+' signs, one or two stray letters
(libphonenumber drops them) are not read unambiguously.
"""

from __future__ import annotations

import random
from collections import Counter
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

import duckdb
import phonenumbers
import pytest
from faker import Faker
from phonenumbers import PhoneNumberFormat

from fashion_retail.cleansing.numbering_plan import NUMBER_TYPES, class_digits, escapes

from conftest import compiled

LOCALES = ("en_US", "en_GB", "en_CA", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL",
           "ja_JP")
PER_LOCALE = 80
EXTENSIONS = (" x{}", " ext. {}", " extension {}", " #{}", ";ext={}", " Ext: {}", ",,{}",
              " - {}#")
#: hand-written cases (text, default region), as issue 22 lists them
HAND_WRITTEN = [
    ("+44 (0)20 7946 0428", "US"), ("+44 (0)20 7946 0428", "GB"), ("020 7946 0428", "GB"),
    ("(020) 7946 0428", "GB"), ("0044 20 7946 0428", "GB"), ("00 1 212 555 0123", "GB"),
    ("44 20 7946 0428", "GB"), ("+44 020 7946 0428", "FR"),
    ("06 1234 5678", "IT"), ("06 1234 5678", "US"), ("+39 06 1234 5678", "US"),
    ("+39 (0)6 1234 5678", "DE"), ("312 345 6789", "IT"), ("0612345678", "US"),
    ("(11) 98765-4321", "BR"), ("11 98765-4321", "BR"), ("1198765-4321", "US"),
    ("0 21 11 98765-4321", "BR"), ("+55 (11) 98765-4321", "US"),
    ("03-1234-5678", "JP"), ("090-1234-5678", "JP"), ("+81 (0)3-1234-5678", "US"),
    ("0312345678", "US"), ("030 1234567", "DE"), ("+49 (0)30 1234567", "US"),
    ("01 23 45 67 89", "FR"), ("+33 (0)1 23 45 67 89", "GB"),
    ("(212) 555-0123", "US"), ("212.555.0123", "US"), ("1-212-555-0123", "US"),
    ("+1 212 555 0123", "US"), ("2125550123", "US"), ("212-055-0123", "US"),
    ("212-155-0123", "US"), ("555-123-4567", "US"), ("(555) 123-4567", "US"),
    ("011 44 20 7946 0958", "US"), ("011 0 20 7946 0958", "US"),
    ("212-555-0123 x123", "US"), ("212-555-0123 ext. 123", "US"),
    ("212-555-0123 extension 123", "US"), ("212-555-0123 #123", "US"),
    ("212-555-0123;ext=123", "US"), ("212-555-0123 - 12#", "US"),
    ("tel:+1-212-555-0123", "US"), ("tel:+1-212-555-0123;ext=123", "GB"),
    ("tel:+44-20-7946-0428;isub=12", "US"), ("tel:2125550123;phone-context=+1", "US"),
    ("1-800-FLOWERS", "US"), ("1-800-FLOWERS x12", "US"), ("1 800 GO FEDEX", "US"),
    ("FLOWERS", "US"), ("212-555-0123 ab", "US"), ("++1 212 555 0123", "US"),
    ("+7 800 555 35 35", "US"), ("+7 812 123 45 67", "DE"), ("8 (812) 123-45-67", "RU"),
    ("+54 11 15 2345 6789", "US"), ("011 15 2345 6789", "AR"), ("+61 (0)2 9876 5432", "US"),
    ("call me maybe", "US"), ("", "US"), ("+", "US"), ("+0 212 555 0123", "US"),
    ("212 555 0123 / 212 555 0199", "US"), ("+44 20 7946 0428\u00a0", "US"),
    ("(+44) 20 7946 0958", "US"), ("+44 (0) 20 7946 0958", "DE"), ("0033 1 23 45 67 89", "DE"),
    ("+1-212-555-0123 ext 12", "GB"), ("212 555 0123 x 12", "US"), ("2125550123#", "US"),
    ("tel:+1-212-555-0123;foo=bar", "US"),
]
#: cases where the reference gives null and standardize_phone a number,
#: because the reference is wrong: RFC 3966 allows any parameter after the
#: number (';' pname ['=' pvalue]); libphonenumber knows ext, isub and
#: phone-context only and rejects the whole URI
REFERENCE_REJECTS = {("tel:+1-212-555-0123;foo=bar", "US")}


def _reference(text: str, region: str) -> str | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def corpus() -> list[tuple[str, str, str]]:
    """(text, default region, category)."""
    rows = [(text, region, "hand-written") for text, region in HAND_WRITTEN]
    for seed, locale in enumerate(LOCALES):
        faker = Faker(locale)
        faker.seed_instance(seed)
        region = locale.split("_")[1]
        for _ in range(PER_LOCALE):
            text = faker.phone_number()
            rows.append((text, region, f"Faker {locale}"))
            try:
                number = phonenumbers.parse(text, region)
            except phonenumbers.NumberParseException:
                continue
            if not phonenumbers.is_valid_number(number):
                continue
            home = phonenumbers.region_code_for_number(number)
            number.extension = None
            national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
            rows += [
                (phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL), region,
                 "international"),
                (national, home, "national"),
                (phonenumbers.format_number(number, PhoneNumberFormat.E164), region, "E.164"),
                (phonenumbers.format_number(number, PhoneNumberFormat.RFC3966), region,
                 "RFC 3966"),
            ]
            for abroad in ("US", "DE") if home != "US" else ("GB", "CA"):
                if phonenumbers.country_code_for_region(abroad) != number.country_code:
                    rows.append((phonenumbers.format_out_of_country_calling_number(
                        number, abroad), abroad, "exit prefix"))
            for spelling in EXTENSIONS:
                rows.append((national + spelling.format(faker.random_int(1, 9999)), home,
                             "extension"))
            number.extension = str(faker.random_int(1, 99999))
            rows.append((phonenumbers.format_number(number, PhoneNumberFormat.RFC3966), region,
                         "extension"))
    return rows + every_region() + random_digits()


def every_region() -> list[tuple[str, str, str]]:
    """libphonenumber's example number of every kind in every region,
    written internationally (read under US), nationally (under its region)
    and with its trunk prefix in parentheses after the calling code; and a
    London and a New York number dialled from every region."""
    rows = []
    abroad = [phonenumbers.parse("+44 20 7946 0428"), phonenumbers.parse("+1 212 555 0123")]
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        trunk = phonenumbers.PhoneMetadata.metadata_for_region(region).national_prefix
        for number in abroad:   # dialled from the region, with its exit prefix
            if phonenumbers.region_code_for_number(number) != region:
                rows.append((phonenumbers.format_out_of_country_calling_number(number, region),
                             region, "every region"))
        for kind in sorted(phonenumbers.PhoneNumberType.values()):
            number = phonenumbers.example_number_for_type(region, kind)
            if number is None:
                continue
            rows += [
                (phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL), "US",
                 "every region"),
                (phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL), region,
                 "every region"),
            ]
            if trunk:
                rows.append((f"+{number.country_code} ({trunk}) "
                             + phonenumbers.national_significant_number(number), "GB",
                             "every region"))
    return rows


def random_digits(per_length: int = 4) -> list[tuple[str, str, str]]:
    """Random national numbers of every possible length in every calling
    code's main region (most do not exist), '+', the calling code and the
    digits read under US, and the digits alone under the region; and numbers
    drawn from the pattern of each kind of number (fixed line, mobile...) of
    the region, with the shortest the kind's pattern matches and the general
    pattern does not (Germany's '4930000': libphonenumber's metadata is not
    always nested), read under US."""
    rng = random.Random(22)
    rows = []
    for code, regions in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()):
        region = regions[0]
        if region == "001":
            continue
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
        for length in metadata.general_desc.possible_length:
            for _ in range(per_length):
                digits = str(rng.randint(1, 9)) + "".join(
                    str(rng.randint(0, 9)) for _ in range(length - 1))
                rows += [(f"+{code} {digits}", "US", "random digits"),
                         (digits, region, "random digits")]
        for kind in NUMBER_TYPES:
            desc = getattr(metadata, kind)
            if desc is None or not desc.national_number_pattern:
                continue
            pattern = desc.national_number_pattern
            beyond = escapes(pattern, metadata.general_desc.national_number_pattern)
            drawn = [_drawn(sre_parse.parse(pattern), rng) for _ in range(per_length)]
            rows += [(f"+{code} {digits}", "US", "drawn from a kind")
                     for digits in drawn + ([beyond] if beyond else [])]
    return rows


def _drawn(items, rng: random.Random) -> str:
    """A random string of a parsed pattern (digits, classes, groups,
    alternation, repeats: the syntax of the numbering plan)."""
    out = []
    for op, arg in items:
        if op is sre_constants.LITERAL:
            out.append(chr(arg))
        elif op is sre_constants.IN:
            out.append(rng.choice(sorted(class_digits(arg))))
        elif op is sre_constants.SUBPATTERN:
            out.append(_drawn(arg[-1], rng))
        elif op is sre_constants.BRANCH:
            out.append(_drawn(rng.choice(arg[1]), rng))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, high, inner = arg
            count = rng.randint(low, min(high, low + 12))
            out.extend(_drawn(inner, rng) for _ in range(count))
    return "".join(out)


def read_under_regions(rows: list[tuple[str, str, str]], folder) -> list[str | None]:
    """standardize_phone of each text under its region, on DuckDB: the calls
    of every region compiled at once, each run on its region's rows (one
    query with a call per region would plan for minutes)."""
    regions = sorted({region for _text, region, _category in rows})
    select_list = ", ".join(
        f"/*<{region}*/ {{{{ standardize_phone('input_text', default_region='{region}') }}}}"
        f" /*{region}>*/ as phone_{region.lower()}" for region in regions)
    sql = compiled(select_list, folder)
    got: list[str | None] = [None] * len(rows)
    with duckdb.connect() as con:
        con.execute("create table corpus (row_id integer, input_text varchar, region varchar)")
        con.executemany("insert into corpus values (?, ?, ?)",
                        [(i, text, region) for i, (text, region, _c) in enumerate(rows)])
        for region in regions:
            call = sql[sql.index(f"/*<{region}*/"):sql.index(f"/*{region}>*/")]
            for row_id, phone in con.execute(
                    f"select row_id, {call} from corpus where region = ?", [region]).fetchall():
                got[row_id] = phone
    return got


@pytest.fixture(scope="module")
def readings(tmp_path_factory):
    rows = corpus()
    return rows, read_under_regions(rows, tmp_path_factory.mktemp("phones"))


def test_no_wrong_number_and_agreement_with_libphonenumber(readings):
    rows, got = readings
    tally: dict[str, Counter] = {}
    wrong, invented, missed = [], [], []
    for (text, region, category), mine in zip(rows, got):
        reference = _reference(text, region)
        if reference is None:
            outcome = "both null" if mine is None else "parsed where the reference gave null"
            if mine is not None and (text, region) not in REFERENCE_REJECTS:
                invented.append((text, region, mine))
        elif mine is None:
            outcome = "null where the reference parsed"
            missed.append((text, region, reference))
        elif mine == reference:
            outcome = "agree"
        else:
            outcome = "different"
            wrong.append((text, region, mine, reference))
        for key in (category, "overall"):
            tally.setdefault(key, Counter())[outcome] += 1
    for category, counts in tally.items():
        print(f"{category:>16}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print("null where the reference parsed:", missed)
    assert wrong == []
    assert invented == []
    assert tally["overall"]["parsed where the reference gave null"] == len(REFERENCE_REJECTS)
    overall = tally["overall"]
    read = overall["agree"] + overall["null where the reference parsed"]
    assert read > 2_000
    assert overall["agree"] / read >= 0.99, (overall, missed[:30])


def test_typed_numbers_are_their_digits(tmp_path):
    """An integer, and a decimal or double of integral value, is read as its
    digits; a fraction or a negative number is null."""
    rows = [(2125550123, 2125550123.0, "2125550123.000"),
            (12125550123, 2125550123.5, "2125550123.250"),
            (442079460428, 12125550123.0, None),
            (-2125550123, -2125550123.0, "-2125550123.000"),
            (2079460428, None, None)]
    sql = compiled(", ".join([
        "{{ standardize_phone('number') }} as number_us",
        "{{ standardize_phone('number', default_region='GB') }} as number_gb",
        "{{ standardize_phone('real_number') }} as real_number_us",
        "{{ standardize_phone('exact_number') }} as exact_number_us"]), tmp_path)
    with duckdb.connect() as con:
        con.execute("create table corpus (row_id integer, number bigint, real_number double, "
                    "exact_number decimal(13, 3))")
        con.executemany("insert into corpus values (?, ?, ?, ?)",
                        [(i, *row) for i, row in enumerate(rows)])
        got = list(zip(*con.execute(f"{sql} order by row_id").fetchall()))
    assert list(got[0]) == ["+12125550123", "+12125550123", None, None, "+12079460428"]
    assert list(got[1]) == [None, None, "+442079460428", None, "+442079460428"]
    assert list(got[2]) == ["+12125550123", None, "+12125550123", None, None]
    assert list(got[3]) == ["+12125550123", None, None, None, None]
