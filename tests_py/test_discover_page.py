"""The discovery page: mask() per privacy operation, and a page rendered from a
hand-built discovery that shows none of its direct identifiers' raw values,
loads nothing and names every table and column."""

from __future__ import annotations

import re

import pytest

from fashion_retail.discover.page import column_operation, mask, render, shape, write_page


# ---------------------------------------------------------------- mask
@pytest.mark.parametrize(("value", "operation", "kwargs", "expected"), [
    ("jane.doe@gmail.com", "none", {}, "jane.doe@gmail.com"),
    ("jane.doe@gmail.com", "drop", {}, "withheld (drop)"),
    ("jane.doe@gmail.com", "redact_email", {}, "j******e@g***l.com"),
    ("jo@mail.example.co.uk", "redact_email", {}, "j*@m**l.e*****e.c*.uk"),
    ("+44 7700 900123", "add_phone_noise", {}, "+44 xxxx xxxxxx"),
    ("2021-03-15", "generalize_date", {}, "2021-03"),
    ("2021-03-15T10:11:12Z", "generalize_date", {}, "2021-03"),
    ("15/03/2021", "generalize_date", {"order": "dmy"}, "2021-03"),
    ("03/15/2021", "generalize_date", {"order": "mdy"}, "2021-03"),
    ("05/04/2021", "generalize_date", {}, "2021"),
    ("37", "generalize_age", {}, "30-39"),
    ("1985-06-01", "generalize_age", {}, "1985"),
    ("75011", "generalize_postal_code", {}, "750**"),
    ("SW1A 1AA", "generalize_postal_code", {}, "SW1**"),
    ("45123.50", "generalize_amount", {}, "40000-49999"),
    ("1.234,56", "generalize_amount", {"decimal_separator": ","}, "1000-1999"),
    ("€ 45,50", "generalize_amount", {}, "40-49"),
    ("7", "generalize_amount", {}, "0-9"),
    ("Call Jane on 0612345678", "scrub_text", {}, "withheld (scrub_text)"),
    ("anything", "no_such_operation", {}, "withheld (no_such_operation)"),
    ("not a date", "generalize_date", {}, "withheld (generalize_date)"),
    (None, "none", {}, ""),
])
def test_mask_per_operation(value, operation, kwargs, expected):
    assert mask(value, operation, **kwargs) == expected


@pytest.mark.parametrize("operation", ["pseudonymize", "hash"])
def test_keyed_operations_are_withheld(operation):
    """An unkeyed stand-in would be undone by hashing the likely values."""
    assert mask("alice.martin@example.com", operation) == f"withheld ({operation})"


def test_shapes_carry_no_letter_of_a_value():
    assert shape("Jöhn-42 x") == "Aaaa-99 a"
    assert shape("99.99.9999") == "99.99.9999"


@pytest.mark.parametrize(("pii_class", "proposed", "used"), [
    ("direct_identifier", "none", "drop"),
    ("direct_identifier", "generalize_postal_code", "drop"),
    ("secret", "scrub_text", "drop"),
    ("direct_identifier", "redact_email", "redact_email"),
    ("direct_identifier", "pseudonymize", "pseudonymize"),
    ("quasi_identifier", "generalize_postal_code", "generalize_postal_code"),
    ("none", "none", "none"),
])
def test_identifiers_are_never_shown_as_they_are(pii_class, proposed, used):
    assert column_operation({"pii_class": pii_class, "privacy_operation": proposed}) == used


# ---------------------------------------------------------------- page
FORMAT = {"order": None, "decimal_separator": None, "currency": None, "default_region": None}


def _column(name, physical, semantic, pii, operation, evidence=(), **fmt):
    return {"name": name, "physical_type": physical, "semantic_type": semantic,
            "confidence": 0.9, "pii_class": pii, "privacy_operation": operation,
            "format": {**FORMAT, **fmt}, "null_rate": 0.05, "distinct": 3,
            "evidence": list(evidence)}


def _profile(name, top=(), lo=None, hi=None, shapes=(), histogram=None, timeline=None,
             lengths=None):
    return {"name": name, "physical_type": "VARCHAR", "rows": 100, "nulls": 5,
            "null_like": 1, "distinct": 3, "min": lo, "max": hi, "min_length": 2,
            "max_length": 30, "mean_length": 12.5, "top_values": [list(t) for t in top],
            "shapes": [list(s) for s in shapes], "histogram": histogram,
            "timeline": timeline, "lengths": lengths}


