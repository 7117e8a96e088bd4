"""Render the reference seeds from the retailer's vocabulary.

``seeds/reference/canonical_values.csv``:

One row per (domain, spelling): every canonical value spells itself, and every
known synonym or abbreviation maps to its canonical value: the generator's
vocabulary, and spellings from well-kept sources that real exports use: a
country's ISO 3166 alpha-2 and alpha-3 codes and names (pycountry) and its name
in each market language (CLDR, through Babel); each state's USPS code and AP
abbreviation (the `us` package); the usual size writings. The cleansing macro
``canonicalize(expr, domain)`` looks values up here by their key (spelling_key:
case, accents, spaces and punctuation aside) before falling back to fuzzy
matching for typos; two canonical values sharing a key is an error.

``seeds/reference/sale_periods.csv``: the sale calendar the generator's demand
follows, for ``dim_dates``.
``seeds/reference/person_names.csv`` and ``common_words.csv``: the name gazetteer
and the common English words of the privacy layer's free-text scrubber (see
``words.py``). ``--check`` exits 1 when a committed file is stale.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from pathlib import Path

from fashion_retail.gen import curves, vocab, words

#: the languages of the project's markets (country names are read in each)
MARKET_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl")
#: size writings real exports use that the generator never writes
SIZE_SPELLINGS = {
    "XS": ["XSmall", "Extra-Small"], "S": ["SM"], "M": ["MD"], "L": ["LG"],
    "XL": ["1XL", "X Large"], "XXL": ["2X", "2X-Large", "Extra Extra Large"],
    "One Size": ["OSFA", "One Size Fits All", "OSFM", "One Size Fits Most", "Taille unique",
                 "Talla única", "Taglia unica", "Einheitsgröße", "Tamanho único",
                 "Eén maat"],
}
#: how a numeric size is written with its system's name ('38 EU', 'W32', '32W')
NUMERIC_SIZE_SPELLINGS = ("Size {}", "EU {}", "{} EU", "W{}", "{}W")
#: how a letter size is written with a word around it ('Size M')
LETTER_SIZE_SPELLINGS = ("Size {}",)

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


def spelling_key(text: str) -> str:
    """What canonicalize compares: lower case, accents dropped (NFD without
    combining marks), letters and digits only ('U.S.A.' and 'usa' are one)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    unaccented = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "", unaccented)


def country_spellings(canonical: str, locale: str) -> list[str]:
    """A country's ISO 3166 codes and names and its name in each market
    language, from the territory of its locale ('it_IT' -> IT)."""
    import pycountry
    from babel import Locale

    territory = Locale.parse(locale).territory
    country = pycountry.countries.get(alpha_2=territory)
    names = [country.alpha_2, country.alpha_3, country.name,
             getattr(country, "official_name", None), getattr(country, "common_name", None)]
    names += [Locale(language).territories[territory] for language in MARKET_LANGUAGES]
    return [name for name in names if name]


def state_spellings(canonical: str) -> list[str]:
    """A state's name and AP abbreviation (the `us` package), and the
    abbreviations the generator writes."""
    import us

    state = us.states.lookup(canonical)
    spellings = [vocab.STATE_NAMES[canonical], state.ap_abbr]
    if canonical in vocab.STATE_ABBREVIATIONS_AP:
        spellings.append(vocab.STATE_ABBREVIATIONS_AP[canonical])
    return [spelling for spelling in spellings if spelling]


def rows() -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    locales = {name: locale for name, locale, *_ in vocab.SELLER_COUNTRIES}
    for domain, canonical_values in domains().items():
        owner: dict[str, str] = {}
        for canonical in canonical_values:
            spellings = [canonical]
            if domain == "country":
                spellings += vocab.COUNTRY_SPELLINGS.get(canonical, [])
                spellings += country_spellings(canonical, locales[canonical])
            elif domain == "us_state":
                spellings += state_spellings(canonical)
            elif domain == "size":
                patterns = (NUMERIC_SIZE_SPELLINGS if canonical.isdigit()
                            else LETTER_SIZE_SPELLINGS if canonical in SIZE_SPELLINGS
                            and canonical != "One Size" else ())
                spellings += vocab.SYNONYMS.get(canonical, [])
                spellings += SIZE_SPELLINGS.get(canonical, [])
                spellings += [pattern.format(canonical) for pattern in patterns]
            else:
                spellings += vocab.SYNONYMS.get(canonical, [])
            for spelling in spellings:
                key = spelling_key(spelling)
                if key in owner:
                    if owner[key] != canonical:
                        raise ValueError(f"{domain}: '{spelling}' names both {owner[key]} "
                                         f"and {canonical}")
                    continue
                owner[key] = canonical
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
