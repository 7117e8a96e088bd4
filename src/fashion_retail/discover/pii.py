"""The PII class and proposed privacy operation of a column, and a table's
access level.

The class follows the semantic type, and the table decides what a place or a
date means: a city is a quasi-identifier in a table about people (one that
holds a direct identifier: a name, an e-mail, a phone) and nothing in a table
of stores. The operations are the ones the privacy layer already has
(``macros/anonymization/``): names and street addresses are dropped, e-mails
redacted, phones given keyed noise, birth dates released as age bands,
postal codes cut to their first characters, a person's money (a salary)
banded, free text scrubbed of e-mails, phones and names, secrets dropped.
"""

from __future__ import annotations

from fashion_retail.discover.semantic import name_words

DIRECT = {
    "email": "redact_email", "phone": "add_phone_noise", "first_name": "drop",
    "last_name": "drop", "full_name": "drop", "username": "pseudonymize",
    "payment_card": "drop", "national_id": "hash",
    "ip_address": "hash",
}
# identifying only in a table about people (a store's address is not personal)
PERSONAL_ADDRESS = {"street_address": "drop"}
# quasi-identifiers only in a table about people
QUASI = {
    "birth_date": "generalize_age", "age": "generalize_age", "gender": "none",
    "postal_code": "generalize_postal_code", "city": "drop", "region": "none",
}
# money that says something about a person
SENSITIVE_MONEY = ("salary", "wage", "income", "gehalt", "jahresgehalt", "lohn", "salaire",
                   "salario", "stipendio", "bonus", "compensation", "payroll")
# parts of a person's life and body, stored as numbers (birthYear, height)
BODY_AND_LIFE = ("birth", "death", "height", "weight", "geburt", "tod", "gewicht",
                 "körpergröße", "naissance", "deces", "décès", "peso", "altura")
SENSITIVE_WORDS = ("health", "diagnosis", "religion", "ethnicity", "race", "disability",
                   "medical", "sexual", "union", "criminal", "political")


def person_table(types: dict[str, str]) -> bool:
    """Whether the table holds people: it has a direct identifier of a person."""
    return any(kind in ("email", "phone", "first_name", "last_name", "full_name",
                        "username", "national_id", "payment_card") for kind in types.values())


def classify(column: str, kind: str, people: bool, personal: bool = False
             ) -> tuple[str, str, str]:
    """(pii_class, privacy_operation, reason)."""
    if kind == "secret":
        return "secret", "drop", "a secret (password, token, key): never released"
    if kind in DIRECT:
        return "direct_identifier", DIRECT[kind], f"{kind.replace('_', ' ')} identifies a person"
    if kind in PERSONAL_ADDRESS:
        if people:
            return "direct_identifier", PERSONAL_ADDRESS[kind], "a person's street address"
        return "none", "none", "an address in a table that holds no person"
    words = name_words(column)
    if any(w.startswith(SENSITIVE_WORDS) for w in words):
        return "sensitive", "drop", "named as special-category data (GDPR art. 9)"
    if kind in QUASI:
        if people:
            return "quasi_identifier", QUASI[kind], \
                f"{kind.replace('_', ' ')} of a person: singles people out in combination"
        return "none", "none", f"{kind.replace('_', ' ')} in a table that holds no person"
    if kind in ("money", "number") and any(w.startswith(SENSITIVE_MONEY) for w in words):
        return "sensitive", "generalize_amount", "a person's pay"
    if people and kind in ("number", "quantity", "date") and any(
            w.startswith(BODY_AND_LIFE) for w in words):
        operation = "generalize_age" if any(w.startswith("birth") for w in words) else "drop"
        return "quasi_identifier", operation, \
            "a person's birth, death or body measure: singles people out in combination"
    if kind == "free_text" and personal:
        return "direct_identifier", "scrub_text", \
            "free text holding e-mails, phone numbers or names verbatim"
    return "none", "none", "not personal data"


def access(classes: list[str], kinds: list[str]) -> tuple[str, str]:
    """(access level, reason) of a table from its columns' classes and types:
    restricted with a direct identifier, secret or sensitive column; internal
    with quasi-identifiers or money (the business's own figures); public
    otherwise."""
    if any(c in ("direct_identifier", "secret", "sensitive") for c in classes):
        return "restricted", "holds direct identifiers, secrets or sensitive data"
    if "quasi_identifier" in classes:
        return "internal", "holds quasi-identifiers"
    if "money" in kinds:
        return "internal", "holds the business's money figures"
    return "public", "holds no personal data and no money figures"