EMAILS = ["alice.martin@example.com", "bob.stone@example.org", "carla.diaz@mail.net"]
PHONES = ["+33 6 12 34 56 78", "+44 7700 900123", "+1 415 555 0199"]
FIRST_NAMES = ["Alice", "Roberto", "Carla"]
LAST_NAMES = ["Martinez", "Stonebridge", "Diazabal"]
PASSWORDS = ["hunter2hunter2", "s3cr3t-passw0rd", "correct-horse-battery"]
#: raw values that must not be on the page, however they are disguised
SECRETS = [*EMAILS, *PHONES, *FIRST_NAMES, *LAST_NAMES, *PASSWORDS,
           "alice.martin", "bob.stone", "carla.diaz", "12 34 56 78", "900123", "555 0199"]


def _top(values):
    return [(v, 10 - i) for i, v in enumerate(values)]


@pytest.fixture()
def discovery_and_profiles():
    customers = [
        _column("customer_id", "BIGINT", "identifier", "none", "none"),
        _column("email", "VARCHAR", "email", "direct_identifier", "redact_email",
                [f"values look like e-mail addresses, e.g. {EMAILS[0]}"]),
        _column("phone", "VARCHAR", "phone", "direct_identifier", "add_phone_noise",
                default_region="FR"),
        _column("first_name", "VARCHAR", "first_name", "direct_identifier", "pseudonymize",
                [f"found in the first-name list: {FIRST_NAMES[1]}"]),
        # an operation that would leave the value readable: the page withholds it
        _column("last_name", "VARCHAR", "last_name", "direct_identifier", "none"),
        _column("password", "VARCHAR", "secret", "secret", "drop"),
        _column("birth_date", "DATE", "birth_date", "quasi_identifier", "generalize_date",
                order="ymd"),
        _column("country", "VARCHAR", "country", "none", "none"),
    ]
    orders = [
        _column("order_id", "BIGINT", "identifier", "none", "none"),
        _column("customer_id", "BIGINT", "identifier", "none", "none"),
        _column("amount", "VARCHAR", "money", "none", "none", decimal_separator=",",
                currency="EUR"),
        _column("ordered_at", "TIMESTAMP", "timestamp", "none", "none"),
        _column("notes", "VARCHAR", "free_text", "sensitive", "scrub_text"),
        _column("unprofiled", "VARCHAR", "category", "none", "none"),
    ]
    discovery = {
        "version": 1,
        "tables": [
            {"name": "customers", "source": "customers.csv", "rows": 100,
             "primary_key": ["customer_id"], "access": "restricted", "columns": customers},
            {"name": "orders.lines", "source": "orders.jsonl", "rows": 2500,
             "primary_key": None, "access": "internal", "columns": orders},
        ],
        "foreign_keys": [{"from_table": "orders.lines", "from_columns": ["customer_id"],
                          "to_table": "customers", "to_columns": ["customer_id"],
                          "coverage": 0.987}],
        "functional_dependencies": [{"table": "customers", "determinant": ["customer_id"],
                                     "dependent": ["country"]}],
        "entities": [{"table": "customers", "entity": "person_contact",
                      "columns": ["email", "phone", "first_name", "last_name"]}],
    }
    profiles = {
        "customers": {
            "customer_id": _profile("customer_id", lo="1", hi="100",
                                    histogram=[[1, 50, 50], [50, 100, 50]]),
            "email": _profile("email", _top(EMAILS), EMAILS[0], EMAILS[2],
                              [("aaaaa.aaaaaa@aaaaaaa.aaa", 0.9)],
                              lengths=[[20, 40], [24, 30], [30, 25]]),
            "phone": _profile("phone", _top(PHONES), PHONES[2], PHONES[0],
                              [("+99 9 99 99 99 99", 0.6)], lengths=[[15, 60], [17, 35]]),
            "first_name": _profile("first_name", _top(FIRST_NAMES), FIRST_NAMES[0],
                                   FIRST_NAMES[1], [("Aaaaa", 0.7)],
                                   lengths=[[5, 70], [7, 25]]),
            "last_name": _profile("last_name", _top(LAST_NAMES), LAST_NAMES[2],
                                  LAST_NAMES[1], [("Mbbbbbbb", 0.7)],
                                  histogram=[[0, 1, 3]], timeline=[["2020-01", 3]],
                                  lengths=[[8, 40], [11, 55]]),
            "password": _profile("password", _top(PASSWORDS), PASSWORDS[0], PASSWORDS[2],
                                 lengths=[[14, 50], [21, 45]]),
            "birth_date": _profile("birth_date", [("1985-06-01", 2)], "1950-01-02",
                                   "2005-12-31",
                                   timeline=[["1985-06", 40], ["1985-07", 10],
                                             ["1990-01", 45]]),
            "country": _profile("country", [("FR", 60), ("GB", 30), ("US", 5)], "FR", "US",
                                [("AA", 1.0)]),
        },
        "orders.lines": {
            "order_id": _profile("order_id", lo="1", hi="2500", histogram=None),
            "customer_id": _profile("customer_id", lo="1", hi="100"),
            "amount": _profile("amount", lo="1,50", hi="999,99",
                               histogram=[[0, 100, 2000], [100, 500, 450], [500, 1000, 50]]),
            "ordered_at": _profile("ordered_at", lo="2021-01-01 10:00:00",
                                   hi="2022-12-31 18:00:00",
                                   timeline=[["2021-01", 100], ["2021-02", 120],
                                             ["2022-12", 90]]),
            "notes": _profile("notes", [("Please call Alice Martinez at 0612345678", 2)],
                              "Leave with Roberto", "ring twice",
                              lengths=[[10, 30], [40, 20]]),
        },
    }
    return discovery, profiles


