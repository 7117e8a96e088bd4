"""The anonymization benchmark runs, and pandas and the macros agree on every row.

The benchmark's pandas functions restate the macros' rules (keyed pseudonyms,
e-mail domains, age bands, keyed phone substitutes) in Python; the run checks
both give the same value on every row, so this test also cross-checks the
macros against an independent implementation.
"""

from __future__ import annotations

from fashion_retail_bench import anonymize as bench


def test_benchmark_runs_and_engines_agree(tmp_path):
    out = tmp_path / "anonymization.md"
    assert bench.main(["--scale", "0.02", "--repeat", "1", "--out", str(out)]) == 0
    text = out.read_text()
    assert "| customers: pseudonym, e-mail domain, age band, phone substitute |" in text
    assert "speed-up" in text


def test_python_rules_match_the_documented_examples():
    assert bench.email_domain(" John.Doe@Gmail.COM ") == "gmail.com"
    assert bench.email_domain("not an email") is None
    substitute = bench.phone_substitute(b"k" * 32, {"1", "44", "351"})
    assert substitute("+447911123456").startswith("+44") and len(substitute(
        "+447911123456")) == 13
    assert substitute("5551234567") is None
    import datetime as dt
    assert bench.age_band(dt.date(1990, 12, 31)) == "30-39"
    assert bench.age_band(dt.date(1935, 12, 31)) == "90+"


def test_bad_arguments_are_refused(capsys):
    import pytest
    with pytest.raises(SystemExit):
        bench.main(["--scale", "0"])
    assert "--scale must be positive" in capsys.readouterr().err
