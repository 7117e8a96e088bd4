"""Customers' free-text notes on orders: delivery, gift and alteration requests.

About one order in eight carries a note, and most notes name someone or give a
phone number or an e-mail address, the way real order notes do ("Leave the
parcel with Maria Lopez next door", "Call Tom on (415) 555-0199"). Names come
from the same locale pools as the customers' and employees' names, so the
privacy layer's scrubber meets the names it must know. Notes are clean text
(no injected defects): they exist to be anonymized, not repaired.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from fashion_retail.gen import text, vocab
from fashion_retail.gen.entities import email_local
from fashion_retail.gen.pools import Pools, draw_people, us_phones
from fashion_retail.gen.rng import choice, draw

NOTE_SHARE = 0.12

# {first} {last} {phone} {email}: the note's person and contact details
TEMPLATES = (
    "Gift for {first}, please include a gift receipt",
    "Please call {phone} when the parcel arrives",
    "Leave the parcel with {first} {last} next door",
    "Send the invoice to {email}",
    "{first} will collect it in store",
    "Call {first} on {phone} before delivery",
    "Gift for {first} {last}, no price tags please",
    "Questions about the fit: {email} or {phone}",
    "Alterations: shorten the hem by 2 cm",
    "Customer asked for a fitting appointment next week",
    "Gift wrap, no price tags",
    "Exchange for a larger size if it does not fit",
)
TEMPLATE_WEIGHTS = np.array([10, 8, 8, 6, 8, 6, 5, 4, 10, 8, 12, 10], dtype=float)


# phone numbers as people type them
PHONE_WRITINGS = ["{e164}", "({a}) {e}-{n}", "{a}-{e}-{n}", "{a}.{e}.{n}"]


def _phone_writings(rng: np.random.Generator, n: int) -> np.ndarray:
    """Phone numbers as people type them: +15551234567, (555) 123-4567, ..."""
    e164 = pa.array(us_phones(rng, n), pa.string())
    style = rng.integers(0, 4, n)
    return text.fill(PHONE_WRITINGS, style, {
        "e164": e164, "a": pc.utf8_slice_codeunits(e164, 2, 5),
        "e": pc.utf8_slice_codeunits(e164, 5, 8), "n": pc.utf8_slice_codeunits(e164, 8, 12)})


def order_notes(rng: np.random.Generator, pools: Pools, n: int) -> np.ndarray:
    """A note or None for each of ``n`` orders."""
    notes = np.full(n, None, dtype=object)
    has_note = np.flatnonzero(rng.random(n) < NOTE_SHARE)
    k = len(has_note)
    if not k:
        return notes
    genders = draw(rng, vocab.GENDERS, k)
    locales = draw(rng, vocab.PERSON_LOCALES, k)
    first, last = draw_people(pools, rng, genders, locales)
    domains = choice(rng, vocab.EMAIL_DOMAINS, k)
    email = email_local(first, last, rng) + "@" + domains
    phone = _phone_writings(rng, k)
    template = rng.choice(len(TEMPLATES), size=k, p=TEMPLATE_WEIGHTS / TEMPLATE_WEIGHTS.sum())
    fields = {"first": first, "last": last, "phone": phone, "email": email}
    written = text.fill(list(TEMPLATES), template,
                        {name: pa.array(values, pa.string()) for name, values in fields.items()})
    notes[has_note] = written
    return notes

