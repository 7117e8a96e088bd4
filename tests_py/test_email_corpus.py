"""standardize_email checked against python-email-validator.

The corpus: addresses Faker writes in nine locales (free, company and
plain ones), each also written as exports damage or vary them: upper case,
surrounding spaces, a trailing carriage return, tab or no-break space, a
byte-order mark; broken as the issue lists (double, leading and trailing
dots, a label of 64 characters, an address over 254, '--' in third place,
an all-number or special-use top-level name, a display name, a quoted
local part); and internationalized (a local part in another script, a
domain in Unicode and in punycode). `pytest -s` prints the comparison
(agree / null where the reference read it / read where the reference gave
null / different).

The reference reads the text without its surrounding whitespace (the
macro's cleaning) and without a deliverability check; an address agrees
when the macro gives the reference's normalized address or its ASCII
(punycode) form, lower-cased. What must hold: zero different values and
agreement on at least 99% of the addresses the reference reads; every
address the reference rejects is null, but for one kind: a punycode label
('xn--zz') that decodes to no valid name, which SQL cannot decode; it is read
as written and counted apart. A domain may be written in Unicode
or in punycode: either form of the reference's address agrees.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest
from email_validator import (
    SPECIAL_USE_DOMAIN_NAMES,
    EmailNotValidError,
    validate_email,
)
from faker import Faker

from conftest import PROJECT, macro_readings

LOCALES = ("en_US", "en_GB", "en_CA", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL")
PER_LOCALE = 60
UNICODE = ["jörg@münchen.de", "josé.garcía@correo.es", "用户@例子.广告", "почта@пример.рф",
           "zoë@xn--mnchen-3ya.de", "a@x.xn--p1ai", "MÄX@BÜCHER.DE", "ｆｕｌｌ@x.com",
           "ma\u0308x@x.com", "δοκιμή@παράδειγμα.δοκιμή"]
BROKEN = ["jane..doe@x.com", ".jane@x.com", "jane.@x.com", "a@ab--cd.com", "a@x..com",
          "a@-x.com", "a@x-.com", "a@x_y.com", "a@x.123", "a@localhost", "a@shop.test",
          "a@printer.local", '"quoted"@x.com', "Jane Doe <jane@x.com>", "a@[1.2.3.4]",
          "jane doe@x.com", "jane@@x.com", "@x.com", "jane@", "a@" + "x" * 64 + ".com",
          "a" * 65 + "@x.com", "a@" + ".".join(["b" * 60] * 5) + ".com", "x@y.c",
          "a@x.c0m", "a@1.2.3.4.com", "a" * 64 + "@x.com", "a@xn--zz.com"]


def variants(address: str, pick: random.Random) -> list[str]:
    local, domain = address.split("@")
    return [address, address.upper(), f"  {address} ", f"{address}\r", f"{address}\t",
            f"\u00a0{address}", f"\ufeff{address}", f"{local}..x@{domain}",
            f".{address}", f"{local}.@{domain}", f"{local}@{domain}.",
            f"{local}@{'a' * pick.choice([62, 63, 64])}.{domain}"]


def corpus() -> list[tuple[str, str]]:
    """(text, how it was written)."""
    rows = []
    for number, locale in enumerate(LOCALES):
        faker = Faker(locale)
        faker.seed_instance(200 + number)
        pick = random.Random(number)
        for _ in range(PER_LOCALE):
            address = pick.choice([faker.free_email, faker.company_email, faker.email])()
            rows += [(text, locale) for text in variants(address, pick)]
    rows += [(text, "internationalized") for text in UNICODE]
    rows += [(text, "broken") for text in BROKEN]
    return rows


PUNYCODE_ONLY = "invalid punycode"


def reference(text: str) -> set[str] | str | None:
    """The forms of the address email-validator accepts (strict: with RFC
    5321's length limits), None when it rejects it, or PUNYCODE_ONLY when
    it rejects it only for a punycode label that decodes to no valid name."""
    try:
        read = validate_email(text.strip(" \t\r\n\u00a0\ufeff"), check_deliverability=False,
                              strict=True)
    except EmailNotValidError as error:
        return PUNYCODE_ONLY if "A-label" in str(error) else None
    return {form.lower() for form in (read.normalized, read.ascii_email,
                                      f"{read.local_part}@{read.ascii_domain}") if form}


@pytest.fixture(scope="module")
def readings(tmp_path_factory):
    rows = corpus()
    out = macro_readings({"email": "{{ standardize_email('input_text') }}"},
                         [text for text, _how in rows], tmp_path_factory.mktemp("emails"))
    return rows, out["email"]


def test_agrees_with_email_validator(readings):
    rows, out = readings
    tally, different, accepted_rejects = Counter(), [], []
    for (text, how), got in zip(rows, out, strict=True):
        forms = reference(text)
        if forms == PUNYCODE_ONLY:
            tally["punycode that decodes to no name, read as written"] += 1
        elif forms is None:
            tally["both null" if got is None else "read where the reference gave null"] += 1
            if got is not None:
                accepted_rejects.append((text, got, how))
        elif got is None:
            tally["null where the reference read it"] += 1
        elif got in forms:
            tally["agree"] += 1
        else:
            tally["different"] += 1
            different.append((text, got, forms))
    print(dict(tally))
    assert len(rows) > 9 * PER_LOCALE * 10
    assert different == []
    assert accepted_rejects == []
    read = tally["agree"] + tally["null where the reference read it"]
    assert tally["agree"] / read >= 0.99, dict(tally)


def test_the_special_use_names_are_email_validators():
    text = (PROJECT / "macros/cleansing/special_use_domains.sql").read_text()
    listed = text.split("return([")[1].split("])")[0]
    assert sorted(name.strip(" '") for name in listed.split(",")) == sorted(
        SPECIAL_USE_DOMAIN_NAMES)