def _chart(page: str, column: str) -> str:
    """The one figure drawn for ``column`` (an id ending in its name)."""
    found = re.findall(rf'<svg [^>]*data-chart="[^"]*-{column}".*?</svg>', page, re.S)
    assert len(found) == 1, column
    return found[0]


def test_the_page_shows_no_identifier_value(discovery_and_profiles):
    page = render(*discovery_and_profiles)
    lowered = page.lower()
    for raw in SECRETS:
        assert raw.lower() not in lowered, raw
    assert "Mbbbbbbb" not in page  # a shape is folded to a/A/9 whatever the profile says
    # but the masked forms are there, so the page did show the columns
    assert "a**********n@e*****e.com" in page
    assert "+1 xxx xxx xxxx" in page
    assert "withheld (pseudonymize)" in page
    assert "withheld (drop)" in page
    assert "withheld (scrub_text)" in page
    assert "1950-01" in page and "1950-01-02" not in page  # birth dates to the month


def test_the_page_is_static_and_names_every_table_and_column(discovery_and_profiles, tmp_path):
    discovery, profiles = discovery_and_profiles
    out = tmp_path / "discover" / "index.html"
    write_page(discovery, profiles, out)
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert "<script" not in page.lower()
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', page)
    assert "url(" not in page and "@import" not in page
    for table in discovery["tables"]:
        assert f">{table['name']}</h2>" in page
        for column in table["columns"]:
            assert f"<td>{column['name']}</td>" in page, column["name"]
    assert "98.7%" in page  # foreign key coverage
    assert "person_contact" in page


def test_each_column_gets_the_chart_its_type_calls_for(discovery_and_profiles):
    page = render(*discovery_and_profiles)
    assert "<polyline" in _chart(page, "ordered_at")  # a timeline
    assert "0 to 100" in _chart(page, "amount")  # a histogram
    assert ">FR</text>" in _chart(page, "country")  # top values
    assert ">20</text>" in _chart(page, "email")  # lengths, not values
    # birth dates by month, as generalize_date keeps them
    assert "<polyline" in _chart(page, "birth_date")
    # a withheld identifier: its lengths, though its profile has a histogram too
    last_name = _chart(page, "last_name")
    assert ">11</text>" in last_name and "0 to 1" not in last_name
    assert not re.search(r'data-chart="[^"]*-password"', page)  # nothing of a secret
    assert not re.search(r'data-chart="[^"]*-order_id"', page)  # no histogram: no chart
    assert "no profile" in page  # orders.lines.unprofiled


def test_missing_pieces_do_not_break_the_page():
    page = render({"version": 1, "tables": [{"name": "bare", "columns": [{"name": "x"}]}]},
                  {"bare": {"x": {"name": "x"}}})
    assert ">bare</h2>" in page and "<td>x</td>" in page
    assert page.count("None found.") == 3
