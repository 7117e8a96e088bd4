"""parse_date on the ways real exports write a date, checked against the truth
and against python-dateutil.

The corpus: dates Faker draws in nine locales, each written as that locale
writes it (CLDR's short, medium, long and full forms, through Babel) and as
exports commonly do (ISO with a zone, dotted, dashed, '5-Mar-2024', with a
time), parsed with the order hint of the locale's short form ('dmy' for
en_GB, 'mdy' for en_US, 'ymd' for en_CA). `pytest -s` prints the
comparison with dateutil (agree / null where it parsed / parsed where it gave
null / different).

What must hold: no wrong date ever (a value parse_date reads is the true
date); agreement with dateutil on at least 99% of the values dateutil reads
with the same hint and a four-digit year; and every value with a four-digit
year read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from babel import Locale
from babel.dates import format_date, format_datetime
from dateutil import parser as dateutil_parser
from faker import Faker

from fashion_retail.cleansing import month_names

from conftest import PROJECT, macro_readings

LOCALES = ("en_US", "en_GB", "en_CA", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL")
PER_LOCALE = 60
# writings exports use whatever their locale (with the locale's order for
# all-number ones)
EXPORT_FORMATS = {
    "mdy": ["%m/%d/%Y", "%m-%d-%Y", "%-m/%-d/%Y %H:%M", "%m/%d/%Y %I:%M %p"],
    "dmy": ["%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d.%m.%Y %H:%M:%S"],
    "ymd": ["%Y/%m/%d", "%Y.%m.%d"],
}
COMMON_FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S.%f+01:00",
                  "%Y%m%d", "%d-%b-%Y", "%b %d, %Y", "%d %B %Y", "%A, %B %d, %Y",
                  "%a, %d %b %Y", "%Y %b %d"]


def order_of(locale: str) -> str:
    """The order of day, month and year in a locale's short date form."""
    pattern = Locale.parse(locale).date_formats["short"].pattern
    positions = {part: pattern.index(part) for part in "dMy"}
    return "".join(sorted("dmy", key=lambda p: positions["M" if p == "m" else p]))


def corpus() -> list[tuple[str, str, dt.date, str]]:
    """(text, order hint, true date, how it was written)."""
    rows = []
    for number, locale in enumerate(LOCALES):
        faker = Faker(locale)
        faker.seed_instance(number)
        order = order_of(locale)
        for _ in range(PER_LOCALE):
            day = faker.date_between(dt.date(1950, 1, 1), dt.date(2030, 12, 31))
            moment = dt.datetime.combine(day, faker.time_object())
            for width in ("short", "medium", "long", "full"):
                rows.append((format_date(day, width, locale=locale), order, day,
                             f"{locale} CLDR {width}"))
            rows.append((format_datetime(moment, "medium", locale=locale), order, day,
                         f"{locale} CLDR date-time"))
            for layout in EXPORT_FORMATS[order] + COMMON_FORMATS:
                rows.append((moment.strftime(layout), order, day, f"{order} {layout}"))
    return rows


def dateutil_reading(text: str, order: str) -> dt.date | None:
    try:
        return dateutil_parser.parse(text, dayfirst=order == "dmy",
                                     yearfirst=order == "ymd").date()
    except (ValueError, OverflowError):
        return None


@pytest.fixture(scope="module")
def readings(tmp_path_factory):
    rows = corpus()
    out = macro_readings(
        {order: f"{{{{ parse_date('input_text', order='{order}') }}}}"
         for order in ("mdy", "dmy", "ymd")},
        [text for text, *_rest in rows], tmp_path_factory.mktemp("dates"))
    return rows, out


def test_no_wrong_date_and_every_four_digit_year_read(readings):
    rows, out = readings
    wrong, missed = [], []
    for i, (text, order, truth, how) in enumerate(rows):
        got = out[order][i]
        if got is not None and got != truth:
            wrong.append((text, order, got, truth, how))
        four_digit_year = str(truth.year) in text
        if got is None and four_digit_year:
            missed.append((text, order, how))
    assert wrong == []
    assert len(rows) > 9 * PER_LOCALE * 15
    assert missed == [], f"{len(missed)} of {len(rows)} not read: {missed[:20]}"


def test_agrees_with_dateutil_where_it_reads_a_four_digit_year(readings):
    rows, out = readings
    tally = Counter()
    disagreements = []
    for i, (text, order, truth, _how) in enumerate(rows):
        reference = dateutil_reading(text, order)
        got = out[order][i]
        if reference is None:
            tally["parsed where the reference gave null" if got else "both null"] += 1
        elif got is None:
            tally["null where the reference parsed"] += 1
        elif got == reference:
            tally["agree"] += 1
        else:
            tally["different"] += 1
            disagreements.append((text, order, got, reference, truth))
        if reference is not None and str(truth.year) in text and reference == truth:
            tally["reference read unambiguously"] += 1
            tally["agree where the reference read unambiguously"] += got == reference
    print(dict(tally))
    # where dateutil differs from parse_date, dateutil is the one that is wrong
    assert all(got == truth for _text, _order, got, _ref, truth in disagreements)
    share = (tally["agree where the reference read unambiguously"]
             / tally["reference read unambiguously"])
    assert share >= 0.99, (share, dict(tally))


def test_the_order_hint_decides_only_all_number_dates(readings):
    """A named month or an ISO date reads the same under every hint; an
    all-number year-last date follows its hint, and under 'ymd' is null."""
    rows, out = readings
    all_numbers_year_last = re.compile(r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}\b")
    checked = 0
    for i, (text, _order, _truth, how) in enumerate(rows):
        every_hint = [out[o][i] for o in ("mdy", "dmy", "ymd")]
        if all_numbers_year_last.match(text):
            assert every_hint[2] is None, (text, how)
        else:
            assert len(set(every_hint)) == 1, (text, how, every_hint)
            checked += 1
    assert checked > len(rows) / 2


def test_the_month_names_are_current_and_unambiguous():
    """macros/cleansing/month_names.sql is what CLDR says today, and no
    spelling names two months (it would be a guess, and is left out)."""
    assert month_names.main(["--check", "--project-dir", str(PROJECT)]) == 0
    assert month_names.ambiguous() == []
    months = month_names.months()
    assert months["märz"] == months["marz"] == months["mrt"] == 3
    assert months["sept"] == months["settembre"] == 9
    assert set(months.values()) == set(range(1, 13))
