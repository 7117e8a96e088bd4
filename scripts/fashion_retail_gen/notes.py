"""Customers' free-text notes on orders: delivery, gift and alteration requests.

About one order in eight carries a note, and most notes name someone or give a
phone number or an e-mail address, the way real order notes do ("Leave the
parcel with Maria Lopez next door", "Call Tom on (415) 555-0199"). Names come
from the same locale pools as the customers' and employees' names, so the
privacy layer's scrubber meets the names it must know. Notes are clean text
(no injected defects): they exist to be anonymized, not repaired.
"""

from __future__ import annotations

import string

import numpy as np

from fashion_retail_gen import vocab
from fashion_retail_gen.entities import email_local
from fashion_retail_gen.pools import Pools, draw_people, us_phones
from fashion_retail_gen.rng import choice, draw

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


def _phone_writings(rng: np.random.Generator, n: int) -> np.ndarray:
    """Phone numbers as people type them: +15551234567, (555) 123-4567, ..."""
    e164 = us_phones(rng, n)
    digits = np.array([p[2:] for p in e164], dtype=object)
    area = np.array([d[:3] for d in digits], dtype=object)
    exchange = np.array([d[3:6] for d in digits], dtype=object)
    line = np.array([d[6:] for d in digits], dtype=object)
    style = rng.integers(0, 4, n)
    return np.where(style == 0, e164,
           np.where(style == 1, "(" + area + ") " + exchange + "-" + line,
           np.where(style == 2, area + "-" + exchange + "-" + line,
                    area + "." + exchange + "." + line)))


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
    fields = {"first": np.asarray(first, dtype=object), "last": np.asarray(last, dtype=object),
              "phone": np.asarray(phone, dtype=object), "email": np.asarray(email, dtype=object)}
    written = np.empty(k, dtype=object)
    for t, parts in enumerate(_TEMPLATE_PARTS):
        rows = np.flatnonzero(template == t)
        if not len(rows):
            continue
        # literal text and fields joined column-wise: no per-row format call
        text = np.full(len(rows), "", dtype=object)
        for literal, name in parts:
            text = text + literal
            if name:
                text = text + fields[name][rows]
        written[rows] = text
    notes[has_note] = written
    return notes


_TEMPLATE_PARTS = [[(literal, name) for literal, name, _, _ in string.Formatter().parse(t)]
                   for t in TEMPLATES]
