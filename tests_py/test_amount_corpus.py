"""parse_amount and parse_currency on the ways real exports write money,
checked against the truth and against Zyte's price-parser.

The corpus: amounts drawn with numpy, each written as eighteen locales write
money (CLDR through Babel: en_US, en_GB, en_CA, de_DE, fr_FR, es_ES, it_IT,
pt_BR and nl_NL, and de_CH, ja_JP, sv_SE, pl_PL, da_DK, nb_NO, en_AU, zh_CN
and es_MX for the other currencies; rupees, whose Indian grouping
'12,34,567.50' is not in threes, are among the edge cases): with the
currency as symbol and as ISO code, as a bare number, negative with a
minus, in accounting parentheses and with a trailing minus, with a stray
carriage return, tab or no-break space, and in the variants exports use (an
ASCII apostrophe for the Swiss ’, a thin or plain space for the French
narrow no-break space); plus the edge cases of issue 22, written by hand.
Each value is parsed with its locale's decimal separator as the hint.
`pytest -s` prints the comparison with price-parser (agree / null where it
parsed / parsed where it gave null / different).

What must hold: no wrong amount ever (a value parse_amount reads is the true
amount; a value the truth calls unreadable is null); every generated value
read; agreement with price-parser on at least 99% of the values it reads
unambiguously (its amount is the true amount: it drops every minus sign, so
it cannot read a negative); no wrong currency, and every ISO code read.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from functools import cache, partial

import numpy as np
import pytest
from babel import Locale
from babel.numbers import (
    format_currency,
    format_decimal,
    get_currency_precision,
    get_currency_symbol,
    get_decimal_symbol,
)
from price_parser import Price

from fashion_retail.cleansing import currency_markers

from conftest import PROJECT, macro_readings

#: each locale and the currency it writes
LOCALES = {"en_US": "USD", "en_GB": "GBP", "en_CA": "CAD", "de_DE": "EUR",
           "fr_FR": "EUR", "es_ES": "EUR", "it_IT": "EUR", "pt_BR": "BRL",
           "nl_NL": "EUR", "de_CH": "CHF", "ja_JP": "JPY", "sv_SE": "SEK",
           "pl_PL": "PLN", "da_DK": "DKK", "nb_NO": "NOK", "en_AU": "AUD",
           "zh_CN": "CNY", "es_MX": "MXN"}
PER_LOCALE = 50
#: the stray characters exports leave around a value, taken in turn
STRAY = (("", "\r"), ("\t", ""), ("", "\xa0"), (" ", " \r\n"))
#: issue 22's examples and the edges of the rules: (text, hint, true amount or
#: None when no reading is unambiguous, currency or None)
EDGE_CASES = [
    ("0,500", ".", None, None),
    ("0,500", ",", Decimal("0.50"), None),
    ("67.036,75 €", ",", Decimal("67036.75"), "EUR"),
    ("(292.04)", ".", Decimal("-292.04"), None),
    ("292.04-", ".", Decimal("-292.04"), None),
    ("-$747.68", ".", Decimal("-747.68"), None),
    ("$-747.68", ".", Decimal("-747.68"), None),
    ("12.50\r", ".", Decimal("12.50"), None),
    ("12.50\t", ".", Decimal("12.50"), None),
    ("12.50\xa0", ".", Decimal("12.50"), None),
    ("1'234.50", ".", Decimal("1234.50"), None),
    ("CHF 1'234.50", ".", Decimal("1234.50"), "CHF"),
    ("Fr. 12.50", ".", Decimal("12.50"), "CHF"),
    ("R$ 10,00", ",", Decimal("10.00"), "BRL"),
    ("US$5", ".", Decimal("5"), "USD"),
    ("€12", ",", Decimal("12"), "EUR"),
    ("12.00 GBP", ".", Decimal("12.00"), "GBP"),
    ("C$ 12.50", ".", Decimal("12.50"), None),
    ("A$ 12.50", ".", Decimal("12.50"), "AUD"),
    ("AU$12.50", ".", Decimal("12.50"), "AUD"),
    ("CA$12.50", ".", Decimal("12.50"), "CAD"),
    ("MX$ 1,200", ".", Decimal("1200"), "MXN"),
    ("₹1,234.00", ".", Decimal("1234.00"), "INR"),
    ("INR 12,34,567.50", ".", None, "INR"),
    ("CN¥ 88", ".", Decimal("88"), "CNY"),
    ("¥1,235", ".", Decimal("1235"), None),
    ("12 kr", ",", Decimal("12"), None),
    ("−1 234,56 kr", ",", Decimal("-1234.56"), None),
    ("1\u2009234,56 zł", ",", Decimal("1234.56"), "PLN"),
    ("1.234", ".", None, None),
    ("1,234.56", ",", None, None),
    ("1.234,56", ".", None, None),
    ("12,34.50", ".", None, None),
    ("1.500", ",", Decimal("1500"), None),
    ("1.500", ".", Decimal("1.50"), None),
    ("12.345", ".", None, None),
    ("(-12.00)", ".", None, None),
    ("--12", ".", None, None),
    ("(12", ".", None, None),
    ("12k", ".", None, None),
    ("1e5", ".", None, None),
    ("twelve", ".", None, None),
]


def corpus() -> list[tuple[str, str, Decimal | None, str | None, str]]:
    """(text, decimal separator hint, true amount, the currency it was written
    in when it shows one, how it was written)."""
    rng = np.random.default_rng(22)
    rows = []
    for locale, currency in LOCALES.items():
        hint = get_decimal_symbol(locale)
        digits = get_currency_precision(currency)
        code_pattern = Locale.parse(locale).currency_formats["standard"].pattern.replace("¤", "¤¤")
        for i in range(PER_LOCALE):
            # prices from cents to millions, a fifth of them whole
            amount = Decimal(str(round(float(np.exp(rng.uniform(-2, 14))),
                                       0 if i % 5 == 0 else digits)))
            negative = -amount
            money = partial(format_currency, currency=currency, locale=locale)
            writings = [
                (money(amount), amount, "symbol"),
                (money(negative), negative, "symbol, minus"),
                (money(negative, format_type="accounting"), negative, "symbol, accounting"),
                (money(amount, format=code_pattern), amount, "code"),
                (money(negative, format=code_pattern), negative, "code, minus"),
                (money(amount) + "-", negative, "symbol, trailing minus"),
            ]
            before, after = STRAY[i % len(STRAY)]
            writings.append((before + money(amount) + after, amount, "symbol, stray spaces"))
            if locale == "de_CH":
                writings.append((money(amount).replace("’", "'"), amount,
                                 "symbol, ASCII apostrophe"))
            if locale == "fr_FR":
                for space, name in (("\u2009", "thin space"), (" ", "space")):
                    writings.append((money(amount).replace("\u202f", space), amount,
                                     f"symbol, {name}"))
            rows += [(text, hint, truth, currency, f"{locale} {how}")
                     for text, truth, how in writings]
            rows += [(text, hint, truth, None, f"{locale} {how}") for text, truth, how in (
                (format_decimal(amount, locale=locale), amount, "number"),
                (format_decimal(amount, locale=locale) + "-", negative, "number, trailing minus"),
            )]
    rows += [(text, hint, truth, named, "edge case") for text, hint, truth, named in EDGE_CASES]
    return rows


@cache
def symbol_names_one_currency(locale: str) -> bool:
    """Whether CLDR gives the locale's currency symbol to that currency only
    ('€', 'R$', 'zł'; not '$', '£', '￥', 'kr')."""
    symbol = currency_markers.spelling(get_currency_symbol(LOCALES[locale], locale=locale))
    return currency_markers.markers().get(symbol) == LOCALES[locale]


def price_parser_reading(text: str, hint: str) -> Decimal | None:
    return Price.fromstring(text, decimal_separator=hint).amount


@pytest.fixture(scope="module")
def readings(tmp_path_factory):
    rows = corpus()
    out = macro_readings(
        {"point": "{{ parse_amount('input_text') }}",
         "comma": "{{ parse_amount('input_text', decimal_separator=',') }}",
         "currency": "{{ parse_currency('input_text') }}"},
        [text for text, *_rest in rows], tmp_path_factory.mktemp("amounts"))
    amounts = [out["point" if hint == "." else "comma"][i]
               for i, (_text, hint, *_rest) in enumerate(rows)]
    return rows, amounts, out["currency"]


def test_no_wrong_amount_and_every_generated_value_read(readings):
    rows, amounts, _currencies = readings
    wrong, missed = [], []
    for (text, hint, truth, _named, how), got in zip(rows, amounts):
        if got is not None and got != truth:
            wrong.append((text, hint, got, truth, how))
        if got is None and truth is not None:
            missed.append((text, hint, how))
    assert len(rows) > len(LOCALES) * PER_LOCALE * 9
    assert wrong == []
    assert missed == [], f"{len(missed)} of {len(rows)} not read: {missed[:20]}"


def test_agrees_with_price_parser_where_it_reads_unambiguously(readings):
    rows, amounts, _currencies = readings
    tally = Counter()
    disagreements = []
    for (text, hint, truth, _named, _how), got in zip(rows, amounts):
        reference = price_parser_reading(text, hint)
        if reference is None:
            tally["parsed where the reference gave null" if got is not None else "both null"] += 1
        elif got is None:
            tally["null where the reference parsed"] += 1
        elif got == reference:
            tally["agree"] += 1
        else:
            tally["different"] += 1
            tally["different: the reference dropped the minus" if reference == -truth
                  else "different: other"] += 1
            disagreements.append((text, hint, got, reference, truth))
        if reference is not None and reference == truth:
            tally["reference read unambiguously"] += 1
            tally["agree where the reference read unambiguously"] += got == reference
    print(dict(tally))
    print("different, other:", [(text, str(ref), str(truth)) for text, _hint, _got, ref, truth
                                in disagreements if ref != -truth][:3])
    # where price-parser differs from parse_amount, price-parser is the one
    # that is wrong (mostly: it reads '-12' and '(12)' as 12)
    assert all(got == truth for _text, _hint, got, _ref, truth in disagreements)
    share = (tally["agree where the reference read unambiguously"]
             / tally["reference read unambiguously"])
    assert share >= 0.99, (share, dict(tally))


def test_parse_currency_names_no_wrong_currency(readings):
    """Never a wrong currency; every ISO code and every symbol CLDR gives to
    one currency only is read; '$', '£', '¥', '￥', 'kr' and 'kr.' are null
    (they name several)."""
    rows, _amounts, currencies = readings
    tally = Counter()
    wrong, missed = [], []
    for (text, _hint, _truth, written, how), got in zip(rows, currencies):
        if got is not None and got != written:
            wrong.append((text, got, written, how))
        if written is None:
            continue
        tally["written with a currency"] += 1
        tally["read"] += got == written
        locale = how.split()[0]
        must_read = " code" in how or how == "edge case" or symbol_names_one_currency(locale)
        if must_read and got != written:
            missed.append((text, got, written, how))
    print(dict(tally), f"read share {tally['read'] / tally['written with a currency']:.3f}")
    assert wrong == []
    assert missed == []
    assert [symbol_names_one_currency(locale) for locale in LOCALES].count(False) == 10


@pytest.mark.parametrize("value_type", ["double", "decimal(20, 4)", "bigint"])
def test_a_typed_number_is_its_value(value_type, tmp_path):
    """A number that is not text reads as its value when that has at most two
    decimals (a double: when it is the double nearest to such a value), else
    null: 12.345 is null, and so is the double 0.1 + 0.2 (0.30000000000000004),
    which a decimal(20, 4) column holds as 0.3000."""
    rng = np.random.default_rng(7)
    whole = value_type == "bigint"
    values = [round(float(v), 0 if whole else 2) for v in np.exp(rng.uniform(-2, 14, 300))]
    values += [0, -12, 12345678] if whole else [0, -12.5, 12345678.9, 12.345, 0.1 + 0.2]
    values = [int(v) for v in values] if whole else values
    out = macro_readings({"amount": "{{ parse_amount('input_text') }}"}, values, tmp_path,
                         value_type=value_type)
    held = [Decimal(str(v)) if value_type != "decimal(20, 4)"
            else round(Decimal(str(v)), 4) for v in values]
    expected = [v if v == round(v, 2) else None for v in held]
    assert out["amount"] == expected
    assert expected.count(None) == (0 if whole else 2 if value_type == "double" else 1)


def test_the_currency_markers_are_current_and_keep_ambiguity_out():
    """macros/cleansing/currency_markers.sql is what CLDR says today; a
    marker several currencies write maps to no currency."""
    assert currency_markers.main(["--check", "--project-dir", str(PROJECT)]) == 0
    markers = currency_markers.markers()
    for marker in ("$", "¥", "￥", "kr", "kr.", "£", "c$"):
        assert markers[marker] == "", marker
    for marker, code in {"€": "EUR", "us$": "USD", "r$": "BRL", "ca$": "CAD", "a$": "AUD",
                         "au$": "AUD", "chf": "CHF", "fr.": "CHF", "zł": "PLN", "₹": "INR",
                         "mx$": "MXN", "cn¥": "CNY", "jpy": "JPY", "sek": "SEK"}.items():
        assert markers[marker] == code, marker
    # a lone Latin letter reads as a magnitude or unit ('12k'): never a marker
    assert not [marker for marker in markers if len(marker) == 1 and marker.isascii()
                and marker.isalpha()]
