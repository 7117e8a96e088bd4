"""The currency markers parse_amount reads (macros/cleansing/currency_markers.sql)
are what CLDR says today, and a marker several currencies write names none."""

from __future__ import annotations

from fashion_retail.cleansing import currency_markers

from conftest import PROJECT


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
