"""parse_timestamp on the ways real exports write a moment, checked against
the truth and against python-dateutil.

The corpus: moments Faker draws in nine locales, each with a UTC offset of its
own (from -05:00 to +09:00, half hours included) and a fraction of a second,
written as that locale writes a date and time (CLDR's medium and short forms,
through Babel), as ISO 8601 in several precisions with 'Z' or an offset, as
RFC 2822 (e-mail headers), and as exports write them in the locale's order
('05/03/2024 14:12', '03/05/2024 2:12 PM', '05.03.2024 14:12:09'). The truth
of each text is what the standard library's exact reader for that layout
gives (strptime with the same format, fromisoformat, parsedate_to_datetime),
in UTC when the text gives a zone. `pytest -s` prints the comparison with
dateutil (agree / null where it parsed / parsed where it gave null /
different).

What must hold: no wrong timestamp ever; every text with a four-digit year
read; agreement with dateutil on at least 99% of the texts with a four-digit
year it reads as the truth (a two-digit year, which dateutil reads with a
guessed century, parse_timestamp leaves null).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import random
from collections import Counter

import pytest
from babel.dates import format_datetime
from dateutil import parser as dateutil_parser
from faker import Faker

from test_parse_date_corpus import LOCALES, order_of

from conftest import macro_readings

PER_LOCALE = 40
OFFSETS = [0, 60, 120, -300, -240, 330, -180, 540, 345, -210]
# (strftime layout, how the truth is read back): the locale's order, then the
# layouts every export uses
ORDER_LAYOUTS = {
    "mdy": ["%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p", "%m-%d-%Y %H:%M:%S"],
    "dmy": ["%d/%m/%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d-%m-%Y %H:%M"],
    "ymd": ["%Y/%m/%d %H:%M:%S", "%Y.%m.%d %H:%M"],
}
COMMON_LAYOUTS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S.%f%z",
                  "%Y-%m-%dT%H:%MZ", "%d %b %Y %H:%M:%S", "%b %d, %Y %I:%M:%S %p",
                  "%Y%m%d %H:%M"]


def utc(moment: dt.datetime) -> dt.datetime:
    """A moment as the naive UTC timestamp parse_timestamp gives (a naive
    moment is taken as written)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def corpus() -> list[tuple[str, str, dt.datetime, str]]:
    """(text, order hint, true timestamp, how it was written)."""
    rows = []
    for number, locale in enumerate(LOCALES):
        faker = Faker(locale)
        faker.seed_instance(100 + number)
        pick = random.Random(number)
        order = order_of(locale)
        for _ in range(PER_LOCALE):
            zone = dt.timezone(dt.timedelta(minutes=pick.choice(OFFSETS)))
            moment = faker.date_time_between(dt.datetime(1990, 1, 1), dt.datetime(2030, 12, 31))
            moment = moment.replace(microsecond=pick.randrange(1_000_000), tzinfo=zone)
            local = moment.replace(tzinfo=None)
            rows.append((format_datetime(local, "medium", locale=locale), order,
                         local.replace(microsecond=0), f"{locale} CLDR medium"))
            rows.append((format_datetime(local, "short", locale=locale), order,
                         local.replace(second=0, microsecond=0), f"{locale} CLDR short"))
            for layout in ORDER_LAYOUTS[order] + COMMON_LAYOUTS:
                text = moment.strftime(layout)
                reader = layout.replace("Z", "") if layout.endswith("Z") else layout
                truth = dt.datetime.strptime(text.rstrip("Z"), reader)
                if layout.endswith("Z"):
                    truth = truth.replace(tzinfo=dt.UTC)
                rows.append((text, order, utc(truth), f"{order} {layout}"))
            for timespec in ("minutes", "seconds", "milliseconds", "microseconds"):
                text = moment.isoformat(timespec=timespec)
                rows.append((text, order, utc(dt.datetime.fromisoformat(text)),
                             f"ISO 8601 {timespec}"))
            text = email.utils.format_datetime(moment.replace(microsecond=0))
            rows.append((text, order, utc(email.utils.parsedate_to_datetime(text)), "RFC 2822"))
    return rows


def dateutil_reading(text: str, order: str) -> dt.datetime | None:
    try:
        return utc(dateutil_parser.parse(text, dayfirst=order == "dmy",
                                         yearfirst=order == "ymd"))
    except (ValueError, OverflowError):
        return None


@pytest.fixture(scope="module")
def readings(tmp_path_factory):
    rows = corpus()
    out = macro_readings(
        {order: f"{{{{ parse_timestamp('input_text', order='{order}') }}}}"
         for order in ("mdy", "dmy", "ymd")},
        [text for text, *_rest in rows], tmp_path_factory.mktemp("timestamps"))
    return rows, out


def test_no_wrong_timestamp_and_every_four_digit_year_read(readings):
    rows, out = readings
    wrong, missed = [], []
    for i, (text, order, truth, how) in enumerate(rows):
        got = out[order][i]
        if got is not None and got != truth:
            wrong.append((text, order, got, truth, how))
        if got is None and str(truth.year) in text:
            missed.append((text, order, how))
    assert wrong == []
    assert len(rows) > 9 * PER_LOCALE * 15
    assert missed == [], f"{len(missed)} of {len(rows)} not read: {missed[:20]}"


def test_agrees_with_dateutil_where_it_reads_the_truth(readings):
    rows, out = readings
    tally = Counter()
    for i, (text, order, truth, _how) in enumerate(rows):
        reference = dateutil_reading(text, order)
        got = out[order][i]
        if reference is None:
            tally["parsed where the reference gave null" if got else "both null"] += 1
        elif got is None:
            tally["null where the reference parsed"] += 1
        else:
            tally["agree" if got == reference else "different"] += 1
        # a two-digit year is read by dateutil with a guessed century
        # (within 50 years of today): not an unambiguous reading
        if reference == truth and str(truth.year) in text:
            tally["reference read the truth"] += 1
            tally["agree where the reference read the truth"] += got == reference
    print(dict(tally))
    share = tally["agree where the reference read the truth"] / tally["reference read the truth"]
    assert share >= 0.99, (share, dict(tally))


def test_the_order_hint_decides_only_all_number_dates(readings):
    """ISO, RFC 2822 and named months read the same under every hint."""
    rows, out = readings
    for i, (text, _order, _truth, how) in enumerate(rows):
        if how.startswith(("ISO", "RFC")) or "%b" in how:
            assert len({out[o][i] for o in ("mdy", "dmy", "ymd")}) == 1, (text, how)
