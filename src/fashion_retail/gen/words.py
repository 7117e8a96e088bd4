"""Word lists for the privacy layer's free-text scrubber.

``person_name_words()``: every word of the first and last names Faker knows in
the name locales below (a name gazetteer: dictionary-based name detection, the
way simple PII scrubbers find names they were not told about). ``COMMON_WORDS``:
frequent English words that are also someone's name somewhere ("will", "may",
"price", "in", "no"); the scrubber leaves them in text, and the privacy tests
do not count them as names, because in a sentence they are almost always the
word, not the person.
"""

from __future__ import annotations

import re
import unicodedata

from fashion_retail.gen import vocab
from fashion_retail.gen.pools import provider_class

# the generator's locales plus the other Latin-script locales a US retailer's
# customers commonly write in
NAME_LOCALES = tuple(dict.fromkeys([
    *vocab.PERSON_LOCALES, "en_CA", "en_AU", "en_IE", "es_ES", "pt_PT", "nl_NL", "pl_PL",
    "sv_SE", "da_DK", "no_NO", "fi_FI", "cs_CZ", "tr_TR", "vi_VN", "fil_PH", "id_ID",
]))

_COMMON_WORDS_TEXT = """
a about above after again against all also am an and any are as ask asked at away back
be because been before being below best better between big both brown but by call came
can cannot card case cm come could day days de del did do does doing done door down
during each early east end even ever every few fine first fit for from front full
gift give go going good got gray great green grey had has have having he her here hers
him his home hope how i if in include into is it its just keep kind large larger last
late leave left less let like line little long look love made make many march may me
more most much must my near need new next no nor north not now of off old on once one
only or other our out over own page park please price put rather read ready rich right
rose said same say see send shall she should small so some soon south spring still
store such summer sure take tell than thank thanks that the their them then there these
they this those through time to too top under until up upon us very wait want was way
we week well were west what when where which while white who whom why will winter
with within without wood would wrap yes yet you young your
"""
COMMON_WORDS = frozenset(_COMMON_WORDS_TEXT.split())


def _words(name: str) -> list[str]:
    text = unicodedata.normalize("NFC", name).lower()
    return re.findall(r"[^\W\d_']+(?:'[^\W\d_]+)?", text)


def person_name_words() -> list[str]:
    """Sorted, distinct name words of two letters or more, common words left out."""
    found: set[str] = set()
    for locale in NAME_LOCALES:
        try:
            person = provider_class("person", locale)
        except AttributeError:
            continue
        for attribute in ("first_names", "first_names_female", "first_names_male",
                          "first_names_nonbinary", "last_names"):
            values = getattr(person, attribute, ())
            for value in (values.keys() if isinstance(values, dict) else values):
                found.update(_words(value))
    return sorted(w for w in found if len(w) >= 2 and w not in COMMON_WORDS)
