"""Render the reference seeds from the retailer's vocabulary.

``seeds/reference/canonical_values.csv``:

One row per (domain, spelling): every canonical value spells itself, and every
known synonym or abbreviation maps to its canonical value. The cleansing macro
``canonicalize(expr, domain)`` looks values up here (case-insensitively) before
falling back to fuzzy matching for typos. ``seeds/reference/sale_periods.csv``:
the sale calendar the generator's demand follows, for ``dim_dates``.
``seeds/reference/person_names.csv`` and ``common_words.csv``: the name gazetteer
and the common English words of the privacy layer's free-text scrubber (see
``words.py``). ``--check`` exits 1 when a committed file is stale.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from fashion_retail.gen import curves, vocab, words

PATH = Path("seeds/reference/canonical_values.csv")
SALE_PERIODS_PATH = Path("seeds/reference/sale_periods.csv")
PERSON_NAMES_PATH = Path("seeds/reference/person_names.csv")
COMMON_WORDS_PATH = Path("seeds/reference/common_words.csv")


def domains() -> dict[str, list[str]]:
    sizes = [s for system in vocab.SIZE_SYSTEMS.values() for s in system]
    materials = sorted({m for c in vocab.CATEGORIES.values() for m in c["materials"]})
    jobs = [*vocab.STORE_JOBS, *vocab.ONLINE_JOBS, vocab.REGIONAL_JOB["title"],
            vocab.HEAD_JOB["title"]]
    return {
        "product_category": list(vocab.CATEGORIES),
        "size": list(dict.fromkeys(sizes)),
        "colour": list(vocab.COLOURS),
        "material": materials,
        "gender": list(vocab.GENDERS),
        "loyalty_tier": list(vocab.LOYALTY_TIERS),
        "brand_tier": list(vocab.BRAND_TIERS),
        "boolean": ["true", "false"],
        "channel": ["store", "online"],
        "payment_method": sorted(set(vocab.PAYMENT_METHODS_STORE)
                                 | set(vocab.PAYMENT_METHODS_ONLINE)),
        "job_title": jobs,
        "country": [c[0] for c in vocab.SELLER_COUNTRIES],
        "us_state": list(vocab.STATE_NAMES),
    }


def rows() -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for domain, canonical_values in domains().items():
        for canonical in canonical_values:
            spellings = [canonical]
            if domain == "country":
                spellings += vocab.COUNTRY_SPELLINGS.get(canonical, [])
            elif domain == "us_state":
                spellings += [vocab.STATE_NAMES[canonical]]
                if canonical in vocab.STATE_ABBREVIATIONS_AP:
                    spellings.append(vocab.STATE_ABBREVIATIONS_AP[canonical])
            elif domain == "size" and canonical.isdigit():
                spellings += [f"Size {canonical}", f"EU {canonical}", f"W{canonical}"]
            else:
                spellings += vocab.SYNONYMS.get(canonical, [])
            seen = set()
            for spelling in spellings:
                key = spelling.lower().rstrip(".")
                if key not in seen:
                    seen.add(key)
                    out.append((domain, spelling, canonical))
    return out


def render() -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["domain", "spelling", "canonical"])
    writer.writerows(rows())
    return buf.getvalue()


def render_sale_periods() -> str:
    """The retail calendar's sale periods, as the generator's demand uses them."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["sale_period", "start_month", "start_day", "end_month", "end_day"])
    for name, m0, d0, m1, d1, *_ in curves.SALE_PERIODS:
        writer.writerow([name, m0, d0, m1, d1])
    return buf.getvalue()


def render_word_list(header: str, values) -> str:
    return header + "\n" + "".join(f"{value}\n" for value in values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fashion_retail.gen.reference",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--project-dir", type=Path, default=Path("."))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    stale = []
    rendered = (
        (PATH, render()),
        (SALE_PERIODS_PATH, render_sale_periods()),
        (PERSON_NAMES_PATH, render_word_list("name_word", words.person_name_words())),
        (COMMON_WORDS_PATH, render_word_list("word", sorted(words.COMMON_WORDS))),
    )
    for rel, text in rendered:
        path = args.project_dir / rel
        if path.exists() and path.read_text() == text:
            continue
        if args.check:
            stale.append(str(rel))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        print(f"wrote {rel}")
    if stale:
        print(f"out of date (run python -m fashion_retail.gen.reference): {', '.join(stale)}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
